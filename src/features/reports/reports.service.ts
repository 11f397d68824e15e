// Reports made by the server: reportCreate records the request, sends a job and answers at once;
// whichever worker takes the job reads and writes the report, as the system (a VIEWER may ask for
// one, and a VIEWER's database role writes nothing), from the snapshot with the asker's scope
// bound. Each report's files live in a folder of its own under the worker's report folder and,
// with CHIBO_SNAPSHOT_STORE=database, in the store too, for the servers that serve downloads. A
// RUNNING report holds a lease, renewed by the worker making it, so one whose worker died is known.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { StoreContext } from '../../access/viewer-store.js';
import { loadConfig } from '../../config.js';
import { jobLeaseSeconds, renewInBackground } from '../../jobs/lease.js';
import { database } from '../../db/client.js';
import { write } from '../../db/write.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { message } from '../../text/messages.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { defineJob, jobQueue, whenJobDone } from '../../jobs/job-queue.js';
import { readSnapshotRow } from '../../analytics/ready-snapshots.js';
import { snapshotObjects } from '../snapshots/snapshot-objects.js';
import { readySnapshot, snapshotUnit, type SnapshotSource } from '../analytics/analytics.service.js';
import { generateReport } from './generate-report.js';
import { checkReportRequest, TERM_YEARS, type ReportRequest } from './report-definitions.js';
import type { ReportKind } from './report-model.js';
import { parseFormats, type ReportFile } from './write-report-files.js';

type Query = { select?: Prisma.ReportSelect };

export interface ReportCreateInput {
  kind?: ReportKind | null;
  unitId: number;
  fromYear?: number | null;
  toYear: number;
  formats: readonly string[];
  /** ISO date. */
  structureOn?: string | null;
  snapshotId?: number | null;
}

/** The folder of one report's files. */
export const reportFolder = (id: number) => path.join(loadConfig().reportDir, `report-${id}`);

/** Why a report whose process is gone is FAILED; "interrupted:" is the stable part clients may test. */
export const REPORT_INTERRUPTED =
  'interrupted: báo cáo đang lập thì tiến trình lập nó dừng (máy chủ tắt hoặc gặp sự cố) nên không lập xong; hãy lập lại.';

const jobs = new Map<number, Promise<void>>();
const progress = new Map<number, { done: number; total: number }>();

/** Files written so far by a report running in this process; none once it ends. */
export const runningProgress = (id: number) => progress.get(id) ?? null;

/**
 * Resolves when the report's job has ended: the job of this process, or, on a shared queue, once
 * the row of a report another worker makes is no longer RUNNING.
 */
export const whenReportDone = (id: number): Promise<void> =>
  whenJobDone(jobs.get(id), async () => (await database().prisma.report.findUnique({ where: { id }, select: { status: true } }))?.status === 'RUNNING');

export async function createReport({ ctx, input, query }: { ctx: StoreContext; input: ReportCreateInput; query: Query }) {
  const kind = input.kind ?? 'TERM';
  const formats = parseFormats(input.formats, 'input.formats');
  // A yearly report shows the year before beside the year: its span starts there.
  const fromYear = kind === 'YEAR' ? input.toYear - 1 : (input.fromYear ?? input.toYear - TERM_YEARS + 1);
  const request: ReportRequest = { kind, unitId: input.unitId, fromYear, toYear: input.toYear, structureOn: input.structureOn ?? null };
  try {
    checkReportRequest(request);
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(error.issues.map((issue) => ({ ...issue, field: `input.${issue.field}` })));
    throw error;
  }
  await recoverInterruptedReports();
  const source = await readySnapshot(ctx, input.snapshotId ?? null);
  // Outside the asker's subtree the unit does not exist for them.
  await snapshotUnit(source, input.unitId, 'input.unitId');
  const row = await database().prisma.report.create({
    data: {
      kind,
      unitId: input.unitId,
      snapshotId: source.snapshot.id,
      fromYear,
      toYear: input.toYear,
      structureOn: request.structureOn ? new Date(`${request.structureOn}T00:00:00Z`) : null,
      formats: [...formats],
      createdById: ctx.viewer?.userId ?? null,
      // Held from the start: a report waiting in the queue longer than this for a worker reads as interrupted.
      leaseUntil: new Date(Date.now() + jobLeaseSeconds() * 1000),
    },
  });
  try {
    await jobQueue().send('report-build', { reportId: row.id, scopeUnitId: source.scopeUnitId });
  } catch (error) {
    await database().prisma.report.update({ where: { id: row.id }, data: { status: 'FAILED', error: `not queued: ${(error as Error).message}`, finishedAt: new Date() } });
    throw error;
  }
  return ctx.db.report.findUniqueOrThrow({ ...query, where: { id: row.id } });
}

