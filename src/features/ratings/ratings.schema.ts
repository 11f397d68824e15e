// Ratings of units and members (xếp loại) and recognitions (công nhận).
import type { StoreContext } from '../../access/viewer-store.js';
import { builder } from '../../builder.js';
import { mutationErrors } from '../../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { ExcellentCapBaseEnum, RatingLevelEnum, RatingPeriodEnum, RecognitionProgrammeEnum, UnitKindEnum } from '../../graphql/enums.js';
import { localId, nodeLookup, optionalLocalId } from '../../graphql/ids.js';
import { listOrder } from '../../graphql/ordering.js';
import { MemberRef } from '../members/members.schema.js';
import { subtreePath } from '../units/subtree.js';
import { unitLabel, UnitLabelRef } from '../units/unit-labels.js';
import { UnitRef } from '../units/units.schema.js';
import { CURRENT_LEVELS_FROM, DEFAULT_EXCELLENT_CAP } from './rating-rules.js';
import {
  excellentCapBreaches,
  rateMember,
  rateUnit,
  recordRecognition,
  updateMemberRating,
  updateUnitRating,
  type CapBreach,
} from './ratings.service.js';

builder.prismaNode('UnitRating', {
  description: 'The rating of a party organisation for a year, quarter or term (xếp loại tổ chức đảng).',
  id: { field: 'id' },
  ...nodeLookup,
  fields: (t) => ({
    unit: t.relation('unit'),
    year: t.exposeInt('year'),
    period: t.expose('period', { type: RatingPeriodEnum }),
    periodIndex: t.exposeInt('periodIndex', { description: '1–4 for a quarter, 0 otherwise.' }),
    selfAssessedLevel: t.expose('selfAssessedLevel', { type: RatingLevelEnum, nullable: true, description: 'Tự đánh giá.' }),
    proposedLevel: t.expose('proposedLevel', { type: RatingLevelEnum, nullable: true, description: 'Đề xuất.' }),
    level: t.expose('level', { type: RatingLevelEnum, description: 'The decided level.' }),
    score: t.float({ nullable: true, select: { score: true }, resolve: (row) => row.score?.toNumber() ?? null }),
    ruleVersion: t.exposeString('ruleVersion', { description: 'The rules the rating was made under.' }),
    notRatedReason: t.exposeString('notRatedReason', { nullable: true }),
    decidedBy: t.field({
      type: UnitLabelRef,
      nullable: true,
      description: 'The committee that decided (a label: it may stand above your subtree).',
      resolve: (rating, _args, ctx) => unitLabel(ctx, rating.decidedByUnitId),
    }),
    decidedOn: t.expose('decidedOn', { type: 'Date', nullable: true }),
  }),
});

builder.prismaNode('MemberRating', {
  description: 'The rating of a member for a year (xếp loại đảng viên), in the cell they were rated in.',
  id: { field: 'id' },
  ...nodeLookup,
  fields: (t) => ({
    member: t.relation('member'),
    cell: t.relation('cell', { description: 'The cell the member was in at the end of the period, or the last one they left during it.' }),
    year: t.exposeInt('year'),
    period: t.expose('period', { type: RatingPeriodEnum }),
    periodIndex: t.exposeInt('periodIndex'),
    selfAssessedLevel: t.expose('selfAssessedLevel', { type: RatingLevelEnum, nullable: true }),
    proposedLevel: t.expose('proposedLevel', { type: RatingLevelEnum, nullable: true }),
    level: t.expose('level', { type: RatingLevelEnum }),
    score: t.float({ nullable: true, select: { score: true }, resolve: (row) => row.score?.toNumber() ?? null }),
    ruleVersion: t.exposeString('ruleVersion'),
    notRatedReason: t.exposeString('notRatedReason', { nullable: true }),
    decidedOn: t.expose('decidedOn', { type: 'Date', nullable: true }),
  }),
});

