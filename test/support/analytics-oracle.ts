// The analytics oracle: every dashboard figure computed in plain TypeScript from a world
// (analytics-world.ts), that is from what the test itself generated, never from the store or
// the snapshot's SQL. Definitions follow the domain's catalogue of figures and the
// descriptions in the schema; units are grouped by the structure the snapshot holds (after
// the merges that moved children). Shares round half up exactly, in whole numbers.
import {
  DEFAULT_CRITERIA,
  ancestorsIn,
  existsDuring,
  expectedAt,
  finalParents,
  monthEnd,
  monthStart,
  stayOn,
  unitOf,
  type MeetingSpec,
  type MemberSpec,
  type Scores,
  type World,
} from './analytics-world.js';

/** A share in percent with one decimal, rounded half up; null when there is nothing to share. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.floor((2000 * part + whole) / (2 * whole)) / 10 : null;
}

/** The mean of scores given in hundredths, in points with two decimals rounded half up. */
function meanScore(sumHundredths: number, count: number): number | null {
  return count > 0 ? Math.floor((2 * sumHundredths + count) / (2 * count)) / 100 : null;
}

/** The default set's level for a meeting's points (bands 90/70/50; GOOD needs the required criteria in full). */
export function levelOf(scores: Scores): { total: number; level: 'GOOD' | 'FAIR' | 'AVERAGE' | 'POOR' } {
  const total = DEFAULT_CRITERIA.reduce((sum, c) => sum + (scores[c.code] ?? 0), 0);
  const requiredInFull = DEFAULT_CRITERIA.every((c) => !c.requiredForGood || scores[c.code] === c.max);
  const level = total >= 9000 && requiredInFull ? 'GOOD' : total >= 7000 ? 'FAIR' : total >= 5000 ? 'AVERAGE' : 'POOR';
  return { total, level };
}

const count = <T>(items: readonly T[], test: (item: T) => boolean) => items.reduce((n, item) => n + (test(item) ? 1 : 0), 0);
const sum = <T>(items: readonly T[], value: (item: T) => number) => items.reduce((n, item) => n + value(item), 0);

/** Age in whole years on a day (birthdays counted by month and day). */
function ageOn(birthDate: string, day: string): number {
  const before = day.slice(5) < birthDate.slice(5) ? 1 : 0;
  return Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4)) - before;
}

const CANDIDATE_STAGES = ['POOL', 'TRAINED', 'DOSSIER', 'CELL_RESOLUTION', 'COMMITTEE_RESOLUTION', 'DECIDED'] as const;

export type TrendPeriod = 'YEAR' | 'QUARTER' | 'MONTH';

/** A meeting with what the figures read of it, derived from the world. */
interface MeetingFacts {
  spec: MeetingSpec;
  expected: number;
  present: number;
  excused: number;
  unexcused: number;
  score: { total: number; level: 'GOOD' | 'FAIR' | 'AVERAGE' | 'POOR' } | null;
}

export class AnalyticsOracle {
  private readonly parents: Map<string, string | null>;
  private readonly meetings: MeetingFacts[];

  constructor(private readonly world: World) {
    this.parents = finalParents(world);
    this.meetings = world.meetings.map((spec) => {
      const expected = expectedAt(world, spec.cell, spec.heldOn).length;
      return {
        spec,
        expected,
        present: expected - spec.absences.length,
        excused: count(spec.absences, (a) => a.kind === 'EXCUSED'),
        unexcused: count(spec.absences, (a) => a.kind === 'UNEXCUSED'),
        score: spec.cellScores ? levelOf(spec.cellScores) : null,
      };
    });
  }

  /** The units directly under a unit in the snapshot's structure. */
  children(unit: string): string[] {
    return this.world.units.filter((u) => this.parents.get(u.key) === unit).map((u) => u.key);
  }

  /** Whether a unit lies in the subtree of another (itself included). */
  private under(unit: string, top: string): boolean {
    return unit === top || ancestorsIn(this.parents, unit).includes(top);
  }

