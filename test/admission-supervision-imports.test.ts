// The admissions and supervision imports: admissionTargetImport, candidateImport,
// workingGroupImport and visitImport. Each round-trips its downloaded template filled with rows
// (and a CSV), is read back through the GraphQL queries against what the rows say, reports every
// problem of a bad file by row and heading and writes nothing, and writes nothing in a dry run.
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importTemplates } from '../src/features/imports/import-templates.js';
import { localId } from '../src/graphql/ids.js';
import { labels } from '../src/text/labels.js';
import { bearer, userWith } from './support/auth.js';
import { app } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { createTree, createUnit } from './support/factories.js';
import { csvText, encodedFile, readWorkbook, type Cell } from './support/import-files.js';
import { meetingInput, recordMeeting } from './support/meetings.factories.js';
import { createOfficialMember } from './support/members.factories.js';
import { wholeStore } from './support/store.js';

useFreshDatabase();

type Row = Record<string, Cell>;
type Answer = { __typename: string; data?: { imported: number; rowCount: number; dryRun: boolean }; issues?: { row: number; column: string; message: string; text: string }[] };

const mutations = {
  'admission-targets': 'admissionTargetImport',
  candidates: 'candidateImport',
  'working-groups': 'workingGroupImport',
  visits: 'visitImport',
} as const;
type Kind = keyof typeof mutations;

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Cell) => (date instanceof Date ? date.toISOString().slice(0, 10) : null);

async function gql<T>(query: string, variables: Record<string, unknown> = {}, authorization?: string): Promise<T> {
  const response = await app.fetch('http://chibo.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: authorization ?? (await bearer()) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function send(kind: Kind, unitId: string, file: File, { dryRun, authorization }: { dryRun?: boolean; authorization?: string } = {}) {
  const field = mutations[kind];
  const query = `mutation($input: ImportInput!) { ${field}(input: $input) { __typename
    ... on ImportSummary { imported }
    ... on ImportRejected { rowCount issues { row column message text } }
    ... on Error { message } } }`.replace('... on ImportSummary { imported }', `... on ${field[0]!.toUpperCase()}${field.slice(1)}Success { data { imported rowCount dryRun } }`);
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables: { input: { unitId, file: null, dryRun } } }));
  form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
  form.set('0', file);
  const response = await app.fetch('http://chibo.test/graphql', { method: 'POST', body: form, headers: { authorization: authorization ?? (await bearer()) } });
  const body = (await response.json()) as { data?: Record<string, Answer>; errors?: { extensions?: { code?: string } }[] };
  return { answer: body.data?.[field], errors: body.errors };
}

const columnsOf = async (kind: Kind) => (await importTemplates[kind]!(wholeStore())).columns;

