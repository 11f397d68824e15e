// Rules of membership: admission (shared with candidateAdmit), personal data, transfers
// between cells, recognition as official, leaving the Party, and exemptions from meetings.
import type { StoreContext } from '../../access/viewer-store.js';
import { z } from 'zod';
import { isoDate, today } from '../../dates.js';
import { write, type Tx } from '../../db/write.js';
import { mayChange } from '../../access/viewer-store.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldIssue } from '../../errors.js';
import { ExemptionReason, Gender, MemberStatus, TransferDistance, type Member, type OrgUnit, type Prisma } from '../../generated/prisma/client.js';
import { personNameColumns } from '../../text/vietnamese.js';
import { calendarDate, optionalText, parseInput, text } from '../../validation.js';
import { findNamedUnit, readUnitLabels } from '../units/unit-labels.query.js';
import { ancestorIds, findUnit } from '../units/units.service.js';
import {
  LEAVING_STATUSES,
  RESTORABLE_STATUSES,
  admissionAgeIssue,
  admissionIssues,
  departureIssue,
  describePeriod,
  isActive,
  officialOnIssue,
  periodsOverlap,
  transferDistance,
  type DatePeriod,
} from './member-rules.js';
import { message } from '../../text/messages.js';

type MemberQuery = { include?: Prisma.MemberInclude; select?: Prisma.MemberSelect };
type ExemptionQuery = { include?: Prisma.MeetingExemptionInclude; select?: Prisma.MeetingExemptionSelect };

/** Who a person is: shared by members and admission candidates. */
export const personShape = {
  fullName: text({ max: 120 }),
  gender: z.enum(Gender),
  birthDate: calendarDate,
  ethnicity: text({ max: 60 }),
  youthUnionMember: flag(),
};

/** A yes/no input that GraphQL may send as null: false unless given. */
function flag() {
  return z
    .boolean()
    .nullish()
    .transform((value) => value ?? false);
}

/** A status the input offers from the whole enum, narrowed to those `allowed` here. */
function statusAmong<const Allowed extends readonly MemberStatus[]>(allowed: Allowed) {
  return z.enum(MemberStatus).refine((status): status is Allowed[number] => allowed.includes(status), {
    message: 'NOT_ALLOWED_VALUE',
    params: { allowed: allowed.join(', ') },
  });
}

const cardNumber = optionalText({ max: 30 });

// ───────────── lookups shared with admissions ─────────────

export async function findMember(tx: Tx, id: number, field: string): Promise<Member> {
  const member = await tx.member.findUnique({ where: { id } });
  if (!member) throw new NotFoundError('member', field, String(id));
  return member;
}

/** A cell that exists and has not been dissolved: where members and candidates may be placed. */
export async function findOpenCell(tx: Tx, id: number, field: string): Promise<OrgUnit> {
  const unit = await findUnit(tx, id, field);
  const issue = openCellIssue(unit);
  if (issue) throw ValidationError.of(field, issue);
  return unit;
}

/** Why a unit is no place for members and candidates (not a cell, or dissolved), or null. */
export function openCellIssue(unit: Pick<OrgUnit, 'kind' | 'name' | 'validTo'>) {
  if (unit.kind !== 'CELL') return message('MUST_BE_CELL', { unit: unit.name, kind: unit.kind });
  if (unit.validTo) return message('UNIT_DISSOLVED_ON', { unit: unit.name, date: isoDate(unit.validTo) });
  return null;
}

/**
 * A member the writer may change: one who meets in their subtree now. A member who met in it
 * before and moved on is still theirs to read, but the committee where they meet now records
 * what changes.
 */
async function findMemberToChange(tx: Tx, id: number, field: string): Promise<Member> {
  const member = await findMember(tx, id, field);
  if (!(await mayChange(tx, 'Member', id))) {
    throw new ForbiddenError(field, message('MEMBER_MEETS_OUTSIDE', { member: member.fullName }));
  }
  return member;
}

/** An active member (probationary or official), else a ValidationError naming `field`. */
export async function findActiveMember(tx: Tx, id: number, field: string, { toChange = false } = {}): Promise<Member> {
  const member = await (toChange ? findMemberToChange : findMember)(tx, id, field);
  const issue = inactiveIssue(member);
  if (issue) throw ValidationError.of(field, issue);
  return member;
}

