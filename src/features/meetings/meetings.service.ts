// Recording meetings (buổi sinh hoạt): the meeting, its absences and its assessment in one
// transaction; expected and present counts derived from the cell's members that day.
import type { StoreContext } from '../../access/viewer-store.js';
import { z } from 'zod';
import { isoDate, vietnamDay } from '../../dates.js';
import { write, type Tx } from '../../db/write.js';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../../errors.js';
import { AbsenceKind, MeetingKind, MeetingLevel, AssessorKind, type OrgUnit, type Prisma } from '../../generated/prisma/client.js';
import { addMessageIssue, calendarDate, optionalText, parseInput, text, year } from '../../validation.js';
import { subtreePath } from '../units/subtree.js';
import { findUnit } from '../units/units.service.js';
import { addAssessment, assessmentSchema } from './assessments.service.js';
import { expectedMemberIds, notExpectedBecause, type AssignedMember } from './attendance.js';
import { countingMonthProblem, monthLabel, regularMonthKey } from './meeting-calendar.js';
import { checkPlanItemForMeeting } from './thematic-plans.service.js';
import { message } from '../../text/messages.js';

type Query = { include?: Prisma.MeetingInclude; select?: Prisma.MeetingSelect };

const speakerCount = z.number().int().min(0);

const recordSchema = z
  .object({
    cellId: z.number().int(),
    kind: z.enum(MeetingKind),
    year,
    month: z.number().int().min(1, 'MONTH_RANGE').max(12, 'MONTH_RANGE'),
    heldOn: calendarDate,
    startsAt: z.date(),
    endsAt: z.date(),
    topic: text({ max: 500 }),
    preparedByCommittee: z.boolean(),
    draftResolution: z.boolean(),
    separateFromProfessional: z.boolean(),
    minutesKept: z.boolean(),
    speakerCount,
    absences: z.array(z.object({ memberId: z.number().int(), kind: z.enum(AbsenceKind), reason: optionalText({ max: 500 }) })),
    assessment: assessmentSchema.nullish(),
    planItemId: z.number().int().nullish(),
  })
  .superRefine((value, ctx) => {
    if (value.endsAt <= value.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'ENDS_AFTER_START' });
    const startDay = vietnamDay(value.startsAt);
    if (startDay !== isoDate(value.heldOn)) {
      addMessageIssue(ctx, ['heldOn'], message('HELD_ON_START_DAY', { day: startDay }));
    }
    const monthProblem = countingMonthProblem(value.heldOn, value.year, value.month);
    if (monthProblem) addMessageIssue(ctx, ['month'], monthProblem);
  });

export type MeetingRecordInput = z.input<typeof recordSchema>;
type MeetingRecord = z.output<typeof recordSchema>;

export async function recordMeeting({ ctx, input, query }: { ctx: StoreContext; input: MeetingRecordInput; query: Query }) {
  const data = parseInput(recordSchema, input);
  return write(ctx, async (tx) => {
    const id = await recordParsedMeeting(tx, data);
    return tx.meeting.findUniqueOrThrow({ ...query, where: { id } });
  });
}

/** Records a meeting inside a transaction the caller holds (an import runs many of them). */
export async function recordMeetingIn(tx: Tx, input: MeetingRecordInput): Promise<number> {
  return recordParsedMeeting(tx, parseInput(recordSchema, input));
}

