// Supervision: working groups (tổ công tác), the cells assigned to them, their visits.
import type { StoreContext } from '../../access/viewer-store.js';
import { builder } from '../../builder.js';
import { mutationErrors } from '../../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { localId, nodeLookup, optionalLocalId } from '../../graphql/ids.js';
import { listOrder } from '../../graphql/ordering.js';
import {
  assignCells,
  createWorkingGroup,
  dissolveGroup,
  recordVisit,
  supervisionSummary,
  unassignCell,
  type GroupSummary,
} from './supervision.service.js';
import { subtreePath } from '../units/subtree.js';
import { unitLabel, UnitLabelRef } from '../units/unit-labels.js';

export const WorkingGroupRef = builder.prismaNode('WorkingGroup', {
  description: 'A working group formed by a committee’s decision (tổ công tác), e.g. "1777-QĐ/HU".',
  id: { field: 'id' },
  ...nodeLookup,
  fields: (t) => ({
    name: t.exposeString('name'),
    decisionNumber: t.exposeString('decisionNumber', { description: 'Number of the forming decision (số quyết định).' }),
    formedBy: t.field({
      type: UnitLabelRef,
      nullable: true,
      description: 'The committee that formed the group (a label: it may stand above your subtree).',
      resolve: (group, _args, ctx) => unitLabel(ctx, group.formedByUnitId),
    }),
    formedOn: t.expose('formedOn', { type: 'Date' }),
    dissolvedOn: t.expose('dissolvedOn', { type: 'Date', nullable: true, description: 'First day the group no longer acts.' }),
    members: t.relation('members', { query: { orderBy: { id: 'asc' } } }),
    assignments: t.relation('assignments', {
      description: 'Cells the group is or was responsible for, earliest first.',
      query: { orderBy: [{ fromDate: 'asc' }, { cell: { sortKey: 'asc' } }] },
    }),
    visits: t.relation('visits', {
      description: 'Meetings the group attended (dự sinh hoạt), latest first.',
      query: { orderBy: [{ meeting: { heldOn: 'desc' } }, { id: 'desc' }] },
    }),
  }),
});

builder.prismaObject('WorkingGroupMember', {
  description: 'A person in a working group.',
  fields: (t) => ({
    id: t.exposeID('id'),
    fullName: t.exposeString('fullName'),
    role: t.exposeString('role', { description: 'Title in the group, e.g. "Tổ trưởng".' }),
    member: t.relation('member', { nullable: true, description: 'The party member, when recorded.' }),
  }),
});

builder.prismaObject('WorkingGroupAssignment', {
  description: 'A cell assigned to a working group (chi bộ được phân công phụ trách).',
  fields: (t) => ({
    cell: t.relation('cell'),
    fromDate: t.expose('fromDate', { type: 'Date' }),
    toDate: t.expose('toDate', { type: 'Date', nullable: true, description: 'Exclusive end: the first day no longer assigned; null while current.' }),
  }),
});

builder.prismaObject('MeetingVisit', {
  description: 'A working group or a committee member attended a meeting (dự sinh hoạt).',
  fields: (t) => ({
    id: t.exposeID('id'),
    meeting: t.relation('meeting'),
    workingGroup: t.relation('workingGroup', { nullable: true }),
    visitorUnit: t.field({
      type: UnitLabelRef,
      nullable: true,
      description: 'The committee the visitor came from.',
      resolve: (visit, _args, ctx) => unitLabel(ctx, visit.visitorUnitId),
    }),
    visitorName: t.exposeString('visitorName', { description: 'Who attended; the group’s name when a group did.' }),
    comments: t.exposeString('comments', { nullable: true, description: 'Nhận xét.' }),
    recommendations: t.exposeString('recommendations', { nullable: true, description: 'Kiến nghị, đề xuất.' }),
  }),
});

// ───────────────────────────── Reading ─────────────────────────────

