// Figures read from a snapshot, never from the transactional store: the snapshot asked for,
// or the newest READY one, read by the measure engine (measures/) with named parameters (no
// user text ever enters the SQL).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { DuckDBValue } from '@duckdb/node-api';
import type { StoreContext } from '../../access/viewer-store.js';
import { requestSnapshot } from '../../analytics/ready-snapshots.js';
import { withSnapshotConnection } from '../../analytics/snapshot-readers.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import type { Snapshot } from '../../generated/prisma/client.js';
import { localSnapshotFile } from '../snapshots/snapshots.service.js';
import { message } from '../../text/messages.js';

const sqlDir = new URL('../../../analytics/sql/', import.meta.url);
const sqlCache = new Map<string, Promise<string>>();

/** The text of analytics/sql/<folder>/<name>.sql, read once. */
export function sqlFile(folder: 'measures', name: string): Promise<string> {
  const key = `${folder}/${name}`;
  let sql = sqlCache.get(key);
  if (!sql) {
    sql = readFile(fileURLToPath(new URL(`${key}.sql`, sqlDir)), 'utf8').then((text) => text.trim().replace(/;$/, ''));
    sqlCache.set(key, sql);
  }
  return sql;
}

/**
 * A READY snapshot as one viewer reads it. A snapshot holds the whole store, so every query on
 * it binds the viewer's scope unit (scopePredicate): the snapshot's own tree decides the subtree.
 */
export interface SnapshotSource {
  snapshot: Snapshot;
  /** Null for a viewer of the whole country, and for the system (commands, the bench). */
  scopeUnitId: number | null;
}

/** The snapshot a figure is read from: the one named, or the newest READY one. */
export async function readySnapshot(ctx: StoreContext, snapshotId: number | null | undefined): Promise<SnapshotSource> {
  const scopeUnitId = ctx.viewer?.scopeUnitId ?? null;
  // Once a request (src/analytics/ready-snapshots.ts): the result cache keys by the same one.
  const snapshot = await requestSnapshot(ctx, snapshotId ?? null);
  if (snapshotId != null) {
    if (!snapshot || snapshot.status !== 'READY') throw new NotFoundError('ready snapshot', 'args.snapshot', String(snapshotId));
    return { snapshot, scopeUnitId };
  }
  if (!snapshot) throw ValidationError.of('args.snapshot', message('NO_READY_SNAPSHOT'));
  return { snapshot, scopeUnitId };
}

export interface UnitLabel {
  unitId: number;
  unitCode: string;
  unitName: string;
  unitKind: string;
  isTotal: boolean;
}

export type Figures = Record<string, number | null>;

/** One row of a per-unit table: the unit and its figures. */
export interface FigureRow {
  unit: UnitLabel;
  figures: Figures;
}


/** Runs SQL on the snapshot with named parameters; rows as JSON values (big numbers as text). */
export async function snapshotRows(sql: string, snapshot: Snapshot, params: Record<string, DuckDBValue>) {
  // DuckDB refuses a value for a parameter the statement does not have.
  const used = Object.fromEntries(Object.entries(params).filter(([key]) => new RegExp(`\\$${key}\\b`).test(sql)));
  return withSnapshotConnection(await localSnapshotFile(snapshot), async (connection) => (await connection.runAndReadAll(sql, used)).getRowObjectsJson());
}

/** Runs SQL on the snapshot; numbers as numbers, the columns named in `labels` as they come. */
async function queryRows(sql: string, snapshot: Snapshot, params: Record<string, DuckDBValue>, labels: readonly string[] = []) {
  const rows = await snapshotRows(sql, snapshot, params);
  return rows.map((row) => {
    const figures: Figures = {};
    const text: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
      if (labels.includes(key)) text[key] = value;
      else figures[camel(key)] = value === null ? null : Number(value);
    }
    return { figures, text };
  });
}

/** The viewer's subtree as a predicate on "OrgUnit" of a snapshot (by `alias`), bound by the scope unit's id. */
export function scopePredicate(source: SnapshotSource, alias = 'u'): { sql: string; params: Record<string, DuckDBValue> } {
  if (source.scopeUnitId === null) return { sql: 'TRUE', params: {} };
  return {
    sql: `starts_with(${alias}.path, (SELECT path FROM "OrgUnit" WHERE id = $scope_unit_id))`,
    params: { scope_unit_id: source.scopeUnitId },
  };
}

/**
 * The unit as the snapshot knows it. An unknown unit, or one outside the viewer's subtree,
 * is a NotFoundError on `field`: the two answer alike.
 */
export async function snapshotUnit(source: SnapshotSource, unitId: number, field = 'args.unitId'): Promise<UnitLabel> {
  const scope = scopePredicate(source);
  const [row] = await queryRows(
    `SELECT id AS unit_id, code AS unit_code, name AS unit_name, kind AS unit_kind FROM "OrgUnit" u WHERE id = $unit_id AND ${scope.sql}`,
    source.snapshot,
    { unit_id: unitId, ...scope.params },
    ['unit_code', 'unit_name', 'unit_kind'],
  );
  if (!row) throw new NotFoundError('unit', field, String(unitId));
  return { unitId, unitCode: String(row.text.unit_code), unitName: String(row.text.unit_name), unitKind: String(row.text.unit_kind), isTotal: true };
}

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_m, next: string) => next.toUpperCase());

/** A share in percent with one decimal, as reports print it; null when there is nothing to share. */
export function percent(part: number, whole: number): number | null {
  // One division of whole numbers keeps an exact half exact, so it rounds up; (part / whole) * 1000
  // rounds twice and can fall just below the half (201/400 gave 50.2).
  return whole > 0 ? Math.round((part * 1000) / whole) / 10 : null;
}
