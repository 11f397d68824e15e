// A small province written down as plain data (a "world"): its unit tree with merges, members
// with their cells over time, exemptions and departures, candidates, thematic plans, meetings
// with absences, scores and visits, ratings and admission targets. The loader
// (analytics-loader.ts) writes it into the store through the GraphQL mutations, and the one
// oracle (oracle.ts) computes every figure from the store's rows. The generator
// below makes random worlds that every mutation accepts.

// ───────────── days as ISO strings ("2025-07-01"): they compare as text ─────────────

const DAY_MS = 86_400_000;
export const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);
export const addDays = (day: string, days: number) => isoDay(new Date(toDate(day).getTime() + days * DAY_MS));
export const daysBetween = (from: string, to: string) => Math.round((toDate(to).getTime() - toDate(from).getTime()) / DAY_MS);
export const monthStart = (year: number, month: number) => isoDay(new Date(Date.UTC(year, month - 1, 1)));
export const monthEnd = (year: number, month: number) => isoDay(new Date(Date.UTC(year, month, 0)));
export const addMonths = (day: string, months: number) => {
  const date = toDate(day);
  return isoDay(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate())));
};
export const yearOf = (day: string) => Number(day.slice(0, 4));
export const monthOf = (day: string) => Number(day.slice(5, 7));
const laterOf = (a: string, b: string) => (a > b ? a : b);
const earlierOf = (a: string, b: string) => (a < b ? a : b);

// ───────────── the world ─────────────

export type UnitKind = 'PROVINCE' | 'DISTRICT' | 'GRASSROOTS' | 'SUB_COMMITTEE' | 'CELL';
export type MeetingKind = 'REGULAR' | 'THEMATIC' | 'COMBINED' | 'EXTRAORDINARY';
export type RatingLevel = 'EXCELLENT' | 'GOOD' | 'COMPLETED' | 'NOT_COMPLETED' | 'NOT_RATED';
export type LeavingStatus = 'DECEASED' | 'REMOVED' | 'EXPELLED' | 'TRANSFERRED_OUT';
export type CandidateStage = 'POOL' | 'TRAINED' | 'DOSSIER' | 'CELL_RESOLUTION' | 'COMMITTEE_RESOLUTION' | 'DECIDED' | 'ADMITTED' | 'DROPPED';

export interface UnitSpec {
  key: string;
  name: string;
  kind: UnitKind;
  /** The parent it is founded under; a merge with moveChildren may move it later. */
  parent: string | null;
  validFrom: string;
  /** The day before its merge took effect (a merge dissolves the merged unit). */
  validTo: string | null;
}

/** A merge (sáp nhập) recorded with unitRecordLineage, in this order. */
export interface MergeSpec {
  from: string;
  to: string;
  effectiveOn: string;
  /** Move the merged unit's open children under the unit it merged into. */
  moveChildren: boolean;
}

/** A member's time in a cell: from a day until a day (exclusive), or still there. */
export interface Stay {
  cell: string;
  from: string;
  to: string | null;
}

export interface MemberSpec {
  key: string;
  fullName: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  ethnicity: string;
  youthUnion: boolean;
  admittedOn: string;
  /** The admitting unit named in memberCreate; null leaves it to the default rule. */
  admittedBy: string | null;
  status: 'PROBATIONARY' | 'OFFICIAL';
  officialOn: string | null;
  /** Admitted through candidateAdmit (the candidate's key) rather than memberCreate. */
  viaCandidate: string | null;
  /** In time order; each later stay starts the day the one before ends (a transfer). */
  stays: Stay[];
  /** Exemptions from meetings: from a day to a day (inclusive), or open-ended. */
  exemptions: { from: string; to: string | null }[];
  leaving: { status: LeavingStatus; on: string } | null;
}

export interface CandidateSpec {
  key: string;
  cell: string;
  fullName: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  ethnicity: string;
  youthUnion: boolean;
  enteredOn: string;
  /** Days of the stages reached after POOL, in order (TRAINED, DOSSIER, …, DECIDED). */
  advances: string[];
  outcome: { kind: 'ADMITTED'; on: string; admittedBy: string; member: string } | { kind: 'DROPPED'; on: string } | null;
}

export interface PlanSpec {
  key: string;
  cell: string;
  year: number;
  registeredOn: string;
  /** The quarter of each item, every quarter at least once. */
  items: number[];
  decision: { approve: boolean; on: string; by: string } | null;
}

/** Points per criterion of the default set, in hundredths of a point. */
export type Scores = Record<string, number>;

