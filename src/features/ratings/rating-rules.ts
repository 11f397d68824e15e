// Pure rules of ratings (xếp loại): which levels apply in which year, the default rule
// version, the window a period covers, and the cap on EXCELLENT members. No I/O here.
import type { FieldIssue } from '../../errors.js';
import type { RatingLevel, RatingPeriod } from '../../generated/prisma/enums.js';
import { message, type Message } from '../../text/messages.js';

/** The first year rated under the current four levels (Quy định 132-QĐ/TW, 2018). */
export const CURRENT_LEVELS_FROM = 2018;

export type RatedSubject = 'unit' | 'member';

const currentLevels: readonly RatingLevel[] = ['EXCELLENT', 'GOOD', 'COMPLETED', 'NOT_COMPLETED'];

/**
 * Before 2018 an organisation was rated trong sạch vững mạnh (with tiêu biểu as the best of
 * those), hoàn thành tốt nhiệm vụ, hoàn thành nhiệm vụ or yếu kém. The middle two bear the
 * same names as today's GOOD and COMPLETED, so old terms store them as GOOD and COMPLETED.
 */
const legacyLevels: Record<RatedSubject, readonly RatingLevel[]> = {
  unit: ['LEGACY_CLEAN_STRONG_EXEMPLARY', 'LEGACY_CLEAN_STRONG', 'GOOD', 'COMPLETED', 'LEGACY_WEAK'],
  member: ['LEGACY_QUALIFIED_EXCELLENT', 'LEGACY_QUALIFIED_GOOD', 'LEGACY_QUALIFIED', 'LEGACY_VIOLATION'],
};

/** The levels a unit or member may be rated at for a year; NOT_RATED applies in every year. */
export function levelsFor(subject: RatedSubject, year: number): readonly RatingLevel[] {
  return [...(year >= CURRENT_LEVELS_FROM ? currentLevels : legacyLevels[subject]), 'NOT_RATED'];
}

/** Why `level` cannot rate a unit or member in `year`, or null when it can. */
export function levelProblem(subject: RatedSubject, year: number, level: RatingLevel): Message | null {
  const allowed = levelsFor(subject, year);
  if (allowed.includes(level)) return null;
  return message('LEVEL_NOT_OF_ERA', { level, subject, year, from: CURRENT_LEVELS_FROM, allowed: allowed.join(', ') });
}

/**
 * The rules a rating was made under when the input names none: the guidance in force for
 * the rated year (Quy định 132-QĐ/TW from 2018, Quy định 124-QĐ/TW from 2023).
 */
export function defaultRuleVersion(year: number): string {
  if (year >= 2023) return 'QĐ 124-QĐ/TW (2023)';
  if (year >= CURRENT_LEVELS_FROM) return 'QĐ 132-QĐ/TW (2018)';
  return 'Trước 2018 (TSVM)';
}

/** A unit's rating counts as EXCELLENT for a recognition: EXCELLENT, or TSVM before 2018. */
export function isExcellentEquivalent(level: RatingLevel): boolean {
  return level === 'EXCELLENT' || level === 'LEGACY_CLEAN_STRONG' || level === 'LEGACY_CLEAN_STRONG_EXEMPLARY';
}

/** The days a period covers: [start, end) in UTC dates. */
export function periodWindow(year: number, period: RatingPeriod, periodIndex: number): { start: Date; end: Date } {
  if (period === 'QUARTER') {
    return { start: new Date(Date.UTC(year, (periodIndex - 1) * 3, 1)), end: new Date(Date.UTC(year, periodIndex * 3, 1)) };
  }
  return { start: new Date(Date.UTC(year, 0, 1)), end: new Date(Date.UTC(year + 1, 0, 1)) };
}

