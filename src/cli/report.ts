// `npm run report -- --unit CODE [--from 2021] [--to 2025] [--kind term|year]
//   [--format xlsx,docx,csv,svg,png] [--structure-on 2025-06-30] [--snapshot ID] [--out DIR]`:
// writes a unit's term report (báo cáo nhiệm kỳ) or yearly report (báo cáo năm) from the newest
// READY snapshot (or the one named), with a progress bar, and lists the files written.
//
// While a chibo server holds the embedded store's data folder, the server makes the report: this
// command asks it (reportCreate as --email, the demo's administrator by default, with a token
// minted as `npm run token` mints it), follows its progress and downloads the files.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadSigningKeys } from '../auth/signing-keys.js';
import { mintToken } from '../auth/tokens.js';
import { loadConfig, type Config } from '../config.js';
import { useDatabase } from '../db/client.js';
import { DataFolderBusyError, describeHolder, SERVER_COMMAND, type DataFolderHolder } from '../db/data-folder-lock.js';
import { openConfiguredDatabase, type Database } from '../db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { message } from '../text/messages.js';
import { generateReport, snapshotUnitIdByCode } from '../features/reports/generate-report.js';
import { TERM_YEARS, type ReportRequest } from '../features/reports/report-definitions.js';
import { globalId } from '../graphql/ids.js';
import { parseFormats } from '../features/reports/write-report-files.js';
import { DEMO_ADMIN_EMAIL } from '../seed/demo.js';

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
    email: { type: 'string', default: DEMO_ADMIN_EMAIL },
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
  const share = total ? done / total : 0;
  process.stderr.write(`\r${'█'.repeat(Math.round(share * 30)).padEnd(30, '░')} ${(share * 100).toFixed(0).padStart(3)}%  ${done}/${total} tệp`);
}

const config = loadConfig();
const folderOf = (kindName: string) =>
  path.resolve(values.out ?? `bao-cao-${values.unit}-${kindName === 'TERM' ? `${fromYear}-${toYear}` : toYear}`);

/** Makes the report in this process: the store is a PostgreSQL server, or the data folder was free. */
async function makeHere(database: Database): Promise<void> {
  useDatabase(database);
  const snapshot = await database.prisma.snapshot.findFirst({
    where: { status: 'READY', ...(snapshotId === null ? {} : { id: snapshotId }) },
    orderBy: [{ asOf: 'desc' }, { id: 'desc' }],
  });
  if (!snapshot) {
    throw snapshotId === null
      ? ValidationError.of('snapshot', message('NO_READY_SNAPSHOT'))
      : new NotFoundError('ready snapshot', 'snapshot', String(snapshotId));
  }
  const source = { snapshot, scopeUnitId: null };
  const unitId = await snapshotUnitIdByCode(source, values.unit!, 'unit');
  const request: ReportRequest = { kind, unitId, fromYear, toYear, structureOn };
  const folder = folderOf(kind);
  const formats = parseFormats([values.format!], 'format');
  console.log(`Snapshot ${snapshot.id} "${snapshot.label}": ${kind === 'TERM' ? `term ${fromYear}–${toYear}` : `year ${toYear}`} report of ${values.unit} into ${folder}`);
  const { report, files } = await generateReport(source, request, formats, folder, showProgress);
  process.stderr.write('\n');
  console.log(report.title);
  for (const file of files) console.log(`  ${path.join(folder, file.file)}  ${(file.sizeBytes / 1024).toFixed(1)} KB  (${file.title})`);
}

const CREATE = `mutation ReportCreateFromCli($input: ReportCreateInput!) {
  reportCreate(input: $input) {
    __typename
    ... on ReportCreateSuccess { data { id } }
    ... on ValidationError { message }
    ... on NotFoundError { message }
    ... on ConflictError { message }
  }
}`;
const FOLLOW = `query ReportFollowFromCli($id: ID!) {
  node(id: $id) { ... on Report { status title error filesDone filesTotal files { name title sizeBytes url } } }
}`;

/** Asks the server holding the data folder to make the report, follows it, and downloads its files. */
async function makeThroughServer(holder: DataFolderHolder, port: number, config: Config): Promise<void> {
  const base = `http://127.0.0.1:${port}`;
  const email = values.email!.trim().toLowerCase();
  console.log(`The data folder ${config.dataDir} is held by ${describeHolder(holder)}: asking that server for the report, signed in as ${email}.`);
  const authorization = `Bearer ${await mintToken(await loadSigningKeys(config), config, email, 1)}`;
  const ask = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization },
      body: JSON.stringify({ query, variables }),
    }).catch((error: Error) => {
      throw new Error(`The server at ${base} does not answer (${error.message})`);
    });
    const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) throw new Error(`Refused by the server: ${body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`}`);
    return body.data;
  };
  const { unitByCode } = await ask<{ unitByCode: { id: string } | null }>('query UnitOfReport($code: String!) { unitByCode(code: $code) { id } }', { code: values.unit });
  if (!unitByCode) throw new NotFoundError('unit', 'unit', values.unit!);
  const formats = parseFormats([values.format!], 'format').map((format) => format.toUpperCase());
  const { reportCreate } = await ask<{ reportCreate: { __typename: string; message?: string; data?: { id: string } } }>(CREATE, {
    input: { kind, unitId: unitByCode.id, fromYear, toYear, formats, structureOn, snapshot: snapshotId === null ? null : globalId('Snapshot', snapshotId) },
  });
  if (!reportCreate.data) throw new Error(`Refused by the server: ${reportCreate.message ?? reportCreate.__typename}`);
  interface Followed { status: string; title: string | null; error: string | null; filesDone: number; filesTotal: number; files: { name: string; title: string; sizeBytes: number; url: string }[] }
  let state: Followed;
  for (;;) {
    state = (await ask<{ node: Followed }>(FOLLOW, { id: reportCreate.data.id })).node;
    showProgress(state.filesDone, state.filesTotal);
    if (state.status !== 'RUNNING') break;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  process.stderr.write('\n');
  if (state.status !== 'READY') throw new Error(`the report failed: ${state.error ?? state.status}`);
  const folder = folderOf(kind);
  await mkdir(folder, { recursive: true });
  console.log(state.title);
  for (const file of state.files) {
    const response = await fetch(`${base}${file.url}`, { headers: { authorization } });
    if (!response.ok) throw new Error(`downloading ${file.name}: HTTP ${response.status}`);
    await writeFile(path.join(folder, file.name), Buffer.from(await response.arrayBuffer()));
    console.log(`  ${path.join(folder, file.name)}  ${(file.sizeBytes / 1024).toFixed(1)} KB  (${file.title})`);
  }
}

try {
  let database: Database | null = null;
  try {
    database = await openConfiguredDatabase(config, { command: 'npm run report' });
  } catch (error) {
    if (!(error instanceof DataFolderBusyError)) throw error;
    const { holder } = error;
    if (holder.command !== SERVER_COMMAND || holder.port === undefined) {
      throw new Error(`Refused: ${error.message} Wait for it to finish (or to start serving), then run npm run report again.`);
    }
    await makeThroughServer(holder, holder.port, config);
  }
  if (database) {
    try {
      await makeHere(database);
    } finally {
      await database.close();
    }
  }
} catch (error) {
  process.stderr.write('\n');
  if (error instanceof ConflictError || error instanceof ValidationError || error instanceof NotFoundError) console.error(`Refused: ${error.message}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