builder.prismaNode('Recognition', {
  description: 'A programme a unit registered for and was recognised under (công nhận), e.g. "Chi bộ 4 tốt".',
  id: { field: 'id' },
  ...nodeLookup,
  fields: (t) => ({
    unit: t.relation('unit'),
    programme: t.expose('programme', { type: RecognitionProgrammeEnum }),
    year: t.exposeInt('year'),
    registeredOn: t.expose('registeredOn', { type: 'Date', nullable: true }),
    recognizedOn: t.expose('recognizedOn', { type: 'Date', nullable: true }),
    decisionNumber: t.exposeString('decisionNumber', { nullable: true }),
  }),
});

// ───────────────────────────── Reading ratings ─────────────────────────────

/** The path prefix of the subtree a filter's underUnitId names (undefined: no such condition). */
async function filterSubtreePath(ctx: StoreContext, underUnitId: string | null | undefined): Promise<string | undefined> {
  const id = optionalLocalId(underUnitId, 'Unit', 'filter.underUnitId');
  return id == null ? undefined : subtreePath(ctx, id);
}

const UnitRatingFilter = builder.inputType('UnitRatingFilter', {
  description: 'Narrows a list of unit ratings; every given condition must hold.',
  fields: (t) => ({
    underUnitId: t.id({ description: 'Only units in this unit’s subtree, the unit itself included.' }),
    year: t.int(),
    period: t.field({ type: RatingPeriodEnum }),
    levels: t.field({ type: [RatingLevelEnum], description: 'Only ratings decided at one of these levels.' }),
    unitKind: t.field({ type: UnitKindEnum, description: 'Only units of this kind (e.g. CELL, GRASSROOTS).' }),
  }),
});

async function unitRatingWhere(ctx: StoreContext, filter: typeof UnitRatingFilter.$inferInput | null | undefined): Promise<Prisma.UnitRatingWhereInput> {
  const path = await filterSubtreePath(ctx, filter?.underUnitId);
  return {
    ...(filter?.year != null ? { year: filter.year } : {}),
    ...(filter?.period ? { period: filter.period } : {}),
    ...(filter?.levels ? { level: { in: filter.levels } } : {}),
    unit: { ...(path ? { path: { startsWith: path } } : {}), ...(filter?.unitKind ? { kind: filter.unitKind } : {}) },
  };
}

const MemberRatingFilter = builder.inputType('MemberRatingFilter', {
  description: 'Narrows a list of member ratings; every given condition must hold.',
  fields: (t) => ({
    underUnitId: t.id({ description: 'Only members rated in a cell in this unit’s subtree.' }),
    year: t.int(),
    levels: t.field({ type: [RatingLevelEnum], description: 'Only ratings decided at one of these levels.' }),
  }),
});

async function memberRatingWhere(ctx: StoreContext, filter: typeof MemberRatingFilter.$inferInput | null | undefined): Promise<Prisma.MemberRatingWhereInput> {
  const path = await filterSubtreePath(ctx, filter?.underUnitId);
  return {
    ...(filter?.year != null ? { year: filter.year } : {}),
    ...(filter?.levels ? { level: { in: filter.levels } } : {}),
    ...(path ? { cell: { path: { startsWith: path } } } : {}),
  };
}

const RecognitionFilter = builder.inputType('RecognitionFilter', {
  description: 'Narrows a list of recognitions; every given condition must hold.',
  fields: (t) => ({
    underUnitId: t.id({ description: 'Only units in this unit’s subtree, the unit itself included.' }),
    year: t.int(),
    programme: t.field({ type: RecognitionProgrammeEnum }),
  }),
});

async function recognitionWhere(ctx: StoreContext, filter: typeof RecognitionFilter.$inferInput | null | undefined): Promise<Prisma.RecognitionWhereInput> {
  const path = await filterSubtreePath(ctx, filter?.underUnitId);
  return {
    ...(filter?.year != null ? { year: filter.year } : {}),
    ...(filter?.programme ? { programme: filter.programme } : {}),
    ...(path ? { unit: { path: { startsWith: path } } } : {}),
  };
}