  private cellsUnder(top: string) {
    return this.world.units.filter((u) => u.kind === 'CELL' && this.under(u.key, top));
  }

  private meetingsUnder(top: string, year: number) {
    return this.meetings.filter((m) => m.spec.year === year && this.under(m.spec.cell, top));
  }

  /** The figures of a per-unit table: the unit itself (its subtree) and each unit under it. */
  table<F>(unit: string, figures: (group: string) => F): { total: F; children: Map<string, F> } {
    return { total: figures(unit), children: new Map(this.children(unit).map((child) => [child, figures(child)])) };
  }

  /** cellRatingShares: cells existing in the year by their yearly rating; no rating is "missing". */
  cellRatings(group: string, year: number) {
    const cells = this.cellsUnder(group).filter((c) => existsDuring(c, `${year}-01-01`, `${year}-12-31`));
    const levelOfCell = (cell: string) =>
      this.world.ratings.find((r) => r.unit === cell && r.year === year && r.period === 'YEAR')?.level;
    const levels = cells.map((c) => levelOfCell(c.key));
    const rated = count(levels, (l) => l !== undefined && l !== 'NOT_RATED');
    const excellent = count(levels, (l) => l === 'EXCELLENT');
    const goodOrBetter = count(levels, (l) => l === 'EXCELLENT' || l === 'GOOD');
    return {
      cells: cells.length,
      rated,
      missing: count(levels, (l) => l === undefined),
      notRated: count(levels, (l) => l === 'NOT_RATED'),
      excellent,
      goodOrBetter,
      completed: count(levels, (l) => l === 'COMPLETED'),
      notCompleted: count(levels, (l) => l === 'NOT_COMPLETED'),
      goodOrBetterPercent: share(goodOrBetter, rated),
      excellentPercent: share(excellent, rated),
    };
  }

  /** The months 1..lastMonth of a year in which a cell existed for at least a day. */
  private monthsOf(cell: string, year: number, lastMonth: number): number[] {
    const unit = unitOf(this.world, cell);
    return Array.from({ length: lastMonth }, (_, i) => i + 1).filter((m) => existsDuring(unit, monthStart(year, m), monthEnd(year, m)));
  }

  /**
   * meetingRegularity, up to `lastMonth` (the snapshot's month in its own year): the months a
   * cell existed, those with a regular or combined meeting, and the meetings of those months.
   */
  regularity(group: string, year: number, lastMonth: number) {
    const perCell = this.cellsUnder(group)
      .map((cell) => {
        const months = this.monthsOf(cell.key, year, lastMonth);
        const own = this.world.meetings.filter((m) => m.cell === cell.key && m.year === year && months.includes(m.month));
        const regular = count(months, (month) => own.some((m) => m.month === month && (m.kind === 'REGULAR' || m.kind === 'COMBINED')));
        return { months: months.length, regular, own };
      })
      .filter((c) => c.months > 0);
    const cellMonths = sum(perCell, (c) => c.months);
    const regularMonths = sum(perCell, (c) => c.regular);
    const cellsEveryMonth = count(perCell, (c) => c.regular === c.months);
    const meetings = perCell.flatMap((c) => c.own);
    const separate = count(meetings, (m) => m.separate);
    return {
      cells: perCell.length,
      cellMonths,
      regularMonths,
      cellsEveryMonth,
      thematic: count(meetings, (m) => m.kind === 'THEMATIC' || m.kind === 'COMBINED'),
      meetings: meetings.length,
      separate,
      regularPercent: share(regularMonths, cellMonths),
      everyMonthPercent: share(cellsEveryMonth, perCell.length),
      separatePercent: share(separate, meetings.length),
    };
  }

