// Readers of published snapshots: each READY snapshot file opened read-only once, with a
// small pool of connections. A newer snapshot opens beside the older one, so a query running
// on the old file finishes there; nothing is ever written to a published file.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

const CONNECTIONS_PER_SNAPSHOT = 4;

interface Reader {
  instance: DuckDBInstance;
  idle: DuckDBConnection[];
  open: number;
  waiting: ((connection: DuckDBConnection) => void)[];
}

const readers = new Map<string, Promise<Reader>>();

function readerFor(file: string): Promise<Reader> {
  let reader = readers.get(file);
  if (!reader) {
    reader = DuckDBInstance.create(file, { access_mode: 'READ_ONLY' }).then((instance) => ({
      instance,
      idle: [],
      open: 0,
      waiting: [],
    }));
    readers.set(file, reader);
    reader.catch(() => readers.delete(file));
  }
  return reader;
}

async function acquire(reader: Reader): Promise<DuckDBConnection> {
  const idle = reader.idle.pop();
  if (idle) return idle;
  if (reader.open < CONNECTIONS_PER_SNAPSHOT) {
    reader.open += 1;
    return reader.instance.connect();
  }
  return new Promise((resolve) => reader.waiting.push(resolve));
}

function release(reader: Reader, connection: DuckDBConnection): void {
  const next = reader.waiting.shift();
  if (next) next(connection);
  else reader.idle.push(connection);
}

/** Runs `work` on a pooled read-only connection to the snapshot file. */
export async function withSnapshotConnection<T>(file: string, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const reader = await readerFor(file);
  const connection = await acquire(reader);
  try {
    return await work(connection);
  } finally {
    release(reader, connection);
  }
}

/**
 * Forgets a snapshot's reader (its file is being deleted) and closes its idle connections;
 * a query still holding one finishes on the open file, which the system frees after it.
 */
export async function forgetReader(file: string): Promise<void> {
  const reader = await readers.get(file)?.catch(() => undefined);
  readers.delete(file);
  for (const connection of reader?.idle.splice(0) ?? []) connection.closeSync();
}
