// The places of the users' articles entered as their clerks would: each file is the import's own
// template, downloaded over HTTP and filled in, then uploaded in one request. The figures the
// articles quote are then read from a snapshot; the expected numbers are the articles', not the
// code's. How long the uploads take is measured by `npm run bench`, not asserted here.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTemplates } from '../src/features/imports/import-templates.js';
import { whenBuilt } from '../src/features/snapshots/snapshots.service.js';
import { localId } from '../src/graphql/ids.js';
import { labels } from '../src/text/labels.js';
import { graphql } from './generated/index.js';
import { bearer } from './support/auth.js';
import { app, run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { ARTICLES, seedsWorldFiles, type WorldFile } from './support/seeds-world.js';
import { wholeStore } from './support/store.js';

useFreshDatabase();

const UnitByCode = graphql(`
  query SeedsImportUnit($code: String!) { unitByCode(code: $code) { id children { kind } } }
`);
const Snapshot = graphql(`
  mutation SeedsImportSnapshot { snapshotCreate(input: { label: "Số liệu các bài báo" }) { __typename ... on SnapshotCreateSuccess { data { id } } } }
`);
const HoaAn = graphql(`
  query SeedsImportHoaAn($unitId: ID!, $ratingYear: Int!, $admissionYear: Int!) {
    cellRatingShares(unitId: $unitId, year: $ratingYear) { total { cells rated goodOrBetter excellent } }
    admissionProgress(unitId: $unitId, year: $admissionYear) { total { target admitted achievedPercent } }
    ratings: measures(unitId: $unitId, fromYear: $ratingYear, toYear: $ratingYear, measures: [MEMBERS_GOOD_OR_BETTER, MEMBERS_EXCELLENT]) {
      total { named { measure count } }
    }
    members: measures(unitId: $unitId, fromYear: $admissionYear, toYear: $admissionYear, measures: [MEMBERS_AT_END]) {
      total { named { measure count } }
    }
  }
`);
const ViXuyen = graphql(`
  query SeedsImportViXuyen($unitId: ID!, $year: Int!) {
    meetingAttendanceQuality(unitId: $unitId, year: $year) { total { meetings scored goodPercent fairPercent } }
    meetingRegularity(unitId: $unitId, year: $year) { total { cells } }
  }
`);
const LocBinh = graphql(`
  query SeedsImportLocBinh($unitId: ID!, $year: Int!, $threshold: Float!) {
    supervisionCoverage(unitId: $unitId, year: $year) { total { cells visits cellsVisited } }
    meetingAttendanceQuality(unitId: $unitId, year: $year, threshold: $threshold) { total { scored atLeastThresholdPercent } }
    workingGroups(first: 20) { totalCount edges { node { name members { id } cells: assignments { fromDate } } } }
  }
`);

const worldLabels = {
  unitKind: labels.UnitKind,
  unitCategory: labels.UnitCategory,
  ratingLevel: labels.RatingLevel,
  meetingKind: labels.MeetingKind,
  gender: labels.Gender,
  memberStatus: labels.MemberStatus,
};

/** The import's template as the server gives it, with the rows written under its headings. */
async function filledTemplate(file: WorldFile): Promise<File> {
  const response = await app.fetch(`http://chibo.test/templates/${file.kind}.xlsx`, { headers: { authorization: await bearer() } });
  expect(response.status, `template ${file.kind}`).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const sheet = workbook.worksheets[0]!;
  const headings = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, column) => headings.set(String(cell.value), column));
  const template = await importTemplates[file.kind]!(wholeStore());
  const columnOf = new Map(template.columns.map((column) => [column.key, headings.get(column.headers[0] ?? column.key)]));
  file.rows.forEach((row, index) => {
    const line = sheet.getRow(index + 2);
    for (const [key, value] of Object.entries(row)) {
      const column = columnOf.get(key);
      if (column === undefined) throw new Error(`the ${file.kind} template has no column for ${key}`);
      if (value !== null) line.getCell(column).value = value;
    }
  });
  return new File([await workbook.xlsx.writeBuffer()], `${file.kind}.xlsx`);
}

async function unitId(code: string): Promise<string> {
  const { unitByCode } = await run(UnitByCode, { code });
  if (!unitByCode) throw new Error(`no unit ${code}`);
  return unitByCode.id;
}

