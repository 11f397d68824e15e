// The general measure query in GraphQL: every measure and dimension of the catalogue as an
// enum described with its Vietnamese label, and `measures` answering any combination of them.
import { builder } from '../../builder.js';
import type { Snapshot } from '../../generated/prisma/client.js';
import { ExcellentCapBaseEnum, MeetingKindEnum, UnitCategoryEnum, UnitKindEnum } from '../../graphql/enums.js';
import { globalId, localId, optionalLocalId } from '../../graphql/ids.js';
import { labels } from '../../text/labels.js';
import { DEFAULT_EXCELLENT_CAP, type ExcellentCapBase } from '../ratings/rating-rules.js';
import { AnalyticsUnitRef, SnapshotStampRef, snapshotArg } from './analytics.schema.js';
import { readySnapshot, snapshotUnit, type SnapshotSource, type UnitLabel } from './analytics.service.js';
import { excellentCapReport, type CapFigures } from './excellent-cap.service.js';
import { compareUnits, MAX_COMPARED_UNITS, type ComparedFigure, type ComparedUnit, type ComparisonPeriod } from './comparison.service.js';
import { dimensionInfo, dimensions, measureInfo, measures, type Dimension, type Measure } from './measures/catalogue.js';
import { termLabel } from './measures/terms.js';
import { runMeasures, type DimensionValue, type MeasureRequest, type MeasureRow } from './measures/measure-query.js';

export const MeasureEnum = builder.enumType('Measure', {
  description: 'A figure the server computes on a snapshot (chỉ tiêu thống kê). Không có thứ bậc: các chỉ tiêu được liệt kê theo nhóm trong danh mục (measureCatalogue).',
  values: Object.fromEntries(measures.map((m) => [m, { description: `${measureInfo(m).label}. ${measureInfo(m).description}` }])) as Record<Measure, { description: string }>,
});

export const DimensionEnum = builder.enumType('Dimension', {
  description: 'What figures can be broken down by (chiều phân tích). Không có thứ bậc: chọn một hoặc nhiều chiều; mỗi dòng kết quả là một tổ hợp giá trị của các chiều đã chọn.',
  values: Object.fromEntries(dimensions.map((d) => [d, { description: `${dimensionInfo[d].label}. ${dimensionInfo[d].description}` }])) as Record<Dimension, { description: string }>,
});

const MeasureKindEnum = builder.enumType('MeasureKind', {
  description: 'How a measure reads (cách đọc một chỉ tiêu). Không có thứ bậc.',
  values: {
    COUNT: { description: 'A number of things (số lượng): một số nguyên.' },
    PERCENT: { description: 'A share in percent, one decimal; null when there is nothing to share (tỷ lệ phần trăm, một chữ số thập phân).' },
    AVERAGE: { description: 'An average, two decimals; null when there is nothing to average (số bình quân, hai chữ số thập phân).' },
    RATIO: { description: 'One count per another, two decimals (tỷ số, hai chữ số thập phân).' },
  } as const,
});

const OverYearsEnum = builder.enumType('MeasureOverYears', {
  description: 'How a measure reads over several years when YEAR is not among the dimensions (e.g. a term’s total) — cách cộng dồn qua nhiều năm. Không có thứ bậc.',
  values: {
    SUM: { description: 'A flow (luồng): the years added up, e.g. members admitted over the term.' },
    START: { description: 'A stock (số tồn) at the start of the span: its first year’s figure, e.g. members at the start of the term.' },
    END: { description: 'A stock (số tồn) at the end of the span: its last year’s figure, e.g. cells at the end of the term.' },
    RECOMPUTED: { description: 'A share, mean or ratio recomputed from the span’s added-up parts, never an average of yearly figures (tính lại từ các thành phần đã cộng dồn).' },
  } as const,
});

const MeasureInfoRef = builder.objectRef<Measure>('MeasureInfo').implement({
  description: 'A measure of the catalogue.',
  fields: (t) => ({
    measure: t.field({ type: MeasureEnum, resolve: (m) => m }),
    label: t.string({ description: 'Vietnamese label, as reports print it.', resolve: (m) => measureInfo(m).label }),
    description: t.string({ resolve: (m) => measureInfo(m).description }),
    kind: t.field({ type: MeasureKindEnum, resolve: (m) => measureInfo(m).kind }),
    overYears: t.field({ type: OverYearsEnum, resolve: (m) => measureInfo(m).overYears }),
    dimensions: t.field({ type: [DimensionEnum], description: 'What it can be broken down by.', resolve: (m) => [...measureInfo(m).dimensions] }),
  }),
});

