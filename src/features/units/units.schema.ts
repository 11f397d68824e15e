// The unit tree in GraphQL: Unit nodes, tree navigation, subtree search, and the
// mutations that build and reshape the tree.
import { builder } from '../../builder.js';
import { mutationErrors } from '../../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { LineageKindEnum, UnitCategoryEnum, UnitKindEnum } from '../../graphql/enums.js';
import { localId, nodeLookup, optionalLocalId } from '../../graphql/ids.js';
import { foldForSearch } from '../../text/vietnamese.js';
import { unitLabel, unitLabels, UnitLabelRef } from './unit-labels.js';
import { ancestorIds, createUnit, recordLineage, updateUnit } from './units.service.js';
import { listOrder } from '../../graphql/ordering.js';

export const unitOrder: Prisma.OrgUnitOrderByWithRelationInput[] = [{ sortKey: 'asc' }, { id: 'asc' }];

const UnitListOrder = listOrder<Prisma.OrgUnitOrderByWithRelationInput, 'NAME' | 'CODE' | 'FOUNDED'>(
  'UnitOrder',
  {
    NAME: { description: 'Theo tên, thứ tự chữ cái tiếng Việt (mặc định).', orderBy: (direction) => [{ sortKey: direction }] },
    CODE: { description: 'Theo mã tổ chức.', orderBy: (direction) => [{ code: direction }] },
    FOUNDED: { description: 'Theo ngày thành lập (validFrom).', orderBy: (direction) => [{ validFrom: direction }] },
  },
  { field: 'NAME', direction: 'asc' },
);

const UnitFilter = builder.inputType('UnitFilter', {
  description: 'Narrows a list of units; every given condition must hold.',
  fields: (t) => ({
    kind: t.field({ type: UnitKindEnum }),
    category: t.field({ type: UnitCategoryEnum }),
    search: t.string({ description: 'Part of the name; diacritics and case are ignored ("hoa an" finds "Hòa An").' }),
    activeOn: t.field({ type: 'Date', description: 'Only units that existed on this day.' }),
    includeDissolved: t.boolean({ description: 'Include units dissolved or merged away (default false).' }),
  }),
});

type UnitFilterValue = typeof UnitFilter.$inferInput;

function unitWhere(filter: UnitFilterValue | null | undefined): Prisma.OrgUnitWhereInput {
  const where: Prisma.OrgUnitWhereInput = {};
  if (!filter) return { validTo: null };
  if (filter.kind) where.kind = filter.kind;
  if (filter.category) where.category = filter.category;
  if (filter.search) where.searchName = { contains: foldForSearch(filter.search) };
  if (filter.activeOn) {
    where.validFrom = { lte: filter.activeOn };
    where.OR = [{ validTo: null }, { validTo: { gte: filter.activeOn } }];
  } else if (!filter.includeDissolved) {
    where.validTo = null;
  }
  return where;
}

export const UnitRef = builder.prismaNode('OrgUnit', {
  name: 'Unit',
  description: 'A party organisation (tổ chức đảng): province, district, grassroots committee, sub-committee or cell.',
  id: { field: 'id' },
  ...nodeLookup,
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable code, unique across all time.' }),
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: UnitKindEnum }),
    category: t.expose('category', { type: UnitCategoryEnum, nullable: true }),
    depth: t.exposeInt('depth', { description: '0 for a root (province).' }),
    validFrom: t.expose('validFrom', { type: 'Date' }),
    validTo: t.expose('validTo', { type: 'Date', nullable: true, description: 'Last day; null while the unit exists.' }),
    parent: t.prismaField({
      type: 'OrgUnit',
      nullable: true,
      description: 'The unit directly above; null at the top, and above the subtree you may see (`ancestors` names it).',
      select: { parentId: true },
      resolve: (query, unit, _args, ctx) => (unit.parentId === null ? null : ctx.db.orgUnit.findUnique({ ...query, where: { id: unit.parentId } })),
    }),
    children: t.relation('children', {
      description: 'Units directly under this one, in Vietnamese alphabetical order.',
      args: { includeDissolved: t.arg.boolean({ defaultValue: false, required: true }) },
      query: (args) => ({ where: args.includeDissolved ? {} : { validTo: null }, orderBy: unitOrder }),
    }),
    childCount: t.relationCount('children', { where: { validTo: null }, description: 'Units directly under this one that exist.' }),
    ancestors: t.field({
      type: [UnitLabelRef],
      description: 'Units above this one, the root first, as labels (above your subtree only the name is yours to see).',
      resolve: (unit, _args, ctx) => unitLabels(ctx, ancestorIds(unit)),
    }),
    subtree: t.prismaConnection({
      type: 'OrgUnit',
      cursor: 'id',
      description: 'Units anywhere below this one, in Vietnamese alphabetical order; search by name here.',
      args: { filter: t.arg({ type: UnitFilter }) },
      resolve: (query, unit, args, ctx) =>
        ctx.db.orgUnit.findMany({
          ...query,
          where: { ...unitWhere(args.filter), path: { startsWith: unit.path }, id: { not: unit.id } },
          orderBy: unitOrder,
        }),
      totalCount: (unit, args, ctx) =>
        ctx.db.orgUnit.count({
          where: { ...unitWhere(args.filter), path: { startsWith: unit.path }, id: { not: unit.id } },
        }),
    }),
    lineageFrom: t.relation('lineageFrom', { description: 'What became of this unit (merged into, renamed, …).' }),
    lineageTo: t.relation('lineageTo', { description: 'Units that became part of this one.' }),
  }),
});

