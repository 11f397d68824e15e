// Pure rules about members: who counts as active, probation, the age of admission, departure
// dates and overlapping exemptions. No I/O, so every service (members, admissions) shares them.
import { addMonths, isoDate } from '../../dates.js';
import type { MemberStatus } from '../../generated/prisma/enums.js';
import { yearsBetween } from '../../validation.js';

/** Members who meet in a cell: the default of every member list. */
export const ACTIVE_STATUSES = ['PROBATIONARY', 'OFFICIAL'] as const satisfies readonly MemberStatus[];
/** Ways a member leaves the Party other than a transfer out of the province. */
export const LEAVING_STATUSES = ['DECEASED', 'REMOVED', 'EXPELLED'] as const satisfies readonly MemberStatus[];

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
export function admissionAgeIssue(birthDate: Date, admittedOn: Date): string | null {
  const age = yearsBetween(birthDate, admittedOn);
  return age >= MIN_ADMISSION_AGE ? null : `the member was ${Math.max(age, 0)} on ${isoDate(admittedOn)}; the Party admits from age ${MIN_ADMISSION_AGE}`;
}

/** Why a date cannot be the day a member became official, or null. */
export function officialOnIssue(admittedOn: Date, officialOn: Date, today: Date): string | null {
  const earliest = probationEndsOn(admittedOn);
  if (officialOn < earliest) {
    return `must be at least ${PROBATION_MONTHS} months after admission (${isoDate(admittedOn)}), i.e. ${isoDate(earliest)} or later`;
  }
  if (officialOn > today) return 'must not be in the future';
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
export function admissionIssues(facts: AdmissionFacts, today: Date): { key: keyof AdmissionFacts; message: string }[] {
  const issues: { key: keyof AdmissionFacts; message: string }[] = [];
  if (facts.admittedOn > today) issues.push({ key: 'admittedOn', message: 'must not be in the future' });
  const ageIssue = admissionAgeIssue(facts.birthDate, facts.admittedOn);
  if (ageIssue) issues.push({ key: 'admittedOn', message: ageIssue });
  if (facts.status === 'OFFICIAL') {
    const issue = facts.officialOn
      ? officialOnIssue(facts.admittedOn, facts.officialOn, today)
      : 'is required for an OFFICIAL member';
    if (issue) issues.push({ key: 'officialOn', message: issue });
  } else if (facts.officialOn) {
    issues.push({ key: 'officialOn', message: 'must be left out for a PROBATIONARY member' });
  }
  if (facts.joinedCellOn) {
    if (facts.joinedCellOn < facts.admittedOn) issues.push({ key: 'joinedCellOn', message: 'must not be before admittedOn' });
    if (facts.joinedCellOn > today) issues.push({ key: 'joinedCellOn', message: 'must not be in the future' });
  }
  return issues;
}

/**
 * Why a member cannot leave their cell (transfer, death, removal) on `on`, or null: the day
 * must fall within the current assignment and not lie ahead.
 */
export function departureIssue(currentSince: Date, on: Date, today: Date): string | null {
  if (on < currentSince) return `must not be before the member joined the current cell (${isoDate(currentSince)})`;
  if (on > today) return 'must not be in the future';
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
