// The one oracle of the analytics: every measure, and every figure of the named dashboard
// fields (each one of those measures, with its shares and the admission targets), computed in
// TypeScript straight from the transactional store's rows (Prisma), with its own reading of each
// definition — nothing here reuses the production SQL, the catalogue's aggregates or the named
// fields' mapping. Shares and means round half up exactly, in whole numbers.
import { wholeStore } from './store.js';

export interface OracleFact {
  unitId: number;
  year?: number;
  quarter?: number;
  month?: number;
  cellCategory: string | null;
  [column: string]: unknown;
}

type Family =
  | 'meetings' | 'cellMonths' | 'cellYears' | 'memberRatings' | 'admissions' | 'visits' | 'planItems' | 'membersAtRisk' | 'memberYears'
  | 'memberChanges' | 'recognitions' | 'admissionsToCells' | 'candidates' | 'transfers' | 'admissionTargets' | 'unitYears';

const quarterOf = (month: number) => Math.floor((month - 1) / 3) + 1;
const day = (year: number, month: number, date: number) => new Date(Date.UTC(year, month - 1, date));
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0));
const existedIn = (u: { validFrom: Date; validTo: Date | null }, from: Date, to: Date) => u.validFrom <= to && (u.validTo === null || u.validTo >= from);

/** Every fact family read from the store for the years asked, up to the snapshot's month. */
export async function loadFacts(fromYear: number, toYear: number, asOf: Date): Promise<Record<Family, OracleFact[]>> {
  const db = wholeStore();
  const lastIndex = asOf.getUTCFullYear() * 12 + asOf.getUTCMonth();
  const inPeriod = (year: number, month: number) => year >= fromYear && year <= toYear && year * 12 + month - 1 <= lastIndex;
  const units = await db.orgUnit.findMany();
  const category = new Map(units.map((u) => [u.id, u.category as string | null]));
  const cells = units.filter((u) => u.kind === 'CELL');

  const meetingRows = await db.meeting.findMany({
    include: { absences: { select: { kind: true, memberId: true } }, assessments: { where: { assessor: 'CELL' } }, _count: { select: { visits: true } } },
  });
  const meetings = meetingRows
    .filter((m) => inPeriod(m.year, m.month))
    .map((m): OracleFact => {
      const own = m.assessments[0];
      return {
        unitId: m.cellId, year: m.year, quarter: quarterOf(m.month), month: m.month, cellCategory: category.get(m.cellId) ?? null,
        meetingKind: m.kind, qualityLevel: own?.level ?? null, thematic: m.kind === 'THEMATIC' || m.kind === 'COMBINED',
        separate: m.separateFromProfessional, expected: m.expectedCount, present: m.presentCount,
        excused: m.absences.filter((a) => a.kind === 'EXCUSED').length, unexcused: m.absences.filter((a) => a.kind === 'UNEXCUSED').length,
        score: own ? Number(own.totalScore) : null, visits: m._count.visits,
      };
    });
  const regular = new Set(meetingRows.filter((m) => m.kind === 'REGULAR' || m.kind === 'COMBINED').map((m) => `${m.cellId}/${m.year}/${m.month}`));

  const cellMonths: OracleFact[] = [];
  for (const cell of cells) {
    for (let year = fromYear; year <= toYear; year++) {
      for (let month = 1; month <= 12; month++) {
        if (!inPeriod(year, month) || !existedIn(cell, day(year, month, 1), lastDay(year, month))) continue;
        cellMonths.push({ unitId: cell.id, year, quarter: quarterOf(month), month, cellCategory: cell.category, regular: regular.has(`${cell.id}/${year}/${month}`) });
      }
    }
  }

  const unitRatings = await db.unitRating.findMany({ where: { period: 'YEAR' } });
  const ratingOf = new Map(unitRatings.map((r) => [`${r.unitId}/${r.year}`, r.level as string]));
  const visitRows = await db.meetingVisit.findMany({ include: { meeting: true, workingGroup: true } });
  const visitedCellYears = new Set(visitRows.map((v) => `${v.meeting.cellId}/${v.meeting.year}`));
  const recognitions = await db.recognition.findMany({ where: { programme: { in: ['EXEMPLARY_ONE_YEAR', 'EXEMPLARY_FIVE_YEARS'] }, recognizedOn: { not: null } } });
  const exemplary = new Set(recognitions.map((r) => `${r.unitId}/${r.year}`));
  // A cell's meetings over a year: the band its mean score (hundredths, half up) reaches under the
  // bands of the set its latest scored meeting used.
  const bands = await db.levelBand.findMany();
  const scoredByCellYear = new Map<string, { cents: number; count: number; latest: { heldOn: Date; id: number; setId: number } }>();
  for (const m of meetingRows) {
    const own = m.assessments[0];
    if (!own || !inPeriod(m.year, m.month)) continue;
    const key = `${m.cellId}/${m.year}`;
    const entry = scoredByCellYear.get(key) ?? { cents: 0, count: 0, latest: { heldOn: m.heldOn, id: m.id, setId: own.criteriaSetId } };
    entry.cents += Math.round(Number(own.totalScore) * 100);
    entry.count += 1;
    if (m.heldOn > entry.latest.heldOn || (m.heldOn.getTime() === entry.latest.heldOn.getTime() && m.id > entry.latest.id)) entry.latest = { heldOn: m.heldOn, id: m.id, setId: own.criteriaSetId };
    scoredByCellYear.set(key, entry);
  }
  const meetingQuality = (key: string): string | null => {
    const entry = scoredByCellYear.get(key);
    if (!entry) return null;
    const mean = Math.floor((2 * entry.cents + entry.count) / (2 * entry.count)) / 100;
    const reached = bands.filter((b) => b.criteriaSetId === entry.latest.setId && Number(b.minScore) <= mean).sort((a, b) => Number(b.minScore) - Number(a.minScore));
    return reached[0]?.level ?? null;
  };
  // A cell counts in every year it existed for a day; its months due a meeting stop at the snapshot's.
  const cellYears: OracleFact[] = [];
  for (const cell of cells) {
    for (let year = fromYear; year <= toYear; year++) {
      if (!existedIn(cell, day(year, 1, 1), day(year, 12, 31))) continue;
      const months = cellMonths.filter((f) => f.unitId === cell.id && f.year === year);
      const key = `${cell.id}/${year}`;
      cellYears.push({
        unitId: cell.id, year, cellCategory: cell.category, ratingLevel: ratingOf.get(key) ?? null, due: months.length > 0,
        everyMonth: months.length > 0 && months.every((f) => f.regular), visited: visitedCellYears.has(key), exemplary: exemplary.has(key),
        meetingQuality: meetingQuality(key),
      });
    }
  }

  const memberRatings = (await db.memberRating.findMany({ where: { period: 'YEAR', year: { gte: fromYear, lte: toYear } } })).map(
    (r): OracleFact => ({ unitId: r.cellId, year: r.year, cellCategory: category.get(r.cellId) ?? null, ratingLevel: r.level }),
  );

  const members = await db.member.findMany({ where: { admittedByUnitId: { not: null } } });
  const admissions = members
    .filter((m) => inPeriod(m.admittedOn.getUTCFullYear(), m.admittedOn.getUTCMonth() + 1))
    .map((m): OracleFact => {
      const a = m.admittedOn;
      const b = m.birthDate;
      const age = a.getUTCFullYear() - b.getUTCFullYear() - (a.getUTCMonth() * 100 + a.getUTCDate() < b.getUTCMonth() * 100 + b.getUTCDate() ? 1 : 0);
      return {
        unitId: m.admittedByUnitId!, year: a.getUTCFullYear(), quarter: quarterOf(a.getUTCMonth() + 1), month: a.getUTCMonth() + 1,
        cellCategory: category.get(m.admittedByUnitId!) ?? null, woman: m.gender === 'FEMALE', minority: m.ethnicity !== 'Kinh',
        youth: m.youthUnionMember, young: age >= 18 && age <= 30,
      };
    });

  // The same admissions, at the cell each member joined first.
  const firstCell = new Map<number, number>();
  const cameIn = new Set<number>();
  for (const a of await db.memberAssignment.findMany({ orderBy: [{ fromDate: 'desc' }] })) {
    firstCell.set(a.memberId, a.cellId);
    // A member whose first cell here was a transfer in was admitted elsewhere.
    if (a.transferDistance === null) cameIn.delete(a.memberId);
    else cameIn.add(a.memberId);
  }
  for (const memberId of cameIn) firstCell.delete(memberId);
  const admissionsToCells = (await db.member.findMany())
    .filter((m) => firstCell.has(m.id) && inPeriod(m.admittedOn.getUTCFullYear(), m.admittedOn.getUTCMonth() + 1))
    .map((m): OracleFact => {
      const cellId = firstCell.get(m.id)!;
      const month = m.admittedOn.getUTCMonth() + 1;
      return { unitId: cellId, year: m.admittedOn.getUTCFullYear(), quarter: quarterOf(month), month, cellCategory: category.get(cellId) ?? null };
    });

  const visits = visitRows
    .filter((v) => inPeriod(v.meeting.year, v.meeting.month))
    .map((v): OracleFact => ({
      unitId: v.meeting.cellId, year: v.meeting.year, quarter: quarterOf(v.meeting.month), month: v.meeting.month,
      cellCategory: category.get(v.meeting.cellId) ?? null, workingGroup: v.workingGroupId === null ? null : String(v.workingGroupId),
    }));

  const items = await db.thematicPlanItem.findMany({ include: { plan: true, meeting: { select: { id: true } } } });
  const planItems = items
    .filter((i) => i.plan.status === 'APPROVED' && i.plan.year >= fromYear && i.plan.year <= toYear)
    .map((i): OracleFact => ({ unitId: i.plan.cellId, year: i.plan.year, quarter: i.quarter, cellCategory: category.get(i.plan.cellId) ?? null, held: i.meeting !== null }));

  const byMemberYear = new Map<string, { months: Set<number>; last: { heldOn: Date; cellId: number } }>();
  for (const m of meetingRows.filter((row) => inPeriod(row.year, row.month))) {
    for (const absence of m.absences.filter((a) => a.kind === 'UNEXCUSED')) {
      const key = `${absence.memberId}/${m.year}`;
      const entry = byMemberYear.get(key) ?? { months: new Set<number>(), last: { heldOn: m.heldOn, cellId: m.cellId } };
      entry.months.add(m.month);
      if (m.heldOn > entry.last.heldOn) entry.last = { heldOn: m.heldOn, cellId: m.cellId };
      byMemberYear.set(key, entry);
    }
  }
  const membersAtRisk = [...byMemberYear]
    .filter(([, entry]) => entry.months.size >= 3)
    .map(([key, entry]): OracleFact => ({ unitId: entry.last.cellId, year: Number(key.split('/')[1]), cellCategory: category.get(entry.last.cellId) ?? null }));

  // On 1 January and on 31 December, a member (admitted by then, not gone by then) in the cell of their assignment that day.
  const assignments = await db.memberAssignment.findMany({ include: { member: true }, orderBy: { fromDate: 'asc' } });
  const memberYears: OracleFact[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    for (const [atStart, onDay] of [[true, day(year, 1, 1)], [false, day(year, 12, 31)]] as const) {
      const cellOf = new Map<number, number>();
      for (const a of assignments) {
        const m = a.member;
        const member = m.admittedOn <= onDay && (m.status === 'PROBATIONARY' || m.status === 'OFFICIAL' || (m.statusChangedOn !== null && m.statusChangedOn > onDay));
        if (member && a.fromDate <= onDay && (a.toDate === null || a.toDate > onDay)) cellOf.set(a.memberId, a.cellId);
      }
      const byId = new Map(assignments.map((a) => [a.memberId, a.member]));
      for (const [memberId, cellId] of cellOf) {
        const m = byId.get(memberId)!;
        const b = m.birthDate;
        const age = onDay.getUTCFullYear() - b.getUTCFullYear() - (onDay.getUTCMonth() * 100 + onDay.getUTCDate() < b.getUTCMonth() * 100 + b.getUTCDate() ? 1 : 0);
        memberYears.push({
          unitId: cellId, year, cellCategory: category.get(cellId) ?? null, atStart,
          woman: m.gender === 'FEMALE', minority: m.ethnicity !== 'Kinh', probationary: m.officialOn === null || m.officialOn > onDay, age,
        });
      }
    }
  }

  // Recognitions as official and departures, each in the cell whose assignment last began by that day.
  const cellOn = (memberId: number, onDay: Date) =>
    assignments.filter((a) => a.memberId === memberId && a.fromDate <= onDay).sort((a, b) => b.fromDate.getTime() - a.fromDate.getTime())[0]?.cellId;
  const memberChanges: OracleFact[] = [];
  const restorations = await db.membershipRestoration.findMany();
  for (const m of await db.member.findMany()) {
    const changes: [string, Date | null][] = [['RECOGNISED_OFFICIAL', m.officialOn]];
    if (['TRANSFERRED_OUT', 'DECEASED', 'REMOVED', 'EXPELLED', 'LEFT_PARTY'].includes(m.status)) changes.push([m.status, m.statusChangedOn]);
    // A restoration ended a departure, which still counts on its own day.
    for (const r of restorations.filter((r) => r.memberId === m.id)) changes.push([r.previousStatus, r.previousStatusOn], ['RESTORED', r.restoredOn]);
    for (const [change, on] of changes) {
      const cellId = on ? cellOn(m.id, on) : undefined;
      if (!on || cellId === undefined || !inPeriod(on.getUTCFullYear(), on.getUTCMonth() + 1)) continue;
      const month = on.getUTCMonth() + 1;
      memberChanges.push({ unitId: cellId, year: on.getUTCFullYear(), quarter: quarterOf(month), month, cellCategory: category.get(cellId) ?? null, change });
    }
  }

  const recognised = (await db.recognition.findMany({ where: { recognizedOn: { not: null }, year: { gte: fromYear, lte: toYear } } })).map(
    (r): OracleFact => ({ unitId: r.unitId, year: r.year, cellCategory: category.get(r.unitId) ?? null, programme: r.programme }),
  );

  const candidates = (await db.admissionCandidate.findMany()).map(
    (c): OracleFact => ({ unitId: c.cellId, cellCategory: category.get(c.cellId) ?? null, candidateStage: c.stage }),
  );

  // Transfers, at each end: in where a move (or a transfer from outside) began an assignment, out
  // where a move ended one or the member left the province. A move's two ends share its id.
  const transfers: OracleFact[] = [];
  const at = (unitId: number, on: Date, fields: Record<string, unknown>) => {
    if (!inPeriod(on.getUTCFullYear(), on.getUTCMonth() + 1)) return;
    const month = on.getUTCMonth() + 1;
    transfers.push({ unitId, year: on.getUTCFullYear(), quarter: quarterOf(month), month, cellCategory: category.get(unitId) ?? null, ...fields });
  };
  for (const a of assignments) {
    if (a.transferDistance === null) continue;
    const before = assignments.find((p) => p.memberId === a.memberId && p.id !== a.id && p.toDate?.getTime() === a.fromDate.getTime());
    at(a.cellId, a.fromDate, { direction: 'IN', distance: a.transferDistance, move: a.id, otherUnitId: before?.cellId ?? null });
    if (before) at(before.cellId, a.fromDate, { direction: 'OUT', distance: a.transferDistance, move: a.id, otherUnitId: a.cellId });
  }
  for (const m of await db.member.findMany({ where: { status: 'TRANSFERRED_OUT', statusChangedOn: { not: null } } })) {
    const cellId = cellOn(m.id, m.statusChangedOn!);
    if (cellId !== undefined) at(cellId, m.statusChangedOn!, { direction: 'OUT', distance: 'OTHER_PROVINCE', move: -m.id, otherUnitId: null });
  }

  // Admission targets, each with the units above it by their own parents (a target nested in another's covers nothing more).
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
  const above = (id: number) => {
    const up: number[] = [];
    for (let p = parentOf.get(id) ?? null; p !== null; p = parentOf.get(p) ?? null) up.push(p);
    return up;
  };
  const admissionTargets = (await db.admissionTarget.findMany({ where: { year: { gte: fromYear, lte: toYear } } })).map(
    (t): OracleFact => ({ unitId: t.unitId, year: t.year, cellCategory: category.get(t.unitId) ?? null, target: t.target, above: above(t.unitId) }),
  );

  // Organisations below a district on 1 January and 31 December of each year.
  const kindOf = new Map(units.map((u) => [u.id, u.kind as string]));
  const unitYears: OracleFact[] = [];
  for (const u of units.filter((u) => ['GRASSROOTS', 'SUB_COMMITTEE', 'CELL'].includes(u.kind))) {
    const parentKind = u.parentId === null ? null : kindOf.get(u.parentId);
    const grassroots = u.kind === 'GRASSROOTS' || (u.kind === 'CELL' && (parentKind === 'DISTRICT' || parentKind === 'PROVINCE'));
    const underCommittee = u.kind === 'CELL' && above(u.id).some((id) => kindOf.get(id) === 'GRASSROOTS');
    for (let year = fromYear; year <= toYear; year++) {
      for (const [atStart, onDay] of [[true, day(year, 1, 1)], [false, day(year, 12, 31)]] as const) {
        if (existedIn(u, onDay, onDay)) unitYears.push({ unitId: u.id, year, cellCategory: u.category, atStart, kind: u.kind, grassroots, underCommittee });
      }
    }
  }

  return {
    meetings, cellMonths, cellYears, memberRatings, admissions, visits, planItems, membersAtRisk, memberYears, memberChanges,
    recognitions: recognised, admissionsToCells, candidates, transfers, admissionTargets, unitYears,
  };
}