export interface MeetingSpec {
  key: string;
  cell: string;
  kind: MeetingKind;
  year: number;
  month: number;
  heldOn: string;
  separate: boolean;
  absences: { member: string; kind: 'EXCUSED' | 'UNEXCUSED' }[];
  /** The cell's own scoring (chấm điểm), the one the figures use. */
  cellScores: Scores | null;
  /** A second scoring by the committee directly above: never counted in the cell's figures. */
  superiorScores: Scores | null;
  /** The committees above the cell whose members attended (one visit each). */
  visitors: string[];
  planItem: { plan: string; index: number } | null;
}

export interface RatingSpec {
  unit: string;
  year: number;
  period: 'YEAR' | 'QUARTER';
  periodIndex: number;
  level: RatingLevel;
}

export interface TargetSpec {
  unit: string;
  year: number;
  target: number;
}

export interface World {
  /** Makes unit codes unique across the worlds of one store. */
  label: string;
  root: string;
  units: UnitSpec[];
  merges: MergeSpec[];
  candidates: CandidateSpec[];
  members: MemberSpec[];
  plans: PlanSpec[];
  meetings: MeetingSpec[];
  ratings: RatingSpec[];
  targets: TargetSpec[];
}

/** The central guidance's default criteria set (migration 20261123000100), max points in hundredths. */
export const DEFAULT_CRITERIA = [
  { code: 'ATTENDANCE', max: 2000, requiredForGood: true },
  { code: 'PREPARATION', max: 2000, requiredForGood: true },
  { code: 'CONDUCT', max: 3000, requiredForGood: false },
  { code: 'PRINCIPLES', max: 1500, requiredForGood: true },
  { code: 'FOLLOW_UP', max: 1500, requiredForGood: false },
] as const;

// ───────────── facts every part reads the same way ─────────────

/** A unit exists on a day from its founding to its dissolution, both included. */
export const existsOn = (unit: UnitSpec, day: string) => unit.validFrom <= day && (unit.validTo === null || day <= unit.validTo);
/** A unit exists during [from, to] when the two periods share a day. */
export const existsDuring = (unit: UnitSpec, from: string, to: string) => unit.validFrom <= to && (unit.validTo === null || unit.validTo >= from);

export function unitOf(world: World, key: string): UnitSpec {
  const unit = world.units.find((u) => u.key === key);
  if (!unit) throw new Error(`no unit ${key}`);
  return unit;
}

/**
 * Each unit's parent after the merges that moved children, replayed in the order they were
 * recorded: a merge moves the children of the merged unit not dissolved by then.
 */
export function finalParents(world: World): Map<string, string | null> {
  const parent = new Map(world.units.map((u) => [u.key, u.parent]));
  const dissolved = new Set<string>();
  for (const merge of world.merges) {
    if (merge.moveChildren) {
      for (const unit of world.units) {
        if (parent.get(unit.key) === merge.from && !dissolved.has(unit.key)) parent.set(unit.key, merge.to);
      }
    }
    dissolved.add(merge.from);
  }
  return parent;
}

/** The unit's ancestors in a tree, nearest first. */
export function ancestorsIn(parents: ReadonlyMap<string, string | null>, key: string): string[] {
  const chain: string[] = [];
  for (let at = parents.get(key) ?? null; at !== null; at = parents.get(at) ?? null) chain.push(at);
  return chain;
}

/** The stay of a member covering a day: from the day it starts, until (not including) the day it ends. */
export const stayOn = (member: MemberSpec, day: string) => member.stays.find((s) => s.from <= day && (s.to === null || day < s.to));

export const exemptOn = (member: MemberSpec, day: string) => member.exemptions.some((e) => e.from <= day && (e.to === null || day <= e.to));

/**
 * The members expected at a cell's meeting on a day (the domain's rule: the cell's members on that
 * date less the exempt): in the cell that day, still a member, not exempt.
 */
export function expectedAt(world: World, cell: string, day: string): MemberSpec[] {
  return world.members.filter(
    (m) => stayOn(m, day)?.cell === cell && (m.leaving === null || day < m.leaving.on) && !exemptOn(m, day),
  );
}

// ───────────── random worlds ─────────────

/** The random choices a world is made of (fast-check's generator in the tests). */
export interface Choices {
  /** A whole number from min to max, both included. */
  int(min: number, max: number): number;
}