const WorkingGroupFilter = builder.inputType('WorkingGroupFilter', {
  description: 'Narrows a list of working groups; every given condition must hold.',
  fields: (t) => ({
    formedByUnitId: t.id({ description: 'Only groups formed by this committee.' }),
    underUnitId: t.id({ description: 'Only groups formed by a committee in this unit’s subtree, the unit itself included.' }),
    activeOn: t.field({ type: 'Date', description: 'Only groups formed by and not dissolved on this day.' }),
  }),
});

async function workingGroupWhere(ctx: StoreContext, filter: typeof WorkingGroupFilter.$inferInput | null | undefined): Promise<Prisma.WorkingGroupWhereInput> {
  const where: Prisma.WorkingGroupWhereInput = {};
  if (!filter) return where;
  const formedBy = optionalLocalId(filter.formedByUnitId, 'Unit', 'filter.formedByUnitId');
  if (formedBy != null) where.formedByUnitId = formedBy;
  const underId = optionalLocalId(filter.underUnitId, 'Unit', 'filter.underUnitId');
  if (underId != null) {
    where.formedByUnit = { path: { startsWith: await subtreePath(ctx, underId) } };
  }
  if (filter.activeOn) {
    where.formedOn = { lte: filter.activeOn };
    where.OR = [{ dissolvedOn: null }, { dissolvedOn: { gt: filter.activeOn } }];
  }
  return where;
}

const VisitFilter = builder.inputType('VisitFilter', {
  description: 'Narrows a list of visits; every given condition must hold.',
  fields: (t) => ({
    underUnitId: t.id({ description: 'Visits to meetings of cells in this unit’s subtree.' }),
    workingGroupId: t.id({ description: 'Visits by this working group.' }),
    heldFrom: t.field({ type: 'Date', description: 'Meetings held on or after this day.' }),
    heldTo: t.field({ type: 'Date', description: 'Meetings held on or before this day.' }),
  }),
});

async function visitWhere(ctx: StoreContext, filter: typeof VisitFilter.$inferInput | null | undefined): Promise<Prisma.MeetingVisitWhereInput> {
  if (!filter) return {};
  const meeting: Prisma.MeetingWhereInput = {};
  const underId = optionalLocalId(filter.underUnitId, 'Unit', 'filter.underUnitId');
  if (underId != null) {
    meeting.cell = { path: { startsWith: await subtreePath(ctx, underId) } };
  }
  if (filter.heldFrom || filter.heldTo) {
    meeting.heldOn = { ...(filter.heldFrom ? { gte: filter.heldFrom } : {}), ...(filter.heldTo ? { lte: filter.heldTo } : {}) };
  }
  const groupId = optionalLocalId(filter.workingGroupId, 'WorkingGroup', 'filter.workingGroupId');
  return { meeting, ...(groupId != null ? { workingGroupId: groupId } : {}) };
}

const GroupSummaryRef = builder.objectRef<GroupSummary>('WorkingGroupSummary').implement({
  description: 'What a working group covered in a year (tổng hợp dự sinh hoạt).',
  fields: (t) => ({
    workingGroup: t.field({ type: WorkingGroupRef, resolve: (row) => row.group }),
    cellsAssigned: t.exposeInt('cellsAssigned', { description: 'Cells assigned to the group at any time in the year.' }),
    visits: t.exposeInt('visits', { description: 'Meetings held in the year that the group attended.' }),
    cellsVisited: t.exposeInt('cellsVisited', { description: 'Distinct cells whose meetings the group attended in the year.' }),
  }),
});

