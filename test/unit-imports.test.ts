// unitImport, unitRatingImport and recognitionImport: each imports its own template filled in
// (XLSX) and a CSV, all rows or none, every problem by row and heading in Vietnamese, a dry run
// writes nothing, and the rows read back through the API are the rows written. Units name their
// parent by code, in the store or on any row of the file; the file's unit bounds every row.
import type ExcelJS from 'exceljs';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { localId } from '../src/graphql/ids.js';
import { labels } from '../src/text/labels.js';
import { graphql } from './generated/index.js';
import { bearer, userWith } from './support/auth.js';
import { app, run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { createTree, createUnit, nextCode } from './support/factories.js';
import { csvText, encodedFile, readWorkbook, xlsxFile, type Cell } from './support/import-files.js';
import { wholeStore } from './support/store.js';

useFreshDatabase();

// ───────────── requests ─────────────

const UnitImport = graphql(`
  mutation UnitFileImport($input: UnitImportInput!) {
    unitImport(input: $input) {
      __typename
      ... on UnitImportSuccess { data { imported rowCount dryRun } }
      ... on ImportRejected { message rowCount issues { row column message text } }
      ... on Error { message }
    }
  }
`);

const UnitRatingImport = graphql(`
  mutation UnitRatingFileImport($input: ImportInput!) {
    unitRatingImport(input: $input) {
      __typename
      ... on UnitRatingImportSuccess { data { imported rowCount dryRun } }
      ... on ImportRejected { message rowCount issues { row column message text } }
      ... on Error { message }
    }
  }
`);

const RecognitionImport = graphql(`
  mutation RecognitionFileImport($input: ImportInput!) {
    recognitionImport(input: $input) {
      __typename
      ... on RecognitionImportSuccess { data { imported rowCount dryRun } }
      ... on ImportRejected { message rowCount issues { row column message text } }
      ... on Error { message }
    }
  }
`);

const UnitByCode = graphql(`
  query ImportedUnit($code: String!) {
    unitByCode(code: $code) { code name kind category validFrom depth parent { code } }
  }
`);

const UnitRatingsUnder = graphql(`
  query ImportedUnitRatings($filter: UnitRatingFilter) {
    unitRatings(filter: $filter, first: 100) {
      edges { node { unit { code } year period level selfAssessedLevel proposedLevel score decidedOn notRatedReason decidedBy { name } } }
    }
  }
`);

const RecognitionsUnder = graphql(`
  query ImportedRecognitions($filter: RecognitionFilter) {
    recognitions(filter: $filter, first: 100) {
      edges { node { unit { code } programme year registeredOn recognizedOn decisionNumber } }
    }
  }
`);

type Answer = { __typename: string; data?: { imported: number; rowCount: number; dryRun: boolean }; issues?: { row: number; column: string; message: string; text: string }[]; message?: string };

/** Sends an import as a GraphQL multipart request, as the central ADMIN unless told otherwise. */
async function send<Variables>(
  document: TypedDocumentNode<unknown, Variables>,
  input: { unitId?: string | null; dryRun?: boolean },
  file: File,
  authorization?: string,
): Promise<{ answer?: Answer; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: print(document), variables: { input: { ...input, file: null } } }));
  form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
  form.set('0', file);
  const response = await app.fetch('http://chibo.test/graphql', { method: 'POST', body: form, headers: { authorization: authorization ?? (await bearer()) } });
  const body = (await response.json()) as { data?: Record<string, Answer | null>; errors?: { message: string; extensions?: { code?: string } }[] };
  return { answer: body.data ? (Object.values(body.data)[0] ?? undefined) : undefined, errors: body.errors };
}

const csvFile = (headings: string[], rows: Cell[][]) => encodedFile(csvText([headings, ...rows], ';'), 'utf-8 with BOM');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const local = (gid: string) => localId(gid, 'Unit', 'id');

async function unitsByCode(codes: string[]) {
  const found = [];
  for (const code of codes) found.push((await run(UnitByCode, { code })).unitByCode);
  return found;
}

async function ratingsUnder(unitId: string) {
  const { unitRatings } = await run(UnitRatingsUnder, { filter: { underUnitId: unitId } });
  return unitRatings.edges.map((edge) => edge.node).sort((a, b) => a.unit.code.localeCompare(b.unit.code) || a.year - b.year);
}

async function recognitionsUnder(unitId: string) {
  const { recognitions } = await run(RecognitionsUnder, { filter: { underUnitId: unitId } });
  return recognitions.edges.map((edge) => edge.node).sort((a, b) => a.unit.code.localeCompare(b.unit.code) || a.programme.localeCompare(b.programme));
}