// The defaults keep the lists as they were: the newest year first, then names in Vietnamese order.
const UnitRatingListOrder = listOrder<Prisma.UnitRatingOrderByWithRelationInput, 'YEAR' | 'UNIT_NAME'>(
  'UnitRatingOrder',
  {
    YEAR: {
      description: 'Theo năm (mặc định: năm gần nhất trước), rồi tên tổ chức theo thứ tự tiếng Việt, rồi kỳ.',
      orderBy: (direction) => [{ year: direction }, { unit: { sortKey: 'asc' } }, { period: 'asc' }, { periodIndex: 'asc' }],
    },
    UNIT_NAME: {
      description: 'Theo tên tổ chức, thứ tự chữ cái tiếng Việt, rồi năm gần nhất trước, rồi kỳ.',
      orderBy: (direction) => [{ unit: { sortKey: direction } }, { year: 'desc' }, { period: 'asc' }, { periodIndex: 'asc' }],
    },
  },
  { field: 'YEAR', direction: 'desc' },
);
const MemberRatingListOrder = listOrder<Prisma.MemberRatingOrderByWithRelationInput, 'YEAR' | 'MEMBER_NAME'>(
  'MemberRatingOrder',
  {
    YEAR: {
      description: 'Theo năm (mặc định: năm gần nhất trước), rồi tên đảng viên theo thứ tự tiếng Việt (tên trước, rồi họ tên), rồi kỳ.',
      orderBy: (direction) => [{ year: direction }, { member: { sortKey: 'asc' } }, { period: 'asc' }, { periodIndex: 'asc' }],
    },
    MEMBER_NAME: {
      description: 'Theo tên đảng viên, thứ tự tiếng Việt (tên trước, rồi họ tên), rồi năm gần nhất trước, rồi kỳ.',
      orderBy: (direction) => [{ member: { sortKey: direction } }, { year: 'desc' }, { period: 'asc' }, { periodIndex: 'asc' }],
    },
  },
  { field: 'YEAR', direction: 'desc' },
);
const RecognitionListOrder = listOrder<Prisma.RecognitionOrderByWithRelationInput, 'YEAR' | 'UNIT_NAME'>(
  'RecognitionOrder',
  {
    YEAR: {
      description: 'Theo năm (mặc định: năm gần nhất trước), rồi tên tổ chức theo thứ tự tiếng Việt, rồi danh hiệu.',
      orderBy: (direction) => [{ year: direction }, { unit: { sortKey: 'asc' } }, { programme: 'asc' }],
    },
    UNIT_NAME: {
      description: 'Theo tên tổ chức, thứ tự chữ cái tiếng Việt, rồi năm gần nhất trước, rồi danh hiệu.',
      orderBy: (direction) => [{ unit: { sortKey: direction } }, { year: 'desc' }, { programme: 'asc' }],
    },
  },
  { field: 'YEAR', direction: 'desc' },
);

const ExcellentCapBreachRef = builder.objectRef<CapBreach>('ExcellentCapBreach').implement({
  description:
    'A grassroots organisation whose members rated EXCELLENT (hoàn thành xuất sắc nhiệm vụ) exceed the cap: at most ' +
    'capPercent% of the base, those rated GOOD (hoàn thành tốt nhiệm vụ) or GOOD or better as capBase says.',
  fields: (t) => ({
    unit: t.field({ type: UnitRef, description: 'The grassroots organisation (đảng bộ cơ sở or chi bộ cơ sở).', resolve: (row) => row.unit }),
    excellent: t.exposeInt('excellent', { description: 'Members rated EXCELLENT for the year.' }),
    good: t.exposeInt('good', { description: 'Members rated GOOD for the year.' }),
    capPercent: t.exposeInt('capPercent', { description: 'The cap applied, in percent of the base.' }),
    capBase: t.field({ type: ExcellentCapBaseEnum, description: 'The reading applied: what the percentage was taken of.', resolve: (row) => row.capBase }),
    baseCount: t.exposeInt('baseCount', { description: 'The members the percentage was taken of: good, or good + excellent.' }),
    allowed: t.exposeInt('allowed', { description: 'The most EXCELLENT the cap allows: floor(baseCount × capPercent / 100).' }),
    excess: t.exposeInt('excess', { description: 'EXCELLENT beyond the allowed number.' }),
  }),
});

