// The general measure query: measures × dimensions × filters × period on a snapshot. Each
// family of facts the measures need is aggregated in one DuckDB statement, grouped by the
// dimensions asked for; the families' rows are then joined on their dimension values and the
// derived measures (shares, ratios) computed from them.
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import { ValidationError, type FieldIssue } from '../../../errors.js';
import { message } from '../../../text/messages.js';
import type { MeetingKind, UnitCategory, UnitKind } from '../../../generated/prisma/client.js';
import { scopePredicate, snapshotRows, sqlFile, type SnapshotSource, type UnitLabel } from '../analytics.service.js';
import {
  baseMeasures,
  baseMeasuresOf,
  dimensionSql,
  families,
  measureInfo,
  measureValue,
  stockSql,
  type BaseName,
  type Dimension,
  type Family,
  type FamilyName,
  type Measure,
} from './catalogue.js';
import { levelMatch, treeCtes } from './unit-structure.js';

export interface MeasureRequest {
  unitId: number;
  fromYear: number;
  toYear: number;
  measures: readonly Measure[];
  dimensions: readonly Dimension[];
  /** With the UNIT dimension: group by the units of this kind instead of the children. */
  unitLevel?: UnitKind | null;
  /** Group by the structure on this day (ISO date) instead of today's. */
  structureOn?: string | null;
  cellCategories?: readonly UnitCategory[] | null;
  meetingKinds?: readonly MeetingKind[] | null;
  threshold?: number | null;
  /**
   * With UNIT as the only dimension: the whole subtree's row too, aggregated by the same
   * statements (grouping sets) rather than by a second request that reads the facts again.
   */
  withTotal?: boolean;
}

/** A dimension's value in one row: the key the rows are joined on, and a label for people. */
export interface DimensionValue {
  dimension: Dimension;
  value: string | number | null;
  label: string | null;
}

export interface MeasureRow {
  /** The unit a row falls under, with the UNIT dimension. */
  unit: UnitLabel | null;
  keys: DimensionValue[];
  values: (number | null)[];
}

export const MAX_MEASURES = 40;
export const MAX_YEARS = 30;

