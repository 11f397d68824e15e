// Dashboard figures on snapshots. Every answer names the snapshot it came from and its as-of
// time; every field takes an optional `snapshot` (default: the newest READY one).
import type { StoreContext } from '../../access/viewer-store.js';
import { builder } from '../../builder.js';
import type { Snapshot } from '../../generated/prisma/client.js';
import { UnitKindEnum } from '../../graphql/enums.js';
import { globalId, localId, optionalLocalId } from '../../graphql/ids.js';
import type { UnitKind } from '../../generated/prisma/client.js';
import { percent, readySnapshot, snapshotUnit, type FigureRow, type Figures, type UnitLabel } from './analytics.service.js';
import { namedTable, namedTrend, type NamedField } from './named-figures.js';

export const SnapshotStampRef = builder.objectRef<Snapshot>('SnapshotStamp').implement({
  description: 'The snapshot a figure was read from.',
  fields: (t) => ({
    id: t.id({ resolve: (s) => globalId('Snapshot', s.id) }),
    label: t.exposeString('label'),
    asOf: t.expose('asOf', { type: 'DateTime', description: 'The moment of the store the figures describe.' }),
  }),
});

export const AnalyticsUnitRef = builder.objectRef<UnitLabel>('AnalyticsUnit').implement({
  description: 'A unit as the snapshot knows it.',
  fields: (t) => ({
    id: t.id({ description: 'The Unit’s global id.', resolve: (u) => globalId('Unit', u.unitId) }),
    code: t.exposeString('unitCode'),
    name: t.exposeString('unitName'),
    kind: t.field({ type: UnitKindEnum, resolve: (u) => u.unitKind as UnitKind }),
  }),
});

const count = (key: string) => (row: FigureRow) => Math.round(row.figures[key] ?? 0);

/** A figure type: one row of counts for a unit, plus the shares derived from them. */
function figureType(
  name: string,
  description: string,
  counts: Record<string, string>,
  shares: Record<string, { description: string; resolve: (figures: Figures) => number | null }>,
  optionalCounts: Record<string, { description: string; resolve: (figures: Figures) => number | null }> = {},
) {
  return builder.objectRef<FigureRow>(name).implement({
    description,
    fields: (t) => ({
      unit: t.field({ type: AnalyticsUnitRef, resolve: (row) => row.unit }),
      ...Object.fromEntries(Object.entries(counts).map(([key, text]) => [key, t.int({ description: text, resolve: count(key) })])),
      ...Object.fromEntries(
        Object.entries(optionalCounts).map(([key, figure]) => [key, t.int({ nullable: true, description: figure.description, resolve: (row) => figure.resolve(row.figures) })]),
      ),
      ...Object.fromEntries(
        Object.entries(shares).map(([key, share]) => [key, t.float({ nullable: true, description: share.description, resolve: (row) => share.resolve(row.figures) })]),
      ),
    }),
  });
}

const CellRatingFigures = figureType(
  'CellRatingFigures',
  'Cells of a unit by their rating for the year (xếp loại chi bộ).',
  {
    cells: 'Cells that existed during the year.',
    rated: 'Cells rated at a level.',
    missing: 'Cells with no rating recorded (reported, not counted as failures).',
    notRated: 'Cells recorded as not rated, with a reason.',
    excellent: 'Rated EXCELLENT (hoàn thành xuất sắc nhiệm vụ).',
    goodOrBetter: 'Rated GOOD or EXCELLENT (hoàn thành tốt nhiệm vụ trở lên).',
    completed: 'Rated COMPLETED (hoàn thành nhiệm vụ).',
    notCompleted: 'Rated NOT_COMPLETED (không hoàn thành nhiệm vụ).',
  },
  {
    goodOrBetterPercent: { description: 'GOOD or better, % of the cells rated (one decimal).', resolve: (r) => percent(r.goodOrBetter ?? 0, r.rated ?? 0) },
    excellentPercent: { description: 'EXCELLENT, % of the cells rated.', resolve: (r) => percent(r.excellent ?? 0, r.rated ?? 0) },
  },
);

const RegularityFigures = figureType(
  'MeetingRegularityFigures',
  'How regularly a unit’s cells met in the year (nền nếp sinh hoạt), up to the snapshot’s month.',
  {
    cells: 'Cells that existed during the months counted.',
    cellMonths: 'Months in which a cell existed: each should have a regular meeting.',
    regularMonths: 'Of those, months with a regular (or combined) meeting.',
    cellsEveryMonth: 'Cells with a regular meeting in every month they existed.',
    thematic: 'Thematic (or combined) meetings held (sinh hoạt chuyên đề).',
    meetings: 'Meetings of every kind.',
    separate: 'Meetings held apart from the professional meeting.',
  },
  {
    regularPercent: { description: 'Cell-months with a regular meeting, %.', resolve: (r) => percent(r.regularMonths ?? 0, r.cellMonths ?? 0) },
    everyMonthPercent: { description: 'Cells that met every month, %.', resolve: (r) => percent(r.cellsEveryMonth ?? 0, r.cells ?? 0) },
    separatePercent: { description: 'Meetings held apart from professional ones, %.', resolve: (r) => percent(r.separate ?? 0, r.meetings ?? 0) },
  },
);

