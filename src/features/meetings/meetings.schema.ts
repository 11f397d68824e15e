// Meetings (buổi sinh hoạt), their absences and assessments, criteria sets and thematic plans.
// Criteria sets' and thematic plans' root fields live in their own modules, loaded from here.
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { StoreContext } from '../../access/viewer-store.js';
import { builder } from '../../builder.js';
import { mutationErrors } from '../../errors.js';
import { AbsenceKindEnum, AssessorKindEnum, CriterionComputationEnum, MeetingKindEnum, MeetingLevelEnum, PlanStatusEnum } from '../../graphql/enums.js';
import { globalId, localId, nodeLookup, optionalLocalId } from '../../graphql/ids.js';
import { unitLabel, UnitLabelRef } from '../units/unit-labels.js';
import { membersAtRisk, unexcusedAbsenceMonths, type MemberAtRisk } from './absence-risk.service.js';
import { assessMeeting, type AssessmentInput } from './assessments.service.js';
import { deleteMeeting, meetingOrder, meetingWhere, recordMeeting, updateMeeting, type MeetingFilter } from './meetings.service.js';
import './criteria-sets.schema.js';
import './thematic-plans.schema.js';
import { listOrder } from '../../graphql/ordering.js';
import type { Prisma } from '../../generated/prisma/client.js';

export const MeetingRef = builder.prismaNode('Meeting', {
  description: 'A cell meeting (buổi sinh hoạt chi bộ).',
  id: { field: 'id' },
  ...nodeLookup,
  fields: (t) => ({
    cell: t.relation('cell'),
    kind: t.expose('kind', { type: MeetingKindEnum }),
    year: t.exposeInt('year', { description: 'The year the meeting counts for.' }),
    month: t.exposeInt('month', { description: 'The month (1–12) the meeting counts for.' }),
    heldOn: t.expose('heldOn', { type: 'Date' }),
    startsAt: t.expose('startsAt', { type: 'DateTime' }),
    endsAt: t.expose('endsAt', { type: 'DateTime' }),
    durationMinutes: t.int({
      description: 'Length in minutes (at least 90 expected, 120 when combined).',
      select: { startsAt: true, endsAt: true },
      resolve: (meeting) => Math.round((meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60_000),
    }),
    topic: t.exposeString('topic'),
    preparedByCommittee: t.exposeBoolean('preparedByCommittee', { description: 'The cell committee met to prepare it.' }),
    draftResolution: t.exposeBoolean('draftResolution', { description: 'A draft resolution was prepared.' }),
    separateFromProfessional: t.exposeBoolean('separateFromProfessional', { description: 'Held apart from the professional meeting.' }),
    minutesKept: t.exposeBoolean('minutesKept'),
    speakerCount: t.exposeInt('speakerCount', { description: 'Members who spoke.' }),
    expectedCount: t.exposeInt('expectedCount', { description: 'Members of the cell that day less the exempt.' }),
    presentCount: t.exposeInt('presentCount'),
    absences: t.relation('absences', { description: 'Members expected who were absent.' }),
    assessments: t.relation('assessments'),
    visits: t.relation('visits', { description: 'Working groups or committee members who attended.' }),
    planItem: t.relation('planItem', { nullable: true, description: 'The thematic plan item this meeting fulfilled.' }),
  }),
});

builder.prismaObject('MeetingAbsence', {
  description: 'A member expected at a meeting who was absent (vắng mặt).',
  fields: (t) => ({
    member: t.relation('member'),
    kind: t.expose('kind', { type: AbsenceKindEnum }),
    reason: t.exposeString('reason', { description: 'Why (personal).', nullable: true }),
  }),
});

builder.prismaObject('MeetingAssessment', {
  description: 'The scoring of a meeting (chấm điểm chất lượng sinh hoạt).',
  fields: (t) => ({
    id: t.exposeID('id'),
    meeting: t.relation('meeting'),
    criteriaSet: t.relation('criteriaSet'),
    assessor: t.expose('assessor', { type: AssessorKindEnum }),
    assessorUnit: t.field({
      type: UnitLabelRef,
      nullable: true,
      description: 'The committee that scored it, when a committee above did.',
      resolve: (row, _args, ctx) => unitLabel(ctx, row.assessorUnitId),
    }),
    workingGroup: t.relation('workingGroup', { nullable: true }),
    totalScore: t.float({ description: 'Out of 100.', select: { totalScore: true }, resolve: (row) => row.totalScore.toNumber() }),
    level: t.expose('level', { type: MeetingLevelEnum }),
    scoredOn: t.expose('scoredOn', { type: 'Date' }),
    scores: t.relation('scores', { description: 'Points per criterion.' }),
  }),
});

builder.prismaObject('AssessmentScore', {
  description: 'Points given for one criterion.',
  fields: (t) => ({
    criterion: t.relation('criterion'),
    points: t.float({ select: { points: true }, resolve: (row) => row.points.toNumber() }),
  }),
});

export const CriteriaSetRef = builder.prismaNode('CriteriaSet', {
  description: 'Criteria for scoring meetings, issued by a province committee (bộ tiêu chí); configuration, not code.',
  id: { field: 'id' },
  ...nodeLookup,
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    issuedBy: t.field({
      type: UnitLabelRef,
      nullable: true,
      description: 'The issuing committee; null for the central guidance’s default set (and for a committee you may not see).',
      resolve: (set, _args, ctx) => unitLabel(ctx, set.issuedByUnitId),
    }),
    decisionNumber: t.exposeString('decisionNumber'),
    validFrom: t.expose('validFrom', { type: 'Date' }),
    validTo: t.expose('validTo', { type: 'Date', nullable: true }),
    criteria: t.relation('criteria', { query: { orderBy: { position: 'asc' } } }),
    bands: t.relation('bands', { description: 'Lowest total for each level.', query: { orderBy: { minScore: 'desc' } } }),
  }),
});

