// Which queue a process uses, and whether it works jobs: pg-boss on a PostgreSQL store (shared by
// every server and worker of the deployment), the in-process queue on the embedded store (one
// process is the whole system there, so it always works its own jobs).
import type { JobsConfig } from '../config.js';
import type { Database } from '../db/database.js';
// Loaded for the jobs they define: a worker runs nothing else of them.
import '../features/snapshots/snapshots.service.js';
import '../features/reports/reports.service.js';
import { inProcessQueue, useJobQueue, type JobQueue } from './job-queue.js';
import { openPgBossQueue } from './pg-boss-queue.js';

export async function startJobQueue(database: Database, databaseUrl: string | undefined, jobs: JobsConfig): Promise<JobQueue> {
  if (database.kind !== 'postgres' || !databaseUrl) {
    useJobQueue(inProcessQueue);
    return inProcessQueue;
  }
  const queue = await openPgBossQueue(databaseUrl, jobs);
  useJobQueue(queue);
  if (jobs.work) await queue.work();
  return queue;
}
