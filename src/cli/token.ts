// `npm run token -- --email admin@chibo.local [--hours 12]`: prints a bearer token for a user,
// signed with the configured secret (CHIBO_JWT_SECRET, or the data folder's jwt-secret). The
// store is not opened (a running embedded server holds it): the token is checked against the
// user when it is used. A data folder that holds no store (and no DATABASE_URL) is refused:
// a token minted there, with a secret made up on the spot, would be accepted by no server.
import { parseArgs } from 'node:util';
import { loadSigningKeys } from '../auth/signing-keys.js';
import { mintToken } from '../auth/tokens.js';
import { loadConfig } from '../config.js';
import { embeddedStoreDir, holdsEmbeddedStore } from '../db/data-folder.js';
import { DEMO_ADMIN_EMAIL } from '../seed/demo.js';

const { values } = parseArgs({ options: { email: { type: 'string', default: DEMO_ADMIN_EMAIL }, hours: { type: 'string', default: '12' } } });
const hours = Number(values.hours);
if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 90) {
  console.error(`--hours must be a whole number from 1 to 2160, got "${values.hours}"`);
  process.exit(2);
}
const config = loadConfig();
if (!config.databaseUrl && !holdsEmbeddedStore(config.dataDir)) {
  console.error(
    `Refused: the data folder ${config.dataDir} holds no store (${embeddedStoreDir(config.dataDir)} has none), and DATABASE_URL is not set, ` +
      'so no server would accept a token minted here. Run this where the server runs, with its CHIBO_DATA_DIR (or its DATABASE_URL); ' +
      'or make the store first: npm start (with a demo and its users), or npm run seed, then npm run user -- --email E --role ADMIN.',
  );
  process.exit(1);
}
try {
  console.log(await mintToken(await loadSigningKeys(config), config, values.email!.trim().toLowerCase(), hours));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