const AttendanceQualityFigures = figureType(
  'MeetingAttendanceQualityFigures',
  'Attendance at a unit’s meetings of the year and the cells’ own scoring of them (chấm điểm).',
  {
    meetings: 'Meetings held.',
    expected: 'Members expected, all meetings together (the exempt are not expected).',
    present: 'Members present.',
    excused: 'Absences with a reason.',
    unexcused: 'Absences without a reason.',
    scored: 'Meetings the cell scored.',
    atLeastThreshold: 'Scored meetings at or above the threshold asked for.',
    good: 'Meetings at level GOOD (tốt).',
    fair: 'At level FAIR (khá).',
    average: 'At level AVERAGE (trung bình).',
    poor: 'At level POOR (kém).',
  },
  {
    attendancePercent: { description: 'Present, % of expected.', resolve: (r) => percent(r.present ?? 0, r.expected ?? 0) },
    averageScore: { description: 'Average score out of 100 (two decimals).', resolve: (r) => (r.averageScore == null ? null : Math.round(r.averageScore * 100) / 100) },
    atLeastThresholdPercent: { description: 'Scored meetings at or above the threshold, %.', resolve: (r) => percent(r.atLeastThreshold ?? 0, r.scored ?? 0) },
    goodPercent: { description: 'Scored meetings at level GOOD, %.', resolve: (r) => percent(r.good ?? 0, r.scored ?? 0) },
    fairPercent: { description: 'At level FAIR, %.', resolve: (r) => percent(r.fair ?? 0, r.scored ?? 0) },
    averagePercent: { description: 'At level AVERAGE, %.', resolve: (r) => percent(r.average ?? 0, r.scored ?? 0) },
    poorPercent: { description: 'At level POOR, %.', resolve: (r) => percent(r.poor ?? 0, r.scored ?? 0) },
  },
);

const SupervisionFigures = figureType(
  'SupervisionCoverageFigures',
  'How far supervision reached a unit’s cells in the year (tổ công tác dự sinh hoạt).',
  {
    cells: 'Cells that existed during the year.',
    cellsVisited: 'Cells with at least one meeting attended by a working group or a committee member.',
    visits: 'Visits to meetings.',
    meetingsVisited: 'Meetings with a superior present.',
    meetings: 'Meetings held.',
    planItems: 'Topics of approved thematic plans for the year.',
    planItemsHeld: 'Of them, held as a thematic meeting.',
  },
  {
    cellsVisitedPercent: { description: 'Cells visited, %.', resolve: (r) => percent(r.cellsVisited ?? 0, r.cells ?? 0) },
    meetingsVisitedPercent: { description: 'Meetings with a superior present, %.', resolve: (r) => percent(r.meetingsVisited ?? 0, r.meetings ?? 0) },
    planItemsHeldPercent: { description: 'Planned thematic topics held, %.', resolve: (r) => percent(r.planItemsHeld ?? 0, r.planItems ?? 0) },
  },
);

const targetOf = (r: Figures) => r.ownTarget ?? r.targetsBelow ?? null;

const AdmissionFigures = figureType(
  'AdmissionProgressFigures',
  'Admissions of a year against target (chỉ tiêu kết nạp) for a unit’s subtree.',
  {
    admitted: 'Members admitted that year by committees of the subtree (counted where the admission was decided).',
    admittedIntoCells: 'Members admitted that year into cells of the subtree (counted at the cell each joined).',
    women: 'Of them, women.',
    ethnicMinorities: 'Of them, of an ethnic minority (not Kinh).',
    youthUnion: 'Of them, Youth Union members (đoàn viên).',
    aged18To30: 'Of them, aged 18 to 30 when admitted.',
    membersAtStart: 'Members of the subtree on 1 January of the year.',
    candidatesInProgress: 'Candidates in the subtree’s cells not yet admitted or dropped (today).',
    candidatesDecided: 'Of them, with a decision to admit (DECIDED).',
  },
  {

    achievedPercent: { description: 'Admitted, % of the target.', resolve: (r) => percent(r.admitted ?? 0, targetOf(r) ?? 0) },
    admittedPercentOfMembers: {
      description: 'Admitted, % of the members at the start of the year.',
      resolve: (r) => percent(r.admitted ?? 0, r.membersAtStart ?? 0),
    },
  },
  {
    ownTarget: { description: 'The target set for this unit itself, if any.', resolve: (r) => r.ownTarget ?? null },
    targetsBelow: { description: 'The targets set for units below it, added up.', resolve: (r) => r.targetsBelow ?? null },
    target: { description: 'The unit’s own target or, without one, the targets below it.', resolve: targetOf },
  },
);