// The default keeps the list as it was: the latest meeting first.
const VisitListOrder = listOrder<Prisma.MeetingVisitOrderByWithRelationInput, 'HELD_ON' | 'CELL_NAME'>(
  'VisitOrder',
  {
    HELD_ON: { description: 'Theo ngày họp được dự (mặc định: gần nhất trước).', orderBy: (direction) => [{ meeting: { heldOn: direction } }] },
    CELL_NAME: {
      description: 'Theo tên chi bộ được dự, thứ tự chữ cái tiếng Việt, rồi ngày họp gần nhất trước.',
      orderBy: (direction) => [{ meeting: { cell: { sortKey: direction } } }, { meeting: { heldOn: 'desc' } }],
    },
  },
  { field: 'HELD_ON', direction: 'desc' },
);

builder.queryFields((t) => ({
  workingGroups: t.prismaConnection({
    type: 'WorkingGroup',
    cursor: 'id',
    description: 'Working groups, the most recently formed first.',
    args: { filter: t.arg({ type: WorkingGroupFilter }) },
    resolve: async (query, _root, args, ctx) =>
      ctx.db.workingGroup.findMany({
        ...query,
        where: await workingGroupWhere(ctx, args.filter),
        orderBy: [{ formedOn: 'desc' }, { id: 'asc' }],
      }),
    totalCount: async (_root, args, ctx) => ctx.db.workingGroup.count({ where: await workingGroupWhere(ctx, args.filter) }),
  }),
  visits: t.prismaConnection({
    type: 'MeetingVisit',
    cursor: 'id',
    description: 'Visits of working groups and committee members to meetings (dự sinh hoạt); by default the latest meeting first (orderBy).',
    args: { filter: t.arg({ type: VisitFilter }), orderBy: t.arg({ type: VisitListOrder.Input }) },
    resolve: async (query, _root, args, ctx) =>
      ctx.db.meetingVisit.findMany({ ...query, where: await visitWhere(ctx, args.filter), orderBy: VisitListOrder.prismaOrder(args.orderBy) }),
    totalCount: async (_root, args, ctx) => ctx.db.meetingVisit.count({ where: await visitWhere(ctx, args.filter) }),
  }),
  supervisionSummary: t.field({
    type: [GroupSummaryRef],
    description:
      'Per working group formed in a unit’s subtree and acting during a year: cells assigned, visits made, distinct ' +
      'cells visited. In Vietnamese alphabetical order of the group’s name.',
    args: { unitId: t.arg.id({ required: true }), year: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) =>
      supervisionSummary({ ctx, input: { unitId: localId(args.unitId, 'Unit', 'args.unitId'), year: args.year } }),
  }),
}));

// ───────────────────────────── Writing ─────────────────────────────

const WorkingGroupMemberInput = builder.inputType('WorkingGroupMemberInput', {
  description: 'A person in a new working group.',
  fields: (t) => ({
    fullName: t.string({ required: true }),
    role: t.string({ required: true, description: 'Title in the group, e.g. "Tổ trưởng", "Thành viên".' }),
    memberId: t.id({ description: 'The party member, when known.' }),
  }),
});

const WorkingGroupCreateInput = builder.inputType('WorkingGroupCreateInput', {
  description: 'A working group formed by a committee’s decision (quyết định thành lập tổ công tác).',
  fields: (t) => ({
    name: t.string({ required: true, description: 'e.g. "Tổ công tác số 1".' }),
    decisionNumber: t.string({ required: true, description: 'e.g. "1777-QĐ/HU".' }),
    formedByUnitId: t.id({ required: true, description: 'The committee forming the group (not a cell).' }),
    formedOn: t.field({ type: 'Date', required: true }),
    members: t.field({ type: [WorkingGroupMemberInput], required: true, description: 'At least one.' }),
  }),
});

const WorkingGroupAssignCellsInput = builder.inputType('WorkingGroupAssignCellsInput', {
  description: 'Cells to put in a working group’s charge: each a cell under the committee that formed the group.',
  fields: (t) => ({
    groupId: t.id({ required: true }),
    cellIds: t.idList({ required: true }),
    fromDate: t.field({ type: 'Date', required: true }),
  }),
});

