// Thematic plans (kế hoạch sinh hoạt chuyên đề) in GraphQL: registering, deciding, listing.
import { builder } from '../../builder.js';
import { mutationErrors } from '../../errors.js';
import { PlanStatusEnum } from '../../graphql/enums.js';
import { localId, optionalLocalId } from '../../graphql/ids.js';
import { listOrder } from '../../graphql/ordering.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { decidePlan, planWhere, registerPlan } from './thematic-plans.service.js';

const ThematicPlanItemInput = builder.inputType('ThematicPlanItemInput', {
  description: 'A topic for a quarter.',
  fields: (t) => ({
    quarter: t.int({ required: true, description: '1 to 4.' }),
    topic: t.string({ required: true }),
  }),
});

const ThematicPlanRegisterInput = builder.inputType('ThematicPlanRegisterInput', {
  description: 'A cell’s thematic topics for a year: at least one a quarter.',
  fields: (t) => ({
    cellId: t.id({ required: true }),
    year: t.int({ required: true }),
    registeredOn: t.field({ type: 'Date', required: true }),
    items: t.field({ type: [ThematicPlanItemInput], required: true }),
  }),
});

const ThematicPlanDecideInput = builder.inputType('ThematicPlanDecideInput', {
  description: 'A committee above the cell approves or rejects its plan.',
  fields: (t) => ({
    planId: t.id({ required: true }),
    approve: t.boolean({ required: true }),
    decidedByUnitId: t.id({ required: true, description: 'A committee above the cell.' }),
    decidedOn: t.field({ type: 'Date', required: true }),
  }),
});

const ThematicPlanFilter = builder.inputType('ThematicPlanFilter', {
  description: 'Narrows a list of thematic plans; every given condition must hold.',
  fields: (t) => ({
    underUnitId: t.id({ description: 'Plans of cells anywhere under this unit.' }),
    year: t.int(),
    status: t.field({ type: PlanStatusEnum }),
  }),
});

function decodeFilter(filter: typeof ThematicPlanFilter.$inferInput | null | undefined) {
  return filter && { ...filter, underUnitId: optionalLocalId(filter.underUnitId, 'Unit', 'filter.underUnitId') };
}

const ThematicPlanListOrder = listOrder<Prisma.ThematicPlanOrderByWithRelationInput, 'YEAR' | 'CELL_NAME' | 'REGISTERED_ON'>(
  'ThematicPlanOrder',
  {
    YEAR: { description: 'Theo năm (mặc định: năm mới nhất trước), rồi tên chi bộ theo thứ tự tiếng Việt.', orderBy: (direction) => [{ year: direction }, { cell: { sortKey: 'asc' } }] },
    CELL_NAME: { description: 'Theo tên chi bộ, thứ tự chữ cái tiếng Việt, rồi năm.', orderBy: (direction) => [{ cell: { sortKey: direction } }, { year: direction }] },
    REGISTERED_ON: { description: 'Theo ngày đăng ký kế hoạch.', orderBy: (direction) => [{ registeredOn: direction }] },
  },
  { field: 'YEAR', direction: 'desc' },
);

builder.queryFields((t) => ({
  thematicPlans: t.prismaConnection({
    type: 'ThematicPlan',
    cursor: 'id',
    description: 'Thematic plans matching a filter; by default by year (newest first), then cell in Vietnamese alphabetical order (orderBy).',
    args: { filter: t.arg({ type: ThematicPlanFilter }), orderBy: t.arg({ type: ThematicPlanListOrder.Input }) },
    resolve: async (query, _root, args, ctx) =>
      ctx.db.thematicPlan.findMany({
        ...query,
        where: await planWhere(ctx, decodeFilter(args.filter)),
        orderBy: ThematicPlanListOrder.prismaOrder(args.orderBy),
      }),
    totalCount: async (_root, args, ctx) => ctx.db.thematicPlan.count({ where: await planWhere(ctx, decodeFilter(args.filter)) }),
  }),
}));

builder.mutationFields((t) => ({
  thematicPlanRegister: t.prismaField({
    type: 'ThematicPlan',
    description: 'Register a cell’s thematic topics for a year; one plan per cell and year.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: ThematicPlanRegisterInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      registerPlan({ ctx, query, input: { ...input, cellId: localId(input.cellId, 'Unit', 'input.cellId') } }),
  }),
  thematicPlanDecide: t.prismaField({
    type: 'ThematicPlan',
    description: 'Approve or reject a registered plan, by a committee above the cell.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: ThematicPlanDecideInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      decidePlan({
        ctx,
        query,
        input: {
          ...input,
          planId: localId(input.planId, 'ThematicPlan', 'input.planId'),
          decidedByUnitId: localId(input.decidedByUnitId, 'Unit', 'input.decidedByUnitId'),
        },
      }),
  }),
}));
