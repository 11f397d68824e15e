// `npm run db:migrate`: applies pending migrations to the configured store.
import { loadConfig } from '../config.js';
import { migrateDatabase } from '../db/database.js';
import { openStoreOrExit } from './open-store.js';

const config = loadConfig();
const database = await openStoreOrExit(config, 'npm run db:migrate', {
  server: () => 'The server applies pending migrations when it starts: restart it instead.',
  tool: () => 'Wait for it to finish, then run npm run db:migrate again.',
});
try {
  const result = await migrateDatabase(database);
  for (const name of result.applied) console.log(`applied ${name}`);
  console.log(`${result.applied.length} applied, ${result.alreadyApplied.length} already applied (${database.kind} store)`);
} finally {
  await database.close();
}
