// Scoring a meeting (chấm điểm): the points per criterion of a set, every typed criterion
// exactly once; a criterion computed from the record (attendance-points.ts) takes the points
// the record earns, and typed points that say otherwise are refused. The total and the level
// are computed here (meeting-level.ts), never taken from input.
import type { StoreContext } from '../../access/viewer-store.js';
import { z } from 'zod';
import { isoDate } from '../../dates.js';
import { write, type Tx } from '../../db/write.js';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../../errors.js';
import { AssessorKind, type OrgUnit, type Prisma } from '../../generated/prisma/client.js';
import { message } from '../../text/messages.js';
import { calendarDate, parseInput } from '../../validation.js';
import { ancestorIds } from '../units/units.service.js';
import { attendanceParams, attendancePoints, type AttendanceRecord } from './attendance-points.js';
import {
  applicableCriteriaSetId,
  attendanceBandRules,
  inapplicableBecause,
  levelRules,
  scoringInclude,
  type ScoringSet,
} from './criteria-sets.service.js';
import { meetingLevel } from './meeting-level.js';

export const assessmentSchema = z.object({
  criteriaSetId: z.number().int().nullish(),
  assessor: z.enum(AssessorKind).nullish().transform((value) => value ?? AssessorKind.CELL),
  assessorUnitId: z.number().int().nullish(),
  workingGroupId: z.number().int().nullish(),
  scoredOn: calendarDate.nullish(),
  scores: z
    .array(
      z.object({
        criterionCode: z.string().trim().min(1),
        points: z
          .number()
          .min(0)
          .refine((value) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6, 'TWO_DECIMALS'),
      }),
    ),
});

export type AssessmentInput = z.input<typeof assessmentSchema>;
export type Assessment = z.output<typeof assessmentSchema>;

/** A meeting as scoring sees it; its id only once it is stored. */
export interface ScoredMeeting {
  heldOn: Date;
  cell: Pick<OrgUnit, 'id' | 'path' | 'name'>;
  /** The meeting's record, which computed criteria are scored from. */
  attendance: AttendanceRecord;
}

/** What checking an assessment needs from the store, read beforehand (readAssessmentFacts, or an import's bulk reads). */
export interface AssessmentFacts {
  /** The id of the set the input names, or of the one that applies to the cell that day. */
  setId: number;
  /** That set; null when there is none by that id. */
  set: ScoringSet | null;
  /** The working group the input names, when it names one; null when there is none by that id. */
  group: { formedByUnitId: number } | null;
  /** The meeting's stored assessment by the same assessor; null for a meeting not stored yet. */
  taken: { scoredOn: Date } | null;
}

/** A checked assessment: the row to write (all but its meeting) and its points per criterion. */
export interface CheckedAssessment {
  row: Omit<Prisma.MeetingAssessmentUncheckedCreateInput, 'meetingId' | 'scores'>;
  scores: { criterionId: number; points: number }[];
}

/** Reads what checkAssessment needs for one assessment of one meeting. */
export async function readAssessmentFacts(
  tx: Tx,
  meeting: ScoredMeeting & { id: number | null },
  assessment: Assessment,
): Promise<AssessmentFacts> {
  const group =
    assessment.assessor === 'WORKING_GROUP' && assessment.workingGroupId != null
      ? await tx.workingGroup.findUnique({ where: { id: assessment.workingGroupId }, select: { formedByUnitId: true } })
      : null;
  const taken =
    meeting.id === null
      ? null
      : await tx.meetingAssessment.findUnique({
          where: { meetingId_assessor: { meetingId: meeting.id, assessor: assessment.assessor } },
          select: { scoredOn: true },
        });
  const setId = assessment.criteriaSetId ?? (await applicableCriteriaSetId(tx, meeting.cell, meeting.heldOn));
  const set = await tx.criteriaSet.findUnique({ where: { id: setId }, include: scoringInclude });
  return { setId, set, group, taken };
}

/**
 * Checks an assessment of a meeting against what the store holds, pure: the meetingAssess
 * and meetingRecord mutations and the meetings import all go through it. `field` is where
 * the assessment sits in the input ("input.assessment"), so every issue names its own field.
 */
export function checkAssessment(meeting: ScoredMeeting, assessment: Assessment, facts: AssessmentFacts, field: string): CheckedAssessment {
  const scoredOn = assessment.scoredOn ?? meeting.heldOn;
  if (scoredOn < meeting.heldOn) {
    throw ValidationError.of(`${field}.scoredOn`, message('NOT_BEFORE_MEETING_HELD', { date: isoDate(meeting.heldOn) }));
  }
  const assessorUnitId = assessorOf(meeting, assessment, facts.group, field);
  if (facts.taken) {
    throw new ConflictError(
      `${field}.assessor`,
      message('ASSESSMENT_TAKEN', { assessor: assessment.assessor, scoredOn: isoDate(facts.taken.scoredOn) }),
    );
  }
  const { set } = facts;
  if (!set) throw new NotFoundError('criteria set', `${field}.criteriaSetId`, String(facts.setId));
  const problem = inapplicableBecause(set, meeting.cell, meeting.heldOn);
  if (problem) throw ValidationError.of(`${field}.criteriaSetId`, problem);
  const points = scoreMap(set, assessment.scores, meeting.attendance, field);
  const { total, level } = meetingLevel(levelRules(set), points);
  return {
    row: {
      criteriaSetId: set.id,
      assessor: assessment.assessor,
      assessorUnitId,
      workingGroupId: assessment.workingGroupId ?? null,
      totalScore: total,
      level,
      scoredOn,
    },
    scores: set.criteria.map((criterion) => ({ criterionId: criterion.id, points: points.get(criterion.code) ?? 0 })),
  };
}

