// `npm run report -- --unit CODE [--from 2021] [--to 2025] [--kind term|year]
//   [--format xlsx,docx,csv,svg,png] [--structure-on 2025-06-30] [--snapshot ID] [--out DIR]`:
// writes a unit's term report (báo cáo nhiệm kỳ) or yearly report (báo cáo năm) from the newest
// READY snapshot (or the one named), with a progress bar, and lists the files written.
//
// The report reads only the snapshot, but which snapshots exist is in the store: while a chibo
// server holds the embedded store's data folder, this command cannot open it and says so.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { useDatabase } from '../db/client.js';
import type { Database } from '../db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { generateReport, snapshotUnitIdByCode } from '../features/reports/generate-report.js';
import { TERM_YEARS, type ReportRequest } from '../features/reports/report-definitions.js';
import { parseFormats } from '../features/reports/write-report-files.js';
import { openStoreOrExit } from './open-store.js';

const { values } = parseArgs({
  options: {
    unit: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    kind: { type: 'string', default: 'term' },
    format: { type: 'string', default: 'xlsx,docx,csv,svg,png' },
    'structure-on': { type: 'string' },
    snapshot: { type: 'string' },
    out: { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const year = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value)) fail(`--${name} must be a year such as 2025, got "${value}"`);
  return Number(value);
};

if (!values.unit) fail('--unit CODE is required: the code of the unit the report is about (e.g. the province’s code)');
const kind = values.kind?.toLowerCase() === 'year' ? 'YEAR' : values.kind?.toLowerCase() === 'term' ? 'TERM' : fail(`--kind must be term or year, got "${values.kind}"`);
const toYear = year('to', values.to) ?? new Date().getUTCFullYear();
const fromYear = year('from', values.from) ?? (kind === 'TERM' ? toYear - TERM_YEARS + 1 : toYear);
const structureOn = values['structure-on'] ?? null;
if (structureOn !== null && !/^\d{4}-\d{2}-\d{2}$/.test(structureOn)) fail(`--structure-on must be a date YYYY-MM-DD, got "${structureOn}"`);
const snapshotId = values.snapshot === undefined ? null : /^\d+$/.test(values.snapshot) ? Number(values.snapshot) : fail(`--snapshot must be a snapshot's number, got "${values.snapshot}"`);

/** The progress bar on stderr: files written of those to write. */
function showProgress(done: number, total: number): void {
  const share = total ? done / total : 1;
  process.stderr.write(`\r${'█'.repeat(Math.round(share * 30)).padEnd(30, '░')} ${(share * 100).toFixed(0).padStart(3)}%  ${done}/${total} tệp`);
}

const config = loadConfig();
const database: Database = await openStoreOrExit(config, 'npm run report', {
  server: () =>
    'A report reads a snapshot the server lists: while the server runs, ask it for the report over GraphQL ' +
    '(reportCreate), or stop the server and run npm run report again.',
  tool: () => 'Wait for it to finish, then run npm run report again.',
});
try {
  useDatabase(database);
  const snapshot = await database.prisma.snapshot.findFirst({
    where: { status: 'READY', ...(snapshotId === null ? {} : { id: snapshotId }) },
    orderBy: [{ asOf: 'desc' }, { id: 'desc' }],
  });
  if (!snapshot) {
    throw snapshotId === null
      ? ValidationError.of('snapshot', 'there is no READY snapshot yet; build one with npm run snapshot')
      : new NotFoundError('ready snapshot', 'snapshot', String(snapshotId));
  }
  const source = { snapshot, scopeUnitId: null };
  const unitId = await snapshotUnitIdByCode(source, values.unit, 'unit');
  const request: ReportRequest = { kind, unitId, fromYear, toYear, structureOn };
  const folder = path.resolve(values.out ?? `bao-cao-${values.unit}-${kind === 'TERM' ? `${fromYear}-${toYear}` : toYear}`);
  const formats = parseFormats([values.format!], 'format');
  console.log(`Snapshot ${snapshot.id} "${snapshot.label}": ${kind === 'TERM' ? `term ${fromYear}–${toYear}` : `year ${toYear}`} report of ${values.unit} into ${folder}`);
  const { report, files } = await generateReport(source, request, formats, folder, showProgress);
  process.stderr.write('\n');
  console.log(report.title);
  for (const file of files) console.log(`  ${path.join(folder, file.file)}  ${(file.sizeBytes / 1024).toFixed(1)} KB  (${file.title})`);
} catch (error) {
  process.stderr.write('\n');
  if (error instanceof ConflictError || error instanceof ValidationError || error instanceof NotFoundError) console.error(`Refused: ${error.message}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
