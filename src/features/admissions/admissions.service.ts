// Rules of admission: yearly targets, and candidates moving stage by stage until the
// ceremony turns them into probationary members through the members feature's admitMember.
import type { StoreContext } from '../../access/viewer-store.js';
import { z } from 'zod';
import { isoDate, today } from '../../dates.js';
import { write, type Tx } from '../../db/write.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { CandidateStage, type AdmissionCandidate, type CandidateStageChange, type Member, type Prisma } from '../../generated/prisma/client.js';
import { personNameColumns } from '../../text/vietnamese.js';
import { calendarDate, optionalText, parseInput, text, year } from '../../validation.js';
import { admitMember, findActiveMember, findOpenCell, personShape, type NewMemberFields } from '../members/members.service.js';
import { findUnit } from '../units/units.service.js';
import { certificateIssue, eligibilityIssue, isClosedStage, nextStage } from './admission-rules.js';
import { message } from '../../text/messages.js';

type TargetQuery = { include?: Prisma.AdmissionTargetInclude; select?: Prisma.AdmissionTargetSelect };
type CandidateQuery = { include?: Prisma.AdmissionCandidateInclude; select?: Prisma.AdmissionCandidateSelect };

// ───────────── targets ─────────────

const targetSchema = z.object({
  unitId: z.number().int(),
  year,
  target: z.number().int().min(0),
});

export type AdmissionTargetSetInput = z.input<typeof targetSchema>;

/** A target's facts as admissionTargetSet and the import check them. */
export function checkAdmissionTarget(input: AdmissionTargetSetInput) {
  return parseInput(targetSchema, input);
}

/** Sets a unit's admission target for a year, replacing the one set before. */
export async function setAdmissionTarget({ ctx, input, query }: { ctx: StoreContext; input: AdmissionTargetSetInput; query: TargetQuery }) {
  const data = checkAdmissionTarget(input);
  return write(ctx, async (tx) => {
    const unit = await findUnit(tx, data.unitId, 'input.unitId');
    return tx.admissionTarget.upsert({
      ...query,
      where: { unitId_year: { unitId: unit.id, year: data.year } },
      create: { unitId: unit.id, year: data.year, target: data.target },
      update: { target: data.target },
    });
  });
}

// ───────────── candidates ─────────────

const MAX_SPONSORS = 2; // the Charter asks for two official members to vouch

async function findCandidate(tx: Tx, id: number): Promise<AdmissionCandidate> {
  const candidate = await tx.admissionCandidate.findUnique({ where: { id } });
  if (!candidate) throw new NotFoundError('candidate', 'input.id', String(id));
  return candidate;
}

async function findOpenCandidate(tx: Tx, id: number): Promise<AdmissionCandidate> {
  const candidate = await findCandidate(tx, id);
  if (isClosedStage(candidate.stage)) {
    throw ValidationError.of('input.id', message('CANDIDATE_ALREADY', { candidate: candidate.fullName, stage: candidate.stage }));
  }
  return candidate;
}

/** Why an (active) member may not mentor or sponsor a candidate, or null: only OFFICIAL members may. */
export function mentorIssue(member: Pick<Member, 'fullName' | 'status'>) {
  return member.status === 'OFFICIAL' ? null : message('ONLY_OFFICIAL_MAY', { member: member.fullName, status: member.status });
}

/** Mentors and sponsors must be official members still active. */
async function assertOfficialMember(tx: Tx, id: number, field: string): Promise<void> {
  const member = await findActiveMember(tx, id, field);
  const issue = mentorIssue(member);
  if (issue) throw ValidationError.of(field, issue);
}

/** A candidate's last stage change: the day every later stage may not precede. */
export type LastStage = Pick<CandidateStageChange, 'stage' | 'changedOn'> | null;

/** Stages follow one another in time: a new stage on or after the last, and not ahead of today. */
export function checkStageDate(last: LastStage, on: Date, field: string): void {
  if (on > today()) throw ValidationError.of(field, message('NOT_IN_FUTURE'));
  if (last && on < last.changedOn) {
    throw ValidationError.of(field, message('NOT_BEFORE_STAGE', { stage: last.stage, date: isoDate(last.changedOn) }));
  }
}

async function assertStageDate(tx: Tx, candidateId: number, on: Date, field: string): Promise<void> {
  const last = await tx.candidateStageChange.findFirst({ where: { candidateId }, orderBy: [{ changedOn: 'desc' }, { id: 'desc' }] });
  checkStageDate(last, on, field);
}