interface UnitTable {
  snapshot: Snapshot;
  total: FigureRow;
  children: FigureRow[];
}

function resultType(name: string, figures: ReturnType<typeof figureType>, description: string) {
  return builder.objectRef<UnitTable>(name).implement({
    description,
    fields: (t) => ({
      snapshot: t.field({ type: SnapshotStampRef, resolve: (r) => r.snapshot }),
      total: t.field({ type: figures, description: 'The unit asked for, its whole subtree.', resolve: (r) => r.total }),
      children: t.field({ type: [figures], description: 'Each unit directly under it, in Vietnamese order.', resolve: (r) => r.children }),
    }),
  });
}

export const snapshotArg = (t: Parameters<Parameters<typeof builder.queryFields>[0]>[0]) =>
  t.arg.id({ description: 'The snapshot to read; the newest READY one when omitted.' });

export const structureOnArg = (t: Parameters<Parameters<typeof builder.queryFields>[0]>[0]) =>
  t.arg({
    type: 'Date',
    description: 'Group by the unit structure as it stood on this day (e.g. 2025-06-30, before the communes merged); today’s structure when omitted.',
  });

async function table(
  ctx: StoreContext,
  field: NamedField,
  args: { unitId: string; snapshot?: string | null; year: number; structureOn?: Date | null; threshold?: number | null },
) {
  const source = await readySnapshot(ctx, optionalLocalId(args.snapshot, 'Snapshot', 'args.snapshot'));
  // Outside the viewer's subtree answers as unknown; inside, the whole subtree is theirs.
  const unit = await snapshotUnit(source, localId(args.unitId, 'Unit', 'args.unitId'));
  const structureOn = args.structureOn ? args.structureOn.toISOString().slice(0, 10) : null;
  const { total, children } = await namedTable(source, field, { unit, year: args.year, structureOn, threshold: args.threshold ?? null });
  return { snapshot: source.snapshot, total, children };
}

builder.queryFields((t) => ({
  cellRatingShares: t.field({
    type: resultType('CellRatingShares', CellRatingFigures, 'Cell ratings of a year for a unit and each unit under it.'),
    description: 'Shares of cells rated GOOD or better and EXCELLENT, per unit directly under the one asked for (e.g. "22/22 chi bộ hoàn thành tốt nhiệm vụ").',
    args: { unitId: t.arg.id({ required: true }), year: t.arg.int({ required: true }), structureOn: structureOnArg(t), snapshot: snapshotArg(t) },
    resolve: (_root, args, ctx) => table(ctx, 'cellRatingShares', args),
  }),
  meetingRegularity: t.field({
    type: resultType('MeetingRegularity', RegularityFigures, 'Regularity of meetings in a year for a unit and each unit under it.'),
    description: 'Cell-months with a regular meeting, cells that met every month, thematic meetings and meetings held apart.',
    args: { unitId: t.arg.id({ required: true }), year: t.arg.int({ required: true }), structureOn: structureOnArg(t), snapshot: snapshotArg(t) },
    resolve: (_root, args, ctx) => table(ctx, 'meetingRegularity', args),
  }),
  supervisionCoverage: t.field({
    type: resultType('SupervisionCoverage', SupervisionFigures, 'Supervision of a year for a unit and each unit under it.'),
    description: 'Cells visited, meetings with a superior present, and thematic plans registered against held.',
    args: { unitId: t.arg.id({ required: true }), year: t.arg.int({ required: true }), structureOn: structureOnArg(t), snapshot: snapshotArg(t) },
    resolve: (_root, args, ctx) => table(ctx, 'supervisionCoverage', args),
  }),
  admissionProgress: t.field({
    type: resultType('AdmissionProgress', AdmissionFigures, 'Admissions of a year against target for a unit and each unit under it.'),
    description: 'Target, admitted and % achieved, with the report’s breakdowns (e.g. "chỉ tiêu 10, đã kết nạp 9").',
    args: { unitId: t.arg.id({ required: true }), year: t.arg.int({ required: true }), structureOn: structureOnArg(t), snapshot: snapshotArg(t) },
    resolve: (_root, args, ctx) => table(ctx, 'admissionProgress', args),
  }),
  meetingAttendanceQuality: t.field({
    type: resultType(
      'MeetingAttendanceQuality',
      AttendanceQualityFigures,
      'Attendance and quality of a year’s meetings for a unit and each unit under it.',
    ),
    description: 'Present against expected, absences, average score, meetings scoring at least a threshold, and the share at each level (e.g. "80,2% tốt, 19,8% khá").',
    args: {
      unitId: t.arg.id({ required: true }),
      year: t.arg.int({ required: true }),
      threshold: t.arg.float({ defaultValue: 85, required: true, description: 'The score a meeting must reach (85 is common).' }),
      structureOn: structureOnArg(t),
      snapshot: snapshotArg(t),
    },
    resolve: (_root, args, ctx) => table(ctx, 'meetingAttendanceQuality', args),
  }),
}));

