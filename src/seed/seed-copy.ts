// Seeds a PostgreSQL server fast: the units, placements, lineage and working groups are
// written first in one transaction; then `workers` threads each generate every workers-th
// chunk of cells (members, meetings, ratings, admissions) and stream them with COPY over a
// connection of their own, in one transaction each; last the merged communes' ratings and
// the id sequences. The rows are the generator's (activity.ts, members.ts): only the writer
// differs. Ids are interleaved (each writer takes every n-th), so they never meet.
//
// Not all or nothing: a worker that fails rolls back its own rows but not the others'; the
// error says to run again with --reset.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import type { Database } from '../db/database.js';
import { pgSession } from '../db/sql-session.js';
import type { ChunkSummary, ScoringRules } from './activity.js';
import { ChunkWriter } from './activity.js';
import { BulkWriter } from './bulk-writer.js';
import { CopyWriter } from './copy-writer.js';
import { Ids } from './members.js';
import {
  planCountry, prepareStore, skipForeignKeyChecks, syncSequences, totals, writeMergedRatings, writeStructure, type SeedOptions, type SeedResult,
} from './seed-province.js';
import * as T from './tables.js';

export interface CopySeedOptions extends SeedOptions {
  databaseUrl: string;
  /** Writer threads side by side (default: the cores, at most 4). */
  workers?: number;
}

export interface WorkerJob {
  databaseUrl: string;
  options: Pick<SeedOptions, 'scale' | 'seed' | 'fromYear' | 'toYear' | 'provinces'>;
  rules: ScoringRules;
  workers: number;
  index: number;
}

export type WorkerMessage =
  | { type: 'chunk'; province: number; chunk: number; cells: number; summary: ChunkSummary }
  | { type: 'done'; rows: Record<string, number> }
  | { type: 'failed'; message: string; stack?: string };

export function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** The generator's chunks that worker `index` of `workers` writes: every workers-th, across provinces. */
export async function runWorkerJob(job: WorkerJob, post: (message: WorkerMessage) => void): Promise<void> {
  const country = planCountry(job.options);
  const client = new pg.Client({ connectionString: job.databaseUrl });
  await client.connect();
  try {
    // As the one-connection seed does: a role that may skips the per-row foreign-key triggers.
    await client.query('SET session_replication_role = replica').catch(() => undefined);
    await client.query('BEGIN');
    const writer = new CopyWriter(pgSession(client), T.seededTables);
    // Slot `workers` of the interleave is the leader's (structure and merged ratings).
    const ids = new Ids(job.workers + 1, job.index);
    let turn = 0;
    for (const [p, { plan, random }] of country.provinces.entries()) {
      for (const chunk of plan.chunks) {
        if (turn++ % job.workers !== job.index) continue;
        const summary = await new ChunkWriter(writer, random.fork(`chunk:${chunk.index}`), ids, plan, chunk, job.rules).write();
        post({ type: 'chunk', province: p, chunk: chunk.index, cells: chunk.cells.length, summary });
      }
    }
    await writer.flush();
    await client.query('COMMIT');
    post({ type: 'done', rows: writer.counts() });
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

function newWorker(job: WorkerJob): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./seed-worker.js', import.meta.url), { workerData: job });
  // Run from TypeScript (tsx, vitest), the thread registers tsx before it loads the .ts.
  const script = new URL('./seed-worker.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script)}); })`, { eval: true, workerData: job });
}

function startWorker(job: WorkerJob, onMessage: (message: WorkerMessage) => void): { done: Promise<Record<string, number>>; stop: () => void } {
  const worker = newWorker(job);
  const done = new Promise<Record<string, number>>((resolve, reject) => {
    let rows: Record<string, number> | null = null;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'done') rows = message.rows;
      else if (message.type === 'failed') reject(Object.assign(new Error(`seed writer ${job.index}: ${message.message}`), { stack: message.stack }));
      else onMessage(message);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (rows ? resolve(rows) : reject(new Error(`seed writer ${job.index} stopped (exit code ${code}) before it finished`))));
  });
  return { done, stop: () => void worker.terminate() };
}

export async function seedWithCopy(database: Database, options: CopySeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const workers = options.workers ?? defaultWorkers();
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`workers must be a whole number, at least 1 (got ${workers})`);
  const country = planCountry(options);
  const leaderIds = new Ids(workers + 1, workers);

  const { rules, structureRows } = await database.withSession(async (session) => {
    await session.exec('BEGIN');
    try {
      const rules = await prepareStore(session, options);
      await skipForeignKeyChecks(session);
      const writer = new BulkWriter(session, T.seededTables);
      for (const { plan } of country.provinces) await writeStructure(writer, plan, leaderIds);
      await writer.flush();
      await session.exec('COMMIT');
      return { rules, structureRows: writer.counts() };
    } catch (error) {
      await session.exec('ROLLBACK');
      throw error;
    }
  });

  const summaries = country.provinces.map(() => new Map<number, ChunkSummary>());
  let cellsDone = 0;
  const running = Array.from({ length: workers }, (_, index) =>
    startWorker({ databaseUrl: options.databaseUrl, options: pickPlanOptions(options), rules, workers, index }, (message) => {
      if (message.type !== 'chunk') return;
      summaries[message.province]!.set(message.chunk, message.summary);
      cellsDone += message.cells;
      options.onProgress?.(cellsDone, options.scale);
    }));
  let workerRows: Record<string, number>[];
  try {
    workerRows = await Promise.all(running.map((worker) => worker.done));
  } catch (error) {
    for (const worker of running) worker.stop();
    throw new Error(`${(error as Error).message}; the store is partly written: run the seed again with --reset`, { cause: error });
  }

  const finalRows = await database.withSession(async (session) => {
    await session.exec('BEGIN');
    try {
      await skipForeignKeyChecks(session);
      const writer = new BulkWriter(session, T.seededTables);
      if (country.period.reorganisation) {
        for (const [p, { plan, random }] of country.provinces.entries()) await writeMergedRatings(writer, plan, leaderIds, summaries[p]!, random.fork('merged'));
      }
      await writer.flush();
      await syncSequences(session);
      await session.exec('COMMIT');
      // Fresh statistics, so the first queries on the new store plan well.
      await session.exec('ANALYZE');
      return writer.counts();
    } catch (error) {
      await session.exec('ROLLBACK');
      throw error;
    }
  });

  const rows: Record<string, number> = {};
  for (const part of [structureRows, ...workerRows, finalRows]) for (const [table, count] of Object.entries(part)) rows[table] = (rows[table] ?? 0) + count;
  return totals(rows, started);
}

function pickPlanOptions(options: SeedOptions): WorkerJob['options'] {
  return { scale: options.scale, seed: options.seed, fromYear: options.fromYear, toYear: options.toYear, provinces: options.provinces };
}
