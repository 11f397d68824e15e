// The general measure query against its oracle (test/support/measure-oracle.ts): every measure,
// broken down by each kind of dimension, filtered, and grouped by today's structure and by the
// structure before the 2025 commune merges.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wholeStore } from './support/store.js';
import { whenBuilt } from '../src/features/snapshots/snapshots.service.js';
import { globalId, localId } from '../src/graphql/ids.js';
import { seedProvince } from '../src/seed/seed-province.js';
import { graphql } from './generated/index.js';
import type { Dimension, Measure, MeetingKind, UnitCategory, UnitKind } from './generated/graphql.js';
import { execute, run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { loadFacts, oracleGrouping, oracleMeasures, share, type OracleFact } from './support/oracle.js';

const store = useFreshDatabase();
let snapshotDir: string;
let asOf: Date;
let provinceId: number;

const MeasuresQuery = graphql(`
  query MeasureTable(
    $unitId: ID!, $fromYear: Int!, $toYear: Int!, $measures: [Measure!]!, $dimensions: [Dimension!]!, $unitLevel: UnitKind,
    $structureOn: Date, $cellCategories: [UnitCategory!], $meetingKinds: [MeetingKind!], $threshold: Float
  ) {
    measures(
      unitId: $unitId, fromYear: $fromYear, toYear: $toYear, measures: $measures, dimensions: $dimensions, unitLevel: $unitLevel,
      structureOn: $structureOn, cellCategories: $cellCategories, meetingKinds: $meetingKinds, threshold: $threshold
    ) {
      snapshot { id asOf }
      measures { measure label kind }
      rows { label values keys { dimension value label } unit { id name } }
      total { values }
    }
  }
`);

beforeAll(async () => {
  snapshotDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-measures-'));
  process.env.CHIBO_SNAPSHOT_DIR = snapshotDir;
  await seedProvince(store.current(), { scale: 12, seed: 11 });
  const created = await run(
    graphql(`mutation MeasuresSnapshot { snapshotCreate(input: { label: "Chỉ tiêu" }) { ... on SnapshotCreateSuccess { data { id asOf } } } }`),
  );
  if (!('data' in created.snapshotCreate)) throw new Error('no snapshot');
  await whenBuilt(localId(created.snapshotCreate.data.id, 'Snapshot', 'id'));
  asOf = new Date(created.snapshotCreate.data.asOf as string);
  provinceId = (await wholeStore().orgUnit.findFirstOrThrow({ where: { parentId: null } })).id;
});
afterAll(async () => {
  await rm(snapshotDir, { recursive: true, force: true });
});

interface Ask {
  unitId?: number;
  fromYear: number;
  toYear: number;
  measures: Measure[];
  dimensions?: Dimension[];
  unitLevel?: UnitKind;
  structureOn?: string;
  cellCategories?: UnitCategory[];
  meetingKinds?: MeetingKind[];
  threshold?: number;
}

/** Asks the server, computes the same table with the oracle, and compares every row and value. */
async function compare(ask: Ask): Promise<number> {
  const rootId = ask.unitId ?? provinceId;
  const dims = ask.dimensions ?? [];
  const answer = await run(MeasuresQuery, {
    ...ask,
    unitId: globalId('Unit', rootId),
    dimensions: dims,
    structureOn: ask.structureOn ?? null,
    unitLevel: ask.unitLevel ?? null,
    cellCategories: ask.cellCategories ?? null,
    meetingKinds: ask.meetingKinds ?? null,
    threshold: ask.threshold ?? null,
  });
  const facts = await loadFacts(ask.fromYear, ask.toYear, asOf);
  const definitions = oracleMeasures(ask.threshold ?? 85);
  const byChild = dims.includes('UNIT') && !ask.unitLevel;
  const groupOf = await oracleGrouping(rootId, { byChild, ...(ask.structureOn ? { structureOn: new Date(`${ask.structureOn}T00:00:00Z`) } : {}) });
  const levelGroup = await levelGrouping(rootId, ask);

  const keep = (fact: OracleFact, family: string) =>
    (!ask.cellCategories || ask.cellCategories.includes(fact.cellCategory as UnitCategory)) &&
    (!ask.meetingKinds || family !== 'meetings' || ask.meetingKinds.includes(fact.meetingKind as MeetingKind));
  const groupFor = (unitId: number) => (ask.unitLevel ? levelGroup(unitId) : groupOf(unitId));
  // A transfer whose other end lies in the same group is no transfer of that group, whatever else it is broken down by.
  const withinGroup = (fact: OracleFact, family: string) =>
    family === 'transfers' && fact.otherUnitId != null && groupFor(Number(fact.otherUnitId)) === groupFor(fact.unitId);
  const keyOf = (fact: OracleFact): string | undefined => {
    const group = groupFor(fact.unitId);
    if (group === undefined) return undefined;
    return JSON.stringify(
      dims.map((d) => {
        const value =
          d === 'UNIT' ? group
          : d === 'YEAR' ? fact.year
          : d === 'TERM' ? (fact.year === undefined ? null : congressTerm(fact.year))
          : d === 'QUARTER' ? fact.quarter
          : d === 'MONTH' ? fact.month
          : d === 'CELL_CATEGORY' ? fact.cellCategory
          : d === 'MEETING_KIND' ? fact.meetingKind
          : d === 'QUALITY_LEVEL' ? fact.qualityLevel
          : d === 'RATING_LEVEL' ? fact.ratingLevel
          : d === 'WORKING_GROUP' ? fact.workingGroup
          : fact.candidateStage;
        return value === null || value === undefined ? null : String(value);
      }),
    );
  };
  const grouped = new Map<string, Record<string, OracleFact[]>>();
  for (const [family, rows] of Object.entries(facts)) {
    for (const fact of rows) {
      const key = keyOf(fact);
      if (key === undefined || !keep(fact, family) || withinGroup(fact, family)) continue;
      const entry = grouped.get(key) ?? {};
      (entry[family] ??= []).push(fact);
      grouped.set(key, entry);
    }
  }
  // A row a year covers one year; a row a term, the term's years within the span asked for;
  // otherwise every row covers the whole span asked for.
  const span = dims.includes('YEAR') ? undefined : { from: ask.fromYear, to: ask.toYear };
  const spanOf = (key: string) => {
    if (span === undefined || !dims.includes('TERM')) return span;
    const [opens, closes] = String(JSON.parse(key)[dims.indexOf('TERM')]).split('-').map(Number) as [number, number];
    return { from: Math.max(span.from, opens + 1), to: Math.min(span.to, closes) };
  };
  const valuesFor = (entry: Record<string, OracleFact[]> | undefined, over = span) =>
    ask.measures.map((m) => {
      const definition = definitions[m]!;
      return definition.value(new Proxy({} as Record<string, OracleFact[]>, { get: (_t, family: string) => entry?.[family] ?? [] }) as never, over);
    });

  const answered = new Map<string, (number | null)[]>();
  for (const row of answer.measures.rows) {
    const key = JSON.stringify(row.keys.map((k) => (k.dimension === 'UNIT' ? String(localId(k.value!, 'Unit', 'unit')) : k.value)));
    answered.set(key, row.values);
    expect(row.values, `row ${row.label}`).toEqual(valuesFor(grouped.get(key), spanOf(key)));
  }
  // Every combination the oracle found facts for (in the measures' families) is answered.
  const usedFamilies = new Set(ask.measures.flatMap((m) => definitions[m]!.families));
  for (const [key, entry] of grouped) {
    if (Object.keys(entry).some((family) => usedFamilies.has(family as never))) expect(answered.has(key), `missing row ${key}`).toBe(true);
  }
  // The total, nothing broken down.
  const all: Record<string, OracleFact[]> = {};
  for (const entry of grouped.values()) for (const [family, rows] of Object.entries(entry)) (all[family] ??= []).push(...rows);
  expect(answer.measures.total.values).toEqual(valuesFor(all, { from: ask.fromYear, to: ask.toYear }));
  return answer.measures.rows.length;
}

/**
 * The congress term a year's figures belong to, as the reports of each congress cover them:
 * congresses in 2010, 2015, 2020, 2025 and 2030, a term holding the years after its opening
 * congress up to its closing one.
 */
function congressTerm(year: number): string {
  const congresses = [2010, 2015, 2020, 2025, 2030];
  const closes = congresses.find((congress) => congress >= year && congress - 5 < year);
  if (closes === undefined) throw new Error(`no term for ${year}`);
  return `${closes - 5}-${closes}`;
}

/** With unitLevel: the topmost unit of that kind on the way up from a unit, in today's structure. */
async function levelGrouping(rootId: number, ask: Ask) {
  if (!ask.unitLevel) return () => undefined;
  const inSubtree = await oracleGrouping(rootId, { byChild: false });
  const units = await wholeStore().orgUnit.findMany();
  const byId = new Map(units.map((u) => [u.id, u]));
  const merges = await wholeStore().unitLineage.findMany({ where: { kind: 'MERGE' } });
  const root = byId.get(rootId)!;
  const isCellBase = (u: (typeof units)[number]) => u.kind === 'CELL' && ['DISTRICT', 'PROVINCE'].includes(byId.get(u.parentId ?? -1)?.kind ?? '');
  return (unitId: number): number | undefined => {
    if (inSubtree(unitId) === undefined) return undefined;
    let placed = unitId;
    for (let next = merges.find((m) => m.fromUnitId === placed); next; next = merges.find((m) => m.fromUnitId === placed)) placed = next.toUnitId;
    const candidates = [byId.get(unitId)!, ...byId.get(placed)!.path.split('/').filter(Boolean).map((id) => byId.get(Number(id))!)]
      .filter((u) => (u.kind === ask.unitLevel || (ask.unitLevel === 'GRASSROOTS' && isCellBase(u))) && u.depth >= root.depth)
      .sort((a, b) => a.depth - b.depth);
    return candidates[0]?.id ?? rootId;
  };
}

const allMeasures = Object.keys(oracleMeasures(85)) as Measure[];
/** The catalogue in requests of at most the 40 measures one request may ask for. */
const chunks = Array.from({ length: Math.ceil(allMeasures.length / 40) }, (_, i) => allMeasures.slice(i * 40, i * 40 + 40));

describe('the general measure query (oracle: the same figures from the store)', () => {
  it('answers every measure of the catalogue for the whole province and period', async () => {
    const catalogue = await run(graphql(`query Catalogue { measureCatalogue { measure label dimensions } }`));
    expect(new Set(catalogue.measureCatalogue.map((m) => m.measure))).toEqual(new Set(allMeasures));
    expect(catalogue.measureCatalogue.every((m) => m.label.length > 0)).toBe(true);
    for (const measures of chunks) await compare({ fromYear: 2021, toYear: 2026, measures });
  });

  it('breaks every measure down by the units under the province, in today’s structure', async () => {
    for (const measures of chunks) expect(await compare({ fromYear: 2024, toYear: 2025, measures, dimensions: ['UNIT'] })).toBeGreaterThan(1);
  });

  it('follows a district after its communes merged: grouped by the structure on 30 June 2025', async () => {
    const measures: Measure[] = ['CELLS', 'CELLS_GOOD_OR_BETTER_PERCENT', 'MEETINGS', 'REGULAR_PERCENT', 'ADMITTED', 'MEMBERS_AT_RISK'];
    await compare({ fromYear: 2021, toYear: 2026, measures, dimensions: ['UNIT', 'YEAR'], structureOn: '2025-06-30' });
    // The districts (abolished on 1 July 2025) still gather their cells' whole history that way.
    const district = await wholeStore().orgUnit.findFirstOrThrow({ where: { kind: 'DISTRICT' }, orderBy: { id: 'asc' } });
    const before = await run(MeasuresQuery, {
      unitId: globalId('Unit', district.id), fromYear: 2026, toYear: 2026, measures: ['CELLS'], dimensions: [], structureOn: '2025-06-30',
    });
    const today = await run(MeasuresQuery, { unitId: globalId('Unit', district.id), fromYear: 2026, toYear: 2026, measures: ['CELLS'], dimensions: [] });
    expect(before.measures.rows[0]!.values[0]).toBeGreaterThan(0);
    expect(today.measures.rows[0]!.values[0]).toBe(0);
    await compare({ unitId: district.id, fromYear: 2021, toYear: 2026, measures, dimensions: ['UNIT'], structureOn: '2025-06-30' });
  });

  it('breaks down by time, cell category, meeting kind, quality and rating level, working group and stage, with filters', async () => {
    await compare({ fromYear: 2024, toYear: 2025, measures: ['MEETINGS', 'ATTENDANCE_PERCENT', 'AVERAGE_SCORE', 'AT_THRESHOLD_PERCENT'], dimensions: ['YEAR', 'QUARTER'], threshold: 90 });
    await compare({ fromYear: 2025, toYear: 2025, measures: ['MEETINGS', 'UNEXCUSED_ABSENCES', 'VISITED_MEETINGS_PERCENT'], dimensions: ['MONTH', 'MEETING_KIND'] });
    await compare({ fromYear: 2023, toYear: 2025, measures: ['MEETINGS', 'PRESENT'], dimensions: ['QUALITY_LEVEL'], meetingKinds: ['THEMATIC', 'COMBINED'] });
    await compare({ fromYear: 2021, toYear: 2025, measures: ['CELLS', 'REGULAR_PERCENT', 'THEMATIC_PER_CELL_QUARTER'], dimensions: ['CELL_CATEGORY', 'YEAR'] });
    await compare({ fromYear: 2022, toYear: 2025, measures: ['CELLS', 'MEMBERS_RATED'], dimensions: ['RATING_LEVEL'], cellCategories: ['HAMLET', 'AGENCY'] });
    await compare({ fromYear: 2021, toYear: 2026, measures: ['VISITS'], dimensions: ['WORKING_GROUP', 'YEAR'] });
    await compare({ fromYear: 2021, toYear: 2026, measures: ['CANDIDATES'], dimensions: ['UNIT', 'CANDIDATE_STAGE'] });
    await compare({ fromYear: 2021, toYear: 2025, measures: ['RECOGNISED_CLEAN_STRONG', 'RECOGNISED_FOUR_GOOD', 'RECOGNISED_EXEMPLARY', 'CELLS_EXEMPLARY'], dimensions: ['UNIT', 'YEAR'] });
    const quality: Measure[] = ['CELLS_MEETINGS_SCORED', 'CELLS_MEETINGS_GOOD', 'CELLS_MEETINGS_FAIR', 'CELLS_MEETINGS_AVERAGE', 'CELLS_MEETINGS_POOR', 'CELLS_MEETINGS_GOOD_PERCENT', 'CELLS_MEETINGS_FAIR_PERCENT'];
    await compare({ fromYear: 2021, toYear: 2026, measures: quality, dimensions: ['UNIT', 'YEAR'] });
    const levels = await run(MeasuresQuery, { unitId: globalId('Unit', provinceId), fromYear: 2024, toYear: 2024, measures: quality, dimensions: [] });
    const [scoredCells, good, fair, average, poor] = levels.measures.total.values as number[];
    expect(scoredCells).toBeGreaterThan(0);
    expect(good! + fair! + average! + poor!, 'every cell with scored meetings has one level for the year').toBe(scoredCells);
    const changes: Measure[] = ['RECOGNISED_OFFICIAL', 'MEMBERS_GONE', 'MEMBERS_TRANSFERRED_OUT', 'MEMBERS_DECEASED', 'MEMBERS_REMOVED', 'MEMBERS_EXPELLED'];
    await compare({ fromYear: 2021, toYear: 2026, measures: changes, dimensions: ['UNIT', 'YEAR'] });
    await compare({ fromYear: 2024, toYear: 2024, measures: changes, dimensions: ['QUARTER', 'CELL_CATEGORY'] });
    const seen = await run(MeasuresQuery, { unitId: globalId('Unit', provinceId), fromYear: 2021, toYear: 2026, measures: changes, dimensions: [] });
    expect(seen.measures.total.values.slice(0, 2).every((value) => value! > 0), 'the seed records recognitions and departures').toBe(true);
  });

  it('counts the rows of the statistics forms: transfers by distance, leaving and restored, targets, the membership and organisations at a date, every rating level', async () => {
    const biểu1: Measure[] = [
      'MEMBERS_LEFT_PARTY', 'MEMBERS_RESTORED', 'MEMBERS_GONE', 'TRANSFERS_IN', 'TRANSFERS_IN_SAME_DISTRICT', 'TRANSFERS_IN_SAME_PROVINCE',
      'TRANSFERS_IN_OTHER_PROVINCE', 'TRANSFERS_OUT', 'TRANSFERS_OUT_SAME_DISTRICT', 'TRANSFERS_OUT_SAME_PROVINCE', 'TRANSFERS_OUT_OTHER_PROVINCE',
    ];
    // By the units under the province and by grassroots organisation: a move inside a group is no transfer of it.
    await compare({ fromYear: 2021, toYear: 2026, measures: biểu1, dimensions: ['UNIT', 'YEAR'] });
    await compare({ fromYear: 2022, toYear: 2025, measures: biểu1, dimensions: ['UNIT'], unitLevel: 'GRASSROOTS' });
    await compare({ fromYear: 2024, toYear: 2025, measures: biểu1, dimensions: ['QUARTER', 'CELL_CATEGORY'] });
    const district = await wholeStore().orgUnit.findFirstOrThrow({ where: { kind: 'DISTRICT' }, orderBy: { id: 'asc' } });
    await compare({ unitId: district.id, fromYear: 2021, toYear: 2025, measures: biểu1, dimensions: ['UNIT'], structureOn: '2025-06-30' });
    const flows = await run(MeasuresQuery, { unitId: globalId('Unit', provinceId), fromYear: 2021, toYear: 2026, measures: biểu1, dimensions: [] });
    const [left, restored, , transfersIn, , , inFromOutside, transfersOut, , , outOfProvince] = flows.measures.total.values as number[];
    expect([left, restored, transfersIn, inFromOutside, transfersOut, outOfProvince].every((value) => value! > 0), 'the seed records each').toBe(true);
    // Over the whole province, moves between its own cells cancel out: what is left came from or went outside.
    expect(transfersIn).toBe(inFromOutside! + (flows.measures.total.values[5] as number));

    const targets: Measure[] = ['ADMISSION_TARGET', 'ADMITTED', 'ADMITTED_OF_TARGET_PERCENT'];
    await compare({ fromYear: 2021, toYear: 2025, measures: targets, dimensions: ['UNIT', 'YEAR'] });
    await compare({ fromYear: 2023, toYear: 2025, measures: targets, dimensions: ['UNIT'], unitLevel: 'GRASSROOTS' });
    const stocks: Measure[] = [
      'MEMBERS_AT_END', 'MEMBERS_WOMEN', 'MEMBERS_ETHNIC_MINORITIES', 'MEMBERS_PROBATIONARY', 'MEMBERS_AGED_UP_TO_30', 'MEMBERS_AGED_31_TO_40',
      'MEMBERS_AGED_41_TO_50', 'MEMBERS_AGED_51_TO_60', 'MEMBERS_AGED_61_TO_70', 'MEMBERS_AGED_OVER_70',
      'GRASSROOTS_AT_START', 'GRASSROOTS_AT_END', 'GRASSROOTS_COMMITTEES_AT_START', 'GRASSROOTS_COMMITTEES_AT_END', 'GRASSROOTS_CELLS_AT_START',
      'GRASSROOTS_CELLS_AT_END', 'SUB_COMMITTEES_AT_START', 'SUB_COMMITTEES_AT_END', 'CELLS_UNDER_COMMITTEES_AT_START', 'CELLS_UNDER_COMMITTEES_AT_END',
      'CELLS_AT_START', 'CELLS_AT_END',
    ];
    await compare({ fromYear: 2021, toYear: 2026, measures: stocks, dimensions: ['UNIT', 'YEAR'] });
    await compare({ fromYear: 2021, toYear: 2025, measures: stocks, dimensions: ['CELL_CATEGORY'] });
    const term = await run(MeasuresQuery, { unitId: globalId('Unit', provinceId), fromYear: 2021, toYear: 2025, measures: stocks, dimensions: [] });
    const [members, , , , ...bands] = term.measures.total.values as number[];
    expect(bands.slice(0, 6).reduce((a, b) => a + b, 0), 'the age bands part the membership').toBe(members);
    const ratings: Measure[] = [
      'MEMBERS_COMPLETED', 'MEMBERS_NOT_RATED', 'MEMBERS_GOOD_PERCENT', 'MEMBERS_COMPLETED_PERCENT', 'MEMBERS_NOT_COMPLETED_PERCENT',
      'CELLS_GOOD', 'CELLS_GOOD_PERCENT', 'CELLS_COMPLETED_PERCENT', 'CELLS_NOT_COMPLETED_PERCENT',
    ];
    await compare({ fromYear: 2021, toYear: 2025, measures: ratings, dimensions: ['UNIT', 'YEAR'] });
  });

  it('reads a span of years as each measure’s kind says: a stock at its edge, a flow summed, a share recomputed', async () => {
    const kinds = await run(graphql(`query OverYears { measureCatalogue { measure overYears } }`));
    const overYears = Object.fromEntries(kinds.measureCatalogue.map((m) => [m.measure, m.overYears]));
    expect(overYears).toMatchObject({
      CELLS: 'END', MEMBERS_AT_START: 'START', MEMBERS_AT_END: 'END', ADMITTED: 'SUM', MEETINGS: 'SUM', CELLS_GOOD_OR_BETTER_PERCENT: 'RECOMPUTED', AVERAGE_SCORE: 'RECOMPUTED',
      TRANSFERS_IN: 'SUM', TRANSFERS_OUT_OTHER_PROVINCE: 'SUM', MEMBERS_LEFT_PARTY: 'SUM', MEMBERS_RESTORED: 'SUM', ADMISSION_TARGET: 'SUM',
      ADMITTED_OF_TARGET_PERCENT: 'RECOMPUTED', MEMBERS_WOMEN: 'END', MEMBERS_AGED_OVER_70: 'END', GRASSROOTS_AT_START: 'START', GRASSROOTS_AT_END: 'END',
      CELLS_AT_START: 'START', MEMBERS_COMPLETED_PERCENT: 'RECOMPUTED',
    });
    const measures: Measure[] = ['CELLS', 'MEMBERS_AT_START', 'MEMBERS_AT_END', 'ADMITTED', 'CELLS_GOOD_OR_BETTER', 'CELLS_RATED', 'CELLS_GOOD_OR_BETTER_PERCENT'];
    const ask = { unitId: globalId('Unit', provinceId), fromYear: 2021, toYear: 2025, measures };
    const term = await run(MeasuresQuery, { ...ask, dimensions: [] });
    const yearly = await run(MeasuresQuery, { ...ask, dimensions: ['YEAR'] });
    const at = (year: number, m: number) => yearly.measures.rows.find((row) => row.keys[0]!.value === String(year))!.values[m]!;
    const summed = (m: number) => yearly.measures.rows.reduce((sum, row) => sum + row.values[m]!, 0);
    const [cells, atStart, atEnd, admitted, goodOrBetter, rated, goodShare] = term.measures.total.values;
    expect(cells).toBe(at(2025, 0));
    expect(cells).toBeLessThan(summed(0));
    expect(atStart).toBe(at(2021, 1));
    expect(atEnd).toBe(at(2025, 2));
    expect(admitted).toBe(summed(3));
    expect([goodOrBetter, rated]).toEqual([summed(4), summed(5)]);
    expect(goodShare).toBe(share(summed(4), summed(5)));
    await compare({ ...ask, unitId: provinceId, dimensions: ['UNIT'] });
  });

  it('groups years into congress terms: "Nhiệm kỳ 2020–2025" holds 2021–2025, each measure read over the term as over years', async () => {
    // A span cutting three terms: 2019–2020, 2021–2025 and 2026 (candidates are today's, of no year).
    const termRows: number[] = [];
    for (const measures of chunks.map((chunk) => chunk.filter((m) => !m.startsWith('CANDIDATES')))) {
      termRows.push(await compare({ fromYear: 2019, toYear: 2026, measures, dimensions: ['TERM'] }));
    }
    expect(Math.max(...termRows), 'the seed has facts in two terms').toBeGreaterThan(1);
    const measures: Measure[] = ['CELLS', 'MEMBERS_AT_START', 'MEMBERS_AT_END', 'ADMITTED', 'CELLS_GOOD_OR_BETTER_PERCENT', 'AVERAGE_SCORE', 'THEMATIC_PER_CELL_QUARTER'];
    await compare({ fromYear: 2021, toYear: 2026, measures, dimensions: ['UNIT', 'TERM'] });
    await compare({ fromYear: 2018, toYear: 2026, measures, dimensions: ['TERM', 'CELL_CATEGORY'] });
    // The term's row is the span 2021–2025 asked for without dimensions.
    const ask = { unitId: globalId('Unit', provinceId), measures };
    const byTerm = await run(MeasuresQuery, { ...ask, fromYear: 2019, toYear: 2027, dimensions: ['TERM'] });
    const term = byTerm.measures.rows.find((row) => row.keys[0]!.value === '2020-2025')!;
    expect(term.label).toBe('Nhiệm kỳ 2020–2025');
    expect(term.keys[0]!.label).toBe('Nhiệm kỳ 2020–2025');
    const span = await run(MeasuresQuery, { ...ask, fromYear: 2021, toYear: 2025, dimensions: [] });
    expect(term.values).toEqual(span.measures.total.values);
    // A term alone is asked with its first and last year; the catalogue offers TERM where it offers YEAR.
    const catalogue = await run(graphql(`query TermCatalogue { measureCatalogue { measure dimensions } }`));
    for (const m of catalogue.measureCatalogue) expect(m.dimensions.includes('TERM'), m.measure).toBe(m.dimensions.includes('YEAR'));
  });

  it('groups by a level: EXCELLENT members against GOOD in each grassroots organisation (the 20% cap)', async () => {
    await compare({
      fromYear: 2024, toYear: 2025, measures: ['MEMBERS_EXCELLENT', 'MEMBERS_GOOD', 'MEMBERS_EXCELLENT_OF_GOOD_PERCENT', 'MEMBERS_EXCELLENT_OF_GOOD_OR_BETTER_PERCENT'],
      dimensions: ['UNIT', 'YEAR'], unitLevel: 'GRASSROOTS',
    });
  });

  it('compares units side by side: rank within the parent, share of its total, change against the period before', async () => {
    const children = await wholeStore().orgUnit.findMany({ where: { parentId: provinceId, validTo: null }, orderBy: { id: 'asc' } });
    const chosen = [children[0]!.id, children[children.length - 1]!.id, provinceId];
    const Comparison = graphql(`
      query Comparison($unitIds: [ID!]!, $measures: [Measure!]!, $year: Int!, $quarter: Int) {
        unitComparison(unitIds: $unitIds, measures: $measures, year: $year, quarter: $quarter) {
          year quarter
          units { unit { id } parent { id } figures { measure value previous change rank rankedAmong parentValue shareOfParent } }
        }
      }
    `);
    const periods: { year: number; quarter: number | null; measures: Measure[] }[] = [
      { year: 2025, quarter: null, measures: ['MEETINGS', 'ATTENDANCE_PERCENT', 'CELLS_GOOD_OR_BETTER_PERCENT', 'ADMITTED'] },
      { year: 2025, quarter: 1, measures: ['MEETINGS', 'ATTENDANCE_PERCENT', 'REGULAR_PERCENT', 'ADMITTED'] },
    ];
    for (const { measures, ...period } of periods) {
      const answer = await run(Comparison, { unitIds: chosen.map((id) => globalId('Unit', id)), measures, year: period.year, quarter: period.quarter });
      const before = period.quarter === 1 ? { year: 2024, quarter: 4 } : { year: 2024, quarter: null };
      const facts = await loadFacts(before.year, period.year, asOf);
      const definitions = oracleMeasures(85);
      const inPeriod = (p: { year: number; quarter: number | null }) => (f: OracleFact) =>
        f.year === p.year && (p.quarter === null || f.quarter === p.quarter);
      const valueOf = (measure: Measure, test: (f: OracleFact) => boolean, p: { year: number; quarter: number | null }) =>
        definitions[measure]!.value(
          Object.fromEntries(Object.entries(facts).map(([family, rows]) => [family, rows.filter((f) => test(f) && inPeriod(p)(f))])) as never,
        );
      const inProvince = await oracleGrouping(provinceId, { byChild: true });
      const inUnit = async (id: number) => {
        const group = await oracleGrouping(id, { byChild: false });
        return (f: OracleFact) => group(f.unitId) !== undefined;
      };
      for (const [i, id] of chosen.entries()) {
        const got = answer.unitComparison.units[i]!;
        expect(got.unit.id).toBe(globalId('Unit', id));
        const mine = await inUnit(id);
        for (const [m, measure] of measures.entries()) {
          const figure = got.figures[m]!;
          const value = valueOf(measure, mine, period);
          const previous = valueOf(measure, mine, before);
          expect(figure.value, `${measure} of ${id}`).toBe(value);
          expect(figure.previous).toBe(previous);
          expect(figure.change).toBe(value === null || previous === null ? null : Math.round((value - previous) * 100) / 100);
          if (id === provinceId) {
            expect(got.parent).toBeNull();
            expect(figure.rank).toBeNull();
            continue;
          }
          expect(got.parent?.id).toBe(globalId('Unit', provinceId));
          const siblingIds = [...new Set((await wholeStore().orgUnit.findMany()).map((u) => inProvince(u.id)).filter((g): g is number => g !== undefined && g !== provinceId))];
          const siblingValues = siblingIds.map((sid) => valueOf(measure, (f) => inProvince(f.unitId) === sid, period)).filter((v): v is number => v !== null);
          const parentValue = valueOf(measure, (f) => inProvince(f.unitId) !== undefined, period);
          expect(figure.rank).toBe(value === null ? null : 1 + siblingValues.filter((v) => v > value).length);
          expect(figure.parentValue).toBe(parentValue);
          if (measure === 'MEETINGS' || measure === 'ADMITTED') {
            expect(figure.shareOfParent).toBe(parentValue ? Math.round(((value ?? 0) * 1000) / parentValue) / 10 : null);
          } else {
            expect(figure.shareOfParent).toBeNull();
          }
        }
      }
    }
  });

  it('reports the grassroots organisations breaking the EXCELLENT cap as the store does', async () => {
    const Cap = graphql(`
      query CapOnSnapshotAndStore($unitId: ID!, $year: Int!, $cap: Int!, $base: ExcellentCapBase!) {
        excellentCapReport(unitId: $unitId, year: $year, capPercent: $cap, capBase: $base) {
          organisations capBase
          breaches { unit { id } excellent good baseCount allowed excess }
        }
        excellentCapBreaches(unitId: $unitId, year: $year, capPercent: $cap, capBase: $base) { unit { id } excellent good baseCount allowed excess }
      }
    `);
    const breaches = { GOOD: 0, GOOD_OR_BETTER: 0 };
    for (const year of [2023, 2024, 2025]) {
      for (const cap of [10, 20]) {
        for (const base of ['GOOD', 'GOOD_OR_BETTER'] as const) {
          const answer = await run(Cap, { unitId: globalId('Unit', provinceId), year, cap, base });
          const sorted = <T extends { unit: { id: string } }>(rows: T[]) => [...rows].sort((a, b) => a.unit.id.localeCompare(b.unit.id));
          expect(sorted(answer.excellentCapReport.breaches)).toEqual(sorted(answer.excellentCapBreaches));
          expect(answer.excellentCapReport.capBase).toBe(base);
          breaches[base] += answer.excellentCapBreaches.length;
          expect(answer.excellentCapReport.organisations).toBeGreaterThan(0);
        }
      }
    }
    expect(breaches.GOOD_OR_BETTER).toBeGreaterThan(0);
    // Of the GOOD alone is the stricter reading: it flags at least as many.
    expect(breaches.GOOD).toBeGreaterThanOrEqual(breaches.GOOD_OR_BETTER);
  });

  it('labels rows in Vietnamese and refuses what cannot be computed, naming the argument', async () => {
    const answer = await run(MeasuresQuery, {
      unitId: globalId('Unit', provinceId), fromYear: 2025, toYear: 2025, measures: ['CELLS_RATED'], dimensions: ['RATING_LEVEL'],
    });
    expect(answer.measures.measures[0]).toEqual({ measure: 'CELLS_RATED', label: 'Số chi bộ được xếp loại', kind: 'COUNT' });
    expect(answer.measures.rows.map((r) => r.label)).toContain('Hoàn thành tốt nhiệm vụ');

    const refused = async (ask: Partial<Ask>, field: string) => {
      const result = await execute(MeasuresQuery, {
        unitId: globalId('Unit', provinceId), fromYear: 2025, toYear: 2025, measures: ['MEETINGS'], dimensions: [], ...ask,
      });
      expect(result.errors?.[0]?.message, JSON.stringify(result.errors)).toContain(field);
    };
    await refused({ measures: ['CELLS'], dimensions: ['MEETING_KIND'] }, 'args.dimensions');
    await refused({ measures: ['CELLS'], meetingKinds: ['REGULAR'] }, 'args.meetingKinds');
    await refused({ unitLevel: 'GRASSROOTS' }, 'args.unitLevel');
    await refused({ fromYear: 2025, toYear: 2020 }, 'args.toYear');
    await refused({ measures: [] }, 'args.measures');
    await refused({ threshold: 140 }, 'args.threshold');
  });
});
