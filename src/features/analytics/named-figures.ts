// The named dashboard fields (cellRatingShares, meetingRegularity, …) as fixed requests to the
// measure engine: each figure of a field is a measure of the catalogue, so a named figure and
// the same measure asked of `measures` are one computation and cannot disagree.
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import { scopePredicate, snapshotRows, type FigureRow, type Figures, type SnapshotSource, type UnitLabel } from './analytics.service.js';
import { measureValue, type BaseName } from './measures/catalogue.js';
import { runMeasures, runMeasuresWithTotal, unitLabels, type MeasureRequest, type MeasureRow } from './measures/measure-query.js';
import { treeCtes } from './measures/unit-structure.js';

/** Each named field: its figures, each the measure it is. */
export const namedFields = {
  cellRatingShares: {
    cells: 'CELLS',
    rated: 'CELLS_RATED',
    missing: 'CELLS_RATING_MISSING',
    notRated: 'CELLS_NOT_RATED',
    excellent: 'CELLS_EXCELLENT',
    goodOrBetter: 'CELLS_GOOD_OR_BETTER',
    completed: 'CELLS_COMPLETED',
    notCompleted: 'CELLS_NOT_COMPLETED',
  },
  meetingRegularity: {
    cells: 'CELLS_DUE_TO_MEET',
    cellMonths: 'CELL_MONTHS',
    regularMonths: 'REGULAR_MONTHS',
    cellsEveryMonth: 'CELLS_EVERY_MONTH',
    thematic: 'THEMATIC_MEETINGS',
    meetings: 'MEETINGS',
    separate: 'SEPARATE_MEETINGS',
  },
  meetingAttendanceQuality: {
    meetings: 'MEETINGS',
    expected: 'EXPECTED_ATTENDANCE',
    present: 'PRESENT',
    excused: 'EXCUSED_ABSENCES',
    unexcused: 'UNEXCUSED_ABSENCES',
    scored: 'SCORED_MEETINGS',
    averageScore: 'AVERAGE_SCORE',
    atLeastThreshold: 'MEETINGS_AT_THRESHOLD',
    good: 'GOOD_MEETINGS',
    fair: 'FAIR_MEETINGS',
    average: 'AVERAGE_LEVEL_MEETINGS',
    poor: 'POOR_MEETINGS',
  },
  supervisionCoverage: {
    cells: 'CELLS',
    cellsVisited: 'CELLS_VISITED',
    visits: 'VISITS',
    meetingsVisited: 'VISITED_MEETINGS',
    meetings: 'MEETINGS',
    planItems: 'PLAN_ITEMS',
    planItemsHeld: 'PLAN_ITEMS_HELD',
  },
  admissionProgress: {
    admitted: 'ADMITTED',
    admittedIntoCells: 'ADMITTED_INTO_CELLS',
    women: 'ADMITTED_WOMEN',
    ethnicMinorities: 'ADMITTED_ETHNIC_MINORITIES',
    youthUnion: 'ADMITTED_YOUTH_UNION',
    aged18To30: 'ADMITTED_AGED_18_TO_30',
    membersAtStart: 'MEMBERS_AT_START',
    candidatesInProgress: 'CANDIDATES_IN_PROGRESS',
    candidatesDecided: 'CANDIDATES_DECIDED',
  },
} as const satisfies Record<string, Record<string, BaseName>>;
export type NamedField = keyof typeof namedFields;

/** A trend's figures a period, each the measure it is. */
export const trendFigures = {
  cellMonths: 'CELL_MONTHS',
  regularMonths: 'REGULAR_MONTHS',
  meetings: 'MEETINGS',
  expected: 'EXPECTED_ATTENDANCE',
  present: 'PRESENT',
  unexcused: 'UNEXCUSED_ABSENCES',
  scored: 'SCORED_MEETINGS',
  averageScore: 'AVERAGE_SCORE',
  good: 'GOOD_MEETINGS',
} as const satisfies Record<string, BaseName>;

export interface NamedQuestion {
  unit: UnitLabel;
  year: number;
  /** Group by the structure on this day (ISO date); today's when null. */
  structureOn: string | null;
  threshold?: number | null;
}

function figuresOf(spec: Record<string, BaseName>, row: MeasureRow | undefined): Figures {
  const measures = Object.values(spec);
  return Object.fromEntries(Object.keys(spec).map((key, index) => [key, row ? (row.values[index] ?? null) : measureValue(measures[index]!, {})]));
}

/** The request of a named field: its measures for each unit under the one asked for, and for its whole subtree. */
export function namedRequest(field: NamedField, question: Omit<NamedQuestion, 'unit'> & { unitId: number }): MeasureRequest {
  return {
    unitId: question.unitId,
    fromYear: question.year,
    toYear: question.year,
    measures: Object.values(namedFields[field]),
    dimensions: ['UNIT'],
    withTotal: true,
    structureOn: question.structureOn,
    threshold: question.threshold ?? null,
  };
}

/** The request of a trend: its measures by year, and by quarter or month. */
export function trendRequest(unitId: number, question: { fromYear: number; toYear: number; period: TrendPeriod; structureOn: string | null }): MeasureRequest {
  const dimensions = question.period === 'YEAR' ? (['YEAR'] as const) : question.period === 'QUARTER' ? (['YEAR', 'QUARTER'] as const) : (['YEAR', 'MONTH'] as const);
  return { unitId, fromYear: question.fromYear, toYear: question.toYear, measures: Object.values(trendFigures), dimensions, structureOn: question.structureOn };
}

/**
 * A named field's table: the unit asked for (its subtree) and each unit directly under it in
 * the structure asked for, in Vietnamese order — every one, with zeros where nothing counts.
 */