/** Checks an assessment of a stored meeting and writes it with its scores. */
export async function addAssessment(tx: Tx, meeting: ScoredMeeting & { id: number }, assessment: Assessment, field: string): Promise<number> {
  const checked = checkAssessment(meeting, assessment, await readAssessmentFacts(tx, meeting, assessment), field);
  const created = await tx.meetingAssessment.create({
    data: { ...checked.row, meetingId: meeting.id, scores: { create: checked.scores } },
    select: { id: true },
  });
  return created.id;
}

/** Who scored: the cell itself, one of its working groups, or a committee above it. */
function assessorOf(meeting: ScoredMeeting, assessment: Assessment, group: AssessmentFacts['group'], field: string): number | null {
  if (assessment.workingGroupId != null && assessment.assessor !== 'WORKING_GROUP') {
    throw ValidationError.of(`${field}.workingGroupId`, message('ONLY_FOR_WORKING_GROUP'));
  }
  switch (assessment.assessor) {
    case 'CELL':
      if (assessment.assessorUnitId != null && assessment.assessorUnitId !== meeting.cell.id) {
        throw ValidationError.of(`${field}.assessorUnitId`, message('CELL_ASSESSES_ITSELF', { cell: meeting.cell.name }));
      }
      return meeting.cell.id;
    case 'WORKING_GROUP': {
      if (assessment.workingGroupId == null) {
        throw ValidationError.of(`${field}.workingGroupId`, message('REQUIRED_FOR_WORKING_GROUP'));
      }
      if (!group) throw new NotFoundError('working group', `${field}.workingGroupId`, String(assessment.workingGroupId));
      return assessment.assessorUnitId ?? group.formedByUnitId;
    }
    case 'SUPERIOR_COMMITTEE':
      if (assessment.assessorUnitId == null || !ancestorIds(meeting.cell).includes(assessment.assessorUnitId)) {
        throw ValidationError.of(`${field}.assessorUnitId`, message('COMMITTEE_ABOVE', { cell: meeting.cell.name }));
      }
      return assessment.assessorUnitId;
  }
}

/**
 * Points by criterion code for every criterion of the set, after checking each typed one is
 * scored exactly once within its maximum. A computed criterion takes the points the record
 * earns; given points must equal them.
 */
function scoreMap(set: ScoringSet, scores: Assessment['scores'], record: AttendanceRecord, field: string): Map<string, number> {
  const byCode = new Map(set.criteria.map((criterion) => [criterion.code, criterion]));
  const computed = new Map(
    set.criteria
      .filter((criterion) => criterion.computation === 'ATTENDANCE')
      .map((criterion) => [criterion.code, attendancePoints(attendanceBandRules(criterion), record)]),
  );
  const points = new Map<string, number>();
  const issues: FieldIssue[] = [];
  scores.forEach((score, index) => {
    const at = `${field}.scores.${index}`;
    const criterion = byCode.get(score.criterionCode);
    const earned = computed.get(score.criterionCode);
    if (!criterion) {
      issues.push({ field: `${at}.criterionCode`, message: message('NOT_A_CRITERION', { criterion: score.criterionCode, set: set.code, codes: [...byCode.keys()].join(', ') }) });
    } else if (points.has(score.criterionCode)) {
      issues.push({ field: `${at}.criterionCode`, message: message('SCORED_TWICE', { criterion: score.criterionCode }) });
    } else if (score.points > criterion.maxPoints.toNumber()) {
      issues.push({ field: `${at}.points`, message: message('CRITERION_MAX_POINTS', { criterion: score.criterionCode, max: criterion.maxPoints.toNumber() }) });
    } else if (earned && Math.round(score.points * 100) !== Math.round(earned.points * 100)) {
      issues.push({
        field: `${at}.points`,
        message: message('POINTS_CONTRADICT_RECORD', {
          criterion: score.criterionCode,
          points: score.points,
          earned: earned.points,
          set: set.code,
          ...attendanceParams(record, earned.band),
        }),
      });
    }
    points.set(score.criterionCode, score.points);
  });
  for (const [code, earned] of computed) if (!points.has(code)) points.set(code, earned.points);
  const missing = set.criteria.filter((criterion) => !points.has(criterion.code)).map((criterion) => criterion.code);
  if (missing.length > 0) issues.push({ field: `${field}.scores`, message: message('NO_POINTS_FOR', { criteria: missing.join(', ') }) });
  if (issues.length > 0) throw new ValidationError(issues);
  return points;
}

const assessSchema = z.object({ meetingId: z.number().int(), assessment: assessmentSchema });
export type MeetingAssessInput = z.input<typeof assessSchema>;
type AssessmentQuery = { include?: Prisma.MeetingAssessmentInclude; select?: Prisma.MeetingAssessmentSelect };

/** Another assessment of a recorded meeting (a working group's, the committee above's). */
export async function assessMeeting({ ctx, input, query }: { ctx: StoreContext; input: MeetingAssessInput; query: AssessmentQuery }) {
  const data = parseInput(assessSchema, input);
  return write(ctx, async (tx) => {
    const meeting = await tx.meeting.findUnique({
      where: { id: data.meetingId },
      select: {
        id: true,
        heldOn: true,
        expectedCount: true,
        presentCount: true,
        cell: { select: { id: true, path: true, name: true } },
        _count: { select: { absences: { where: { kind: 'UNEXCUSED' } } } },
      },
    });
    if (!meeting) throw new NotFoundError('meeting', 'input.meetingId', String(data.meetingId));
    const attendance = { expected: meeting.expectedCount, present: meeting.presentCount, unexcused: meeting._count.absences };
    const id = await addAssessment(tx, { ...meeting, attendance }, data.assessment, 'input.assessment');
    return tx.meetingAssessment.findUniqueOrThrow({ ...query, where: { id } });
  });
}
