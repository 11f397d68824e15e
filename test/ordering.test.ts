// Root lists in the order asked for: by name in Vietnamese collation, by code, by date, either
// way, paged with cursors so that each record appears exactly once. The expected orders are
// computed here from the rows (Intl.Collator('vi'), plain comparisons), not read from the API.
import { beforeAll, describe, expect, it } from 'vitest';
import { localId } from '../src/graphql/ids.js';
import { graphql } from './generated/index.js';
import type { OrderingCandidatesQuery, OrderingThematicPlansQuery, OrderingUnitsQuery } from './generated/graphql.js';
import { run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { createTree, createUnit } from './support/factories.js';
import { createCandidate } from './support/members.factories.js';
import { wholeStore } from './support/store.js';

useFreshDatabase();

const UnitsPage = graphql(`
  query OrderingUnits($after: String, $orderBy: UnitOrder) {
    units(first: 2, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id name code validFrom } }
    }
  }
`);

type UnitOrder = { field: 'NAME' | 'CODE' | 'FOUNDED'; direction?: 'ASC' | 'DESC' } | null;

/** Every unit, page by page, in the order asked for. */
async function allUnits(orderBy: UnitOrder) {
  const seen: { id: string; name: string; code: string; validFrom: string }[] = [];
  let after: string | null = null;
  for (;;) {
    const page: OrderingUnitsQuery['units'] = (await run(UnitsPage, { after, orderBy })).units;
    seen.push(...page.edges.map((edge) => edge.node as { id: string; name: string; code: string; validFrom: string }));
    if (!page.pageInfo.hasNextPage) return { seen, total: page.totalCount };
    after = page.pageInfo.endCursor ?? null;
  }
}

const collator = new Intl.Collator('vi');
type Listed = { id: string; name: string };
const byNameThenId = (a: Listed, b: Listed) => collator.compare(a.name, b.name) || localId(a.id, 'Unit', 'id') - localId(b.id, 'Unit', 'id');

const plannedCells: string[] = [];

const RegisterPlan = graphql(`
  mutation OrderingRegisterPlan($input: ThematicPlanRegisterInput!) {
    thematicPlanRegister(input: $input) { __typename ... on Error { message } }
  }
`);

beforeAll(async () => {
  const tree = await createTree();
  // Given names whose code-point order differs from Vietnamese order, and two born the same day.
  for (const [fullName, birthDate] of [
    ['Nguyễn Văn Đức', '2000-03-01'],
    ['Trần Thị Dung', '1999-07-15'],
    ['Lê Văn Ấn', '2000-03-01'],
    ['Phạm Thị An', '2001-11-20'],
    ['Hồ Văn Bình', '1998-01-05'],
  ] as const) {
    await createCandidate(tree.cellA.id, { fullName, birthDate });
  }
  // Names whose code-point order differs from Vietnamese order: "Đ" after "D", "Ấ" among the A's.
  for (const [name, code, validFrom] of [
    ['Chi bộ ấp Đông Hòa', 'ORD.Z1', '2019-05-01'],
    ['Chi bộ ấp Dương Minh', 'ORD.A2', '2021-03-01'],
    ['Chi bộ ấp Ấp Mới', 'ORD.M3', '2018-01-15'],
    ['Chi bộ ấp Bình An', 'ORD.B4', '2022-07-30'],
  ] as const) {
    const cell = await createUnit({ name, code, kind: 'CELL', category: 'HAMLET', parentId: tree.commune.id, validFrom });
    plannedCells.push(cell.id);
  }
  // Plans of several cells over two years, registered on different days (two on the same day).
  const registered = ['2024-01-05', '2024-01-20', '2024-01-05', '2023-12-28'];
  for (const [index, cellId] of plannedCells.entries()) {
    for (const year of [2024, 2025]) {
      const registeredOn = year === 2024 ? registered[index]! : `2025-01-${String(10 + index).padStart(2, '0')}`;
      const items = [1, 2, 3, 4].map((quarter) => ({ quarter, topic: `Chuyên đề quý ${quarter}` }));
      const answer = await run(RegisterPlan, { input: { cellId, year, registeredOn, items } });
      if (answer.thematicPlanRegister.__typename !== 'ThematicPlanRegisterSuccess') throw new Error(JSON.stringify(answer));
    }
  }
});

describe('units(orderBy:)', () => {
  it('is by name in Vietnamese order by default, every unit once across pages', async () => {
    const { seen, total } = await allUnits(null);
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((unit) => unit.id)).size).toBe(total);
    expect(total).toBe(await wholeStore().orgUnit.count({ where: { validTo: null } }));
    expect(seen.map((unit) => unit.name)).toEqual([...seen].sort(byNameThenId).map((unit) => unit.name));
    expect(seen.findIndex((u) => u.name === 'Chi bộ ấp Dương Minh')).toBeLessThan(seen.findIndex((u) => u.name === 'Chi bộ ấp Đông Hòa'));
  });

  it('is by code, and by founding day latest first, when asked', async () => {
    // Codes of one form, so that any collation of the store agrees on their order.
    const byCode = (await allUnits({ field: 'CODE' })).seen.map((unit) => unit.code).filter((code) => code.startsWith('ORD.'));
    expect(byCode).toEqual(['ORD.A2', 'ORD.B4', 'ORD.M3', 'ORD.Z1']);
    const byCodeDesc = (await allUnits({ field: 'CODE', direction: 'DESC' })).seen.map((unit) => unit.code).filter((code) => code.startsWith('ORD.'));
    expect(byCodeDesc).toEqual(['ORD.Z1', 'ORD.M3', 'ORD.B4', 'ORD.A2']);
    const { seen: founded, total } = await allUnits({ field: 'FOUNDED', direction: 'DESC' });
    expect(new Set(founded.map((unit) => unit.id)).size).toBe(total);
    const days = founded.map((unit) => unit.validFrom);
    expect(days).toEqual([...days].sort().reverse());
    expect(days[0]).toBe('2022-07-30');
  });
});