builder.prismaObject('Criterion', {
  description: 'One criterion of a set, with its maximum points.',
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    position: t.exposeInt('position'),
    maxPoints: t.float({ select: { maxPoints: true }, resolve: (row) => row.maxPoints.toNumber() }),
    requiredForGood: t.exposeBoolean('requiredForGood', { description: 'GOOD needs full marks here.' }),
    computation: t.expose('computation', {
      type: CriterionComputationEnum,
      description:
        'TYPED: the assessor gives the points. ATTENDANCE: the points follow from the meeting’s record (members expected, ' +
        'present, absent without excuse) by attendanceBands; an assessment may leave them out, and typed points that differ ' +
        'are refused. In the central set TW-12-HD-2018, ATTENDANCE is computed.',
    }),
    attendanceBands: t.relation('attendanceBands', {
      description: 'For a criterion computed from ATTENDANCE: its bands, each with its source. Empty for a typed criterion.',
      query: { orderBy: [{ points: 'desc' }, { id: 'asc' }] },
    }),
  }),
});

builder.prismaObject('AttendanceBand', {
  description:
    'A band of a criterion computed from attendance: the points a meeting earns when its record meets every condition ' +
    'of the band. The criterion scores the most points among the bands whose conditions hold, 0 when none holds. The ' +
    'share present is present ÷ expected (the exempt are not expected; with nobody expected it counts as 100%). ' +
    'The central set TW-12-HD-2018 scores ATTENDANCE (20 points) with three bands: 20 when over 85% were present and ' +
    'nobody was absent without excuse — both thresholds are the wording of the central guidance’s criterion (Hướng dẫn ' +
    '12-HD/BTCTW, 2018: «trên 85%, không có đảng viên vắng mặt không lý do»); 10 when only one of those two conditions ' +
    'holds — the guidance names no partial points, so half for each condition met is this project’s reading, said so ' +
    'in the band’s source; 0 when neither holds.',
  fields: (t) => ({
    points: t.float({ description: 'The points the band gives.', select: { points: true }, resolve: (row) => row.points.toNumber() }),
    presentOverPercent: t.float({
      nullable: true,
      description: 'The share present must be above this percentage ("trên X%"); in TW-12-HD-2018, 85 (Hướng dẫn 12-HD/BTCTW).',
      select: { minPresentPercent: true, minPresentInclusive: true },
      resolve: (row) => (row.minPresentInclusive ? null : (row.minPresentPercent?.toNumber() ?? null)),
    }),
    presentAtLeastPercent: t.float({
      nullable: true,
      description: 'The share present must be at least this percentage ("từ X% trở lên"), where a province writes it so.',
      select: { minPresentPercent: true, minPresentInclusive: true },
      resolve: (row) => (row.minPresentInclusive ? (row.minPresentPercent?.toNumber() ?? null) : null),
    }),
    maxUnexcusedAbsences: t.exposeInt('maxUnexcusedAbsences', {
      nullable: true,
      description:
        'The most absences without excuse (vắng không lý do) the band allows; null: any number. In TW-12-HD-2018, 0 for full ' +
        'marks (Hướng dẫn 12-HD/BTCTW: «không có đảng viên vắng mặt không lý do»).',
    }),
    source: t.exposeString('source', { description: 'The document and wording the band’s thresholds come from, as the issuing committee gave it.' }),
  }),
});