const chance = (c: Choices, percent: number) => c.int(1, 100) <= percent;
const pick = <T>(c: Choices, items: readonly T[]): T => {
  if (items.length === 0) throw new Error('nothing to pick from');
  return items[c.int(0, items.length - 1)] as T;
};
const dayBetween = (c: Choices, from: string, to: string) => addDays(from, c.int(0, Math.max(0, daysBetween(from, to))));

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi'];
const GIVEN = ['Văn An', 'Thị Bích', 'Minh Châu', 'Hữu Đức', 'Thị Hạnh', 'Quốc Khánh', 'Thanh Liêm', 'Ngọc Mai'];
const ETHNICITIES = ['Kinh', 'Kinh', 'Kinh', 'Khmer', 'Hoa', 'Tày'];

/**
 * The ATTENDANCE points of the default set for a meeting's record, in hundredths, as the central
 * guidance words its criterion: «trên 85%, không có đảng viên vắng mặt không lý do». Full marks
 * when both hold, half when one does (the guidance names no partial points; the set's own reading),
 * none otherwise. With nobody expected, nobody was missing.
 */
export function centralAttendancePoints(expected: number, absences: MeetingSpec['absences']): number {
  const overShare = expected === 0 || (expected - absences.length) * 100 > 85 * expected;
  const noUnexcused = absences.every((absence) => absence.kind === 'EXCUSED');
  return overShare && noUnexcused ? 2000 : overShare || noUnexcused ? 1000 : 0;
}

/**
 * Scores of a meeting: ATTENDANCE as the record earns it; full marks on some other criteria,
 * any hundredths on the rest down to a floor set by its quality.
 */
export function randomScores(c: Choices, attendance: number): Scores {
  const quality = c.int(0, 3);
  const scores: Scores = { ATTENDANCE: attendance };
  for (const criterion of DEFAULT_CRITERIA.filter((criterion) => criterion.code !== 'ATTENDANCE')) {
    if (quality === 0 || chance(c, 30)) scores[criterion.code] = criterion.max;
    else scores[criterion.code] = c.int(Math.floor((criterion.max * (6 - quality)) / 8), criterion.max);
  }
  return scores;
}

/**
 * A random world whose events all happen before `today`: a province with districts,
 * grassroots committees (some without cells), sub-committees and cells, over the previous
 * and the current year, with whatever each mutation needs to accept it.
 */