/** Checks a request against the catalogue; every problem names its argument. */
export function checkMeasureRequest(request: MeasureRequest): void {
  const problems: FieldIssue[] = [];
  if (request.measures.length === 0) problems.push({ field: 'args.measures', message: message('ASK_ONE_MEASURE') });
  if (request.measures.length > MAX_MEASURES) problems.push({ field: 'args.measures', message: message('ASK_FEWER_MEASURES', { max: MAX_MEASURES }) });
  if (new Set(request.measures).size !== request.measures.length) problems.push({ field: 'args.measures', message: message('NAMED_TWICE', { what: 'measure' }) });
  if (new Set(request.dimensions).size !== request.dimensions.length) problems.push({ field: 'args.dimensions', message: message('NAMED_TWICE', { what: 'dimension' }) });
  if (request.toYear < request.fromYear || request.toYear - request.fromYear >= MAX_YEARS) {
    problems.push({ field: 'args.toYear', message: message('YEAR_SPAN', { from: 'fromYear', max: MAX_YEARS }) });
  }
  if (request.unitLevel && !request.dimensions.includes('UNIT')) {
    problems.push({ field: 'args.unitLevel', message: message('UNIT_LEVEL_NEEDS_UNIT') });
  }
  if (request.withTotal && (request.dimensions.length !== 1 || request.dimensions[0] !== 'UNIT')) {
    problems.push({ field: 'args.dimensions', message: message('TOTAL_NEEDS_UNIT_ONLY') });
  }
  if (request.threshold != null && !(request.threshold >= 0 && request.threshold <= 100)) {
    problems.push({ field: 'args.threshold', message: message('SCORE_RANGE') });
  }
  for (const measure of request.measures) {
    const supported = measureInfo(measure).dimensions;
    for (const dimension of request.dimensions.filter((d) => !supported.includes(d))) {
      problems.push({ field: 'args.dimensions', message: message('NOT_BY_DIMENSION', { measure, dimension, supported: supported.join(', ') }) });
    }
    if (request.meetingKinds?.length && baseMeasuresOf([measure]).some((base) => baseMeasures[base].family !== 'meetings')) {
      problems.push({ field: 'args.meetingKinds', message: message('MEETING_MEASURES_ONLY', { measure }) });
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);
}

/** Numbers for units and periods (DuckDB may hand big integers over as text), text for the rest. */
function dimensionValue(dimension: Dimension, value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  return ['UNIT', 'YEAR', 'QUARTER', 'MONTH'].includes(dimension) ? Number(value) : String(value);
}

const fixed = (value: unknown) => (value === null || value === undefined ? null : typeof value === 'number' ? value : Number(value));

/**
 * The statements a request runs on a snapshot, one a family of facts, with the parameters they
 * bind: what runMeasures reads, and what the bench times as the engine's floor.
 */
export async function measureStatements(
  source: SnapshotSource,
  request: MeasureRequest,
): Promise<{ params: Record<string, DuckDBValue>; statements: { family: FamilyName; names: BaseName[]; sql: string }[] }> {
  checkMeasureRequest(request);
  const asOf = source.snapshot.asOf;
  const scope = scopePredicate(source, 'scoped');
  const params: Record<string, DuckDBValue> = {
    ...scope.params,
    unit_id: request.unitId,
    from_year: request.fromYear,
    to_year: request.toYear,
    last_month_index: asOf.getUTCFullYear() * 12 + asOf.getUTCMonth(),
    threshold: request.threshold ?? 85,
    unit_level: request.unitLevel ?? null,
    structure_on: request.structureOn ?? null,
    cell_categories: request.cellCategories?.length ? listValue([...request.cellCategories]) : null,
    meeting_kinds: request.meetingKinds?.length ? listValue([...request.meetingKinds]) : null,
  };
  const bases = baseMeasuresOf(request.measures);
  const byFamily = new Map<FamilyName, BaseName[]>();
  for (const base of bases) byFamily.set(baseMeasures[base].family, [...(byFamily.get(baseMeasures[base].family) ?? []), base]);
  const statements = await Promise.all([...byFamily].map(async ([family, names]) => ({ family, names, sql: await familySql(source, family, names, request) })));
  return { params, statements };
}

/** Runs a checked request on a snapshot: one row per combination of dimension values found. */
export async function runMeasures(source: SnapshotSource, request: MeasureRequest): Promise<MeasureRow[]> {
  return (await measureRows(source, { ...request, withTotal: false })).rows;
}

/** A request by UNIT alone, with the whole subtree's row from the same statements (undefined when nothing counts). */
export async function runMeasuresWithTotal(source: SnapshotSource, request: MeasureRequest): Promise<{ total: MeasureRow | undefined; rows: MeasureRow[] }> {
  return measureRows(source, { ...request, withTotal: true });
}

async function measureRows(source: SnapshotSource, request: MeasureRequest): Promise<{ total: MeasureRow | undefined; rows: MeasureRow[] }> {
  const { snapshot } = source;
  const { params, statements } = await measureStatements(source, request);
  const rows = new Map<string, { keys: DimensionValue[]; base: Partial<Record<BaseName, number | null>>; stocks: Partial<Record<BaseName, number | null>> }>();
  for (const { names, sql } of statements) {
    for (const raw of await snapshotRows(sql, snapshot, params)) {
      const keys = request.dimensions.map((dimension): DimensionValue => ({
        dimension,
        value: dimensionValue(dimension, dimension === 'UNIT' ? raw.d_unit : raw[`d_${dimension.toLowerCase()}`]),
        label: dimension === 'WORKING_GROUP' ? ((raw.d_working_group_label as string | null) ?? null) : null,
      }));
      const key = JSON.stringify(keys.map((k) => k.value));
      const row = rows.get(key) ?? { keys, base: {}, stocks: {} };
      for (const name of names) {
        row.base[name] = fixed(raw[name]);
        if (raw[`${name}@span`] !== undefined) row.stocks[name] = fixed(raw[`${name}@span`]);
      }
      rows.set(key, row);
    }
  }
  for (const keys of await emptyRows(source, request, params)) {
    const key = JSON.stringify(keys.map((k) => k.value));
    if (!rows.has(key)) rows.set(key, { keys, base: {}, stocks: {} });
  }
  const valuesOf = ({ base, stocks }: { base: Partial<Record<BaseName, number | null>>; stocks: Partial<Record<BaseName, number | null>> }) =>
    request.measures.map((measure) => measureValue(measure, base, stocks));
  // The grouping set of the whole subtree has no unit (every unit row has one: its group or the unit asked for).
  const totalKey = JSON.stringify([null]);
  const totalRow = request.withTotal ? rows.get(totalKey) : undefined;
  if (request.withTotal) rows.delete(totalKey);
  const units = await unitLabels(source, [...rows.values()].flatMap((row) => row.keys.filter((k) => k.dimension === 'UNIT').map((k) => Number(k.value))));
  // Grouped by another day's structure, a group may since have left the viewer's subtree: it
  // is not theirs to name, and its row stays out (the total still counts its facts).
  const outside = (keys: DimensionValue[]) => keys.some((k) => k.dimension === 'UNIT' && !units.has(Number(k.value)));
  return {
    total: totalRow && { unit: null, keys: [], values: valuesOf(totalRow) },
    rows: [...rows.values()]
      .filter(({ keys }) => !outside(keys))
      .map((row) => ({ unit: unitOf(row.keys, units), keys: row.keys, values: valuesOf(row) }))
      .sort((a, b) => compareRows(a, b, units)),
  };
}

/** The statement that aggregates one family's facts by the dimensions asked for. */
async function familySql(source: SnapshotSource, family: FamilyName, names: readonly BaseName[], request: MeasureRequest): Promise<string> {
  const dimensionSelects = request.dimensions.flatMap((dimension) => {
    if (dimension === 'UNIT') return ['group_id AS d_unit'];
    const sql = dimensionSql[dimension];
    const name = `d_${dimension.toLowerCase()}`;
    return [`${sql.value} AS ${name}`, ...(sql.label ? [`any_value(${sql.label}) AS ${name}_label`] : [])];
  });
  const aggregates = names.map((name) => `${baseMeasures[name].sql} AS "${name}"`);
  // Without a row a year, a stock is also counted at its edge of the span (of each term's part of it, by TERM).
  if (!request.dimensions.includes('YEAR')) {
    for (const name of names) {
      const sql = stockSql(name, request.dimensions.includes('TERM'));
      if (sql) aggregates.push(`${sql} AS "${name}@span"`);
    }
  }
  const scope = scopePredicate(source, 'scoped');
  const filters = [
    // The viewer's subtree, bound as a parameter: a structure of another date cannot reach past it.
    scope.params.scope_unit_id === undefined ? null : `f.unit_id IN (SELECT scoped.id FROM "OrgUnit" scoped WHERE ${scope.sql})`,
    request.cellCategories?.length ? 'f.cell_category IN (SELECT unnest($cell_categories))' : null,
    request.meetingKinds?.length && family === 'meetings' ? 'f.meeting_kind IN (SELECT unnest($meeting_kinds))' : null,
  ].filter((filter): filter is string => filter !== null);
  const byUnit = request.dimensions.includes('UNIT');
  const group = !byUnit
    ? { join: '', expr: '$unit_id' }
    : request.unitLevel
      ? {
          // The topmost unit of the level; for a unit merged away, its own before its successor's.
          join: `LEFT JOIN (SELECT unit_id, arg_min(ancestor_id, [ancestor_depth, CAST(ancestor_id <> unit_id AS INTEGER)]) AS group_id FROM tree
                             WHERE ${levelMatch}
                               AND ancestor_depth >= (SELECT ancestor_depth FROM tree WHERE unit_id = $unit_id AND ancestor_id = $unit_id)
                             GROUP BY unit_id) g ON g.unit_id = f.unit_id`,
          expr: 'coalesce(g.group_id, $unit_id)',
        }
      : {
          // A unit merged away stands both under its own parent and in its successor's place:
          // its facts count once, in its own row when it has one.
          join: `LEFT JOIN (SELECT unit_id, arg_min(ancestor_id, CAST(ancestor_id <> unit_id AS INTEGER)) AS group_id FROM tree
                             WHERE ancestor_parent_id = $unit_id GROUP BY unit_id) g ON g.unit_id = f.unit_id`,
          expr: 'coalesce(g.group_id, $unit_id)',
        };
  const inGroup = (families[family] as Family).inGroup;
  const groupBy = dimensionSelects.filter((select) => !select.startsWith('any_value(')).map((select) => select.slice(select.lastIndexOf(' AS ') + 4));
  return `WITH RECURSIVE
  facts AS (${await sqlFile('measures', families[family].file)}),
  ${treeCtes(request.structureOn ?? null)},
  placed AS (
    SELECT ${group.expr} AS group_id, f.*
      FROM facts f
      JOIN tree m ON m.unit_id = f.unit_id AND m.ancestor_id = $unit_id
      ${group.join}
     ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''}
  )
SELECT ${[...dimensionSelects, ...aggregates].join(', ')}
  FROM placed
 ${inGroup ? `WHERE ${inGroup}` : ''}
 ${!groupBy.length ? '' : request.withTotal ? `GROUP BY GROUPING SETS ((${groupBy.join(', ')}), ())` : `GROUP BY ${groupBy.join(', ')}`}`;
}

/**
 * Rows that appear even with nothing to count: the total when nothing is broken down, and each
 * unit of the grouping when only UNIT is, so a table lists every unit (a zero is a figure too).
 */
async function emptyRows(source: SnapshotSource, request: MeasureRequest, params: Record<string, DuckDBValue>): Promise<DimensionValue[][]> {
  if (request.dimensions.length === 0) return [[]];
  if (request.dimensions.length > 1 || request.dimensions[0] !== 'UNIT') return [];
  const existed = `u."validFrom" <= make_date($to_year, 12, 31) AND (u."validTo" IS NULL OR u."validTo" >= make_date($from_year, 1, 1))`;
  const today = request.structureOn ? '' : 'AND NOT EXISTS (SELECT 1 FROM unit_successor s WHERE s.unit_id = u.id)';
  const which = request.unitLevel
    ? `t.ancestor_id = $unit_id AND u.id IN (SELECT ancestor_id FROM tree WHERE ${levelMatch})`
    : `(u.id IN (SELECT ancestor_id FROM tree WHERE ancestor_parent_id = $unit_id) AND t.ancestor_id = $unit_id)`;
  const sql = `WITH RECURSIVE ${treeCtes(request.structureOn ?? null)}
    SELECT DISTINCT u.id FROM tree t JOIN "OrgUnit" u ON u.id = t.unit_id
     WHERE ${which} AND ${existed} ${today} AND ${scopePredicate(source, 'u').sql}`;
  const rows = await snapshotRows(sql, source.snapshot, params);
  return rows.map((row) => [{ dimension: 'UNIT', value: Number(row.id), label: null }]);
}

/** The rows' units as the snapshot knows them, those of the viewer's subtree only. */
export async function unitLabels(source: SnapshotSource, ids: number[]): Promise<Map<number, UnitLabel & { sortKey: string }>> {
  if (ids.length === 0) return new Map();
  const scope = scopePredicate(source, 'u');
  const rows = await snapshotRows(
    `SELECT id, code, name, kind, "sortKey" FROM "OrgUnit" u WHERE id IN (SELECT unnest($ids)) AND ${scope.sql}`,
    source.snapshot,
    { ids: listValue([...new Set(ids)]), ...scope.params },
  );
  return new Map(
    rows.map((row) => [
      Number(row.id),
      { unitId: Number(row.id), unitCode: String(row.code), unitName: String(row.name), unitKind: String(row.kind), isTotal: false, sortKey: String(row.sortKey) },
    ]),
  );
}

function unitOf(keys: DimensionValue[], units: Map<number, UnitLabel>): UnitLabel | null {
  const key = keys.find((k) => k.dimension === 'UNIT');
  return key ? (units.get(Number(key.value)) ?? null) : null;
}

/** Units in Vietnamese order (sort keys compare byte-wise), then each dimension's value in order. */
function compareRows(a: MeasureRow, b: MeasureRow, units: Map<number, { sortKey: string }>): number {
  for (let i = 0; i < a.keys.length; i++) {
    const x = a.keys[i]!;
    const y = b.keys[i]!;
    const order =
      x.dimension === 'UNIT'
        ? compareText(units.get(Number(x.value))?.sortKey ?? '', units.get(Number(y.value))?.sortKey ?? '') || Number(x.value) - Number(y.value)
        : compareValue(x.value, y.value);
    if (order !== 0) return order;
  }
  return 0;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
function compareValue(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : compareText(String(a), String(b));
}
