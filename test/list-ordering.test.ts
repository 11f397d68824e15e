// The ratings, recognitions and admission targets lists in every order they offer, either way,
// paged two at a time. The expected orders are computed here from the rows returned (names with
// Intl.Collator('vi'), members by given name first, years and numbers compared plainly), never
// read from the API; the rows themselves are written straight to the store.
import { beforeAll, describe, expect, it } from 'vitest';
import { localId } from '../src/graphql/ids.js';
import { graphql } from './generated/index.js';
import { run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { createTree, createUnit } from './support/factories.js';
import { createMeeting, createMember } from './support/ratings.factories.js';
import { wholeStore } from './support/store.js';

useFreshDatabase();

type Direction = 'ASC' | 'DESC';
interface Page<Node> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: { node: Node }[];
}

/** Every row of a list, page by page (first: 2), checking that no row comes twice. */
async function everyPage<Node extends { id: string }>(fetch: (after: string | null) => Promise<Page<Node>>): Promise<Node[]> {
  const seen: Node[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page<Node> = await fetch(after);
    expect(page.edges.length).toBeLessThanOrEqual(2);
    seen.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) {
      expect(seen).toHaveLength(page.totalCount);
      expect(new Set(seen.map((node) => node.id)).size).toBe(seen.length);
      return seen;
    }
    after = page.pageInfo.endCursor ?? null;
  }
}

const collator = new Intl.Collator('vi');
const byName = (a: string, b: string) => collator.compare(a.normalize('NFC'), b.normalize('NFC'));
/** Vietnamese lists of people: the given name (last word) first, then the whole name. */
const byPersonName = (a: string, b: string) => byName(a.split(' ').at(-1) ?? '', b.split(' ').at(-1) ?? '') || byName(a, b);
const plain = (a: number, b: number) => a - b;
const turn = (direction: Direction, compared: number) => (direction === 'ASC' ? compared : -compared);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const local = (typename: string) => (id: string) => localId(id, typename, 'id');

const UNIT_NAMES = ['Đảng bộ xã Đông', 'Chi bộ Ấp', 'Chi bộ ấp Bắc', 'Chi bộ An', 'Chi bộ Dương', 'Chi bộ ấp An'];
const MEMBER_NAMES = ['Nguyễn Văn Ấn', 'Trần Thị An', 'Lê An', 'Phạm Văn Đức', 'Võ Dung', 'Đỗ Thị Ánh'];
const DIRECTIONS: Direction[] = ['ASC', 'DESC'];

beforeAll(async () => {
  const tree = await createTree();
  const store = wholeStore();
  const unitIds: number[] = [];
  for (const [index, name] of UNIT_NAMES.entries()) {
    const isCell = !name.startsWith('Đảng bộ');
    const unit = await createUnit({ name, kind: isCell ? 'CELL' : 'SUB_COMMITTEE', parentId: tree.commune.id });
    unitIds.push(local('Unit')(unit.id));
    if (!isCell) continue;
    // Meetings on days that tie across cells, each visited once or twice.
    for (const heldOn of index % 2 === 0 ? ['2024-03-05', `2024-0${4 + index}-10`] : ['2024-03-05']) {
      const meetingId = local('Meeting')(await createMeeting(unit.id, heldOn));
      for (const visitorName of index === 1 ? ['Tổ công tác số 1', 'Đồng chí Bí thư'] : ['Tổ công tác số 2']) {
        await store.meetingVisit.create({ data: { meetingId, visitorName } });
      }
    }
  }
  const cellId = local('Unit')(tree.cellA.id);
  // Two years for most units, one for some, so that years tie across units and units across years.
  for (const [index, unitId] of unitIds.entries()) {
    for (const year of index % 3 === 0 ? [2024] : [2023, 2024]) {
      await store.unitRating.create({ data: { unitId, year, level: 'GOOD', ruleVersion: 'test' } });
      await store.recognition.create({ data: { unitId, year, programme: 'FOUR_GOOD' } });
      await store.admissionTarget.create({ data: { unitId, year, target: (index + year) % 3 } });
    }
  }
  // Two programmes of one unit in one year: the programme decides between them.
  await store.recognition.create({ data: { unitId: unitIds[1] as number, year: 2024, programme: 'CLEAN_STRONG_COMPREHENSIVE' } });
  // Snapshot rows only (no file is built): moments of the store that tie, started at other times.
  for (const [asOf, startedAt] of [
    ['2024-06-30T17:00:00Z', '2024-07-01T08:00:00Z'],
    ['2024-03-31T17:00:00Z', '2024-07-01T07:00:00Z'],
    ['2024-06-30T17:00:00Z', '2024-07-02T08:00:00Z'],
    ['2023-12-31T17:00:00Z', '2024-07-01T09:00:00Z'],
    ['2024-06-30T17:00:00Z', '2024-06-30T23:00:00Z'],
  ]) {
    await store.snapshot.create({ data: { label: `Bản chụp ${asOf}`, status: 'FAILED', asOf: new Date(asOf as string), startedAt: new Date(startedAt as string) } });
  }
  for (const [index, fullName] of MEMBER_NAMES.entries()) {
    const memberId = local('Member')(await createMember(fullName, [{ cellId: tree.cellA.id, from: '2015-01-01' }]));
    for (const year of index % 2 === 0 ? [2022, 2024] : [2024]) {
      await store.memberRating.create({ data: { memberId, cellId, year, level: 'GOOD', ruleVersion: 'test', decidedOn: day(`${year + 1}-01-15`) } });
    }
  }
});