  /** meetingAttendanceQuality: the year's meetings, present against expected, and the cells' own scores. */
  attendanceQuality(group: string, year: number, threshold: number) {
    const meetings = this.meetingsUnder(group, year);
    const scored = meetings.flatMap((m) => (m.score ? [m.score] : []));
    const expected = sum(meetings, (m) => m.expected);
    const present = sum(meetings, (m) => m.present);
    const atLeastThreshold = count(scored, (s) => s.total >= Math.round(threshold * 100));
    const at = (level: string) => count(scored, (s) => s.level === level);
    return {
      meetings: meetings.length,
      expected,
      present,
      excused: sum(meetings, (m) => m.excused),
      unexcused: sum(meetings, (m) => m.unexcused),
      scored: scored.length,
      atLeastThreshold,
      good: at('GOOD'),
      fair: at('FAIR'),
      average: at('AVERAGE'),
      poor: at('POOR'),
      attendancePercent: share(present, expected),
      averageScore: meanScore(sum(scored, (s) => s.total), scored.length),
      atLeastThresholdPercent: share(atLeastThreshold, scored.length),
      goodPercent: share(at('GOOD'), scored.length),
      fairPercent: share(at('FAIR'), scored.length),
      averagePercent: share(at('AVERAGE'), scored.length),
      poorPercent: share(at('POOR'), scored.length),
    };
  }

  /** The unit that admitted a member: as given, else the cell's nearest grassroots committee, else its parent (when created). */
  private admittingUnit(member: MemberSpec): string | null {
    if (member.admittedBy !== null) return member.admittedBy;
    const firstCell = member.stays[0]?.cell;
    if (!firstCell) return null;
    const founded = new Map(this.world.units.map((u) => [u.key, u.parent]));
    const above = ancestorsIn(founded, firstCell);
    return above.find((key) => unitOf(this.world, key).kind === 'GRASSROOTS') ?? above[0] ?? null;
  }

  /**
   * The targets set below a unit, added up without counting a target twice: a target set
   * under a unit that has a target of its own is part of that one.
   */
  private targetsBelow(group: string, year: number): number | null {
    const targets = this.world.targets.filter((t) => t.year === year);
    const hasTarget = (unit: string) => targets.some((t) => t.unit === unit);
    const outermost = targets.filter((t) => {
      if (t.unit === group || !this.under(t.unit, group)) return false;
      const between = ancestorsIn(this.parents, t.unit);
      return !between.slice(0, between.indexOf(group)).some(hasTarget);
    });
    return outermost.length > 0 ? sum(outermost, (t) => t.target) : null;
  }

  /** admissionProgress: target, members admitted by units of the subtree, members on 1 January, candidates today. */
  admissions(group: string, year: number) {
    const ownTarget = this.world.targets.find((t) => t.unit === group && t.year === year)?.target ?? null;
    const targetsBelow = this.targetsBelow(group, year);
    const target = ownTarget ?? targetsBelow;
    const admitted = this.world.members.filter((m) => {
      const by = this.admittingUnit(m);
      return m.admittedOn.startsWith(`${year}-`) && by !== null && this.under(by, group);
    });
    const jan1 = `${year}-01-01`;
    const membersAtStart = count(this.world.members, (m) => {
      const stay = stayOn(m, jan1);
      return m.admittedOn <= jan1 && stay !== undefined && this.under(stay.cell, group);
    });
    const candidates = this.world.candidates
      .filter((c) => this.under(c.cell, group))
      .map((c) => c.outcome?.kind ?? CANDIDATE_STAGES[c.advances.length]);
    return {
      ownTarget,
      targetsBelow,
      target,
      admitted: admitted.length,
      achievedPercent: share(admitted.length, target ?? 0),
      women: count(admitted, (m) => m.gender === 'FEMALE'),
      ethnicMinorities: count(admitted, (m) => m.ethnicity !== 'Kinh'),
      youthUnion: count(admitted, (m) => m.youthUnion),
      aged18To30: count(admitted, (m) => ageOn(m.birthDate, m.admittedOn) >= 18 && ageOn(m.birthDate, m.admittedOn) <= 30),
      membersAtStart,
      admittedPercentOfMembers: share(admitted.length, membersAtStart),
      candidatesInProgress: count(candidates, (stage) => stage !== 'ADMITTED' && stage !== 'DROPPED'),
      candidatesDecided: count(candidates, (stage) => stage === 'DECIDED'),
    };
  }

