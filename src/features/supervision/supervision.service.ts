// Rules of supervision: working groups (tổ công tác) formed by a committee, the cells
// assigned to them, their visits to meetings (dự sinh hoạt), and the yearly summary.
//
// Dates: an assignment's toDate and a group's dissolvedOn are exclusive, as in
// MemberAssignment: the first day the cell is no longer assigned, the group no longer acts.
import { z } from 'zod';
import { mayChange, type StoreContext } from '../../access/viewer-store.js';
import { write, type Tx } from '../../db/write.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.js';
import type { OrgUnit, Prisma, WorkingGroup, WorkingGroupAssignment } from '../../generated/prisma/client.js';
import { vietnameseCollator } from '../../text/vietnamese.js';
import { calendarDate, optionalText, parseInput, text, year } from '../../validation.js';
import { subtreePath } from '../units/subtree.js';
import { findNamedUnit, readUnitLabels } from '../units/unit-labels.query.js';
import { ancestorIds, findUnit } from '../units/units.service.js';
import { message } from '../../text/messages.js';

type GroupQuery = { include?: Prisma.WorkingGroupInclude; select?: Prisma.WorkingGroupSelect };
type VisitQuery = { include?: Prisma.MeetingVisitInclude; select?: Prisma.MeetingVisitSelect };

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** Whether a unit existed on a day (validTo is its last day). */
function unitExistedOn(unit: OrgUnit, day: Date): boolean {
  return unit.validFrom <= day && (unit.validTo === null || unit.validTo >= day);
}

/** Whether an assignment has the cell in the group's charge on a day (its toDate is exclusive). */
export function assignmentCovers(assignment: Pick<WorkingGroupAssignment, 'fromDate' | 'toDate'>, day: Date): boolean {
  return assignment.fromDate <= day && (assignment.toDate === null || day < assignment.toDate);
}

/** Whether a group could act on a day: formed by then and not yet dissolved. */
export function groupActiveOn(group: Pick<WorkingGroup, 'formedOn' | 'dissolvedOn'>, day: Date): boolean {
  return group.formedOn <= day && (group.dissolvedOn === null || day < group.dissolvedOn);
}

async function findGroup(tx: Tx, id: number, field: string): Promise<WorkingGroup> {
  const group = await tx.workingGroup.findUnique({ where: { id } });
  if (!group) throw new NotFoundError('working group', field, String(id));
  return group;
}

/** That a group did not act on a day: it was formed later or dissolved before. */
function notActing(group: Pick<WorkingGroup, 'name' | 'formedOn' | 'dissolvedOn'>, day: Date) {
  return message('GROUP_NOT_ACTING_ON', { group: group.name, day: isoDate(day), formed: isoDate(group.formedOn), dissolved: group.dissolvedOn ? isoDate(group.dissolvedOn) : '' });
}

/** A group the writer may change: one their subtree's committee formed (a group only seen supervising is not). */
async function findGroupToChange(tx: Tx, id: number, field: string): Promise<WorkingGroup> {
  const group = await findGroup(tx, id, field);
  if (!(await mayChange(tx, 'WorkingGroup', id))) {
    const formedBy = (await readUnitLabels(tx, [group.formedByUnitId]))[0]?.name ?? String(group.formedByUnitId);
    throw new ForbiddenError(field, message('GROUP_FORMED_BY', { group: group.name, committee: formedBy }));
  }
  return group;
}

// ───────────────────────────── Forming a group ─────────────────────────────

const createSchema = z.object({
  name: text({ max: 200 }),
  decisionNumber: text({ max: 60 }),
  formedByUnitId: z.number().int(),
  formedOn: calendarDate,
  members: z
    .array(z.object({ fullName: text({ max: 120 }), role: text({ max: 120 }), memberId: z.number().int().nullish() }))
    .min(1, 'GROUP_NEEDS_MEMBER')
    .max(50),
});

export type WorkingGroupCreateInput = z.input<typeof createSchema>;