/** A dimension's value as people read it (Vietnamese). */
function valueLabel(key: DimensionValue, unit: UnitLabel | null): string | null {
  if (key.value === null) {
    return { RATING_LEVEL: 'Chưa có kết quả xếp loại', QUALITY_LEVEL: 'Chưa chấm điểm', WORKING_GROUP: 'Cấp ủy viên dự' }[key.dimension as string] ?? null;
  }
  const value = String(key.value);
  switch (key.dimension) {
    case 'UNIT':
      return unit?.unitName ?? null;
    case 'YEAR':
      return `Năm ${value}`;
    case 'TERM':
      return termLabel(value);
    case 'QUARTER':
      return `Quý ${value}`;
    case 'MONTH':
      return `Tháng ${value}`;
    case 'CELL_CATEGORY':
      return labels.UnitCategory[value as keyof typeof labels.UnitCategory] ?? value;
    case 'MEETING_KIND':
      return labels.MeetingKind[value as keyof typeof labels.MeetingKind] ?? value;
    case 'QUALITY_LEVEL':
      return labels.MeetingLevel[value as keyof typeof labels.MeetingLevel] ?? value;
    case 'RATING_LEVEL':
      return labels.RatingLevel[value as keyof typeof labels.RatingLevel] ?? value;
    case 'CANDIDATE_STAGE':
      return labels.CandidateStage[value as keyof typeof labels.CandidateStage] ?? value;
    case 'WORKING_GROUP':
      return key.label;
  }
}

const DimensionValueRef = builder.objectRef<{ key: DimensionValue; unit: UnitLabel | null }>('DimensionValue').implement({
  description: 'The value of one dimension in a row.',
  fields: (t) => ({
    dimension: t.field({ type: DimensionEnum, resolve: ({ key }) => key.dimension }),
    value: t.string({
      nullable: true,
      description: 'The value as text: an enum name, a number, or the Unit’s global id for UNIT; null where there is none (no rating, unscored).',
      resolve: ({ key }) => (key.value === null ? null : key.dimension === 'UNIT' ? globalId('Unit', Number(key.value)) : String(key.value)),
    }),
    label: t.string({ nullable: true, description: 'The value in Vietnamese, as a report prints it.', resolve: ({ key, unit }) => valueLabel(key, unit) }),
  }),
});

const keyValue = (row: MeasureRow, dimension: Dimension) => row.keys.find((k) => k.dimension === dimension)?.value ?? null;
const intKey = (dimension: Dimension) => (row: MeasureRow) => {
  const value = keyValue(row, dimension);
  return value === null ? null : Number(value);
};
const enumKey = <T extends string>(dimension: Dimension) => (row: MeasureRow) => keyValue(row, dimension) as T | null;

interface TableRow {
  row: MeasureRow;
  measures: readonly Measure[];
}

const MeasureValueRef = builder.objectRef<{ measure: Measure; value: number | null }>('MeasureValue').implement({
  description: 'One measure of a row, with its name.',
  fields: (t) => ({
    measure: t.field({ type: MeasureEnum, resolve: (v) => v.measure }),
    kind: t.field({ type: MeasureKindEnum, description: 'How the value reads: a COUNT is a whole number (see `count`).', resolve: (v) => measureInfo(v.measure).kind }),
    value: t.float({ nullable: true, description: 'Null for a share or average with nothing to divide.', resolve: (v) => v.value }),
    count: t.int({
      nullable: true,
      description: 'The value of a COUNT measure as the whole number it is (số lượng); null for any other kind.',
      resolve: (v) => (measureInfo(v.measure).kind === 'COUNT' && v.value !== null ? Math.round(v.value) : null),
    }),
  }),
});