async function recordParsedMeeting(tx: Tx, data: MeetingRecord): Promise<number> {
  const cell = await findCellOn(tx, data.cellId, data.heldOn);
  const key = regularMonthKey(data.kind, data.year, data.month);
  if (key !== null) await assertMonthFree(tx, cell, key, data.year, data.month);
  if (data.planItemId != null) {
    await checkPlanItemForMeeting(tx, data.planItemId, { cellId: cell.id, cellName: cell.name, year: data.year, kind: data.kind });
  }
  const expected = await checkAbsences(tx, cell, data.heldOn, data.absences);

  const meeting = await tx.meeting.create({
    data: {
      cellId: cell.id,
      kind: data.kind,
      year: data.year,
      month: data.month,
      heldOn: data.heldOn,
      startsAt: data.startsAt,
      endsAt: data.endsAt,
      topic: data.topic,
      preparedByCommittee: data.preparedByCommittee,
      draftResolution: data.draftResolution,
      separateFromProfessional: data.separateFromProfessional,
      minutesKept: data.minutesKept,
      speakerCount: data.speakerCount,
      expectedCount: expected.size,
      presentCount: expected.size - data.absences.length,
      regularMonthKey: key,
      planItemId: data.planItemId ?? null,
      absences: {
        create: data.absences.map((absence) => ({ memberId: absence.memberId, kind: absence.kind, reason: absence.reason ?? null })),
      },
    },
    select: { id: true, heldOn: true, expectedCount: true, presentCount: true },
  });
  if (data.assessment) {
    const attendance = {
      expected: meeting.expectedCount,
      present: meeting.presentCount,
      unexcused: data.absences.filter((absence) => absence.kind === 'UNEXCUSED').length,
    };
    await addAssessment(tx, { ...meeting, cell, attendance }, data.assessment, 'input.assessment');
  }
  return meeting.id;
}

/** The unit, which must be a cell that existed on the day. */
async function findCellOn(tx: Tx, cellId: number, day: Date): Promise<OrgUnit> {
  const cell = await findUnit(tx, cellId, 'input.cellId');
  if (cell.kind !== 'CELL') throw ValidationError.of('input.cellId', message('MEETINGS_ARE_CELLS', { unit: cell.name, kind: cell.kind }));
  if (cell.validFrom > day || (cell.validTo && cell.validTo < day)) {
    const until = cell.validTo ? isoDate(cell.validTo) : '';
    throw ValidationError.of('input.cellId', message('CELL_NOT_EXISTING_ON', { unit: cell.name, from: isoDate(cell.validFrom), until, day: isoDate(day) }));
  }
  return cell;
}

/** One regular (or combined) meeting per cell and month. */
async function assertMonthFree(tx: Tx, cell: OrgUnit, key: number, countsYear: number, countsMonth: number): Promise<void> {
  const existing = await tx.meeting.findUnique({
    where: { cellId_regularMonthKey: { cellId: cell.id, regularMonthKey: key } },
    select: { kind: true, heldOn: true },
  });
  if (existing) {
    throw new ConflictError(
      'input.month',
      message('MONTH_TAKEN', { kind: existing.kind, month: monthLabel(countsYear, countsMonth), cell: cell.name, heldOn: isoDate(existing.heldOn) }),
    );
  }
}

/** The members assigned to the cell on the day, with what decides whether they are expected. */
async function assignedMembers(tx: Tx, cellId: number, day: Date): Promise<(AssignedMember & { fullName: string })[]> {
  const rows = await tx.memberAssignment.findMany({
    where: { cellId, fromDate: { lte: day }, OR: [{ toDate: null }, { toDate: { gt: day } }] },
    select: {
      member: {
        select: {
          id: true,
          fullName: true,
          status: true,
          statusChangedOn: true,
          exemptions: {
            where: { fromDate: { lte: day }, OR: [{ toDate: null }, { toDate: { gte: day } }] },
            select: { fromDate: true, toDate: true, reason: true },
          },
        },
      },
    },
  });
  // A member counts once even if two assignment rows overlap the day.
  return [...new Map(rows.map((row) => [row.member.id, row.member])).values()];
}

/**
 * Every absentee must be expected that day and listed once. Answers the ids of the members
 * expected, whose count is the meeting's expected count.
 */
