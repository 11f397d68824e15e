// Congress-report exports read back with independent readers — SheetJS for the workbook, the
// DOCX's own document.xml, csv-parse for the CSV — and every number found compared with the
// same figure asked through the GraphQL `measures` query on the same snapshot.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { whenBuilt } from '../src/features/snapshots/snapshots.service.js';
import { buildReport, type ReportRequest } from '../src/features/reports/report-definitions.js';
import { neutraliseText } from '../src/features/reports/neutralise.js';
import { writeReportFiles, type ReportFile } from '../src/features/reports/write-report-files.js';
import { globalId, localId } from '../src/graphql/ids.js';
import { seedProvince } from '../src/seed/seed-province.js';
import { graphql } from './generated/index.js';
import type { Dimension, Measure, UnitKind } from './generated/graphql.js';
import { run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { wholeStore } from './support/store.js';

const store = useFreshDatabase();
let snapshotDir: string;
let outDir: string;
let snapshotId: number;
let provinceId: number;
/** A district renamed to look like a formula, so every export must neutralise it. */
const FORMULA_NAME = '=1+2 Huyện thử';

const Catalogue = graphql(`query ReportCatalogue { measureCatalogue { measure label kind overYears dimensions } }`);
const Measures = graphql(`
  query ReportMeasures($unitId: ID!, $fromYear: Int!, $toYear: Int!, $measures: [Measure!]!, $dimensions: [Dimension!]!, $unitLevel: UnitKind, $snapshot: ID) {
    measures(unitId: $unitId, fromYear: $fromYear, toYear: $toYear, measures: $measures, dimensions: $dimensions, unitLevel: $unitLevel, snapshot: $snapshot) {
      rows { values year cellCategory unit { id name } }
    }
  }
`);

beforeAll(async () => {
  snapshotDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-reports-snap-'));
  outDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-reports-out-'));
  process.env.CHIBO_SNAPSHOT_DIR = snapshotDir;
  process.env.CHIBO_REPORT_DIR = path.join(outDir, 'api');
  await seedProvince(store.current(), { scale: 12, seed: 5 });
  provinceId = (await wholeStore().orgUnit.findFirstOrThrow({ where: { parentId: null } })).id;
  const district = await wholeStore().orgUnit.findFirstOrThrow({ where: { parentId: provinceId }, orderBy: { id: 'asc' } });
  await wholeStore().orgUnit.update({ where: { id: district.id }, data: { name: FORMULA_NAME } });
  const created = await run(graphql(`mutation ReportsSnapshot { snapshotCreate(input: { label: "Số liệu đại hội" }) { ... on SnapshotCreateSuccess { data { id } } } }`));
  if (!('data' in created.snapshotCreate)) throw new Error('no snapshot');
  snapshotId = localId(created.snapshotCreate.data.id, 'Snapshot', 'id');
  await whenBuilt(snapshotId);
});
afterAll(async () => {
  await rm(snapshotDir, { recursive: true, force: true });
  await rm(outDir, { recursive: true, force: true });
});

// ───── The oracle: the same figures asked through GraphQL ─────

const answers = new Map<string, Promise<Awaited<ReturnType<typeof askRaw>>>>();
function askRaw(measures: Measure[], fromYear: number, toYear: number, dimensions: Dimension[], unitLevel: UnitKind | null = null) {
  return run(Measures, {
    unitId: globalId('Unit', provinceId),
    fromYear,
    toYear,
    measures,
    dimensions,
    unitLevel,
    snapshot: globalId('Snapshot', snapshotId),
  }).then((answer) => answer.measures.rows);
}
function ask(measures: Measure[], fromYear: number, toYear: number, dimensions: Dimension[], unitLevel: UnitKind | null = null) {
  const key = JSON.stringify([measures, fromYear, toYear, dimensions, unitLevel]);
  if (!answers.has(key)) answers.set(key, askRaw(measures, fromYear, toYear, dimensions, unitLevel));
  return answers.get(key)!;
}

/** A measure's value for one year (a year with no facts: 0 for a count, none for a share). */
async function yearValue(measure: Measure, kind: string, year: number): Promise<number | null> {
  const rows = await ask([measure], year, year, []);
  return rows[0]?.values[0] ?? (kind === 'COUNT' ? 0 : null);
}
async function spanValue(measure: Measure, fromYear: number, toYear: number): Promise<number | null> {
  return (await ask([measure], fromYear, toYear, []))[0]!.values[0] ?? null;
}
async function grassroots(year: number): Promise<number> {
  const rows = await ask(['CELLS'], year, year, ['UNIT'], 'GRASSROOTS');
  return rows.filter((row) => (row.values[0] ?? 0) > 0).length;
}
async function cellsOfCategory(categoryLabel: string, fromYear: number, toYear: number): Promise<number> {
  const rows = await ask(['CELLS'], fromYear, toYear, ['CELL_CATEGORY']);
  const { labels } = await import('../src/text/labels.js');
  const category = Object.entries(labels.UnitCategory).find(([, label]) => `Chi bộ ${label.toLowerCase()}` === categoryLabel)?.[0];
  expect(category, `category row ${categoryLabel}`).toBeDefined();
  return rows.find((row) => row.cellCategory === category)?.values[0] ?? 0;
}
const ratioOf = (now: number | null, before: number | null) => (now === null || before === null || before <= 0 ? null : Math.round((now * 1000) / before) / 10);

type Grid = (string | number | null)[][];

/**
 * Walks a table grid as a person reads it: a heading row names the columns ("Năm 2022", "Cả nhiệm
 * kỳ 2021–2025", "Năm nay (2024)"…), each row below names its figure; every number must equal the
 * oracle's. Returns how many numbers were checked and how many numbers the grid holds.
 */
async function checkGrid(grid: Grid, label: string, latestYear: number): Promise<{ checked: number; numbers: number }> {
  const catalogue = (await run(Catalogue)).measureCatalogue;
  const byLabel = new Map(catalogue.map((m) => [m.label, m]));
  let headings: string[] | null = null;
  let checked = 0;
  let numbers = 0;
  for (const row of grid) {
    numbers += row.filter((cell) => typeof cell === 'number').length;
    if (row[0] === 'Chỉ tiêu' || row[0] === 'TT') {
      headings = row.map((cell) => String(cell ?? ''));
      continue;
    }
    if (!headings || row.length < 3 || row.slice(1).every((cell) => cell === null)) continue;
    if (headings[0] === 'TT') {
      checked += await checkComparedRow(headings, row, catalogue, latestYear);
      continue;
    }
    const name = String(row[0]);
    const measure = byLabel.get(name);
    for (let column = 2; column < headings.length; column++) {
      const heading = headings[column]!;
      const cell = row[column] ?? null;
      const year = /^Năm (\d{4})$/u.exec(heading)?.[1];
      const term = /^Cả nhiệm kỳ (\d{4})–(\d{4})$/u.exec(heading);
      const now = /^Năm nay \((\d{4})\)$/u.exec(heading)?.[1];
      const before = /^Cùng kỳ năm trước \((\d{4})\)$/u.exec(heading)?.[1];
      let expected: number | null;
      const valueIn = async (y: number) =>
        measure ? yearValue(measure.measure, measure.kind, y) : name === 'Số tổ chức cơ sở đảng có chi bộ' ? grassroots(y) : cellsOfCategory(name, y, y);
      if (year) expected = await valueIn(Number(year));
      else if (now) expected = await valueIn(Number(now));
      else if (before) expected = await valueIn(Number(before));
      else if (term) {
        const [from, to] = [Number(term[1]), Number(term[2])];
        // A count of a yearly state (by rating, by meeting quality) added over years counts unit-years: left empty.
        const yearlyState = measure?.kind === 'COUNT' && measure.overYears === 'SUM' && measure.dimensions.includes('RATING_LEVEL');
        expected = yearlyState ? null : measure ? await spanValue(measure.measure, from, to) : name === 'Số tổ chức cơ sở đảng có chi bộ' ? await grassroots(to) : await cellsOfCategory(name, from, to);
      } else if (heading === 'Tỷ lệ so với cùng kỳ (%)') {
        const thisYear = Number(/\((\d{4})\)/u.exec(headings[2]!)![1]);
        expected = measure?.kind === 'PERCENT' ? null : ratioOf(await valueIn(thisYear), await valueIn(thisYear - 1));
      } else throw new Error(`${label}: unknown column ${heading}`);
      expect(cell, `${label}: ${name} · ${heading}`).toEqual(expected);
      checked += typeof cell === 'number' ? 1 : 0;
    }
  }
  return { checked, numbers };
}

/** A unit's row of the comparison: each measure for the latest year, and its rank computed here. */
async function checkComparedRow(headings: string[], row: (string | number | null)[], catalogue: { measure: Measure; label: string }[], year: number): Promise<number> {
  const measures = headings.slice(2, -1).map((heading) => catalogue.find((m) => m.label === heading)!.measure);
  const rows = await ask(measures, year, year, ['UNIT']);
  const unit = rows.find((r) => neutraliseExpected(r.unit!.name) === row[1]);
  expect(unit, `unit ${row[1]}`).toBeDefined();
  let checked = typeof row[0] === 'number' ? 1 : 0;
  expect(row[0]).toBe(rows.indexOf(unit!) + 1);
  measures.forEach((_measure, index) => {
    expect(row[index + 2] ?? null, `${row[1]} · ${headings[index + 2]}`).toEqual(unit!.values[index] ?? null);
    if (typeof row[index + 2] === 'number') checked += 1;
  });
  const ranked = measures.indexOf('CELLS_MEETINGS_GOOD_PERCENT');
  const mine = unit!.values[ranked] ?? null;
  const rank = mine === null ? null : 1 + rows.filter((other) => (other.values[ranked] ?? null) !== null && other.values[ranked]! > mine).length;
  expect(row[headings.length - 1] ?? null, `${row[1]} rank`).toEqual(rank);
  if (typeof row[headings.length - 1] === 'number') checked += 1;
  return checked;
}

/** What a formula-like name must read as in an export, written independently of the code's helper. */
const neutraliseExpected = (name: string) => (/^[=+\-@\t\r]/u.test(name) ? `'${name}` : name);

// ───── Readers ─────

function xlsxGrids(buffer: Buffer): Map<string, Grid> {
  const workbook = XLSX.read(buffer, { type: 'buffer', cellFormula: true });
  const grids = new Map<string, Grid>();
  for (const name of workbook.SheetNames) {
    const sheet = workbook.Sheets[name]!;
    for (const cell of Object.values(sheet)) {
      if (cell && typeof cell === 'object' && 'f' in cell) throw new Error(`a formula in ${name}: ${JSON.stringify(cell)}`);
    }
    grids.set(name, XLSX.utils.sheet_to_json<(string | number | null)[]>(sheet, { header: 1, defval: null, raw: true }));
  }
  return grids;
}

/** The tables of document.xml, cell by cell, numbers read the Vietnamese way (1.234; 80,2%; – for none). */
async function docxGrids(buffer: Buffer): Promise<Grid[]> {
  const xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string');
  const textOf = (fragment: string) =>
    [...fragment.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/gu)].map((m) => m[1]!).join('').replace(/&amp;/gu, '&').replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&apos;/gu, "'");
  const number = (text: string): string | number | null => {
    if (text === '–') return null;
    if (/^-?[\d.]+(,\d+)?%?$/u.test(text)) return Number(text.replace(/%$/u, '').replace(/\./gu, '').replace(',', '.'));
    return text;
  };
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/gu)].map((table) =>
    [...table[1]!.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/gu)].map((tr, index) =>
      [...tr[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/gu)].map((tc) => (index === 0 ? textOf(tc[1]!) : number(textOf(tc[1]!)))),
    ),
  );
}