type Rows = OracleFact[];
const n = (rows: Rows, test: (f: OracleFact) => boolean = () => true) => rows.filter(test).length;
const sum = (rows: Rows, column: string) => rows.reduce((total, f) => total + Number(f[column] ?? 0), 0);
/** A share in percent with one decimal, rounded half up in whole numbers; null when there is nothing to share. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.floor((2000 * part + whole) / (2 * whole)) / 10 : null;
}
const pct = share;
const rated = (f: OracleFact) => f.ratingLevel !== null && f.ratingLevel !== 'NOT_RATED';
const level = (...levels: string[]) => (f: OracleFact) => levels.includes(String(f.ratingLevel));
const quality = (value: string) => (f: OracleFact) => f.qualityLevel === value;
const flag = (column: string) => (f: OracleFact) => f[column] === true;

/** The years a figure covers: a stock of several years is the one at the span's start or end. */
export interface Span {
  from: number;
  to: number;
}
type OracleMeasure = { families: Family[]; value: (rows: Record<Family, Rows>, span?: Span) => number | null };

/**
 * Each measure: the family its rows come from (derived ones read several), and its value over
 * them; without a span the rows are taken to be of one year.
 */
export function oracleMeasures(threshold: number): Record<string, OracleMeasure> {
  const of = (family: Family, value: (rows: Rows) => number | null): OracleMeasure => ({ families: [family], value: (rows) => value(rows[family]) });
  // A headcount of several years is not their sum: cells at the end of a term, members at its start.
  const stockOf = (family: Family, edge: 'start' | 'end', value: (rows: Rows) => number | null): OracleMeasure => ({
    families: [family],
    value: (rows, span) => value(span ? rows[family].filter((f) => f.year === (edge === 'start' ? span.from : span.to)) : rows[family]),
  });
  const scored = (rows: Rows) => n(rows, (f) => f.score !== null);
  // A target counts unless another of the same year among the rows (the group's) stands above it.
  const targetSum = (rows: Rows) =>
    rows.filter((t) => !rows.some((other) => other.year === t.year && (t.above as number[]).includes(other.unitId))).reduce((total, t) => total + Number(t.target), 0);
  const aged = (from: number, to: number) => (rows: Rows) => n(rows, (f) => f.atStart === false && Number(f.age) >= from && Number(f.age) <= to);
  const organisations = (atStart: boolean, test: (f: OracleFact) => boolean) => (rows: Rows) => n(rows, (f) => f.atStart === atStart && test(f));
  // A move whose other end is among the rows (inside the group) is no transfer of the group.
  const transfersOf = (direction: 'IN' | 'OUT', distance?: string) => (rows: Rows) => {
    const otherEnds = new Set(rows.filter((f) => f.direction !== direction).map((f) => f.move));
    return n(rows, (f) => f.direction === direction && (distance === undefined || f.distance === distance) && !otherEnds.has(f.move));
  };
  const cellQuarters = (rows: Rows) => new Set(rows.map((f) => `${f.unitId}/${f.year}/${f.quarter}`)).size;
  return {
    MEETINGS: of('meetings', (r) => r.length),
    THEMATIC_MEETINGS: of('meetings', (r) => n(r, flag('thematic'))),
    SEPARATE_MEETINGS: of('meetings', (r) => n(r, flag('separate'))),
    EXPECTED_ATTENDANCE: of('meetings', (r) => sum(r, 'expected')),
    PRESENT: of('meetings', (r) => sum(r, 'present')),
    EXCUSED_ABSENCES: of('meetings', (r) => sum(r, 'excused')),
    UNEXCUSED_ABSENCES: of('meetings', (r) => sum(r, 'unexcused')),
    SCORED_MEETINGS: of('meetings', scored),
    // In hundredths of a point, whole numbers: the mean rounds half up exactly.
    AVERAGE_SCORE: of('meetings', (r) => {
      const cents = r.filter((f) => f.score !== null).reduce((total, f) => total + Math.round(Number(f.score) * 100), 0);
      const count = scored(r);
      return count ? Math.floor((2 * cents + count) / (2 * count)) / 100 : null;
    }),
    MEETINGS_AT_THRESHOLD: of('meetings', (r) => n(r, (f) => f.score !== null && Number(f.score) >= threshold)),
    GOOD_MEETINGS: of('meetings', (r) => n(r, quality('GOOD'))),
    FAIR_MEETINGS: of('meetings', (r) => n(r, quality('FAIR'))),
    AVERAGE_LEVEL_MEETINGS: of('meetings', (r) => n(r, quality('AVERAGE'))),
    POOR_MEETINGS: of('meetings', (r) => n(r, quality('POOR'))),
    VISITED_MEETINGS: of('meetings', (r) => n(r, (f) => Number(f.visits) > 0)),
    ATTENDANCE_PERCENT: of('meetings', (r) => pct(sum(r, 'present'), sum(r, 'expected'))),
    SEPARATE_PERCENT: of('meetings', (r) => pct(n(r, flag('separate')), r.length)),
    AT_THRESHOLD_PERCENT: of('meetings', (r) => pct(n(r, (f) => f.score !== null && Number(f.score) >= threshold), scored(r))),
    GOOD_PERCENT: of('meetings', (r) => pct(n(r, quality('GOOD')), scored(r))),
    FAIR_PERCENT: of('meetings', (r) => pct(n(r, quality('FAIR')), scored(r))),
    AVERAGE_LEVEL_PERCENT: of('meetings', (r) => pct(n(r, quality('AVERAGE')), scored(r))),
    POOR_PERCENT: of('meetings', (r) => pct(n(r, quality('POOR')), scored(r))),
    VISITED_MEETINGS_PERCENT: of('meetings', (r) => pct(n(r, (f) => Number(f.visits) > 0), r.length)),
    CELL_MONTHS: of('cellMonths', (r) => r.length),
    REGULAR_MONTHS: of('cellMonths', (r) => n(r, flag('regular'))),
    CELL_QUARTERS: of('cellMonths', cellQuarters),
    REGULAR_PERCENT: of('cellMonths', (r) => pct(n(r, flag('regular')), r.length)),
    THEMATIC_PER_CELL_QUARTER: {
      families: ['meetings', 'cellMonths'],
      value: (rows) => {
        const quarters = cellQuarters(rows.cellMonths);
        return quarters > 0 ? Math.round((n(rows.meetings, flag('thematic')) * 100) / quarters) / 100 : null;
      },
    },
    CELLS: stockOf('cellYears', 'end', (r) => r.length),
    CELLS_RATED: of('cellYears', (r) => n(r, rated)),
    CELLS_RATING_MISSING: of('cellYears', (r) => n(r, (f) => f.ratingLevel === null)),
    CELLS_NOT_RATED: of('cellYears', (r) => n(r, level('NOT_RATED'))),
    CELLS_EXCELLENT: of('cellYears', (r) => n(r, level('EXCELLENT'))),
    CELLS_GOOD_OR_BETTER: of('cellYears', (r) => n(r, level('EXCELLENT', 'GOOD'))),
    CELLS_COMPLETED: of('cellYears', (r) => n(r, level('COMPLETED'))),
    CELLS_NOT_COMPLETED: of('cellYears', (r) => n(r, level('NOT_COMPLETED'))),
    CELLS_EXEMPLARY: of('cellYears', (r) => n(r, flag('exemplary'))),
    CELLS_EVERY_MONTH: of('cellYears', (r) => n(r, flag('everyMonth'))),
    CELLS_VISITED: of('cellYears', (r) => n(r, flag('visited'))),
    CELLS_GOOD_OR_BETTER_PERCENT: of('cellYears', (r) => pct(n(r, level('EXCELLENT', 'GOOD')), n(r, rated))),
    CELLS_EXCELLENT_PERCENT: of('cellYears', (r) => pct(n(r, level('EXCELLENT')), n(r, rated))),
    CELLS_EXEMPLARY_PERCENT: of('cellYears', (r) => pct(n(r, flag('exemplary')), r.length)),
    CELLS_DUE_TO_MEET: stockOf('cellYears', 'end', (r) => n(r, flag('due'))),
    CELLS_EVERY_MONTH_PERCENT: of('cellYears', (r) => pct(n(r, flag('everyMonth')), n(r, flag('due')))),
    CELLS_VISITED_PERCENT: of('cellYears', (r) => pct(n(r, flag('visited')), r.length)),
    CELLS_MEETINGS_SCORED: of('cellYears', (r) => n(r, (f) => f.meetingQuality !== null)),
    CELLS_MEETINGS_GOOD: of('cellYears', (r) => n(r, (f) => f.meetingQuality === 'GOOD')),
    CELLS_MEETINGS_FAIR: of('cellYears', (r) => n(r, (f) => f.meetingQuality === 'FAIR')),
    CELLS_MEETINGS_AVERAGE: of('cellYears', (r) => n(r, (f) => f.meetingQuality === 'AVERAGE')),
    CELLS_MEETINGS_POOR: of('cellYears', (r) => n(r, (f) => f.meetingQuality === 'POOR')),
    CELLS_MEETINGS_GOOD_PERCENT: of('cellYears', (r) => pct(n(r, (f) => f.meetingQuality === 'GOOD'), n(r, (f) => f.meetingQuality !== null))),
    CELLS_MEETINGS_FAIR_PERCENT: of('cellYears', (r) => pct(n(r, (f) => f.meetingQuality === 'FAIR'), n(r, (f) => f.meetingQuality !== null))),
    MEMBERS_RATED: of('memberRatings', (r) => n(r, (f) => f.ratingLevel !== 'NOT_RATED')),
    MEMBERS_EXCELLENT: of('memberRatings', (r) => n(r, level('EXCELLENT'))),
    MEMBERS_GOOD: of('memberRatings', (r) => n(r, level('GOOD'))),
    MEMBERS_GOOD_OR_BETTER: of('memberRatings', (r) => n(r, level('EXCELLENT', 'GOOD'))),
    MEMBERS_NOT_COMPLETED: of('memberRatings', (r) => n(r, level('NOT_COMPLETED'))),
    MEMBERS_COMPLETED: of('memberRatings', (r) => n(r, level('COMPLETED'))),
    MEMBERS_NOT_RATED: of('memberRatings', (r) => n(r, level('NOT_RATED'))),
    MEMBERS_GOOD_PERCENT: of('memberRatings', (r) => pct(n(r, level('GOOD')), n(r, (f) => f.ratingLevel !== 'NOT_RATED'))),
    MEMBERS_COMPLETED_PERCENT: of('memberRatings', (r) => pct(n(r, level('COMPLETED')), n(r, (f) => f.ratingLevel !== 'NOT_RATED'))),
    MEMBERS_NOT_COMPLETED_PERCENT: of('memberRatings', (r) => pct(n(r, level('NOT_COMPLETED')), n(r, (f) => f.ratingLevel !== 'NOT_RATED'))),
    CELLS_GOOD: of('cellYears', (r) => n(r, level('GOOD'))),
    CELLS_GOOD_PERCENT: of('cellYears', (r) => pct(n(r, level('GOOD')), n(r, rated))),
    CELLS_COMPLETED_PERCENT: of('cellYears', (r) => pct(n(r, level('COMPLETED')), n(r, rated))),
    CELLS_NOT_COMPLETED_PERCENT: of('cellYears', (r) => pct(n(r, level('NOT_COMPLETED')), n(r, rated))),
    ADMISSION_TARGET: of('admissionTargets', targetSum),
    ADMITTED_OF_TARGET_PERCENT: { families: ['admissions', 'admissionTargets'], value: (rows) => pct(rows.admissions.length, targetSum(rows.admissionTargets)) },
    MEMBERS_WOMEN: stockOf('memberYears', 'end', (r) => n(r, (f) => f.atStart === false && f.woman === true)),
    MEMBERS_ETHNIC_MINORITIES: stockOf('memberYears', 'end', (r) => n(r, (f) => f.atStart === false && f.minority === true)),
    MEMBERS_PROBATIONARY: stockOf('memberYears', 'end', (r) => n(r, (f) => f.atStart === false && f.probationary === true)),
    MEMBERS_AGED_UP_TO_30: stockOf('memberYears', 'end', aged(0, 30)),
    MEMBERS_AGED_31_TO_40: stockOf('memberYears', 'end', aged(31, 40)),
    MEMBERS_AGED_41_TO_50: stockOf('memberYears', 'end', aged(41, 50)),
    MEMBERS_AGED_51_TO_60: stockOf('memberYears', 'end', aged(51, 60)),
    MEMBERS_AGED_61_TO_70: stockOf('memberYears', 'end', aged(61, 70)),
    MEMBERS_AGED_OVER_70: stockOf('memberYears', 'end', aged(71, 200)),
    GRASSROOTS_AT_START: stockOf('unitYears', 'start', organisations(true, (f) => f.grassroots === true)),
    GRASSROOTS_AT_END: stockOf('unitYears', 'end', organisations(false, (f) => f.grassroots === true)),
    GRASSROOTS_COMMITTEES_AT_START: stockOf('unitYears', 'start', organisations(true, (f) => f.kind === 'GRASSROOTS')),
    GRASSROOTS_COMMITTEES_AT_END: stockOf('unitYears', 'end', organisations(false, (f) => f.kind === 'GRASSROOTS')),
    GRASSROOTS_CELLS_AT_START: stockOf('unitYears', 'start', organisations(true, (f) => f.grassroots === true && f.kind === 'CELL')),
    GRASSROOTS_CELLS_AT_END: stockOf('unitYears', 'end', organisations(false, (f) => f.grassroots === true && f.kind === 'CELL')),
    SUB_COMMITTEES_AT_START: stockOf('unitYears', 'start', organisations(true, (f) => f.kind === 'SUB_COMMITTEE')),
    SUB_COMMITTEES_AT_END: stockOf('unitYears', 'end', organisations(false, (f) => f.kind === 'SUB_COMMITTEE')),
    CELLS_UNDER_COMMITTEES_AT_START: stockOf('unitYears', 'start', organisations(true, (f) => f.underCommittee === true)),
    CELLS_UNDER_COMMITTEES_AT_END: stockOf('unitYears', 'end', organisations(false, (f) => f.underCommittee === true)),
    CELLS_AT_START: stockOf('unitYears', 'start', organisations(true, (f) => f.kind === 'CELL')),
    CELLS_AT_END: stockOf('unitYears', 'end', organisations(false, (f) => f.kind === 'CELL')),
    MEMBERS_LEFT_PARTY: of('memberChanges', (r) => n(r, (f) => f.change === 'LEFT_PARTY')),
    MEMBERS_RESTORED: of('memberChanges', (r) => n(r, (f) => f.change === 'RESTORED')),
    TRANSFERS_IN: of('transfers', transfersOf('IN')),
    TRANSFERS_IN_SAME_DISTRICT: of('transfers', transfersOf('IN', 'SAME_DISTRICT')),
    TRANSFERS_IN_SAME_PROVINCE: of('transfers', transfersOf('IN', 'SAME_PROVINCE')),
    TRANSFERS_IN_OTHER_PROVINCE: of('transfers', transfersOf('IN', 'OTHER_PROVINCE')),
    TRANSFERS_OUT: of('transfers', transfersOf('OUT')),
    TRANSFERS_OUT_SAME_DISTRICT: of('transfers', transfersOf('OUT', 'SAME_DISTRICT')),
    TRANSFERS_OUT_SAME_PROVINCE: of('transfers', transfersOf('OUT', 'SAME_PROVINCE')),
    TRANSFERS_OUT_OTHER_PROVINCE: of('transfers', transfersOf('OUT', 'OTHER_PROVINCE')),
    MEMBERS_GOOD_OR_BETTER_PERCENT: of('memberRatings', (r) => pct(n(r, level('EXCELLENT', 'GOOD')), n(r, (f) => f.ratingLevel !== 'NOT_RATED'))),
    MEMBERS_EXCELLENT_PERCENT: of('memberRatings', (r) => pct(n(r, level('EXCELLENT')), n(r, (f) => f.ratingLevel !== 'NOT_RATED'))),
    MEMBERS_EXCELLENT_OF_GOOD_PERCENT: of('memberRatings', (r) => pct(n(r, level('EXCELLENT')), n(r, level('GOOD')))),
    MEMBERS_EXCELLENT_OF_GOOD_OR_BETTER_PERCENT: of('memberRatings', (r) => pct(n(r, level('EXCELLENT')), n(r, level('EXCELLENT', 'GOOD')))),
    MEMBERS_AT_RISK: of('membersAtRisk', (r) => r.length),
    ADMITTED: of('admissions', (r) => r.length),
    ADMITTED_INTO_CELLS: of('admissionsToCells', (r) => r.length),
    ADMITTED_WOMEN: of('admissions', (r) => n(r, flag('woman'))),
    ADMITTED_ETHNIC_MINORITIES: of('admissions', (r) => n(r, flag('minority'))),
    ADMITTED_YOUTH_UNION: of('admissions', (r) => n(r, flag('youth'))),
    ADMITTED_AGED_18_TO_30: of('admissions', (r) => n(r, flag('young'))),
    MEMBERS_AT_START: stockOf('memberYears', 'start', (r) => n(r, flag('atStart'))),
    MEMBERS_AT_END: stockOf('memberYears', 'end', (r) => n(r, (f) => f.atStart === false)),
    RECOGNISED_CLEAN_STRONG: of('recognitions', (r) => n(r, (f) => f.programme === 'CLEAN_STRONG_COMPREHENSIVE')),
    RECOGNISED_FOUR_GOOD: of('recognitions', (r) => n(r, (f) => f.programme === 'FOUR_GOOD')),
    RECOGNISED_EXEMPLARY: of('recognitions', (r) => n(r, (f) => f.programme === 'EXEMPLARY_ONE_YEAR' || f.programme === 'EXEMPLARY_FIVE_YEARS')),
    RECOGNISED_OFFICIAL: of('memberChanges', (r) => n(r, (f) => f.change === 'RECOGNISED_OFFICIAL')),
    MEMBERS_GONE: of('memberChanges', (r) => n(r, (f) => f.change !== 'RECOGNISED_OFFICIAL' && f.change !== 'RESTORED')),
    MEMBERS_TRANSFERRED_OUT: of('memberChanges', (r) => n(r, (f) => f.change === 'TRANSFERRED_OUT')),
    MEMBERS_DECEASED: of('memberChanges', (r) => n(r, (f) => f.change === 'DECEASED')),
    MEMBERS_REMOVED: of('memberChanges', (r) => n(r, (f) => f.change === 'REMOVED')),
    MEMBERS_EXPELLED: of('memberChanges', (r) => n(r, (f) => f.change === 'EXPELLED')),
    CANDIDATES: of('candidates', (r) => r.length),
    CANDIDATES_IN_PROGRESS: of('candidates', (r) => n(r, (f) => f.candidateStage !== 'ADMITTED' && f.candidateStage !== 'DROPPED')),
    CANDIDATES_DECIDED: of('candidates', (r) => n(r, (f) => f.candidateStage === 'DECIDED')),
    VISITS: of('visits', (r) => r.length),
    PLAN_ITEMS: of('planItems', (r) => r.length),
    PLAN_ITEMS_HELD: of('planItems', (r) => n(r, flag('held'))),
    PLAN_ITEMS_HELD_PERCENT: of('planItems', (r) => pct(n(r, flag('held')), r.length)),
  };
}

