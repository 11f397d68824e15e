// The floor: the measure engine's own statements for a dashboard figure (one a family of facts,
// as src/features/analytics/measures/measure-query.ts builds them for the named field's fixed
// request) run on the snapshot file opened directly with @duckdb/node-api, with the parameters
// the server binds — no HTTP, no GraphQL, no labels. Nothing answers the same figure faster
// from the same file.
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { SnapshotSource } from '../../src/features/analytics/analytics.service.js';
import { measureStatements, type MeasureRequest } from '../../src/features/analytics/measures/measure-query.js';
import { namedRequest, trendRequest, type NamedField, type TrendPeriod } from '../../src/features/analytics/named-figures.js';
import type { Snapshot } from '../../src/generated/prisma/client.js';

/** DuckDB refuses a value for a parameter its statement does not have. */
export function parametersUsed(sql: string, params: Record<string, DuckDBValue>): Record<string, DuckDBValue> {
  return Object.fromEntries(Object.entries(params).filter(([key]) => new RegExp(`\\$${key}\\b`).test(sql)));
}

const namedFieldOf: Record<string, NamedField> = {
  cell_rating_shares: 'cellRatingShares',
  meeting_regularity: 'meetingRegularity',
  meeting_attendance_quality: 'meetingAttendanceQuality',
  admission_progress: 'admissionProgress',
  supervision_coverage: 'supervisionCoverage',
};

/** The engine's requests for a dashboard query's name and parameters, and the snapshot month they stop at. */
function requestsOf(name: string, params: Record<string, DuckDBValue>): { asOf: Date; requests: MeasureRequest[] } {
  if (name === 'meeting_trend') {
    const index = Number(params.last_month_index);
    const question = { fromYear: Number(params.from_year), toYear: Number(params.to_year), period: String(params.period) as TrendPeriod, structureOn: null };
    return { asOf: new Date(Date.UTC(Math.floor(index / 12), index % 12, 1)), requests: [trendRequest(Number(params.unit_id), question)] };
  }
  const field = namedFieldOf[name];
  if (!field) throw new Error(`no dashboard figure named ${name}`);
  const year = Number(params.year);
  const lastMonth = params.last_month === undefined ? 12 : Number(params.last_month);
  const question = { unitId: Number(params.unit_id), year, structureOn: null, threshold: params.threshold === undefined ? null : Number(params.threshold) };
  return { asOf: new Date(Date.UTC(year, Math.max(lastMonth, 1) - 1, 1)), requests: [namedRequest(field, question)] };
}

export interface SnapshotFloor {
  /** Prepares one run of the query; the returned function runs it and reads every row. */
  prepare(name: string, params: Record<string, DuckDBValue>): Promise<() => Promise<number>>;
  version(): Promise<string>;
  close(): void;
}

export async function openSnapshotFloor(file: string): Promise<SnapshotFloor> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const connection: DuckDBConnection = await instance.connect();
  return {
    async prepare(name, params) {
      const { asOf, requests } = requestsOf(name, params);
      const source: SnapshotSource = { snapshot: { id: 0, asOf } as Snapshot, scopeUnitId: null };
      const runs = (await Promise.all(requests.map((request) => measureStatements(source, request)))).flatMap(({ params: bound, statements }) =>
        statements.map(({ sql }) => ({ sql, used: parametersUsed(sql, bound) })),
      );
      return async () => {
        let rows = 0;
        for (const { sql, used } of runs) rows += (await connection.runAndReadAll(sql, used)).getRowObjects().length;
        return rows;
      };
    },
    async version() {
      const reader = await connection.runAndReadAll('SELECT version() AS v');
      return String(reader.getRowObjects()[0]?.v ?? '');
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