/** Rows of the store that any import might write, to see that a refused one wrote nothing. */
async function storeCounts() {
  const db = wholeStore();
  return { units: await db.orgUnit.count(), placements: await db.unitPlacement.count(), ratings: await db.unitRating.count(), recognitions: await db.recognition.count(), audit: await db.auditLog.count() };
}

// ───────────── templates ─────────────

async function template(kind: string): Promise<ExcelJS.Workbook> {
  const response = await app.fetch(`http://chibo.test/templates/${kind}.xlsx`, { headers: { authorization: await bearer() } });
  expect(response.status).toBe(200);
  return readWorkbook(await response.arrayBuffer());
}

const rowValues = (row: ExcelJS.Row) => (row.values as ExcelJS.CellValue[]).slice(1);

/** The values a column's drop-down offers, read from the range its validation names. */
function dropDown(workbook: ExcelJS.Workbook, cell: ExcelJS.Cell): string[] | undefined {
  const validation = cell.dataValidation;
  if (!validation || validation.type !== 'list') return undefined;
  const match = /^'([^']+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(validation.formulae[0] as string)!;
  const sheet = workbook.getWorksheet(match[1]!)!;
  const values: string[] = [];
  for (let row = Number(match[3]); row <= Number(match[5]); row++) values.push(String(sheet.getCell(`${match[2]}${row}`).value));
  return values;
}

/** The template's headings, its drop-downs by heading, and its example row by heading. */
function readTemplate(workbook: ExcelJS.Workbook) {
  const data = workbook.worksheets[0]!;
  const headings = rowValues(data.getRow(1)).map(String);
  const lists = Object.fromEntries(headings.flatMap((heading, index) => {
    const offered = dropDown(workbook, data.getCell(2, index + 1));
    return offered ? [[heading, offered]] : [];
  }));
  const instructions = workbook.getWorksheet('Hướng dẫn')!;
  const exampleHeadings = rowValues(instructions.getRow(instructions.rowCount - 1)).map(String);
  const exampleValues = rowValues(instructions.getRow(instructions.rowCount));
  const example = new Map(exampleHeadings.map((heading, index) => [heading, exampleValues[index] ?? null]));
  const described = new Set(instructions.getColumn(1).values.map(String));
  return { data, headings, lists, example, described };
}

/** The template filled with rows given by heading (a heading left out takes the example's value), as an .xlsx file. */
async function filledTemplate(workbook: ExcelJS.Workbook, rows: Record<string, Cell>[]): Promise<File> {
  const { data, headings, example } = readTemplate(workbook);
  for (const row of rows) data.addRow(headings.map((heading) => (heading in row ? row[heading] : (example.get(heading) as Cell)) ?? null));
  return new File([await workbook.xlsx.writeBuffer()], 'mau.xlsx');
}

// ───────────── units ─────────────

const unitHeadings = ['Mã tổ chức', 'Tên tổ chức', 'Loại tổ chức', 'Loại hình', 'Mã tổ chức cấp trên', 'Ngày thành lập'];

