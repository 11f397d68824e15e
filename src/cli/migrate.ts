// `npm run db:migrate`: applies pending migrations to the configured store.
import { loadConfig } from '../config.js';
import { migrateDatabase, openConfiguredDatabase } from '../db/database.js';

const config = loadConfig();
const database = await openConfiguredDatabase(config);
try {
  const result = await migrateDatabase(database);
  for (const name of result.applied) console.log(`applied ${name}`);
  console.log(`${result.applied.length} applied, ${result.alreadyApplied.length} already applied (${database.kind} store)`);
} finally {
  await database.close();
}
