// The ten dashboard queries the bench times, each in three forms: the GraphQL operation a
// dashboard posts, the measure engine's statements for the field's fixed request with the
// parameters the server binds (duckdb-floor.ts), and the same figure written in plain SQL for the transactional store
// (analytics/bench/postgres).
import type { DuckDBValue } from '@duckdb/node-api';
import { globalId } from '../../src/graphql/ids.js';
import type { DashboardUnits } from './dataset.js';

export type AnswerShape = 'unit-table' | 'trend';

export interface DashboardQuery {
  key: string;
  /** What a leader sees, in a few words. */
  title: string;
  /** The GraphQL field answering it. */
  field: string;
  shape: AnswerShape;
  document: string;
  variables: Record<string, unknown>;
  /** The dashboard query's name and the parameters the server binds, for the engine's statements. */
  duckdb: { name: string; params: Record<string, DuckDBValue> };
  /** analytics/bench/postgres/<name>.sql and its positional parameters. */
  postgres: { name: string; params: (string | number)[] };
}

const ratingFields = 'cells rated missing notRated excellent goodOrBetter completed notCompleted goodOrBetterPercent excellentPercent';
const regularityFields = 'cells cellMonths regularMonths cellsEveryMonth thematic meetings separate regularPercent everyMonthPercent separatePercent';
const attendanceFields =
  'meetings expected present excused unexcused scored atLeastThreshold good fair average poor attendancePercent averageScore atLeastThresholdPercent goodPercent fairPercent averagePercent poorPercent';
const admissionFields =
  'ownTarget targetsBelow target admitted women ethnicMinorities youthUnion aged18To30 membersAtStart candidatesInProgress candidatesDecided achievedPercent admittedPercentOfMembers';
const supervisionFields = 'cells cellsVisited visits meetingsVisited meetings planItems planItemsHeld cellsVisitedPercent meetingsVisitedPercent planItemsHeldPercent';
const trendFields = 'year quarter month cellMonths regularMonths regularPercent meetings expected present attendancePercent unexcused scored averageScore good goodPercent';

/** A per-unit table as a dashboard asks for it: the unit's total and each unit under it, named. */
function tableDocument(field: string, figures: string, withThreshold: boolean) {
  const thresholdVariable = withThreshold ? ', $threshold: Float!' : '';
  const thresholdArgument = withThreshold ? ', threshold: $threshold' : '';
  return `query Bench_${field}($unitId: ID!, $year: Int!, $snapshot: ID${thresholdVariable}) {
  ${field}(unitId: $unitId, year: $year, snapshot: $snapshot${thresholdArgument}) {
    snapshot { id asOf }
    total { unit { id code name } ${figures} }
    children { unit { id code name kind } ${figures} }
  }
}`;
}

const trendDocument = `query Bench_meetingTrend($unitId: ID!, $fromYear: Int!, $toYear: Int!, $period: TrendPeriod!, $snapshot: ID) {
  meetingTrend(unitId: $unitId, fromYear: $fromYear, toYear: $toYear, period: $period, snapshot: $snapshot) {
    snapshot { id asOf }
    unit { id name }
    points { ${trendFields} }
  }
}`;

/**
 * The month up to which a year is counted, and the index of the snapshot's month: the same rule
 * the server applies (src/features/analytics/analytics.schema.ts), from the snapshot's as-of.
 */
export function lastMonthOf(year: number, asOf: Date): number {
  if (year < asOf.getUTCFullYear()) return 12;
  return year === asOf.getUTCFullYear() ? asOf.getUTCMonth() + 1 : 0;
}

export function lastMonthIndexOf(asOf: Date): number {
  return asOf.getUTCFullYear() * 12 + asOf.getUTCMonth();
}

interface Unit {
  id: number;
  name: string;
}

interface TableQuery {
  key: string;
  title: string;
  field: string;
  /** The query's name: the key of the floor's request and of analytics/bench/postgres/<name>.sql. */
  name: string;
  figures: string;
  unit: Unit;
  year: number;
  threshold?: number;
}