/**
 * Which group of a unit's subtree each unit falls in, in today's structure (a unit merged away
 * stands where its successor stands) or in the structure on a date (its placement that day, or
 * the one nearest to it). Undefined: outside the subtree.
 */
export async function oracleGrouping(rootId: number, options: { structureOn?: Date; byChild: boolean }) {
  const db = wholeStore();
  const units = await db.orgUnit.findMany();
  const byId = new Map(units.map((u) => [u.id, u]));
  let parentOf: (id: number) => number | null;
  if (options.structureOn) {
    const on = options.structureOn.getTime();
    const placements = await db.unitPlacement.findMany();
    const distance = (p: { validFrom: Date; validTo: Date | null }) =>
      p.validFrom.getTime() > on ? p.validFrom.getTime() - on : p.validTo && p.validTo.getTime() < on ? on - p.validTo.getTime() : 0;
    const best = new Map<number, (typeof placements)[number]>();
    for (const p of placements) {
      const current = best.get(p.unitId);
      if (!current || distance(p) < distance(current) || (distance(p) === distance(current) && p.validFrom > current.validFrom)) best.set(p.unitId, p);
    }
    parentOf = (id) => best.get(id)?.parentId ?? null;
  } else {
    parentOf = (id) => byId.get(id)?.parentId ?? null;
  }
  const merges = await db.unitLineage.findMany({ where: { kind: 'MERGE' } });
  const successor = (id: number) => {
    let at = id;
    for (let hops = 0; hops < 50; hops++) {
      const next = merges.find((m) => m.fromUnitId === at);
      if (!next) break;
      at = next.toUnitId;
    }
    return at;
  };
  const chain = (id: number) => {
    const start = options.structureOn ? id : successor(id);
    const up: number[] = [];
    for (let at: number | null = start; at !== null; at = parentOf(at)) up.push(at);
    return start === id ? up : [id, ...up];
  };
  return (unitId: number): number | undefined => {
    const up = chain(unitId);
    if (!up.includes(rootId)) return undefined;
    if (!options.byChild) return rootId;
    // In today's structure a merged unit keeps its own parent as well as its successor's place.
    const child = up.find((id) => (id === unitId && !options.structureOn ? byId.get(id)?.parentId : parentOf(id)) === rootId);
    return child ?? rootId;
  };
}