/** Why a member is not active (probationary or official), or null. */
export function inactiveIssue(member: Pick<Member, 'fullName' | 'status' | 'statusChangedOn'>) {
  if (isActive(member.status)) return null;
  const since = member.statusChangedOn ? isoDate(member.statusChangedOn) : '';
  return message('MEMBER_NOT_ACTIVE', { member: member.fullName, status: member.status, since });
}

async function assertCardNumberFree(tx: Tx, card: string, field: string, exceptMemberId?: number): Promise<void> {
  const holder = await tx.member.findUnique({ where: { partyCardNumber: card }, select: { id: true, fullName: true } });
  assertCardHolder(card, holder, field, exceptMemberId);
}

/** Who holds a card number already, as a check reads it: their id (none for a row not yet written) and name. */
export interface CardHolder {
  id?: number;
  fullName: string;
}

/** Refuses a card number someone else holds (`holder`, or null when it is free). */
export function assertCardHolder(card: string, holder: CardHolder | null | undefined, field: string, exceptMemberId?: number): void {
  if (holder && (holder.id === undefined || holder.id !== exceptMemberId)) {
    throw new ConflictError(field, message('CARD_NUMBER_TAKEN', { card, holder: holder.fullName }));
  }
}

/**
 * The committee that admits for a cell by default: its nearest grassroots ancestor, else its
 * parent. Read from labels, so the answer is the same whether the writer's subtree holds that
 * committee or only the cell.
 */
export async function defaultAdmittingUnitId(tx: Tx, cell: OrgUnit): Promise<number | null> {
  const ancestors = ancestorIds(cell);
  const grassroots = (await readUnitLabels(tx, ancestors)).filter((label) => label.kind === 'GRASSROOTS');
  const nearest = grassroots.sort((a, b) => ancestors.indexOf(b.id) - ancestors.indexOf(a.id))[0];
  return nearest?.id ?? cell.parentId;
}

// ───────────── admission: the one way a member comes into being ─────────────

export interface NewMember {
  fullName: string;
  gender: Gender;
  birthDate: Date;
  ethnicity: string;
  youthUnionMember: boolean;
  partyCardNumber: string | null;
  cellId: number;
  admittedOn: Date;
  admittedByUnitId: number | null;
  status: 'PROBATIONARY' | 'OFFICIAL';
  officialOn: Date | null;
  /** The first day in the cell; the admission day unless the member moved since. */
  joinedCellOn: Date | null;
  /** A member transferred in from outside the store: where from, and how far (Biểu 1). */
  transferredIn?: { from: string; distance: TransferDistance } | null;
}

/** Which input field each fact came from, for callers whose input is not a MemberCreateInput. */
export type NewMemberFields = Partial<Record<keyof NewMember, string>>;

/** Refuses dates of a new member that do not fit together (the checks that read nothing). */
export function assertAdmissionDates(member: NewMember, fields: NewMemberFields = {}): void {
  const issues: FieldIssue[] = admissionIssues(member, today()).map(({ key, message }) => ({ field: fields[key] ?? `input.${key}`, message }));
  if (issues.length > 0) throw new ValidationError(issues);
}

/** The stored rows of an admitted member: the member and their first assignment (without its member id). */
export function admittedMemberRows(member: NewMember, cell: OrgUnit, admittedByUnitId: number | null) {
  return {
    member: {
      ...personNameColumns(member.fullName),
      gender: member.gender,
      birthDate: member.birthDate,
      ethnicity: member.ethnicity,
      youthUnionMember: member.youthUnionMember,
      partyCardNumber: member.partyCardNumber,
      cellId: cell.id,
      admittedOn: member.admittedOn,
      admittedByUnitId,
      status: member.status,
      officialOn: member.officialOn,
    },
    assignment: {
      cellId: cell.id,
      fromDate: member.joinedCellOn ?? member.admittedOn,
      ...(member.transferredIn ? { transferredInFrom: member.transferredIn.from, transferDistance: member.transferredIn.distance } : {}),
    },
  } satisfies { member: Omit<Prisma.MemberCreateManyInput, 'id'>; assignment: Omit<Prisma.MemberAssignmentCreateManyInput, 'memberId'> };
}