/** A new group's own facts, as workingGroupCreate and the import check them. */
export function checkNewGroup(input: WorkingGroupCreateInput) {
  return parseInput(createSchema, input);
}

/** A group is formed by a committee (not a cell) that existed on the day. */
export function checkFormingUnit(unit: OrgUnit, formedOn: Date, fields = { unit: 'input.formedByUnitId', formedOn: 'input.formedOn' }): void {
  if (unit.kind === 'CELL') {
    throw ValidationError.of(fields.unit, message('GROUP_BY_COMMITTEE', { unit: unit.name }));
  }
  if (!unitExistedOn(unit, formedOn)) {
    throw ValidationError.of(fields.formedOn, message('UNIT_NOT_ON', { unit: unit.name, day: isoDate(formedOn) }));
  }
}

export async function createWorkingGroup({ ctx, input, query }: { ctx: StoreContext; input: WorkingGroupCreateInput; query: GroupQuery }) {
  const data = checkNewGroup(input);
  return write(ctx, async (tx) => {
    const unit = await findUnit(tx, data.formedByUnitId, 'input.formedByUnitId');
    checkFormingUnit(unit, data.formedOn);
    const seen = new Set<number>();
    for (const [index, person] of data.members.entries()) {
      if (person.memberId == null) continue;
      const field = `input.members.${index}.memberId`;
      if (seen.has(person.memberId)) throw ValidationError.of(field, message('MEMBER_ALREADY_LISTED'));
      seen.add(person.memberId);
      const member = await tx.member.findUnique({ where: { id: person.memberId }, select: { id: true } });
      if (!member) throw new NotFoundError('member', field, String(person.memberId));
    }
    return tx.workingGroup.create({
      ...query,
      data: {
        name: data.name,
        decisionNumber: data.decisionNumber,
        formedByUnitId: unit.id,
        formedOn: data.formedOn,
        members: {
          create: data.members.map((person) => ({ fullName: person.fullName, role: person.role, memberId: person.memberId ?? null })),
        },
      },
    });
  });
}

// ───────────────────────────── Assigning cells ─────────────────────────────

const assignSchema = z.object({
  groupId: z.number().int(),
  cellIds: z.array(z.number().int()).min(1).max(500),
  fromDate: calendarDate,
});

export type AssignCellsInput = z.input<typeof assignSchema>;

/** An assignment's facts (the cells listed, the day), as workingGroupAssignCells and the import check them. */
export function checkAssignCells(input: AssignCellsInput) {
  return parseInput(assignSchema, input);
}

/** A group takes cells only on a day it acts. */
export function checkGroupActsOn(group: Pick<WorkingGroup, 'name' | 'formedOn' | 'dissolvedOn'>, day: Date, field: string): void {
  if (!groupActiveOn(group, day)) {
    throw ValidationError.of(field, notActing(group, day));
  }
}

/** A cell a group may take: a cell under the forming committee, existing on the day. */
export function checkAssignableCell(cell: OrgUnit, formedBy: { id: number; name: string }, fromDate: Date, field: string): void {
  if (cell.kind !== 'CELL') throw ValidationError.of(field, message('NOT_A_CELL', { unit: cell.name }));
  if (!ancestorIds(cell).includes(formedBy.id)) {
    throw ValidationError.of(field, message('CELL_NOT_UNDER_FORMER', { cell: cell.name, committee: formedBy.name }));
  }
  if (!unitExistedOn(cell, fromDate)) {
    throw ValidationError.of(field, message('UNIT_NOT_ON', { unit: cell.name, day: isoDate(fromDate) }));
  }
}

/**
 * Assigns cells of the forming committee's subtree to a group. A cell assigned before and
 * since unassigned is assigned again from the new date (the store keeps one row per group
 * and cell, so the earlier period is replaced).
 */