// ───────────── The named dashboard fields ─────────────

/** Each named field's counts, each the measure it is (the definitions the dashboards print). */
const namedCounts = {
  cellRatingShares: {
    cells: 'CELLS', rated: 'CELLS_RATED', missing: 'CELLS_RATING_MISSING', notRated: 'CELLS_NOT_RATED', excellent: 'CELLS_EXCELLENT',
    goodOrBetter: 'CELLS_GOOD_OR_BETTER', completed: 'CELLS_COMPLETED', notCompleted: 'CELLS_NOT_COMPLETED',
  },
  meetingRegularity: {
    cells: 'CELLS_DUE_TO_MEET', cellMonths: 'CELL_MONTHS', regularMonths: 'REGULAR_MONTHS', cellsEveryMonth: 'CELLS_EVERY_MONTH',
    thematic: 'THEMATIC_MEETINGS', meetings: 'MEETINGS', separate: 'SEPARATE_MEETINGS',
  },
  meetingAttendanceQuality: {
    meetings: 'MEETINGS', expected: 'EXPECTED_ATTENDANCE', present: 'PRESENT', excused: 'EXCUSED_ABSENCES', unexcused: 'UNEXCUSED_ABSENCES',
    scored: 'SCORED_MEETINGS', averageScore: 'AVERAGE_SCORE', atLeastThreshold: 'MEETINGS_AT_THRESHOLD', good: 'GOOD_MEETINGS',
    fair: 'FAIR_MEETINGS', average: 'AVERAGE_LEVEL_MEETINGS', poor: 'POOR_MEETINGS',
  },
  admissionProgress: {
    admitted: 'ADMITTED', women: 'ADMITTED_WOMEN', ethnicMinorities: 'ADMITTED_ETHNIC_MINORITIES', youthUnion: 'ADMITTED_YOUTH_UNION',
    aged18To30: 'ADMITTED_AGED_18_TO_30', membersAtStart: 'MEMBERS_AT_START', candidatesInProgress: 'CANDIDATES_IN_PROGRESS',
    candidatesDecided: 'CANDIDATES_DECIDED',
  },
  supervisionCoverage: {
    cells: 'CELLS', cellsVisited: 'CELLS_VISITED', visits: 'VISITS', meetingsVisited: 'VISITED_MEETINGS', meetings: 'MEETINGS',
    planItems: 'PLAN_ITEMS', planItemsHeld: 'PLAN_ITEMS_HELD',
  },
} as const;
export type NamedField = keyof typeof namedCounts;