/**
 * What the cap on EXCELLENT members is a percentage of. The rating rules (Quy định 132-QĐ/TW,
 * 2018; 124-QĐ/TW, 2023) say EXCELLENT "không vượt quá 20% số được xếp loại 'Hoàn thành tốt
 * nhiệm vụ'", which committees apply two ways:
 *  - GOOD: of those rated GOOD alone, the words taken literally; the stricter reading.
 *  - GOOD_OR_BETTER: of those rated GOOD or EXCELLENT, since the excellent are chosen from
 *    among those who earned GOOD, and reports count them so ("… hoàn thành tốt nhiệm vụ,
 *    trong đó hoàn thành xuất sắc …").
 */
export const EXCELLENT_CAP_BASES = ['GOOD', 'GOOD_OR_BETTER'] as const;
export type ExcellentCapBase = (typeof EXCELLENT_CAP_BASES)[number];

/** The cap as a committee applies it: a percentage of a base. */
export interface ExcellentCapRule {
  percent: number;
  base: ExcellentCapBase;
}

/**
 * 20% as the rules say; good-or-better as the base, because the excellent are chosen from
 * those rated good and the committees' own reports count them within the good.
 */
export const DEFAULT_EXCELLENT_CAP: ExcellentCapRule = { percent: 20, base: 'GOOD_OR_BETTER' };

/** Why a percentage cannot be a cap, or null: a whole percentage above 0, at most 100. */
export function capPercentIssue(percent: number): Message | null {
  return Number.isInteger(percent) && percent > 0 && percent <= 100 ? null : message('CAP_PERCENT');
}

export interface CapCheck {
  /** The members the percentage is taken of: GOOD, or GOOD and EXCELLENT, by the rule's base. */
  baseCount: number;
  /** The most members that may be rated EXCELLENT: floor(baseCount × percent / 100). */
  allowed: number;
  /** EXCELLENT members beyond the allowed number; 0 when within the cap. */
  excess: number;
}

/** EXCELLENT may not exceed the rule's percentage of its base within a grassroots organisation. */
export function excellentCap(excellent: number, good: number, rule: ExcellentCapRule): CapCheck {
  const baseCount = rule.base === 'GOOD' ? good : good + excellent;
  const allowed = Math.floor((baseCount * rule.percent) / 100);
  return { baseCount, allowed, excess: Math.max(0, excellent - allowed) };
}

/** What a rating says, whether being created or corrected. */
export interface RatingFacts {
  year: number;
  period: RatingPeriod;
  periodIndex: number;
  selfAssessedLevel: RatingLevel | null;
  proposedLevel: RatingLevel | null;
  level: RatingLevel;
  notRatedReason: string | null;
  decidedOn: Date | null;
}

/** Every way the rating breaks the rules, each naming its input field. */
export function ratingIssues(subject: RatedSubject, facts: RatingFacts): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (facts.period === 'QUARTER' && !(facts.periodIndex >= 1 && facts.periodIndex <= 4)) {
    issues.push({ field: 'input.periodIndex', message: message('QUARTER_INDEX') });
  }
  if (facts.period !== 'QUARTER' && facts.periodIndex !== 0) {
    issues.push({ field: 'input.periodIndex', message: message('NO_PERIOD_INDEX', { period: facts.period }) });
  }
  for (const field of ['level', 'selfAssessedLevel', 'proposedLevel'] as const) {
    const level = facts[field];
    const problem = level ? levelProblem(subject, facts.year, level) : null;
    if (problem) issues.push({ field: `input.${field}`, message: problem });
  }
  if (facts.level === 'NOT_RATED' && !facts.notRatedReason) {
    issues.push({ field: 'input.notRatedReason', message: message('NOT_RATED_NEEDS_REASON') });
  }
  if (facts.level !== 'NOT_RATED' && facts.notRatedReason) {
    issues.push({ field: 'input.notRatedReason', message: message('REASON_ONLY_NOT_RATED') });
  }
  if (facts.decidedOn && facts.decidedOn < periodWindow(facts.year, facts.period, facts.periodIndex).start) {
    issues.push({ field: 'input.decidedOn', message: message('NOT_BEFORE_PERIOD') });
  }
  return issues;
}
