// `npm run worker`: a process that only works jobs (snapshot builds, reports) from the queue the
// servers of a deployment share on their PostgreSQL store; it serves nothing. Start as many as
// the builds need; each takes one job of each kind at a time, and a worker that dies leaves its
// job to the next one once its lease runs out.
import { loadConfig, loadJobsConfig } from '../config.js';
import { useDatabase } from '../db/client.js';
import { migrateDatabase, openConfiguredDatabase } from '../db/database.js';
import { startJobQueue } from '../jobs/start-jobs.js';
import { checkSnapshotStore } from '../features/snapshots/snapshot-objects.js';

const config = loadConfig();
const jobs = loadJobsConfig();
if (!config.databaseUrl) {
  console.error('Refused: a worker shares the job queue of a PostgreSQL store (DATABASE_URL). On the embedded store `npm start` works its own jobs.');
  process.exit(1);
}
const database = await openConfiguredDatabase(config, { command: 'npm run worker' });
useDatabase(database);
checkSnapshotStore(database.kind, process.env.CHIBO_SNAPSHOT_STORE);
const migrations = await migrateDatabase(database);
if (migrations.applied.length > 0) console.log(`Applied migrations: ${migrations.applied.join(', ')}`);
const queue = await startJobQueue(database, config.databaseUrl, { ...jobs, work: true });
console.log(`chibo worker is working the job queue (lease ${jobs.leaseSeconds} s, ${jobs.retries} retries)`);

async function shutdown(): Promise<void> {
  // The job under way goes back to the queue; its build ends with the process, unrecorded (closing
  // the store first would fail it for good), and the next worker takes it over once its lease runs out.
  await queue.stop().catch((error: unknown) => console.warn(`The job queue did not stop cleanly: ${error instanceof Error ? error.message : error}`));
  process.exit(0);
}
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
