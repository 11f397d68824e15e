// The job queue on a PostgreSQL store: pg-boss, in its own schema (`pgboss`) of the same
// database, so every server and worker of a deployment shares it with nothing else to run.
// A job taken by a worker is active for the lease (expireInSeconds); the worker renews it every
// quarter of that while the job runs. pg-boss 10 has no heartbeat of its own, so renewing moves
// the job's start forward, which is what its expiry is counted from. A worker that dies stops
// renewing: pg-boss's maintenance fails the job by timeout and, while retries remain, hands it
// to the next worker that asks.
import PgBoss from 'pg-boss';
import type { JobsConfig } from '../config.js';
import { JOB_NAMES, jobHandler, type JobData, type JobName, type JobQueue } from './job-queue.js';

export const PG_BOSS_SCHEMA = 'pgboss';

export async function openPgBossQueue(connectionString: string, jobs: JobsConfig): Promise<JobQueue> {
  const lease = jobs.leaseSeconds;
  const boss = new PgBoss({
    connectionString,
    schema: PG_BOSS_SCHEMA,
    application_name: 'chibo-jobs',
    max: 4,
    // Expired jobs are found by maintenance: often enough that a dead worker's job waits about a lease.
    maintenanceIntervalSeconds: Math.max(1, Math.ceil(lease / 2)),
    // Croner schedules snapshots (src/features/snapshots/snapshot-schedule.ts), not pg-boss.
    schedule: false,
  });
  boss.on('error', (error: Error) => console.warn(`Job queue: ${error.message}`));
  await boss.start();
  const policy = { retryLimit: jobs.retries, retryDelay: lease, expireInSeconds: lease };
  // Does nothing when the queue exists (every process of a deployment creates them alike); each
  // job also carries the sender's settings, which pg-boss prefers to the queue's.
  for (const name of JOB_NAMES) await boss.createQueue(name, { name, ...policy });
  const renew = (name: JobName, id: string) =>
    boss.getDb().executeSql(`UPDATE ${PG_BOSS_SCHEMA}.job SET started_on = now() WHERE name = $1 AND id = $2 AND state = 'active'`, [name, id]);

  return {
    kind: 'pg-boss',
    async send(name, data) {
      const id = await boss.send(name, data, policy);
      if (!id) throw new Error(`the job queue did not take the job "${name}"`);
    },
    async work() {
      for (const name of JOB_NAMES) {
        const handler = jobHandler(name);
        // One job at a time for each kind in a process: builds are heavy, and more workers add more.
        await boss.work<JobData[typeof name]>(name, { batchSize: 1, pollingIntervalSeconds: Math.min(2, lease / 4) }, async ([job]) => {
          if (!job) return;
          const timer = setInterval(() => {
            renew(name, job.id).catch((error: unknown) => console.warn(`Job ${name} ${job.id}: its lease was not renewed: ${error instanceof Error ? error.message : error}`));
          }, (lease * 1000) / 4);
          try {
            await handler(job.data);
          } finally {
            clearInterval(timer);
          }
        });
      }
    },
    async stop() {
      // A job still running is failed back to the queue (retried elsewhere) rather than waited for.
      await boss.stop({ graceful: false, wait: true, timeout: 5_000 });
    },
  };
}