describe('unitImport', () => {
  it('offers a template with the kinds and categories by label; filled in, it creates parents named on later rows first', async () => {
    const district = await createUnit({ name: 'Huyện Châu Thành', kind: 'DISTRICT', parentId: (await createUnit({ name: 'Tỉnh Sóc Trăng', kind: 'PROVINCE' })).id });
    const workbook = await template('units');
    const { headings, lists, example, described } = readTemplate(workbook);
    expect(headings).toEqual(unitHeadings);
    expect(lists).toEqual({ 'Loại tổ chức': Object.values(labels.UnitKind), 'Loại hình': Object.values(labels.UnitCategory) });
    for (const heading of headings) expect(described.has(heading)).toBe(true);
    expect([...example.keys()]).toEqual(unitHeadings);

    const [commune, cellA, cellB] = [nextCode('XA'), nextCode('CB'), nextCode('CB')];
    // The first cell names its commune before the commune's own row; the second after it.
    const file = await filledTemplate(workbook, [
      { 'Mã tổ chức': cellA, 'Tên tổ chức': 'Chi bộ ấp Phú Hòa', 'Mã tổ chức cấp trên': commune },
      { 'Mã tổ chức': commune, 'Tên tổ chức': 'Đảng bộ xã Phú Tân', 'Loại tổ chức': labels.UnitKind.GRASSROOTS, 'Loại hình': null,
        'Mã tổ chức cấp trên': district.code, 'Ngày thành lập': day('2010-03-02') },
      { 'Mã tổ chức': cellB, 'Tên tổ chức': 'Chi bộ Trường Tiểu học Phú Tân', 'Loại hình': labels.UnitCategory.PUBLIC_SERVICE, 'Mã tổ chức cấp trên': commune,
        'Ngày thành lập': '15/08/2012' },
    ]);
    const before = await storeCounts();
    const { answer } = await send(UnitImport, { unitId: district.id }, file);
    expect(answer).toEqual({ __typename: 'UnitImportSuccess', data: { imported: 3, rowCount: 3, dryRun: false } });
    // The example row is a cell (Chi bộ) of hamlets founded on 01/01/2015.
    expect(await unitsByCode([commune, cellA, cellB])).toEqual([
      { code: commune, name: 'Đảng bộ xã Phú Tân', kind: 'GRASSROOTS', category: null, validFrom: '2010-03-02', depth: 2, parent: { code: district.code } },
      { code: cellA, name: 'Chi bộ ấp Phú Hòa', kind: 'CELL', category: 'HAMLET', validFrom: '2015-01-01', depth: 3, parent: { code: commune } },
      { code: cellB, name: 'Chi bộ Trường Tiểu học Phú Tân', kind: 'CELL', category: 'PUBLIC_SERVICE', validFrom: '2012-08-15', depth: 3, parent: { code: commune } },
    ]);
    // Each unit has its placement under its parent, and every row written is in the audit log.
    const created = await wholeStore().orgUnit.findMany({ where: { code: { in: [commune, cellA, cellB] } }, select: { id: true, parentId: true, validFrom: true, path: true } });
    const placements = await wholeStore().unitPlacement.findMany({ where: { unitId: { in: created.map((u) => u.id) } }, select: { unitId: true, parentId: true, validFrom: true, validTo: true } });
    expect(placements.sort((a, b) => a.unitId - b.unitId)).toEqual(created.map((u) => ({ unitId: u.id, parentId: u.parentId, validFrom: u.validFrom, validTo: null })).sort((a, b) => a.unitId - b.unitId));
    for (const unit of created) expect(unit.path).toMatch(new RegExp(`/${local(district.id)}/(\\d+/)?${unit.id}/$`));
    const after = await storeCounts();
    expect(after.units - before.units).toBe(3);
    expect(after.audit - before.audit).toBe(6);
    const logged = await wholeStore().auditLog.findMany({ where: { entity: 'OrgUnit', entityId: { in: created.map((u) => String(u.id)) } }, select: { action: true } });
    expect(logged.map((entry) => entry.action)).toEqual(['create', 'create', 'create']);
  });

  it('reads a CSV; without unitId the whole country’s ADMIN creates a province and its units', async () => {
    const [province, district, commune] = [nextCode('T'), nextCode('H'), nextCode('X')];
    const rows: Cell[][] = [
      [commune, 'Đảng bộ xã Long Phú', 'Đảng bộ cơ sở', null, district, '01/01/2016'],
      [district, 'Đảng bộ huyện Long Phú', labels.UnitKind.DISTRICT, null, province, '2005-07-01'],
      [province, 'Đảng bộ tỉnh Bạc Liêu', labels.UnitKind.PROVINCE, null, null, '01/01/1997'],
    ];
    const { answer } = await send(UnitImport, {}, csvFile(unitHeadings, rows));
    expect(answer).toEqual({ __typename: 'UnitImportSuccess', data: { imported: 3, rowCount: 3, dryRun: false } });
    expect(await unitsByCode([province, district, commune])).toEqual([
      { code: province, name: 'Đảng bộ tỉnh Bạc Liêu', kind: 'PROVINCE', category: null, validFrom: '1997-01-01', depth: 0, parent: null },
      { code: district, name: 'Đảng bộ huyện Long Phú', kind: 'DISTRICT', category: null, validFrom: '2005-07-01', depth: 1, parent: { code: province } },
      { code: commune, name: 'Đảng bộ xã Long Phú', kind: 'GRASSROOTS', category: null, validFrom: '2016-01-01', depth: 2, parent: { code: district } },
    ]);
  });

  it('lists every problem by row and heading, in Vietnamese, writes nothing, and a dry run answers the same', async () => {
    const tree = await createTree({ commune: 'Xã Mỹ Xuyên' });
    const elsewhere = await createTree({ commune: 'Xã Thạnh Phú' });
    const [a, b, c, d] = [nextCode('CB'), nextCode('BP'), nextCode('BP'), nextCode('CB')];
    const rows: Cell[][] = [
      [a, 'Chi bộ ấp 1', labels.UnitKind.CELL, labels.UnitCategory.HAMLET, tree.commune.code, '01/01/2020'],
      [a, 'Chi bộ ấp 1 (lần hai)', labels.UnitKind.CELL, labels.UnitCategory.HAMLET, tree.commune.code, '01/01/2020'],
      [tree.cellA.code, 'Chi bộ trùng mã', labels.UnitKind.CELL, labels.UnitCategory.HAMLET, tree.commune.code, '01/01/2020'],
      [nextCode('CB'), 'Chi bộ không loại hình', labels.UnitKind.CELL, null, tree.commune.code, '01/01/2020'],
      [nextCode('CB'), 'Chi bộ dưới chi bộ', labels.UnitKind.CELL, labels.UnitCategory.AGENCY, tree.cellA.code, '01/01/2020'],
      [nextCode('CB'), 'Chi bộ ngoài xã', labels.UnitKind.CELL, labels.UnitCategory.AGENCY, elsewhere.commune.code, '01/01/2020'],
      [b, 'Đảng bộ bộ phận B', labels.UnitKind.SUB_COMMITTEE, null, c, '01/01/2020'],
      [c, 'Đảng bộ bộ phận C', labels.UnitKind.SUB_COMMITTEE, null, b, '01/01/2020'],
      [d, 'Chi bộ sai ngày', 'Tổ đảng', 'Cơ quan', tree.commune.code, '31/02/2020'],
      [nextCode('CB'), 'Chi bộ không cấp trên', labels.UnitKind.CELL, labels.UnitCategory.HAMLET, null, '01/01/2020'],
      ['MÃ CÓ DẤU', 'Chi bộ mã sai', labels.UnitKind.CELL, labels.UnitCategory.HAMLET, tree.commune.code, '01/01/2020'],
    ];
    const file = await xlsxFile(unitHeadings, rows);
    const before = await storeCounts();
    const dry = await send(UnitImport, { unitId: tree.commune.id, dryRun: true }, file);
    const real = await send(UnitImport, { unitId: tree.commune.id }, file);
    expect(dry.answer).toEqual(real.answer);
    expect(await storeCounts()).toEqual(before);
    expect(real.answer?.__typename).toBe('ImportRejected');
    expect(real.answer?.message).toBe('Chưa nhập dòng nào: 10 trong 11 dòng có lỗi');
    const kinds = Object.values(labels.UnitKind).join('; ');
    expect(real.answer?.issues?.map((issue) => issue.text)).toEqual([
      `Dòng 3, cột «Mã tổ chức»: mã ${a} đã có ở dòng 2 của tệp`,
      `Dòng 4, cột «Mã tổ chức»: đã có tổ chức mang mã ${tree.cellA.code}`,
      'Dòng 5, cột «Loại hình»: chi bộ cần có loại hình (thôn/ấp, cơ quan, đơn vị sự nghiệp, …)',
      `Dòng 6, cột «Mã tổ chức cấp trên»: không thể đặt Chi bộ trực thuộc Chi bộ; cấp trên được phép: ${['GRASSROOTS', 'SUB_COMMITTEE', 'DISTRICT', 'PROVINCE'].map((k) => labels.UnitKind[k as keyof typeof labels.UnitKind]).join('; ')}`,
      `Dòng 7, cột «Mã tổ chức cấp trên»: không có tổ chức mã ${elsewhere.commune.code} thuộc ${tree.commune.name}, cũng không có ở dòng nào của tệp`,
      `Dòng 8, cột «Mã tổ chức cấp trên»: các tổ chức của tệp làm cấp trên của nhau thành vòng: ${b} → ${c} → ${b}`,
      `Dòng 9, cột «Mã tổ chức cấp trên»: các tổ chức của tệp làm cấp trên của nhau thành vòng: ${c} → ${b} → ${c}`,
      `Dòng 10, cột «Loại tổ chức»: «Tổ đảng» không thuộc danh sách: ${kinds}`,
      'Dòng 10, cột «Ngày thành lập»: không phải ngày hợp lệ (dd/mm/yyyy): «31/02/2020»',
      `Dòng 11, cột «Mã tổ chức cấp trên»: không được để trống: tệp dành cho ${tree.commune.name}, nên mỗi tổ chức ghi mã cấp trên của mình (${tree.commune.name} hoặc một tổ chức thuộc đó)`,
      'Dòng 12, cột «Mã tổ chức»: chỉ được gồm chữ cái A–Z, chữ số, ".", "_" và "-"',
    ]);
  });

  it('checks a good file in a dry run and writes nothing', async () => {
    const tree = await createTree({ commune: 'Xã Vĩnh Hải' });
    const rows: Cell[][] = [[nextCode('CB'), 'Chi bộ ấp Vĩnh Hòa', labels.UnitKind.CELL, labels.UnitCategory.HAMLET, tree.commune.code, '01/01/2021']];
    const before = await storeCounts();
    const { answer } = await send(UnitImport, { unitId: tree.commune.id, dryRun: true }, csvFile(unitHeadings, rows));
    expect(answer).toEqual({ __typename: 'UnitImportSuccess', data: { imported: 0, rowCount: 1, dryRun: true } });
    expect(await storeCounts()).toEqual(before);
  });

  it('is ADMIN’s, as unitCreate; a district’s ADMIN imports within its district only', async () => {
    const tree = await createTree({ commune: 'Xã An Ninh' });
    const other = await createTree({ commune: 'Xã An Hiệp' });
    const row = (parentCode: string | null): Cell[] => [nextCode('CB'), 'Chi bộ ấp An Lộc', labels.UnitKind.CELL, labels.UnitCategory.HAMLET, parentCode, '01/01/2021'];
    const file = () => csvFile(unitHeadings, [row(tree.commune.code)]);
    const before = await storeCounts();
    for (const role of ['STAFF', 'LEADER'] as const) {
      const refused = await send(UnitImport, { unitId: tree.commune.id }, file(), await userWith(role, local(tree.district.id)));
      expect(refused.answer).toBeFalsy();
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const admin = await userWith('ADMIN', local(tree.district.id));
    const outside = await send(UnitImport, { unitId: other.commune.id }, file(), admin);
    expect(outside.answer?.__typename).toBe('NotFoundError');
    const mixed = await send(UnitImport, {}, csvFile(unitHeadings, [row(other.commune.code), row(null)]), admin);
    expect(mixed.answer?.issues?.map((issue) => issue.text)).toEqual([
      `Dòng 2, cột «Mã tổ chức cấp trên»: không có tổ chức mã ${other.commune.code} trong phạm vi của bạn, cũng không có ở dòng nào của tệp`,
      `Dòng 3, cột «Mã tổ chức cấp trên»: để trống là tổ chức cấp cao nhất, nằm ngoài phạm vi của bạn (${tree.district.name}): chỉ quản trị viên toàn quốc nhập được; hãy ghi mã tổ chức cấp trên`,
    ]);
    expect(await storeCounts()).toEqual(before);
    const inside = await send(UnitImport, { unitId: tree.district.id }, file(), admin);
    expect(inside.answer).toMatchObject({ __typename: 'UnitImportSuccess', data: { imported: 1 } });
  });

  it('names a row whose code a unit outside the viewer’s subtree already has', async () => {
    const tree = await createTree({ commune: 'Xã Tân Hưng' });
    const other = await createTree({ commune: 'Xã Tân Hòa' });
    const admin = await userWith('ADMIN', local(tree.district.id), 'admin-tan-hung@chibo.test');
    const rows: Cell[][] = [
      [nextCode('CB'), 'Chi bộ ấp Tân Phú', labels.UnitKind.CELL, labels.UnitCategory.HAMLET, tree.commune.code, '01/01/2021'],
      [other.cellA.code, 'Chi bộ ấp Tân Quý', labels.UnitKind.CELL, labels.UnitCategory.HAMLET, tree.commune.code, '01/01/2021'],
    ];
    const before = await storeCounts();
    const { answer } = await send(UnitImport, { unitId: tree.commune.id }, csvFile(unitHeadings, rows), admin);
    expect(answer?.issues?.map((issue) => issue.text)).toEqual([`Dòng 3, cột «Mã tổ chức»: mã ${other.cellA.code} đã là của một tổ chức ngoài phạm vi của bạn`]);
    expect(await storeCounts()).toEqual(before);
  });
});

// ───────────── unit ratings ─────────────

const ratingHeadings = ['Mã tổ chức', 'Năm', 'Xếp loại', 'Tự xếp loại', 'Mức đề xuất', 'Điểm', 'Ngày quyết định', 'Mã cấp ủy quyết định', 'Lý do chưa xếp loại'];

describe('unitRatingImport', () => {
  it('imports its template filled in, with the levels by label, and a CSV; the ratings read back are the rows', async () => {
    const tree = await createTree({ commune: 'Xã Hòa Tú' });
    const workbook = await template('unit-ratings');
    const { headings, lists } = readTemplate(workbook);
    expect(headings).toEqual(ratingHeadings);
    const levels = Object.values(labels.RatingLevel);
    expect(lists).toEqual({ 'Xếp loại': levels, 'Tự xếp loại': levels, 'Mức đề xuất': levels });
    const file = await filledTemplate(workbook, [
      { 'Mã tổ chức': tree.cellA.code, 'Năm': 2024, 'Xếp loại': labels.RatingLevel.EXCELLENT, 'Tự xếp loại': labels.RatingLevel.EXCELLENT,
        'Mức đề xuất': labels.RatingLevel.GOOD, 'Điểm': 95.5, 'Ngày quyết định': day('2024-12-20'), 'Mã cấp ủy quyết định': tree.commune.code },
      { 'Mã tổ chức': tree.cellB.code, 'Năm': 2024, 'Xếp loại': labels.RatingLevel.NOT_RATED, 'Tự xếp loại': null, 'Mức đề xuất': null, 'Điểm': null,
        'Ngày quyết định': null, 'Lý do chưa xếp loại': 'Mới thành lập' },
    ]);
    const { answer } = await send(UnitRatingImport, { unitId: tree.commune.id }, file);
    expect(answer).toEqual({ __typename: 'UnitRatingImportSuccess', data: { imported: 2, rowCount: 2, dryRun: false } });
    const csv = csvFile(['Mã tổ chức', 'Năm', 'Xếp loại', 'Điểm', 'Ngày quyết định'], [
      [tree.cellA.code, 2023, 'Hoàn thành tốt nhiệm vụ', '80,5', '2023-12-28'],
      [tree.commune.code, 2024, labels.RatingLevel.COMPLETED, null, null],
    ]);
    // The commune is rated by its district: the import is the district's.
    expect((await send(UnitRatingImport, { unitId: tree.district.id }, csv)).answer).toMatchObject({ __typename: 'UnitRatingImportSuccess', data: { imported: 2 } });
    const rating = (code: string, year: number, level: string, more: Partial<Record<string, unknown>> = {}) => ({
      unit: { code }, year, period: 'YEAR', level, selfAssessedLevel: null, proposedLevel: null, score: null, decidedOn: null, notRatedReason: null, decidedBy: null, ...more,
    });
    expect(await ratingsUnder(tree.district.id)).toEqual(
      [
        rating(tree.cellA.code, 2023, 'GOOD', { score: 80.5, decidedOn: '2023-12-28' }),
        rating(tree.cellA.code, 2024, 'EXCELLENT', { selfAssessedLevel: 'EXCELLENT', proposedLevel: 'GOOD', score: 95.5, decidedOn: '2024-12-20', decidedBy: { name: tree.commune.name } }),
        rating(tree.cellB.code, 2024, 'NOT_RATED', { notRatedReason: 'Mới thành lập' }),
        rating(tree.commune.code, 2024, 'COMPLETED'),
      ].sort((a, b) => a.unit.code.localeCompare(b.unit.code) || a.year - b.year),
    );
  });

  it('lists every problem by row and heading, in Vietnamese, writes nothing, and a dry run answers the same', async () => {
    const tree = await createTree({ commune: 'Xã Long Đức' });
    const other = await createTree({ commune: 'Xã Long Hòa' });
    expect((await send(UnitRatingImport, { unitId: tree.commune.id }, csvFile(['Mã tổ chức', 'Năm', 'Xếp loại'], [[tree.cellB.code, 2023, labels.RatingLevel.GOOD]]))).answer?.__typename).toBe('UnitRatingImportSuccess');
    const rows: Cell[][] = [
      [tree.cellA.code, 2024, labels.RatingLevel.GOOD, null, null, null, null, null, null],
      [tree.cellA.code, 2024, labels.RatingLevel.EXCELLENT, null, null, null, null, null, null],
      [tree.cellB.code, 2023, labels.RatingLevel.EXCELLENT, null, null, null, null, null, null],
      [other.cellA.code, 2024, labels.RatingLevel.GOOD, null, null, null, null, null, null],
      [tree.cellB.code, 2024, labels.RatingLevel.LEGACY_CLEAN_STRONG, null, null, null, null, null, null],
      [tree.cellB.code, 2022, labels.RatingLevel.GOOD, null, null, 120, null, null, null],
      [tree.cellB.code, 2021, labels.RatingLevel.GOOD, null, null, null, null, tree.cellA.code, null],
      [tree.cellB.code, 2020, 'Tốt lắm', null, null, null, '32/12/2020', null, null],
    ];
    const file = await xlsxFile(ratingHeadings, rows);
    const before = await storeCounts();
    const dry = await send(UnitRatingImport, { unitId: tree.commune.id, dryRun: true }, file);
    const real = await send(UnitRatingImport, { unitId: tree.commune.id }, file);
    expect(dry.answer).toEqual(real.answer);
    expect(await storeCounts()).toEqual(before);
    const current = ['EXCELLENT', 'GOOD', 'COMPLETED', 'NOT_COMPLETED', 'NOT_RATED'].map((level) => labels.RatingLevel[level as keyof typeof labels.RatingLevel]).join('; ');
    expect(real.answer?.issues?.map((issue) => issue.text)).toEqual([
      `Dòng 3, cột «Năm»: ${tree.cellA.name} đã được xếp loại "${labels.RatingLevel.GOOD}" cho năm 2024; hãy sửa kết quả đó bằng unitRatingUpdate`,
      `Dòng 4, cột «Năm»: ${tree.cellB.name} đã được xếp loại "${labels.RatingLevel.GOOD}" cho năm 2023; hãy sửa kết quả đó bằng unitRatingUpdate`,
      `Dòng 5, cột «Mã tổ chức»: không có tổ chức mã ${other.cellA.code} thuộc ${tree.commune.name}`,
      `Dòng 6, cột «Xếp loại»: mức "${labels.RatingLevel.LEGACY_CLEAN_STRONG}" không dùng để xếp loại tổ chức đảng từ năm 2018; năm 2024 dùng các mức: ${current}`,
      'Dòng 7, cột «Điểm»: phải từ 0 đến 100',
      `Dòng 8, cột «Mã cấp ủy quyết định»: ${tree.cellA.name} không phải là cấp ủy cấp trên của ${tree.cellB.name}`,
      `Dòng 9, cột «Xếp loại»: «Tốt lắm» không thuộc danh sách: ${Object.values(labels.RatingLevel).join('; ')}`,
      'Dòng 9, cột «Ngày quyết định»: không phải ngày hợp lệ (dd/mm/yyyy): «32/12/2020»',
    ]);
  });

  it('is for LEADER and ADMIN as unitRate, each within its subtree and for the committees it may decide for', async () => {
    const tree = await createTree({ commune: 'Xã Phước Long' });
    const other = await createTree({ commune: 'Xã Phước Hòa' });
    const file = (code: string) => csvFile(['Mã tổ chức', 'Năm', 'Xếp loại'], [[code, 2024, labels.RatingLevel.GOOD]]);
    const leader = await userWith('LEADER', local(tree.commune.id));
    const before = await storeCounts();
    const staff = await send(UnitRatingImport, { unitId: tree.commune.id }, file(tree.cellA.code), await userWith('STAFF', local(tree.commune.id)));
    expect(staff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await send(UnitRatingImport, { unitId: other.commune.id }, file(other.cellA.code), leader)).answer?.__typename).toBe('NotFoundError');
    const below = await send(UnitRatingImport, { unitId: tree.commune.id }, file(other.cellA.code), leader);
    expect(below.answer?.issues?.map((issue) => issue.text)).toEqual([`Dòng 2, cột «Mã tổ chức»: không có tổ chức mã ${other.cellA.code} thuộc ${tree.commune.name}`]);
    // The commune's own rating is its district's to decide.
    const own = await send(UnitRatingImport, { unitId: tree.commune.id }, file(tree.commune.code), leader);
    expect(own.answer?.issues?.map((issue) => issue.text)).toEqual([
      `Dòng 2, cột «Mã cấp ủy quyết định»: để trống thì cấp ủy cấp trên trực tiếp của ${tree.commune.name} là cấp quyết định, mà cấp ủy đó ngoài phạm vi của bạn; hãy ghi «Mã cấp ủy quyết định» thuộc phạm vi của bạn`,
    ]);
    expect(await storeCounts()).toEqual(before);
    expect((await send(UnitRatingImport, { unitId: tree.commune.id }, file(tree.cellA.code), leader)).answer).toMatchObject({ __typename: 'UnitRatingImportSuccess', data: { imported: 1 } });
  });
});