function csvGrid(text: string): Grid {
  const rows = parseCsv(text.replace(/^\uFEFF/u, ''), { relax_column_count: true }) as string[][];
  return rows.map((row, index) =>
    index < 3 ? row : row.map((cell) => (cell === '' ? null : /^-?\d+(\.\d+)?$/u.test(cell) ? Number(cell) : cell)),
  );
}

// ───── The reports ─────

async function makeReport(request: ReportRequest, folder: string): Promise<ReportFile[]> {
  const snapshot = await wholeStore().snapshot.findUniqueOrThrow({ where: { id: snapshotId } });
  const unit = await wholeStore().orgUnit.findUniqueOrThrow({ where: { id: provinceId } });
  const report = await buildReport({ snapshot, scopeUnitId: null }, request, { id: unit.id, code: unit.code, name: unit.name });
  return writeReportFiles(report, ['xlsx', 'docx', 'csv', 'svg', 'png'], path.join(outDir, folder));
}

describe.each([
  { kind: 'TERM' as const, fromYear: 2021, toYear: 2025, folder: 'term' },
  { kind: 'YEAR' as const, fromYear: 2024, toYear: 2024, folder: 'year' },
])('the $kind report', ({ kind, fromYear, toYear, folder }) => {
  let files: ReportFile[];
  const read = (file: string) => readFile(path.join(outDir, folder, file));

  beforeAll(async () => {
    files = await makeReport({ kind, unitId: provinceId, fromYear, toYear, structureOn: null }, folder);
  }, 120_000);

  it('writes the files it lists, with their sizes', async () => {
    const names = (await readdir(path.join(outDir, folder))).sort();
    expect(files.map((f) => f.file).sort()).toEqual(names);
    for (const file of files) expect((await read(file.file)).length).toBe(file.sizeBytes);
    expect(files.filter((f) => f.format === 'csv').length).toBeGreaterThanOrEqual(8);
    expect(files.filter((f) => f.format === 'png').length).toBe(files.filter((f) => f.format === 'svg').length);
  });

  it('every number of the workbook equals the figure `measures` gives', async () => {
    const grids = xlsxGrids(await read('bao-cao.xlsx'));
    expect([...grids.keys()]).toEqual(['Tổ chức đảng', 'Đảng viên', 'Cơ cấu đảng viên', 'Xếp loại', 'Chất lượng sinh hoạt', 'Kết nạp đảng viên', 'Kiểm tra, giám sát', 'Công nhận', 'So sánh đơn vị trực thuộc', 'Biểu đồ', 'Ghi chú']);
    let total = 0;
    for (const [name, grid] of grids) {
      const { checked, numbers } = await checkGrid(grid, `xlsx ${name}`, toYear);
      expect(checked, `every number of ${name} checked`).toBe(numbers);
      total += checked;
    }
    expect(total).toBeGreaterThan(kind === 'TERM' ? 400 : 150);
    // Each sheet names the snapshot it was read from.
    for (const [name, grid] of grids) expect(String(grid[1]?.[0]), name).toContain('"Số liệu đại hội"');
    // The form rows the engine now answers are rows of the tables, no longer notes of what is missing.
    const notes = grids.get('Ghi chú')!.flat().map(String).join('\n');
    const rows = [...grids.values()].flatMap((grid) => grid.map((row) => String(row[0])));
    for (const label of ['Tăng: chuyển sinh hoạt đến đơn vị', 'Chuyển đi: ngoài tỉnh', 'Giảm: ra khỏi Đảng', 'Tăng: phục hồi đảng tịch', 'Chỉ tiêu kết nạp đảng viên', 'Đảng viên cuối kỳ: nữ', 'Số tổ chức cơ sở đảng đầu năm', 'Số đảng viên hoàn thành nhiệm vụ']) {
      expect(rows, label).toContain(label);
    }
    for (const gone of ['phục hồi đảng tịch', 'chỉ tiêu kết nạp', 'cùng huyện']) expect(notes, gone).not.toContain(gone);
  }, 120_000);

  it('stores shares as percent numbers that print as "80,2%", frozen headings, A4', async () => {
    const workbook = XLSX.read(await read('bao-cao.xlsx'), { type: 'buffer', cellStyles: true, cellNF: true });
    const sheet = workbook.Sheets['Chất lượng sinh hoạt']!;
    const grid = XLSX.utils.sheet_to_json<(string | number | null)[]>(sheet, { header: 1, defval: null, raw: true });
    const rowIndex = grid.findIndex((row) => row[0] === 'Tỷ lệ chi bộ có chất lượng sinh hoạt tốt (%)');
    const cell = sheet[XLSX.utils.encode_cell({ r: rowIndex, c: 2 })]!;
    expect(cell.t).toBe('n');
    expect(cell.z).toBe('0.0"%"');
    expect(XLSX.SSF.format(String(cell.z), 80.2)).toBe('80.2%');
    const zip = await JSZip.loadAsync(await read('bao-cao.xlsx'));
    const sheetXml = await zip.file('xl/worksheets/sheet4.xml')!.async('string');
    expect(sheetXml).toMatch(/<pane [^>]*state="frozen"/u);
    expect(sheetXml).toMatch(/<pageSetup [^>]*paperSize="9"/u);
    // The charts are in the workbook as pictures.
    expect(Object.keys(zip.files).filter((name) => name.startsWith('xl/media/')).length).toBeGreaterThan(0);
    // A section's printed page is its tables only (the pictures beside them would shrink them):
    // the print area ends at the widest heading row's last column and last row.
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    const widest = Math.max(...grid.filter((row) => row[0] === 'Chỉ tiêu').map((row) => row.filter((value) => value !== null).length));
    const lastRow = grid.reduce((last, row, index) => (row.some((value) => value !== null) ? index + 1 : last), 0);
    const area = /&apos;Chất lượng sinh hoạt&apos;!\$A\$1:\$([A-Z]+)\$(\d+)/u.exec(workbookXml);
    expect(area?.[1]).toBe(XLSX.utils.encode_col(widest - 1));
    expect(Number(area?.[2])).toBeGreaterThanOrEqual(lastRow);
    expect(Number(area?.[2])).toBeLessThanOrEqual(lastRow + 1); // and the empty row under the last table
    // The charts print from the sheet "Biểu đồ", a picture and a numbered title each.
    const charts = XLSX.utils.sheet_to_json<(string | null)[]>(workbook.Sheets['Biểu đồ']!, { header: 1, defval: null, raw: true });
    const svgCount = files.filter((file) => file.format === 'svg').length;
    expect(charts.filter((row) => /^Hình \d+\. /u.test(String(row[0] ?? ''))).length).toBe(svgCount);
  });

  it('every number of the Word document equals the figure `measures` gives', async () => {
    const grids = await docxGrids(await read('bao-cao.docx'));
    expect(grids.length).toBe(10);
    for (const [index, grid] of grids.entries()) {
      const { checked, numbers } = await checkGrid(grid, `docx table ${index + 1}`, toYear);
      expect(checked).toBe(numbers);
      expect(checked).toBeGreaterThan(0);
    }
    const zip = await JSZip.loadAsync(await read('bao-cao.docx'));
    const documentXml = await zip.file('word/document.xml')!.async('string');
    expect(documentXml).toMatch(/<w:pgSz [^>]*w:w="16838"[^>]*w:h="11906"/u);
    expect(documentXml).toContain('Hình 1.');
    expect(await zip.file('word/styles.xml')!.async('string')).toContain('Times New Roman');
  }, 120_000);

  it('every CSV starts with a BOM and its numbers equal the figures `measures` gives', async () => {
    for (const file of files.filter((f) => f.format === 'csv')) {
      const bytes = await read(file.file);
      expect([...bytes.subarray(0, 3)], file.file).toEqual([0xef, 0xbb, 0xbf]);
      const grid = csvGrid(bytes.toString('utf8'));
      const { checked, numbers } = await checkGrid(grid, `csv ${file.file}`, toYear);
      expect(checked).toBe(numbers);
      expect(checked).toBeGreaterThan(0);
    }
  }, 120_000);

  it('neutralises the formula-like unit name in every export', async () => {
    const expected = `'${FORMULA_NAME}`;
    const compared = xlsxGrids(await read('bao-cao.xlsx')).get('So sánh đơn vị trực thuộc')!;
    expect(compared.some((row) => row[1] === expected)).toBe(true);
    expect(compared.some((row) => row[1] === FORMULA_NAME)).toBe(false);
    expect((await read('bang-so-sanh-don-vi.csv')).toString('utf8')).toContain(`,${expected},`);
    const docx = (await docxGrids(await read('bao-cao.docx'))).at(-1)!;
    expect(docx.some((row) => row[1] === expected)).toBe(true);
  });

  it('draws every chart as an SVG and a PNG of twice its size', async () => {
    for (const file of files.filter((f) => f.format === 'svg')) {
      const svg = (await read(file.file)).toString('utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
      const width = Number(/width="(\d+)"/u.exec(svg)![1]);
      const height = Number(/height="(\d+)"/u.exec(svg)![1]);
      const png = await read(file.file.replace(/\.svg$/u, '.png'));
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
      expect(png.readUInt32BE(16)).toBe(width * 2);
      expect(png.readUInt32BE(20)).toBe(height * 2);
    }
  });
});

describe('neutraliseText', () => {
  it('prefixes text a spreadsheet would run, and leaves the rest', () => {
    for (const text of ['=SUM(A1)', '+84 912', '-5', '@cmd', '\tx', '\rx']) expect(neutraliseText(text)).toBe(`'${text}`);
    for (const text of ['Chi bộ ấp 1', '', '80,2%', ' =A1', "'=A1"]) expect(neutraliseText(text)).toBe(text);
  });
});

describe('reports made through the API', () => {
  const Create = graphql(`
    mutation ReportCreateTest($input: ReportCreateInput!) {
      reportCreate(input: $input) {
        __typename
        ... on ReportCreateSuccess { data { id status kind fromYear toYear } }
        ... on NotFoundError { message }
        ... on ValidationError { message }
      }
    }
  `);
  const Follow = graphql(`
    query ReportFollowTest($id: ID!) {
      node(id: $id) { ... on Report { status title error filesDone filesTotal files { name title format contentType sizeBytes url } } }
    }
  `);
  const Delete = graphql(`mutation ReportDeleteTest($input: ReportIdInput!) { reportDelete(input: $input) { __typename ... on ReportDeleteSuccess { data { status } } } }`);
  const List = graphql(`query ReportListTest { reports(first: 20) { totalCount edges { node { id unitId } } } }`);

  it('a VIEWER makes a report of their district and downloads its files; other scopes find nothing', async () => {
    const { userWith } = await import('./support/auth.js');
    const { executeAs, app } = await import('./support/client.js');
    const { whenReportDone } = await import('../src/features/reports/reports.service.js');
    const districts = await wholeStore().orgUnit.findMany({ where: { parentId: provinceId }, orderBy: { id: 'asc' } });
    expect(districts.length).toBeGreaterThanOrEqual(2);
    const [mine, other] = districts as [(typeof districts)[0], (typeof districts)[0]];
    const viewer = await userWith('VIEWER', mine.id);
    const stranger = await userWith('VIEWER', other.id);

    const created = await executeAs(viewer, Create, {
      input: { kind: 'YEAR', unitId: globalId('Unit', mine.id), toYear: 2024, formats: ['XLSX', 'CSV', 'PNG'] },
    });
    const answer = created.data!.reportCreate;
    if (!('data' in answer)) throw new Error(JSON.stringify(created));
    expect(answer.data.status).toBe('RUNNING');
    expect([answer.data.fromYear, answer.data.toYear]).toEqual([2023, 2024]);
    await whenReportDone(localId(answer.data.id, 'Report', 'id'));

    const followed = (await executeAs(viewer, Follow, { id: answer.data.id })).data!.node as {
      status: string; title: string; filesDone: number; filesTotal: number;
      files: { name: string; title: string; contentType: string; sizeBytes: number; url: string }[];
    };
    expect(followed.status).toBe('READY');
    expect(followed.title).toBe(`Báo cáo số liệu năm 2024 – ${mine.name}`);
    expect(followed.filesDone).toBe(followed.files.length);
    expect(followed.files.some((f) => f.name === 'bao-cao.xlsx')).toBe(true);

    for (const file of followed.files) {
      const response = await app.fetch(`http://chibo.test${file.url}`, { headers: { authorization: viewer } });
      expect(response.status, file.url).toBe(200);
      expect(response.headers.get('content-type')).toBe(file.contentType);
      expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(file.title).replace(/['()*]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.length).toBe(file.sizeBytes);
      if (file.name === 'bao-cao.xlsx') {
        // The figures are the district's: its members at the end of 2024 as `measures` gives them.
        const grid = xlsxGrids(body).get('Đảng viên')!;
        const row = grid.find((r) => r[0] === 'Số đảng viên cuối kỳ')!;
        const expected = await run(Measures, { unitId: globalId('Unit', mine.id), fromYear: 2024, toYear: 2024, measures: ['MEMBERS_AT_END'], dimensions: [], unitLevel: null, snapshot: null });
        expect(row[2]).toBe(expected.measures.rows[0]!.values[0]);
      }
      // Another district's viewer, and nobody signed in, get nothing.
      expect((await app.fetch(`http://chibo.test${file.url}`, { headers: { authorization: stranger } })).status).toBe(404);
      expect((await app.fetch(`http://chibo.test${file.url}`)).status).toBe(401);
    }
    expect((await executeAs(stranger, Follow, { id: answer.data.id })).data!.node).toBeNull();
    const listed = (await executeAs(stranger, List)).data!.reports;
    expect(listed.edges.some((edge) => edge.node.id === answer.data.id)).toBe(false);

    // A unit outside the viewer's subtree does not exist for them.
    const refused = (await executeAs(viewer, Create, { input: { unitId: globalId('Unit', other.id), toYear: 2025, formats: ['CSV'] } })).data!.reportCreate;
    expect(refused.__typename).toBe('NotFoundError');
    const badFormat = await executeAs(viewer, Create, { input: { unitId: globalId('Unit', mine.id), toYear: 2025, fromYear: 2026, formats: ['CSV'] } });
    expect(badFormat.data!.reportCreate.__typename).toBe('ValidationError');

    // The leadership deletes it; its files are gone.
    const leader = await userWith('LEADER', mine.id);
    const deleted = (await executeAs(leader, Delete, { input: { id: answer.data.id } })).data!.reportDelete;
    expect(deleted).toEqual({ __typename: 'ReportDeleteSuccess', data: { status: 'DELETED' } });
    expect((await app.fetch(`http://chibo.test${followed.files[0]!.url}`, { headers: { authorization: viewer } })).status).toBe(404);
  }, 120_000);
});
