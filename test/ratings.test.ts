import { describe, expect, it } from 'vitest';
import { graphql } from './generated/index.js';
import { run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { createTree, createUnit } from './support/factories.js';
import { createMember, createMembers } from './support/ratings.factories.js';

useFreshDatabase();

const UnitRate = graphql(`
  mutation UnitRate($input: UnitRateInput!) {
    unitRate(input: $input) {
      __typename
      ... on UnitRateSuccess {
        data { id year period periodIndex level selfAssessedLevel score ruleVersion notRatedReason decidedOn decidedBy { name } unit { name } }
      }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
      ... on ConflictError { field }
    }
  }
`);

const UnitRatingUpdate = graphql(`
  mutation UnitRatingUpdate($input: UnitRatingUpdateInput!) {
    unitRatingUpdate(input: $input) {
      __typename
      ... on UnitRatingUpdateSuccess { data { id level notRatedReason score ruleVersion } }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
    }
  }
`);

const MemberRate = graphql(`
  mutation MemberRate($input: MemberRateInput!) {
    memberRate(input: $input) {
      __typename
      ... on MemberRateSuccess { data { id year level ruleVersion cell { name } member { fullName } } }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
      ... on ConflictError { field }
    }
  }
`);

const MemberRatingUpdate = graphql(`
  mutation MemberRatingUpdate($input: MemberRatingUpdateInput!) {
    memberRatingUpdate(input: $input) {
      __typename
      ... on MemberRatingUpdateSuccess { data { id level notRatedReason } }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
    }
  }
`);

const UnitRatings = graphql(`
  query UnitRatings($filter: UnitRatingFilter, $first: Int, $after: String) {
    unitRatings(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { year level period periodIndex unit { name } } }
    }
  }
`);

const MemberRatings = graphql(`
  query MemberRatings($filter: MemberRatingFilter) {
    memberRatings(filter: $filter) {
      totalCount
      edges { node { year level member { fullName } cell { name } } }
    }
  }
`);

const RatingsOf = graphql(`
  query RatingsOf($id: ID!) {
    node(id: $id) {
      ... on Unit { ratings { year level } recognitions { programme year } }
      ... on Member { ratings { year level cell { name } } }
    }
  }
`);

const CapBreaches = graphql(`
  query CapBreaches($unitId: ID!, $year: Int!, $capPercent: Int, $capBase: ExcellentCapBase) {
    excellentCapBreaches(unitId: $unitId, year: $year, capPercent: $capPercent, capBase: $capBase) {
      unit { name }
      excellent
      good
      capPercent
      capBase
      baseCount
      allowed
      excess
    }
  }
`);

const RecognitionRecord = graphql(`
  mutation RecognitionRecord($input: RecognitionRecordInput!) {
    recognitionRecord(input: $input) {
      __typename
      ... on RecognitionRecordSuccess { data { id programme year decisionNumber recognizedOn unit { name } } }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
      ... on ConflictError { field }
    }
  }
`);

const Recognitions = graphql(`
  query Recognitions($filter: RecognitionFilter) {
    recognitions(filter: $filter) {
      totalCount
      edges { node { programme year unit { name } } }
    }
  }
`);

type Level = 'EXCELLENT' | 'GOOD' | 'COMPLETED' | 'NOT_COMPLETED' | 'NOT_RATED' | 'LEGACY_CLEAN_STRONG_EXEMPLARY' | 'LEGACY_CLEAN_STRONG'
  | 'LEGACY_WEAK' | 'LEGACY_QUALIFIED_EXCELLENT' | 'LEGACY_QUALIFIED_GOOD' | 'LEGACY_QUALIFIED' | 'LEGACY_VIOLATION';

/** The fields a ValidationError names, or the typename of any other result. */
function failedFields(result: { __typename: string; issues?: { field: string }[] }): string[] | string {
  return result.__typename === 'ValidationError' ? (result.issues ?? []).map((issue) => issue.field) : result.__typename;
}

async function rateUnit(unitId: string, year: number, level: Level, extra: Record<string, unknown> = {}) {
  return (await run(UnitRate, { input: { unitId, year, level, ...extra } })).unitRate;
}

async function rateMember(memberId: string, year: number, level: Level, extra: Record<string, unknown> = {}) {
  return (await run(MemberRate, { input: { memberId, year, level, ...extra } })).memberRate;
}

async function unitRatingCount(filter: Record<string, unknown>) {
  return (await run(UnitRatings, { filter })).unitRatings.totalCount;
}

describe('unitRate', () => {
  it('rates a cell for a year with the defaults: YEAR, index 0, the rule version of the year', async () => {
    const tree = await createTree();
    const result = await rateUnit(tree.cellA.id, 2024, 'GOOD', {
      selfAssessedLevel: 'EXCELLENT',
      score: 88.5,
      decidedByUnitId: tree.commune.id,
      decidedOn: '2024-12-20',
    });
    expect(result).toMatchObject({
      __typename: 'UnitRateSuccess',
      data: {
        year: 2024,
        period: 'YEAR',
        periodIndex: 0,
        level: 'GOOD',
        selfAssessedLevel: 'EXCELLENT',
        score: 88.5,
        ruleVersion: 'QĐ 124-QĐ/TW (2023)',
        decidedBy: { name: 'Xã Hòa An' },
        unit: { name: 'Chi bộ ấp Hòa Đức' },
      },
    });
    const before2023 = await rateUnit(tree.cellA.id, 2020, 'EXCELLENT');
    expect(before2023).toMatchObject({ data: { ruleVersion: 'QĐ 132-QĐ/TW (2018)' } });
    const named = await rateUnit(tree.cellA.id, 2021, 'COMPLETED', { ruleVersion: 'HD 12-HD/TU' });
    expect(named).toMatchObject({ data: { ruleVersion: 'HD 12-HD/TU' } });
    const ratings = await run(RatingsOf, { id: tree.cellA.id });
    expect(ratings.node && 'ratings' in ratings.node && ratings.node.ratings.map((r) => r.year)).toEqual([2024, 2021, 2020]);
  });

  it('answers ConflictError for a second rating of the same unit and period, and keeps the first', async () => {
    const tree = await createTree();
    expect(await rateUnit(tree.cellB.id, 2023, 'GOOD')).toMatchObject({ __typename: 'UnitRateSuccess' });
    const second = await rateUnit(tree.cellB.id, 2023, 'EXCELLENT');
    expect(second).toMatchObject({ __typename: 'ConflictError', field: 'input.year' });
    expect(await unitRatingCount({ underUnitId: tree.cellB.id, year: 2023 })).toBe(1);
    const stored = await run(UnitRatings, { filter: { underUnitId: tree.cellB.id, year: 2023 } });
    expect(stored.unitRatings.edges[0]?.node.level).toBe('GOOD');
  });

  it('rates quarters separately (1–4) and refuses a quarter without its index or a year with one', async () => {
    const tree = await createTree();
    for (const quarter of [1, 2]) {
      expect(await rateUnit(tree.cellA.id, 2024, 'GOOD', { period: 'QUARTER', periodIndex: quarter })).toMatchObject({
        __typename: 'UnitRateSuccess',
        data: { period: 'QUARTER', periodIndex: quarter },
      });
    }
    expect(failedFields(await rateUnit(tree.cellA.id, 2024, 'GOOD', { period: 'QUARTER' }))).toEqual(['input.periodIndex']);
    expect(failedFields(await rateUnit(tree.cellA.id, 2024, 'GOOD', { period: 'QUARTER', periodIndex: 5 }))).toEqual(['input.periodIndex']);
    expect(failedFields(await rateUnit(tree.cellA.id, 2024, 'GOOD', { periodIndex: 2 }))).toEqual(['input.periodIndex']);
    expect(await rateUnit(tree.cellA.id, 2024, 'GOOD', { period: 'QUARTER', periodIndex: 2 })).toMatchObject({ __typename: 'ConflictError' });
    expect(await unitRatingCount({ underUnitId: tree.cellA.id, period: 'QUARTER' })).toBe(2);
  });

  it('takes the current levels from 2018 and only the organisation legacy levels before', async () => {
    const tree = await createTree();
    const cases: [number, Level, boolean][] = [
      [2018, 'EXCELLENT', true],
      [2019, 'NOT_COMPLETED', true],
      [2017, 'EXCELLENT', false],
      [2017, 'NOT_COMPLETED', false],
      [2019, 'LEGACY_CLEAN_STRONG', false],
      [2016, 'LEGACY_CLEAN_STRONG_EXEMPLARY', true],
      [2015, 'LEGACY_CLEAN_STRONG', true],
      [2014, 'GOOD', true], // hoàn thành tốt nhiệm vụ existed for organisations before 2018
      [2013, 'COMPLETED', true],
      [2012, 'LEGACY_WEAK', true],
      [2011, 'LEGACY_QUALIFIED_GOOD', false], // a member's level, not an organisation's
      [2010, 'LEGACY_VIOLATION', false],
    ];
    for (const [year, level, allowed] of cases) {
      const result = await rateUnit(tree.commune.id, year, level);
      if (allowed) expect(result.__typename, `${year} ${level}`).toBe('UnitRateSuccess');
      else expect(failedFields(result), `${year} ${level}`).toEqual(['input.level']);
    }
    expect(await unitRatingCount({ underUnitId: tree.commune.id, unitKind: 'GRASSROOTS' })).toBe(cases.filter((c) => c[2]).length);
    // The self-assessed and proposed levels follow the same rule.
    expect(failedFields(await rateUnit(tree.cellA.id, 2016, 'LEGACY_CLEAN_STRONG', { proposedLevel: 'EXCELLENT' }))).toEqual([
      'input.proposedLevel',
    ]);
    expect(await rateUnit(tree.cellA.id, 2017, 'LEGACY_CLEAN_STRONG')).toMatchObject({ data: { ruleVersion: 'Trước 2018 (TSVM)' } });
  });

  it('requires a reason if and only if the level is NOT_RATED', async () => {
    const tree = await createTree();
    expect(failedFields(await rateUnit(tree.cellA.id, 2024, 'NOT_RATED'))).toEqual(['input.notRatedReason']);
    expect(failedFields(await rateUnit(tree.cellA.id, 2024, 'NOT_RATED', { notRatedReason: '   ' }))).toEqual(['input.notRatedReason']);
    expect(failedFields(await rateUnit(tree.cellA.id, 2024, 'GOOD', { notRatedReason: 'Mới thành lập' }))).toEqual(['input.notRatedReason']);
    expect(await rateUnit(tree.cellA.id, 2024, 'NOT_RATED', { notRatedReason: 'Mới thành lập' })).toMatchObject({
      data: { level: 'NOT_RATED', notRatedReason: 'Mới thành lập' },
    });
  });

  it('rejects a decider that is not above the unit, unknown ids, scores outside 0–100 and an early decision, writing nothing', async () => {
    const tree = await createTree();
    const otherCommune = await createUnit({ name: 'Xã Tân Bình', kind: 'GRASSROOTS', parentId: tree.district.id });
    expect(failedFields(await rateUnit(tree.cellA.id, 2024, 'GOOD', { decidedByUnitId: otherCommune.id }))).toEqual(['input.decidedByUnitId']);
    expect(failedFields(await rateUnit(tree.cellA.id, 2024, 'GOOD', { decidedByUnitId: tree.cellA.id }))).toEqual(['input.decidedByUnitId']);
    expect(failedFields(await rateUnit(tree.cellA.id, 2024, 'GOOD', { decidedByUnitId: tree.cellB.id }))).toEqual(['input.decidedByUnitId']);
    expect(await rateUnit(tree.cellA.id, 2024, 'GOOD', { decidedByUnitId: 'VW5pdDo5OTk5OTk=' })).toMatchObject({
      __typename: 'NotFoundError',
      field: 'input.decidedByUnitId',
    });
    expect(await rateUnit('VW5pdDo5OTk5OTk=', 2024, 'GOOD')).toMatchObject({ __typename: 'NotFoundError', field: 'input.unitId' });
    expect(failedFields(await rateUnit('not-an-id', 2024, 'GOOD'))).toEqual(['input.unitId']);
    expect(failedFields(await rateUnit(tree.cellA.id, 2024, 'GOOD', { score: 100.5 }))).toEqual(['input.score']);
    expect(failedFields(await rateUnit(tree.cellA.id, 2024, 'GOOD', { decidedOn: '2023-12-31' }))).toEqual(['input.decidedOn']);
    expect(failedFields(await rateUnit(tree.cellA.id, 1900, 'GOOD'))).toEqual(['input.year']);
    expect(await unitRatingCount({ underUnitId: tree.cellA.id })).toBe(0);
  });
});

describe('unitRatingUpdate', () => {
  it('corrects the level and score, keeping what is not given', async () => {
    const tree = await createTree();
    const created = await rateUnit(tree.cellA.id, 2024, 'GOOD', { score: 80, ruleVersion: 'HD riêng' });
    if (created.__typename !== 'UnitRateSuccess') throw new Error('not rated');
    const { unitRatingUpdate } = await run(UnitRatingUpdate, { input: { id: created.data.id, level: 'EXCELLENT', score: 95 } });
    expect(unitRatingUpdate).toMatchObject({ data: { level: 'EXCELLENT', score: 95, ruleVersion: 'HD riêng' } });
    const reset = await run(UnitRatingUpdate, { input: { id: created.data.id, ruleVersion: null, score: null } });
    expect(reset.unitRatingUpdate).toMatchObject({ data: { score: null, ruleVersion: 'QĐ 124-QĐ/TW (2023)' } });
  });

  it('refuses a correction that breaks the rules, leaving the rating as it was', async () => {
    const tree = await createTree();
    const created = await rateUnit(tree.cellA.id, 2016, 'LEGACY_CLEAN_STRONG');
    if (created.__typename !== 'UnitRateSuccess') throw new Error('not rated');
    const cases = [
      [{ level: 'EXCELLENT' }, 'input.level'],
      [{ level: 'NOT_RATED' }, 'input.notRatedReason'],
      [{ decidedByUnitId: tree.cellB.id }, 'input.decidedByUnitId'],
    ] as const;
    for (const [change, field] of cases) {
      const { unitRatingUpdate } = await run(UnitRatingUpdate, { input: { id: created.data.id, ...change } });
      expect(failedFields(unitRatingUpdate)).toEqual([field]);
    }
    const stored = await run(RatingsOf, { id: tree.cellA.id });
    expect(stored.node && 'ratings' in stored.node && stored.node.ratings).toEqual([{ year: 2016, level: 'LEGACY_CLEAN_STRONG' }]);
    const missing = await run(UnitRatingUpdate, { input: { id: 'VW5pdFJhdGluZzo5OTk5OTk=', level: 'GOOD' } });
    expect(missing.unitRatingUpdate).toMatchObject({ __typename: 'NotFoundError', field: 'input.id' });
  });
});

describe('memberRate', () => {
  it('keeps the rating with the cell the member was in at the end of the year', async () => {
    const tree = await createTree();
    const member = await createMember('Nguyễn Văn An', [
      { cellId: tree.cellA.id, from: '2015-03-01', to: '2024-06-01' },
      { cellId: tree.cellB.id, from: '2024-06-01' },
    ]);
    expect(await rateMember(member, 2024, 'GOOD')).toMatchObject({
      __typename: 'MemberRateSuccess',
      data: { cell: { name: 'Chi bộ ấp 8' }, ruleVersion: 'QĐ 124-QĐ/TW (2023)' },
    });
    expect(await rateMember(member, 2023, 'EXCELLENT')).toMatchObject({ data: { cell: { name: 'Chi bộ ấp Hòa Đức' } } });
    const ratings = await run(RatingsOf, { id: member });
    expect(ratings.node && 'ratings' in ratings.node && ratings.node.ratings).toEqual([
      { year: 2024, level: 'GOOD', cell: { name: 'Chi bộ ấp 8' } },
      { year: 2023, level: 'EXCELLENT', cell: { name: 'Chi bộ ấp Hòa Đức' } },
    ]);
  });

  it('uses the last cell of the year for a member who left during it, and refuses a year they were in none', async () => {
    const tree = await createTree();
    const member = await createMember('Trần Thị Bình', [
      { cellId: tree.cellB.id, from: '2019-01-01', to: '2021-03-01' },
      { cellId: tree.cellA.id, from: '2021-03-01', to: '2021-09-15' },
    ]);
    expect(await rateMember(member, 2021, 'COMPLETED')).toMatchObject({ data: { cell: { name: 'Chi bộ ấp Hòa Đức' } } });
    expect(failedFields(await rateMember(member, 2022, 'GOOD'))).toEqual(['input.memberId']);
    expect(failedFields(await rateMember(member, 2018, 'GOOD'))).toEqual(['input.memberId']);
    expect(await rateMember('TWVtYmVyOjk5OTk5OQ==', 2021, 'GOOD')).toMatchObject({ __typename: 'NotFoundError', field: 'input.memberId' });
    const stored = await run(MemberRatings, { filter: { underUnitId: tree.commune.id } });
    expect(stored.memberRatings.edges.map((e) => [e.node.member.fullName, e.node.year])).toEqual([['Trần Thị Bình', 2021]]);
  });

  it('takes the member legacy levels before 2018 and the current ones from 2018', async () => {
    const tree = await createTree();
    const member = await createMember('Lê Văn Cường', [{ cellId: tree.cellA.id, from: '2010-01-01' }]);
    const cases: [number, Level, boolean][] = [
      [2016, 'LEGACY_QUALIFIED_EXCELLENT', true],
      [2015, 'LEGACY_QUALIFIED_GOOD', true],
      [2014, 'LEGACY_QUALIFIED', true],
      [2013, 'LEGACY_VIOLATION', true],
      [2017, 'GOOD', false],
      [2012, 'LEGACY_CLEAN_STRONG', false], // an organisation's level
      [2018, 'LEGACY_QUALIFIED_GOOD', false],
      [2018, 'EXCELLENT', true],
    ];
    for (const [year, level, allowed] of cases) {
      const result = await rateMember(member, year, level);
      if (allowed) expect(result.__typename, `${year} ${level}`).toBe('MemberRateSuccess');
      else expect(failedFields(result), `${year} ${level}`).toEqual(['input.level']);
    }
    const stored = await run(MemberRatings, { filter: { underUnitId: tree.cellA.id } });
    expect(stored.memberRatings.totalCount).toBe(cases.filter((c) => c[2]).length);
  });

  it('answers ConflictError for a second rating of the year and corrects one with memberRatingUpdate', async () => {
    const tree = await createTree();
    const member = await createMember('Phạm Văn Dũng', [{ cellId: tree.cellA.id, from: '2020-01-01' }]);
    const first = await rateMember(member, 2024, 'GOOD');
    if (first.__typename !== 'MemberRateSuccess') throw new Error('not rated');
    expect(await rateMember(member, 2024, 'EXCELLENT')).toMatchObject({ __typename: 'ConflictError', field: 'input.year' });
    const bad = await run(MemberRatingUpdate, { input: { id: first.data.id, level: 'LEGACY_QUALIFIED' } });
    expect(failedFields(bad.memberRatingUpdate)).toEqual(['input.level']);
    const fixed = await run(MemberRatingUpdate, { input: { id: first.data.id, level: 'NOT_RATED', notRatedReason: 'Miễn công tác' } });
    expect(fixed.memberRatingUpdate).toMatchObject({ data: { level: 'NOT_RATED', notRatedReason: 'Miễn công tác' } });
    const stored = await run(MemberRatings, { filter: { underUnitId: tree.cellA.id, year: 2024 } });
    expect(stored.memberRatings.edges.map((e) => e.node.level)).toEqual(['NOT_RATED']);
  });
});

describe('rating lists', () => {
  it('filters unit ratings by subtree, year, levels and kind, and pages through them', async () => {
    const tree = await createTree();
    const levels: Level[] = ['EXCELLENT', 'GOOD', 'COMPLETED'];
    const rated: { year: number; level: Level; unit: string }[] = [];
    for (const [index, unit] of [tree.cellA, tree.cellB, tree.commune].entries()) {
      for (const year of [2022, 2023]) {
        const level = levels[(index + year) % 3] ?? 'GOOD';
        await rateUnit(unit.id, year, level);
        rated.push({ year, level, unit: unit.name });
      }
    }
    const expectCount = (predicate: (r: (typeof rated)[number]) => boolean) => rated.filter(predicate).length;
    expect(await unitRatingCount({ underUnitId: tree.commune.id })).toBe(rated.length);
    expect(await unitRatingCount({ underUnitId: tree.commune.id, year: 2023 })).toBe(expectCount((r) => r.year === 2023));
    expect(await unitRatingCount({ underUnitId: tree.commune.id, levels: ['EXCELLENT', 'GOOD'] })).toBe(
      expectCount((r) => r.level === 'EXCELLENT' || r.level === 'GOOD'),
    );
    expect(await unitRatingCount({ underUnitId: tree.commune.id, unitKind: 'CELL' })).toBe(expectCount((r) => r.unit !== 'Xã Hòa An'));
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const result = await run(UnitRatings, { filter: { underUnitId: tree.commune.id }, first: 4, after });
      seen.push(...result.unitRatings.edges.map((e) => `${e.node.year} ${e.node.unit.name}`));
      after = result.unitRatings.pageInfo.hasNextPage ? (result.unitRatings.pageInfo.endCursor ?? undefined) : undefined;
    } while (after);
    // Newest year first, then units in Vietnamese order ("ấp 8" before "ấp Hòa Đức" before "Xã").
    expect(seen).toEqual([
      '2023 Chi bộ ấp 8',
      '2023 Chi bộ ấp Hòa Đức',
      '2023 Xã Hòa An',
      '2022 Chi bộ ấp 8',
      '2022 Chi bộ ấp Hòa Đức',
      '2022 Xã Hòa An',
    ]);
  });

  it('lists member ratings under a unit in Vietnamese order of given names', async () => {
    const tree = await createTree();
    const names = ['Nguyễn Văn Đức', 'Trần Thị Ánh', 'Lê Văn Dũng', 'Phạm Thị An'];
    for (const name of names) await rateMember(await createMember(name, [{ cellId: tree.cellA.id, from: '2020-01-01' }]), 2024, 'GOOD');
    const other = await createTree({ commune: 'Xã Khác' });
    await rateMember(await createMember('Võ Văn Bảo', [{ cellId: other.cellA.id, from: '2020-01-01' }]), 2024, 'GOOD');
    const result = await run(MemberRatings, { filter: { underUnitId: tree.commune.id, year: 2024, levels: ['GOOD'] } });
    expect(result.memberRatings.edges.map((e) => e.node.member.fullName)).toEqual(['Phạm Thị An', 'Trần Thị Ánh', 'Lê Văn Dũng', 'Nguyễn Văn Đức']);
  });
});

