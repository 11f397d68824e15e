// Work done in the background (snapshot builds, reports) goes through one small queue: the
// request records its row and sends a job; whichever worker takes the job does the work. On a
// PostgreSQL store the queue is pg-boss's (jobs survive the process that sent them, and a
// worker's job is handed to another when its lease runs out); on the embedded store, which one
// process owns, the same handlers run in that process at once.

/** The jobs and what each carries: ids of rows the request recorded, never the work itself. */
export interface JobData {
  'snapshot-build': { snapshotId: number; startedBy: string | null };
  'report-build': { reportId: number; scopeUnitId: number | null };
}

export type JobName = keyof JobData;

export const JOB_NAMES: readonly JobName[] = ['snapshot-build', 'report-build'];

/**
 * Does one job. Returns normally when the job is done or has nothing left to do (its row ended
 * meanwhile); throws when another attempt should take it later (the queue retries).
 */
export type JobHandler<Name extends JobName> = (data: JobData[Name]) => Promise<void>;

export interface JobQueue {
  readonly kind: 'in-process' | 'pg-boss';
  send<Name extends JobName>(name: Name, data: JobData[Name]): Promise<void>;
  /** Starts taking jobs of every kind in this process. */
  work(): Promise<void>;
  /** Stops taking jobs and lets go of the queue's connections. */
  stop(): Promise<void>;
}

const handlers = new Map<JobName, JobHandler<JobName>>();

/** Registers the code of a job kind (each feature registers its own, once, when loaded). */
export function defineJob<Name extends JobName>(name: Name, handler: JobHandler<Name>): void {
  handlers.set(name, handler as JobHandler<JobName>);
}

export function jobHandler<Name extends JobName>(name: Name): JobHandler<Name> {
  const handler = handlers.get(name);
  if (!handler) throw new Error(`no handler for the job "${name}": its feature module is not loaded`);
  return handler as JobHandler<Name>;
}

/**
 * The embedded store's queue: a job runs in this process as soon as it is sent, with no retry
 * (a process that stops takes its work with it; start-up marks what it left unfinished).
 */
export const inProcessQueue: JobQueue = {
  kind: 'in-process',
  async send(name, data) {
    const handler = jobHandler(name);
    // Started before send answers, as the request's own work would be; never awaited by it.
    void handler(data).catch((error: unknown) => console.warn(`Job ${name} ${JSON.stringify(data)} failed: ${error instanceof Error ? error.message : error}`));
  },
  async work() {},
  async stop() {},
};

let current: JobQueue = inProcessQueue;

/** The queue of this process: in-process until the server or the worker starts another. */
export const jobQueue = (): JobQueue => current;

export function useJobQueue(queue: JobQueue): void {
  current = queue;
}

/**
 * Resolves when a job's work has ended: `local`, the work of this process, or else, on a shared
 * queue, once `stillRunning` (a read of the job's row) says another worker is done with it.
 */
export async function whenJobDone(local: Promise<void> | undefined, stillRunning: () => Promise<boolean>): Promise<void> {
  if (local) return local;
  if (jobQueue().kind === 'in-process') return;
  while (await stillRunning()) await new Promise((resolve) => setTimeout(resolve, 1_000));
}
