// The level a meeting's score reaches under a criteria set: the highest band whose minimum
// the total meets, except that GOOD also needs full marks on every criterion marked
// required-for-GOOD (a meeting that misses one is FAIR at best). Pure, so the recorder, the
// demo generator and the tests' oracle all apply the same rule.
import type { MeetingLevel } from '../../generated/prisma/enums.js';

export interface LevelRules {
  bands: readonly { level: MeetingLevel; minScore: number }[];
  criteria: readonly { code: string; maxPoints: number; requiredForGood: boolean }[];
}

export function meetingLevel(rules: LevelRules, points: ReadonlyMap<string, number>): { total: number; level: MeetingLevel } {
  const total = Math.round(rules.criteria.reduce((sum, criterion) => sum + (points.get(criterion.code) ?? 0), 0) * 100) / 100;
  const bands = [...rules.bands].sort((a, b) => b.minScore - a.minScore);
  const requiredMet = rules.criteria.every(
    (criterion) => !criterion.requiredForGood || (points.get(criterion.code) ?? 0) >= criterion.maxPoints,
  );
  const reached = bands.filter((band) => total >= band.minScore && (band.level !== 'GOOD' || requiredMet));
  return { total, level: reached[0]?.level ?? 'POOR' };
}
