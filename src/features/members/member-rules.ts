// Pure rules about members: who counts as active, probation, the age of admission, departure
// dates and overlapping exemptions. No I/O, so every service (members, admissions) shares them.
import { addMonths, isoDate } from '../../dates.js';
import type { MemberStatus, TransferDistance, UnitKind } from '../../generated/prisma/enums.js';
import { yearsBetween } from '../../validation.js';
import { message, type Message } from '../../text/messages.js';

/** Members who meet in a cell: the default of every member list. */
export const ACTIVE_STATUSES = ['PROBATIONARY', 'OFFICIAL'] as const satisfies readonly MemberStatus[];
/** Ways a member leaves the Party other than a transfer out of the province. */
export const LEAVING_STATUSES = ['DECEASED', 'REMOVED', 'EXPELLED', 'LEFT_PARTY'] as const satisfies readonly MemberStatus[];
/** Departures whose membership may be restored (phục hồi đảng tịch): not a death, not a transfer. */
export const RESTORABLE_STATUSES = ['REMOVED', 'EXPELLED', 'LEFT_PARTY'] as const satisfies readonly MemberStatus[];

export const PROBATION_MONTHS = 12;
export const MIN_ADMISSION_AGE = 18;

export function isActive(status: MemberStatus): boolean {
  return (ACTIVE_STATUSES as readonly MemberStatus[]).includes(status);
}

/** The stored name columns: the name, its folded search form and its Vietnamese sort key. */
/** The first day a probationary member may be recognised as official. */
export function probationEndsOn(admittedOn: Date): Date {
  return addMonths(admittedOn, PROBATION_MONTHS);
}

/** Why a birth date and an admission date do not fit together, or null. */
export function admissionAgeIssue(birthDate: Date, admittedOn: Date): Message | null {
  const age = yearsBetween(birthDate, admittedOn);
  return age >= MIN_ADMISSION_AGE ? null : message('MEMBER_TOO_YOUNG', { age: Math.max(age, 0), on: isoDate(admittedOn), min: MIN_ADMISSION_AGE });
}

/** Why a date cannot be the day a member became official, or null. */
export function officialOnIssue(admittedOn: Date, officialOn: Date, today: Date): Message | null {
  const earliest = probationEndsOn(admittedOn);
  if (officialOn < earliest) {
    return message('PROBATION_TOO_SHORT', { months: PROBATION_MONTHS, admittedOn: isoDate(admittedOn), earliest: isoDate(earliest) });
  }
  if (officialOn > today) return message('NOT_IN_FUTURE');
  return null;
}

export interface AdmissionFacts {
  birthDate: Date;
  admittedOn: Date;
  status: 'PROBATIONARY' | 'OFFICIAL';
  officialOn: Date | null;
  joinedCellOn: Date | null;
}

/** Everything wrong with the dates of a new member, keyed by the fact at fault. */
export function admissionIssues(facts: AdmissionFacts, today: Date): { key: keyof AdmissionFacts; message: Message }[] {
  const issues: { key: keyof AdmissionFacts; message: Message }[] = [];
  if (facts.admittedOn > today) issues.push({ key: 'admittedOn', message: message('NOT_IN_FUTURE') });
  const ageIssue = admissionAgeIssue(facts.birthDate, facts.admittedOn);
  if (ageIssue) issues.push({ key: 'admittedOn', message: ageIssue });
  if (facts.status === 'OFFICIAL') {
    const issue = facts.officialOn
      ? officialOnIssue(facts.admittedOn, facts.officialOn, today)
      : message('REQUIRED_FOR_OFFICIAL');
    if (issue) issues.push({ key: 'officialOn', message: issue });
  } else if (facts.officialOn) {
    issues.push({ key: 'officialOn', message: message('LEAVE_OUT_FOR_PROBATIONARY') });
  }
  if (facts.joinedCellOn) {
    if (facts.joinedCellOn < facts.admittedOn) issues.push({ key: 'joinedCellOn', message: message('NOT_BEFORE_ADMITTED_ON') });
    if (facts.joinedCellOn > today) issues.push({ key: 'joinedCellOn', message: message('NOT_IN_FUTURE') });
  }
  return issues;
}

/**
 * Why a member cannot leave their cell (transfer, death, removal) on `on`, or null: the day
 * must fall within the current assignment and not lie ahead.
 */
export function departureIssue(currentSince: Date, on: Date, today: Date): Message | null {
  if (on < currentSince) return message('NOT_BEFORE_JOINED_CELL', { date: isoDate(currentSince) });
  if (on > today) return message('NOT_IN_FUTURE');
  return null;
}

export interface DatePeriod {
  fromDate: Date;
  /** Inclusive last day; null while open-ended. */
  toDate: Date | null;
}

/** Whether two periods with inclusive ends share a day. */
export function periodsOverlap(a: DatePeriod, b: DatePeriod): boolean {
  return (b.toDate === null || a.fromDate <= b.toDate) && (a.toDate === null || b.fromDate <= a.toDate);
}

export function describePeriod(period: DatePeriod): string {
  return `${isoDate(period.fromDate)} – ${period.toDate ? isoDate(period.toDate) : 'open-ended'}`;
}

/** A unit's ancestors (itself included) as the distance of a transfer reads them. */
export interface Ancestry {
  id: number;
  kind: UnitKind;
}

/**
 * How far a move between two cells of the store reaches (Biểu 1): a district above both is the
 * same district; else a province above both is the same province; else another province.
 */
export function transferDistance(from: readonly Ancestry[], to: readonly Ancestry[]): TransferDistance {
  const shared = (kind: UnitKind) => from.some((a) => a.kind === kind && to.some((b) => b.id === a.id));
  if (shared('DISTRICT')) return 'SAME_DISTRICT';
  if (shared('PROVINCE')) return 'SAME_PROVINCE';
  return 'OTHER_PROVINCE';
}
