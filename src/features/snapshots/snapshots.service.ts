// The life of a snapshot: created BUILDING (one at a time) and sent to the job queue, built by
// whichever worker takes the job into a temporary file and published by an atomic rename as
// READY, or marked FAILED with its reason while the previous snapshot goes on serving; kept,
// deleted, exported. A build holds a lease on its row, so a build that died with its process is
// known as soon as the lease runs out, and the job's next attempt (another worker) takes it over.
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { StoreContext } from '../../access/viewer-store.js';
import { loadConfig } from '../../config.js';
import { jobLeaseSeconds, renewInBackground } from '../../jobs/lease.js';
import { database } from '../../db/client.js';
import { write } from '../../db/write.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import type { Prisma, PrismaClient, Snapshot } from '../../generated/prisma/client.js';
import { parseInput, text } from '../../validation.js';
import { buildSnapshotFile, type BuildProgress } from '../../analytics/build-snapshot-file.js';
import { exportParquet, type ExportedTable } from '../../analytics/export-parquet.js';
import { retireReader } from '../../analytics/snapshot-readers.js';
import { snapshotEvents } from './snapshot-events.js';
import { ensureLocalSnapshot, sha256, snapshotObjects } from './snapshot-objects.js';
import { message } from '../../text/messages.js';
import { defineJob, jobQueue, whenJobDone } from '../../jobs/job-queue.js';

type Query = { select?: Prisma.SnapshotSelect };

// Any fixed number: serialises the check "is a build running?" across server replicas.
const SNAPSHOT_LOCK_KEY = 7_210_432;
/** The phase of a BUILDING row that no worker has taken yet. */
const QUEUED = 'queued';
const INTERRUPTED_LEASE_EXPIRED = 'interrupted: its build stopped renewing its lease (the process building it was stopped or crashed)';
const INTERRUPTED_AT_START = 'interrupted: the process building it stopped before it finished';
const INTERRUPTED_LEASE_LOST = 'interrupted: another process took this build for dead (its lease ran out) and marked it FAILED';
/** Progress is written to the store at most this often. */
const PROGRESS_EVERY_MS = 500;

export function snapshotFile(id: number): string {
  return path.join(loadConfig().snapshotDir, `snapshot-${id}.duckdb`);
}

/** The file of a READY snapshot on this server, fetched first from where snapshots are kept when it is not here. */
export async function localSnapshotFile(snapshot: Pick<Snapshot, 'id' | 'checksum'>): Promise<string> {
  const file = snapshotFile(snapshot.id);
  await ensureLocalSnapshot(snapshot, file);
  return file;
}

/** Where a build writes until it publishes the file by renaming it. */
function temporaryFile(id: number): string {
  return `${snapshotFile(id)}.building`;
}

const builds = new Map<number, Promise<void>>();

/**
 * Resolves when the build of snapshot `id` has finished, either way: the build of this process,
 * or, on a shared queue, the row of a build another worker runs once it is no longer BUILDING.
 */
export const whenBuilt = (id: number): Promise<void> =>
  whenJobDone(builds.get(id), async () => (await database().prisma.snapshot.findUnique({ where: { id }, select: { status: true } }))?.status === 'BUILDING');

/** Resolves when every build this process has started has finished: what closing the store waits for. */
export async function whenBuildsDone(): Promise<void> {
  while (builds.size > 0) await Promise.all(builds.values());
}

/** Where a build running in this process is, as its last progress report said. */
export interface RunningBuild {
  id: number;
  label: string;
  phase: string;
  rowsDone: number;
  /** The email of the user who asked for it; null when the system did (the demo's first snapshot). */
  startedBy: string | null;
}

/**
 * The builds of this process, kept in memory as they go. On the embedded store the store answers
 * nothing while a build copies (PGlite has one connection, held by the copy's read transaction
 * for the snapshot to be consistent), so the progress written to the Snapshot row lands only at
 * the end: this is where it can be read meanwhile (src/features/snapshots/build-progress.ts).
 */
const running = new Map<number, RunningBuild>();

/** The build of snapshot `id` if this process is running it. */
export function runningBuild(id: number): RunningBuild | undefined {
  const build = running.get(id);
  return build && { ...build };
}

const createSchema = z.object({ label: text({ max: 120 }) });

