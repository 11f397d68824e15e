// Thousands of rows in one statement: the rows go to PostgreSQL as one JSON text and the table's
// own row type reads them (json_populate_recordset), so neither Prisma's query compiler nor its
// parameters (65,535 at most) see each value. On the embedded store a createMany of 2,000 rows
// spends more time being compiled than being written. Row security applies as to any insert.
import type { Tx } from '../access/viewer-store.js';

export type InsertRow = Record<string, unknown>;

/** Rows a statement carries: a JSON text of a few megabytes at most. */
const CHUNK = 5_000;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Dates as ISO text (PostgreSQL reads a date column from its day), decimals and big integers as text. */
function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/**
 * Inserts `rows` into `table` (a model's table; the rows' keys are its columns; a column no row
 * names takes its default, one that some rows leave out is null in them) and answers the rows
 * written, whole. Through the raw client: the caller logs them (see insertAudited).
 */
export async function bulkInsert(tx: Tx, table: string, rows: readonly InsertRow[]): Promise<InsertRow[]> {
  if (rows.length === 0) return [];
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) if (row[key] !== undefined) keys.add(key);
  const columns = [...keys].map(quote).join(', ');
  const written: InsertRow[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const answer = await tx.$queryRawUnsafe<InsertRow[]>(
      `INSERT INTO ${quote(table)} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${quote(table)}, $1::json) RETURNING *`,
      JSON.stringify(chunk, jsonValue),
    );
    written.push(...answer);
  }
  return written;
}