async function checkAbsences(tx: Tx, cell: OrgUnit, day: Date, absences: MeetingRecord['absences']): Promise<Set<number>> {
  const assigned = await assignedMembers(tx, cell.id, day);
  const expected = expectedMemberIds(assigned, day);
  const byId = new Map(assigned.map((member) => [member.id, member]));
  const issues: FieldIssue[] = [];
  const seen = new Set<number>();
  for (const [index, absence] of absences.entries()) {
    const field = `input.absences.${index}.memberId`;
    const member = byId.get(absence.memberId);
    if (seen.has(absence.memberId)) {
      issues.push({ field, message: message('MEMBER_LISTED_TWICE') });
    } else if (!member) {
      const other = await tx.member.findUnique({ where: { id: absence.memberId }, select: { fullName: true } });
      if (!other) throw new NotFoundError('member', field, String(absence.memberId));
      issues.push({ field, message: message('NOT_MEMBER_OF_CELL_ON', { member: other.fullName, cell: cell.name, day: isoDate(day) }) });
    } else if (!expected.has(member.id)) {
      issues.push({ field, message: notExpectedBecause(member, day, member.fullName) ?? message('INVALID') });
    }
    seen.add(absence.memberId);
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return expected;
}

const updateSchema = z.object({
  id: z.number().int(),
  topic: text({ max: 500 }).nullish(),
  preparedByCommittee: z.boolean().nullish(),
  draftResolution: z.boolean().nullish(),
  separateFromProfessional: z.boolean().nullish(),
  minutesKept: z.boolean().nullish(),
  speakerCount: speakerCount.nullish(),
});

export type MeetingUpdateInput = z.input<typeof updateSchema>;

/** Corrects a meeting's topic, flags and speakers; anything else is a delete and a new record. */
export async function updateMeeting({ ctx, input, query }: { ctx: StoreContext; input: MeetingUpdateInput; query: Query }) {
  const { id, ...changes } = parseInput(updateSchema, input);
  return write(ctx, async (tx) => {
    await findMeeting(tx, id);
    const data = Object.fromEntries(Object.entries(changes).filter(([, value]) => value != null));
    return tx.meeting.update({ ...query, where: { id }, data });
  });
}

/** Deletes a meeting; its absences, assessments and visits go with it (cascades), and its plan item is free again. */
export async function deleteMeeting({ ctx, id }: { ctx: StoreContext; id: number }): Promise<number> {
  return write(ctx, async (tx) => {
    await findMeeting(tx, id);
    await tx.meeting.delete({ where: { id } });
    return id;
  });
}

async function findMeeting(tx: Tx, id: number) {
  const meeting = await tx.meeting.findUnique({ where: { id }, select: { id: true } });
  if (!meeting) throw new NotFoundError('meeting', 'input.id', String(id));
  return meeting;
}

export interface MeetingFilter {
  underUnitId?: number | null;
  cellId?: number | null;
  year?: number | null;
  month?: number | null;
  kind?: MeetingKind | null;
  level?: MeetingLevel | null;
  assessor?: AssessorKind | null;
  heldFrom?: Date | null;
  heldTo?: Date | null;
}

export const meetingOrder: Prisma.MeetingOrderByWithRelationInput[] = [{ heldOn: 'desc' }, { id: 'desc' }];

/** The conditions of a filter; `level` matches a meeting with an assessment at that level (by `assessor` when given). */
export async function meetingWhere(ctx: StoreContext, filter: MeetingFilter | null | undefined): Promise<Prisma.MeetingWhereInput> {
  const where: Prisma.MeetingWhereInput = {};
  if (!filter) return where;
  if (filter.underUnitId != null) {
    where.cell = { path: { startsWith: await subtreePath(ctx, filter.underUnitId) } };
  }
  if (filter.cellId != null) where.cellId = filter.cellId;
  if (filter.year != null) where.year = filter.year;
  if (filter.month != null) where.month = filter.month;
  if (filter.kind) where.kind = filter.kind;
  if (filter.level || filter.assessor) {
    where.assessments = { some: { ...(filter.level ? { level: filter.level } : {}), ...(filter.assessor ? { assessor: filter.assessor } : {}) } };
  }
  if (filter.heldFrom || filter.heldTo) {
    where.heldOn = { ...(filter.heldFrom ? { gte: filter.heldFrom } : {}), ...(filter.heldTo ? { lte: filter.heldTo } : {}) };
  }
  return where;
}