describe('excellentCapBreaches', () => {
  /** Rates `good` members GOOD and `excellent` members EXCELLENT in a cell for a year. */
  async function rateCell(cellId: string, year: number, good: number, excellent: number, prefix: string) {
    for (const id of await createMembers(cellId, good, `${prefix} tốt`)) await rateMember(id, year, 'GOOD');
    for (const id of await createMembers(cellId, excellent, `${prefix} xuất sắc`)) await rateMember(id, year, 'EXCELLENT');
  }

  it('reports the grassroots organisations where EXCELLENT exceeds 20% of the base, naming the reading, with allowed and excess', async () => {
    const province = await createUnit({ name: 'Tỉnh Lạng Sơn', kind: 'PROVINCE' });
    const district = await createUnit({ name: 'Huyện Lộc Bình', kind: 'DISTRICT', parentId: province.id });
    const over = await createUnit({ name: 'Xã Hữu Khánh', kind: 'GRASSROOTS', parentId: district.id });
    const within = await createUnit({ name: 'Xã Khánh Xuân', kind: 'GRASSROOTS', parentId: district.id });
    const overCells = [
      await createUnit({ name: 'Chi bộ thôn Bản Chu', kind: 'CELL', parentId: over.id }),
      await createUnit({ name: 'Chi bộ thôn Nà Pheo', kind: 'CELL', parentId: over.id }),
    ];
    const withinCell = await createUnit({ name: 'Chi bộ thôn Khòn Quan', kind: 'CELL', parentId: within.id });
    // A cell directly under the district is a grassroots organisation of its own (chi bộ cơ sở).
    const directCell = await createUnit({ name: 'Chi bộ Bảo hiểm xã hội', kind: 'CELL', category: 'AGENCY', parentId: district.id });

    const plan = [
      { grassroots: over, cell: overCells[0], good: 7, excellent: 2 },
      { grassroots: over, cell: overCells[1], good: 5, excellent: 1 }, // 12 GOOD, 3 EXCELLENT in Hữu Khánh
      { grassroots: within, cell: withinCell, good: 10, excellent: 2 },
      { grassroots: directCell, cell: directCell, good: 4, excellent: 1 },
    ];
    for (const [index, row] of plan.entries()) await rateCell(row.cell?.id ?? '', 2024, row.good, row.excellent, `Người ${index}`);
    // Another year's ratings do not count.
    await rateCell(withinCell.id, 2023, 0, 5, 'Năm trước');

    const expected = (capPercent: number, capBase: 'GOOD' | 'GOOD_OR_BETTER') => {
      const totals = new Map<string, { excellent: number; good: number }>();
      for (const row of plan) {
        const total = totals.get(row.grassroots.name) ?? { excellent: 0, good: 0 };
        totals.set(row.grassroots.name, { excellent: total.excellent + row.excellent, good: total.good + row.good });
      }
      return [...totals.entries()]
        .map(([name, { excellent, good }]) => {
          const baseCount = capBase === 'GOOD' ? good : good + excellent;
          const allowed = Math.floor((baseCount * capPercent) / 100);
          return { unit: { name }, excellent, good, capPercent, capBase, baseCount, allowed, excess: excellent - allowed };
        })
        .filter((row) => row.excess > 0)
        .sort((a, b) => new Intl.Collator('vi').compare(a.unit.name, b.unit.name));
    };

    const ofGood = await run(CapBreaches, { unitId: province.id, year: 2024, capBase: 'GOOD' });
    expect(ofGood.excellentCapBreaches).toEqual(expected(20, 'GOOD'));
    expect(ofGood.excellentCapBreaches).toEqual([
      { unit: { name: 'Chi bộ Bảo hiểm xã hội' }, excellent: 1, good: 4, capPercent: 20, capBase: 'GOOD', baseCount: 4, allowed: 0, excess: 1 },
      { unit: { name: 'Xã Hữu Khánh' }, excellent: 3, good: 12, capPercent: 20, capBase: 'GOOD', baseCount: 12, allowed: 2, excess: 1 },
    ]);
    // Taken of the good or better (the default), 1 of 5 and 3 of 15 are exactly 20%: within the cap.
    const atDefault = await run(CapBreaches, { unitId: province.id, year: 2024 });
    expect(atDefault.excellentCapBreaches).toEqual(expected(20, 'GOOD_OR_BETTER'));
    expect(atDefault.excellentCapBreaches).toEqual([]);
    const looser = await run(CapBreaches, { unitId: province.id, year: 2024, capPercent: 25, capBase: 'GOOD' });
    expect(looser.excellentCapBreaches).toEqual(expected(25, 'GOOD'));
    const stricter = await run(CapBreaches, { unitId: province.id, year: 2024, capPercent: 10 });
    expect(stricter.excellentCapBreaches).toEqual(expected(10, 'GOOD_OR_BETTER'));
    expect(stricter.excellentCapBreaches.length).toBeGreaterThan(0);
    const oneCommune = await run(CapBreaches, { unitId: within.id, year: 2024, capBase: 'GOOD' });
    expect(oneCommune.excellentCapBreaches).toEqual([]);
    const previousYear = await run(CapBreaches, { unitId: within.id, year: 2023 });
    expect(previousYear.excellentCapBreaches).toEqual([
      { unit: { name: 'Xã Khánh Xuân' }, excellent: 5, good: 0, capPercent: 20, capBase: 'GOOD_OR_BETTER', baseCount: 5, allowed: 1, excess: 4 },
    ]);
  });
});