builder.queryFields((t) => ({
  unitRatings: t.prismaConnection({
    type: 'UnitRating',
    cursor: 'id',
    description: 'Ratings of party organisations; by default newest year first, then units in Vietnamese alphabetical order (orderBy).',
    args: { filter: t.arg({ type: UnitRatingFilter }), orderBy: t.arg({ type: UnitRatingListOrder.Input }) },
    resolve: async (query, _root, args, ctx) =>
      ctx.db.unitRating.findMany({ ...query, where: await unitRatingWhere(ctx, args.filter), orderBy: UnitRatingListOrder.prismaOrder(args.orderBy) }),
    totalCount: async (_root, args, ctx) => ctx.db.unitRating.count({ where: await unitRatingWhere(ctx, args.filter) }),
  }),
  memberRatings: t.prismaConnection({
    type: 'MemberRating',
    cursor: 'id',
    description: 'Ratings of members; by default newest year first, then members in Vietnamese order, given name first (orderBy).',
    args: { filter: t.arg({ type: MemberRatingFilter }), orderBy: t.arg({ type: MemberRatingListOrder.Input }) },
    resolve: async (query, _root, args, ctx) =>
      ctx.db.memberRating.findMany({ ...query, where: await memberRatingWhere(ctx, args.filter), orderBy: MemberRatingListOrder.prismaOrder(args.orderBy) }),
    totalCount: async (_root, args, ctx) => ctx.db.memberRating.count({ where: await memberRatingWhere(ctx, args.filter) }),
  }),
  recognitions: t.prismaConnection({
    type: 'Recognition',
    cursor: 'id',
    description: 'Recognitions (công nhận); by default newest year first, then units in Vietnamese alphabetical order (orderBy).',
    args: { filter: t.arg({ type: RecognitionFilter }), orderBy: t.arg({ type: RecognitionListOrder.Input }) },
    resolve: async (query, _root, args, ctx) =>
      ctx.db.recognition.findMany({ ...query, where: await recognitionWhere(ctx, args.filter), orderBy: RecognitionListOrder.prismaOrder(args.orderBy) }),
    totalCount: async (_root, args, ctx) => ctx.db.recognition.count({ where: await recognitionWhere(ctx, args.filter) }),
  }),
  excellentCapBreaches: t.field({
    type: [ExcellentCapBreachRef],
    description:
      'The grassroots organisations in a unit’s subtree (GRASSROOTS units, and cells directly under a district or ' +
      'province: chi bộ cơ sở) where members rated EXCELLENT for the year exceed capPercent% of the base capBase names ' +
      '(by default 20% of those rated GOOD or better). Each breach names the reading applied. Members count in the cell ' +
      'they were rated in; yearly ratings only. In Vietnamese alphabetical order.',
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
    },
    resolve: (_root, args, ctx) =>
      excellentCapBreaches({
        ctx,
        input: { unitId: localId(args.unitId, 'Unit', 'args.unitId'), year: args.year, capPercent: args.capPercent, capBase: args.capBase },
      }),
  }),
}));

builder.prismaObjectFields(UnitRef, (t) => ({
  ratings: t.relation('ratings', {
    description: 'The unit’s ratings (xếp loại), newest first.',
    query: { orderBy: [{ year: 'desc' }, { period: 'asc' }, { periodIndex: 'desc' }] },
  }),
  recognitions: t.relation('recognitions', {
    description: 'The unit’s recognitions (công nhận), newest first.',
    query: { orderBy: [{ year: 'desc' }, { programme: 'asc' }] },
  }),
}));

