// Readers of published snapshots: each READY snapshot file opened read-only once, with a
// small pool of connections: as many as the query lanes run at once (query-lanes.ts), so a
// query let through by its lane never waits for a connection. A newer snapshot opens beside
// the older one, so a query running on the old file finishes there; nothing is ever written to
// a published file. A snapshot being deleted is retired: queries already on it finish, then
// its file is closed.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { inQueryLane, queryLaneConfig } from './query-lanes.js';

const connectionsPerSnapshot = () => queryLaneConfig().slowQueries + queryLaneConfig().fastQueries;

interface Reader {
  instance: DuckDBInstance;
  idle: DuckDBConnection[];
  /** Connections made, idle or lent out. */
  open: number;
  /** Connections lent out to running queries. */
  busy: number;
  waiting: ((connection: DuckDBConnection) => void)[];
  /** Set when the snapshot is being deleted: resolved once its last query has finished. */
  retired: (() => void) | null;
  closed: boolean;
}

const readers = new Map<string, Promise<Reader>>();

function readerFor(file: string): Promise<Reader> {
  let reader = readers.get(file);
  if (!reader) {
    const threads = queryLaneConfig().duckdbThreads;
    reader = DuckDBInstance.create(file, { access_mode: 'READ_ONLY', threads: String(threads) }).then((instance) => ({
      instance,
      idle: [],
      open: 0,
      busy: 0,
      waiting: [],
      retired: null,
      closed: false,
    }));
    readers.set(file, reader);
    reader.catch(() => readers.delete(file));
  }
  return reader;
}

async function acquire(reader: Reader): Promise<DuckDBConnection> {
  // A query that found the snapshot just before it was deleted.
  if (reader.closed) throw new Error('the snapshot was deleted while the query started');
  reader.busy += 1;
  const idle = reader.idle.pop();
  if (idle) return idle;
  if (reader.open < connectionsPerSnapshot()) {
    reader.open += 1;
    try {
      return await reader.instance.connect();
    } catch (error) {
      reader.open -= 1;
      reader.busy -= 1;
      throw error;
    }
  }
  return new Promise((resolve) => reader.waiting.push(resolve));
}

function release(reader: Reader, connection: DuckDBConnection): void {
  const next = reader.waiting.shift();
  if (next) return next(connection);
  reader.busy -= 1;
  reader.idle.push(connection);
  if (reader.retired && reader.busy === 0) close(reader);
}

function close(reader: Reader): void {
  reader.closed = true;
  for (const connection of reader.idle.splice(0)) connection.closeSync();
  reader.instance.closeSync();
  reader.retired?.();
}

/**
 * Runs `work` on a pooled read-only connection to the snapshot file, in the query lane of the
 * request it serves (TooBusyError when that lane's line of waiting queries is full).
 */
export function withSnapshotConnection<T>(file: string, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  return inQueryLane(async () => {
    const reader = await readerFor(file);
    const connection = await acquire(reader);
    try {
      return await work(connection);
    } finally {
      release(reader, connection);
    }
  });
}

/**
 * Retires a snapshot's reader (its file is about to be deleted): no new query opens it, the
 * queries running on it finish, and then it is closed. Resolves once it is closed, so the file
 * can go (on every platform, even those that refuse to delete an open file).
 */
export async function retireReader(file: string): Promise<void> {
  const pending = readers.get(file);
  readers.delete(file);
  const reader = await pending?.catch(() => undefined);
  if (!reader) return;
  await new Promise<void>((resolve) => {
    reader.retired = resolve;
    if (reader.busy === 0) close(reader);
  });
}