// ───────────── Trends ─────────────

const TrendPeriodEnum = builder.enumType('TrendPeriod', {
  description: 'The step of a trend (bước thời gian của chuỗi số liệu). Thứ tự: từ bước dài nhất đến ngắn nhất — YEAR → QUARTER → MONTH.',
  values: {
    YEAR: { description: 'Năm.' },
    QUARTER: { description: 'Quý.' },
    MONTH: { description: 'Tháng.' },
  } as const,
});

const TrendPointRef = builder.objectRef<Figures>('MeetingTrendPoint').implement({
  description: 'A unit’s meetings in one period.',
  fields: (t) => ({
    year: t.int({ resolve: (p) => p.year ?? 0 }),
    quarter: t.int({ nullable: true, description: 'For QUARTER steps.', resolve: (p) => p.quarter ?? null }),
    month: t.int({ nullable: true, description: 'For MONTH steps.', resolve: (p) => p.month ?? null }),
    cellMonths: t.int({ description: 'Months in which a cell existed.', resolve: (p) => Math.round(p.cellMonths ?? 0) }),
    regularMonths: t.int({ description: 'Of those, with a regular meeting.', resolve: (p) => Math.round(p.regularMonths ?? 0) }),
    regularPercent: t.float({ nullable: true, resolve: (p) => percent(p.regularMonths ?? 0, p.cellMonths ?? 0) }),
    meetings: t.int({ resolve: (p) => Math.round(p.meetings ?? 0) }),
    expected: t.int({ resolve: (p) => Math.round(p.expected ?? 0) }),
    present: t.int({ resolve: (p) => Math.round(p.present ?? 0) }),
    attendancePercent: t.float({ nullable: true, resolve: (p) => percent(p.present ?? 0, p.expected ?? 0) }),
    unexcused: t.int({ description: 'Absences without a reason.', resolve: (p) => Math.round(p.unexcused ?? 0) }),
    scored: t.int({ description: 'Meetings the cell scored.', resolve: (p) => Math.round(p.scored ?? 0) }),
    averageScore: t.float({ nullable: true, resolve: (p) => (p.averageScore == null ? null : Math.round(p.averageScore * 100) / 100) }),
    good: t.int({ description: 'Meetings at level GOOD.', resolve: (p) => Math.round(p.good ?? 0) }),
    goodPercent: t.float({ nullable: true, resolve: (p) => percent(p.good ?? 0, p.scored ?? 0) }),
  }),
});

const MeetingTrendRef = builder.objectRef<{ snapshot: Snapshot; unit: UnitLabel; points: Figures[] }>('MeetingTrend').implement({
  description: 'A unit’s meetings over time.',
  fields: (t) => ({
    snapshot: t.field({ type: SnapshotStampRef, resolve: (r) => r.snapshot }),
    unit: t.field({ type: AnalyticsUnitRef, resolve: (r) => r.unit }),
    points: t.field({ type: [TrendPointRef], description: 'One a period, oldest first, up to the snapshot’s month.', resolve: (r) => r.points }),
  }),
});

builder.queryFields((t) => ({
  meetingTrend: t.field({
    type: MeetingTrendRef,
    description: 'Regularity, attendance and quality of a unit’s meetings by year, quarter or month.',
    args: {
      unitId: t.arg.id({ required: true }),
      fromYear: t.arg.int({ required: true }),
      toYear: t.arg.int({ required: true }),
      period: t.arg({ type: TrendPeriodEnum, required: true, defaultValue: 'MONTH' }),
      structureOn: structureOnArg(t),
      snapshot: snapshotArg(t),
    },
    resolve: async (_root, args, ctx) => {
      const source = await readySnapshot(ctx, optionalLocalId(args.snapshot, 'Snapshot', 'args.snapshot'));
      const { snapshot } = source;
      const unit = await snapshotUnit(source, localId(args.unitId, 'Unit', 'args.unitId'));
      const structureOn = args.structureOn ? args.structureOn.toISOString().slice(0, 10) : null;
      const points = await namedTrend(source, unit, { fromYear: args.fromYear, toYear: args.toYear, period: args.period, structureOn });
      return { snapshot, unit, points };
    },
  }),
}));
