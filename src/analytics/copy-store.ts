// Copies the transactional store into a DuckDB database, streaming: a PostgreSQL server's
// tables by binary COPY, several at once over connections that share one snapshot of the
// store; the embedded store's through a cursor, a batch at a time. Either way rows go into
// the DuckDB Appender in column chunks, and no table is ever held whole in memory.
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Database } from '../db/database.js';
import type { StoreReader } from '../db/sql-session.js';
import { BinaryCopyDecoder } from './binary-copy-decoder.js';
import { ChunkAppender } from './column-chunks.js';
import { quoteIdentifier as q, readSourceTables, type SourceTable } from './source-tables.js';

/**
 * PostgreSQL connections reading at once. One JavaScript thread decodes every stream, so
 * more readers only help while the server is slower to send than the thread to decode.
 * Measured at 10,000 cells on a shared two-core machine: one reader 29–38 s, two 25–33 s,
 * three 27–31 s.
 */
const PARALLEL_READERS = 2;
/** Rows fetched from the embedded store's cursor at a time. */
const CURSOR_BATCH = 10_000;

export interface CopyProgress {
  /** The tables being copied now. */
  tables: string[];
  /** Rows copied so far, all tables together. */
  rowsDone: number;
}

/** Copies every source table; answers the rows copied, by table name. */
export async function copyStore(
  database: Database,
  duck: DuckDBInstance,
  onProgress: (progress: CopyProgress) => void,
): Promise<Record<string, number>> {
  return database.withConsistentReaders(PARALLEL_READERS, async (readers) => {
    const tables = await readSourceTables(readers[0]!);
    // Largest first, so the readers finish close together.
    const queue = [...tables].sort((a, b) => b.bytes - a.bytes);
    const counts = new Map<string, number>();
    const inFlight = new Set<string>();
    let rowsDone = 0;
    let failed = false;
    let cause: unknown = null;
    const copyQueued = async (reader: StoreReader) => {
      let connection: DuckDBConnection | null = null;
      try {
        connection = await duck.connect();
        for (let table = queue.shift(); table && !failed; table = queue.shift()) {
          inFlight.add(table.name);
          const rows = await copyTable(reader, connection, table, () => failed, (rows) => {
            rowsDone += rows;
            onProgress({ tables: [...inFlight], rowsDone });
          });
          inFlight.delete(table.name);
          counts.set(table.name, rows);
        }
      } catch (error) {
        // The first failure is the cause; the others only stopped because of it.
        if (!failed) cause = error;
        failed = true;
      } finally {
        connection?.closeSync();
      }
    };
    // Every reader stops before the transactions end, whichever fails first.
    await Promise.all(readers.map(copyQueued));
    if (failed) throw cause;
    return Object.fromEntries(tables.map((table) => [table.name, counts.get(table.name) ?? 0]));
  });
}

async function copyTable(
  reader: StoreReader,
  duck: DuckDBConnection,
  table: SourceTable,
  stopped: () => boolean,
  onRows: (rows: number) => void,
): Promise<number> {
  const { columns } = table;
  await duck.run(`CREATE TABLE ${q(table.name)} (${columns.map((c) => `${q(c.name)} ${c.duckType}`).join(', ')})`);
  // One transaction a table: DuckDB writes its full row groups straight into the file as
  // they fill (rather than into the write-ahead log first, then again at a checkpoint).
  await duck.run('BEGIN TRANSACTION');
  const appender = await duck.createAppender(table.name);
  let copied = false;
  try {
    const target = new ChunkAppender(
      appender,
      columns.map((_column, index) => appender.columnType(index)),
      columns.map((column) => column.storage),
    );
    let reported = 0;
    const report = () => {
      const written = target.rowsAppended + target.row;
      onRows(written - reported);
      reported = written;
    };
    if (reader.copyOut) {
      const decoder = new BinaryCopyDecoder(
        target,
        columns.map((column) => column.copy.wire),
      );
      const select = columns.map((column) => column.copy.select).join(', ');
      for await (const piece of reader.copyOut(`COPY (SELECT ${select} FROM ${q(table.name)}) TO STDOUT (FORMAT binary)`)) {
        if (stopped()) throw new Error('stopped: another table failed to copy');
        decoder.write(piece as Buffer);
        report();
      }
      decoder.finish();
    } else {
      const select = columns.map((column) => column.cursor.select).join(', ');
      const writers = columns.map((column) => column.cursor.write);
      await reader.exec(`DECLARE snapshot_rows NO SCROLL CURSOR FOR SELECT ${select} FROM ${q(table.name)}`);
      for (;;) {
        const rows = await reader.queryArrays(`FETCH FORWARD ${CURSOR_BATCH} FROM snapshot_rows`);
        for (const values of rows) {
          const row = target.row;
          for (let index = 0; index < writers.length; index++) {
            const value = values[index];
            const column = target.columns[index]!;
            if (value === null || value === undefined) column.setNull(row);
            else writers[index]!(column, row, value);
          }
          target.commitRow();
        }
        report();
        if (rows.length < CURSOR_BATCH || stopped()) break;
        // PGlite answers in the same thread without waiting on I/O: without a turn of the event
        // loop between batches, the process (a server's HTTP included) would hear nothing until
        // the table is copied.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await reader.exec('CLOSE snapshot_rows');
    }
    const rows = target.finish();
    await duck.run('COMMIT');
    report();
    copied = true;
    return rows;
  } finally {
    try {
      appender.closeSync();
    } catch (error) {
      // After a failure the appender's own complaint would hide the cause.
      if (copied) throw error;
    }
  }
}
