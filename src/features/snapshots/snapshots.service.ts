// The life of a snapshot: created BUILDING (one at a time), built into a temporary file and
// published by an atomic rename as READY, or marked FAILED with its reason while the previous
// snapshot goes on serving; kept, deleted, exported.
import type { StoreContext } from '../../access/viewer-store.js';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../../config.js';
import { database } from '../../db/client.js';
import { write } from '../../db/write.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import type { Prisma, Snapshot } from '../../generated/prisma/client.js';
import { parseInput, text } from '../../validation.js';
import { buildSnapshotFile, type BuildProgress } from '../../analytics/build-snapshot-file.js';
import { exportParquet, type ExportedTable } from '../../analytics/export-parquet.js';
import { retireReader } from '../../analytics/snapshot-readers.js';

type Query = { select?: Prisma.SnapshotSelect };

// Any fixed number: serialises the check "is a build running?" across server replicas.
const SNAPSHOT_LOCK_KEY = 7_210_432;
/** A build that has shown no progress for this long died with its process. */
const ABANDONED_AFTER_MS = 30 * 60_000;
/** Progress is written to the store at most this often. */
const PROGRESS_EVERY_MS = 500;

export function snapshotFile(id: number): string {
  return path.join(loadConfig().snapshotDir, `snapshot-${id}.duckdb`);
}

const builds = new Map<number, Promise<void>>();

/** Resolves when the build of snapshot `id` started by this process has finished, either way. */
export function whenBuilt(id: number): Promise<void> {
  return builds.get(id) ?? Promise.resolve();
}

const createSchema = z.object({ label: text({ max: 120 }) });

/** Starts a build and answers the BUILDING snapshot at once; `snapshot(id)` shows its progress. */
export async function createSnapshot({ ctx, input, query }: { ctx: StoreContext; input: z.input<typeof createSchema>; query: Query }) {
  const { label } = parseInput(createSchema, input);
  const snapshot = await write(ctx, async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(${SNAPSHOT_LOCK_KEY})`;
    const building = await tx.snapshot.findFirst({ where: { status: 'BUILDING' } });
    if (building && Date.now() - building.startedAt.getTime() < ABANDONED_AFTER_MS) {
      throw new ConflictError(
        'input.label',
        `snapshot ${building.id} ("${building.label}") is being built (${building.phase ?? 'starting'}); one build runs at a time`,
      );
    }
    if (building) {
      await tx.snapshot.update({
        where: { id: building.id },
        data: { status: 'FAILED', finishedAt: new Date(), error: 'abandoned: its build stopped without finishing' },
      });
    }
    return tx.snapshot.create({ data: { label, asOf: new Date(), status: 'BUILDING', phase: 'starting' } });
  });
  builds.set(snapshot.id, runBuild(snapshot).finally(() => builds.delete(snapshot.id)));
  return ctx.db.snapshot.findUniqueOrThrow({ ...query, where: { id: snapshot.id } });
}

/** Builds in the background, reading and recording as the system: the whole store, whoever asked. */
async function runBuild(snapshot: Snapshot): Promise<void> {
  const store = database();
  const file = snapshotFile(snapshot.id);
  const temporary = `${file}.building`;
  let lastWrite = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const onProgress = ({ phase, rowsDone }: BuildProgress) => {
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
    await store.prisma.snapshot.update({
      where: { id: snapshot.id },
      data: {
        status: 'READY',
        phase: 'ready',
        rowsDone: BigInt(rowsDone),
        rowCounts,
        file: path.basename(file),
        sizeBytes: BigInt((await stat(file)).size),
        checksum: await sha256(file),
        finishedAt: new Date(),
      },
    });
  } catch (error) {
    await pending.catch(() => undefined);
    await removeDuckFile(temporary);
    await store.prisma.snapshot.update({
      where: { id: snapshot.id },
      data: { status: 'FAILED', phase: 'failed', finishedAt: new Date(), error: error instanceof Error ? error.message : String(error) },
    });
  }
}

/** Removes a DuckDB file with its write-ahead log and its spill folder. */
async function removeDuckFile(file: string): Promise<void> {
  await rm(file, { force: true });
  await rm(`${file}.wal`, { force: true });
  await rm(`${file}.tmp`, { force: true, recursive: true });
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
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
  if (snapshot.keep) throw ValidationError.of('input.id', `snapshot ${id} ("${snapshot.label}") is kept; stop keeping it first`);
  if (snapshot.status === 'BUILDING') throw ValidationError.of('input.id', `snapshot ${id} is being built`);
  await ctx.db.snapshot.update({ where: { id }, data: { status: 'DELETED' } });
  await retireReader(snapshotFile(id));
  await removeDuckFile(snapshotFile(id));
  return ctx.db.snapshot.findUniqueOrThrow({ ...query, where: { id } });
}

/** Writes a READY snapshot's tables as Parquet files beside it, in export-<id>/. */
export async function exportSnapshot({ ctx, id }: { ctx: StoreContext; id: number }): Promise<{ directory: string; tables: ExportedTable[] }> {
  const snapshot = await findSnapshot(ctx, id);
  if (snapshot.status !== 'READY') throw ValidationError.of('input.id', `snapshot ${id} is ${snapshot.status}; only a READY one can be exported`);
  const directory = path.join(loadConfig().snapshotDir, `export-${id}`);
  return { directory, tables: await exportParquet(snapshotFile(id), directory) };
}