const MeasureRowRef = builder.objectRef<TableRow>('MeasureRow').implement({
  description: 'The measures for one combination of dimension values.',
  fields: (t) => ({
    unit: t.field({ type: AnalyticsUnitRef, nullable: true, description: 'With UNIT: the unit the row falls under.', resolve: ({ row }) => row.unit }),
    year: t.int({ nullable: true, resolve: ({ row }) => intKey('YEAR')(row) }),
    quarter: t.int({ nullable: true, resolve: ({ row }) => intKey('QUARTER')(row) }),
    month: t.int({ nullable: true, resolve: ({ row }) => intKey('MONTH')(row) }),
    cellCategory: t.field({ type: UnitCategoryEnum, nullable: true, resolve: ({ row }) => enumKey<'HAMLET'>('CELL_CATEGORY')(row) }),
    meetingKind: t.field({ type: MeetingKindEnum, nullable: true, resolve: ({ row }) => enumKey<'REGULAR'>('MEETING_KIND')(row) }),
    keys: t.field({
      type: [DimensionValueRef],
      description: 'Every dimension’s value, in the order asked for, with its Vietnamese label.',
      resolve: ({ row }) => row.keys.map((key) => ({ key, unit: row.unit })),
    }),
    label: t.string({
      description: 'The row in Vietnamese, e.g. "Đảng bộ xã Tân Phú · Năm 2024".',
      resolve: ({ row }) => row.keys.map((key) => valueLabel(key, row.unit) ?? '—').join(' · ') || 'Tổng',
    }),
    values: t.floatList({ nullable: { list: false, items: true }, description: 'The measures, in the order asked for.', resolve: ({ row }) => row.values }),
    named: t.field({
      type: [MeasureValueRef],
      description: 'The measures with their names, in the order asked for (the same values as `values`).',
      resolve: ({ row, measures: asked }) => asked.map((measure, index) => ({ measure, value: row.values[index] ?? null })),
    }),
    value: t.float({
      nullable: true,
      description: 'One measure of the row (it must be one asked for).',
      args: { measure: t.arg({ type: MeasureEnum, required: true }) },
      resolve: ({ row, measures: asked }, args) => {
        const index = asked.indexOf(args.measure);
        return index < 0 ? null : (row.values[index] ?? null);
      },
    }),
  }),
});

interface MeasureTable {
  source: SnapshotSource;
  unit: UnitLabel;
  request: MeasureRequest;
  rows: MeasureRow[];
}

const MeasureTableRef = builder.objectRef<MeasureTable>('MeasureTable').implement({
  description: 'Measures broken down by dimensions, read from one snapshot.',
  fields: (t) => ({
    snapshot: t.field({ type: SnapshotStampRef, resolve: (r) => r.source.snapshot }),
    unit: t.field({ type: AnalyticsUnitRef, description: 'The unit asked for: figures cover its subtree.', resolve: (r) => r.unit }),
    measures: t.field({ type: [MeasureInfoRef], description: 'The measures, in the order of each row’s values.', resolve: (r) => [...r.request.measures] }),
    dimensions: t.field({ type: [DimensionEnum], resolve: (r) => [...r.request.dimensions] }),
    rows: t.field({ type: [MeasureRowRef], description: 'Units in Vietnamese order, then the other dimensions in order.', resolve: (r) => r.rows.map((row) => ({ row, measures: r.request.measures })) }),
    total: t.field({
      type: MeasureRowRef,
      description: 'The same measures for the whole subtree and period, nothing broken down: over several years each measure reads as its `overYears` says.',
      resolve: async (r) => {
        const [row] = r.request.dimensions.length === 0 ? r.rows : await runMeasures(r.source, { ...r.request, dimensions: [], unitLevel: null });
        return { row: row!, measures: r.request.measures };
      },
    }),
  }),
});

builder.queryFields((t) => ({
  measureCatalogue: t.field({
    type: [MeasureInfoRef],
    description: 'Every measure `measures` can compute, with its Vietnamese label and the dimensions it can be broken down by.',
    resolve: () => [...measures],
  }),
  measures: t.field({
    type: MeasureTableRef,
    description:
      'The general measure query: any measures of the catalogue for a unit’s subtree and a period, broken down by any dimensions they share, filtered by cell category or meeting kind, grouped by today’s structure or the structure on a date.',
    args: {
      unitId: t.arg.id({ required: true, description: 'Figures cover this unit’s subtree.' }),
      fromYear: t.arg.int({ required: true }),
      toYear: t.arg.int({ required: true }),
      measures: t.arg({ type: [MeasureEnum], required: true }),
      dimensions: t.arg({ type: [DimensionEnum], required: true, defaultValue: [] }),
      unitLevel: t.arg({
        type: UnitKindEnum,
        description:
          'With UNIT: group by the units of this kind in the subtree instead of the units directly under it. GRASSROOTS means every grassroots organisation: GRASSROOTS units and cells directly under a district or province (chi bộ cơ sở).',
      }),
      structureOn: t.arg({
        type: 'Date',
        description: 'Group by the unit structure as it stood on this day (e.g. 2025-06-30, before the communes merged); today’s structure when omitted.',
      }),
      cellCategories: t.arg({ type: [UnitCategoryEnum], description: 'Only cells of these categories.' }),
      meetingKinds: t.arg({ type: [MeetingKindEnum], description: 'Only meetings of these kinds (meeting measures only).' }),
      threshold: t.arg.float({ description: 'The score of MEETINGS_AT_THRESHOLD and AT_THRESHOLD_PERCENT; 85 when omitted.' }),
      snapshot: snapshotArg(t),
    },
    resolve: async (_root, args, ctx) => {
      const source = await readySnapshot(ctx, optionalLocalId(args.snapshot, 'Snapshot', 'args.snapshot'));
      const unit = await snapshotUnit(source, localId(args.unitId, 'Unit', 'args.unitId'));
      const request: MeasureRequest = {
        unitId: unit.unitId,
        fromYear: args.fromYear,
        toYear: args.toYear,
        measures: args.measures,
        dimensions: args.dimensions,
        unitLevel: args.unitLevel ?? null,
        structureOn: args.structureOn ? args.structureOn.toISOString().slice(0, 10) : null,
        cellCategories: args.cellCategories ?? null,
        meetingKinds: args.meetingKinds ?? null,
        threshold: args.threshold ?? null,
      };
      return { source, unit, request, rows: await runMeasures(source, request) };
    },
  }),
}));