const CandidatesPage = graphql(`
  query OrderingCandidates($after: String, $orderBy: CandidateOrder) {
    candidates(first: 2, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id fullName birthDate } }
    }
  }
`);

type Candidate = { id: string; fullName: string; birthDate: string };

/** Every candidate, page by page, in the order asked for. */
async function allCandidates(orderBy: { field: 'NAME' | 'BIRTH_DATE'; direction?: 'ASC' | 'DESC' } | null) {
  const seen: Candidate[] = [];
  let after: string | null = null;
  for (;;) {
    const page: OrderingCandidatesQuery['candidates'] = (await run(CandidatesPage, { after, orderBy })).candidates;
    seen.push(...page.edges.map((edge) => edge.node as Candidate));
    if (!page.pageInfo.hasNextPage) return { seen, total: page.totalCount };
    after = page.pageInfo.endCursor ?? null;
  }
}

const candidateId = (candidate: Candidate) => localId(candidate.id, 'Candidate', 'id');
/** Given name (the last word), then the full name, in Vietnamese collation: how a roll is read. */
const givenName = (fullName: string) => fullName.split(' ').at(-1) ?? fullName;

describe('candidates(orderBy:)', () => {
  it('is by given name, then full name, in Vietnamese order by default and either way, every candidate once', async () => {
    const ascending = (a: Candidate, b: Candidate) =>
      collator.compare(givenName(a.fullName), givenName(b.fullName)) || collator.compare(a.fullName, b.fullName) || candidateId(a) - candidateId(b);
    const { seen, total } = await allCandidates(null);
    expect(total).toBe(5);
    expect(seen.map(candidateId)).toEqual([...seen].sort(ascending).map(candidateId));
    const { seen: descending } = await allCandidates({ field: 'NAME', direction: 'DESC' });
    expect(descending.map(candidateId)).toEqual([...seen].sort((a, b) => ascending(b, a)).map(candidateId));
    expect(new Set(descending.map(candidateId)).size).toBe(5);
  });

  it('is by birth date either way, the id breaking ties the same way', async () => {
    const ascending = (a: Candidate, b: Candidate) => a.birthDate.localeCompare(b.birthDate) || candidateId(a) - candidateId(b);
    for (const direction of ['ASC', 'DESC'] as const) {
      const { seen, total } = await allCandidates({ field: 'BIRTH_DATE', direction });
      expect(new Set(seen.map(candidateId)).size).toBe(total);
      const expected = [...seen].sort(direction === 'ASC' ? ascending : (a, b) => ascending(b, a));
      expect(seen.map(candidateId)).toEqual(expected.map(candidateId));
    }
  });
});