describe('recognitionRecord', () => {
  it('records a recognition once per unit, programme and year', async () => {
    const tree = await createTree();
    const input = {
      unitId: tree.cellA.id,
      programme: 'FOUR_GOOD' as const,
      year: 2024,
      registeredOn: '2024-01-15',
      recognizedOn: '2025-01-10',
      decisionNumber: '125-QĐ/ĐU',
    };
    expect((await run(RecognitionRecord, { input })).recognitionRecord).toMatchObject({
      __typename: 'RecognitionRecordSuccess',
      data: { programme: 'FOUR_GOOD', year: 2024, decisionNumber: '125-QĐ/ĐU', unit: { name: 'Chi bộ ấp Hòa Đức' } },
    });
    expect((await run(RecognitionRecord, { input })).recognitionRecord).toMatchObject({ __typename: 'ConflictError', field: 'input.programme' });
    const early = await run(RecognitionRecord, { input: { ...input, year: 2023, recognizedOn: '2024-01-01' } });
    expect(failedFields(early.recognitionRecord)).toEqual(['input.recognizedOn']);
    const missing = await run(RecognitionRecord, { input: { ...input, unitId: 'VW5pdDo5OTk5OTk=' } });
    expect(missing.recognitionRecord).toMatchObject({ __typename: 'NotFoundError', field: 'input.unitId' });
    const listed = await run(Recognitions, { filter: { underUnitId: tree.commune.id } });
    expect(listed.recognitions.totalCount).toBe(1);
  });

  it('gives EXEMPLARY_ONE_YEAR only to a unit rated EXCELLENT that year', async () => {
    const tree = await createTree();
    await rateUnit(tree.cellA.id, 2024, 'GOOD');
    const refused = await run(RecognitionRecord, { input: { unitId: tree.cellA.id, programme: 'EXEMPLARY_ONE_YEAR', year: 2024 } });
    expect(refused.recognitionRecord).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.year' }] });
    expect(refused.recognitionRecord.__typename === 'ValidationError' && refused.recognitionRecord.message).toContain('2024 (GOOD)');
    await rateUnit(tree.cellB.id, 2024, 'EXCELLENT');
    const granted = await run(RecognitionRecord, { input: { unitId: tree.cellB.id, programme: 'EXEMPLARY_ONE_YEAR', year: 2024 } });
    expect(granted.recognitionRecord.__typename).toBe('RecognitionRecordSuccess');
    const listed = await run(Recognitions, { filter: { underUnitId: tree.commune.id, programme: 'EXEMPLARY_ONE_YEAR' } });
    expect(listed.recognitions.edges.map((e) => e.node.unit.name)).toEqual(['Chi bộ ấp 8']);
  });

  it('gives EXEMPLARY_FIVE_YEARS only after five EXCELLENT years running, naming the missing year', async () => {
    const tree = await createTree();
    // 2016–2017 under the legacy rules: trong sạch vững mạnh counts as EXCELLENT.
    await rateUnit(tree.commune.id, 2016, 'LEGACY_CLEAN_STRONG');
    await rateUnit(tree.commune.id, 2017, 'LEGACY_CLEAN_STRONG_EXEMPLARY');
    await rateUnit(tree.commune.id, 2018, 'EXCELLENT');
    await rateUnit(tree.commune.id, 2020, 'EXCELLENT');
    const input = { unitId: tree.commune.id, programme: 'EXEMPLARY_FIVE_YEARS' as const, year: 2020 };
    const refused = await run(RecognitionRecord, { input });
    expect(refused.recognitionRecord).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.year' }] });
    const message = refused.recognitionRecord.__typename === 'ValidationError' ? refused.recognitionRecord.message : '';
    expect(message).toContain('2019 (no yearly rating)');
    expect(message).not.toContain('2018 (');
    const stillNone = await run(Recognitions, { filter: { underUnitId: tree.commune.id } });
    expect(stillNone.recognitions.totalCount).toBe(0);

    const rated2019 = await rateUnit(tree.commune.id, 2019, 'GOOD');
    const stillRefused = await run(RecognitionRecord, { input });
    expect(stillRefused.recognitionRecord.__typename === 'ValidationError' && stillRefused.recognitionRecord.message).toContain('2019 (GOOD)');

    if (rated2019.__typename !== 'UnitRateSuccess') throw new Error('not rated');
    await run(UnitRatingUpdate, { input: { id: rated2019.data.id, level: 'EXCELLENT' } });
    const granted = await run(RecognitionRecord, { input: { ...input, decisionNumber: '300-QĐ/HU' } });
    expect(granted.recognitionRecord).toMatchObject({ __typename: 'RecognitionRecordSuccess', data: { year: 2020 } });
    const ofUnit = await run(RatingsOf, { id: tree.commune.id });
    expect(ofUnit.node && 'recognitions' in ofUnit.node && ofUnit.node.recognitions).toEqual([{ programme: 'EXEMPLARY_FIVE_YEARS', year: 2020 }]);
  });
});
