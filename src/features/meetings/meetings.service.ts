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
import { assessmentSchema, checkAssessment, readAssessmentFacts, type AssessmentFacts, type CheckedAssessment } from './assessments.service.js';
import { assignedOn, expectedMemberIds, notExpectedBecause, type AssignedMember } from './attendance.js';
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
export type MeetingRecord = z.output<typeof recordSchema>;

/** meetingRecord's input, checked for shape alone (what the store holds is checkMeeting's). */
export function parseMeetingRecord(input: MeetingRecordInput): MeetingRecord {
  return parseInput(recordSchema, input);
}

export async function recordMeeting({ ctx, input, query }: { ctx: StoreContext; input: MeetingRecordInput; query: Query }) {
  const data = parseMeetingRecord(input);
  return write(ctx, async (tx) => {
    const cell = await findUnit(tx, data.cellId, 'input.cellId');
    const checked = checkMeeting(data, await readMeetingFacts(tx, cell, data));
    if (data.planItemId != null) {
      await checkPlanItemForMeeting(tx, data.planItemId, { cellId: cell.id, cellName: cell.name, year: data.year, kind: data.kind });
    }
    const { id } = await tx.meeting.create({ data: { ...checked.meeting, absences: { create: checked.absences } }, select: { id: true } });
    if (checked.assessment) {
      await tx.meetingAssessment.create({ data: { ...checked.assessment.row, meetingId: id, scores: { create: checked.assessment.scores } } });
    }
    return tx.meeting.findUniqueOrThrow({ ...query, where: { id } });
  });
}

/** The member of a cell as the meeting rules read it. */
export type CellMember = AssignedMember & { fullName: string };

/** What checking a meeting needs from the store, read beforehand (readMeetingFacts, or an import's bulk reads). */
export interface MeetingFacts {
  /** The unit the meeting is recorded for. */
  cell: OrgUnit;
  /** The regular (or combined) meeting already filling the cell's month; null when the month is free or the meeting is not regular. */
  monthTakenBy: { kind: MeetingKind; heldOn: Date } | null;
  /** The members assigned to the cell on the day (assignedOn). */
  assigned: readonly CellMember[];
  /** Full names of listed absentees who were not assigned to the cell that day, by id; an id missing here is nobody's. */
  outsiders: ReadonlyMap<number, string>;
  /** What scoring the assessment needs; null when the input has none. */
  scoring: AssessmentFacts | null;
}

/** A checked meeting: the rows to write, the meeting's id left to the store. */
export interface CheckedMeeting {
  meeting: Omit<Prisma.MeetingUncheckedCreateInput, 'id' | 'absences' | 'assessments' | 'visits'>;
  absences: { memberId: number; kind: AbsenceKind; reason: string | null }[];
  assessment: CheckedAssessment | null;
}

/** Reads what checkMeeting needs for one meeting of the cell. */
async function readMeetingFacts(tx: Tx, cell: OrgUnit, data: MeetingRecord): Promise<MeetingFacts> {
  const key = regularMonthKey(data.kind, data.year, data.month);
  const monthTakenBy =
    key === null
      ? null
      : await tx.meeting.findUnique({ where: { cellId_regularMonthKey: { cellId: cell.id, regularMonthKey: key } }, select: { kind: true, heldOn: true } });
  const stays = await tx.memberAssignment.findMany({ where: { cellId: cell.id }, select: cellStaySelect });
  const assigned = assignedOn(stays, cell.id, data.heldOn);
  const assignedIds = new Set(assigned.map((member) => member.id));
  const others = data.absences.map((absence) => absence.memberId).filter((id) => !assignedIds.has(id));
  const outsiders =
    others.length === 0 ? [] : await tx.member.findMany({ where: { id: { in: others } }, select: { id: true, fullName: true } });
  const scoring = data.assessment
    ? await readAssessmentFacts(tx, { id: null, heldOn: data.heldOn, cell, attendance: { expected: 0, present: 0, unexcused: 0 } }, data.assessment)
    : null;
  return { cell, monthTakenBy, assigned, outsiders: new Map(outsiders.map((member) => [member.id, member.fullName])), scoring };
}