/** Uploads one file to its import; fails with every problem the server lists. */
async function upload(file: WorldFile, content: File): Promise<number> {
  const input = { ...(file.unitCode ? { unitId: await unitId(file.unitCode) } : {}), file: null };
  const query = `mutation($input: ${file.mutation === 'unitImport' ? 'UnitImportInput' : 'ImportInput'}!) {
    ${file.mutation}(input: $input) { __typename ... on ImportRejected { issues { text } } ... on Error { message } ... on ${file.mutation[0]!.toUpperCase()}${file.mutation.slice(1)}Success { data { imported } } }
  }`;
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables: { input } }));
  form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
  form.set('0', content);
  const response = await app.fetch('http://chibo.test/graphql', { method: 'POST', body: form, headers: { authorization: await bearer() } });
  const answer = (await response.json()) as { data?: Record<string, { __typename: string; data?: { imported: number } }>; errors?: unknown };
  const result = answer.data?.[file.mutation];
  if (!result?.data) throw new Error(`${file.mutation} (${file.kind}): ${JSON.stringify(answer).slice(0, 3000)}`);
  return result.data.imported;
}

const files = seedsWorldFiles(worldLabels);
const imported = new Map<string, number>();
let requests = 0;
const dirs: string[] = [];

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chibo-seeds-import-'));
  dirs.push(dir);
  process.env.CHIBO_SNAPSHOT_DIR = dir;
  const started = performance.now();
  for (const file of files) {
    const content = await filledTemplate(file);
    imported.set(`${file.mutation} ${file.unitCode ?? ''}`, await upload(file, content));
    requests++;
  }
  console.log(`seeds' world: ${requests} imports, ${files.reduce((n, f) => n + f.rows.length, 0)} rows, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const { snapshotCreate } = await run(Snapshot);
  if (snapshotCreate.__typename !== 'SnapshotCreateSuccess') throw new Error(JSON.stringify(snapshotCreate));
  await whenBuilt(localId(snapshotCreate.data.id, 'Snapshot', 'id'));
}, 600_000);

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("the articles' places, entered from their templates", () => {
  it('takes a handful of requests, every row written', () => {
    expect(requests).toBeLessThanOrEqual(12);
    for (const file of files) expect(imported.get(`${file.mutation} ${file.unitCode ?? ''}`), file.kind).toBe(file.rows.length);
  });

  it('Hòa An: 22 cells, 22 good or better and 4 excellent in 2022; 261 and 38 members; 9 of a target of 10 in 2023; 312 members', async () => {
    const a = ARTICLES.hoaAn;
    const figures = await run(HoaAn, { unitId: await unitId(a.code), ratingYear: a.ratingYear, admissionYear: a.admissionYear });
    expect(figures.cellRatingShares.total).toEqual({ cells: 22, rated: 22, goodOrBetter: a.cellsGoodOrBetter, excellent: a.cellsExcellent });
    expect(figures.ratings.total?.named).toEqual([
      { measure: 'MEMBERS_GOOD_OR_BETTER', count: a.membersGoodOrBetter },
      { measure: 'MEMBERS_EXCELLENT', count: a.membersExcellent },
    ]);
    expect(figures.admissionProgress.total).toEqual({ target: a.admissionTarget, admitted: a.admitted, achievedPercent: 90 });
    expect(figures.members.total?.named).toEqual([{ measure: 'MEMBERS_AT_END', count: a.membersAtEnd }]);
  });

  it('Vị Xuyên: 50 cells under the district, 311 in all; 80,2% of 2023’s meetings good and 19,8% fair', async () => {
    const v = ARTICLES.viXuyen;
    const { unitByCode } = await run(UnitByCode, { code: v.code });
    expect(unitByCode!.children.filter((child) => child.kind === 'CELL')).toHaveLength(v.cellsUnderDistrict);
    const figures = await run(ViXuyen, { unitId: unitByCode!.id, year: v.year });
    expect(figures.meetingRegularity.total.cells).toBe(v.cellsUnderDistrict + v.cellsUnderGrassroots);
    expect(figures.meetingAttendanceQuality.total).toMatchObject({ meetings: 311 * 12, scored: 311 * 12, goodPercent: v.goodPercent, fairPercent: v.fairPercent });
  });

  it('Lộc Bình: 32 cells, 5 groups of 4 or 5 with 6 cells each, 52 visits in 2022, every meeting at 85 or more', async () => {
    const l = ARTICLES.locBinh;
    const figures = await run(LocBinh, { unitId: await unitId(l.code), year: l.year, threshold: l.threshold });
    expect(figures.supervisionCoverage.total).toEqual({ cells: l.cells, visits: l.visits, cellsVisited: l.groups * l.cellsPerGroup });
    expect(figures.meetingAttendanceQuality.total.atLeastThresholdPercent).toBe(100);
    expect(figures.workingGroups.totalCount).toBe(l.groups);
    for (const { node } of figures.workingGroups.edges) {
      expect([4, 5]).toContain(node.members.length);
      expect(node.cells).toHaveLength(l.cellsPerGroup);
    }
  });
});