builder.prismaObject('LevelBand', {
  description: 'The lowest total score that reaches a level.',
  fields: (t) => ({
    level: t.expose('level', { type: MeetingLevelEnum }),
    minScore: t.float({ select: { minScore: true }, resolve: (row) => row.minScore.toNumber() }),
  }),
});

export const ThematicPlanRef = builder.prismaNode('ThematicPlan', {
  description: 'The thematic topics a cell registers for a year (kế hoạch sinh hoạt chuyên đề).',
  id: { field: 'id' },
  ...nodeLookup,
  fields: (t) => ({
    cell: t.relation('cell'),
    year: t.exposeInt('year'),
    status: t.expose('status', { type: PlanStatusEnum }),
    registeredOn: t.expose('registeredOn', { type: 'Date' }),
    approvedBy: t.field({
      type: UnitLabelRef,
      nullable: true,
      description: 'The committee that approved or rejected it.',
      resolve: (plan, _args, ctx) => unitLabel(ctx, plan.approvedByUnitId),
    }),
    decidedOn: t.expose('decidedOn', { type: 'Date', nullable: true }),
    items: t.relation('items', { query: { orderBy: [{ quarter: 'asc' }, { id: 'asc' }] } }),
  }),
});

builder.prismaNode('ThematicPlanItem', {
  description: 'A topic planned for a quarter.',
  id: { field: 'id' },
  ...nodeLookup,
  fields: (t) => ({
    quarter: t.exposeInt('quarter'),
    topic: t.exposeString('topic'),
    meeting: t.relation('meeting', { nullable: true, description: 'The thematic meeting that fulfilled it.' }),
  }),
});


// ───────────── Inputs ─────────────

const MeetingAbsenceInput = builder.inputType('MeetingAbsenceInput', {
  description: 'A member expected at the meeting who was absent.',
  fields: (t) => ({
    memberId: t.id({ required: true }),
    kind: t.field({ type: AbsenceKindEnum, required: true, description: 'Excused (có lý do) or not (không lý do).' }),
    reason: t.string(),
  }),
});

const AssessmentScoreInput = builder.inputType('AssessmentScoreInput', {
  description: 'Points for one criterion, named by its code.',
  fields: (t) => ({
    criterionCode: t.string({ required: true }),
    points: t.float({ required: true, description: 'From 0 to the criterion’s maxPoints, two decimals at most.' }),
  }),
});