const candidateCreateSchema = z.object({
  ...personShape,
  cellId: z.number().int(),
  mentorId: z.number().int().nullish(),
  sponsorIds: z
    .array(z.number().int())
    .max(MAX_SPONSORS)
    .nullish()
    .transform((ids) => ids ?? [])
    .superRefine((ids, context) => {
      ids.forEach((id, index) => {
        if (ids.indexOf(id) !== index) context.addIssue({ code: 'custom', path: [index], message: 'LISTED_TWICE' });
      });
    }),
  enteredOn: calendarDate.nullish(),
});

export type CandidateCreateInput = z.input<typeof candidateCreateSchema>;

/** A new candidate's own facts, as candidateCreate and the import check them; enteredOn defaults to today. */
export function checkNewCandidate(input: CandidateCreateInput) {
  const data = parseInput(candidateCreateSchema, input);
  const enteredOn = data.enteredOn ?? today();
  if (enteredOn > today()) throw ValidationError.of('input.enteredOn', message('NOT_IN_FUTURE'));
  return { ...data, enteredOn };
}

/** Puts a person in a cell's pool of candidates (quần chúng ưu tú). */
export async function createCandidate({ ctx, input, query }: { ctx: StoreContext; input: CandidateCreateInput; query: CandidateQuery }) {
  const data = checkNewCandidate(input);
  const enteredOn = data.enteredOn;
  return write(ctx, async (tx) => {
    const cell = await findOpenCell(tx, data.cellId, 'input.cellId');
    if (data.mentorId != null) await assertOfficialMember(tx, data.mentorId, 'input.mentorId');
    for (const [index, sponsorId] of data.sponsorIds.entries()) {
      await assertOfficialMember(tx, sponsorId, `input.sponsorIds.${index}`);
    }
    return tx.admissionCandidate.create({
      ...query,
      data: {
        ...personNameColumns(data.fullName),
        gender: data.gender,
        birthDate: data.birthDate,
        ethnicity: data.ethnicity,
        youthUnionMember: data.youthUnionMember,
        cellId: cell.id,
        mentorId: data.mentorId ?? null,
        sponsors: { create: data.sponsorIds.map((memberId) => ({ memberId })) },
        stageChanges: { create: { stage: 'POOL', changedOn: enteredOn } },
      },
    });
  });
}

const advanceSchema = z.object({
  id: z.number().int(),
  stage: z.enum(CandidateStage),
  on: calendarDate,
  note: optionalText({ max: 1000 }),
});

export type CandidateAdvanceInput = z.input<typeof advanceSchema>;

/** The candidate's own columns a stage sets: the certificate's day, the cell's resolution. */
export function stageFacts(stage: CandidateStage, on: Date): { trainedOn?: Date; cellResolutionOn?: Date } {
  if (stage === 'TRAINED') return { trainedOn: on };
  if (stage === 'CELL_RESOLUTION') return { cellResolutionOn: on };
  return {};
}

/**
 * Whether an open candidate at their stage, last changed as `last`, may reach `stage` on `on`:
 * the very next stage, not before the last one, and within the ages the cell may consider.
 */
export function checkAdvance(
  candidate: Pick<AdmissionCandidate, 'stage' | 'birthDate'>,
  last: LastStage,
  stage: CandidateStage,
  on: Date,
  fields = { stage: 'input.stage', on: 'input.on' },
): void {
  const expected = nextStage(candidate.stage);
  if (stage !== expected) {
    throw ValidationError.of(fields.stage, message('STAGE_ONE_STEP', { expected: expected ?? '', stage: candidate.stage }));
  }
  checkStageDate(last, on, fields.on);
  if (stage === 'CELL_RESOLUTION') {
    const issue = eligibilityIssue(candidate.birthDate, on);
    if (issue) throw ValidationError.of(fields.on, issue);
  }
}

/** Moves a candidate one stage forward, recording the day and the note. */
export async function advanceCandidate({ ctx, input, query }: { ctx: StoreContext; input: CandidateAdvanceInput; query: CandidateQuery }) {
  const data = parseInput(advanceSchema, input);
  if (data.stage === 'ADMITTED') throw ValidationError.of('input.stage', message('ADMIT_WITH_MUTATION'));
  if (data.stage === 'DROPPED') throw ValidationError.of('input.stage', message('DROP_WITH_MUTATION'));
  return write(ctx, async (tx) => {
    const candidate = await findOpenCandidate(tx, data.id);
    const last = await tx.candidateStageChange.findFirst({ where: { candidateId: candidate.id }, orderBy: [{ changedOn: 'desc' }, { id: 'desc' }] });
    checkAdvance(candidate, last, data.stage, data.on);
    return tx.admissionCandidate.update({
      ...query,
      where: { id: candidate.id },
      data: {
        stage: data.stage,
        ...stageFacts(data.stage, data.on),
        stageChanges: { create: { stage: data.stage, changedOn: data.on, note: data.note ?? null } },
      },
    });
  });
}

