// The figures an article quotes about one commune, found in the report made of that commune. Đảng
// bộ xã Hòa An (huyện Phụng Hiệp, Hậu Giang) has 22 cells — 14 of hamlets, 2 of agencies, 6 of
// public-service units — and 312 members. In 2022 all 22 cells were rated "hoàn thành tốt nhiệm
// vụ" or better, 4 of them "hoàn thành xuất sắc"; 261 members were rated good or better, 38 of
// them excellent. The 2023 target was 10 admissions, and 9 had been admitted.
//
// The commune is written only through GraphQL mutations, as a committee's staff would enter it;
// the report is asked for through `reportCreate`, downloaded over HTTP and read back with SheetJS.
// The expected numbers are the article's, not the code's.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { whenReportDone } from '../src/features/reports/reports.service.js';
import { whenBuilt } from '../src/features/snapshots/snapshots.service.js';
import { localId } from '../src/graphql/ids.js';
import { graphql } from './generated/index.js';
import type { RatingLevel, UnitCategory, UnitKind } from './generated/graphql.js';
import { app, run } from './support/client.js';
import { bearer } from './support/auth.js';
import { useFreshDatabase } from './support/database.js';
import { nextCardNumber } from './support/members.factories.js';

useFreshDatabase();

const ARTICLE = {
  cells: { HAMLET: 14, AGENCY: 2, PUBLIC_SERVICE: 6 } as Record<UnitCategory, number>,
  members: 312,
  year: 2022,
  cellsGoodOrBetter: 22,
  cellsExcellent: 4,
  membersGoodOrBetter: 261,
  membersExcellent: 38,
  admissionYear: 2023,
  admissionTarget: 10,
  admitted: 9,
};
/** Members rated in 2022 below "good": not in the article, chosen to make up its 312 (less the 9 admitted in 2023). */
const MEMBERS_COMPLETED = 32;
const MEMBERS_NOT_RATED = 10;

const CreateUnit = graphql(`
  mutation SeedsCreateUnit($input: UnitCreateInput!) {
    unitCreate(input: $input) { __typename ... on UnitCreateSuccess { data { id } } ... on Error { message } }
  }
`);
const CreateMember = graphql(`
  mutation SeedsCreateMember($input: MemberCreateInput!) {
    memberCreate(input: $input) { __typename ... on MemberCreateSuccess { data { id } } ... on Error { message } }
  }
`);
const RateUnit = graphql(`
  mutation SeedsRateUnit($input: UnitRateInput!) { unitRate(input: $input) { __typename ... on Error { message } } }
`);
const RateMember = graphql(`
  mutation SeedsRateMember($input: MemberRateInput!) { memberRate(input: $input) { __typename ... on Error { message } } }
`);
const SetTarget = graphql(`
  mutation SeedsSetTarget($input: AdmissionTargetSetInput!) { admissionTargetSet(input: $input) { __typename ... on Error { message } } }
`);
const Snapshot = graphql(`
  mutation SeedsSnapshot { snapshotCreate(input: { label: "Số liệu Hòa An" }) { __typename ... on SnapshotCreateSuccess { data { id } } } }
`);
const Progress = graphql(`
  query SeedsAdmissionProgress($unitId: ID!, $year: Int!) {
    admissionProgress(unitId: $unitId, year: $year) { total { target admitted achievedPercent } }
  }
`);
const CreateReport = graphql(`
  mutation SeedsReport($input: ReportCreateInput!) {
    reportCreate(input: $input) { __typename ... on ReportCreateSuccess { data { id } } ... on Error { message } }
  }
`);
const Files = graphql(`
  query SeedsReportFiles($id: ID!) { node(id: $id) { ... on Report { status error files { name url } } } }
`);

/** Fails the test with the answer unless the mutation succeeded. */
function succeeded<T extends { __typename: string }>(answer: T, what: string): T {
  if (!answer.__typename.endsWith('Success')) throw new Error(`${what}: ${JSON.stringify(answer)}`);
  return answer;
}

async function unit(name: string, kind: UnitKind, parentId: string | null, code: string, category: UnitCategory | null = null): Promise<string> {
  const { unitCreate } = await run(CreateUnit, { input: { name, kind, parentId, code, category, validFrom: '2015-01-01' } });
  const created = succeeded(unitCreate, `unitCreate ${name}`);
  if (!('data' in created)) throw new Error(name);
  return created.data.id;
}