builder.prismaObjectFields(MemberRef, (t) => ({
  ratings: t.relation('ratings', {
    description: 'The member’s ratings (xếp loại đảng viên), newest first.',
    query: { orderBy: [{ year: 'desc' }, { period: 'asc' }, { periodIndex: 'desc' }] },
  }),
}));

// ───────────────────────────── Recording ratings ─────────────────────────────

const levelRulesNote =
  `Levels EXCELLENT, GOOD, COMPLETED, NOT_COMPLETED rate years from ${CURRENT_LEVELS_FROM}; before ${CURRENT_LEVELS_FROM}`;
const ruleVersionNote =
  'The rules the rating was made under; when omitted, the guidance in force for the year: ' +
  '"QĐ 124-QĐ/TW (2023)" from 2023, "QĐ 132-QĐ/TW (2018)" for 2018–2022, "Trước 2018 (TSVM)" before 2018.';

type InputFields = Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0];

/** What every new rating states, of a unit or a member. */
const newRatingFields = (t: InputFields, subject: 'unit' | 'member') => ({
  year: t.int({ required: true }),
  period: t.field({ type: RatingPeriodEnum, description: 'YEAR when omitted.' }),
  periodIndex: t.int({ description: 'The quarter, 1–4, for a QUARTER rating; omit (0) otherwise.' }),
  selfAssessedLevel: t.field({
    type: RatingLevelEnum,
    description: subject === 'unit' ? 'The level the unit gave itself (tự đánh giá).' : 'The level the member gave themself (tự đánh giá).',
  }),
  proposedLevel: t.field({
    type: RatingLevelEnum,
    description: subject === 'unit' ? 'The level proposed to the deciding committee (đề xuất).' : 'The level the cell proposed (đề xuất).',
  }),
  level: t.field({ type: RatingLevelEnum, required: true, description: 'The decided level.' }),
  score: t.float({ description: 'Score out of 100, when the rules give one.' }),
  ruleVersion: t.string({ description: ruleVersionNote }),
  notRatedReason: t.string({ description: 'Required if and only if level is NOT_RATED.' }),
  decidedOn: t.field({ type: 'Date', description: 'Not before the rated period begins.' }),
});

/** What a correction of a rating may change: everything but whom and which period it rates. */
const correctionFields = (t: InputFields) => ({
  id: t.id({ required: true }),
  selfAssessedLevel: t.field({ type: RatingLevelEnum }),
  proposedLevel: t.field({ type: RatingLevelEnum }),
  level: t.field({ type: RatingLevelEnum }),
  score: t.float(),
  ruleVersion: t.string({ description: 'Null restores the default for the year.' }),
  notRatedReason: t.string({ description: 'Required if and only if the level is NOT_RATED.' }),
  decidedOn: t.field({ type: 'Date' }),
});

const UnitRateInput = builder.inputType('UnitRateInput', {
  description:
    `A rating of a party organisation (xếp loại tổ chức đảng). ${levelRulesNote} an organisation was rated ` +
    'LEGACY_CLEAN_STRONG_EXEMPLARY, LEGACY_CLEAN_STRONG, GOOD (hoàn thành tốt nhiệm vụ), COMPLETED (hoàn thành nhiệm vụ) ' +
    'or LEGACY_WEAK. NOT_RATED applies in any year, with a reason.',
  fields: (t) => ({
    unitId: t.id({ required: true }),
    ...newRatingFields(t, 'unit'),
    decidedByUnitId: t.id({ description: 'The committee that decided: one above the unit.' }),
  }),
});