const dropSchema = z.object({ id: z.number().int(), reason: text({ max: 1000 }), on: calendarDate });

export type CandidateDropInput = z.input<typeof dropSchema>;

/** A drop's facts (a reason and a day), as candidateDrop and the import check them. */
export function checkDrop(input: CandidateDropInput) {
  return parseInput(dropSchema, input);
}

/** Takes a candidate off the path at any stage before admission. */
export async function dropCandidate({ ctx, input, query }: { ctx: StoreContext; input: CandidateDropInput; query: CandidateQuery }) {
  const data = checkDrop(input);
  return write(ctx, async (tx) => {
    const candidate = await findOpenCandidate(tx, data.id);
    await assertStageDate(tx, candidate.id, data.on, 'input.on');
    return tx.admissionCandidate.update({
      ...query,
      where: { id: candidate.id },
      data: {
        stage: 'DROPPED',
        droppedReason: data.reason,
        stageChanges: { create: { stage: 'DROPPED', changedOn: data.on, note: data.reason } },
      },
    });
  });
}

const admitSchema = z.object({
  id: z.number().int(),
  admittedOn: calendarDate,
  admittedByUnitId: z.number().int().nullish(),
});

export type CandidateAdmitInput = z.input<typeof admitSchema>;

/** Whether a candidate may be admitted on `admittedOn`: DECIDED, not before the decision, the certificate still valid. */
export function checkAdmission(
  candidate: Pick<AdmissionCandidate, 'stage' | 'fullName' | 'trainedOn'>,
  last: LastStage,
  admittedOn: Date,
  fields = { id: 'input.id', admittedOn: 'input.admittedOn' },
): void {
  if (candidate.stage !== 'DECIDED') {
    throw ValidationError.of(fields.id, message('ONLY_DECIDED_ADMITTED', { candidate: candidate.fullName, stage: candidate.stage }));
  }
  checkStageDate(last, admittedOn, fields.admittedOn);
  const issue = certificateIssue(candidate.trainedOn, admittedOn);
  if (issue) throw ValidationError.of(fields.admittedOn, issue);
}

/** The candidate, admitted, as a probationary member of their cell: through the same admitMember as memberCreate. */
export function admitCandidateAsMember(
  tx: Tx,
  candidate: Pick<AdmissionCandidate, 'fullName' | 'gender' | 'birthDate' | 'ethnicity' | 'youthUnionMember' | 'cellId'>,
  admittedOn: Date,
  admittedByUnitId: number | null,
  // The cell comes from the candidate: a dissolved cell is the candidate's problem, not a field of this input.
  fields: NewMemberFields = { cellId: 'input.id' },
): Promise<Member> {
  return admitMember(
    tx,
    {
      fullName: candidate.fullName,
      gender: candidate.gender,
      birthDate: candidate.birthDate,
      ethnicity: candidate.ethnicity,
      youthUnionMember: candidate.youthUnionMember,
      partyCardNumber: null,
      cellId: candidate.cellId,
      admittedOn,
      admittedByUnitId,
      status: 'PROBATIONARY',
      officialOn: null,
      joinedCellOn: null,
    },
    fields,
  );
}

/**
 * The admission ceremony (lễ kết nạp): a DECIDED candidate becomes a probationary member of
 * their cell, created by the same admitMember as memberCreate, in the same transaction.
 */
export async function admitCandidate({ ctx, input, query }: { ctx: StoreContext; input: CandidateAdmitInput; query: CandidateQuery }) {
  const data = parseInput(admitSchema, input);
  return write(ctx, async (tx) => {
    const candidate = await findCandidate(tx, data.id);
    const last = await tx.candidateStageChange.findFirst({ where: { candidateId: candidate.id }, orderBy: [{ changedOn: 'desc' }, { id: 'desc' }] });
    checkAdmission(candidate, last, data.admittedOn);
    const member = await admitCandidateAsMember(tx, candidate, data.admittedOn, data.admittedByUnitId ?? null);
    return tx.admissionCandidate.update({
      ...query,
      where: { id: candidate.id },
      data: {
        stage: 'ADMITTED',
        memberId: member.id,
        stageChanges: { create: { stage: 'ADMITTED', changedOn: data.admittedOn } },
      },
    });
  });
}