it('uses names whose Vietnamese order differs from code-point order', () => {
  expect([...UNIT_NAMES].sort(byName)).not.toEqual([...UNIT_NAMES].sort());
  expect([...MEMBER_NAMES].sort(byPersonName)).not.toEqual([...MEMBER_NAMES].sort(byName));
});

const UnitRatingsPage = graphql(`
  query ListOrderingUnitRatings($after: String, $orderBy: UnitRatingOrder) {
    unitRatings(first: 2, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id year unit { name } } }
    }
  }
`);

describe('unitRatings(orderBy:)', () => {
  type Row = { id: string; year: number; unit: { name: string } };
  const list = (orderBy: { field: 'YEAR' | 'UNIT_NAME'; direction: Direction } | null) =>
    everyPage<Row>(async (after) => (await run(UnitRatingsPage, { after, orderBy })).unitRatings);
  const id = local('UnitRating');
  const byYear = (direction: Direction) => (a: Row, b: Row) =>
    turn(direction, plain(a.year, b.year)) || byName(a.unit.name, b.unit.name) || turn(direction, plain(id(a.id), id(b.id)));
  const byUnit = (direction: Direction) => (a: Row, b: Row) =>
    turn(direction, byName(a.unit.name, b.unit.name)) || plain(b.year, a.year) || turn(direction, plain(id(a.id), id(b.id)));

  it('keeps the newest year first, then units in Vietnamese order, by default', async () => {
    const rows = await list(null);
    expect(rows).toHaveLength(await wholeStore().unitRating.count());
    expect(rows).toEqual([...rows].sort(byYear('DESC')));
  });

  for (const direction of DIRECTIONS) {
    it(`orders by year ${direction}`, async () => {
      const rows = await list({ field: 'YEAR', direction });
      expect(rows).toEqual([...rows].sort(byYear(direction)));
    });
    it(`orders by unit name ${direction}, in Vietnamese order`, async () => {
      const rows = await list({ field: 'UNIT_NAME', direction });
      expect(rows).toEqual([...rows].sort(byUnit(direction)));
    });
  }
});

const MemberRatingsPage = graphql(`
  query ListOrderingMemberRatings($after: String, $orderBy: MemberRatingOrder) {
    memberRatings(first: 2, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id year member { fullName } } }
    }
  }
`);

describe('memberRatings(orderBy:)', () => {
  type Row = { id: string; year: number; member: { fullName: string } };
  const list = (orderBy: { field: 'YEAR' | 'MEMBER_NAME'; direction: Direction } | null) =>
    everyPage<Row>(async (after) => (await run(MemberRatingsPage, { after, orderBy })).memberRatings);
  const id = local('MemberRating');
  const byYear = (direction: Direction) => (a: Row, b: Row) =>
    turn(direction, plain(a.year, b.year)) || byPersonName(a.member.fullName, b.member.fullName) || turn(direction, plain(id(a.id), id(b.id)));
  const byMember = (direction: Direction) => (a: Row, b: Row) =>
    turn(direction, byPersonName(a.member.fullName, b.member.fullName)) || plain(b.year, a.year) || turn(direction, plain(id(a.id), id(b.id)));

  it('keeps the newest year first, then members by given name, by default', async () => {
    const rows = await list(null);
    expect(rows).toHaveLength(await wholeStore().memberRating.count());
    expect(rows).toEqual([...rows].sort(byYear('DESC')));
  });

  for (const direction of DIRECTIONS) {
    it(`orders by year ${direction}`, async () => {
      const rows = await list({ field: 'YEAR', direction });
      expect(rows).toEqual([...rows].sort(byYear(direction)));
    });
    it(`orders by member name ${direction}, given name first`, async () => {
      const rows = await list({ field: 'MEMBER_NAME', direction });
      expect(rows).toEqual([...rows].sort(byMember(direction)));
    });
  }
});