/** Records a BUILDING snapshot, sends its build to the job queue and answers at once; `snapshot(id)` shows its progress. */
export async function createSnapshot({ ctx, input, query }: { ctx: StoreContext; input: z.input<typeof createSchema>; query: Query }) {
  const { label } = parseInput(createSchema, input);
  const interrupted: number[] = [];
  const snapshot = await write(ctx, async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(${SNAPSHOT_LOCK_KEY})`;
    const building = await buildingSnapshots(tx);
    // A build of this process is alive whatever its lease says: on the embedded store its
    // renewals wait while its copy holds the one connection.
    const live = building.find((row) => builds.has(row.id) || !row.expired);
    if (live) {
      throw new ConflictError(
        'input.label',
        message('SNAPSHOT_BUILD_RUNNING', { id: live.id, label: live.label, phase: live.phase ?? '' }),
      );
    }
    for (const dead of building) {
      await tx.snapshot.update({
        where: { id: dead.id },
        data: { status: 'FAILED', phase: 'failed', finishedAt: new Date(), error: INTERRUPTED_LEASE_EXPIRED },
      });
      interrupted.push(dead.id);
    }
    const created = await tx.snapshot.create({ data: { label, asOf: new Date(), status: 'BUILDING', phase: QUEUED } });
    // Waiting for a worker holds the build for one lease: with none taking it, it is left for dead.
    await renewLease(tx, created.id, 0);
    return created;
  });
  for (const id of interrupted) await removeDuckFile(temporaryFile(id));
  try {
    await jobQueue().send('snapshot-build', { snapshotId: snapshot.id, startedBy: ctx.viewer?.email ?? null });
  } catch (error) {
    await database().prisma.snapshot.updateMany({
      where: { id: snapshot.id, status: 'BUILDING' },
      data: { status: 'FAILED', phase: 'failed', finishedAt: new Date(), error: `not queued: ${error instanceof Error ? error.message : error}` },
    });
    throw error;
  }
  return ctx.db.snapshot.findUniqueOrThrow({ ...query, where: { id: snapshot.id } });
}

// The job: whichever worker takes it builds. Registered in the progress maps at once (before
// the first await), so an in-process queue's caller sees the build as this process's.
defineJob('snapshot-build', ({ snapshotId, startedBy }) => {
  running.set(snapshotId, { id: snapshotId, label: '', phase: 'starting', rowsDone: 0, startedBy });
  const build = takeBuild(snapshotId).finally(() => {
    if (builds.get(snapshotId) === build) {
      builds.delete(snapshotId);
      running.delete(snapshotId);
    }
  });
  builds.set(snapshotId, build);
  return build;
});

/**
 * Takes the build of a BUILDING snapshot: one no worker has taken yet, or one whose builder's
 * lease has run out (this is the job's next attempt after its worker died). Nothing to do when
 * the snapshot has ended meanwhile; throws (the queue tries again later) while another worker's
 * lease on it is live.
 */
async function takeBuild(id: number): Promise<void> {
  const store = database().prisma;
  const [taken] = await store.$queryRaw<Pick<Snapshot, 'id' | 'label' | 'buildAttempt'>[]>`
    UPDATE "Snapshot" SET "buildAttempt" = "buildAttempt" + 1, phase = 'starting', "rowsDone" = 0,
      "leaseUntil" = now() + make_interval(secs => ${jobLeaseSeconds()})
    WHERE id = ${id} AND status = 'BUILDING' AND (phase = ${QUEUED} OR "leaseUntil" IS NULL OR "leaseUntil" < now())
    RETURNING id, label, "buildAttempt"`;
  if (!taken) {
    const row = await store.snapshot.findUnique({ where: { id }, select: { status: true } });
    if (row?.status === 'BUILDING') throw new Error(`snapshot ${id} is being built by another worker whose lease is live`);
    return;
  }
  const build = running.get(id);
  if (build) build.label = taken.label;
  if (taken.buildAttempt > 1) console.log(`Snapshot ${id}: taking over the build its previous worker left (attempt ${taken.buildAttempt}).`);
  await runBuild(taken);
}

/** Builds in the background, reading and recording as the system: the whole store, whoever asked. */
async function runBuild(snapshot: Pick<Snapshot, 'id' | 'buildAttempt'>): Promise<void> {
  const store = database();
  const file = snapshotFile(snapshot.id);
  const temporary = temporaryFile(snapshot.id);
  const lease = holdLease(snapshot.id, snapshot.buildAttempt);
  let lastWrite = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const onProgress = ({ phase, rowsDone }: BuildProgress) => {
    // Throwing here ends the build: another process has marked it FAILED.
    lease.check();
    const build = running.get(snapshot.id);
    if (build) Object.assign(build, { phase, rowsDone });
    const now = Date.now();
    if (now - lastWrite < PROGRESS_EVERY_MS) return;
    lastWrite = now;
    pending = pending.then(() =>
      store.prisma.snapshot.update({ where: { id: snapshot.id }, data: { phase, rowsDone: BigInt(rowsDone) } }),
    );
  };
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await removeDuckFile(temporary);
    const rowCounts = await buildSnapshotFile({ database: store, file: temporary, onProgress });
    await pending;
    // The rename is the publication: readers see the whole file or none of it.
    await rename(temporary, file);
    const rowsDone = Object.values(rowCounts).reduce((sum, count) => sum + count, 0);
    const sizeBytes = BigInt((await stat(file)).size);
    const checksum = await sha256(file);
    // Kept for the other servers before the row says READY: none looks for a file not there yet.
    await snapshotObjects().put(snapshot.id, file);
    // Renewed right before publishing: with a fresh lease nobody takes the build for dead in between.
    await lease.renewNow();
    await store.prisma.snapshot.update({
      where: { id: snapshot.id },
      data: {
        status: 'READY',
        phase: 'ready',
        rowsDone: BigInt(rowsDone),
        rowCounts,
        file: path.basename(file),
        sizeBytes,
        checksum,
        finishedAt: new Date(),
      },
    });
    snapshotEvents.emit('published', snapshot.id);
  } catch (error) {
    await pending.catch(() => undefined);
    await removeDuckFile(temporary);
    if (lease.lost) await removeDuckFile(file);
    await snapshotObjects()
      .delete(snapshot.id)
      .catch((failure: unknown) => console.warn(`Snapshot ${snapshot.id}: its kept copy was not removed: ${failure instanceof Error ? failure.message : failure}`));
    // Only while BUILDING: a build taken for dead keeps the reason it was marked FAILED with.
    // When even that cannot be written (the store is closing), start-up marks it FAILED later.
    await store.prisma.snapshot
      .updateMany({
        where: { id: snapshot.id, status: 'BUILDING' },
        data: { status: 'FAILED', phase: 'failed', finishedAt: new Date(), error: error instanceof Error ? error.message : String(error) },
      })
      .catch((failure: unknown) => console.warn(`Snapshot ${snapshot.id}: its failure was not recorded: ${failure instanceof Error ? failure.message : failure}`));
  } finally {
    lease.stop();
  }
}

type RawClient = Pick<PrismaClient, '$executeRaw' | '$queryRaw'>;

/**
 * Extends the lease of a BUILDING snapshot to a lease from now, by the store's clock, for the
 * build attempt `attempt`. False when the row is no longer BUILDING (another process took the
 * build for dead) or another worker has taken the build over.
 */
async function renewLease(client: RawClient, id: number, attempt: number): Promise<boolean> {
  const renewed = await client.$executeRaw`
    UPDATE "Snapshot" SET "leaseUntil" = now() + make_interval(secs => ${jobLeaseSeconds()})
    WHERE id = ${id} AND status = 'BUILDING' AND "buildAttempt" = ${attempt}`;
  return renewed === 1;
}

/** The BUILDING snapshots, each with whether its lease has run out (a row without one predates leases). */
function buildingSnapshots(client: RawClient) {
  return client.$queryRaw<{ id: number; label: string; phase: string | null; expired: boolean }[]>`
    SELECT id, label, phase, ("leaseUntil" IS NULL OR "leaseUntil" < now()) AS expired
    FROM "Snapshot" WHERE status = 'BUILDING' ORDER BY id`;
}

/**
 * A build renews the lease on its BUILDING row every quarter of the lease (CHIBO_JOB_LEASE_SECONDS,
 * 20 s by default), for the whole lease from then (by the store's clock, which every server
 * sharing a PostgreSQL store reads alike). A row whose lease has run out belongs to a build that
 * died with its process (kill -9, a crash, a lost host): its job's next attempt takes it over, or
 * the next snapshotCreate marks it FAILED. 20 s lets three renewals in a row be late (a busy
 * store) before a live build could be taken for dead, and a dead one blocks new builds no longer.
 */
/** Renews a build's lease in the background until stopped; `lost` once another process has marked it FAILED. */
function holdLease(id: number, attempt: number) {
  let lost = false;
  // The whole store: the renewal runs outside any request.
  const renew = async () => {
    if (!(await renewLease(database().prisma, id, attempt))) lost = true;
  };
  const check = () => {
    if (lost) throw new Error(INTERRUPTED_LEASE_LOST);
  };
  const renewal = renewInBackground(renew, `Snapshot ${id}'s build`);
  return {
    get lost() {
      return lost;
    },
    check,
    async renewNow() {
      await renewal.settled();
      await renew();
      check();
    },
    stop: renewal.stop,
  };
}

/**
 * At start-up: marks FAILED the builds that died with their process and removes their
 * half-written files. On the embedded store this process alone owns the data folder, so every
 * BUILDING snapshot is dead; on a PostgreSQL server another server may be building, so only
 * those whose lease has run out. Answers the ids marked.
 */
export async function recoverInterruptedSnapshots(): Promise<number[]> {
  const store = database();
  const building = await buildingSnapshots(store.prisma);
  const dead = building.filter((row) => !builds.has(row.id) && (store.kind === 'embedded' || row.expired));
  for (const { id } of dead) {
    await store.prisma.snapshot.updateMany({
      where: { id, status: 'BUILDING' },
      data: {
        status: 'FAILED',
        phase: 'failed',
        finishedAt: new Date(),
        error: store.kind === 'embedded' ? INTERRUPTED_AT_START : INTERRUPTED_LEASE_EXPIRED,
      },
    });
    await removeDuckFile(temporaryFile(id));
  }
  return dead.map((row) => row.id);
}

/**
 * At start-up: removes this server's copies of snapshots deleted meanwhile (by another server
 * sharing the store, which removed only its own). Answers the ids removed.
 */
export async function removeDeletedCopies(): Promise<number[]> {
  const names = await readdir(loadConfig().snapshotDir).catch(() => [] as string[]);
  const ids = names.map((name) => /^snapshot-(\d+)\.duckdb$/.exec(name)?.[1]).filter((id): id is string => id !== undefined).map(Number);
  if (ids.length === 0) return [];
  const deleted = await database().prisma.snapshot.findMany({ where: { id: { in: ids }, status: 'DELETED' }, select: { id: true } });
  for (const { id } of deleted) await removeDuckFile(snapshotFile(id));
  return deleted.map(({ id }) => id);
}

/** Removes a DuckDB file with its write-ahead log and its spill folder. */
async function removeDuckFile(file: string): Promise<void> {
  await rm(file, { force: true });
  await rm(`${file}.wal`, { force: true });
  await rm(`${file}.tmp`, { force: true, recursive: true });
}

async function findSnapshot(ctx: StoreContext, id: number): Promise<Snapshot> {
  const snapshot = await ctx.db.snapshot.findUnique({ where: { id } });
  if (!snapshot || snapshot.status === 'DELETED') throw new NotFoundError('snapshot', 'input.id', String(id));
  return snapshot;
}

/** Keeps a snapshot from deletion (e.g. "Số liệu đại hội 2025"), or lets it go again. */
export async function keepSnapshot({ ctx, id, keep, query }: { ctx: StoreContext; id: number; keep: boolean; query: Query }) {
  await findSnapshot(ctx, id);
  return ctx.db.snapshot.update({ ...query, where: { id }, data: { keep } });
}

/**
 * Deletes a snapshot's file; the row stays, DELETED, so its figures' provenance stays known.
 * Marked DELETED first, so no new query picks it; queries already running on it finish on
 * it, and then the file goes.
 */
export async function deleteSnapshot({ ctx, id, query }: { ctx: StoreContext; id: number; query: Query }) {
  const snapshot = await findSnapshot(ctx, id);
  if (snapshot.keep) throw ValidationError.of('input.id', message('SNAPSHOT_KEPT', { id, label: snapshot.label }));
  if (snapshot.status === 'BUILDING') throw ValidationError.of('input.id', message('SNAPSHOT_BUILDING', { id }));
  await ctx.db.snapshot.update({ where: { id }, data: { status: 'DELETED' } });
  snapshotEvents.emit('deleted', id);
  await retireReader(snapshotFile(id));
  await removeDuckFile(snapshotFile(id));
  await snapshotObjects().delete(id);
  return ctx.db.snapshot.findUniqueOrThrow({ ...query, where: { id } });
}

/** Writes a READY snapshot's tables as Parquet files beside it, in export-<id>/. */
export async function exportSnapshot({ ctx, id }: { ctx: StoreContext; id: number }): Promise<{ directory: string; tables: ExportedTable[] }> {
  const snapshot = await findSnapshot(ctx, id);
  if (snapshot.status !== 'READY') throw ValidationError.of('input.id', message('SNAPSHOT_NOT_READY', { id, status: snapshot.status }));
  const directory = path.join(loadConfig().snapshotDir, `export-${id}`);
  return { directory, tables: await exportParquet(snapshotFile(id), directory) };
}
