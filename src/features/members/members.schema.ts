// Party members (đảng viên): who they are, where they meet, their exemptions; the member
// lists and the mutations that admit, move, recognise and exempt members.
import { builder } from '../../builder.js';
import { mutationErrors } from '../../errors.js';
import { ExemptionReasonEnum, GenderEnum, MemberStatusEnum, TransferDistanceEnum } from '../../graphql/enums.js';
import { localId, nodeLookup, optionalLocalId } from '../../graphql/ids.js';
import { listOrder } from '../../graphql/ordering.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { unitLabel, UnitLabelRef } from '../units/unit-labels.js';
import { inSubtree, memberListWhere, memberOrder, type MemberListFilter } from './members.query.js';
import {
  addExemption,
  changeMemberStatus,
  createMember,
  endExemption,
  recognizeOfficial,
  restoreMember,
  transferMember,
  updateMember,
} from './members.service.js';

export const MemberRef = builder.prismaNode('Member', {
  description: 'A party member (đảng viên). Birth date, ethnicity and card number are personal data.',
  id: { field: 'id' },
  ...nodeLookup,
  fields: (t) => ({
    fullName: t.exposeString('fullName', { description: 'Họ và tên.' }),
    partyCardNumber: t.exposeString('partyCardNumber', { description: 'Số thẻ đảng viên (personal).', nullable: true }),
    gender: t.expose('gender', { type: GenderEnum }),
    birthDate: t.expose('birthDate', { type: 'Date', description: 'Ngày sinh (personal).', nullable: true }),
    ethnicity: t.exposeString('ethnicity', { description: 'Dân tộc (personal).', nullable: true }),
    youthUnionMember: t.exposeBoolean('youthUnionMember', { description: 'Was a Youth Union member when admitted (đoàn viên).' }),
    status: t.expose('status', { type: MemberStatusEnum }),
    statusChangedOn: t.expose('statusChangedOn', { type: 'Date', nullable: true }),
    admittedOn: t.expose('admittedOn', { type: 'Date', description: 'Ngày kết nạp.' }),
    admittedBy: t.field({
      type: UnitLabelRef,
      nullable: true,
      description: 'The unit that admitted the member.',
      resolve: (member, _args, ctx) => unitLabel(ctx, member.admittedByUnitId),
    }),
    officialOn: t.expose('officialOn', { type: 'Date', nullable: true, description: 'Ngày công nhận chính thức.' }),
    cell: t.relation('cell', {
      nullable: true,
      description: 'The cell the member meets in now; null when that is outside your subtree (the member met in it before).',
    }),
    assignments: t.relation('assignments', {
      description: 'The cells the member has met in, oldest first.',
      query: { orderBy: [{ fromDate: 'asc' }, { id: 'asc' }] },
    }),
    exemptions: t.relation('exemptions', {
      description: 'Exemptions from meetings (miễn sinh hoạt), newest first.',
      query: { orderBy: [{ fromDate: 'desc' }, { id: 'desc' }] },
    }),
    restorations: t.relation('restorations', {
      description: 'Restorations of party membership (phục hồi đảng tịch), oldest first.',
      query: { orderBy: [{ restoredOn: 'asc' }, { id: 'asc' }] },
    }),
  }),
});

builder.prismaObject('MembershipRestoration', {
  description: 'Party membership restored (phục hồi đảng tịch): the member meets in the cell again from that day.',
  fields: (t) => ({
    cell: t.relation('cell', { nullable: true, description: 'The cell the member met in again; null when outside your subtree.' }),
    restoredOn: t.expose('restoredOn', { type: 'Date' }),
    previousStatus: t.expose('previousStatus', { type: MemberStatusEnum, description: 'The departure restored: removed, expelled or left the Party.' }),
    previousStatusOn: t.expose('previousStatusOn', { type: 'Date', description: 'The day of that departure.' }),
    decisionNumber: t.exposeString('decisionNumber', { nullable: true, description: 'Số quyết định.' }),
  }),
});