/**
 * Admits a member into a cell with their first assignment, inside the caller's transaction.
 * memberCreate and candidateAdmit both come through here, and memberImport checks its rows by
 * the same pieces in the same order, so the rules are the same for all.
 */
export async function admitMember(tx: Tx, member: NewMember, fields: NewMemberFields = {}): Promise<Member> {
  const fieldOf = (key: keyof NewMember) => fields[key] ?? `input.${key}`;
  assertAdmissionDates(member, fields);
  const cell = await findOpenCell(tx, member.cellId, fieldOf('cellId'));
  const admittedByUnitId =
    member.admittedByUnitId == null
      ? await defaultAdmittingUnitId(tx, cell)
      : (await findNamedUnit(tx, member.admittedByUnitId, fieldOf('admittedByUnitId'))).id;
  if (member.partyCardNumber) await assertCardNumberFree(tx, member.partyCardNumber, fieldOf('partyCardNumber'));
  const rows = admittedMemberRows(member, cell, admittedByUnitId);
  return tx.member.create({ data: { ...rows.member, assignments: { create: rows.assignment } } });
}

const createSchema = z.object({
  ...personShape,
  partyCardNumber: cardNumber,
  cellId: z.number().int(),
  admittedOn: calendarDate,
  admittedByUnitId: z.number().int().nullish(),
  status: statusAmong(['PROBATIONARY', 'OFFICIAL'])
    .nullish()
    .transform((status) => status ?? 'PROBATIONARY'),
  officialOn: calendarDate.nullish(),
  joinedCellOn: calendarDate.nullish(),
  transferredInFrom: optionalText({ max: 200 }),
  transferDistance: z.enum(TransferDistance).nullish(),
}).superRefine((value, context) => {
  // A transfer in names both where the member came from and how far: one without the other says neither.
  if (value.transferredInFrom && value.transferDistance == null) {
    context.addIssue({ code: 'custom', path: ['transferDistance'], message: 'REQUIRED_WITH_TRANSFERRED_IN_FROM' });
  }
  if (!value.transferredInFrom && value.transferDistance != null) {
    context.addIssue({ code: 'custom', path: ['transferredInFrom'], message: 'REQUIRED_WITH_TRANSFER_DISTANCE' });
  }
});

export type MemberCreateInput = z.input<typeof createSchema>;

export async function createMember({ ctx, input, query }: { ctx: StoreContext; input: MemberCreateInput; query: MemberQuery }) {
  const data = parseInput(createSchema, input);
  return write(ctx, async (tx) => {
    const member = await createParsedMember(tx, data);
    return tx.member.findUniqueOrThrow({ ...query, where: { id: member.id } });
  });
}

/** Creates a member inside a transaction the caller holds. */
export function createMemberIn(tx: Tx, input: MemberCreateInput): Promise<Member> {
  return createParsedMember(tx, parseInput(createSchema, input));
}

/** A memberCreate input read as the member to admit (a ValidationError if it does not parse); reads nothing. */
export function parseNewMember(input: MemberCreateInput): NewMember {
  return newMemberOf(parseInput(createSchema, input));
}

function createParsedMember(tx: Tx, data: z.output<typeof createSchema>): Promise<Member> {
  return admitMember(tx, newMemberOf(data));
}

function newMemberOf(data: z.output<typeof createSchema>): NewMember {
  return {
    ...data,
    partyCardNumber: data.partyCardNumber ?? null,
    admittedByUnitId: data.admittedByUnitId ?? null,
    officialOn: data.officialOn ?? null,
    joinedCellOn: data.joinedCellOn ?? null,
    transferredIn: data.transferredInFrom && data.transferDistance ? { from: data.transferredInFrom, distance: data.transferDistance } : null,
  };
}

// ───────────── personal data ─────────────