  /** supervisionCoverage: cells of the year, the meetings a superior attended, approved plan items held. */
  supervision(group: string, year: number) {
    const cells = this.cellsUnder(group).filter((c) => existsDuring(c, `${year}-01-01`, `${year}-12-31`)).length;
    const meetings = this.meetingsUnder(group, year).map((m) => m.spec);
    const visited = meetings.filter((m) => m.visitors.length > 0);
    const plans = this.world.plans.filter((p) => p.year === year && p.decision?.approve === true && this.under(p.cell, group));
    const planItems = sum(plans, (p) => p.items.length);
    const planItemsHeld = count(this.world.meetings, (m) => m.planItem !== null && plans.some((p) => p.key === m.planItem?.plan));
    const cellsVisited = new Set(visited.map((m) => m.cell)).size;
    return {
      cells,
      cellsVisited,
      visits: sum(visited, (m) => m.visitors.length),
      meetingsVisited: visited.length,
      meetings: meetings.length,
      planItems,
      planItemsHeld,
      cellsVisitedPercent: share(cellsVisited, cells),
      meetingsVisitedPercent: share(visited.length, meetings.length),
      planItemsHeldPercent: share(planItemsHeld, planItems),
    };
  }

  /**
   * meetingTrend: one point a period from fromYear to toYear, each month up to the snapshot's
   * (`lastMonthIndex` = year * 12 + month - 1) counted in its period.
   */
  trend(unit: string, fromYear: number, toYear: number, period: TrendPeriod, lastMonthIndex: number) {
    const cells = this.cellsUnder(unit);
    const points: {
      year: number;
      quarter: number | null;
      month: number | null;
      months: { year: number; month: number }[];
    }[] = [];
    for (let year = fromYear; year <= toYear; year++) {
      for (let month = 1; month <= 12; month++) {
        if (year * 12 + month - 1 > lastMonthIndex) continue;
        const quarter = period === 'QUARTER' ? Math.floor((month - 1) / 3) + 1 : null;
        const point = points.find((p) => p.year === year && (period === 'YEAR' || (period === 'QUARTER' ? p.quarter === quarter : p.month === month)));
        if (point) point.months.push({ year, month });
        else points.push({ year, quarter, month: period === 'MONTH' ? month : null, months: [{ year, month }] });
      }
    }
    return points.map(({ year, quarter, month, months }) => {
      const inPoint = (m: { year: number; month: number }) => months.some((x) => x.year === m.year && x.month === m.month);
      const cellMonths = months.flatMap((m) =>
        cells.filter((c) => existsDuring(c, monthStart(m.year, m.month), monthEnd(m.year, m.month))).map((c) => ({ cell: c.key, ...m })),
      );
      const regularMonths = count(cellMonths, (cm) =>
        this.world.meetings.some(
          (m) => m.cell === cm.cell && m.year === cm.year && m.month === cm.month && (m.kind === 'REGULAR' || m.kind === 'COMBINED'),
        ),
      );
      const held = this.meetings.filter((m) => inPoint(m.spec) && this.under(m.spec.cell, unit));
      const scored = held.flatMap((m) => (m.score ? [m.score] : []));
      const good = count(scored, (s) => s.level === 'GOOD');
      const expected = sum(held, (m) => m.expected);
      const present = sum(held, (m) => m.present);
      return {
        year,
        quarter,
        month,
        cellMonths: cellMonths.length,
        regularMonths,
        regularPercent: share(regularMonths, cellMonths.length),
        meetings: held.length,
        expected,
        present,
        attendancePercent: share(present, expected),
        unexcused: sum(held, (m) => m.unexcused),
        scored: scored.length,
        averageScore: meanScore(sum(scored, (s) => s.total), scored.length),
        good,
        goodPercent: share(good, scored.length),
      };
    });
  }
}