export async function assignCells({ ctx, input, query }: { ctx: StoreContext; input: AssignCellsInput; query: GroupQuery }) {
  const data = checkAssignCells(input);
  return write(ctx, async (tx) => {
    const group = await findGroupToChange(tx, data.groupId, 'input.groupId');
    checkGroupActsOn(group, data.fromDate, 'input.fromDate');
    const formedBy = await findNamedUnit(tx, group.formedByUnitId, 'input.groupId');
    const seen = new Set<number>();
    for (const [index, cellId] of data.cellIds.entries()) {
      const field = `input.cellIds.${index}`;
      if (seen.has(cellId)) throw ValidationError.of(field, message('CELL_ALREADY_LISTED'));
      seen.add(cellId);
      const cell = await findUnit(tx, cellId, field);
      checkAssignableCell(cell, formedBy, data.fromDate, field);
      const existing = await tx.workingGroupAssignment.findUnique({ where: { groupId_cellId: { groupId: group.id, cellId } } });
      if (existing && existing.toDate === null) {
        throw new ConflictError(field, message('CELL_ALREADY_ASSIGNED', { cell: cell.name, group: group.name, since: isoDate(existing.fromDate) }));
      }
      if (existing && existing.toDate && data.fromDate < existing.toDate) {
        throw ValidationError.of('input.fromDate', message('ASSIGNMENT_ENDED', { cell: cell.name, group: group.name, until: isoDate(existing.toDate) }));
      }
      await tx.workingGroupAssignment.upsert({
        where: { groupId_cellId: { groupId: group.id, cellId } },
        create: { groupId: group.id, cellId, fromDate: data.fromDate },
        update: { fromDate: data.fromDate, toDate: null },
      });
    }
    return tx.workingGroup.findUniqueOrThrow({ ...query, where: { id: group.id } });
  });
}

const unassignSchema = z.object({ groupId: z.number().int(), cellId: z.number().int(), toDate: calendarDate });
export type UnassignCellInput = z.input<typeof unassignSchema>;

export async function unassignCell({ ctx, input, query }: { ctx: StoreContext; input: UnassignCellInput; query: GroupQuery }) {
  const data = parseInput(unassignSchema, input);
  return write(ctx, async (tx) => {
    const group = await findGroupToChange(tx, data.groupId, 'input.groupId');
    const cell = await findUnit(tx, data.cellId, 'input.cellId');
    const assignment = await tx.workingGroupAssignment.findUnique({ where: { groupId_cellId: { groupId: group.id, cellId: cell.id } } });
    if (!assignment || assignment.toDate !== null) {
      throw ValidationError.of('input.cellId', message('CELL_NOT_ASSIGNED', { cell: cell.name, group: group.name }));
    }
    if (data.toDate < assignment.fromDate) {
      throw ValidationError.of('input.toDate', message('NOT_BEFORE', { what: 'the assignment began', date: isoDate(assignment.fromDate) }));
    }
    const laterVisit = await tx.meetingVisit.findFirst({
      where: { workingGroupId: group.id, meeting: { cellId: cell.id, heldOn: { gte: data.toDate } } },
      select: { meeting: { select: { heldOn: true } } },
    });
    if (laterVisit) {
      throw ValidationError.of('input.toDate', message('GROUP_VISITED_AFTER', { group: group.name, cell: cell.name, day: isoDate(laterVisit.meeting.heldOn) }));
    }
    await tx.workingGroupAssignment.update({
      where: { groupId_cellId: { groupId: group.id, cellId: cell.id } },
      data: { toDate: data.toDate },
    });
    return tx.workingGroup.findUniqueOrThrow({ ...query, where: { id: group.id } });
  });
}

const dissolveSchema = z.object({ groupId: z.number().int(), on: calendarDate });
export type DissolveInput = z.input<typeof dissolveSchema>;

