// Copies the transactional store into a DuckDB database: every table streamed in key order
// (keyset pagination, never a whole table in memory) and appended in column chunks.
import { DuckDBDataChunk, type DuckDBAppender, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import type { SqlSession } from '../db/sql-session.js';
import { quoteIdentifier as q, readSourceTables, type SourceTable } from './source-tables.js';

/** Rows read from the store per query. */
const READ_BATCH = 10_000;
/** DuckDB's vector size: a data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048;

export interface CopyProgress {
  table: string;
  /** Rows copied so far, all tables together. */
  rowsDone: number;
}

export async function copyStore(
  session: SqlSession,
  duck: DuckDBConnection,
  onProgress: (progress: CopyProgress) => void,
): Promise<Record<string, number>> {
  const tables = await readSourceTables(session);
  const counts: Record<string, number> = {};
  let rowsDone = 0;
  for (const table of tables) {
    await duck.run(`CREATE TABLE ${q(table.name)} (${table.columns.map((c) => `${q(c.name)} ${c.duckType}`).join(', ')})`);
    const appender = await duck.createAppender(table.name);
    try {
      counts[table.name] = await copyTable(session, table, appender, (rows) => {
        rowsDone += rows;
        onProgress({ table: table.name, rowsDone });
      });
    } finally {
      appender.closeSync();
    }
  }
  return counts;
}

async function copyTable(
  session: SqlSession,
  table: SourceTable,
  appender: DuckDBAppender,
  onRows: (rows: number) => void,
): Promise<number> {
  const types: DuckDBType[] = table.columns.map((_c, index) => appender.columnType(index));
  const keyColumns = table.primaryKey.map((name, index) => ({ name, alias: `__key${index}` }));
  const select = [
    ...table.columns.map((c, index) => `${c.select} AS "c${index}"`),
    ...keyColumns.map((k) => `${q(k.name)} AS ${k.alias}`),
  ].join(', ');
  const order = keyColumns.map((k) => q(k.name)).join(', ');
  const after = keyColumns.length > 0 ? `WHERE (${order}) > (${keyColumns.map((_k, i) => `$${i + 1}`).join(', ')})` : '';
  let last: unknown[] | null = null;
  let copied = 0;
  for (;;) {
    const sql: string = `SELECT ${select} FROM ${q(table.name)} ${last ? after : ''} ${order ? `ORDER BY ${order}` : ''} LIMIT ${READ_BATCH}`;
    const rows: Record<string, unknown>[] = await session.query<Record<string, unknown>>(sql, last ?? []);
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const slice = rows.slice(start, start + CHUNK_ROWS);
      const chunk = DuckDBDataChunk.create(types, slice.length);
      chunk.setColumns(table.columns.map((c, index) => slice.map((row) => c.toDuck(row[`c${index}`]))));
      appender.appendDataChunk(chunk);
    }
    copied += rows.length;
    onRows(rows.length);
    const tail: Record<string, unknown> | undefined = rows[rows.length - 1];
    // A table without a primary key is read in one go (there is none in this schema).
    if (!tail || rows.length < READ_BATCH || keyColumns.length === 0) break;
    last = keyColumns.map((k) => tail[k.alias]);
  }
  appender.flushSync();
  return copied;
}