const updateSchema = z.object({
  id: z.number().int(),
  fullName: personShape.fullName.nullish(),
  gender: personShape.gender.nullish(),
  birthDate: personShape.birthDate.nullish(),
  ethnicity: personShape.ethnicity.nullish(),
  youthUnionMember: z.boolean().nullish(),
  partyCardNumber: cardNumber,
});

export type MemberUpdateInput = z.input<typeof updateSchema>;

/** Corrects personal data; a field left out (or null) keeps its value. */
export async function updateMember({ ctx, input, query }: { ctx: StoreContext; input: MemberUpdateInput; query: MemberQuery }) {
  const data = parseInput(updateSchema, input);
  return write(ctx, async (tx) => {
    const member = await findMemberToChange(tx, data.id, 'input.id');
    if (data.birthDate) {
      const issue = admissionAgeIssue(data.birthDate, member.admittedOn);
      if (issue) throw ValidationError.of('input.birthDate', issue);
    }
    if (data.partyCardNumber) await assertCardNumberFree(tx, data.partyCardNumber, 'input.partyCardNumber', member.id);
    return tx.member.update({
      ...query,
      where: { id: member.id },
      data: {
        ...(data.fullName ? personNameColumns(data.fullName) : {}),
        ...(data.gender ? { gender: data.gender } : {}),
        ...(data.birthDate ? { birthDate: data.birthDate } : {}),
        ...(data.ethnicity ? { ethnicity: data.ethnicity } : {}),
        ...(data.youthUnionMember != null ? { youthUnionMember: data.youthUnionMember } : {}),
        ...(data.partyCardNumber ? { partyCardNumber: data.partyCardNumber } : {}),
      },
    });
  });
}

// ───────────── leaving a cell: transfers, death, removal ─────────────

/**
 * Checks that an active member may leave their current cell on `on` and closes that
 * assignment (its end is exclusive: the member met there until the day before).
 */
async function leaveCurrentCell(tx: Tx, member: Member, on: Date): Promise<void> {
  const current = await tx.memberAssignment.findFirst({
    where: { memberId: member.id, toDate: null },
    orderBy: { fromDate: 'desc' },
  });
  const issue = departureIssue(current?.fromDate ?? member.admittedOn, on, today());
  if (issue) throw ValidationError.of('input.on', issue);
  if (current) await tx.memberAssignment.update({ where: { id: current.id }, data: { toDate: on } });
}

const transferSchema = z
  .object({
    id: z.number().int(),
    toCellId: z.number().int().nullish(),
    on: calendarDate,
    outOfProvince: flag(),
  })
  .superRefine((value, context) => {
    if (value.outOfProvince && value.toCellId != null) {
      context.addIssue({ code: 'custom', path: ['toCellId'], message: 'LEAVE_OUT_OUT_OF_PROVINCE' });
    }
    if (!value.outOfProvince && value.toCellId == null) {
      context.addIssue({ code: 'custom', path: ['toCellId'], message: 'REQUIRED_UNLESS_OUT_OF_PROVINCE' });
    }
  });

export type MemberTransferInput = z.input<typeof transferSchema>;

/** Moves a member to another cell on a date, or out of the province (chuyển sinh hoạt). */
export async function transferMember({ ctx, input, query }: { ctx: StoreContext; input: MemberTransferInput; query: MemberQuery }) {
  const data = parseInput(transferSchema, input);
  return write(ctx, async (tx) => {
    const member = await findActiveMember(tx, data.id, 'input.id', { toChange: true });
    if (data.toCellId == null) {
      await leaveCurrentCell(tx, member, data.on);
      return tx.member.update({
        ...query,
        where: { id: member.id },
        data: { status: 'TRANSFERRED_OUT', statusChangedOn: data.on },
      });
    }
    const target = await findOpenCell(tx, data.toCellId, 'input.toCellId');
    if (member.cellId === target.id) throw ValidationError.of('input.toCellId', message('ALREADY_IN_CELL', { member: member.fullName, cell: target.name }));
    await leaveCurrentCell(tx, member, data.on);
    const distance = await distanceBetween(tx, member.cellId, target);
    return tx.member.update({
      ...query,
      where: { id: member.id },
      data: { cellId: target.id, assignments: { create: { cellId: target.id, fromDate: data.on, transferDistance: distance } } },
    });
  });
}

