// The named dashboard fields are fixed requests to the measure engine: each takes structureOn,
// so a district abolished on 1 July 2025 still reports its cells for 2024 through every one of
// them, grouped by the structure on 30 June 2025. Checked against the measure oracle (the same
// measures computed in TypeScript from the store's rows) and against `measures` itself.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whenBuilt } from '../src/features/snapshots/snapshots.service.js';
import { namedFields, trendFigures } from '../src/features/analytics/named-figures.js';
import { globalId, localId } from '../src/graphql/ids.js';
import { seedProvince } from '../src/seed/seed-province.js';
import { graphql } from './generated/index.js';
import type { Measure } from './generated/graphql.js';
import { run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { loadFacts, oracleGrouping, oracleMeasures, type OracleFact } from './support/oracle.js';
import { wholeStore } from './support/store.js';

const store = useFreshDatabase();
const YEAR = 2024;
const BEFORE_MERGES = '2025-06-30';
let snapshotDir: string;
let asOf: Date;

beforeAll(async () => {
  snapshotDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-named-structure-'));
  process.env.CHIBO_SNAPSHOT_DIR = snapshotDir;
  await seedProvince(store.current(), { scale: 12, seed: 5 });
  const created = await run(
    graphql(`mutation NamedStructureSnapshot { snapshotCreate(input: { label: "Cấu trúc cũ" }) { ... on SnapshotCreateSuccess { data { id asOf } } } }`),
  );
  if (!('data' in created.snapshotCreate)) throw new Error('no snapshot');
  await whenBuilt(localId(created.snapshotCreate.data.id, 'Snapshot', 'id'));
  asOf = new Date(created.snapshotCreate.data.asOf as string);
});
afterAll(async () => {
  await rm(snapshotDir, { recursive: true, force: true });
});

const Named = graphql(`
  query NamedOnStructure($unitId: ID!, $year: Int!, $structureOn: Date) {
    cellRatingShares(unitId: $unitId, year: $year, structureOn: $structureOn) {
      total { unit { id kind } cells rated missing notRated excellent goodOrBetter completed notCompleted }
      children { unit { id } cells rated missing notRated excellent goodOrBetter completed notCompleted }
    }
    meetingRegularity(unitId: $unitId, year: $year, structureOn: $structureOn) {
      total { cells cellMonths regularMonths cellsEveryMonth thematic meetings separate }
      children { unit { id } cells cellMonths regularMonths cellsEveryMonth thematic meetings separate }
    }
    meetingAttendanceQuality(unitId: $unitId, year: $year, structureOn: $structureOn) {
      total { meetings expected present excused unexcused scored averageScore atLeastThreshold good fair average poor }
      children { unit { id } meetings expected present excused unexcused scored averageScore atLeastThreshold good fair average poor }
    }
    supervisionCoverage(unitId: $unitId, year: $year, structureOn: $structureOn) {
      total { cells cellsVisited visits meetingsVisited meetings planItems planItemsHeld }
      children { unit { id } cells cellsVisited visits meetingsVisited meetings planItems planItemsHeld }
    }
    admissionProgress(unitId: $unitId, year: $year, structureOn: $structureOn) {
      total { admitted admittedIntoCells women ethnicMinorities youthUnion aged18To30 membersAtStart candidatesInProgress candidatesDecided }
      children { unit { id } admitted admittedIntoCells women ethnicMinorities youthUnion aged18To30 membersAtStart candidatesInProgress candidatesDecided }
    }
    meetingTrend(unitId: $unitId, fromYear: $year, toYear: $year, period: YEAR, structureOn: $structureOn) {
      points { year cellMonths regularMonths meetings expected present unexcused scored averageScore good }
    }
  }
`);

const Measures = graphql(`
  query NamedAgainstMeasures($unitId: ID!, $year: Int!, $structureOn: Date, $measures: [Measure!]!) {
    measures(unitId: $unitId, fromYear: $year, toYear: $year, measures: $measures, dimensions: [UNIT], structureOn: $structureOn) {
      rows { unit { id } values named { measure value } }
      total { values }
    }
  }
`);

/** The oracle's value of each figure of a field, for each group of the district (its own id for the total). */
async function oracleTables(districtId: number, spec: Record<string, string>) {
  const facts = await loadFacts(YEAR, YEAR, asOf);
  const definitions = oracleMeasures(85);
  const structureOn = new Date(`${BEFORE_MERGES}T00:00:00Z`);
  const byChild = await oracleGrouping(districtId, { byChild: true, structureOn });
  const inTree = await oracleGrouping(districtId, { byChild: false, structureOn });
  const valuesOf = (test: (fact: OracleFact) => boolean) => {
    const rows = Object.fromEntries(Object.entries(facts).map(([family, list]) => [family, list.filter(test)]));
    return Object.fromEntries(Object.entries(spec).map(([figure, measure]) => [figure, definitions[measure]!.value(rows as never)]));
  };
  return {
    total: valuesOf((fact) => inTree(fact.unitId) !== undefined),
    child: (childId: number) => valuesOf((fact) => byChild(fact.unitId) === childId),
    groupsWithFacts: new Set(Object.values(facts).flat().map((fact) => byChild(fact.unitId)).filter((g): g is number => g !== undefined)),
  };
}

describe('every named field takes structureOn, as a fixed request to the measure engine', () => {
  it('a district abolished in 2025 reports its cells for 2024 through every named field, as the oracle does', async () => {
    const district = await wholeStore().orgUnit.findFirstOrThrow({ where: { kind: 'DISTRICT' }, orderBy: { id: 'asc' } });
    expect(district.validTo, 'the seeded districts are abolished in 2025').not.toBeNull();
    const unitId = globalId('Unit', district.id);

    const today = await run(Named, { unitId, year: YEAR, structureOn: null });
    expect(today.cellRatingShares.total.cells, 'today the district has no cells under it').toBe(0);
    expect(today.cellRatingShares.total.unit.kind).toBe('DISTRICT');

    const before = await run(Named, { unitId, year: YEAR, structureOn: BEFORE_MERGES });
    expect(before.cellRatingShares.total.cells).toBeGreaterThan(0);
    expect(before.meetingRegularity.total.cellMonths).toBeGreaterThan(0);
    expect(before.meetingAttendanceQuality.total.meetings).toBeGreaterThan(0);
    expect(before.supervisionCoverage.total.cells).toBe(before.cellRatingShares.total.cells);
    expect(before.admissionProgress.total.membersAtStart).toBeGreaterThan(0);
    expect(before.cellRatingShares.children.length).toBeGreaterThan(0);

    for (const field of Object.keys(namedFields) as (keyof typeof namedFields)[]) {
      const spec = namedFields[field];
      const oracle = await oracleTables(district.id, spec);
      const answer = before[field];
      const pick = (row: Record<string, unknown>) => Object.fromEntries(Object.keys(spec).map((figure) => [figure, row[figure]]));
      expect(pick(answer.total), `${field} total`).toEqual(oracle.total);
      const answeredChildren = new Set(answer.children.map((row) => localId(row.unit.id, 'Unit', 'unit')));
      for (const row of answer.children) expect(pick(row), `${field} of ${row.unit.id}`).toEqual(oracle.child(localId(row.unit.id, 'Unit', 'unit')));
      for (const group of oracle.groupsWithFacts) if (group !== district.id) expect(answeredChildren.has(group), `${field}: a row for unit ${group}`).toBe(true);

      // And `measures` answers the same figures: one engine.
      const asked = await run(Measures, { unitId, year: YEAR, structureOn: BEFORE_MERGES, measures: Object.values(spec) as Measure[] });
      expect(Object.fromEntries(Object.keys(spec).map((figure, i) => [figure, asked.measures.total.values[i]]))).toEqual(pick(answer.total));
      for (const row of asked.measures.rows.filter((r) => r.unit && answeredChildren.has(localId(r.unit.id, 'Unit', 'unit')))) {
        const named = answer.children.find((c) => c.unit.id === row.unit!.id)!;
        expect(Object.fromEntries(row.named.map((v, i) => [Object.keys(spec)[i], v.value]))).toEqual(pick(named));
        expect(row.named.map((v) => v.measure)).toEqual(Object.values(spec));
      }
    }

    const trend = await oracleTables(district.id, trendFigures);
    expect(before.meetingTrend.points).toEqual([{ year: YEAR, ...trend.total }]);
  });
});