// The job: whichever worker takes it makes the report. Registered in the maps at once (before
// the first await), so an in-process queue's caller sees the job as this process's.
defineJob('report-build', ({ reportId, scopeUnitId }) => {
  progress.set(reportId, { done: 0, total: 0 });
  const job = runReport(reportId, scopeUnitId).finally(() => {
    if (jobs.get(reportId) === job) {
      jobs.delete(reportId);
      progress.delete(reportId);
    }
  });
  jobs.set(reportId, job);
  return job;
});

/**
 * Reads and writes the report recorded as `id`, then records how it ended; as the system.
 * Nothing to do once the report has ended; a job tried again after its worker died makes it anew.
 */
async function runReport(id: number, scopeUnitId: number | null): Promise<void> {
  const store = database().prisma;
  const row = await store.report.findUnique({ where: { id } });
  // Taken over when tried again after a worker died: the lease is this worker's from now.
  if (!row || row.status !== 'RUNNING' || !(await renewLease(id))) return;
  const renewal = renewInBackground(() => renewLease(id), `Report ${id}`);
  try {
    const snapshot = await readSnapshotRow(row.snapshotId);
    if (!snapshot || snapshot.status !== 'READY') throw new Error(`snapshot ${row.snapshotId} is no longer READY`);
    const source: SnapshotSource = { snapshot, scopeUnitId };
    const request: ReportRequest = {
      kind: row.kind,
      unitId: row.unitId,
      fromYear: row.fromYear,
      toYear: row.toYear,
      structureOn: row.structureOn ? row.structureOn.toISOString().slice(0, 10) : null,
    };
    const formats = parseFormats(row.formats, 'formats');
    // Written to the row as well: a server other than the worker answers filesDone from it.
    let recorded: Promise<unknown> = Promise.resolve();
    const onProgress = (done: number, total: number) => {
      progress.set(id, { done, total });
      recorded = recorded.then(() => store.report.updateMany({ where: { id, status: 'RUNNING' }, data: { filesDone: done, filesTotal: total } })).catch(() => {});
    };
    const { report, files } = await generateReport(source, request, formats, reportFolder(id), onProgress);
    await recorded;
    // Kept for the other servers before the row says READY: none looks for a file not there yet.
    if (snapshotObjects().kind === 'database') await keepReportFiles(id, files);
    // Only while RUNNING: a report deleted meanwhile (from a server that is not making it) stays deleted.
    const published = await store.report.updateMany({
      where: { id, status: 'RUNNING' },
      data: { status: 'READY', title: report.title, files: files as unknown as Prisma.InputJsonValue, filesDone: files.length, filesTotal: files.length, finishedAt: new Date(), leaseUntil: null },
    });
    if (published.count === 0) await removeReportFiles(id);
  } catch (error) {
    await store.report
      .updateMany({ where: { id, status: 'RUNNING' }, data: { status: 'FAILED', error: (error as Error).message, finishedAt: new Date(), leaseUntil: null } })
      .catch(() => {});
    await removeReportFiles(id).catch(() => {});
  } finally {
    renewal.stop();
  }
}

/** Extends a RUNNING report's lease from now, by the store's clock; false once it is no longer RUNNING. */
async function renewLease(id: number): Promise<boolean> {
  const renewed = await database().prisma.$executeRaw`
    UPDATE "Report" SET "leaseUntil" = now() + make_interval(secs => ${jobLeaseSeconds()})
    WHERE id = ${id} AND status = 'RUNNING'`;
  return renewed === 1;
}

