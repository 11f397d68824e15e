// `npm run token -- --email admin@chibo.local [--hours 12]`: prints a bearer token for a user,
// signed with the configured secret (CHIBO_JWT_SECRET, or the data folder's jwt-secret). The
// store is not opened (a running embedded server holds it): the token is checked against the
// user when it is used.
import { parseArgs } from 'node:util';
import { loadSigningKeys } from '../auth/signing-keys.js';
import { mintToken } from '../auth/tokens.js';
import { loadConfig } from '../config.js';
import { DEMO_ADMIN_EMAIL } from '../seed/demo.js';

const { values } = parseArgs({ options: { email: { type: 'string', default: DEMO_ADMIN_EMAIL }, hours: { type: 'string', default: '12' } } });
const hours = Number(values.hours);
if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 90) {
  console.error(`--hours must be a whole number from 1 to 2160, got "${values.hours}"`);
  process.exit(2);
}
const config = loadConfig();
try {
  console.log(await mintToken(await loadSigningKeys(config), config, values.email!.trim().toLowerCase(), hours));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