// ───────────── recognitions ─────────────

const recognitionHeadings = ['Mã tổ chức', 'Danh hiệu', 'Năm', 'Ngày đăng ký', 'Ngày công nhận', 'Số quyết định'];

describe('recognitionImport', () => {
  it('imports its template filled in, the programme by label, and a CSV; the recognitions read back are the rows', async () => {
    const tree = await createTree({ commune: 'Xã Ngọc Tố' });
    await send(UnitRatingImport, { unitId: tree.commune.id }, csvFile(['Mã tổ chức', 'Năm', 'Xếp loại'], [[tree.cellB.code, 2024, labels.RatingLevel.EXCELLENT]]));
    const workbook = await template('recognitions');
    const { headings, lists } = readTemplate(workbook);
    expect(headings).toEqual(recognitionHeadings);
    expect(lists).toEqual({ 'Danh hiệu': Object.values(labels.RecognitionProgramme) });
    const file = await filledTemplate(workbook, [
      { 'Mã tổ chức': tree.cellA.code },
      { 'Mã tổ chức': tree.cellB.code, 'Danh hiệu': labels.RecognitionProgramme.EXEMPLARY_ONE_YEAR, 'Ngày đăng ký': null, 'Ngày công nhận': '05/01/2025', 'Số quyết định': '12-QĐ/ĐU' },
    ]);
    const { answer } = await send(RecognitionImport, { unitId: tree.commune.id }, file);
    expect(answer).toEqual({ __typename: 'RecognitionImportSuccess', data: { imported: 2, rowCount: 2, dryRun: false } });
    const csv = csvFile(['Mã tổ chức', 'Danh hiệu', 'Năm'], [[tree.cellA.code, 'Chi bộ trong sạch, vững mạnh toàn diện', 2023]]);
    expect((await send(RecognitionImport, { unitId: tree.commune.id }, csv)).answer).toMatchObject({ __typename: 'RecognitionImportSuccess', data: { imported: 1 } });
    // The template's example: "Chi bộ 4 tốt" for 2024, registered 15/01/2024, recognised 28/12/2024 by 125-QĐ/ĐU.
    expect(await recognitionsUnder(tree.commune.id)).toEqual([
      { unit: { code: tree.cellA.code }, programme: 'CLEAN_STRONG_COMPREHENSIVE', year: 2023, registeredOn: null, recognizedOn: null, decisionNumber: null },
      { unit: { code: tree.cellA.code }, programme: 'FOUR_GOOD', year: 2024, registeredOn: '2024-01-15', recognizedOn: '2024-12-28', decisionNumber: '125-QĐ/ĐU' },
      { unit: { code: tree.cellB.code }, programme: 'EXEMPLARY_ONE_YEAR', year: 2024, registeredOn: null, recognizedOn: '2025-01-05', decisionNumber: '12-QĐ/ĐU' },
    ]);
  });

  it('lists every problem by row and heading, in Vietnamese, writes nothing, and a dry run answers the same', async () => {
    const tree = await createTree({ commune: 'Xã Tân Thạnh' });
    const other = await createTree({ commune: 'Xã Tân Phước' });
    await send(UnitRatingImport, { unitId: tree.commune.id }, csvFile(['Mã tổ chức', 'Năm', 'Xếp loại'], [[tree.cellA.code, 2024, labels.RatingLevel.GOOD]]));
    const rows: Cell[][] = [
      [tree.cellA.code, labels.RecognitionProgramme.FOUR_GOOD, 2024, null, null, null],
      [tree.cellA.code, labels.RecognitionProgramme.FOUR_GOOD, 2024, null, null, null],
      [tree.cellA.code, labels.RecognitionProgramme.EXEMPLARY_ONE_YEAR, 2024, null, null, null],
      [tree.cellB.code, labels.RecognitionProgramme.CLEAN_STRONG_COMPREHENSIVE, 2024, '10/02/2024', '01/02/2024', null],
      [other.cellA.code, labels.RecognitionProgramme.FOUR_GOOD, 2024, null, null, null],
      [tree.cellB.code, 'Chi bộ 5 tốt', 1900, null, null, null],
    ];
    const file = await xlsxFile(recognitionHeadings, rows);
    const before = await storeCounts();
    const dry = await send(RecognitionImport, { unitId: tree.commune.id, dryRun: true }, file);
    const real = await send(RecognitionImport, { unitId: tree.commune.id }, file);
    expect(dry.answer).toEqual(real.answer);
    expect(await storeCounts()).toEqual(before);
    expect(real.answer?.issues?.map((issue) => issue.text)).toEqual([
      `Dòng 3, cột «Danh hiệu»: ${tree.cellA.name} đã được công nhận "${labels.RecognitionProgramme.FOUR_GOOD}" năm 2024`,
      `Dòng 4, cột «Năm»: "${labels.RecognitionProgramme.EXEMPLARY_ONE_YEAR}" cần ${tree.cellA.name} được xếp loại "${labels.RatingLevel.EXCELLENT}" năm 2024; chưa đạt: 2024 (${labels.RatingLevel.GOOD})`,
      'Dòng 5, cột «Ngày công nhận»: không được trước «Ngày đăng ký»',
      `Dòng 6, cột «Mã tổ chức»: không có tổ chức mã ${other.cellA.code} thuộc ${tree.commune.name}`,
      `Dòng 7, cột «Danh hiệu»: «Chi bộ 5 tốt» không thuộc danh sách: ${Object.values(labels.RecognitionProgramme).join('; ')}`,
    ]);
  });

  it('is for LEADER and ADMIN as recognitionRecord, within the subtree', async () => {
    const tree = await createTree({ commune: 'Xã Lâm Tân' });
    const other = await createTree({ commune: 'Xã Lâm Kiết' });
    const file = (code: string) => csvFile(['Mã tổ chức', 'Danh hiệu', 'Năm'], [[code, labels.RecognitionProgramme.FOUR_GOOD, 2024]]);
    const leader = await userWith('LEADER', local(tree.commune.id));
    const before = await storeCounts();
    const staff = await send(RecognitionImport, { unitId: tree.commune.id }, file(tree.cellA.code), await userWith('STAFF', local(tree.commune.id)));
    expect(staff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await send(RecognitionImport, { unitId: other.commune.id }, file(other.cellA.code), leader)).answer?.__typename).toBe('NotFoundError');
    const outside = await send(RecognitionImport, { unitId: tree.commune.id }, file(other.cellA.code), leader);
    expect(outside.answer?.issues?.map((issue) => issue.text)).toEqual([`Dòng 2, cột «Mã tổ chức»: không có tổ chức mã ${other.cellA.code} thuộc ${tree.commune.name}`]);
    expect(await storeCounts()).toEqual(before);
    expect((await send(RecognitionImport, { unitId: tree.commune.id }, file(tree.cellA.code), leader)).answer).toMatchObject({ __typename: 'RecognitionImportSuccess', data: { imported: 1 } });
  });
});
