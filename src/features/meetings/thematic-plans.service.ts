// Thematic plans (kế hoạch sinh hoạt chuyên đề): the topics a cell registers for a year, at
// least one a quarter, approved or rejected by a committee above it; a held thematic (or
// combined) meeting fulfils an item of an approved plan.
import type { StoreContext } from '../../access/viewer-store.js';
import { z } from 'zod';
import { isoDate } from '../../dates.js';
import { write, type Tx } from '../../db/write.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { PlanStatus, type MeetingKind, type Prisma } from '../../generated/prisma/client.js';
import { addMessageIssue, calendarDate, parseInput, text, year } from '../../validation.js';
import { subtreePath } from '../units/subtree.js';
import { ancestorIds, findUnit } from '../units/units.service.js';
import { message } from '../../text/messages.js';

type Query = { include?: Prisma.ThematicPlanInclude; select?: Prisma.ThematicPlanSelect };

const QUARTERS = [1, 2, 3, 4] as const;

const registerSchema = z
  .object({
    cellId: z.number().int(),
    year,
    registeredOn: calendarDate,
    items: z
      .array(
        z.object({
          quarter: z.number().int().min(1, 'QUARTER_RANGE').max(4, 'QUARTER_RANGE'),
          topic: text({ max: 500 }),
        }),
      )
      .min(1, 'TOPIC_A_QUARTER'),
  })
  .superRefine((value, ctx) => {
    const missing = QUARTERS.filter((quarter) => !value.items.some((item) => item.quarter === quarter));
    if (missing.length > 0) {
      addMessageIssue(ctx, ['items'], message('QUARTERS_WITHOUT_TOPIC', { quarters: missing.join(', ') }));
    }
  });

export type ThematicPlanRegisterInput = z.input<typeof registerSchema>;

export async function registerPlan({ ctx, input, query }: { ctx: StoreContext; input: ThematicPlanRegisterInput; query: Query }) {
  const data = parseInput(registerSchema, input);
  return write(ctx, async (tx) => {
    const cell = await findUnit(tx, data.cellId, 'input.cellId');
    if (cell.kind !== 'CELL') throw ValidationError.of('input.cellId', message('PLANS_ARE_CELLS', { unit: cell.name, kind: cell.kind }));
    const existing = await tx.thematicPlan.findUnique({ where: { cellId_year: { cellId: cell.id, year: data.year } } });
    if (existing) {
      throw new ConflictError(
        'input.year',
        message('PLAN_ALREADY_REGISTERED', { cell: cell.name, year: data.year, on: isoDate(existing.registeredOn), status: existing.status }),
      );
    }
    return tx.thematicPlan.create({
      ...query,
      data: { cellId: cell.id, year: data.year, registeredOn: data.registeredOn, items: { create: data.items } },
    });
  });
}

const decideSchema = z.object({
  planId: z.number().int(),
  approve: z.boolean(),
  decidedByUnitId: z.number().int(),
  decidedOn: calendarDate,
});

export type ThematicPlanDecideInput = z.input<typeof decideSchema>;

export async function decidePlan({ ctx, input, query }: { ctx: StoreContext; input: ThematicPlanDecideInput; query: Query }) {
  const data = parseInput(decideSchema, input);
  return write(ctx, async (tx) => {
    const plan = await tx.thematicPlan.findUnique({ where: { id: data.planId }, include: { cell: true } });
    if (!plan) throw new NotFoundError('thematic plan', 'input.planId', String(data.planId));
    if (plan.status !== 'REGISTERED') {
      throw new ConflictError('input.planId', message('PLAN_ALREADY_DECIDED', { status: plan.status, on: plan.decidedOn ? isoDate(plan.decidedOn) : '?' }));
    }
    const committee = await findUnit(tx, data.decidedByUnitId, 'input.decidedByUnitId');
    if (!ancestorIds(plan.cell).includes(committee.id)) {
      throw ValidationError.of('input.decidedByUnitId', message('NOT_COMMITTEE_ABOVE', { committee: committee.name, unit: plan.cell.name }));
    }
    if (data.decidedOn < plan.registeredOn) {
      throw ValidationError.of('input.decidedOn', message('NOT_BEFORE', { what: 'the plan was registered', date: isoDate(plan.registeredOn) }));
    }
    return tx.thematicPlan.update({
      ...query,
      where: { id: plan.id },
      data: {
        status: data.approve ? PlanStatus.APPROVED : PlanStatus.REJECTED,
        approvedByUnitId: committee.id,
        decidedOn: data.decidedOn,
      },
    });
  });
}

/**
 * Checks that a meeting may fulfil a plan item: a thematic or combined meeting of the plan's
 * cell, in the plan's year, the plan approved and the item not yet fulfilled.
 */
export async function checkPlanItemForMeeting(
  tx: Tx,
  itemId: number,
  meeting: { cellId: number; cellName: string; year: number; kind: MeetingKind },
): Promise<void> {
  const field = 'input.planItemId';
  // Only a thematic meeting, alone or combined with the regular one, carries out a planned topic.
  if (meeting.kind !== 'THEMATIC' && meeting.kind !== 'COMBINED') {
    throw ValidationError.of(field, message('ONLY_THEMATIC_FULFILS', { kind: meeting.kind }));
  }
  const item = await tx.thematicPlanItem.findUnique({
    where: { id: itemId },
    include: { plan: true, meeting: { select: { heldOn: true } } },
  });
  if (!item) throw new NotFoundError('thematic plan item', field, String(itemId));
  if (item.plan.cellId !== meeting.cellId || item.plan.year !== meeting.year) {
    throw ValidationError.of(field, message('ITEM_OF_OTHER_PLAN', { cell: meeting.cellName, year: meeting.year }));
  }
  if (item.plan.status !== 'APPROVED') {
    throw ValidationError.of(field, message('PLAN_NOT_APPROVED', { year: meeting.year, status: item.plan.status }));
  }
  if (item.meeting) {
    throw new ConflictError(field, message('ITEM_ALREADY_FULFILLED', { topic: item.topic, day: isoDate(item.meeting.heldOn) }));
  }
}

export interface ThematicPlanFilter {
  underUnitId?: number | null;
  year?: number | null;
  status?: PlanStatus | null;
}

export async function planWhere(ctx: StoreContext, filter: ThematicPlanFilter | null | undefined): Promise<Prisma.ThematicPlanWhereInput> {
  const where: Prisma.ThematicPlanWhereInput = {};
  if (filter?.underUnitId != null) {
    where.cell = { path: { startsWith: await subtreePath(ctx, filter.underUnitId) } };
  }
  if (filter?.year != null) where.year = filter.year;
  if (filter?.status) where.status = filter.status;
  return where;
}