const RecognitionsPage = graphql(`
  query ListOrderingRecognitions($after: String, $orderBy: RecognitionOrder) {
    recognitions(first: 2, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id year programme unit { name } } }
    }
  }
`);

describe('recognitions(orderBy:)', () => {
  type Row = { id: string; year: number; programme: string; unit: { name: string } };
  const list = (orderBy: { field: 'YEAR' | 'UNIT_NAME'; direction: Direction } | null) =>
    everyPage<Row>(async (after) => (await run(RecognitionsPage, { after, orderBy })).recognitions);
  const id = local('Recognition');
  // The programmes in the order they are declared, which is how the store sorts them.
  const PROGRAMMES = ['CLEAN_STRONG_COMPREHENSIVE', 'FOUR_GOOD', 'EXEMPLARY_ONE_YEAR', 'EXEMPLARY_FIVE_YEARS'];
  const byProgramme = (a: Row, b: Row) => PROGRAMMES.indexOf(a.programme) - PROGRAMMES.indexOf(b.programme);
  const byYear = (direction: Direction) => (a: Row, b: Row) =>
    turn(direction, plain(a.year, b.year)) || byName(a.unit.name, b.unit.name) || byProgramme(a, b) || turn(direction, plain(id(a.id), id(b.id)));
  const byUnit = (direction: Direction) => (a: Row, b: Row) =>
    turn(direction, byName(a.unit.name, b.unit.name)) || plain(b.year, a.year) || byProgramme(a, b) || turn(direction, plain(id(a.id), id(b.id)));

  it('keeps the newest year first, then units in Vietnamese order, by default', async () => {
    const rows = await list(null);
    expect(rows).toHaveLength(await wholeStore().recognition.count());
    expect(rows).toEqual([...rows].sort(byYear('DESC')));
  });

  for (const direction of DIRECTIONS) {
    it(`orders by year ${direction}`, async () => {
      const rows = await list({ field: 'YEAR', direction });
      expect(rows).toEqual([...rows].sort(byYear(direction)));
    });
    it(`orders by unit name ${direction}, in Vietnamese order`, async () => {
      const rows = await list({ field: 'UNIT_NAME', direction });
      expect(rows).toEqual([...rows].sort(byUnit(direction)));
    });
  }
});

const AdmissionTargetsPage = graphql(`
  query ListOrderingAdmissionTargets($after: String, $orderBy: AdmissionTargetOrder) {
    admissionTargets(first: 2, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id year target unit { name } } }
    }
  }
`);

describe('admissionTargets(orderBy:)', () => {
  type Row = { id: string; year: number; target: number; unit: { name: string } };
  const list = (orderBy: { field: 'YEAR' | 'UNIT_NAME' | 'TARGET'; direction: Direction } | null) =>
    everyPage<Row>(async (after) => (await run(AdmissionTargetsPage, { after, orderBy })).admissionTargets);
  // Admission targets are not nodes: their id is the row's own.
  const id = Number;
  const byYear = (direction: Direction) => (a: Row, b: Row) =>
    turn(direction, plain(a.year, b.year)) || byName(a.unit.name, b.unit.name) || turn(direction, plain(id(a.id), id(b.id)));
  const byUnit = (direction: Direction) => (a: Row, b: Row) =>
    turn(direction, byName(a.unit.name, b.unit.name)) || plain(b.year, a.year) || turn(direction, plain(id(a.id), id(b.id)));
  const byTarget = (direction: Direction) => (a: Row, b: Row) =>
    turn(direction, plain(a.target, b.target)) || plain(b.year, a.year) || turn(direction, plain(id(a.id), id(b.id)));

  it('keeps the latest year first, then units in Vietnamese order, by default', async () => {
    const rows = await list(null);
    expect(rows).toHaveLength(await wholeStore().admissionTarget.count());
    expect(rows).toEqual([...rows].sort(byYear('DESC')));
  });

  for (const direction of DIRECTIONS) {
    it(`orders by year ${direction}`, async () => {
      const rows = await list({ field: 'YEAR', direction });
      expect(rows).toEqual([...rows].sort(byYear(direction)));
    });
    it(`orders by unit name ${direction}, in Vietnamese order`, async () => {
      const rows = await list({ field: 'UNIT_NAME', direction });
      expect(rows).toEqual([...rows].sort(byUnit(direction)));
    });
    it(`orders by target ${direction}`, async () => {
      const rows = await list({ field: 'TARGET', direction });
      expect(rows).toEqual([...rows].sort(byTarget(direction)));
    });
  }
});