/**
 * Marks FAILED (interrupted) the RUNNING reports whose worker is gone, and removes their
 * half-written files: those whose lease has run out, and at start-up on the embedded store every
 * one not made by this process (only one process owns the data folder). Runs when reports are
 * listed or asked for, and at start-up. Answers the ids marked.
 */
export async function recoverInterruptedReports({ atStart = false }: { atStart?: boolean } = {}): Promise<number[]> {
  const store = database();
  const running = await store.prisma.$queryRaw<{ id: number; expired: boolean }[]>`
    SELECT id, ("leaseUntil" IS NULL OR "leaseUntil" < now()) AS expired FROM "Report" WHERE status = 'RUNNING' ORDER BY id`;
  const dead = running.filter((row) => !jobs.has(row.id) && (row.expired || (atStart && store.kind === 'embedded')));
  const marked: number[] = [];
  for (const { id } of dead) {
    const ended = await store.prisma.report.updateMany({
      where: { id, status: 'RUNNING' },
      data: { status: 'FAILED', error: REPORT_INTERRUPTED, finishedAt: new Date(), leaseUntil: null },
    });
    if (ended.count === 0) continue;
    await removeReportFiles(id);
    marked.push(id);
  }
  return marked;
}

async function removeReportFiles(id: number): Promise<void> {
  await rm(reportFolder(id), { recursive: true, force: true });
  await database().prisma.reportFileCopy.deleteMany({ where: { reportId: id } });
}

/** Keeps a report's files in the store, in one transaction, for servers without a shared disk. */
async function keepReportFiles(id: number, files: readonly ReportFile[]): Promise<void> {
  const copies = await Promise.all(files.map(async (f) => ({ reportId: id, file: f.file, bytes: new Uint8Array(await readFile(path.join(reportFolder(id), f.file))) })));
  await database().prisma.$transaction([
    database().prisma.reportFileCopy.deleteMany({ where: { reportId: id } }),
    database().prisma.reportFileCopy.createMany({ data: copies }),
  ]);
}

/** A READY report's file: from this server's report folder, or else from the copy kept in the store. */
export async function readReportFile(id: number, file: string): Promise<Buffer<ArrayBuffer>> {
  try {
    return await readFile(path.join(reportFolder(id), file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || snapshotObjects().kind !== 'database') throw error;
    const copy = await database().prisma.reportFileCopy.findUnique({ where: { reportId_file: { reportId: id, file } } });
    if (!copy) throw error;
    return Buffer.from(copy.bytes);
  }
}

async function findReport(ctx: StoreContext, id: number) {
  const report = await ctx.db.report.findUnique({ where: { id } });
  if (!report || report.status === 'DELETED') throw new NotFoundError('report', 'input.id', String(id));
  return report;
}

export async function keepReport({ ctx, id, keep, query }: { ctx: StoreContext; id: number; keep: boolean; query: Query }) {
  await findReport(ctx, id);
  await write(ctx, (tx) => tx.report.update({ where: { id }, data: { keep } }));
  return ctx.db.report.findUniqueOrThrow({ ...query, where: { id } });
}

/** Deletes a report's files; its row stays as DELETED. */
export async function deleteReport({ ctx, id, query }: { ctx: StoreContext; id: number; query: Query }) {
  const report = await findReport(ctx, id);
  if (report.keep) throw ValidationError.of('input.id', message('REPORT_KEPT', { id }));
  if (report.status === 'RUNNING' && jobs.has(id)) throw ValidationError.of('input.id', message('REPORT_RUNNING', { id }));
  await write(ctx, (tx) => tx.report.update({ where: { id }, data: { status: 'DELETED' } }));
  await removeReportFiles(id);
  return ctx.db.report.findUniqueOrThrow({ ...query, where: { id } });
}

/** The files a READY report lists. */
export const reportFiles = (files: unknown): ReportFile[] => (Array.isArray(files) ? (files as ReportFile[]) : []);