const MeetingAssessmentInput = builder.inputType('MeetingAssessmentInput', {
  description:
    'A scoring of a meeting (chấm điểm): every typed criterion of the set exactly once. A criterion computed from the ' +
    'record (Criterion.computation ATTENDANCE) may be left out and takes the points the record earns; points given for ' +
    'it must equal those. The total and level are computed.',
  fields: (t) => ({
    criteriaSetId: t.id({ description: 'Default: the set the cell’s province issued valid that day, else the central default (TW-12-HD-2018).' }),
    assessor: t.field({ type: AssessorKindEnum, description: 'Default CELL.' }),
    assessorUnitId: t.id({ description: 'The committee above, required for SUPERIOR_COMMITTEE.' }),
    workingGroupId: t.id({ description: 'Required for WORKING_GROUP.' }),
    scoredOn: t.field({ type: 'Date', description: 'Default: the day the meeting was held.' }),
    scores: t.field({ type: [AssessmentScoreInput], required: true }),
  }),
});

type AssessmentGraphqlInput = typeof MeetingAssessmentInput.$inferInput;

function decodeAssessment(input: AssessmentGraphqlInput, field: string): AssessmentInput {
  return {
    ...input,
    criteriaSetId: optionalLocalId(input.criteriaSetId, 'CriteriaSet', `${field}.criteriaSetId`),
    assessorUnitId: optionalLocalId(input.assessorUnitId, 'Unit', `${field}.assessorUnitId`),
    workingGroupId: optionalLocalId(input.workingGroupId, 'WorkingGroup', `${field}.workingGroupId`),
  };
}

const MeetingRecordInput = builder.inputType('MeetingRecordInput', {
  description: 'A meeting with its absences and, optionally, its assessment, recorded together.',
  fields: (t) => ({
    cellId: t.id({ required: true, description: 'The cell (chi bộ); it must exist on heldOn.' }),
    kind: t.field({ type: MeetingKindEnum, required: true }),
    year: t.int({ required: true, description: 'The year the meeting counts for.' }),
    month: t.int({ required: true, description: 'The month (1–12) it counts for: the month held or, held late, the one before.' }),
    heldOn: t.field({ type: 'Date', required: true, description: 'The day it starts in Vietnam time (UTC+7).' }),
    startsAt: t.field({ type: 'DateTime', required: true }),
    endsAt: t.field({ type: 'DateTime', required: true }),
    topic: t.string({ required: true }),
    preparedByCommittee: t.boolean({ required: true, description: 'The cell committee prepared it.' }),
    draftResolution: t.boolean({ required: true, description: 'A draft resolution existed (dự thảo nghị quyết).' }),
    separateFromProfessional: t.boolean({ required: true, description: 'Held apart from the professional meeting.' }),
    minutesKept: t.boolean({ required: true, description: 'Minutes were kept (biên bản).' }),
    speakerCount: t.int({ required: true, description: 'Members who spoke.' }),
    absences: t.field({ type: [MeetingAbsenceInput], required: true, description: 'Everyone else expected was present.' }),
    assessment: t.field({ type: MeetingAssessmentInput }),
    planItemId: t.id({ description: 'The thematic plan item a THEMATIC or COMBINED meeting fulfils.' }),
  }),
});

const MeetingAssessInput = builder.inputType('MeetingAssessInput', {
  description: 'Another assessment of a recorded meeting; one per assessor kind.',
  fields: (t) => ({
    meetingId: t.id({ required: true }),
    assessment: t.field({ type: MeetingAssessmentInput, required: true }),
  }),
});

const MeetingUpdateInput = builder.inputType('MeetingUpdateInput', {
  description: 'Corrections to a meeting; omitted fields stay as they are.',
  fields: (t) => ({
    id: t.id({ required: true }),
    topic: t.string(),
    preparedByCommittee: t.boolean(),
    draftResolution: t.boolean(),
    separateFromProfessional: t.boolean(),
    minutesKept: t.boolean(),
    speakerCount: t.int(),
  }),
});

const MeetingDeleteInput = builder.inputType('MeetingDeleteInput', {
  description: 'The meeting to delete, with its absences, assessments and visits.',
  fields: (t) => ({ id: t.id({ required: true }) }),
});