function unitTable(query: TableQuery, snapshot: { id: number; asOf: Date }): DashboardQuery {
  const { key, title, field, name, figures, unit, year, threshold } = query;
  const lastMonth = lastMonthOf(year, snapshot.asOf);
  const withThreshold = threshold !== undefined;
  return {
    key,
    title,
    field,
    shape: 'unit-table',
    document: tableDocument(field, figures, withThreshold),
    variables: { unitId: globalId('Unit', unit.id), year, snapshot: globalId('Snapshot', snapshot.id), ...(withThreshold ? { threshold } : {}) },
    duckdb: { name, params: { unit_id: unit.id, year, last_month: lastMonth, ...(withThreshold ? { threshold } : {}) } },
    postgres: {
      name,
      params: name === 'meeting_regularity' ? [unit.id, year, lastMonth] : withThreshold ? [unit.id, year, threshold] : [unit.id, year],
    },
  };
}

function trend(key: string, title: string, unit: Unit, fromYear: number, toYear: number, period: 'YEAR' | 'QUARTER' | 'MONTH', snapshot: { id: number; asOf: Date }): DashboardQuery {
  const lastMonthIndex = lastMonthIndexOf(snapshot.asOf);
  return {
    key,
    title,
    field: 'meetingTrend',
    shape: 'trend',
    document: trendDocument,
    variables: { unitId: globalId('Unit', unit.id), fromYear, toYear, period, snapshot: globalId('Snapshot', snapshot.id) },
    duckdb: { name: 'meeting_trend', params: { unit_id: unit.id, from_year: fromYear, to_year: toYear, period, last_month_index: lastMonthIndex } },
    postgres: { name: 'meeting_trend', params: [unit.id, fromYear, toYear, period, lastMonthIndex] },
  };
}

/**
 * Ten queries of a province's dashboards: the province (its committees side by side) for the
 * last full year, and its biggest commune-level committee (đảng bộ xã/phường; the districts
 * were abolished on 1 July 2025, so this is the level under the province today) for the year
 * of the merges.
 */
export function dashboardQueries(units: DashboardUnits, years: { from: number; to: number }, snapshot: { id: number; asOf: Date }): DashboardQuery[] {
  const { province, commune } = units;
  const fullYear = Math.max(years.from, years.to - 1);
  const lastYear = years.to;
  const ratings = { field: 'cellRatingShares', name: 'cell_rating_shares', figures: ratingFields };
  const regularity = { field: 'meetingRegularity', name: 'meeting_regularity', figures: regularityFields };
  const attendance = { field: 'meetingAttendanceQuality', name: 'meeting_attendance_quality', figures: attendanceFields };
  const admissions = { field: 'admissionProgress', name: 'admission_progress', figures: admissionFields };
  const supervision = { field: 'supervisionCoverage', name: 'supervision_coverage', figures: supervisionFields };
  return [
    unitTable({ key: 'ratings-province', title: `Cell ratings ${fullYear}, province`, ...ratings, unit: province, year: fullYear }, snapshot),
    unitTable({ key: 'regularity-province', title: `Meeting regularity ${fullYear}, province`, ...regularity, unit: province, year: fullYear }, snapshot),
    unitTable(
      { key: 'attendance-province', title: `Attendance and quality ${fullYear} (score ≥ 85), province`, ...attendance, unit: province, year: fullYear, threshold: 85 },
      snapshot,
    ),
    unitTable({ key: 'admissions-province', title: `Admissions against target ${fullYear}, province`, ...admissions, unit: province, year: fullYear }, snapshot),
    unitTable({ key: 'supervision-province', title: `Supervision coverage ${fullYear}, province`, ...supervision, unit: province, year: fullYear }, snapshot),
    trend('trend-month-province', `Meeting trend by month ${years.from}–${lastYear}, province`, province, years.from, lastYear, 'MONTH', snapshot),
    trend('trend-year-province', `Meeting trend by year ${years.from}–${lastYear}, province`, province, years.from, lastYear, 'YEAR', snapshot),
    unitTable({ key: 'ratings-commune', title: `Cell ratings ${lastYear}, commune`, ...ratings, unit: commune, year: lastYear }, snapshot),
    unitTable(
      { key: 'attendance-commune', title: `Attendance and quality ${lastYear} (score ≥ 90), commune`, ...attendance, unit: commune, year: lastYear, threshold: 90 },
      snapshot,
    ),
    trend('trend-month-commune', `Meeting trend by month ${lastYear - 1}–${lastYear}, commune`, commune, lastYear - 1, lastYear, 'MONTH', snapshot),
  ];
}