async function member(cellId: string, index: number, admittedOn: string, official: boolean): Promise<string> {
  const { memberCreate } = await run(CreateMember, {
    input: {
      fullName: `Đảng viên Hòa An ${index}`,
      gender: index % 3 === 0 ? 'FEMALE' : 'MALE',
      birthDate: official ? '1978-04-12' : '2000-09-02',
      ethnicity: 'Kinh',
      cellId,
      admittedOn,
      ...(official ? { status: 'OFFICIAL' as const, officialOn: '2016-03-02', partyCardNumber: nextCardNumber() } : {}),
    },
  });
  const created = succeeded(memberCreate, `memberCreate ${index}`);
  if (!('data' in created)) throw new Error(String(index));
  return created.data.id;
}

let communeId: string;
let grids: Map<string, (string | number | null)[][]>;
let progress: { target: number | null; admitted: number; achievedPercent: number | null };
const dirs: string[] = [];

beforeAll(async () => {
  for (const variable of ['CHIBO_SNAPSHOT_DIR', 'CHIBO_REPORT_DIR'] as const) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'chibo-seeds-'));
    dirs.push(dir);
    process.env[variable] = dir;
  }
  const province = await unit('Tỉnh Hậu Giang', 'PROVINCE', null, 'HG-SEED');
  const district = await unit('Huyện Phụng Hiệp', 'DISTRICT', province, 'HG-PH');
  communeId = await unit('Đảng bộ xã Hòa An', 'GRASSROOTS', district, 'HG-PH-HA');

  const cells: string[] = [];
  const names: Record<string, string> = { HAMLET: 'Chi bộ ấp', AGENCY: 'Chi bộ ngành', PUBLIC_SERVICE: 'Chi bộ đơn vị sự nghiệp' };
  for (const [category, count] of Object.entries(ARTICLE.cells) as [UnitCategory, number][]) {
    for (let i = 1; i <= count; i++) cells.push(await unit(`${names[category]} ${i}`, 'CELL', communeId, `HG-PH-HA-${category}-${i}`, category));
  }
  expect(cells.length).toBe(22);

  // 2022: the members of before, every cell rated, every member rated or recorded as not rated.
  const before = ARTICLE.members - ARTICLE.admitted;
  const memberLevels: (RatingLevel | null)[] = [
    ...Array<RatingLevel>(ARTICLE.membersExcellent).fill('EXCELLENT'),
    ...Array<RatingLevel>(ARTICLE.membersGoodOrBetter - ARTICLE.membersExcellent).fill('GOOD'),
    ...Array<RatingLevel>(MEMBERS_COMPLETED).fill('COMPLETED'),
    ...Array<RatingLevel>(MEMBERS_NOT_RATED).fill('NOT_RATED'),
  ];
  expect(memberLevels.length).toBe(before);
  for (let i = 0; i < before; i++) {
    const id = await member(cells[i % cells.length]!, i + 1, '2015-03-02', true);
    const level = memberLevels[i]!;
    const { memberRate } = await run(RateMember, {
      input: { memberId: id, year: ARTICLE.year, level, ...(level === 'NOT_RATED' ? { notRatedReason: 'Miễn sinh hoạt' } : {}) },
    });
    succeeded(memberRate, `memberRate ${i + 1}`);
  }
  for (const [index, cellId] of cells.entries()) {
    const level: RatingLevel = index < ARTICLE.cellsExcellent ? 'EXCELLENT' : 'GOOD';
    succeeded((await run(RateUnit, { input: { unitId: cellId, year: ARTICLE.year, level } })).unitRate, `unitRate ${index}`);
  }

  // 2023: the commune's target and the nine admitted so far.
  succeeded((await run(SetTarget, { input: { unitId: communeId, year: ARTICLE.admissionYear, target: ARTICLE.admissionTarget } })).admissionTargetSet, 'admissionTargetSet');
  for (let i = 0; i < ARTICLE.admitted; i++) await member(cells[i]!, before + i + 1, `2023-0${1 + (i % 7)}-15`, false);

  const snapshot = succeeded((await run(Snapshot)).snapshotCreate, 'snapshotCreate');
  if (!('data' in snapshot)) throw new Error('no snapshot');
  await whenBuilt(localId(snapshot.data.id, 'Snapshot', 'id'));

  progress = (await run(Progress, { unitId: communeId, year: ARTICLE.admissionYear })).admissionProgress.total;

  const created = succeeded((await run(CreateReport, { input: { kind: 'TERM', unitId: communeId, toYear: 2025, formats: ['XLSX'] } })).reportCreate, 'reportCreate');
  if (!('data' in created)) throw new Error('no report');
  await whenReportDone(localId(created.data.id, 'Report', 'id'));
  const report = (await run(Files, { id: created.data.id })).node as { status: string; error: string | null; files: { name: string; url: string }[] };
  expect(report.status, report.error ?? '').toBe('READY');
  const workbook = report.files.find((file) => file.name === 'bao-cao.xlsx')!;
  const response = await app.fetch(`http://chibo.test${workbook.url}`, { headers: { authorization: await bearer() } });
  expect(response.status).toBe(200);
  const book = XLSX.read(Buffer.from(await response.arrayBuffer()), { type: 'buffer' });
  grids = new Map(book.SheetNames.map((name) => [name, XLSX.utils.sheet_to_json<(string | number | null)[]>(book.Sheets[name]!, { header: 1, defval: null, raw: true })]));
}, 300_000);

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** The row labelled `label` of a sheet (undefined when there is none). */
const rowOf = (sheet: string, label: string) => grids.get(sheet)?.find((row) => row[0] === label);