/** Dissolves a group from a day on and ends its open assignments that day. */
export async function dissolveGroup({ ctx, input, query }: { ctx: StoreContext; input: DissolveInput; query: GroupQuery }) {
  const data = parseInput(dissolveSchema, input);
  return write(ctx, async (tx) => {
    const group = await findGroupToChange(tx, data.groupId, 'input.groupId');
    if (group.dissolvedOn) {
      throw ValidationError.of('input.groupId', message('UNIT_DISSOLVED_ON', { unit: group.name, date: isoDate(group.dissolvedOn) }));
    }
    if (data.on < group.formedOn) {
      throw ValidationError.of('input.on', message('NOT_BEFORE', { what: 'the group was formed', date: isoDate(group.formedOn) }));
    }
    const laterAssignment = await tx.workingGroupAssignment.findFirst({
      where: { groupId: group.id, fromDate: { gt: data.on } },
      select: { fromDate: true },
    });
    if (laterAssignment) {
      throw ValidationError.of('input.on', message('CELL_ASSIGNED_AFTER', { day: isoDate(laterAssignment.fromDate) }));
    }
    const laterVisit = await tx.meetingVisit.findFirst({
      where: { workingGroupId: group.id, meeting: { heldOn: { gte: data.on } } },
      select: { meeting: { select: { heldOn: true } } },
    });
    if (laterVisit) {
      throw ValidationError.of('input.on', message('GROUP_VISITED_FROM', { day: isoDate(laterVisit.meeting.heldOn) }));
    }
    await tx.workingGroupAssignment.updateMany({ where: { groupId: group.id, toDate: null }, data: { toDate: data.on } });
    return tx.workingGroup.update({ ...query, where: { id: group.id }, data: { dissolvedOn: data.on } });
  });
}

// ───────────────────────────── Visits ─────────────────────────────

const visitSchema = z
  .object({
    meetingId: z.number().int(),
    workingGroupId: z.number().int().nullish(),
    visitorUnitId: z.number().int().nullish(),
    visitorName: optionalText({ max: 200 }),
    comments: optionalText({ max: 4000 }),
    recommendations: optionalText({ max: 4000 }),
  })
  .superRefine((value, context) => {
    if ((value.workingGroupId == null) === (value.visitorUnitId == null)) {
      context.addIssue({ code: 'custom', path: ['workingGroupId'], message: 'GROUP_OR_COMMITTEE' });
    }
    if (value.visitorUnitId != null && !value.visitorName) {
      context.addIssue({ code: 'custom', path: ['visitorName'], message: 'VISITOR_NAME_REQUIRED' });
    }
  });

export type VisitInput = z.input<typeof visitSchema>;

/** A visit's own facts (a group or a committee, the visitor's name), as visitRecord and the import check them. */
export function checkVisit(input: VisitInput) {
  return parseInput(visitSchema, input);
}

/** A visiting group acted on the meeting's day and was assigned to its cell then (`assigned`). */
export function checkVisitingGroup(group: Pick<WorkingGroup, 'name' | 'formedOn' | 'dissolvedOn'>, assigned: boolean, cell: { name: string }, heldOn: Date): void {
  if (!groupActiveOn(group, heldOn)) {
    throw ValidationError.of('input.workingGroupId', notActing(group, heldOn));
  }
  if (!assigned) {
    throw ValidationError.of('input.workingGroupId', message('GROUP_NOT_ASSIGNED_ON', { group: group.name, cell: cell.name, day: isoDate(heldOn) }));
  }
}

/** A visiting committee member comes from a committee above the cell. */
export function checkVisitingUnit(unit: { id: number; name: string }, cell: Pick<OrgUnit, 'id' | 'path' | 'name'>): void {
  if (!ancestorIds(cell).includes(unit.id)) {
    throw ValidationError.of('input.visitorUnitId', message('NOT_COMMITTEE_ABOVE', { committee: unit.name, unit: cell.name }));
  }
}

/** The same visitor recorded twice at one meeting. */
export function visitorAlreadyRecorded(who: { workingGroupId: number | null; visitorName: string }): ConflictError {
  return new ConflictError(who.workingGroupId ? 'input.workingGroupId' : 'input.visitorName', message('VISITOR_ALREADY_RECORDED', { visitor: who.visitorName }));
}