export function randomWorld(c: Choices, label: string, today: string): World {
  const thisYear = yearOf(today);
  const firstYear = thisYear - 1;
  const dataStart = monthStart(firstYear, 1);
  const yesterday = addDays(today, -1);
  const units: UnitSpec[] = [];
  let unitCount = 0;
  const addUnit = (kind: UnitKind, parent: string | null, validFrom = '2015-01-01') => {
    const key = `${label}-${kind.toLowerCase()}-${++unitCount}`;
    units.push({ key, name: `${kind === 'CELL' ? 'Chi bộ' : 'Đảng bộ'} ${label} số ${unitCount}`, kind, parent, validFrom, validTo: null });
    return key;
  };
  const dayFromMonthIndex = (index: number) => monthStart(firstYear + Math.floor(index / 12), (index % 12) + 1);
  // Cells founded before the data, or on the first day of a month within it.
  const addCells = (parent: string, min: number, max: number) => {
    for (let i = c.int(min, max); i > 0; i--) {
      const founded = chance(c, 80) ? '2015-01-01' : dayFromMonthIndex(c.int(0, monthsSince(firstYear, yesterday)));
      addUnit('CELL', parent, founded);
    }
  };

  const root = addUnit('PROVINCE', null);
  for (let i = c.int(1, 3); i > 0; i--) {
    const shape = c.int(0, 3);
    if (shape === 0) {
      const district = addUnit('DISTRICT', root);
      for (let j = c.int(1, 2); j > 0; j--) addCells(addUnit('GRASSROOTS', district), 0, 2);
    } else if (shape === 1) {
      const grassroots = addUnit('GRASSROOTS', root);
      addCells(grassroots, 0, 3);
      if (chance(c, 40)) addCells(addUnit('SUB_COMMITTEE', grassroots), 1, 2);
    } else if (shape === 2) {
      addCells(addUnit('GRASSROOTS', root), 0, 2);
    } else {
      addUnit('CELL', root); // a chi bộ cơ sở, directly under the province
    }
  }

  const world: World = { label, root, units, merges: [], candidates: [], members: [], plans: [], meetings: [], ratings: [], targets: [] };
  const cells = () => units.filter((u) => u.kind === 'CELL');

  // Merges: a cell into another cell, and a grassroots committee (with its cells) into another.
  const mergeable = (u: UnitSpec, on: string) => u.validTo === null && u.validFrom < on && !world.merges.some((m) => m.to === u.key);
  if (chance(c, 60)) {
    const on = dayFromMonthIndex(c.int(1, monthsSince(firstYear, yesterday)));
    const from = cells().filter((u) => mergeable(u, on));
    if (from.length >= 2) {
      const merged = pick(c, from);
      const into = pick(c, from.filter((u) => u !== merged));
      world.merges.push({ from: merged.key, to: into.key, effectiveOn: on, moveChildren: false });
      merged.validTo = addDays(on, -1);
    }
  }
  if (chance(c, 40)) {
    const on = dayFromMonthIndex(c.int(1, monthsSince(firstYear, yesterday)));
    // Its units move with it on that day, so none of them may be founded after it.
    const childrenFoundedBy = (u: UnitSpec) => units.every((child) => child.parent !== u.key || child.validFrom < on);
    const from = units.filter(
      (u) => u.kind === 'GRASSROOTS' && mergeable(u, on) && childrenFoundedBy(u) && !world.merges.some((m) => m.to === u.key || m.from === u.key),
    );
    if (from.length >= 2) {
      const merged = pick(c, from);
      const into = pick(c, from.filter((u) => u !== merged));
      world.merges.push({ from: merged.key, to: into.key, effectiveOn: on, moveChildren: true });
      merged.validTo = addDays(on, -1);
    }
  }
  const originalAncestors = (key: string) => ancestorsIn(new Map(units.map((u) => [u.key, u.parent])), key);
  const finalAncestors = (key: string) => ancestorsIn(finalParents(world), key);
  const cellMergedInto = (key: string) => world.merges.find((m) => m.from === key && unitOf(world, key).kind === 'CELL');

  // Candidates (đối tượng kết nạp), moving a stage a month through the first year.
  // Cells that exist from the candidates' first day to their admission.
  const candidateCells = cells().filter((u) => existsOn(u, monthStart(firstYear, 1)) && existsOn(u, monthEnd(firstYear, 8)));
  const admittedByCandidate: { candidate: CandidateSpec; on: string }[] = [];
  for (let i = candidateCells.length > 0 ? c.int(0, 3) : 0; i > 0; i--) {
    const cell = pick(c, candidateCells).key;
    const key = `${label}-candidate-${world.candidates.length + 1}`;
    const stages = c.int(0, 5);
    const advances = Array.from({ length: stages }, (_, s) => monthStart(firstYear, s + 2));
    const last = advances[advances.length - 1] ?? monthStart(firstYear, 1);
    const candidate: CandidateSpec = {
      key,
      cell,
      fullName: `${pick(c, FAMILY)} ${pick(c, GIVEN)}`,
      gender: chance(c, 50) ? 'FEMALE' : 'MALE',
      birthDate: `${firstYear - c.int(20, 34)}-0${c.int(1, 9)}-1${c.int(0, 9)}`,
      ethnicity: pick(c, ETHNICITIES),
      youthUnion: chance(c, 60),
      enteredOn: monthStart(firstYear, 1),
      advances,
      outcome: null,
    };
    if (stages === 5 && chance(c, 60)) {
      const on = addDays(monthStart(firstYear, 7), c.int(0, 20));
      const admittedBy = pick(c, [cell, ...originalAncestors(cell)]);
      candidate.outcome = { kind: 'ADMITTED', on, admittedBy, member: `${key}-member` };
      admittedByCandidate.push({ candidate, on });
    } else if (chance(c, 25)) {
      candidate.outcome = { kind: 'DROPPED', on: addDays(last, 10) };
    }
    world.candidates.push(candidate);
  }

  // Members: their cell over time, transfers, the moves of a merge, exemptions, departures.
  const cellsOn = (day: string, except: string) => cells().filter((u) => u.key !== except && existsOn(u, day));
  const memberHistory = (member: MemberSpec, firstCell: string, joined: string) => {
    const leavingOn = chance(c, 10) && joined < yesterday ? dayBetween(c, addDays(joined, 1), yesterday) : null;
    const transferOn = chance(c, 30) && joined < yesterday ? dayBetween(c, addDays(joined, 1), yesterday) : null;
    let stay: Stay = { cell: firstCell, from: joined, to: null };
    let transferDone = transferOn === null;
    for (;;) {
      const merge = cellMergedInto(stay.cell);
      const mergeOn = merge && merge.effectiveOn > stay.from ? merge.effectiveOn : null;
      const next = [transferDone ? null : transferOn, mergeOn].filter((d): d is string => d !== null).sort()[0];
      if (!next || (leavingOn !== null && next >= leavingOn)) break;
      let target: string | null = null;
      if (next === mergeOn && merge) target = merge.to;
      else {
        transferDone = true;
        const choices = cellsOn(next, stay.cell);
        if (choices.length > 0 && next > stay.from) target = pick(c, choices).key;
      }
      if (next === transferOn) transferDone = true;
      if (target === null) continue;
      stay.to = next;
      member.stays.push(stay);
      stay = { cell: target, from: next, to: null };
    }
    if (leavingOn !== null) {
      stay.to = leavingOn;
      member.leaving = { status: pick(c, ['DECEASED', 'REMOVED', 'EXPELLED', 'TRANSFERRED_OUT'] as const), on: leavingOn };
    }
    member.stays.push(stay);
    // Up to two exemptions, one after the other, while still a member.
    let from = laterOf(member.admittedOn, addDays(dataStart, -200));
    for (let e = chance(c, 25) ? c.int(1, 2) : 0; e > 0 && from < yesterday; e--) {
      const start = dayBetween(c, from, earlierOf(yesterday, member.leaving ? addDays(member.leaving.on, -1) : yesterday));
      if (member.leaving && start >= member.leaving.on) break;
      const end = chance(c, 30) ? null : addDays(start, c.int(0, 200));
      member.exemptions.push({ from: start, to: end });
      if (end === null) break;
      from = addDays(end, 1);
    }
  };
  for (const { candidate, on } of admittedByCandidate) {
    const outcome = candidate.outcome;
    if (outcome?.kind !== 'ADMITTED') continue;
    const member: MemberSpec = {
      key: outcome.member,
      fullName: candidate.fullName,
      gender: candidate.gender,
      birthDate: candidate.birthDate,
      ethnicity: candidate.ethnicity,
      youthUnion: candidate.youthUnion,
      admittedOn: on,
      admittedBy: outcome.admittedBy,
      status: 'PROBATIONARY',
      officialOn: null,
      viaCandidate: candidate.key,
      stays: [],
      exemptions: [],
      leaving: null,
    };
    world.members.push(member);
    memberHistory(member, candidate.cell, on);
  }
  for (const cell of cells()) {
    for (let i = c.int(0, 4); i > 0; i--) {
      const recent = chance(c, 45);
      const admittedOn = recent ? dayBetween(c, dataStart, yesterday) : dayBetween(c, '2000-01-01', addDays(dataStart, -1));
      if (cell.validTo !== null && cell.validTo < admittedOn) continue;
      const joined = laterOf(admittedOn, cell.validFrom);
      if (joined > yesterday || (cell.validTo !== null && joined > cell.validTo)) continue;
      const age = c.int(18, 45);
      const birthDate = addDays(addMonths(admittedOn, -12 * age), -c.int(0, 360));
      const officialFrom = addMonths(admittedOn, 12);
      const official = officialFrom <= yesterday && chance(c, 80);
      const member: MemberSpec = {
        key: `${label}-member-${world.members.length + 1}`,
        fullName: `${pick(c, FAMILY)} ${pick(c, GIVEN)}`,
        gender: chance(c, 45) ? 'FEMALE' : 'MALE',
        birthDate,
        ethnicity: pick(c, ETHNICITIES),
        youthUnion: chance(c, 40),
        admittedOn,
        admittedBy: chance(c, 50) ? null : pick(c, [cell.key, ...originalAncestors(cell.key)]),
        status: official ? 'OFFICIAL' : 'PROBATIONARY',
        officialOn: official ? dayBetween(c, officialFrom, earlierOf(yesterday, addDays(officialFrom, 60))) : null,
        viaCandidate: null,
        stays: [],
        exemptions: [],
        leaving: null,
      };
      world.members.push(member);
      memberHistory(member, cell.key, joined);
    }
  }

  // Thematic plans, registered in January and decided by the committee above.
  for (const cell of cells()) {
    for (const year of [firstYear, thisYear]) {
      const registeredOn = `${year}-01-15`;
      if (!existsOn(cell, registeredOn) || addDays(registeredOn, 10) > yesterday || !chance(c, 40)) continue;
      const items = [1, 2, 3, 4, ...(chance(c, 30) ? [c.int(1, 4)] : [])];
      const decided = c.int(0, 9);
      world.plans.push({
        key: `${label}-plan-${world.plans.length + 1}`,
        cell: cell.key,
        year,
        registeredOn,
        items,
        decision: decided < 7 ? { approve: true, on: addDays(registeredOn, 10), by: pick(c, originalAncestors(cell.key)) }
          : decided < 8 ? { approve: false, on: addDays(registeredOn, 10), by: pick(c, originalAncestors(cell.key)) }
          : null,
      });
    }
  }

  // Meetings, month by month while each cell exists, some held late (early the next month).
  const fulfilled = new Set<string>();
  for (const cell of cells()) {
    for (let index = 0; index <= monthsSince(firstYear, yesterday); index++) {
      const year = firstYear + Math.floor(index / 12);
      const month = (index % 12) + 1;
      const from = laterOf(monthStart(year, month), cell.validFrom);
      const to = earlierOf(earlierOf(monthEnd(year, month), cell.validTo ?? '9999-12-31'), yesterday);
      if (from > to) continue;
      const kinds: MeetingKind[] = [];
      if (chance(c, 75)) kinds.push(chance(c, 20) ? 'COMBINED' : 'REGULAR');
      if (chance(c, 12)) kinds.push('THEMATIC');
      if (chance(c, 3)) kinds.push('EXTRAORDINARY');
      for (const kind of kinds) {
        let heldOn = dayBetween(c, from, to);
        const late = addDays(monthEnd(year, month), c.int(1, 5));
        if (kind !== 'EXTRAORDINARY' && chance(c, 10) && late <= yesterday && existsOn(cell, late)) heldOn = late;
        const expected = expectedAt(world, cell.key, heldOn);
        const plan = world.plans.find((p) => p.cell === cell.key && p.year === year && p.decision?.approve);
        const free = plan ? plan.items.map((_, i) => i).filter((i) => !fulfilled.has(`${plan.key}/${i}`)) : [];
        let planItem: MeetingSpec['planItem'] = null;
        if (plan && (kind === 'THEMATIC' || kind === 'COMBINED') && free.length > 0 && chance(c, 70)) {
          planItem = { plan: plan.key, index: pick(c, free) };
          fulfilled.add(`${plan.key}/${planItem.index}`);
        }
        const above = finalAncestors(cell.key);
        const absences: MeetingSpec['absences'] = expected
          .filter(() => chance(c, 15))
          .map((m) => ({ member: m.key, kind: chance(c, 50) ? 'EXCUSED' : 'UNEXCUSED' }));
        const attendance = centralAttendancePoints(expected.length, absences);
        world.meetings.push({
          key: `${label}-meeting-${world.meetings.length + 1}`,
          cell: cell.key,
          kind,
          year,
          month,
          heldOn,
          separate: chance(c, 80),
          absences,
          cellScores: chance(c, 70) ? randomScores(c, attendance) : null,
          superiorScores: chance(c, 10) ? randomScores(c, attendance) : null,
          visitors: chance(c, 20) ? above.filter(() => chance(c, 50)) : [],
          planItem,
        });
      }
    }
  }

  // Ratings of cells (some missing, some NOT_RATED), of committees and by quarter (never counted).
  const levels: RatingLevel[] = ['EXCELLENT', 'GOOD', 'GOOD', 'COMPLETED', 'NOT_COMPLETED', 'NOT_RATED'];
  for (const unit of units) {
    for (const year of [firstYear - 1, firstYear, thisYear]) {
      if (!existsDuring(unit, `${year}-01-01`, `${year}-12-31`)) continue;
      if (chance(c, unit.kind === 'CELL' ? 70 : 30)) world.ratings.push({ unit: unit.key, year, period: 'YEAR', periodIndex: 0, level: pick(c, levels) });
      if (unit.kind === 'CELL' && chance(c, 10)) world.ratings.push({ unit: unit.key, year, period: 'QUARTER', periodIndex: c.int(1, 4), level: pick(c, levels) });
    }
  }

  // Admission targets, at any level, sometimes both a committee and committees under it.
  for (const unit of units.filter((u) => u.kind !== 'CELL')) {
    for (const year of [firstYear, thisYear]) {
      if (chance(c, 40)) world.targets.push({ unit: unit.key, year, target: c.int(0, 6) });
    }
  }
  return world;
}

/** Whole months from January of `firstYear` to the month of `day`. */
function monthsSince(firstYear: number, day: string): number {
  return (yearOf(day) - firstYear) * 12 + monthOf(day) - 1;
}
