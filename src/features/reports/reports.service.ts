// Reports made by the server: reportCreate records the request and answers at once; the report
// is read and written in the background, as the system (a VIEWER may ask for one, and a VIEWER's
// database role writes nothing), from the snapshot with the asker's scope bound. Each report's
// files live in a folder of its own under the report folder. A RUNNING report holds a lease,
// renewed by the process making it, so one whose process died is known and marked FAILED.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { StoreContext } from '../../access/viewer-store.js';
import { loadConfig } from '../../config.js';
import { database } from '../../db/client.js';
import { write } from '../../db/write.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { readySnapshot, snapshotUnit, type SnapshotSource } from '../analytics/analytics.service.js';
import { generateReport } from './generate-report.js';
import { checkReportRequest, TERM_YEARS, type ReportRequest } from './report-definitions.js';
import type { ReportKind } from './report-model.js';
import { parseFormats, type ReportFile, type ReportFormat } from './write-report-files.js';

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

/**
 * The process making a report renews its lease this often, for LEASE_MS from then (by the store's
 * clock, which every server sharing a PostgreSQL store reads alike), as snapshot builds do.
 */
const LEASE_MS = 20_000;
const LEASE_RENEW_EVERY_MS = 5_000;
/** Why a report whose process is gone is FAILED; "interrupted:" is the stable part clients may test. */
export const REPORT_INTERRUPTED =
  'interrupted: báo cáo đang lập thì tiến trình lập nó dừng (máy chủ tắt hoặc gặp sự cố) nên không lập xong; hãy lập lại.';

const jobs = new Map<number, Promise<void>>();
const progress = new Map<number, { done: number; total: number }>();

/** Files written so far by a report running in this process; none once it ends. */
export const runningProgress = (id: number) => progress.get(id) ?? null;

/** Resolves when the report's job in this process has ended (at once if none runs). */
export function whenReportDone(id: number): Promise<void> {
  return jobs.get(id) ?? Promise.resolve();
}

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
      leaseUntil: new Date(Date.now() + LEASE_MS),
    },
  });
  await renewLease(row.id);
  progress.set(row.id, { done: 0, total: 0 });
  jobs.set(
    row.id,
    runReport(row.id, source, request, formats).finally(() => {
      jobs.delete(row.id);
      progress.delete(row.id);
    }),
  );
  return ctx.db.report.findUniqueOrThrow({ ...query, where: { id: row.id } });
}

/**
 * Reads and writes the report, then records how it ended; as the system. Its row changes only
 * while still RUNNING: a report another process took for dead (its lease ran out) stays FAILED.
 */
async function runReport(id: number, source: SnapshotSource, request: ReportRequest, formats: ReportFormat[]): Promise<void> {
  const store = database().prisma;
  let renewing: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    // One renewal at a time: on the embedded store they wait while a snapshot read holds the connection.
    renewing ??= renewLease(id)
      .catch((error: unknown) => console.warn(`Report ${id}: its lease was not renewed: ${error instanceof Error ? error.message : error}`))
      .finally(() => {
        renewing = null;
      });
  }, LEASE_RENEW_EVERY_MS);
  timer.unref();
  try {
    const { report, files } = await generateReport(source, request, formats, reportFolder(id), (done, total) => progress.set(id, { done, total }));
    const ended = await store.report.updateMany({
      where: { id, status: 'RUNNING' },
      data: { status: 'READY', title: report.title, files: files as unknown as Prisma.InputJsonValue, filesDone: files.length, filesTotal: files.length, finishedAt: new Date(), leaseUntil: null },
    });
    if (ended.count === 0) await rm(reportFolder(id), { recursive: true, force: true });
  } catch (error) {
    await store.report
      .updateMany({ where: { id, status: 'RUNNING' }, data: { status: 'FAILED', error: (error as Error).message, finishedAt: new Date(), leaseUntil: null } })
      .catch(() => {});
    await rm(reportFolder(id), { recursive: true, force: true });
  } finally {
    clearInterval(timer);
  }
}

/** Extends a RUNNING report's lease to LEASE_MS from now, by the store's clock; false once it is no longer RUNNING. */
async function renewLease(id: number): Promise<boolean> {
  const renewed = await database().prisma.$executeRaw`
    UPDATE "Report" SET "leaseUntil" = now() + make_interval(secs => ${LEASE_MS / 1000})
    WHERE id = ${id} AND status = 'RUNNING'`;
  return renewed === 1;
}

/**
 * Marks FAILED (interrupted) the RUNNING reports whose process is gone, and removes their
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
    await rm(reportFolder(id), { recursive: true, force: true });
    marked.push(id);
  }
  return marked;
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
  if (report.keep) throw ValidationError.of('input.id', `report ${id} is kept; stop keeping it first`);
  if (report.status === 'RUNNING' && jobs.has(id)) throw ValidationError.of('input.id', `report ${id} is being made`);
  await write(ctx, (tx) => tx.report.update({ where: { id }, data: { status: 'DELETED' } }));
  await rm(reportFolder(id), { recursive: true, force: true });
  return ctx.db.report.findUniqueOrThrow({ ...query, where: { id } });
}

/** The files a READY report lists. */
export const reportFiles = (files: unknown): ReportFile[] => (Array.isArray(files) ? (files as ReportFile[]) : []);
