// Starts chibo: opens the store, applies migrations, seeds a demo province into an empty
// embedded store, and serves GraphQL at /graphql.
import { createServer } from 'node:http';
import { storeContext } from './access/viewer-store.js';
import { configureQueryLanes } from './analytics/query-lanes.js';
import { createApp } from './app.js';
import { loadConfig, loadServingConfig, loadSnapshotScheduleConfig, RESERVED_THREADS } from './config.js';
import { useDatabase } from './db/client.js';
import { DataFolderBusyError, heldDataFolderLock, SERVER_COMMAND } from './db/data-folder-lock.js';
import { migrateDatabase, openConfiguredDatabase, type Database } from './db/database.js';
import { checkSnapshotStore } from './features/snapshots/snapshot-objects.js';
import { parseSchedule, startSnapshotSchedule } from './features/snapshots/snapshot-schedule.js';
import { recoverInterruptedReports } from './features/reports/reports.service.js';
import { createSnapshot, recoverInterruptedSnapshots, removeDeletedCopies } from './features/snapshots/snapshots.service.js';
import { seedDemoIfEmpty } from './seed/demo.js';

const config = loadConfig();
const serving = loadServingConfig();
const schedule = loadSnapshotScheduleConfig();
// A wrong expression stops the start with the reason, rather than a night without a snapshot.
if (schedule) parseSchedule(schedule.pattern);
configureQueryLanes(serving.lanes);
let database: Database;
try {
  database = await openConfiguredDatabase(config, { command: SERVER_COMMAND });
} catch (error) {
  if (!(error instanceof DataFolderBusyError)) throw error;
  console.error(`Refused: ${error.message} Stop that process first, or give this server a data folder of its own (CHIBO_DATA_DIR).`);
  process.exit(1);
}
useDatabase(database);
checkSnapshotStore(database.kind, process.env.CHIBO_SNAPSHOT_STORE);
const migrations = await migrateDatabase(database);
if (migrations.applied.length > 0) console.log(`Applied migrations: ${migrations.applied.join(', ')}`);
for (const id of await recoverInterruptedSnapshots()) {
  console.log(`Snapshot ${id} was being built when its process stopped: marked FAILED; the previous snapshot goes on serving.`);
}
for (const id of await recoverInterruptedReports({ atStart: true })) {
  console.log(`Report ${id} was being made when its process stopped: marked FAILED (interrupted); make it again.`);
}
const removed = await removeDeletedCopies();
if (removed.length > 0) console.log(`Removed this server's copies of the snapshots deleted meanwhile: ${removed.join(', ')}.`);
if (database.kind === 'embedded' && (await seedDemoIfEmpty(database))) {
  // The demo's dashboards answer at once: its first snapshot builds in the background.
  await createSnapshot({ ctx: storeContext(database, null), input: { label: 'Dữ liệu mẫu' }, query: {} });
}

const yoga = createApp({ development: config.development });
const scheduled = schedule ? startSnapshotSchedule(schedule) : undefined;
const server = createServer(yoga);
server.listen(config.port, async () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const where = database.kind === 'embedded' ? `embedded store in ${config.dataDir}` : 'PostgreSQL';
  // In the data folder's lock, so `npm run snapshot` can ask this server to build.
  await heldDataFolderLock(config.dataDir)
    ?.recordPort(port)
    .catch((error: unknown) => console.warn(`The data folder's lock does not show the port: ${error instanceof Error ? error.message : error}`));
  console.log(`chibo is serving GraphQL at http://localhost:${port}/graphql (${where})`);
  if (schedule) console.log(`Snapshots on the schedule "${schedule.pattern}" (Vietnam's time), the newest ${schedule.retention} unkept ones left.`);
  const { slowQueries, fastQueries, threadPoolSize, duckdbThreads } = serving.lanes;
  const cache = serving.resultCacheBytes > 0 ? `${(serving.resultCacheBytes / 2 ** 20).toFixed(0)} MiB of cached answers` : 'no answer cache';
  console.log(`Snapshot queries: ${slowQueries} slow and ${fastQueries} fast at once, ${threadPoolSize} threads in libuv's pool, ${duckdbThreads} in DuckDB's; ${cache}.`);
  if (slowQueries + fastQueries + RESERVED_THREADS > threadPoolSize) {
    console.warn(
      `UV_THREADPOOL_SIZE=${threadPoolSize} leaves token checks waiting behind DuckDB: start the process with UV_THREADPOOL_SIZE=${slowQueries + fastQueries + RESERVED_THREADS} or more (npm start does).`,
    );
  }
});

async function shutdown(): Promise<void> {
  // A scheduled build under way is left to its lease: the next start marks it interrupted.
  void scheduled?.stop();
  server.close();
  await database.close();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