export async function namedTable(source: SnapshotSource, field: NamedField, question: NamedQuestion): Promise<{ total: FigureRow; children: FigureRow[] }> {
  const spec: Record<string, BaseName> = namedFields[field];
  const [{ total: totalRow, rows: byUnit }, children] = await Promise.all([
    runMeasuresWithTotal(source, namedRequest(field, { ...question, unitId: question.unit.unitId })),
    childUnits(source, question.unit.unitId, question.structureOn),
  ]);
  const rowOf = new Map(byUnit.map((row) => [row.unit?.unitId, row]));
  const total: FigureRow = { unit: { ...question.unit, isTotal: true }, figures: figuresOf(spec, totalRow) };
  const rows = children.map((unit): FigureRow => ({ unit, figures: figuresOf(spec, rowOf.get(unit.unitId)) }));
  if (field === 'admissionProgress') {
    const targets = await admissionTargets(source, [total, ...rows].map((row) => row.unit.unitId), question.year, question.structureOn);
    for (const row of [total, ...rows]) Object.assign(row.figures, targets.get(row.unit.unitId) ?? { ownTarget: null, targetsBelow: null });
  }
  return { total, children: rows };
}

/** The units directly under a unit in the structure asked for, within the viewer's subtree, in Vietnamese order. */
async function childUnits(source: SnapshotSource, unitId: number, structureOn: string | null): Promise<UnitLabel[]> {
  const scope = scopePredicate(source, 'u');
  const rows = await snapshotRows(
    `WITH RECURSIVE ${treeCtes(structureOn)}
     SELECT u.id FROM "OrgUnit" u
      WHERE u.id IN (SELECT ancestor_id FROM tree WHERE ancestor_parent_id = $unit_id AND ancestor_id <> $unit_id) AND ${scope.sql}`,
    source.snapshot,
    { unit_id: unitId, structure_on: structureOn, ...scope.params },
  );
  const labels = await unitLabels(source, rows.map((row) => Number(row.id)));
  return [...labels.values()]
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.unitId - b.unitId))
    .map(({ sortKey: _sortKey, ...unit }) => unit);
}

/**
 * Admission targets of a year for each group: its own, and those set below it added up without
 * counting one twice (a target set under a unit with a target of its own is part of that one).
 * A target is a plan, not a fact to add up, so it is read beside the measures.
 */
async function admissionTargets(source: SnapshotSource, groupIds: number[], year: number, structureOn: string | null) {
  const params: Record<string, DuckDBValue> = { groups: listValue(groupIds), year, structure_on: structureOn };
  // Today, a target stays where its unit stands in the snapshot's tree: a plan set for a unit
  // since merged away is not carried to its successor.
  const tree =
    structureOn === null
      ? `tree AS (SELECT ua.unit_id, ua.ancestor_id, a.depth AS ancestor_depth FROM unit_ancestor ua JOIN "OrgUnit" a ON a.id = ua.ancestor_id)`
      : treeCtes(structureOn);
  const rows = await snapshotRows(
    `WITH RECURSIVE ${tree},
     targets AS (SELECT "unitId" AS unit_id, target FROM "AdmissionTarget" WHERE year = $year)
     SELECT g.id AS group_id,
            (SELECT t.target FROM targets t WHERE t.unit_id = g.id) AS own_target,
            (SELECT sum(t.target) FROM targets t JOIN tree a ON a.unit_id = t.unit_id AND a.ancestor_id = g.id
              WHERE t.unit_id <> g.id
                AND NOT EXISTS (SELECT 1 FROM tree b JOIN targets bt ON bt.unit_id = b.ancestor_id
                                 WHERE b.unit_id = t.unit_id AND b.ancestor_id <> t.unit_id AND b.ancestor_id <> g.id
                                   AND b.ancestor_depth > a.ancestor_depth)) AS targets_below
       FROM (SELECT unnest($groups) AS id) g`,
    source.snapshot,
    params,
  );
  const number = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return new Map(rows.map((row) => [Number(row.group_id), { ownTarget: number(row.own_target), targetsBelow: number(row.targets_below) }]));
}

export type TrendPeriod = 'YEAR' | 'QUARTER' | 'MONTH';

/** A unit's trend: one point a period from fromYear to toYear, up to the snapshot's month, each a row of the measure engine. */
export async function namedTrend(
  source: SnapshotSource,
  unit: UnitLabel,
  question: { fromYear: number; toYear: number; period: TrendPeriod; structureOn: string | null },
): Promise<Figures[]> {
  const rows = await runMeasures(source, trendRequest(unit.unitId, question));
  const key = (year: number, part: number | null) => `${year}/${part}`;
  const found = new Map(rows.map((row) => [key(Number(row.keys[0]!.value), row.keys[1] ? Number(row.keys[1].value) : null), row]));
  const asOf = source.snapshot.asOf;
  const lastIndex = asOf.getUTCFullYear() * 12 + asOf.getUTCMonth();
  const points: Figures[] = [];
  const seen = new Set<string>();
  // Every month of the range up to the snapshot's makes its period's point, with or without figures.
  for (let year = question.fromYear; year <= question.toYear; year++) {
    for (let month = 1; month <= 12; month++) {
      if (year * 12 + month - 1 > lastIndex) break;
      const part = question.period === 'YEAR' ? null : question.period === 'QUARTER' ? Math.floor((month - 1) / 3) + 1 : month;
      if (seen.has(key(year, part))) continue;
      seen.add(key(year, part));
      points.push({
        year,
        quarter: question.period === 'QUARTER' ? part : null,
        month: question.period === 'MONTH' ? part : null,
        ...figuresOf(trendFigures, found.get(key(year, part))),
      });
    }
  }
  return points;
}