builder.prismaObject('UnitLineage', {
  description: 'A merge, split, rename or transfer, with its date (lịch sử sáp nhập, chia tách).',
  fields: (t) => ({
    kind: t.expose('kind', { type: LineageKindEnum }),
    from: t.field({
      type: UnitLabelRef,
      nullable: true,
      resolve: (l, _args, ctx) => unitLabel(ctx, l.fromUnitId),
    }),
    to: t.field({
      type: UnitLabelRef,
      nullable: true,
      resolve: (l, _args, ctx) => unitLabel(ctx, l.toUnitId),
    }),
    effectiveOn: t.expose('effectiveOn', { type: 'Date' }),
    decisionNumber: t.exposeString('decisionNumber', { nullable: true }),
    note: t.exposeString('note', { nullable: true }),
  }),
});

builder.queryFields((t) => ({
  roots: t.prismaField({
    type: ['OrgUnit'],
    description: 'The top of the tree you see: the provinces, or the unit your access is scoped to.',
    resolve: (query, _root, _args, ctx) =>
      ctx.db.orgUnit.findMany({
        ...query,
        where: ctx.viewer.scopeUnitId === null ? { parentId: null } : { id: ctx.viewer.scopeUnitId },
        orderBy: unitOrder,
      }),
  }),
  unitByCode: t.prismaField({
    type: 'OrgUnit',
    nullable: true,
    args: { code: t.arg.string({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.db.orgUnit.findUnique({ ...query, where: { code: args.code.trim() } }),
  }),
  units: t.prismaConnection({
    type: 'OrgUnit',
    cursor: 'id',
    description: 'All units matching a filter; by default by name in Vietnamese alphabetical order (orderBy).',
    args: { filter: t.arg({ type: UnitFilter }), orderBy: t.arg({ type: UnitListOrder.Input }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.orgUnit.findMany({ ...query, where: unitWhere(args.filter), orderBy: UnitListOrder.prismaOrder(args.orderBy) }),
    totalCount: (_root, args, ctx) => ctx.db.orgUnit.count({ where: unitWhere(args.filter) }),
  }),
}));

const UnitCreateInput = builder.inputType('UnitCreateInput', {
  fields: (t) => ({
    code: t.string({ required: true }),
    name: t.string({ required: true }),
    kind: t.field({ type: UnitKindEnum, required: true }),
    category: t.field({ type: UnitCategoryEnum, description: 'Required for cells.' }),
    parentId: t.id({ description: 'Omit only for a province.' }),
    validFrom: t.field({ type: 'Date', required: true, description: 'Founding date.' }),
  }),
});

const UnitUpdateInput = builder.inputType('UnitUpdateInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string({ description: 'A rename; record lineage RENAME too when it is a decision.' }),
    category: t.field({ type: UnitCategoryEnum }),
    parentId: t.id({ description: 'Move the unit and everything under it here.' }),
    movedOn: t.field({ type: 'Date', description: 'The day the move takes effect (today when omitted); figures can still be grouped by the structure before it.' }),
    validTo: t.field({ type: 'Date', description: 'Dissolve the unit: its last day.' }),
  }),
});

const UnitLineageInput = builder.inputType('UnitLineageInput', {
  fields: (t) => ({
    kind: t.field({ type: LineageKindEnum, required: true }),
    fromUnitId: t.id({ required: true }),
    toUnitId: t.id({ required: true }),
    effectiveOn: t.field({ type: 'Date', required: true }),
    decisionNumber: t.string(),
    note: t.string(),
    moveChildren: t.boolean({ description: 'For MERGE: move the merged unit’s units under the unit it merged into.' }),
  }),
});

builder.mutationFields((t) => ({
  unitCreate: t.prismaField({
    type: 'OrgUnit',
    description: 'Found a unit under a parent.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: UnitCreateInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      createUnit({
        ctx,
        query,
        input: { ...input, parentId: optionalLocalId(input.parentId, 'Unit', 'input.parentId') },
      }),
  }),
  unitUpdate: t.prismaField({
    type: 'OrgUnit',
    description: 'Rename, recategorise, move or dissolve a unit.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: UnitUpdateInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      updateUnit({
        ctx,
        query,
        input: {
          ...input,
          id: localId(input.id, 'Unit', 'input.id'),
          parentId: optionalLocalId(input.parentId, 'Unit', 'input.parentId'),
        },
      }),
  }),
  unitRecordLineage: t.prismaField({
    type: 'UnitLineage',
    description: 'Record a merge, split, rename or transfer; a merge dissolves the merged unit.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: UnitLineageInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      recordLineage({
        ctx,
        query,
        input: {
          ...input,
          fromUnitId: localId(input.fromUnitId, 'Unit', 'input.fromUnitId'),
          toUnitId: localId(input.toUnitId, 'Unit', 'input.toUnitId'),
          moveChildren: input.moveChildren ?? false,
        },
      }),
  }),
}));