type Counts = Record<string, number | null>;
/** Each field's shares, from its counts. */
const namedShares: Record<NamedField, (c: Counts) => Counts> = {
  cellRatingShares: (c) => ({ goodOrBetterPercent: share(c.goodOrBetter!, c.rated!), excellentPercent: share(c.excellent!, c.rated!) }),
  meetingRegularity: (c) => ({
    regularPercent: share(c.regularMonths!, c.cellMonths!), everyMonthPercent: share(c.cellsEveryMonth!, c.cells!), separatePercent: share(c.separate!, c.meetings!),
  }),
  meetingAttendanceQuality: (c) => ({
    attendancePercent: share(c.present!, c.expected!), atLeastThresholdPercent: share(c.atLeastThreshold!, c.scored!),
    goodPercent: share(c.good!, c.scored!), fairPercent: share(c.fair!, c.scored!), averagePercent: share(c.average!, c.scored!), poorPercent: share(c.poor!, c.scored!),
  }),
  admissionProgress: (c) => {
    const target = c.ownTarget ?? c.targetsBelow ?? null;
    return { target, achievedPercent: share(c.admitted!, target ?? 0), admittedPercentOfMembers: share(c.admitted!, c.membersAtStart!) };
  },
  supervisionCoverage: (c) => ({
    cellsVisitedPercent: share(c.cellsVisited!, c.cells!), meetingsVisitedPercent: share(c.meetingsVisited!, c.meetings!), planItemsHeldPercent: share(c.planItemsHeld!, c.planItems!),
  }),
};