/** How far a move between two cells of the store reaches, read from their ancestry (labels reach above the subtree). */
async function distanceBetween(tx: Tx, fromCellId: number, to: OrgUnit): Promise<TransferDistance> {
  const from = await tx.orgUnit.findUniqueOrThrow({ where: { id: fromCellId }, select: { id: true, path: true } });
  const ids = (unit: { id: number; path: string }) => [...ancestorIds(unit), unit.id];
  const labels = new Map((await readUnitLabels(tx, [...new Set([...ids(from), ...ids(to)])])).map((label) => [label.id, label]));
  const ancestry = (unit: { id: number; path: string }) => ids(unit).flatMap((id) => (labels.has(id) ? [{ id, kind: labels.get(id)!.kind }] : []));
  return transferDistance(ancestry(from), ancestry(to));
}

const changeStatusSchema = z.object({
  id: z.number().int(),
  status: statusAmong(LEAVING_STATUSES),
  on: calendarDate,
});

export type MemberChangeStatusInput = z.input<typeof changeStatusSchema>;

/** Records a member's death, removal from the list (xóa tên) or expulsion (khai trừ). */
export async function changeMemberStatus({ ctx, input, query }: { ctx: StoreContext; input: MemberChangeStatusInput; query: MemberQuery }) {
  const data = parseInput(changeStatusSchema, input);
  return write(ctx, async (tx) => {
    const member = await findActiveMember(tx, data.id, 'input.id', { toChange: true });
    await leaveCurrentCell(tx, member, data.on);
    return tx.member.update({ ...query, where: { id: member.id }, data: { status: data.status, statusChangedOn: data.on } });
  });
}

const restoreSchema = z.object({
  id: z.number().int(),
  cellId: z.number().int(),
  on: calendarDate,
  decisionNumber: optionalText({ max: 60 }),
});

export type MemberRestoreInput = z.input<typeof restoreSchema>;

/**
 * Restores party membership (phục hồi đảng tịch) to a member removed, expelled or who left the
 * Party: from `on` they meet in the cell again, official if they had been, probationary if not.
 * The restoration keeps the departure it ends, so that year's figures still count it.
 */
export async function restoreMember({ ctx, input, query }: { ctx: StoreContext; input: MemberRestoreInput; query: MemberQuery }) {
  const data = parseInput(restoreSchema, input);
  return write(ctx, async (tx) => {
    const member = await findMemberToChange(tx, data.id, 'input.id');
    if (!(RESTORABLE_STATUSES as readonly MemberStatus[]).includes(member.status) || !member.statusChangedOn) {
      throw ValidationError.of('input.id', message('NOT_RESTORABLE', { member: member.fullName, status: member.status }));
    }
    if (data.on <= member.statusChangedOn) throw ValidationError.of('input.on', message('NOT_BEFORE_DEPARTURE', { date: isoDate(member.statusChangedOn) }));
    if (data.on > today()) throw ValidationError.of('input.on', message('NOT_IN_FUTURE'));
    const cell = await findOpenCell(tx, data.cellId, 'input.cellId');
    const assignment = await tx.memberAssignment.create({ data: { memberId: member.id, cellId: cell.id, fromDate: data.on } });
    await tx.membershipRestoration.create({
      data: {
        memberId: member.id,
        cellId: cell.id,
        restoredOn: data.on,
        assignmentId: assignment.id,
        previousStatus: member.status,
        previousStatusOn: member.statusChangedOn,
        decisionNumber: data.decisionNumber ?? null,
      },
    });
    return tx.member.update({
      ...query,
      where: { id: member.id },
      data: { cellId: cell.id, status: member.officialOn ? 'OFFICIAL' : 'PROBATIONARY', statusChangedOn: data.on },
    });
  });
}

const recognizeSchema = z.object({ id: z.number().int(), on: calendarDate, partyCardNumber: cardNumber });

export type MemberRecognizeOfficialInput = z.input<typeof recognizeSchema>;

