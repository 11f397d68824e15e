// The imports-and-mutations section of `npm run bench` (alone: `npm run bench -- --only imports`,
// or `npm run bench:imports`): how fast a clerk's year-end goes in. On a fresh embedded store
// (in memory), through the app as a client calls it: memberImport of 2,000 members (CSV),
// memberRatingImport of 20,000 ratings (.xlsx: 2,000 members × 10 years), and the p50 of single
// unitCreate and memberRate mutations; then where unitCreate's and an import row's time goes,
// each part timed alone. Wall-clock times move with the machine's load; this process's CPU time
// (the embedded store runs inside it) much less, so both are given. Replaces its section of the
// results file (`--out`, analytics/bench/RESULTS.md by default), or appends it. Not a test.
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { loadConfig } from '../../src/config.js';
import { useDatabase } from '../../src/db/client.js';
import { migrateDatabase, openDatabase } from '../../src/db/database.js';
import { globalId, localId } from '../../src/graphql/ids.js';
import { labels } from '../../src/text/labels.js';
import { loadSigningKeys } from '../../src/auth/signing-keys.js';
import { mintToken } from '../../src/auth/tokens.js';
import { describeMachine } from './machine.js';
import { timeRuns, unitCreateParts } from './mutation-parts.js';
import { repoRoot } from './processes.js';
import { summarise } from './stats.js';

// Tokens for the bench's own administrator, on its own in-memory store.
process.env.CHIBO_JWT_SECRET ||= 'bench-secret-of-chibo-imports-not-for-production';
const MEMBERS = 2_000;
const YEARS = 10;
const CELLS = 20;
const SINGLE_SAMPLES = 60;
/** Untimed runs of a single mutation first: the first ones pay for compiling the code on the way. */
const SINGLE_WARMUPS = 10;
const { values: args } = parseArgs({ options: { out: { type: 'string' } } });
const resultsFile = path.resolve(args.out ?? path.join(repoRoot, 'analytics/bench/RESULTS.md'));
export const SECTION_HEADING = '## Imports and single mutations (embedded store)';