/**
 * A named field's table for a unit and year, as the oracle reads it: the unit's subtree and each
 * unit directly under it (today's structure: its parent in the store), keyed by unit id.
 */
export async function namedOracle(rootId: number, field: NamedField, year: number, threshold: number, asOf: Date) {
  const facts = await loadFacts(year, year, asOf);
  const definitions = oracleMeasures(threshold);
  const [byChild, inTree] = await Promise.all([oracleGrouping(rootId, { byChild: true }), oracleGrouping(rootId, { byChild: false })]);
  const units = await wholeStore().orgUnit.findMany();
  const targets = await wholeStore().admissionTarget.findMany({ where: { year } });
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
  const ancestors = (id: number) => {
    const up: number[] = [];
    for (let at = parentOf.get(id) ?? null; at !== null; at = parentOf.get(at) ?? null) up.push(at);
    return up;
  };
  const targetOf = (id: number) => targets.find((t) => t.unitId === id)?.target ?? null;
  /** The targets below a unit, outermost only: one set under a unit with its own target is part of that one. */
  const targetsBelow = (group: number) => {
    const outermost = targets.filter((t) => {
      const up = ancestors(t.unitId);
      const at = up.indexOf(group);
      return at >= 0 && !up.slice(0, at).some((between) => targetOf(between) !== null);
    });
    return outermost.length ? outermost.reduce((total, t) => total + t.target, 0) : null;
  };
  const figures = (test: (fact: OracleFact) => boolean, group: number) => {
    const rows = Object.fromEntries(Object.entries(facts).map(([family, list]) => [family, list.filter(test)])) as Record<Family, Rows>;
    const counts: Counts = Object.fromEntries(Object.entries(namedCounts[field]).map(([figure, measure]) => [figure, definitions[measure]!.value(rows)]));
    if (field === 'admissionProgress') Object.assign(counts, { ownTarget: targetOf(group), targetsBelow: targetsBelow(group) });
    return { ...counts, ...namedShares[field](counts) };
  };
  const children = units.filter((u) => u.parentId === rootId).map((u) => u.id);
  return {
    total: figures((fact) => inTree(fact.unitId) !== undefined, rootId),
    children: new Map(children.map((child) => [child, figures((fact) => byChild(fact.unitId) === child, child)])),
  };
}