/** Ends probation: the member becomes official (công nhận đảng viên chính thức). */
export async function recognizeOfficial({ ctx, input, query }: { ctx: StoreContext; input: MemberRecognizeOfficialInput; query: MemberQuery }) {
  const data = parseInput(recognizeSchema, input);
  return write(ctx, async (tx) => {
    const member = await findMemberToChange(tx, data.id, 'input.id');
    if (member.status !== 'PROBATIONARY') {
      throw ValidationError.of('input.id', message('NOT_PROBATIONARY', { member: member.fullName, status: member.status }));
    }
    const issue = officialOnIssue(member.admittedOn, data.on, today());
    if (issue) throw ValidationError.of('input.on', issue);
    if (data.partyCardNumber) await assertCardNumberFree(tx, data.partyCardNumber, 'input.partyCardNumber', member.id);
    return tx.member.update({
      ...query,
      where: { id: member.id },
      data: {
        status: 'OFFICIAL',
        officialOn: data.on,
        statusChangedOn: data.on,
        ...(data.partyCardNumber ? { partyCardNumber: data.partyCardNumber } : {}),
      },
    });
  });
}

// ───────────── exemptions from meetings ─────────────

/** Refuses a period that shares a day with another exemption of the same member. */
async function assertNoOverlap(tx: Tx, memberId: number, period: DatePeriod, field: string, exceptId?: number) {
  const others = await tx.meetingExemption.findMany({ where: { memberId, id: exceptId ? { not: exceptId } : undefined } });
  const clash = others.find((other) => periodsOverlap(period, other));
  if (clash) {
    throw new ConflictError(field, message('EXEMPTION_OVERLAP', { period: describePeriod(clash), reason: clash.reason }));
  }
}

const exemptionAddSchema = z
  .object({
    memberId: z.number().int(),
    fromDate: calendarDate,
    toDate: calendarDate.nullish(),
    reason: z.enum(ExemptionReason),
    note: optionalText({ max: 1000 }),
  })
  .refine((value) => value.toDate == null || value.toDate >= value.fromDate, {
    path: ['toDate'],
    message: 'NOT_BEFORE_FIELD',
    params: { field: 'fromDate' },
  });

export type ExemptionAddInput = z.input<typeof exemptionAddSchema>;

/** Exempts a member from meetings (miễn sinh hoạt) from a day, until a day or open-ended. */
export async function addExemption({ ctx, input, query }: { ctx: StoreContext; input: ExemptionAddInput; query: ExemptionQuery }) {
  const data = parseInput(exemptionAddSchema, input);
  return write(ctx, async (tx) => {
    const member = await findActiveMember(tx, data.memberId, 'input.memberId', { toChange: true });
    if (data.fromDate < member.admittedOn) throw ValidationError.of('input.fromDate', message('NOT_BEFORE_ADMITTED'));
    const period = { fromDate: data.fromDate, toDate: data.toDate ?? null };
    await assertNoOverlap(tx, member.id, period, 'input.fromDate');
    return tx.meetingExemption.create({
      ...query,
      data: { memberId: member.id, ...period, reason: data.reason, note: data.note ?? null },
    });
  });
}

const exemptionEndSchema = z.object({ id: z.number().int(), toDate: calendarDate });

export type ExemptionEndInput = z.input<typeof exemptionEndSchema>;

/** Sets the last day of an exemption. */
export async function endExemption({ ctx, input, query }: { ctx: StoreContext; input: ExemptionEndInput; query: ExemptionQuery }) {
  const data = parseInput(exemptionEndSchema, input);
  return write(ctx, async (tx) => {
    const exemption = await tx.meetingExemption.findUnique({ where: { id: data.id } });
    if (!exemption) throw new NotFoundError('exemption', 'input.id', String(data.id));
    await findMemberToChange(tx, exemption.memberId, 'input.id');
    if (data.toDate < exemption.fromDate) {
      throw ValidationError.of('input.toDate', message('NOT_BEFORE_EXEMPTION', { date: isoDate(exemption.fromDate) }));
    }
    const period = { fromDate: exemption.fromDate, toDate: data.toDate };
    await assertNoOverlap(tx, exemption.memberId, period, 'input.toDate', exemption.id);
    return tx.meetingExemption.update({ ...query, where: { id: exemption.id }, data: { toDate: data.toDate } });
  });
}