const VisitsPage = graphql(`
  query ListOrderingVisits($after: String, $orderBy: VisitOrder) {
    visits(first: 2, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id meeting { heldOn cell { name } } } }
    }
  }
`);

describe('visits(orderBy:)', () => {
  type Row = { id: string; meeting: { heldOn: string; cell: { name: string } } };
  const list = (orderBy: { field: 'HELD_ON' | 'CELL_NAME'; direction: Direction } | null) =>
    everyPage<Row>(async (after) => (await run(VisitsPage, { after, orderBy })).visits as Page<Row>);
  // Visits are not nodes: their id is the row's own.
  const id = Number;
  const days = (a: Row, b: Row) => (a.meeting.heldOn < b.meeting.heldOn ? -1 : a.meeting.heldOn > b.meeting.heldOn ? 1 : 0);
  const byDay = (direction: Direction) => (a: Row, b: Row) => turn(direction, days(a, b)) || turn(direction, plain(id(a.id), id(b.id)));
  const byCell = (direction: Direction) => (a: Row, b: Row) =>
    turn(direction, byName(a.meeting.cell.name, b.meeting.cell.name)) || -days(a, b) || turn(direction, plain(id(a.id), id(b.id)));

  it('keeps the latest meeting first by default', async () => {
    const rows = await list(null);
    expect(rows).toHaveLength(await wholeStore().meetingVisit.count());
    expect(rows).toEqual([...rows].sort(byDay('DESC')));
  });

  for (const direction of DIRECTIONS) {
    it(`orders by meeting day ${direction}`, async () => {
      const rows = await list({ field: 'HELD_ON', direction });
      expect(rows).toEqual([...rows].sort(byDay(direction)));
    });
    it(`orders by cell name ${direction}, in Vietnamese order`, async () => {
      const rows = await list({ field: 'CELL_NAME', direction });
      expect(rows).toEqual([...rows].sort(byCell(direction)));
    });
  }
});

const SnapshotsPage = graphql(`
  query ListOrderingSnapshots($after: String, $orderBy: SnapshotOrder) {
    snapshots(first: 2, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id asOf startedAt } }
    }
  }
`);

describe('snapshots(orderBy:)', () => {
  type Row = { id: string; asOf: string; startedAt: string };
  const list = (orderBy: { field: 'AS_OF' | 'STARTED_AT'; direction: Direction } | null) =>
    everyPage<Row>(async (after) => (await run(SnapshotsPage, { after, orderBy })).snapshots as Page<Row>);
  const id = local('Snapshot');
  const by = (key: 'asOf' | 'startedAt', direction: Direction) => (a: Row, b: Row) =>
    turn(direction, plain(Date.parse(a[key]), Date.parse(b[key]))) || turn(direction, plain(id(a.id), id(b.id)));

  it('keeps the newest moment first by default', async () => {
    const rows = await list(null);
    expect(rows).toHaveLength(await wholeStore().snapshot.count({ where: { status: { not: 'DELETED' } } }));
    expect(rows).toEqual([...rows].sort(by('asOf', 'DESC')));
  });

  for (const direction of DIRECTIONS) {
    it(`orders by the moment held ${direction}`, async () => {
      const rows = await list({ field: 'AS_OF', direction });
      expect(rows).toEqual([...rows].sort(by('asOf', direction)));
    });
    it(`orders by the start of the build ${direction}`, async () => {
      const rows = await list({ field: 'STARTED_AT', direction });
      expect(rows).toEqual([...rows].sort(by('startedAt', direction)));
    });
  }
});