builder.prismaObject('MemberAssignment', {
  description: 'A period in which a member met in a cell (sinh hoạt tại chi bộ).',
  fields: (t) => ({
    cell: t.relation('cell'),
    fromDate: t.expose('fromDate', { type: 'Date' }),
    toDate: t.expose('toDate', { type: 'Date', nullable: true, description: 'Exclusive end; null while current.' }),
    transferDistance: t.expose('transferDistance', {
      type: TransferDistanceEnum,
      nullable: true,
      description: 'How far the transfer that began this period reached; null for an admission or a restoration.',
    }),
    transferredInFrom: t.exposeString('transferredInFrom', { nullable: true, description: 'Where a member transferred in from outside came from.' }),
  }),
});

builder.prismaNode('MeetingExemption', {
  description: 'Exemption from meetings or work (miễn sinh hoạt, miễn công tác).',
  id: { field: 'id' },
  ...nodeLookup,
  fields: (t) => ({
    member: t.relation('member', { description: 'The member exempted.' }),
    fromDate: t.expose('fromDate', { type: 'Date' }),
    toDate: t.expose('toDate', { type: 'Date', nullable: true, description: 'Last day; null while open-ended.' }),
    reason: t.expose('reason', { type: ExemptionReasonEnum }),
    note: t.exposeString('note', { nullable: true }),
  }),
});

// ───────────── lists ─────────────

const MemberFilter = builder.inputType('MemberFilter', {
  description: 'Narrows a list of members; every given condition must hold.',
  fields: (t) => ({
    underUnitId: t.id({ description: "Only members whose current cell is in this unit's subtree (the unit itself included)." }),
    cellId: t.id({ description: 'Only members of this cell (chi bộ).' }),
    statuses: t.field({
      type: [MemberStatusEnum],
      description: 'Only members in these statuses; default PROBATIONARY and OFFICIAL (dự bị, chính thức).',
    }),
    includeFormer: t.boolean({ description: 'Without statuses: list former members too (transferred out, deceased, removed, expelled, left the Party).' }),
    gender: t.field({ type: GenderEnum }),
    search: t.string({ description: 'Part of the name; diacritics and case are ignored ("hoa an" finds "Hòa An").' }),
    admittedFrom: t.field({ type: 'Date', description: 'Admitted (kết nạp) on or after this day.' }),
    admittedTo: t.field({ type: 'Date', description: 'Admitted (kết nạp) on or before this day.' }),
  }),
});

type MemberFilterValue = typeof MemberFilter.$inferInput;

function decodeFilter(filter: MemberFilterValue | null | undefined): MemberListFilter | null | undefined {
  if (!filter) return filter;
  return {
    ...filter,
    underUnitId: optionalLocalId(filter.underUnitId, 'Unit', 'filter.underUnitId'),
    cellId: optionalLocalId(filter.cellId, 'Unit', 'filter.cellId'),
  };
}

const MemberListOrder = listOrder<Prisma.MemberOrderByWithRelationInput, 'NAME' | 'ADMITTED_ON'>(
  'MemberOrder',
  {
    NAME: {
      description: 'Theo tên rồi họ và tên, thứ tự chữ cái tiếng Việt (mặc định).',
      orderBy: (direction) => [{ sortKey: direction }],
    },
    ADMITTED_ON: { description: 'Theo ngày vào Đảng.', orderBy: (direction) => [{ admittedOn: direction }] },
  },
  { field: 'NAME', direction: 'asc' },
);

