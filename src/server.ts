// Starts chibo: opens the store, applies migrations, seeds a demo province into an empty
// embedded store, and serves GraphQL at /graphql.
import { createServer } from 'node:http';
import { storeContext } from './access/viewer-store.js';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { useDatabase } from './db/client.js';
import { migrateDatabase, openConfiguredDatabase } from './db/database.js';
import { createSnapshot } from './features/snapshots/snapshots.service.js';
import { seedDemoIfEmpty } from './seed/demo.js';

const config = loadConfig();
const database = await openConfiguredDatabase(config);
useDatabase(database);
const migrations = await migrateDatabase(database);
if (migrations.applied.length > 0) console.log(`Applied migrations: ${migrations.applied.join(', ')}`);
if (database.kind === 'embedded' && (await seedDemoIfEmpty(database))) {
  // The demo's dashboards answer at once: its first snapshot builds in the background.
  await createSnapshot({ ctx: storeContext(database, null), input: { label: 'Dữ liệu mẫu' }, query: {} });
}

const yoga = createApp({ development: config.development });
const server = createServer(yoga);
server.listen(config.port, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const where = database.kind === 'embedded' ? `embedded store in ${config.dataDir}` : 'PostgreSQL';
  console.log(`chibo is serving GraphQL at http://localhost:${port}/graphql (${where})`);
});

async function shutdown(): Promise<void> {
  server.close();
  await database.close();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
