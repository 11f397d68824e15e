// Pure rules of the admission process: the order of the stages, who may be considered, how
// long the training certificate lasts, and how a target's achievement is expressed.
import { addYears, isoDate } from '../../dates.js';
import type { CandidateStage } from '../../generated/prisma/enums.js';
import { yearsBetween } from '../../validation.js';
import { message, type Message } from '../../text/messages.js';

/** The path every admitted candidate walks, one step at a time. DROPPED leaves it from any step. */
export const STAGE_PATH = [
  'POOL',
  'TRAINED',
  'DOSSIER',
  'CELL_RESOLUTION',
  'COMMITTEE_RESOLUTION',
  'DECIDED',
  'ADMITTED',
] as const satisfies readonly CandidateStage[];

/** The stage after `stage`, or null when the candidate is admitted or dropped. */
export function nextStage(stage: CandidateStage): CandidateStage | null {
  const index = (STAGE_PATH as readonly CandidateStage[]).indexOf(stage);
  return index >= 0 && index < STAGE_PATH.length - 1 ? (STAGE_PATH[index + 1] ?? null) : null;
}

export function isClosedStage(stage: CandidateStage): boolean {
  return stage === 'ADMITTED' || stage === 'DROPPED';
}

export const MIN_CANDIDATE_AGE = 18;
export const MAX_CANDIDATE_AGE = 60;

/**
 * Why a person may not be considered by the cell on `on`, or null. The Charter's "from full 18
 * to full 60 years" admits a person up to the day they turn 60, not past it.
 */
export function eligibilityIssue(birthDate: Date, on: Date): Message | null {
  const age = yearsBetween(birthDate, on);
  if (age < MIN_CANDIDATE_AGE) return message('CANDIDATE_TOO_YOUNG', { age: Math.max(age, 0), on: isoDate(on), min: MIN_CANDIDATE_AGE });
  if (on > addYears(birthDate, MAX_CANDIDATE_AGE)) {
    return message('CANDIDATE_TOO_OLD', { max: MAX_CANDIDATE_AGE, on: isoDate(on), turned: isoDate(addYears(birthDate, MAX_CANDIDATE_AGE)) });
  }
  return null;
}

export const CERTIFICATE_VALID_YEARS = 5;

/** Why the training certificate does not cover an admission on `on`, or null. */
export function certificateIssue(trainedOn: Date | null, on: Date): Message | null {
  if (!trainedOn) return message('NO_CERTIFICATE');
  const expires = addYears(trainedOn, CERTIFICATE_VALID_YEARS);
  if (on >= expires) {
    return message('CERTIFICATE_EXPIRED', { trainedOn: isoDate(trainedOn), years: CERTIFICATE_VALID_YEARS, expires: isoDate(expires) });
  }
  return null;
}

/** Admitted as a percentage of the target, to one decimal; null for a target of zero. */
export function achievedPercent(admitted: number, target: number): number | null {
  return target === 0 ? null : Math.round((admitted / target) * 1000) / 10;
}