builder.queryFields((t) => ({
  members: t.prismaConnection({
    type: 'Member',
    cursor: 'id',
    description: 'Members matching a filter; by default in Vietnamese name order (given name, then full name).',
    args: { filter: t.arg({ type: MemberFilter }), orderBy: t.arg({ type: MemberListOrder.Input }) },
    resolve: async (query, _root, args, ctx) =>
      ctx.db.member.findMany({
        ...query,
        where: await memberListWhere(ctx, decodeFilter(args.filter)),
        orderBy: MemberListOrder.prismaOrder(args.orderBy),
      }),
    totalCount: async (_root, args, ctx) => ctx.db.member.count({ where: await memberListWhere(ctx, decodeFilter(args.filter)) }),
  }),
  memberByCardNumber: t.prismaField({
    type: 'Member',
    nullable: true,
    description: 'The member holding a party card number (số thẻ đảng viên), if any; for roles that read card numbers.',
    args: { cardNumber: t.arg.string({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.db.member.findUnique({ ...query, where: { partyCardNumber: args.cardNumber.trim() } }),
  }),
}));

builder.prismaObjectFields('OrgUnit', (t) => ({
  members: t.prismaConnection({
    type: 'Member',
    cursor: 'id',
    description: "Members whose current cell is in this unit's subtree, in Vietnamese name order.",
    args: { filter: t.arg({ type: MemberFilter }) },
    resolve: async (query, unit, args, ctx) =>
      ctx.db.member.findMany({
        ...query,
        where: { AND: [inSubtree(unit.path), await memberListWhere(ctx, decodeFilter(args.filter))] },
        orderBy: memberOrder,
      }),
    totalCount: async (unit, args, ctx) =>
      ctx.db.member.count({ where: { AND: [inSubtree(unit.path), await memberListWhere(ctx, decodeFilter(args.filter))] } }),
  }),
}));

// ───────────── mutations ─────────────

const MemberCreateInput = builder.inputType('MemberCreateInput', {
  description: 'A member admitted into a cell (kết nạp), or an existing member being recorded.',
  fields: (t) => ({
    fullName: t.string({ required: true }),
    gender: t.field({ type: GenderEnum, required: true }),
    birthDate: t.field({ type: 'Date', required: true, description: 'At least 18 years before admittedOn.' }),
    ethnicity: t.string({ required: true, description: 'Dân tộc, e.g. "Kinh".' }),
    youthUnionMember: t.boolean({ description: 'Was a Youth Union member when admitted (default false).' }),
    partyCardNumber: t.string({ description: 'Số thẻ đảng viên; unique.' }),
    cellId: t.id({ required: true, description: 'The cell (chi bộ) the member meets in; it must exist and not be dissolved.' }),
    admittedOn: t.field({ type: 'Date', required: true, description: 'Ngày kết nạp; not in the future.' }),
    admittedByUnitId: t.id({ description: "The admitting unit; default the cell's grassroots committee, else the cell's parent." }),
    status: t.field({ type: MemberStatusEnum, description: 'PROBATIONARY (default) or OFFICIAL.' }),
    officialOn: t.field({ type: 'Date', description: 'Required for OFFICIAL: at least 12 months after admittedOn.' }),
    joinedCellOn: t.field({ type: 'Date', description: 'First day in this cell; default admittedOn.' }),
    transferredInFrom: t.string({ description: 'A member transferred in from outside (chuyển sinh hoạt đến): the organisation they came from; with transferDistance and joinedCellOn.' }),
    transferDistance: t.field({ type: TransferDistanceEnum, description: 'With transferredInFrom: how far the member came (Biểu 1).' }),
  }),
});

const MemberUpdateInput = builder.inputType('MemberUpdateInput', {
  description: 'Corrections to personal data; a field left out keeps its value.',
  fields: (t) => ({
    id: t.id({ required: true }),
    fullName: t.string(),
    gender: t.field({ type: GenderEnum }),
    birthDate: t.field({ type: 'Date' }),
    ethnicity: t.string(),
    partyCardNumber: t.string({ description: 'Số thẻ đảng viên; unique.' }),
    youthUnionMember: t.boolean(),
  }),
});

const MemberTransferInput = builder.inputType('MemberTransferInput', {
  description: 'A move to another cell (chuyển sinh hoạt), or out of the province.',
  fields: (t) => ({
    id: t.id({ required: true }),
    toCellId: t.id({ description: 'The cell the member moves to; leave out with outOfProvince.' }),
    on: t.field({ type: 'Date', required: true, description: 'First day in the new cell (the old assignment ends then).' }),
    outOfProvince: t.boolean({ description: 'The member moves out of the province: status TRANSFERRED_OUT.' }),
  }),
});

const MemberRecognizeOfficialInput = builder.inputType('MemberRecognizeOfficialInput', {
  description: 'Recognition as an official member after probation (công nhận đảng viên chính thức).',
  fields: (t) => ({
    id: t.id({ required: true }),
    on: t.field({ type: 'Date', required: true, description: 'At least 12 months after admission.' }),
    partyCardNumber: t.string({ description: 'Số thẻ đảng viên, if issued now; unique.' }),
  }),
});

const MemberChangeStatusInput = builder.inputType('MemberChangeStatusInput', {
  description: 'A member leaves the Party: death (từ trần), removal from the list (xóa tên), expulsion (khai trừ) or leaving (ra khỏi Đảng).',
  fields: (t) => ({
    id: t.id({ required: true }),
    status: t.field({ type: MemberStatusEnum, required: true, description: 'DECEASED, REMOVED, EXPELLED or LEFT_PARTY.' }),
    on: t.field({ type: 'Date', required: true }),
  }),
});

const MemberRestoreInput = builder.inputType('MemberRestoreInput', {
  description: 'Party membership restored (phục hồi đảng tịch) to a member removed, expelled or who left the Party.',
  fields: (t) => ({
    id: t.id({ required: true }),
    cellId: t.id({ required: true, description: 'The cell the member meets in from that day; open, in your subtree.' }),
    on: t.field({ type: 'Date', required: true, description: 'After the departure, not in the future.' }),
    decisionNumber: t.string({ description: 'Số quyết định phục hồi đảng tịch.' }),
  }),
});

const MemberExemptionAddInput = builder.inputType('MemberExemptionAddInput', {
  description: 'An exemption from meetings (miễn sinh hoạt); it must not overlap another of the same member.',
  fields: (t) => ({
    memberId: t.id({ required: true }),
    fromDate: t.field({ type: 'Date', required: true }),
    toDate: t.field({ type: 'Date', description: 'Last day; leave out for open-ended.' }),
    reason: t.field({ type: ExemptionReasonEnum, required: true }),
    note: t.string(),
  }),
});

const MemberExemptionEndInput = builder.inputType('MemberExemptionEndInput', {
  description: 'The last day of an exemption.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The exemption.' }),
    toDate: t.field({ type: 'Date', required: true }),
  }),
});