// ───────────── Units side by side ─────────────

const ComparedFigureRef = builder.objectRef<ComparedFigure>('ComparedFigure').implement({
  description: 'One measure of a unit in a comparison.',
  fields: (t) => ({
    measure: t.field({ type: MeasureEnum, resolve: (f) => f.measure }),
    label: t.string({ description: 'The measure’s Vietnamese label.', resolve: (f) => measureInfo(f.measure).label }),
    value: t.float({ nullable: true, resolve: (f) => f.value }),
    previous: t.float({ nullable: true, description: 'The same measure in the period before (the year before, or the quarter before).', resolve: (f) => f.previous }),
    change: t.float({ nullable: true, description: 'value − previous (percentage points for a share).', resolve: (f) => f.change }),
    rank: t.int({ nullable: true, description: 'Rank among the units under the same parent, 1 for the largest value; equal values share a rank.', resolve: (f) => f.rank }),
    rankedAmong: t.int({ nullable: true, description: 'How many units under the parent have a value.', resolve: (f) => f.rankedAmong }),
    parentValue: t.float({ nullable: true, description: 'The measure for the parent’s whole subtree.', resolve: (f) => f.parentValue }),
    shareOfParent: t.float({ nullable: true, description: 'The unit’s part of the parent’s total, % (counts only).', resolve: (f) => f.shareOfParent }),
  }),
});

const ComparedUnitRef = builder.objectRef<ComparedUnit>('ComparedUnit').implement({
  description: 'A unit in a comparison.',
  fields: (t) => ({
    unit: t.field({ type: AnalyticsUnitRef, resolve: (u) => u.unit }),
    parent: t.field({ type: AnalyticsUnitRef, nullable: true, description: 'The unit it is ranked under; null for the top unit.', resolve: (u) => u.parent }),
    figures: t.field({ type: [ComparedFigureRef], description: 'The measures, in the order asked for.', resolve: (u) => u.figures }),
  }),
});

const UnitComparisonRef = builder.objectRef<{ snapshot: Snapshot; period: ComparisonPeriod; units: ComparedUnit[] }>('UnitComparison').implement({
  description: 'Chosen units side by side on several measures.',
  fields: (t) => ({
    snapshot: t.field({ type: SnapshotStampRef, resolve: (r) => r.snapshot }),
    year: t.int({ resolve: (r) => r.period.year }),
    quarter: t.int({ nullable: true, resolve: (r) => r.period.quarter }),
    units: t.field({ type: [ComparedUnitRef], description: 'In the order asked for.', resolve: (r) => r.units }),
  }),
});

builder.queryFields((t) => ({
  unitComparison: t.field({
    type: UnitComparisonRef,
    description: 'Units side by side (so sánh): each measure with its rank within the parent, share of the parent’s total and change against the period before.',
    args: {
      unitIds: t.arg.idList({ required: true, description: `From 1 to ${MAX_COMPARED_UNITS} units.` }),
      measures: t.arg({ type: [MeasureEnum], required: true }),
      year: t.arg.int({ required: true }),
      quarter: t.arg.int({ description: 'A quarter of the year (1–4); the whole year when omitted.' }),
      snapshot: snapshotArg(t),
    },
    resolve: async (_root, args, ctx) => {
      const source = await readySnapshot(ctx, optionalLocalId(args.snapshot, 'Snapshot', 'args.snapshot'));
      const period = { year: args.year, quarter: args.quarter ?? null };
      const unitIds = args.unitIds.map((id, index) => localId(id, 'Unit', `args.unitIds.${index}`));
      return { snapshot: source.snapshot, period, units: await compareUnits(source, unitIds, args.measures, period) };
    },
  }),
}));