const MeetingFilterInput = builder.inputType('MeetingFilter', {
  description: 'Narrows a list of meetings; every given condition must hold.',
  fields: (t) => ({
    underUnitId: t.id({ description: 'Meetings of cells anywhere under this unit (or of this cell).' }),
    cellId: t.id(),
    year: t.int({ description: 'The year counted for.' }),
    month: t.int({ description: 'The month counted for.' }),
    kind: t.field({ type: MeetingKindEnum }),
    level: t.field({ type: MeetingLevelEnum, description: 'Meetings with an assessment at this level.' }),
    assessor: t.field({ type: AssessorKindEnum, description: 'Meetings with an assessment by this assessor (with level: at that level).' }),
    heldFrom: t.field({ type: 'Date', description: 'Held on or after this day.' }),
    heldTo: t.field({ type: 'Date', description: 'Held on or before this day.' }),
  }),
});

function decodeMeetingFilter(filter: typeof MeetingFilterInput.$inferInput | null | undefined): MeetingFilter | null | undefined {
  if (!filter) return filter;
  return {
    ...filter,
    underUnitId: optionalLocalId(filter.underUnitId, 'Unit', 'filter.underUnitId'),
    cellId: optionalLocalId(filter.cellId, 'Unit', 'filter.cellId'),
  };
}

// ───────────── Lists ─────────────

const MemberAtRiskRef = builder.objectRef<MemberAtRisk>('MemberAtRisk').implement({
  description: 'A member up for removal: unexcused absences in three or more months of a year.',
  fields: (t) => ({
    member: t.prismaField({
      type: 'Member',
      resolve: (query, row, _args, ctx) => ctx.db.member.findUniqueOrThrow({ ...query, where: { id: row.memberId } }),
    }),
    months: t.intList({ description: 'The months (1–12) of the unexcused absences, ascending.', resolve: (row) => row.months }),
  }),
});


const MeetingListOrder = listOrder<Prisma.MeetingOrderByWithRelationInput, 'HELD_ON' | 'SPEAKERS'>(
  'MeetingOrder',
  {
    HELD_ON: { description: 'Theo ngày họp (mặc định: gần nhất trước).', orderBy: (direction) => [{ heldOn: direction }] },
    SPEAKERS: { description: 'Theo số người phát biểu, rồi ngày họp.', orderBy: (direction) => [{ speakerCount: direction }, { heldOn: direction }] },
  },
  { field: 'HELD_ON', direction: 'desc' },
);