/** The number in a sheet's row `label` under the column "Năm <year>". */
function figure(sheet: string, label: string, year: number): number | string | null {
  const grid = grids.get(sheet);
  expect(grid, `sheet ${sheet}`).toBeDefined();
  const headings = grid!.find((row) => row[0] === 'Chỉ tiêu');
  const column = headings!.indexOf(`Năm ${year}`);
  expect(column, `column Năm ${year} of ${sheet}`).toBeGreaterThan(1);
  const row = rowOf(sheet, label);
  expect(row, `row "${label}" of ${sheet}`).toBeDefined();
  return row![column] ?? null;
}

describe('Hòa An in its term report 2021–2025, as the article quotes it', () => {
  it('22 cells in 2022, of them 14 of hamlets, 2 of agencies, 6 of public-service units', () => {
    expect(figure('Tổ chức đảng', 'Số chi bộ', 2022)).toBe(22);
    expect(figure('Tổ chức đảng', 'Chi bộ ấp, thôn, khu phố', 2022)).toBe(14);
    expect(figure('Tổ chức đảng', 'Chi bộ cơ quan', 2022)).toBe(2);
    expect(figure('Tổ chức đảng', 'Chi bộ đơn vị sự nghiệp', 2022)).toBe(6);
  });

  it('2022: 22/22 cells good or better, 4 excellent', () => {
    expect(figure('Xếp loại', 'Số chi bộ được xếp loại', 2022)).toBe(22);
    expect(figure('Xếp loại', 'Số chi bộ hoàn thành tốt nhiệm vụ trở lên', 2022)).toBe(ARTICLE.cellsGoodOrBetter);
    expect(figure('Xếp loại', 'Số chi bộ hoàn thành xuất sắc nhiệm vụ', 2022)).toBe(ARTICLE.cellsExcellent);
    expect(figure('Xếp loại', 'Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ trở lên (%)', 2022)).toBe(100);
  });

  it('2022: 261 members good or better, 38 excellent', () => {
    expect(figure('Xếp loại', 'Số đảng viên hoàn thành tốt nhiệm vụ trở lên', 2022)).toBe(ARTICLE.membersGoodOrBetter);
    expect(figure('Xếp loại', 'Số đảng viên hoàn thành xuất sắc nhiệm vụ', 2022)).toBe(ARTICLE.membersExcellent);
  });

  it('2023: 9 admitted of a target of 10', () => {
    expect(figure('Kết nạp đảng viên', 'Số đảng viên kết nạp', ARTICLE.admissionYear)).toBe(ARTICLE.admitted);
    expect(progress).toEqual({ target: ARTICLE.admissionTarget, admitted: ARTICLE.admitted, achievedPercent: 90 });
    expect(figure('Kết nạp đảng viên', 'Chỉ tiêu kết nạp đảng viên', ARTICLE.admissionYear)).toBe(ARTICLE.admissionTarget);
    expect(figure('Kết nạp đảng viên', 'Tỷ lệ kết nạp so với chỉ tiêu (%)', ARTICLE.admissionYear)).toBe(90);
  });

  it('312 members at the end of 2023', () => {
    expect(figure('Đảng viên', 'Số đảng viên cuối kỳ', ARTICLE.admissionYear)).toBe(ARTICLE.members);
  });
});
