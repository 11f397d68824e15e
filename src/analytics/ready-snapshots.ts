// Which READY snapshot a request reads: the one it names, or the newest one. Read with one plain
// SQL statement as the system (the snapshot list is everyone's, so row security adds nothing),
// not through the ORM's per-read transaction, and memoised for the request: the result cache's
// key and every figure of the request then name the same snapshot, even when a newer one is
// published while the request runs.
import { database } from '../db/client.js';
import type { Snapshot } from '../generated/prisma/client.js';

// Dates as epoch milliseconds and big numbers as text: the store's `timestamp(3)` columns hold
// UTC without a zone, which a driver would otherwise read in the server's local zone.
const COLUMNS = `id, label, status, (extract(epoch FROM "asOf") * 1000)::float8 AS "asOf",
  (extract(epoch FROM "startedAt") * 1000)::float8 AS "startedAt", (extract(epoch FROM "finishedAt") * 1000)::float8 AS "finishedAt",
  phase, "rowsDone"::text AS "rowsDone", "rowCounts", file, checksum, "sizeBytes"::text AS "sizeBytes", keep, error,
  (extract(epoch FROM "leaseUntil") * 1000)::float8 AS "leaseUntil", "buildAttempt"`;

const NEWEST_READY = `SELECT ${COLUMNS} FROM "Snapshot" WHERE status = 'READY' ORDER BY "asOf" DESC, id DESC LIMIT 1`;
const BY_ID = `SELECT ${COLUMNS} FROM "Snapshot" WHERE id = $1`;

interface SnapshotRow {
  id: number;
  label: string;
  status: Snapshot['status'];
  asOf: number;
  startedAt: number;
  finishedAt: number | null;
  phase: string | null;
  rowsDone: string;
  rowCounts: Snapshot['rowCounts'];
  file: string | null;
  checksum: string | null;
  sizeBytes: string | null;
  keep: boolean;
  error: string | null;
  leaseUntil: number | null;
  buildAttempt: number;
}

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

function snapshotOf(row: SnapshotRow): Snapshot {
  return {
    ...row,
    asOf: new Date(row.asOf),
    startedAt: new Date(row.startedAt),
    finishedAt: date(row.finishedAt),
    leaseUntil: date(row.leaseUntil),
    rowsDone: BigInt(row.rowsDone),
    sizeBytes: row.sizeBytes === null ? null : BigInt(row.sizeBytes),
  };
}

/** The snapshot named (whatever its status), or the newest READY one; null when there is none. */
export async function readSnapshotRow(snapshotId: number | null): Promise<Snapshot | null> {
  const rows = await database().withSession((session) =>
    snapshotId === null ? session.query<SnapshotRow & Record<string, unknown>>(NEWEST_READY) : session.query<SnapshotRow & Record<string, unknown>>(BY_ID, [snapshotId]),
  );
  return rows[0] ? snapshotOf(rows[0]) : null;
}

/** Per request (its context object): the snapshot each `snapshot` argument resolved to. */
const resolved = new WeakMap<object, Map<number | null, Promise<Snapshot | null>>>();

/**
 * The snapshot `snapshotId` names for this request, or the newest READY one for null: read once
 * a request, so every field of it (and the cache key) sees the same one. Null when the
 * snapshot named does not exist or when none is READY; the caller checks the status.
 */
export function requestSnapshot(request: object, snapshotId: number | null): Promise<Snapshot | null> {
  let byId = resolved.get(request);
  if (!byId) resolved.set(request, (byId = new Map()));
  let snapshot = byId.get(snapshotId);
  if (!snapshot) {
    snapshot = readSnapshotRow(snapshotId);
    byId.set(snapshotId, snapshot);
    // A failed read is not remembered: the next field of the request asks again.
    snapshot.catch(() => byId.delete(snapshotId));
  }
  return snapshot;
}