const PlansPage = graphql(`
  query OrderingThematicPlans($after: String, $orderBy: ThematicPlanOrder) {
    thematicPlans(first: 3, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id year registeredOn cell { name } } }
    }
  }
`);

type Plan = { id: string; year: number; registeredOn: string; cell: { name: string } };
type PlanOrder = { field: 'YEAR' | 'CELL_NAME' | 'REGISTERED_ON'; direction?: 'ASC' | 'DESC' } | null;

async function allPlans(orderBy: PlanOrder) {
  const seen: Plan[] = [];
  let after: string | null = null;
  for (;;) {
    const page: OrderingThematicPlansQuery['thematicPlans'] = (await run(PlansPage, { after, orderBy })).thematicPlans;
    seen.push(...page.edges.map((edge) => edge.node as Plan));
    if (!page.pageInfo.hasNextPage) return { seen, total: page.totalCount };
    after = page.pageInfo.endCursor ?? null;
  }
}

const planId = (plan: Plan) => localId(plan.id, 'ThematicPlan', 'id');
const reversed =
  <T>(compare: (a: T, b: T) => number) =>
  (a: T, b: T) =>
    compare(b, a);

describe('thematicPlans(orderBy:)', () => {
  // The expected orders: the same keys as the API documents, the id last in the list's direction.
  const byYear = (direction: 'ASC' | 'DESC') => (a: Plan, b: Plan) => {
    const sign = direction === 'ASC' ? 1 : -1;
    return sign * (a.year - b.year) || collator.compare(a.cell.name, b.cell.name) || sign * (planId(a) - planId(b));
  };
  const byCell = (a: Plan, b: Plan) => collator.compare(a.cell.name, b.cell.name) || a.year - b.year || planId(a) - planId(b);
  const byRegistered = (a: Plan, b: Plan) => a.registeredOn.localeCompare(b.registeredOn) || planId(a) - planId(b);

  it('is by year, newest first, then cell in Vietnamese order by default, and the other way when asked', async () => {
    const { seen, total } = await allPlans(null);
    expect(total).toBe(8);
    expect(new Set(seen.map(planId)).size).toBe(8);
    expect(seen.map(planId)).toEqual([...seen].sort(byYear('DESC')).map(planId));
    const { seen: ascending } = await allPlans({ field: 'YEAR', direction: 'ASC' });
    expect(ascending.map(planId)).toEqual([...seen].sort(byYear('ASC')).map(planId));
  });

  it('is by cell name in Vietnamese order and by the day registered, either way, every plan once', async () => {
    for (const [field, compare] of [['CELL_NAME', byCell], ['REGISTERED_ON', byRegistered]] as const) {
      const { seen: up, total } = await allPlans({ field, direction: 'ASC' });
      expect(new Set(up.map(planId)).size).toBe(total);
      expect(up.map(planId), field).toEqual([...up].sort(compare).map(planId));
      const { seen: down } = await allPlans({ field, direction: 'DESC' });
      expect(down.map(planId), field).toEqual([...up].sort(reversed(compare)).map(planId));
    }
  });
});
