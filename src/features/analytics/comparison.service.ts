// Units side by side (so sánh): for each unit chosen and each measure, its value in a period,
// its rank among the units under the same parent, its share of the parent's total, and the
// change against the period before — all from the general measure query on one snapshot.
import { NotFoundError, ValidationError } from '../../errors.js';
import type { Snapshot } from '../../generated/prisma/client.js';
import { percent, snapshotRows, snapshotUnit, type SnapshotSource, type UnitLabel } from './analytics.service.js';
import { measureInfo, type Measure } from './measures/catalogue.js';
import { runMeasures, type MeasureRow } from './measures/measure-query.js';
import { message } from '../../text/messages.js';

export interface ComparisonPeriod {
  year: number;
  /** A quarter of the year; the whole year when absent. */
  quarter: number | null;
}

export interface ComparedFigure {
  measure: Measure;
  value: number | null;
  previous: number | null;
  /** value − previous. */
  change: number | null;
  /** 1 for the largest value among the units under the same parent (equal values share a rank). */
  rank: number | null;
  /** How many units under the parent were ranked. */
  rankedAmong: number | null;
  parentValue: number | null;
  /** The unit's part of its parent's total, % (counts only: a share of a share means nothing). */
  shareOfParent: number | null;
}

export interface ComparedUnit {
  unit: UnitLabel;
  parent: UnitLabel | null;
  figures: ComparedFigure[];
}

export const MAX_COMPARED_UNITS = 20;

export function previousPeriod(period: ComparisonPeriod): ComparisonPeriod {
  if (period.quarter === null) return { year: period.year - 1, quarter: null };
  return period.quarter === 1 ? { year: period.year - 1, quarter: 4 } : { year: period.year, quarter: period.quarter - 1 };
}

export async function compareUnits(source: SnapshotSource, unitIds: readonly number[], measures: readonly Measure[], period: ComparisonPeriod): Promise<ComparedUnit[]> {
  if (unitIds.length === 0 || unitIds.length > MAX_COMPARED_UNITS) {
    throw ValidationError.of('args.unitIds', message('COMPARE_UNIT_COUNT', { max: MAX_COMPARED_UNITS }));
  }
  if (period.quarter !== null && !(period.quarter >= 1 && period.quarter <= 4)) throw ValidationError.of('args.quarter', message('BETWEEN', { min: 1, max: 4 }));
  const timeDimension = period.quarter === null ? 'YEAR' : 'QUARTER';
  for (const measure of measures) {
    if (!measureInfo(measure).dimensions.includes(timeDimension)) {
      throw ValidationError.of('args.measures', message('NO_PERIOD_TO_COMPARE', { measure, period: period.quarter === null ? 'year' : 'quarter' }));
    }
  }
  const units = await Promise.all(unitIds.map((id, index) => snapshotUnit(source, id, `args.unitIds.${index}`)));
  const parents = await parentsOf(source.snapshot, unitIds);
  // A parent outside the viewer's subtree is none: its other units are not theirs to rank against.
  const parentLabels = new Map<number, UnitLabel>();
  for (const id of new Set([...parents.values()].filter((id): id is number => id !== null))) {
    const label = await snapshotUnit(source, id).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (label) parentLabels.set(id, label);
  }
  for (const [unitId, parentId] of parents) if (parentId !== null && !parentLabels.has(parentId)) parents.set(unitId, null);
  const parentIds = [...parentLabels.keys()];
  const before = previousPeriod(period);
  const dimensions = period.quarter === null ? (['YEAR'] as const) : (['YEAR', 'QUARTER'] as const);
  const inPeriod = (row: MeasureRow, p: ComparisonPeriod) =>
    row.keys.find((k) => k.dimension === 'YEAR')?.value === p.year && (p.quarter === null || row.keys.find((k) => k.dimension === 'QUARTER')?.value === p.quarter);
  const unitKey = (row: MeasureRow) => Number(row.keys.find((k) => k.dimension === 'UNIT')?.value);

  // One run per parent: its children by period, and its own totals by period.
  const byParent = new Map<number, { children: MeasureRow[]; totals: MeasureRow[] }>();
  for (const parentId of parentIds) {
    const request = { unitId: parentId, fromYear: before.year, toYear: period.year, measures };
    const [children, totals] = await Promise.all([
      runMeasures(source, { ...request, dimensions: ['UNIT', ...dimensions] }),
      runMeasures(source, { ...request, dimensions: [...dimensions] }),
    ]);
    byParent.set(parentId, { children, totals });
  }
  const own = new Map<number, MeasureRow[]>();
  for (const id of unitIds.filter((id) => parents.get(id) === null)) {
    own.set(id, await runMeasures(source, { unitId: id, fromYear: before.year, toYear: period.year, measures, dimensions: [...dimensions] }));
  }

  return units.map((unit) => {
    const parentId = parents.get(unit.unitId) ?? null;
    const group = parentId === null ? null : byParent.get(parentId)!;
    const rowsOfUnit = group ? group.children.filter((row) => unitKey(row) === unit.unitId) : (own.get(unit.unitId) ?? []);
    const current = rowsOfUnit.find((row) => inPeriod(row, period));
    const previous = rowsOfUnit.find((row) => inPeriod(row, before));
    const siblings = group ? group.children.filter((row) => inPeriod(row, period) && unitKey(row) !== parentId) : [];
    const parentTotal = group?.totals.find((row) => inPeriod(row, period));
    const figures = measures.map((measure, index): ComparedFigure => {
      const value = current?.values[index] ?? zeroOrNull(measure);
      const was = previous?.values[index] ?? zeroOrNull(measure);
      const ranked = siblings.map((row) => row.values[index] ?? null).filter((v): v is number => v !== null);
      const parentValue = parentTotal?.values[index] ?? (group ? zeroOrNull(measure) : null);
      const isCount = measureInfo(measure).kind === 'COUNT';
      return {
        measure,
        value,
        previous: was,
        change: value === null || was === null ? null : Math.round((value - was) * 100) / 100,
        rank: group && value !== null ? 1 + ranked.filter((v) => v > value).length : null,
        rankedAmong: group ? ranked.length : null,
        parentValue,
        shareOfParent: isCount && value !== null && parentValue ? percent(value, parentValue) : null,
      };
    });
    return { unit, parent: parentId === null ? null : (parentLabels.get(parentId) ?? null), figures };
  });
}

const zeroOrNull = (measure: Measure) => (measureInfo(measure).kind === 'COUNT' ? 0 : null);

/** Each unit's parent in the snapshot's structure (null for the root). */
async function parentsOf(snapshot: Snapshot, unitIds: readonly number[]): Promise<Map<number, number | null>> {
  const rows = await snapshotRows(
    `SELECT id, "parentId" AS parent_id FROM "OrgUnit" WHERE id IN (${unitIds.map((_id, i) => `$u${i}`).join(', ')})`,
    snapshot,
    Object.fromEntries(unitIds.map((id, i) => [`u${i}`, id])),
  );
  return new Map(rows.map((row) => [Number(row.id), row.parent_id === null ? null : Number(row.parent_id)]));
}