builder.queryFields((t) => ({
  meetings: t.prismaConnection({
    type: 'Meeting',
    cursor: 'id',
    description: 'Meetings matching a filter; by default the most recent first (orderBy).',
    args: { filter: t.arg({ type: MeetingFilterInput }), orderBy: t.arg({ type: MeetingListOrder.Input }) },
    resolve: async (query, _root, args, ctx) =>
      ctx.db.meeting.findMany({
        ...query,
        where: await meetingWhere(ctx, decodeMeetingFilter(args.filter)),
        orderBy: MeetingListOrder.prismaOrder(args.orderBy),
      }),
    totalCount: async (_root, args, ctx) => ctx.db.meeting.count({ where: await meetingWhere(ctx, decodeMeetingFilter(args.filter)) }),
  }),
  membersAtRisk: t.field({
    type: [MemberAtRiskRef],
    description:
      'Members absent without excuse (vắng không lý do) from meetings in at least three months of the year, within the unit’s subtree: up for removal (xóa tên) under the Party Charter.',
    args: { unitId: t.arg.id({ required: true }), year: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => membersAtRisk({ ctx, unitId: localId(args.unitId, 'Unit', 'unitId'), year: args.year }),
  }),
}));

builder.prismaObjectFields('OrgUnit', (t) => ({
  meetings: t.prismaConnection({
    type: 'Meeting',
    cursor: 'id',
    description: 'Meetings of the cells in this unit’s subtree matching a filter, the most recent first.',
    args: { filter: t.arg({ type: MeetingFilterInput }) },
    resolve: async (query, unit, args, ctx) =>
      ctx.db.meeting.findMany({ ...query, where: await subtreeMeetingWhere(ctx, unit.path, args.filter), orderBy: meetingOrder }),
    totalCount: async (unit, args, ctx) => ctx.db.meeting.count({ where: await subtreeMeetingWhere(ctx, unit.path, args.filter) }),
  }),
}));

async function subtreeMeetingWhere(ctx: StoreContext, path: string, filter: typeof MeetingFilterInput.$inferInput | null | undefined) {
  return { AND: [await meetingWhere(ctx, decodeMeetingFilter(filter)), { cell: { path: { startsWith: path } } }] };
}

/** One query per year for all the members a request lists, not one per member. */
const unexcusedMonthsLoader = createContextCache(
  (ctx: StoreContext) =>
    new DataLoader<{ memberId: number; year: number }, number[], string>(
      async (keys) => {
        const years = [...new Set(keys.map((key) => key.year))];
        const byYear = new Map(
          await Promise.all(
            years.map(async (year) => {
              const memberIds = keys.filter((key) => key.year === year).map((key) => key.memberId);
              return [year, await unexcusedAbsenceMonths({ ctx, year, memberIds })] as const;
            }),
          ),
        );
        return keys.map((key) => byYear.get(key.year)?.get(key.memberId) ?? []);
      },
      { cacheKeyFn: (key) => `${key.year}:${key.memberId}` },
    ),
);

builder.prismaObjectFields('Member', (t) => ({
  unexcusedAbsenceMonths: t.intList({
    description: 'Months of the year (by the meetings’ month) with an unexcused absence (vắng không lý do); three put the member up for removal.',
    args: { year: t.arg.int({ required: true }) },
    select: { id: true },
    resolve: (member, args, ctx) => unexcusedMonthsLoader(ctx).load({ memberId: member.id, year: args.year }),
  }),
}));

// ───────────── Mutations ─────────────

builder.mutationFields((t) => ({
  meetingRecord: t.prismaField({
    type: 'Meeting',
    description:
      'Record a meeting with its absences and assessment in one go. Expected and present counts, total score and level are computed.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: MeetingRecordInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      recordMeeting({
        ctx,
        query,
        input: {
          ...input,
          cellId: localId(input.cellId, 'Unit', 'input.cellId'),
          absences: input.absences.map((absence, index) => ({
            ...absence,
            memberId: localId(absence.memberId, 'Member', `input.absences.${index}.memberId`),
          })),
          assessment: input.assessment ? decodeAssessment(input.assessment, 'input.assessment') : null,
          planItemId: optionalLocalId(input.planItemId, 'ThematicPlanItem', 'input.planItemId'),
        },
      }),
  }),
  meetingAssess: t.prismaField({
    type: 'MeetingAssessment',
    description: 'Add an assessment of a meeting by another assessor (a working group, the committee above).',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: MeetingAssessInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      assessMeeting({
        ctx,
        query,
        input: {
          meetingId: localId(input.meetingId, 'Meeting', 'input.meetingId'),
          assessment: decodeAssessment(input.assessment, 'input.assessment'),
        },
      }),
  }),
  meetingUpdate: t.prismaField({
    type: 'Meeting',
    description: 'Correct a meeting’s topic, flags and speaker count.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: MeetingUpdateInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => updateMeeting({ ctx, query, input: { ...input, id: localId(input.id, 'Meeting', 'input.id') } }),
  }),
  meetingDelete: t.field({
    type: 'ID',
    description: 'Delete a meeting with its absences, assessments and visits; its thematic plan item is free again. Answers its id.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: MeetingDeleteInput, required: true }) },
    resolve: async (_root, { input }, ctx) => globalId('Meeting', await deleteMeeting({ ctx, id: localId(input.id, 'Meeting', 'input.id') })),
  }),
}));