const UnitRatingUpdateInput = builder.inputType('UnitRatingUpdateInput', {
  description: 'A correction of a unit rating: omitted fields keep their value, null clears one.',
  fields: (t) => ({
    ...correctionFields(t),
    decidedByUnitId: t.id({ description: 'One above the unit.' }),
  }),
});

const MemberRateInput = builder.inputType('MemberRateInput', {
  description:
    `A rating of a member (xếp loại đảng viên). ${levelRulesNote} a member was rated LEGACY_QUALIFIED_EXCELLENT, ` +
    'LEGACY_QUALIFIED_GOOD, LEGACY_QUALIFIED or LEGACY_VIOLATION. NOT_RATED applies in any year, with a reason. ' +
    'The member must have been in a cell during the period; the rating is kept with that cell.',
  fields: (t) => ({
    memberId: t.id({ required: true }),
    ...newRatingFields(t, 'member'),
  }),
});

const MemberRatingUpdateInput = builder.inputType('MemberRatingUpdateInput', {
  description: 'A correction of a member rating: omitted fields keep their value, null clears one.',
  fields: (t) => correctionFields(t),
});

const RecognitionRecordInput = builder.inputType('RecognitionRecordInput', {
  description:
    'A recognition (công nhận), one per unit, programme and year. EXEMPLARY_ONE_YEAR needs the unit rated EXCELLENT ' +
    'that year, EXEMPLARY_FIVE_YEARS in each of the five years ending that year (before 2018, LEGACY_CLEAN_STRONG or ' +
    'LEGACY_CLEAN_STRONG_EXEMPLARY counts as EXCELLENT).',
  fields: (t) => ({
    unitId: t.id({ required: true }),
    programme: t.field({ type: RecognitionProgrammeEnum, required: true }),
    year: t.int({ required: true }),
    registeredOn: t.field({ type: 'Date', description: 'When the unit registered for the programme (đăng ký).' }),
    recognizedOn: t.field({ type: 'Date', description: 'When it was recognised; not before registeredOn.' }),
    decisionNumber: t.string({ description: 'Number of the recognising decision.' }),
  }),
});

builder.mutationFields((t) => ({
  unitRate: t.prismaField({
    type: 'UnitRating',
    description: 'Rate a party organisation for a period; a second rating for the same period is a ConflictError.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: UnitRateInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      rateUnit({
        ctx,
        query,
        input: {
          ...input,
          unitId: localId(input.unitId, 'Unit', 'input.unitId'),
          decidedByUnitId: optionalLocalId(input.decidedByUnitId, 'Unit', 'input.decidedByUnitId'),
        },
      }),
  }),
  unitRatingUpdate: t.prismaField({
    type: 'UnitRating',
    description: 'Correct a unit rating (not its unit or period).',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: UnitRatingUpdateInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      updateUnitRating({
        ctx,
        query,
        input: {
          ...input,
          id: localId(input.id, 'UnitRating', 'input.id'),
          decidedByUnitId: optionalLocalId(input.decidedByUnitId, 'Unit', 'input.decidedByUnitId'),
        },
      }),
  }),
  memberRate: t.prismaField({
    type: 'MemberRating',
    description: 'Rate a member for a period; a second rating for the same period is a ConflictError.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: MemberRateInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      rateMember({ ctx, query, input: { ...input, memberId: localId(input.memberId, 'Member', 'input.memberId') } }),
  }),
  memberRatingUpdate: t.prismaField({
    type: 'MemberRating',
    description: 'Correct a member rating (not its member, cell or period).',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: MemberRatingUpdateInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      updateMemberRating({ ctx, query, input: { ...input, id: localId(input.id, 'MemberRating', 'input.id') } }),
  }),
  recognitionRecord: t.prismaField({
    type: 'Recognition',
    description: 'Record that a unit was recognised under a programme for a year.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: RecognitionRecordInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      recordRecognition({ ctx, query, input: { ...input, unitId: localId(input.unitId, 'Unit', 'input.unitId') } }),
  }),
}));
