// Every figure read from a snapshot equals the same figure computed independently, in
// TypeScript, from the rows of the transactional store (the oracle).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wholeStore } from './support/store.js';
import { whenBuilt } from '../src/features/snapshots/snapshots.service.js';
import { globalId, localId } from '../src/graphql/ids.js';
import { seedProvince } from '../src/seed/seed-province.js';
import { graphql } from './generated/index.js';
import { execute, run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';

const store = useFreshDatabase();
const YEARS = [2021, 2024, 2025];
let snapshotDir: string;
let snapshotId: string;

beforeAll(async () => {
  snapshotDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-analytics-'));
  process.env.CHIBO_SNAPSHOT_DIR = snapshotDir;
  await seedProvince(store.current(), { scale: 12, seed: 7 });
  const created = await run(
    graphql(`mutation AnalyticsSnapshot { snapshotCreate(input: { label: "Kiểm tra" }) { ... on SnapshotCreateSuccess { data { id } } } }`),
  );
  if (!('data' in created.snapshotCreate)) throw new Error('no snapshot');
  snapshotId = created.snapshotCreate.data.id;
  await whenBuilt(localId(snapshotId, 'Snapshot', 'id'));
});
afterAll(async () => {
  await rm(snapshotDir, { recursive: true, force: true });
});

/** The oracle's view of the store: units, and which group (the root, or a child of it) each lies in. */
async function groupsOf(rootId: number) {
  const units = await wholeStore().orgUnit.findMany();
  const root = units.find((u) => u.id === rootId);
  if (!root) throw new Error('no root');
  const children = units.filter((u) => u.parentId === rootId);
  const groupsOfUnit = (unitPath: string) => [root, ...children].filter((g) => unitPath.startsWith(g.path)).map((g) => g.id);
  return { units, root, children, groupsOfUnit };
}

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
const existedBetween = (u: { validFrom: Date; validTo: Date | null }, from: Date, to: Date) =>
  u.validFrom <= to && (u.validTo === null || u.validTo >= from);

async function rootId() {
  const root = await wholeStore().orgUnit.findFirstOrThrow({ where: { parentId: null } });
  return root.id;
}

function tally<K extends string>(keys: readonly K[]) {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

describe('analytics on a snapshot (oracle: the same figures from the store)', () => {
  it('cellRatingShares', async () => {
    const root = await rootId();
    const { units, root: rootUnit, children, groupsOfUnit } = await groupsOf(root);
    const Query = graphql(`
      query CellRatingShares($unitId: ID!, $year: Int!, $snapshot: ID) {
        cellRatingShares(unitId: $unitId, year: $year, snapshot: $snapshot) {
          snapshot { id asOf }
          total { unit { id } cells rated missing notRated excellent goodOrBetter completed notCompleted goodOrBetterPercent excellentPercent }
          children { unit { id name } cells rated missing notRated excellent goodOrBetter completed notCompleted goodOrBetterPercent excellentPercent }
        }
      }
    `);
    for (const year of YEARS) {
      const ratings = await wholeStore().unitRating.findMany({ where: { year, period: 'YEAR' } });
      const ratingOf = new Map(ratings.map((r) => [r.unitId, r.level]));
      const keys = ['cells', 'rated', 'missing', 'notRated', 'excellent', 'goodOrBetter', 'completed', 'notCompleted'] as const;
      const expected = new Map([rootUnit, ...children].map((g) => [g.id, tally(keys)]));
      const cells = units.filter((u) => u.kind === 'CELL' && existedBetween(u, new Date(Date.UTC(year, 0, 1)), new Date(Date.UTC(year, 11, 31))));
      for (const cell of cells) {
        for (const group of groupsOfUnit(cell.path)) {
          const row = expected.get(group)!;
          const level = ratingOf.get(cell.id);
          row.cells++;
          if (level === undefined) row.missing++;
          else if (level === 'NOT_RATED') row.notRated++;
          else row.rated++;
          if (level === 'EXCELLENT') row.excellent++;
          if (level === 'EXCELLENT' || level === 'GOOD') row.goodOrBetter++;
          if (level === 'COMPLETED') row.completed++;
          if (level === 'NOT_COMPLETED') row.notCompleted++;
        }
      }
      const withShares = (id: number) => {
        const row = expected.get(id)!;
        return { ...row, goodOrBetterPercent: pct(row.goodOrBetter, row.rated), excellentPercent: pct(row.excellent, row.rated) };
      };
      const result = (await run(Query, { unitId: globalId('Unit', root), year, snapshot: snapshotId })).cellRatingShares;
      expect(result.snapshot.id).toBe(snapshotId);
      expect(result.total).toEqual({ unit: { id: globalId('Unit', root) }, ...withShares(root) });
      expect(Object.fromEntries(result.children.map(({ unit, ...figures }) => [unit.id, figures]))).toEqual(
        Object.fromEntries(children.map((c) => [globalId('Unit', c.id), withShares(c.id)])),
      );
      expect(result.total.cells).toBeGreaterThan(0);
    }
  });

  it('meetingRegularity', async () => {
    const root = await rootId();
    const { units, root: rootUnit, children, groupsOfUnit } = await groupsOf(root);
    const Query = graphql(`
      query MeetingRegularity($unitId: ID!, $year: Int!) {
        meetingRegularity(unitId: $unitId, year: $year) {
          total { unit { id } cells cellMonths regularMonths cellsEveryMonth thematic meetings separate regularPercent everyMonthPercent separatePercent }
          children { unit { id } cells cellMonths regularMonths cellsEveryMonth thematic meetings separate regularPercent everyMonthPercent separatePercent }
        }
      }
    `);
    for (const year of YEARS) {
      const meetings = await wholeStore().meeting.findMany({ where: { year } });
      const keys = ['cells', 'cellMonths', 'regularMonths', 'cellsEveryMonth', 'thematic', 'meetings', 'separate'] as const;
      const expected = new Map([rootUnit, ...children].map((g) => [g.id, tally(keys)]));
      for (const cell of units.filter((u) => u.kind === 'CELL')) {
        const months = Array.from({ length: 12 }, (_, i) => i + 1).filter((m) =>
          existedBetween(cell, new Date(Date.UTC(year, m - 1, 1)), new Date(Date.UTC(year, m, 0))),
        );
        if (months.length === 0) continue;
        const own = meetings.filter((m) => m.cellId === cell.id && months.includes(m.month));
        const regular = months.filter((m) => own.some((x) => x.month === m && (x.kind === 'REGULAR' || x.kind === 'COMBINED'))).length;
        for (const group of groupsOfUnit(cell.path)) {
          const row = expected.get(group)!;
          row.cells++;
          row.cellMonths += months.length;
          row.regularMonths += regular;
          if (regular === months.length) row.cellsEveryMonth++;
          row.thematic += own.filter((x) => x.kind === 'THEMATIC' || x.kind === 'COMBINED').length;
          row.meetings += own.length;
          row.separate += own.filter((x) => x.separateFromProfessional).length;
        }
      }
      const withShares = (id: number) => {
        const r = expected.get(id)!;
        return {
          ...r,
          regularPercent: pct(r.regularMonths, r.cellMonths),
          everyMonthPercent: pct(r.cellsEveryMonth, r.cells),
          separatePercent: pct(r.separate, r.meetings),
        };
      };
      const result = (await run(Query, { unitId: globalId('Unit', root), year })).meetingRegularity;
      expect(result.total).toEqual({ unit: { id: globalId('Unit', root) }, ...withShares(root) });
      expect(Object.fromEntries(result.children.map(({ unit, ...f }) => [unit.id, f]))).toEqual(
        Object.fromEntries(children.map((c) => [globalId('Unit', c.id), withShares(c.id)])),
      );
    }
  });

  it('meetingAttendanceQuality, with the threshold asked for', async () => {
    const root = await rootId();
    const { units, root: rootUnit, children, groupsOfUnit } = await groupsOf(root);
    const pathOf = new Map(units.map((u) => [u.id, u.path]));
    const Query = graphql(`
      query AttendanceQuality($unitId: ID!, $year: Int!, $threshold: Float!) {
        meetingAttendanceQuality(unitId: $unitId, year: $year, threshold: $threshold) {
          total { unit { id } meetings expected present excused unexcused scored atLeastThreshold good fair average poor
                  attendancePercent averageScore atLeastThresholdPercent goodPercent fairPercent averagePercent poorPercent }
          children { unit { id } meetings expected present excused unexcused scored atLeastThreshold good fair average poor
                  attendancePercent averageScore atLeastThresholdPercent goodPercent fairPercent averagePercent poorPercent }
        }
      }
    `);
    for (const [year, threshold] of [[2024, 85], [2025, 90]] as const) {
      const meetings = await wholeStore().meeting.findMany({
        where: { year },
        include: { absences: true, assessments: { where: { assessor: 'CELL' } } },
      });
      const keys = ['meetings', 'expected', 'present', 'excused', 'unexcused', 'scored', 'atLeastThreshold', 'good', 'fair', 'average', 'poor'] as const;
      const expected = new Map([rootUnit, ...children].map((g) => [g.id, { ...tally(keys), scoreSum: 0 }]));
      for (const m of meetings) {
        for (const group of groupsOfUnit(pathOf.get(m.cellId)!)) {
          const row = expected.get(group)!;
          row.meetings++;
          row.expected += m.expectedCount;
          row.present += m.presentCount;
          row.excused += m.absences.filter((a) => a.kind === 'EXCUSED').length;
          row.unexcused += m.absences.filter((a) => a.kind === 'UNEXCUSED').length;
          const assessment = m.assessments[0];
          if (assessment) {
            const score = assessment.totalScore.toNumber();
            row.scored++;
            row.scoreSum += score;
            if (score >= threshold) row.atLeastThreshold++;
            row[({ GOOD: 'good', FAIR: 'fair', AVERAGE: 'average', POOR: 'poor' } as const)[assessment.level]]++;
          }
        }
      }
      const withShares = (id: number) => {
        const { scoreSum, ...r } = expected.get(id)!;
        return {
          ...r,
          attendancePercent: pct(r.present, r.expected),
          averageScore: r.scored > 0 ? Math.round((scoreSum / r.scored) * 100) / 100 : null,
          atLeastThresholdPercent: pct(r.atLeastThreshold, r.scored),
          goodPercent: pct(r.good, r.scored),
          fairPercent: pct(r.fair, r.scored),
          averagePercent: pct(r.average, r.scored),
          poorPercent: pct(r.poor, r.scored),
        };
      };
      const result = (await run(Query, { unitId: globalId('Unit', root), year, threshold })).meetingAttendanceQuality;
      expect(result.total).toEqual({ unit: { id: globalId('Unit', root) }, ...withShares(root) });
      expect(Object.fromEntries(result.children.map(({ unit, ...f }) => [unit.id, f]))).toEqual(
        Object.fromEntries(children.map((c) => [globalId('Unit', c.id), withShares(c.id)])),
      );
      expect(result.total.meetings).toBeGreaterThan(0);
    }
  });

  it('admissionProgress', async () => {
    const root = await rootId();
    const { units, root: rootUnit, children } = await groupsOf(root);
    const pathOf = new Map(units.map((u) => [u.id, u.path]));
    const Query = graphql(`
      query AdmissionProgress($unitId: ID!, $year: Int!) {
        admissionProgress(unitId: $unitId, year: $year) {
          total { unit { id } ownTarget targetsBelow target admitted achievedPercent women ethnicMinorities youthUnion aged18To30
                  membersAtStart admittedPercentOfMembers candidatesInProgress candidatesDecided }
          children { unit { id } ownTarget targetsBelow target admitted achievedPercent women ethnicMinorities youthUnion aged18To30
                  membersAtStart admittedPercentOfMembers candidatesInProgress candidatesDecided }
        }
      }
    `);
    const members = await wholeStore().member.findMany({ include: { assignments: true } });
    const candidates = await wholeStore().admissionCandidate.findMany();
    const ageOn = (birth: Date, day: Date) =>
      day.getUTCFullYear() - birth.getUTCFullYear() -
      (day.getUTCMonth() * 100 + day.getUTCDate() < birth.getUTCMonth() * 100 + birth.getUTCDate() ? 1 : 0);
    for (const year of [2022, 2024]) {
      const targets = await wholeStore().admissionTarget.findMany({ where: { year } });
      const jan1 = new Date(Date.UTC(year, 0, 1));
      const figures = (group: { id: number; path: string }) => {
        const own = targets.find((t) => t.unitId === group.id)?.target ?? null;
        const below = targets.filter((t) => t.unitId !== group.id && pathOf.get(t.unitId)!.startsWith(group.path));
        const targetsBelow = below.length > 0 ? below.reduce((sum, t) => sum + t.target, 0) : null;
        const admitted = members.filter(
          (m) => m.admittedOn.getUTCFullYear() === year && m.admittedByUnitId !== null && pathOf.get(m.admittedByUnitId)!.startsWith(group.path),
        );
        const atStart = members.filter(
          (m) =>
            m.admittedOn <= jan1 &&
            (m.status === 'PROBATIONARY' || m.status === 'OFFICIAL' || (m.statusChangedOn !== null && m.statusChangedOn > jan1)) &&
            m.assignments.some(
              (a) => a.fromDate <= jan1 && (a.toDate === null || a.toDate > jan1) && pathOf.get(a.cellId)!.startsWith(group.path),
            ),
        ).length;
        const inGroup = candidates.filter((c) => pathOf.get(c.cellId)!.startsWith(group.path));
        const target = own ?? targetsBelow;
        return {
          ownTarget: own,
          targetsBelow,
          target,
          admitted: admitted.length,
          achievedPercent: pct(admitted.length, target ?? 0),
          women: admitted.filter((m) => m.gender === 'FEMALE').length,
          ethnicMinorities: admitted.filter((m) => m.ethnicity !== 'Kinh').length,
          youthUnion: admitted.filter((m) => m.youthUnionMember).length,
          aged18To30: admitted.filter((m) => ageOn(m.birthDate, m.admittedOn) >= 18 && ageOn(m.birthDate, m.admittedOn) <= 30).length,
          membersAtStart: atStart,
          admittedPercentOfMembers: pct(admitted.length, atStart),
          candidatesInProgress: inGroup.filter((c) => c.stage !== 'ADMITTED' && c.stage !== 'DROPPED').length,
          candidatesDecided: inGroup.filter((c) => c.stage === 'DECIDED').length,
        };
      };
      const result = (await run(Query, { unitId: globalId('Unit', root), year })).admissionProgress;
      expect(result.total).toEqual({ unit: { id: globalId('Unit', root) }, ...figures(rootUnit) });
      expect(Object.fromEntries(result.children.map(({ unit, ...f }) => [unit.id, f]))).toEqual(
        Object.fromEntries(children.map((c) => [globalId('Unit', c.id), figures(c)])),
      );
      expect(result.total.admitted).toBeGreaterThan(0);
    }
  });

  it('supervisionCoverage', async () => {
    const root = await rootId();
    const { units, root: rootUnit, children } = await groupsOf(root);
    const pathOf = new Map(units.map((u) => [u.id, u.path]));
    const Query = graphql(`
      query SupervisionCoverage($unitId: ID!, $year: Int!) {
        supervisionCoverage(unitId: $unitId, year: $year) {
          total { unit { id } cells cellsVisited visits meetingsVisited meetings planItems planItemsHeld
                  cellsVisitedPercent meetingsVisitedPercent planItemsHeldPercent }
          children { unit { id } cells cellsVisited visits meetingsVisited meetings planItems planItemsHeld
                  cellsVisitedPercent meetingsVisitedPercent planItemsHeldPercent }
        }
      }
    `);
    for (const year of [2023, 2025]) {
      const meetings = await wholeStore().meeting.findMany({ where: { year }, include: { visits: true } });
      const plans = await wholeStore().thematicPlan.findMany({ where: { year, status: 'APPROVED' }, include: { items: { include: { meeting: true } } } });
      const figures = (group: { path: string }) => {
        const under = (unitId: number) => pathOf.get(unitId)!.startsWith(group.path);
        const cells = units.filter(
          (u) => u.kind === 'CELL' && under(u.id) && existedBetween(u, new Date(Date.UTC(year, 0, 1)), new Date(Date.UTC(year, 11, 31))),
        ).length;
        const own = meetings.filter((m) => under(m.cellId));
        const visitedMeetings = own.filter((m) => m.visits.length > 0);
        const items = plans.filter((p) => under(p.cellId)).flatMap((p) => p.items);
        const r = {
          cells,
          cellsVisited: new Set(visitedMeetings.map((m) => m.cellId)).size,
          visits: visitedMeetings.reduce((sum, m) => sum + m.visits.length, 0),
          meetingsVisited: visitedMeetings.length,
          meetings: own.length,
          planItems: items.length,
          planItemsHeld: items.filter((i) => i.meeting !== null).length,
        };
        return {
          ...r,
          cellsVisitedPercent: pct(r.cellsVisited, r.cells),
          meetingsVisitedPercent: pct(r.meetingsVisited, r.meetings),
          planItemsHeldPercent: pct(r.planItemsHeld, r.planItems),
        };
      };
      const result = (await run(Query, { unitId: globalId('Unit', root), year })).supervisionCoverage;
      expect(result.total).toEqual({ unit: { id: globalId('Unit', root) }, ...figures(rootUnit) });
      expect(Object.fromEntries(result.children.map(({ unit, ...f }) => [unit.id, f]))).toEqual(
        Object.fromEntries(children.map((c) => [globalId('Unit', c.id), figures(c)])),
      );
      expect(result.total.visits).toBeGreaterThan(0);
    }
  });

  it('meetingTrend by year, quarter and month', async () => {
    const root = await rootId();
    const { units, children } = await groupsOf(root);
    const unit = children.find((c) => c.kind === 'GRASSROOTS' && c.validTo === null) ?? children[0]!;
    const under = (id: number) => units.find((u) => u.id === id)!.path.startsWith(unit.path);
    const Query = graphql(`
      query MeetingTrend($unitId: ID!, $fromYear: Int!, $toYear: Int!, $period: TrendPeriod!) {
        meetingTrend(unitId: $unitId, fromYear: $fromYear, toYear: $toYear, period: $period) {
          unit { id name }
          points { year quarter month cellMonths regularMonths regularPercent meetings expected present attendancePercent
                   unexcused scored averageScore good goodPercent }
        }
      }
    `);
    const meetings = await wholeStore().meeting.findMany({
      where: { year: { in: [2024, 2025] } },
      include: { absences: true, assessments: { where: { assessor: 'CELL' } } },
    });
    const cells = units.filter((u) => u.kind === 'CELL' && under(u.id));
    for (const period of ['YEAR', 'QUARTER', 'MONTH'] as const) {
      const points = new Map<string, { year: number; quarter: number | null; month: number | null; t: Record<string, number> }>();
      const partOf = (month: number) => (period === 'YEAR' ? 0 : period === 'QUARTER' ? Math.floor((month - 1) / 3) + 1 : month);
      for (const year of [2024, 2025]) {
        for (let month = 1; month <= 12; month++) {
          const key = `${year}-${partOf(month)}`;
          const point = points.get(key) ?? {
            year,
            quarter: period === 'QUARTER' ? partOf(month) : null,
            month: period === 'MONTH' ? month : null,
            t: tally(['cellMonths', 'regularMonths', 'meetings', 'expected', 'present', 'unexcused', 'scored', 'scoreSum', 'good'] as const),
          };
          points.set(key, point);
          for (const cell of cells) {
            if (!existedBetween(cell, new Date(Date.UTC(year, month - 1, 1)), new Date(Date.UTC(year, month, 0)))) continue;
            point.t.cellMonths!++;
            if (meetings.some((m) => m.cellId === cell.id && m.year === year && m.month === month && (m.kind === 'REGULAR' || m.kind === 'COMBINED'))) {
              point.t.regularMonths!++;
            }
          }
          for (const m of meetings.filter((x) => x.year === year && x.month === month && under(x.cellId))) {
            point.t.meetings!++;
            point.t.expected! += m.expectedCount;
            point.t.present! += m.presentCount;
            point.t.unexcused! += m.absences.filter((a) => a.kind === 'UNEXCUSED').length;
            const assessment = m.assessments[0];
            if (assessment) {
              point.t.scored!++;
              point.t.scoreSum! += assessment.totalScore.toNumber();
              if (assessment.level === 'GOOD') point.t.good!++;
            }
          }
        }
      }
      const expected = [...points.values()].map(({ year, quarter, month, t }) => ({
        year,
        quarter,
        month,
        cellMonths: t.cellMonths,
        regularMonths: t.regularMonths,
        regularPercent: pct(t.regularMonths!, t.cellMonths!),
        meetings: t.meetings,
        expected: t.expected,
        present: t.present,
        attendancePercent: pct(t.present!, t.expected!),
        unexcused: t.unexcused,
        scored: t.scored,
        averageScore: t.scored! > 0 ? Math.round((t.scoreSum! / t.scored!) * 100) / 100 : null,
        good: t.good,
        goodPercent: pct(t.good!, t.scored!),
      }));
      const result = (await run(Query, { unitId: globalId('Unit', unit.id), fromYear: 2024, toYear: 2025, period })).meetingTrend;
      expect(result.unit).toEqual({ id: globalId('Unit', unit.id), name: unit.name });
      expect(result.points, period).toEqual(expected);
    }
  });

  it('answers for an unknown unit or snapshot with an error naming the argument', async () => {
    const Query = graphql(`query RatingsUnknown($unitId: ID!, $snapshot: ID) { cellRatingShares(unitId: $unitId, year: 2024, snapshot: $snapshot) { total { cells } } }`);
    const unknownUnit = await execute(Query, { unitId: globalId('Unit', 999_999) });
    expect(unknownUnit.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ field: 'args.unitId' }] });
    const unknownSnapshot = await execute(Query, { unitId: globalId('Unit', await rootId()), snapshot: globalId('Snapshot', 999) });
    expect(unknownSnapshot.errors?.[0]?.extensions).toMatchObject({ issues: [{ field: 'args.snapshot' }] });
  });
});