// ───────────── The EXCELLENT cap ─────────────

const CapFiguresRef = builder.objectRef<CapFigures>('CapBreachFigures').implement({
  description: 'A grassroots organisation’s members rated EXCELLENT against the cap.',
  fields: (t) => ({
    unit: t.field({ type: AnalyticsUnitRef, resolve: (c) => c.unit }),
    excellent: t.int({ description: 'Members rated EXCELLENT.', resolve: (c) => c.excellent }),
    good: t.int({ description: 'Members rated GOOD.', resolve: (c) => c.good }),
    baseCount: t.int({ description: 'The members the percentage is taken of: good, or good + excellent, by the report’s capBase.', resolve: (c) => c.baseCount }),
    allowed: t.int({ description: 'The most that may be rated EXCELLENT: capPercent of baseCount, rounded down.', resolve: (c) => c.allowed }),
    excess: t.int({ description: 'How many over the cap.', resolve: (c) => c.excess }),
    excellentOfGoodPercent: t.float({ nullable: true, description: 'EXCELLENT, % of those rated GOOD alone, whatever the reading.', resolve: (c) => c.excellentOfGoodPercent }),
    excellentOfBasePercent: t.float({
      nullable: true,
      description: 'EXCELLENT, % of baseCount: the share the cap is compared with under the reading applied.',
      resolve: (c) => c.excellentOfBasePercent,
    }),
  }),
});

const ExcellentCapReportRef = builder
  .objectRef<{ snapshot: Snapshot; year: number; capPercent: number; capBase: ExcellentCapBase; organisations: number; breaches: CapFigures[] }>(
    'ExcellentCapReport',
  )
  .implement({
    description: 'Grassroots organisations breaking the EXCELLENT cap in a year, with the reading of the cap applied.',
    fields: (t) => ({
      snapshot: t.field({ type: SnapshotStampRef, resolve: (r) => r.snapshot }),
      year: t.int({ resolve: (r) => r.year }),
      capPercent: t.int({ description: 'The cap applied, in percent of the base.', resolve: (r) => r.capPercent }),
      capBase: t.field({ type: ExcellentCapBaseEnum, description: 'The reading applied: what the percentage was taken of.', resolve: (r) => r.capBase }),
      organisations: t.int({ description: 'Grassroots organisations checked.', resolve: (r) => r.organisations }),
      breaches: t.field({ type: [CapFiguresRef], description: 'Those over the cap, in Vietnamese order.', resolve: (r) => r.breaches }),
    }),
  });

builder.queryFields((t) => ({
  excellentCapReport: t.field({
    type: ExcellentCapReportRef,
    description:
      'Grassroots organisations of a subtree whose members rated EXCELLENT exceed the cap (đảng viên hoàn thành xuất sắc ' +
      'nhiệm vụ không quá 20% số hoàn thành tốt nhiệm vụ), from a snapshot; by default 20% of those rated GOOD or better. ' +
      'The same rule as excellentCapBreaches on the store, and the answer names the reading applied.',
    args: {
      unitId: t.arg.id({ required: true }),
      year: t.arg.int({ required: true }),
      capPercent: t.arg.int({
        required: true,
        defaultValue: DEFAULT_EXCELLENT_CAP.percent,
        description: 'The cap in percent of the base (default 20, as the rating rules say).',
      }),
      capBase: t.arg({
        type: ExcellentCapBaseEnum,
        required: true,
        defaultValue: DEFAULT_EXCELLENT_CAP.base,
        description: 'What the percentage is taken of (default GOOD_OR_BETTER; see the enum for both readings).',
      }),
      snapshot: snapshotArg(t),
    },
    resolve: async (_root, args, ctx) => {
      const source = await readySnapshot(ctx, optionalLocalId(args.snapshot, 'Snapshot', 'args.snapshot'));
      const unit = await snapshotUnit(source, localId(args.unitId, 'Unit', 'args.unitId'));
      const rule = { percent: args.capPercent, base: args.capBase };
      const report = await excellentCapReport(source, unit.unitId, args.year, rule);
      return { snapshot: source.snapshot, year: args.year, capPercent: rule.percent, capBase: rule.base, ...report };
    },
  }),
}));