/** Who visited: a group assigned to the cell that day, or a member of a committee above it. */
async function visitor(tx: Tx, data: z.output<typeof visitSchema>, meeting: { cellId: number; heldOn: Date }) {
  const cell = await findUnit(tx, meeting.cellId, 'input.meetingId');
  if (data.workingGroupId != null) {
    const group = await findGroup(tx, data.workingGroupId, 'input.workingGroupId');
    // The store keeps one assignment per group and cell.
    const assignment = await tx.workingGroupAssignment.findUnique({ where: { groupId_cellId: { groupId: group.id, cellId: cell.id } } });
    checkVisitingGroup(group, assignment !== null && assignmentCovers(assignment, meeting.heldOn), cell, meeting.heldOn);
    return { workingGroupId: group.id, visitorUnitId: null, visitorName: data.visitorName ?? group.name };
  }
  const unit = await findNamedUnit(tx, data.visitorUnitId ?? 0, 'input.visitorUnitId');
  checkVisitingUnit(unit, cell);
  return { workingGroupId: null, visitorUnitId: unit.id, visitorName: data.visitorName ?? unit.name };
}

export async function recordVisit({ ctx, input, query }: { ctx: StoreContext; input: VisitInput; query: VisitQuery }) {
  const data = checkVisit(input);
  return write(ctx, async (tx) => {
    const meeting = await tx.meeting.findUnique({ where: { id: data.meetingId }, select: { id: true, cellId: true, heldOn: true } });
    if (!meeting) throw new NotFoundError('meeting', 'input.meetingId', String(data.meetingId));
    const who = await visitor(tx, data, meeting);
    const duplicate = await tx.meetingVisit.findFirst({
      where: who.workingGroupId
        ? { meetingId: meeting.id, workingGroupId: who.workingGroupId }
        : { meetingId: meeting.id, visitorUnitId: who.visitorUnitId, visitorName: who.visitorName },
      select: { id: true },
    });
    if (duplicate) throw visitorAlreadyRecorded(who);
    return tx.meetingVisit.create({
      ...query,
      data: {
        meetingId: meeting.id,
        ...who,
        comments: data.comments ?? null,
        recommendations: data.recommendations ?? null,
      },
    });
  });
}

// ───────────────────────────── Summary ─────────────────────────────

export interface GroupSummary {
  group: WorkingGroup;
  /** Cells assigned to the group at any time during the year. */
  cellsAssigned: number;
  /** Visits to meetings held during the year. */
  visits: number;
  /** Distinct cells whose meetings the group visited during the year. */
  cellsVisited: number;
}

const summarySchema = z.object({ unitId: z.number().int(), year });

/** Per working group formed in a unit's subtree and acting during a year: its coverage. */
export async function supervisionSummary({ ctx, input }: { ctx: StoreContext; input: z.input<typeof summarySchema> }): Promise<GroupSummary[]> {
  const data = parseInput(summarySchema, input, 'args');
  const db = ctx.db;
  const path = await subtreePath(ctx, data.unitId);
  const start = new Date(Date.UTC(data.year, 0, 1));
  const end = new Date(Date.UTC(data.year + 1, 0, 1));
  const groups = await db.workingGroup.findMany({
    where: {
      formedByUnit: { path: { startsWith: path } },
      formedOn: { lt: end },
      OR: [{ dissolvedOn: null }, { dissolvedOn: { gt: start } }],
    },
    include: {
      assignments: { where: { fromDate: { lt: end }, OR: [{ toDate: null }, { toDate: { gt: start } }] }, select: { cellId: true } },
      visits: { where: { meeting: { heldOn: { gte: start, lt: end } } }, select: { meeting: { select: { cellId: true } } } },
    },
  });
  return groups
    .map(({ assignments, visits, ...group }) => ({
      group,
      cellsAssigned: assignments.length,
      visits: visits.length,
      cellsVisited: new Set(visits.map((visit) => visit.meeting.cellId)).size,
    }))
    .sort((a, b) => vietnameseCollator.compare(a.group.name, b.group.name) || a.group.id - b.group.id);
}