/** The downloaded template with `rows` added to its data sheet, each cell under its column's key. */
async function filledTemplate(kind: Kind, rows: Row[]): Promise<File> {
  const response = await app.fetch(`http://chibo.test/templates/${kind}.xlsx`, { headers: { authorization: await bearer() } });
  expect(response.status).toBe(200);
  const workbook = await readWorkbook(await response.arrayBuffer());
  const data = workbook.worksheets[0]!;
  const headings = (data.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const columns = await columnsOf(kind);
  expect(headings).toEqual(columns.map((column) => column.headers[0]));
  // Every enumerated column offers its Vietnamese labels in a drop-down.
  for (const [index, column] of columns.entries()) {
    const validation = data.getCell(2, index + 1).dataValidation;
    expect(validation?.type === 'list').toBe(column.choices !== undefined);
  }
  const instructions = workbook.getWorksheet('Hướng dẫn')!;
  expect((instructions.getRow(instructions.rowCount - 1).values as ExcelJS.CellValue[]).slice(1).map(String)).toEqual(headings);
  // Row 2 on (reading the drop-downs above made row 2, so addRow would leave it empty).
  rows.forEach((row, index) => columns.forEach((column, at) => (data.getCell(index + 2, at + 1).value = row[column.key] ?? null)));
  return new File([await workbook.xlsx.writeBuffer()], `${kind}.xlsx`);
}

/** A CSV ("CSV UTF-8" as Excel saves it) of the rows under the template's headings. */
async function csvFileOf(kind: Kind, rows: Row[]): Promise<File> {
  const columns = await columnsOf(kind);
  const text = csvText([columns.map((column) => column.headers[0]!), ...rows.map((row) => columns.map((column) => row[column.key] ?? null))], ';');
  return encodedFile(text, 'utf-8 with BOM', `${kind}.csv`);
}

/** A bad file's issues as [row, heading] pairs, each with a Vietnamese message that names no API field. */
async function issuesOf(kind: Kind, answer: Answer | undefined) {
  expect(answer?.__typename).toBe('ImportRejected');
  const headings = new Set((await columnsOf(kind)).map((column) => column.headers[0]));
  for (const issue of answer!.issues!) {
    expect(headings.has(issue.column), issue.text).toBe(true);
    expect(issue.message, issue.text).not.toMatch(/input\.|^[A-Za-z ]+$/);
  }
  return answer!.issues!.map((issue) => [issue.row, issue.column]);
}

const heading = async (kind: Kind, key: string) => (await columnsOf(kind)).find((column) => column.key === key)!.headers[0]!;

// ───────────────────────────── candidates and targets ─────────────────────────────

/** The stage each "<stage>On" column dates, in the order of the admission path. */
const stageColumns: [string, string][] = [
  ['trainedOn', 'TRAINED'],
  ['dossierOn', 'DOSSIER'],
  ['cellResolutionOn', 'CELL_RESOLUTION'],
  ['committeeResolutionOn', 'COMMITTEE_RESOLUTION'],
  ['decidedOn', 'DECIDED'],
  ['admittedOn', 'ADMITTED'],
  ['droppedOn', 'DROPPED'],
];

interface CandidateNode {
  fullName: string;
  gender: string;
  youthUnionMember: boolean;
  stage: string;
  trainedOn: string | null;
  cellResolutionOn: string | null;
  droppedReason: string | null;
  cell: { code: string };
  stageChanges: { stage: string; changedOn: string }[];
  mentor: { fullName: string } | null;
  sponsors: { fullName: string }[];
  member: { fullName: string; status: string; admittedOn: string; admittedBy: { name: string } | null; cell: { code: string } } | null;
}

const CandidatesQuery = `query($filter: CandidateFilter) { candidates(filter: $filter, first: 100) { edges { node {
  fullName gender youthUnionMember stage trainedOn cellResolutionOn droppedReason cell { code }
  stageChanges { stage changedOn } mentor { fullName } sponsors { fullName }
  member { fullName status admittedOn admittedBy { name } cell { code } } } } } }`;

async function candidatesUnder(unitId: string): Promise<CandidateNode[]> {
  const data = await gql<{ candidates: { edges: { node: CandidateNode }[] } }>(CandidatesQuery, { filter: { underUnitId: unitId } });
  return data.candidates.edges.map((edge) => edge.node);
}

describe('candidateImport and admissionTargetImport', () => {
  it('imports candidates with their stages, admitted ones as members, and targets counting them, from templates and CSV', async () => {
    const tree = await createTree({ commune: 'Xã Long Thạnh' });
    const mentor = await createOfficialMember(tree.cellA.id, 'Võ Văn Tâm');
    const sponsor = await createOfficialMember(tree.cellA.id, 'Đặng Thị Hoa');
    const names = { commune: 'Xã Long Thạnh', district: 'Huyện Phụng Hiệp' };
    const rows: Row[] = [
      { cellCode: tree.cellA.code, fullName: 'Lâm Thị Kiều', gender: labels.Gender.FEMALE, birthDate: day('2000-02-29'), ethnicity: 'Khmer',
        enteredOn: day('2024-01-05') },
      { cellCode: tree.cellA.code, fullName: 'Trương Văn Phúc', gender: labels.Gender.MALE, birthDate: day('1995-07-01'), ethnicity: 'Kinh',
        youthUnionMember: 'có', enteredOn: day('2023-11-20'), trainedOn: day('2024-02-01'), dossierOn: day('2024-02-01') },
      { cellCode: tree.cellA.code, fullName: 'Nguyễn Thị Ánh', gender: labels.Gender.FEMALE, birthDate: day('1999-09-09'), ethnicity: 'Kinh',
        youthUnionMember: 'có', enteredOn: day('2023-06-01'), trainedOn: day('2023-09-15'), dossierOn: day('2023-12-01'),
        cellResolutionOn: day('2024-01-10'), committeeResolutionOn: day('2024-02-05'), decidedOn: day('2024-03-01'), admittedOn: day('2024-03-26'),
        mentorCardNumber: mentor.partyCardNumber, sponsorCardNumbers: `${mentor.partyCardNumber}; ${sponsor.partyCardNumber}` },
      { cellCode: tree.cellB.code, fullName: 'Huỳnh Văn Lộc', gender: labels.Gender.MALE, birthDate: day('1990-12-31'), ethnicity: 'Hoa',
        enteredOn: day('2022-05-01'), trainedOn: day('2022-08-01'), droppedOn: day('2023-01-15'), droppedReason: 'Chuyển công tác nơi khác' },
      { cellCode: tree.cellB.code, fullName: 'Phan Thị Diễm', gender: labels.Gender.FEMALE, birthDate: day('1996-03-03'), ethnicity: 'Kinh',
        enteredOn: day('2023-01-01'), trainedOn: day('2023-03-01'), dossierOn: day('2023-04-01'), cellResolutionOn: day('2023-05-01'),
        committeeResolutionOn: day('2023-06-01'), decidedOn: day('2023-07-01'), admittedOn: day('2024-07-01'), admittedByUnitCode: tree.district.code },
    ];
    const csvRows: Row[] = [
      { cellCode: tree.cellB.code, fullName: 'Kim Văn Sơn', gender: 'Nam', birthDate: day('2001-01-15'), ethnicity: 'Khmer', enteredOn: day('2024-02-02'),
        trainedOn: day('2024-04-04'), dossierOn: day('2024-05-05'), cellResolutionOn: day('2024-06-06'), committeeResolutionOn: day('2024-07-07'),
        decidedOn: day('2024-08-08'), admittedOn: day('2024-09-09') },
    ];
    const xlsx = await send('candidates', tree.commune.id, await filledTemplate('candidates', rows));
    expect(xlsx.answer).toEqual({ __typename: 'CandidateImportSuccess', data: { imported: rows.length, rowCount: rows.length, dryRun: false } });
    const csv = await send('candidates', tree.commune.id, await csvFileOf('candidates', csvRows));
    expect(csv.answer).toEqual({ __typename: 'CandidateImportSuccess', data: { imported: 1, rowCount: 1, dryRun: false } });

    // What the rows say, computed from them: the last stage dated, each stage with its day after the pool.
    const cardHolder = new Map([[mentor.partyCardNumber, mentor.fullName], [sponsor.partyCardNumber, sponsor.fullName]]);
    const expected = [...rows, ...csvRows].map((row) => {
      const reached = stageColumns.filter(([key]) => row[key]);
      const admitted = row.admittedOn instanceof Date;
      return {
        fullName: row.fullName,
        gender: row.gender === labels.Gender.FEMALE ? 'FEMALE' : 'MALE',
        youthUnionMember: row.youthUnionMember === 'có',
        stage: reached.at(-1)?.[1] ?? 'POOL',
        trainedOn: iso(row.trainedOn ?? null),
        cellResolutionOn: iso(row.cellResolutionOn ?? null),
        droppedReason: row.droppedReason ?? null,
        cell: { code: row.cellCode },
        stageChanges: [{ stage: 'POOL', changedOn: iso(row.enteredOn!) }, ...reached.map(([key, stage]) => ({ stage, changedOn: iso(row[key]!) }))],
        mentor: row.mentorCardNumber ? { fullName: cardHolder.get(String(row.mentorCardNumber)) } : null,
        sponsors: String(row.sponsorCardNumbers ?? '').split(';').filter((card) => card.trim()).map((card) => ({ fullName: cardHolder.get(card.trim()) })),
        member: admitted
          ? { fullName: row.fullName, status: 'PROBATIONARY', admittedOn: iso(row.admittedOn!), cell: { code: row.cellCode },
              // The admitting committee: the one named, else the cell's grassroots committee.
              admittedBy: { name: row.admittedByUnitCode === tree.district.code ? names.district : names.commune } }
          : null,
      };
    });
    const stored = await candidatesUnder(tree.commune.id);
    const byName = (a: { fullName: unknown }, b: { fullName: unknown }) => String(a.fullName).localeCompare(String(b.fullName));
    expect(stored.map((node) => ({ ...node, sponsors: [...node.sponsors].sort(byName) })).sort(byName)).toEqual(
      expected.map((each) => ({ ...each, sponsors: [...each.sponsors].sort(byName) })).sort(byName),
    );

    // Targets: the district's, the commune's and a cell's; then a CSV replacing one and adding a year.
    const targetRows: Row[] = [
      { unitCode: tree.district.code, year: 2024, target: 4 },
      { unitCode: tree.commune.code, year: 2024, target: 3 },
      { unitCode: tree.cellA.code, year: 2024, target: 0 },
    ];
    const targetCsv: Row[] = [
      { unitCode: tree.commune.code, year: 2024, target: 2 },
      { unitCode: tree.commune.code, year: 2023, target: 1 },
    ];
    const targets1 = await send('admission-targets', tree.district.id, await filledTemplate('admission-targets', targetRows));
    expect(targets1.answer).toEqual({ __typename: 'AdmissionTargetImportSuccess', data: { imported: 3, rowCount: 3, dryRun: false } });
    const targets2 = await send('admission-targets', tree.district.id, await csvFileOf('admission-targets', targetCsv));
    expect(targets2.answer).toMatchObject({ __typename: 'AdmissionTargetImportSuccess', data: { imported: 2 } });
    const read = await gql<{ admissionTargets: { edges: { node: { year: number; target: number; admitted: number; achievedPercent: number | null; unit: { code: string } } }[] } }>(
      `query($filter: AdmissionTargetFilter) { admissionTargets(filter: $filter) { edges { node { year target admitted achievedPercent unit { code } } } } }`,
      { filter: { underUnitId: tree.district.id } },
    );
    // The last row for a unit and year wins; admitted: candidates admitted that year by a unit of the target's subtree.
    const finalTargets = new Map<string, Row>();
    for (const row of [...targetRows, ...targetCsv]) finalTargets.set(`${row.unitCode}:${row.year}`, row);
    const admittedRows = [...rows, ...csvRows].filter((row) => row.admittedOn instanceof Date);
    const admittingCode = (row: Row) => (row.admittedByUnitCode ?? tree.commune.code) as string;
    const subtreeCodes: Record<string, string[]> = {
      [tree.district.code]: [tree.district.code, tree.commune.code, tree.cellA.code, tree.cellB.code],
      [tree.commune.code]: [tree.commune.code, tree.cellA.code, tree.cellB.code],
      [tree.cellA.code]: [tree.cellA.code],
    };
    const expectedTargets = [...finalTargets.values()].map((row) => {
      const admitted = admittedRows.filter(
        (each) => (each.admittedOn as Date).getUTCFullYear() === row.year && subtreeCodes[row.unitCode as string]!.includes(admittingCode(each)),
      ).length;
      const target = row.target as number;
      return { year: row.year, target, admitted, achievedPercent: target === 0 ? null : Math.round((admitted / target) * 1000) / 10, unit: { code: row.unitCode } };
    });
    const key = (each: { year: unknown; unit: { code: unknown } }) => `${each.unit.code}:${each.year}`;
    expect(read.admissionTargets.edges.map((edge) => edge.node).sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      expectedTargets.sort((a, b) => key(a).localeCompare(key(b))),
    );
  });

  it('lists every problem of a candidates file by row and heading, writes nothing, and a dry run answers the same', async () => {
    const tree = await createTree({ commune: 'Xã Vĩnh Viễn' });
    const base = { cellCode: tree.cellA.code, gender: labels.Gender.MALE, birthDate: day('1995-01-01'), ethnicity: 'Kinh', enteredOn: day('2023-01-01') };
    const rows: Row[] = [
      { ...base, fullName: 'Đúng Văn Một', trainedOn: day('2023-02-01') },
      // skips the dossier
      { ...base, fullName: 'Bỏ Bước Hai', trainedOn: day('2023-02-01'), cellResolutionOn: day('2023-03-01') },
      // a stage dated before the one before it
      { ...base, fullName: 'Lùi Ngày Ba', trainedOn: day('2023-05-01'), dossierOn: day('2023-04-01') },
      // too young when the cell resolves
      { ...base, fullName: 'Trẻ Tuổi Bốn', birthDate: day('2006-06-01'), trainedOn: day('2023-02-01'), dossierOn: day('2023-03-01'), cellResolutionOn: day('2023-04-01') },
      // not a gender
      { ...base, fullName: 'Sai Năm', gender: 'Khác' },
      // admitted before a decision, and an unknown sponsor
      { ...base, fullName: 'Vội Sáu', trainedOn: day('2023-02-01'), admittedOn: day('2023-08-01'), sponsorCardNumbers: '000000' },
      // the same person twice in the file
      { ...base, fullName: 'Đúng Văn Một', trainedOn: day('2023-02-01') },
      // a cell outside the file's unit
      { ...base, cellCode: 'KHONG-CO', fullName: 'Lạc Bảy' },
      // dropped without a reason
      { ...base, fullName: 'Dừng Tám', trainedOn: day('2023-02-01'), droppedOn: day('2023-06-01') },
    ];
    const file = await filledTemplate('candidates', rows);
    const dry = await send('candidates', tree.commune.id, file, { dryRun: true });
    const real = await send('candidates', tree.commune.id, file);
    expect(dry.answer).toEqual(real.answer);
    const h = (key: string) => heading('candidates', key);
    expect(await issuesOf('candidates', real.answer)).toEqual([
      [3, await h('cellResolutionOn')],
      [4, await h('dossierOn')],
      [5, await h('cellResolutionOn')],
      [6, await h('gender')],
      [7, await h('sponsorCardNumbers')],
      [8, await h('fullName')],
      [9, await h('cellCode')],
      [10, await h('droppedReason')],
    ]);
    // Row 7's admission, once its sponsor is known, is refused for want of a decision.
    const fixed = await send('candidates', tree.commune.id, await filledTemplate('candidates', [{ ...rows[5]!, sponsorCardNumbers: null }]));
    expect(await issuesOf('candidates', fixed.answer)).toEqual([[2, await h('admittedOn')]]);
    expect(await wholeStore().admissionCandidate.count({ where: { cellId: localId(tree.cellA.id, 'Unit', 'id') } })).toBe(0);
    expect(await wholeStore().member.count({ where: { cellId: localId(tree.cellA.id, 'Unit', 'id') } })).toBe(0);
  });

  it('lets STAFF import candidates as candidateCreate and candidateAdvance, but an admission only as candidateAdmit: LEADER or ADMIN', async () => {
    const tree = await createTree({ commune: 'Xã Hòa Mỹ' });
    const communeId = localId(tree.commune.id, 'Unit', 'id');
    const staff = await userWith('STAFF', communeId);
    const person = { cellCode: tree.cellA.code, fullName: 'Lê Văn Bảy', gender: 'Nam', birthDate: day('1990-01-01'), ethnicity: 'Kinh', enteredOn: day('2023-01-01'),
      trainedOn: day('2023-02-01'), dossierOn: day('2023-03-01'), cellResolutionOn: day('2023-04-01'), committeeResolutionOn: day('2023-05-01'), decidedOn: day('2023-06-01') };
    const refused = await send('candidates', tree.commune.id, await csvFileOf('candidates', [{ ...person, admittedOn: day('2023-07-01') }]), { authorization: staff });
    expect(await issuesOf('candidates', refused.answer)).toEqual([[2, await heading('candidates', 'admittedOn')]]);
    const allowed = await send('candidates', tree.commune.id, await csvFileOf('candidates', [person]), { authorization: staff });
    expect(allowed.answer).toMatchObject({ data: { imported: 1 } });
    const targets = await send('admission-targets', tree.commune.id, await csvFileOf('admission-targets', [{ unitCode: tree.commune.code, year: 2024, target: 1 }]), { authorization: staff });
    expect(targets.answer).toBeUndefined();
    expect(targets.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lists every problem of a targets file by row and heading and writes nothing', async () => {
    const tree = await createTree({ commune: 'Xã Tân Hòa' });
    const other = await createTree({ commune: 'Xã Khác' });
    const rows: Row[] = [
      { unitCode: tree.cellA.code, year: 2024, target: 2 },
      { unitCode: tree.cellA.code, year: 2024, target: 3 },
      { unitCode: other.cellA.code, year: 2024, target: 1 },
      { unitCode: tree.cellB.code, year: 1800, target: -1 },
      { unitCode: tree.cellB.code, year: 'hai nghìn', target: 1 },
    ];
    const file = await filledTemplate('admission-targets', rows);
    const dry = await send('admission-targets', tree.commune.id, file, { dryRun: true });
    const real = await send('admission-targets', tree.commune.id, file);
    expect(dry.answer).toEqual(real.answer);
    const h = (key: string) => heading('admission-targets', key);
    expect(await issuesOf('admission-targets', real.answer)).toEqual([
      [3, await h('year')],
      [4, await h('unitCode')],
      [5, await h('year')],
      [5, await h('target')],
      [6, await h('year')],
    ]);
    expect(await wholeStore().admissionTarget.count({ where: { unit: { code: { in: [tree.cellA.code, tree.cellB.code] } } } })).toBe(0);
  });
});

// ───────────────────────────── working groups and visits ─────────────────────────────

interface GroupNode {
  name: string;
  decisionNumber: string;
  formedOn: string;
  formedBy: { name: string };
  members: { fullName: string; role: string }[];
  assignments: { cell: { code: string }; fromDate: string; toDate: string | null }[];
}

async function groupsUnder(unitId: string): Promise<GroupNode[]> {
  const data = await gql<{ workingGroups: { edges: { node: GroupNode }[] } }>(
    `query($filter: WorkingGroupFilter) { workingGroups(filter: $filter, first: 100) { edges { node {
      name decisionNumber formedOn formedBy { name } members { fullName role } assignments { cell { code } fromDate toDate } } } } }`,
    { filter: { underUnitId: unitId } },
  );
  return data.workingGroups.edges.map((edge) => edge.node);
}

/** What the rows of a groups file say: one group per name and committee, its facts from its first row, the cells of all its rows. */
function groupsOfRows(rows: Row[], unitNames: Record<string, string>) {
  const groups = new Map<string, GroupNode>();
  for (const row of rows) {
    const key = `${row.formedByUnitCode}:${row.name}`;
    const group = groups.get(key) ?? {
      name: String(row.name),
      decisionNumber: String(row.decisionNumber),
      formedOn: iso(row.formedOn!)!,
      formedBy: { name: unitNames[String(row.formedByUnitCode)]! },
      members: String(row.memberNames).split(';').map((person) => {
        const match = /^\s*(.*?)\s*(?:\((.*)\))?\s*$/.exec(person)!;
        return { fullName: match[1]!, role: match[2] ?? 'Thành viên' };
      }),
      assignments: [],
    };
    for (const code of String(row.cellCodes).split(';')) group.assignments.push({ cell: { code: code.trim() }, fromDate: iso(row.fromDate!)!, toDate: null });
    groups.set(key, group);
  }
  return [...groups.values()];
}

const sortGroups = (groups: GroupNode[]) =>
  groups
    .map((group) => ({ ...group, assignments: [...group.assignments].sort((a, b) => a.cell.code.localeCompare(b.cell.code)) }))
    .sort((a, b) => `${a.formedBy.name}${a.name}`.localeCompare(`${b.formedBy.name}${b.name}`));

describe('workingGroupImport and visitImport', () => {
  it('imports working groups with their cells, and visits naming meetings by cell and day, from templates and CSV', async () => {
    const tree = await createTree({ commune: 'Xã Phước Long' });
    const cellC = await createUnit({ name: 'Chi bộ ấp 3', kind: 'CELL', parentId: tree.commune.id });
    const unitNames = { [tree.district.code]: 'Huyện Phụng Hiệp', [tree.commune.code]: 'Xã Phước Long' };
    const rows: Row[] = [
      { name: 'Tổ công tác số 1', decisionNumber: '12-QĐ/ĐU', formedByUnitCode: tree.commune.code, formedOn: day('2024-01-15'),
        memberNames: 'Nguyễn Văn Hùng (Tổ trưởng); Lê Thị Mai (Tổ viên); Trần Văn Tư', cellCodes: `${tree.cellA.code}; ${tree.cellB.code}`, fromDate: day('2024-02-01') },
      // The same group adds a cell from another day; its facts left empty.
      { name: 'Tổ công tác số 1', formedByUnitCode: tree.commune.code, cellCodes: cellC.code, fromDate: day('2024-03-01') },
      { name: 'Tổ công tác số 1', decisionNumber: '77-QĐ/HU', formedByUnitCode: tree.district.code, formedOn: day('2024-01-20'),
        memberNames: 'Võ Thị Lan (Tổ trưởng)', cellCodes: tree.cellA.code, fromDate: day('2024-01-20') },
    ];
    const csvRows: Row[] = [
      { name: 'Tổ công tác số 2', decisionNumber: '13-QĐ/ĐU', formedByUnitCode: tree.commune.code, formedOn: day('2024-01-15'),
        memberNames: 'Phạm Văn Bé (Tổ trưởng), Hồ Thị Nga (Tổ viên)', cellCodes: tree.cellB.code, fromDate: day('2024-01-15') },
    ];
    const xlsx = await send('working-groups', tree.district.id, await filledTemplate('working-groups', rows));
    expect(xlsx.answer).toEqual({ __typename: 'WorkingGroupImportSuccess', data: { imported: 3, rowCount: 3, dryRun: false } });
    const csv = await send('working-groups', tree.district.id, await csvFileOf('working-groups', csvRows));
    expect(csv.answer).toMatchObject({ __typename: 'WorkingGroupImportSuccess', data: { imported: 1 } });
    // The CSV's members are separated by commas (no semicolon in the cell): the list reads them alike.
    const expectedGroups = groupsOfRows([...rows, { ...csvRows[0]!, memberNames: String(csvRows[0]!.memberNames).replace(',', ';') }], unitNames);
    expect(sortGroups(await groupsUnder(tree.district.id))).toEqual(sortGroups(expectedGroups));

    // Visits: cell A met once on 05/03/2024, cell B twice on 07/03/2024.
    await recordMeeting(meetingInput(tree.cellA.id, '2024-03-05'));
    await recordMeeting(meetingInput(tree.cellB.id, '2024-03-07'));
    await recordMeeting(meetingInput(tree.cellB.id, '2024-03-07', { kind: 'THEMATIC', startsAt: '2024-03-07T14:00:00+07:00', endsAt: '2024-03-07T16:00:00+07:00' }));
    const visitRows: Row[] = [
      // A group in charge of cell B; the cell met twice that day, so each row gives the start time.
      { cellCode: tree.cellB.code, heldOn: day('2024-03-07'), startTime: '14:00', workingGroupName: 'Tổ công tác số 2', comments: 'Chuẩn bị chu đáo' },
      { cellCode: tree.cellB.code, heldOn: day('2024-03-07'), startTime: '07:30', visitorUnitCode: tree.district.code, visitorName: 'Đồng chí Năm',
        recommendations: 'Tăng cường sinh hoạt chuyên đề' },
    ];
    const visitCsv: Row[] = [
      { cellCode: tree.cellA.code, heldOn: day('2024-03-05'), visitorUnitCode: 'Xã Phước Long', visitorName: 'Đồng chí Sáu' },
    ];
    const visits1 = await send('visits', tree.commune.id, await filledTemplate('visits', visitRows));
    expect(visits1.answer).toEqual({ __typename: 'VisitImportSuccess', data: { imported: 2, rowCount: 2, dryRun: false } });
    const visits2 = await send('visits', tree.commune.id, await csvFileOf('visits', visitCsv));
    expect(visits2.answer).toMatchObject({ __typename: 'VisitImportSuccess', data: { imported: 1 } });
    const read = await gql<{ visits: { edges: { node: Record<string, unknown> }[] } }>(
      `query($filter: VisitFilter) { visits(filter: $filter, first: 100) { edges { node {
        meeting { heldOn startsAt cell { code } } workingGroup { name } visitorUnit { name } visitorName comments recommendations } } } }`,
      { filter: { underUnitId: tree.commune.id } },
    );
    const startsAt = (row: Row) => `${iso(row.heldOn!)}T${row.startTime ? `${row.startTime}` : '07:30'}:00+07:00`;
    const expectedVisits = [...visitRows, ...visitCsv].map((row) => {
      const committee = row.visitorUnitCode ? (row.visitorUnitCode === tree.district.code ? 'Huyện Phụng Hiệp' : String(row.visitorUnitCode)) : null;
      return {
        meeting: { heldOn: iso(row.heldOn!), startsAt: new Date(startsAt(row)).toISOString(), cell: { code: row.cellCode } },
        workingGroup: row.workingGroupName ? { name: row.workingGroupName } : null,
        visitorUnit: committee ? { name: committee } : null,
        visitorName: row.visitorName ?? row.workingGroupName,
        comments: row.comments ?? null,
        recommendations: row.recommendations ?? null,
      };
    });
    const visitKey = (each: Record<string, unknown>) => JSON.stringify([(each.meeting as { startsAt: string }).startsAt, each.visitorName]);
    const normalise = (each: Record<string, unknown>) => ({ ...each, meeting: { ...(each.meeting as object), startsAt: new Date((each.meeting as { startsAt: string }).startsAt).toISOString() } });
    expect(read.visits.edges.map((edge) => normalise(edge.node)).sort((a, b) => visitKey(a).localeCompare(visitKey(b)))).toEqual(
      expectedVisits.sort((a, b) => visitKey(a).localeCompare(visitKey(b))),
    );
  });

  it('lists every problem of a groups file and of a visits file by row and heading, writes nothing, and a dry run answers the same', async () => {
    const tree = await createTree({ commune: 'Xã Thạnh Phú' });
    const other = await createTree({ commune: 'Xã Bên Cạnh' });
    const group = { decisionNumber: '5-QĐ/ĐU', formedByUnitCode: tree.commune.code, formedOn: day('2024-01-01'), memberNames: 'Ngô Văn Út (Tổ trưởng)' };
    const rows: Row[] = [
      { ...group, name: 'Tổ A', cellCodes: tree.cellA.code, fromDate: day('2024-01-01') },
      // the same group: another decision number; and cell A again
      { ...group, name: 'Tổ A', decisionNumber: '6-QĐ/ĐU', cellCodes: tree.cellB.code, fromDate: day('2024-02-01') },
      { name: 'Tổ A', formedByUnitCode: tree.commune.code, cellCodes: tree.cellA.code, fromDate: day('2024-02-01') },
      // formed by a cell
      { ...group, name: 'Tổ B', formedByUnitCode: tree.cellA.code, cellCodes: tree.cellB.code, fromDate: day('2024-01-01') },
      // takes a cell before it is formed, and a cell of another commune
      { ...group, name: 'Tổ C', cellCodes: `${tree.cellA.code}; ${other.cellA.code}`, fromDate: day('2023-12-01') },
      // the first row of a group without its decision or members
      { name: 'Tổ D', formedByUnitCode: tree.commune.code, formedOn: day('2024-01-01'), cellCodes: tree.cellA.code, fromDate: day('2024-01-01') },
    ];
    const file = await filledTemplate('working-groups', rows);
    const dry = await send('working-groups', tree.commune.id, file, { dryRun: true });
    const real = await send('working-groups', tree.commune.id, file);
    expect(dry.answer).toEqual(real.answer);
    const g = (key: string) => heading('working-groups', key);
    expect(await issuesOf('working-groups', real.answer)).toEqual([
      [3, await g('decisionNumber')],
      [4, await g('cellCodes')],
      [5, await g('formedByUnitCode')],
      [6, await g('cellCodes')],
      [7, await g('decisionNumber')],
    ]);
    expect(await groupsUnder(tree.commune.id)).toEqual([]);

    // Visits: a meeting that day missing, two meetings that day, a group not in charge, a committee not above the cell, a visit already recorded.
    await wholeStore().workingGroup.create({
      data: { name: 'Tổ E', decisionNumber: '9-QĐ/ĐU', formedByUnitId: localId(tree.commune.id, 'Unit', 'id'), formedOn: day('2024-01-01'),
        assignments: { create: { cellId: localId(tree.cellB.id, 'Unit', 'id'), fromDate: day('2024-01-01') } } },
    });
    await recordMeeting(meetingInput(tree.cellA.id, '2024-04-02'));
    await recordMeeting(meetingInput(tree.cellA.id, '2024-04-02', { kind: 'THEMATIC', startsAt: '2024-04-02T14:00:00+07:00', endsAt: '2024-04-02T16:00:00+07:00' }));
    await recordMeeting(meetingInput(tree.cellB.id, '2024-04-03'));
    const visitRows: Row[] = [
      { cellCode: tree.cellB.code, heldOn: day('2024-04-03'), workingGroupName: 'Tổ E' },
      { cellCode: tree.cellB.code, heldOn: day('2024-04-04'), workingGroupName: 'Tổ E' },
      { cellCode: tree.cellA.code, heldOn: day('2024-04-02'), workingGroupName: 'Tổ E' },
      { cellCode: tree.cellA.code, heldOn: day('2024-04-02'), startTime: '07:30', workingGroupName: 'Tổ E' },
      { cellCode: tree.cellB.code, heldOn: day('2024-04-03'), visitorUnitCode: tree.cellA.code, visitorName: 'Đồng chí Bảy' },
      { cellCode: tree.cellB.code, heldOn: day('2024-04-03'), workingGroupName: 'Tổ E' },
      { cellCode: tree.cellB.code, heldOn: day('2024-04-03'), visitorUnitCode: tree.commune.code },
    ];
    const visitFile = await filledTemplate('visits', visitRows);
    const dryVisits = await send('visits', tree.commune.id, visitFile, { dryRun: true });
    const realVisits = await send('visits', tree.commune.id, visitFile);
    expect(dryVisits.answer).toEqual(realVisits.answer);
    const v = (key: string) => heading('visits', key);
    expect(await issuesOf('visits', realVisits.answer)).toEqual([
      [3, await v('heldOn')],
      [4, await v('heldOn')],
      [5, await v('workingGroupName')],
      [6, await v('visitorUnitCode')],
      [7, await v('workingGroupName')],
      [8, await v('visitorName')],
    ]);
    expect(await wholeStore().meetingVisit.count({ where: { meeting: { cell: { code: { in: [tree.cellA.code, tree.cellB.code] } } } } })).toBe(0);
  });
});