const config = loadConfig();
const database = await openDatabase({ inMemory: true });
await migrateDatabase(database);
useDatabase(database);
const { createApp } = await import('../../src/app.js');
const app = createApp({ config, development: true });
const email = 'bench-admin@chibo.test';
await database.prisma.user.create({ data: { email, displayName: 'Bench', role: 'ADMIN', scopeUnitId: null } });
const authorization = `Bearer ${await mintToken(await loadSigningKeys(config), config, email, 2)}`;
const cpuMsOf = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
const say = (text: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${text}`);

async function post(body: BodyInit, headers: Record<string, string> = {}) {
  const response = await app.fetch('http://bench/graphql', { method: 'POST', body, headers: { authorization, ...headers } });
  const answer = (await response.json()) as { data?: Record<string, { __typename: string } & Record<string, unknown>>; errors?: unknown };
  if (answer.errors || !answer.data) throw new Error(JSON.stringify(answer).slice(0, 2000));
  return answer.data;
}
const gql = (query: string, variables: unknown) =>
  post(JSON.stringify({ query, variables }), { 'content-type': 'application/json', accept: 'application/graphql-response+json' });

const UnitCreate = 'mutation($input: UnitCreateInput!) { unitCreate(input: $input) { __typename ... on UnitCreateSuccess { data { id } } ... on Error { message } } }';
const MemberRate = 'mutation($input: MemberRateInput!) { memberRate(input: $input) { __typename ... on Error { message } } }';
const Import = (field: string) => `mutation($input: ImportInput!) { ${field}(input: $input) { __typename ... on ImportRejected { message issues { text } } ... on Error { message } } }`;

async function createUnit(input: Record<string, unknown>): Promise<string> {
  const { unitCreate } = await gql(UnitCreate, { input });
  if (unitCreate!.__typename !== 'UnitCreateSuccess') throw new Error(JSON.stringify(unitCreate));
  return (unitCreate as unknown as { data: { id: string } }).data.id;
}

async function importFile(field: string, unitId: string, file: File): Promise<{ seconds: number; cpuSeconds: number }> {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: Import(field), variables: { input: { unitId, file: null } } }));
  form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
  form.set('0', file);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const data = await post(form);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  if (!data[field]!.__typename.endsWith('Success')) throw new Error(JSON.stringify(data[field]).slice(0, 2000));
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

const machine = describeMachine();
say(`chibo imports bench: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`);

// The tree: a province, a district, a commune and its cells, created through unitCreate.
const provinceId = await createUnit({ code: 'BENCH', name: 'Tỉnh Thử', kind: 'PROVINCE', validFrom: '1990-01-01' });
const districtId = await createUnit({ code: 'BENCH-H', name: 'Huyện Thử', kind: 'DISTRICT', parentId: provinceId, validFrom: '1990-01-01' });
const communeId = await createUnit({ code: 'BENCH-X', name: 'Xã Thử', kind: 'GRASSROOTS', parentId: districtId, validFrom: '1990-01-01' });
const cellCodes: string[] = [];
for (let i = 1; i <= CELLS; i++) {
  const code = `BENCH-CB${String(i).padStart(2, '0')}`;
  await createUnit({ code, name: `Chi bộ ấp ${i}`, kind: 'CELL', category: 'HAMLET', parentId: communeId, validFrom: '1990-01-01' });
  cellCodes.push(code);
}

// Single mutations: unitCreate of further cells, memberRate later once there are members.
for (let i = 0; i < SINGLE_WARMUPS; i++) {
  await createUnit({ code: `BENCH-W${i}`, name: `Chi bộ khởi động ${i}`, kind: 'CELL', category: 'HAMLET', parentId: communeId, validFrom: '1990-01-01' });
}
const unitCreateMs: number[] = [];
const unitCreateCpu = process.cpuUsage();
for (let i = 0; i < SINGLE_SAMPLES; i++) {
  const started = performance.now();
  await createUnit({ code: `BENCH-M${i}`, name: `Chi bộ đo ${i}`, kind: 'CELL', category: 'HAMLET', parentId: communeId, validFrom: '1990-01-01' });
  unitCreateMs.push(performance.now() - started);
}
const unitCreateCpuMs = cpuMsOf(process.cpuUsage(unitCreateCpu)) / SINGLE_SAMPLES;
say(`unitCreate p50 ${summarise(unitCreateMs).p50.toFixed(1)} ms`);

// 2,000 members, a hundred a cell, each with a card number, in the cells since 2010.
const card = (i: number) => `99${String(i).padStart(8, '0')}`;
const memberLines = ['Mã chi bộ;Họ và tên;Giới tính;Ngày sinh;Dân tộc;Số thẻ đảng viên;Ngày vào Đảng;Ngày chính thức;Ngày sinh hoạt tại chi bộ'];
for (let i = 0; i < MEMBERS; i++) {
  memberLines.push(`${cellCodes[i % CELLS]};Nguyễn Văn Thử ${i};${i % 2 ? 'Nữ' : 'Nam'};01/01/1970;Kinh;${card(i)};01/01/2000;01/01/2001;01/01/2010`);
}
const { seconds: membersSeconds, cpuSeconds: membersCpuSeconds } = await importFile('memberImport', communeId, new File([memberLines.join('\r\n')], 'dang-vien.csv'));
say(`memberImport of ${MEMBERS} members: ${membersSeconds.toFixed(1)} s`);

// memberRate: one member of each of the first cells, for 2025.
const rated = (await database.prisma.member.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: SINGLE_WARMUPS + SINGLE_SAMPLES })).map((m) => m.id);
const memberIds = rated.slice(SINGLE_WARMUPS);
for (const id of rated.slice(0, SINGLE_WARMUPS)) await gql(MemberRate, { input: { memberId: globalId('Member', id), year: 2025, level: 'GOOD' } });
const memberRateMs: number[] = [];
const memberRateCpu = process.cpuUsage();
for (const id of memberIds) {
  const started = performance.now();
  const { memberRate } = await gql(MemberRate, { input: { memberId: globalId('Member', id), year: 2025, level: 'GOOD' } });
  memberRateMs.push(performance.now() - started);
  if (memberRate!.__typename !== 'MemberRateSuccess') throw new Error(JSON.stringify(memberRate));
}
const memberRateCpuMs = cpuMsOf(process.cpuUsage(memberRateCpu)) / memberIds.length;
say(`memberRate p50 ${summarise(memberRateMs).p50.toFixed(1)} ms`);

// 20,000 ratings: every member for 2015–2024 (the years before 2018 at the levels of their day).
const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet('Xếp loại đảng viên');
sheet.addRow(['Mã chi bộ', 'Số thẻ đảng viên', 'Năm', 'Xếp loại', 'Điểm']);
for (let i = 0; i < MEMBERS; i++) {
  for (let year = 2015; year < 2015 + YEARS; year++) {
    const level = year < 2018 ? labels.RatingLevel.LEGACY_QUALIFIED_GOOD : [labels.RatingLevel.EXCELLENT, labels.RatingLevel.GOOD, labels.RatingLevel.COMPLETED][i % 3];
    sheet.addRow([cellCodes[i % CELLS], card(i), year, level, 70 + (i % 30)]);
  }
}
const ratingsFile = new File([await workbook.xlsx.writeBuffer()], 'xep-loai.xlsx');
const { seconds: ratingsSeconds, cpuSeconds: ratingsCpuSeconds } = await importFile('memberRatingImport', communeId, ratingsFile);
say(`memberRatingImport of ${MEMBERS * YEARS} ratings: ${ratingsSeconds.toFixed(1)} s`);
const storedRatings = await database.prisma.memberRating.count();
if (storedRatings !== MEMBERS * YEARS + rated.length) throw new Error(`expected ${MEMBERS * YEARS + rated.length} ratings, found ${storedRatings}`);

// Where an import row's time goes: each part an import row does, timed alone, N times in one transaction.
const { readUploadedTable } = await import('../../src/features/imports/uploaded-table.js');
let started = performance.now();
await readUploadedTable(ratingsFile);
const readRatingsSeconds = (performance.now() - started) / 1000;
const PARTS = 500;
const BULK_ROWS = 2_000;
const parts: [string, number][] = [];
await database.prisma.$transaction(
  async (tx) => {
    const time = async (name: string, work: (i: number) => Promise<unknown>) => {
      const at = performance.now();
      for (let i = 0; i < PARTS; i++) await work(i);
      parts.push([name, (performance.now() - at) / PARTS]);
    };
    await time('savepoint and release', async () => {
      await tx.$executeRawUnsafe('SAVEPOINT part');
      await tx.$executeRawUnsafe('RELEASE SAVEPOINT part');
    });
    await time('member by card (findUnique)', (i) => tx.member.findUnique({ where: { partyCardNumber: card(i) }, select: { id: true } }));
    await time('audit log row (create)', (i) =>
      tx.auditLog.create({ data: { action: 'CREATE', entity: 'Bench', entityId: String(i), after: { i } } }),
    );
    await time('scope settings (set_config)', () => tx.$executeRawUnsafe("SELECT set_config('chibo.bench', '1', true)"));
    throw new Error('rolled back');
  },
  { timeout: 600_000 },
).catch((error: unknown) => {
  if (!(error instanceof Error) || error.message !== 'rolled back') throw error;
});

// The bulk insert an import ends with, 2,000 ratings at once: as the tables' owner, and in a
// request's transaction, where row security checks each row against the viewer's scope.
const { storeContext } = await import('../../src/access/viewer-store.js');
const admin = await database.prisma.user.findUniqueOrThrow({ where: { email } });
const viewer = { userId: admin.id, email, apiKeyId: null, role: 'ADMIN' as const, scopeUnitId: null, scopePath: '/' };
const ratingRows = (await database.prisma.memberRating.findMany({ distinct: ['memberId'], take: BULK_ROWS, select: { memberId: true, cellId: true, level: true, ruleVersion: true } })).map((row) => ({
  ...row,
  year: 2026,
  period: 'YEAR' as const,
  periodIndex: 0,
}));
const bulk: [string, number][] = [];
/** Inserts the rows in `transaction`, which gives its client and what it must do before the commit (the audit rows); rolled back. */
type BulkTransaction = (work: (tx: typeof database.prisma, beforeCommit: () => Promise<void>) => Promise<void>) => Promise<unknown>;
const timeBulk = async (name: string, transaction: BulkTransaction) => {
  await transaction(async (tx, beforeCommit) => {
    const at = performance.now();
    await tx.memberRating.createMany({ data: ratingRows });
    await beforeCommit();
    bulk.push([name, (performance.now() - at) / BULK_ROWS]);
    throw new Error('rolled back');
  }).catch((error: unknown) => {
    if (!(error instanceof Error) || error.message !== 'rolled back') throw error;
  });
};
await timeBulk('as the owner (no row security)', (work) =>
  database.prisma.$transaction((tx) => work(tx as typeof database.prisma, async () => undefined), { timeout: 600_000 }),
);
const { auditedTransaction, flushAuditLog } = await import('../../src/db/audited-transaction.js');
await timeBulk("in an ADMIN's request (row security, audit rows in bulk)", (work) =>
  storeContext(database, viewer).transaction(async (tx) => {
    const audited = auditedTransaction(tx, viewer);
    await work(audited as unknown as typeof database.prisma, () => flushAuditLog(audited));
  }, { timeoutMs: 600_000, maxWaitMs: 30_000 }),
);
for (const [name, ms] of [...parts, ...bulk]) say(`${name}: ${ms.toFixed(2)} ms`);

// Where unitCreate's time goes: its layers timed alone, as the administrator, under the commune.
const unitParts = await unitCreateParts({
  database,
  gql: (query, variables) => gql(query, variables),
  viewer,
  parent: { globalId: communeId, id: localId(communeId, 'Unit', 'parentId') },
  samples: SINGLE_SAMPLES,
});
const memberRead = await timeRuns('memberRate checks alone: a write reading the member and their stays', SINGLE_SAMPLES, (i) =>
  storeContext(database, viewer).transaction((tx) => tx.member.findUnique({ where: { id: memberIds[i % memberIds.length]! }, include: { assignments: true } }), {
    timeoutMs: 60_000,
    maxWaitMs: 30_000,
  }),
);
for (const part of [...unitParts, memberRead]) say(`${part.name}: p50 ${part.p50Ms.toFixed(1)} ms, CPU ${part.cpuMs.toFixed(1)} ms`);

const unitP50 = summarise(unitCreateMs).p50;
const rateP50 = summarise(memberRateMs).p50;
const targets = [
  ['memberImport, 2,000 members', `${membersSeconds.toFixed(1)} s`, `${membersCpuSeconds.toFixed(1)} s`, '< 10 s', membersSeconds < 10],
  ['memberRatingImport, 20,000 ratings', `${ratingsSeconds.toFixed(1)} s`, `${ratingsCpuSeconds.toFixed(1)} s`, '< 10 s', ratingsSeconds < 10],
  ['unitCreate p50', `${unitP50.toFixed(1)} ms`, `${unitCreateCpuMs.toFixed(1)} ms`, '< 20 ms', unitP50 < 20],
  ['memberRate p50', `${rateP50.toFixed(1)} ms`, `${memberRateCpuMs.toFixed(1)} ms`, '< 20 ms', rateP50 < 20],
] as const;
const load = os.loadavg().map((value) => value.toFixed(1)).join(', ');
const lines = [
  SECTION_HEADING,
  '',
  `Written by \`npm run bench -- --only imports\` on ${new Date().toISOString().slice(0, 16)} UTC: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ` +
    `load average ${load} at the end (other work shares the machine: wall-clock times grow with it; the CPU time of the bench's process, ` +
    'where the embedded store runs, much less). Embedded store in memory, requests through the app as a client sends them (no port), one at a time.',
  '',
  '| measure | result (wall clock) | CPU time | target | met |',
  '| --- | --- | --- | --- | --- |',
  ...targets.map(([name, result, cpu, target, met]) => `| ${name} | ${result} | ${cpu} | ${target} | ${met ? 'yes' : 'no'} |`),
  '',
  `Per row: ${((membersSeconds * 1000) / MEMBERS).toFixed(2)} ms a member, ${((ratingsSeconds * 1000) / (MEMBERS * YEARS)).toFixed(2)} ms a rating. ` +
    `Single mutations over ${SINGLE_SAMPLES} samples after ${SINGLE_WARMUPS} untimed: unitCreate p95 ${summarise(unitCreateMs).p95.toFixed(1)} ms, memberRate p95 ${summarise(memberRateMs).p95.toFixed(1)} ms ` +
    `(CPU time is the mean a run). The same 20,000 ratings one memberRate at a time would take about ${((rateP50 * MEMBERS * YEARS) / 1000).toFixed(0)} s. ` +
    'Both imports read what their rows need once, check every row in memory and write in bulk inserts, audit rows included.',
  '',
  '### Where a single mutation\'s time goes',
  '',
  `Each layer timed alone, ${SINGLE_SAMPLES} times, as the administrator; the difference between two rows is the cost of what the lower one adds.`,
  '',
  '| part | p50 | CPU a run |',
  '| --- | --- | --- |',
  ...[...unitParts, memberRead].map((part) => `| ${part.name} | ${part.p50Ms.toFixed(1)} ms | ${part.cpuMs.toFixed(1)} ms |`),
  '',
  '### Where an import row\'s time goes',
  '',
  `Reading the 20,000-row .xlsx into rows: ${readRatingsSeconds.toFixed(1)} s. Each statement a row-by-row import would make, timed alone ${PARTS} times in one transaction:`,
  '',
  '| part | ms each |',
  '| --- | --- |',
  ...parts.map(([name, ms]) => `| ${name} | ${ms.toFixed(2)} |`),
  '',
  `A bulk insert of ${BULK_ROWS} member ratings, per row:`,
  '',
  '| inserted | ms a row |',
  '| --- | --- |',
  ...bulk.map(([name, ms]) => `| ${name} | ${ms.toFixed(2)} |`),
  '',
];
await writeFile(resultsFile, replaceSection(await readFile(resultsFile, 'utf8').catch(() => ''), lines));
say(`wrote the imports section of ${path.relative(process.cwd(), resultsFile)}`);
await database.close();
process.exit(0);

/** The results file with this section in place of its earlier version, or appended. */
function replaceSection(text: string, section: string[]): string {
  const existing = text.split('\n');
  const start = existing.findIndex((line) => line === SECTION_HEADING);
  if (start < 0) return `${text.replace(/\n*$/, '')}${text ? '\n\n' : ''}${section.join('\n')}`;
  const next = existing.findIndex((line, index) => index > start && /^## /.test(line));
  const after = next < 0 ? [] : existing.slice(next);
  return [...existing.slice(0, start), ...section, ...after].join('\n');
}