const WorkingGroupUnassignCellInput = builder.inputType('WorkingGroupUnassignCellInput', {
  description: 'Ends a cell’s assignment to a working group.',
  fields: (t) => ({
    groupId: t.id({ required: true }),
    cellId: t.id({ required: true }),
    toDate: t.field({ type: 'Date', required: true, description: 'The first day the cell is no longer assigned.' }),
  }),
});

const WorkingGroupDissolveInput = builder.inputType('WorkingGroupDissolveInput', {
  description: 'Dissolves a working group; its open assignments end the same day.',
  fields: (t) => ({
    groupId: t.id({ required: true }),
    on: t.field({ type: 'Date', required: true, description: 'The first day the group no longer acts.' }),
  }),
});

const VisitRecordInput = builder.inputType('VisitRecordInput', {
  description:
    'A visit to a meeting (dự sinh hoạt): by a working group assigned to the meeting’s cell on its date, or by a ' +
    'member of a committee above the cell (visitorUnitId with visitorName). Give one of workingGroupId, visitorUnitId.',
  fields: (t) => ({
    meetingId: t.id({ required: true }),
    workingGroupId: t.id(),
    visitorUnitId: t.id({ description: 'The committee above the cell the visitor came from.' }),
    visitorName: t.string({ description: 'Who attended; required with visitorUnitId, the group’s name by default.' }),
    comments: t.string({ description: 'Nhận xét.' }),
    recommendations: t.string({ description: 'Kiến nghị, đề xuất.' }),
  }),
});

builder.mutationFields((t) => ({
  workingGroupCreate: t.prismaField({
    type: 'WorkingGroup',
    description: 'Form a working group with its members.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: WorkingGroupCreateInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      createWorkingGroup({
        ctx,
        query,
        input: {
          ...input,
          formedByUnitId: localId(input.formedByUnitId, 'Unit', 'input.formedByUnitId'),
          members: input.members.map((person, index) => ({
            ...person,
            memberId: optionalLocalId(person.memberId, 'Member', `input.members.${index}.memberId`),
          })),
        },
      }),
  }),
  workingGroupAssignCells: t.prismaField({
    type: 'WorkingGroup',
    description: 'Put cells in a working group’s charge from a date; all of them or none.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: WorkingGroupAssignCellsInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      assignCells({
        ctx,
        query,
        input: {
          ...input,
          groupId: localId(input.groupId, 'WorkingGroup', 'input.groupId'),
          cellIds: input.cellIds.map((id, index) => localId(String(id), 'Unit', `input.cellIds.${index}`)),
        },
      }),
  }),
  workingGroupUnassignCell: t.prismaField({
    type: 'WorkingGroup',
    description: 'End a cell’s assignment to a working group.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: WorkingGroupUnassignCellInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      unassignCell({
        ctx,
        query,
        input: {
          ...input,
          groupId: localId(input.groupId, 'WorkingGroup', 'input.groupId'),
          cellId: localId(input.cellId, 'Unit', 'input.cellId'),
        },
      }),
  }),
  workingGroupDissolve: t.prismaField({
    type: 'WorkingGroup',
    description: 'Dissolve a working group.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: WorkingGroupDissolveInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      dissolveGroup({ ctx, query, input: { ...input, groupId: localId(input.groupId, 'WorkingGroup', 'input.groupId') } }),
  }),
  visitRecord: t.prismaField({
    type: 'MeetingVisit',
    description: 'Record that a working group or a committee member attended a meeting.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: VisitRecordInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      recordVisit({
        ctx,
        query,
        input: {
          ...input,
          meetingId: localId(input.meetingId, 'Meeting', 'input.meetingId'),
          workingGroupId: optionalLocalId(input.workingGroupId, 'WorkingGroup', 'input.workingGroupId'),
          visitorUnitId: optionalLocalId(input.visitorUnitId, 'Unit', 'input.visitorUnitId'),
        },
      }),
  }),
}));