/** A cell's stays with what the meeting rules read of each member (import and mutation read the same). */
export const cellStaySelect = {
  cellId: true,
  fromDate: true,
  toDate: true,
  member: {
    select: {
      id: true,
      fullName: true,
      partyCardNumber: true,
      searchName: true,
      status: true,
      statusChangedOn: true,
      exemptions: { select: { fromDate: true, toDate: true, reason: true } },
    },
  },
} satisfies Prisma.MemberAssignmentSelect;

/**
 * Checks a meeting against what the store holds, pure: the meetingRecord mutation and the
 * meetings import both go through it. The expected and present counts follow from the
 * cell's members that day; the assessment's computed criteria from those counts.
 */
export function checkMeeting(data: MeetingRecord, facts: MeetingFacts): CheckedMeeting {
  const { cell } = facts;
  checkCellOn(cell, data.heldOn);
  const key = regularMonthKey(data.kind, data.year, data.month);
  if (key !== null && facts.monthTakenBy) {
    const existing = facts.monthTakenBy;
    throw new ConflictError(
      'input.month',
      message('MONTH_TAKEN', { kind: existing.kind, month: monthLabel(data.year, data.month), cell: cell.name, heldOn: isoDate(existing.heldOn) }),
    );
  }
  const expected = checkAbsences(cell, data.heldOn, data.absences, facts);
  const presentCount = expected.size - data.absences.length;
  if (data.assessment && !facts.scoring) throw new Error('an assessment is checked only with its facts read');
  const assessment =
    data.assessment && facts.scoring
      ? checkAssessment(
          {
            heldOn: data.heldOn,
            cell,
            attendance: {
              expected: expected.size,
              present: presentCount,
              unexcused: data.absences.filter((absence) => absence.kind === 'UNEXCUSED').length,
            },
          },
          data.assessment,
          facts.scoring,
          'input.assessment',
        )
      : null;
  return {
    meeting: {
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
      presentCount,
      regularMonthKey: key,
      planItemId: data.planItemId ?? null,
    },
    absences: data.absences.map((absence) => ({ memberId: absence.memberId, kind: absence.kind, reason: absence.reason ?? null })),
    assessment,
  };
}

/** The unit must be a cell that existed on the day. */
function checkCellOn(cell: OrgUnit, day: Date): void {
  if (cell.kind !== 'CELL') throw ValidationError.of('input.cellId', message('MEETINGS_ARE_CELLS', { unit: cell.name, kind: cell.kind }));
  if (cell.validFrom > day || (cell.validTo && cell.validTo < day)) {
    const until = cell.validTo ? isoDate(cell.validTo) : '';
    throw ValidationError.of('input.cellId', message('CELL_NOT_EXISTING_ON', { unit: cell.name, from: isoDate(cell.validFrom), until, day: isoDate(day) }));
  }
}

/**
 * Every absentee must be expected that day and listed once. Answers the ids of the members
 * expected, whose count is the meeting's expected count.
 */
function checkAbsences(cell: OrgUnit, day: Date, absences: MeetingRecord['absences'], facts: MeetingFacts): Set<number> {
  const expected = expectedMemberIds(facts.assigned, day);
  const byId = new Map(facts.assigned.map((member) => [member.id, member]));
  const issues: FieldIssue[] = [];
  const seen = new Set<number>();
  for (const [index, absence] of absences.entries()) {
    const field = `input.absences.${index}.memberId`;
    const member = byId.get(absence.memberId);
    if (seen.has(absence.memberId)) {
      issues.push({ field, message: message('MEMBER_LISTED_TWICE') });
    } else if (!member) {
      const other = facts.outsiders.get(absence.memberId);
      if (other === undefined) throw new NotFoundError('member', field, String(absence.memberId));
      issues.push({ field, message: message('NOT_MEMBER_OF_CELL_ON', { member: other, cell: cell.name, day: isoDate(day) }) });
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