export type TrendPeriod = 'YEAR' | 'QUARTER' | 'MONTH';

/** meetingTrend: one point a period from fromYear to toYear, each month up to the snapshot's counted in its period. */
export async function trendOracle(rootId: number, fromYear: number, toYear: number, period: TrendPeriod, asOf: Date) {
  const facts = await loadFacts(fromYear, toYear, asOf);
  const definitions = oracleMeasures(85);
  const inTree = await oracleGrouping(rootId, { byChild: false });
  const lastIndex = asOf.getUTCFullYear() * 12 + asOf.getUTCMonth();
  const points: Record<string, number | null>[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    for (let month = 1; month <= 12; month++) {
      if (year * 12 + month - 1 > lastIndex) continue;
      const quarter = Math.floor((month - 1) / 3) + 1;
      const part = period === 'YEAR' ? null : period === 'QUARTER' ? quarter : month;
      if (points.some((p) => p.year === year && (period === 'YEAR' || (period === 'QUARTER' ? p.quarter === part : p.month === part)))) continue;
      const inPoint = (f: OracleFact) => f.year === year && (period === 'YEAR' || (period === 'QUARTER' ? f.quarter === part : f.month === part));
      const rows = Object.fromEntries(
        Object.entries(facts).map(([family, list]) => [family, list.filter((f) => inTree(f.unitId) !== undefined && inPoint(f))]),
      ) as Record<Family, Rows>;
      const v = (measure: string) => definitions[measure]!.value(rows);
      points.push({
        year, quarter: period === 'QUARTER' ? part : null, month: period === 'MONTH' ? part : null,
        cellMonths: v('CELL_MONTHS'), regularMonths: v('REGULAR_MONTHS'), regularPercent: v('REGULAR_PERCENT'),
        meetings: v('MEETINGS'), expected: v('EXPECTED_ATTENDANCE'), present: v('PRESENT'), attendancePercent: v('ATTENDANCE_PERCENT'),
        unexcused: v('UNEXCUSED_ABSENCES'), scored: v('SCORED_MEETINGS'), averageScore: v('AVERAGE_SCORE'), good: v('GOOD_MEETINGS'), goodPercent: v('GOOD_PERCENT'),
      });
    }
  }
  return points;
}