const memberId = (id: string) => localId(id, 'Member', 'input.id');

builder.mutationFields((t) => ({
  memberCreate: t.prismaField({
    type: 'Member',
    description: 'Admit a member into a cell (kết nạp) with the first assignment to that cell.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: MemberCreateInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      createMember({
        ctx,
        query,
        input: {
          ...input,
          cellId: localId(input.cellId, 'Unit', 'input.cellId'),
          admittedByUnitId: optionalLocalId(input.admittedByUnitId, 'Unit', 'input.admittedByUnitId'),
        },
      }),
  }),
  memberUpdate: t.prismaField({
    type: 'Member',
    description: "Correct a member's personal data.",
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: MemberUpdateInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => updateMember({ ctx, query, input: { ...input, id: memberId(input.id) } }),
  }),
  memberTransfer: t.prismaField({
    type: 'Member',
    description: 'Move a member to another cell, or out of the province, on a date.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: MemberTransferInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      transferMember({
        ctx,
        query,
        input: { ...input, id: memberId(input.id), toCellId: optionalLocalId(input.toCellId, 'Unit', 'input.toCellId') },
      }),
  }),
  memberRecognizeOfficial: t.prismaField({
    type: 'Member',
    description: 'End probation: the member becomes official.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: MemberRecognizeOfficialInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => recognizeOfficial({ ctx, query, input: { ...input, id: memberId(input.id) } }),
  }),
  memberChangeStatus: t.prismaField({
    type: 'Member',
    description: 'Record that a member died, was removed from the list or was expelled; closes the cell assignment.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: MemberChangeStatusInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => changeMemberStatus({ ctx, query, input: { ...input, id: memberId(input.id) } }),
  }),
  memberRestore: t.prismaField({
    type: 'Member',
    description: 'Restore party membership (phục hồi đảng tịch): the member meets in a cell again, official if they had been.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: MemberRestoreInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      restoreMember({ ctx, query, input: { ...input, id: memberId(input.id), cellId: localId(input.cellId, 'Unit', 'input.cellId') } }),
  }),
  memberExemptionAdd: t.prismaField({
    type: 'MeetingExemption',
    description: 'Exempt a member from meetings for a period.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: MemberExemptionAddInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      addExemption({ ctx, query, input: { ...input, memberId: localId(input.memberId, 'Member', 'input.memberId') } }),
  }),
  memberExemptionEnd: t.prismaField({
    type: 'MeetingExemption',
    description: 'Set the last day of an exemption.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: MemberExemptionEndInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      endExemption({ ctx, query, input: { ...input, id: localId(input.id, 'MeetingExemption', 'input.id') } }),
  }),
}));
