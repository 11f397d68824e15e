// What a snapshot copies: every domain table of the transactional store, read from the
// store's own catalogue so that a new migration's columns reach the snapshot without code.
// Each column has the SQL that reads it in a form JavaScript carries losslessly and the
// DuckDB type it is appended as.
import { dateValue, decimalValue, timestampValue, type DuckDBValue } from '@duckdb/node-api';
import type { SqlSession } from '../db/sql-session.js';

/** Platform tables (accounts, keys, the audit log, snapshots themselves) stay out of snapshots. */
const NOT_COPIED = new Set(['_prisma_migrations', 'User', 'ApiKey', 'AuditLog', 'Snapshot']);

export interface SourceColumn {
  name: string;
  /** The PostgreSQL expression selecting the column. */
  select: string;
  duckType: string;
  toDuck(value: unknown): DuckDBValue;
}

export interface SourceTable {
  name: string;
  columns: SourceColumn[];
  primaryKey: string[];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const MICROS_PER_SECOND = 1_000_000;

function column(name: string, dataType: string, precision: number | null, scale: number | null): SourceColumn {
  const q = quote(name);
  const nullable = <T>(convert: (value: T) => DuckDBValue) => (value: unknown) => (value === null ? null : convert(value as T));
  switch (dataType) {
    case 'integer':
    case 'smallint':
      return { name, select: q, duckType: 'INTEGER', toDuck: nullable((v: number) => v) };
    case 'bigint':
      return { name, select: `${q}::text`, duckType: 'BIGINT', toDuck: nullable((v: string) => BigInt(v)) };
    case 'boolean':
      return { name, select: q, duckType: 'BOOLEAN', toDuck: nullable((v: boolean) => v) };
    case 'date':
      // Days since 1970-01-01: no time zone can move a calendar date.
      return { name, select: `(${q} - DATE '1970-01-01')`, duckType: 'DATE', toDuck: nullable((v: number) => dateValue(v)) };
    case 'timestamp without time zone':
    case 'timestamp with time zone':
      return {
        name,
        select: `(extract(epoch from ${q}) * ${MICROS_PER_SECOND})::float8`,
        duckType: 'TIMESTAMP',
        toDuck: nullable((v: number) => timestampValue(BigInt(Math.round(v)))),
      };
    case 'numeric': {
      const width = precision ?? 18;
      const digits = scale ?? 0;
      // Scaled to a whole number in PostgreSQL, so no binary fraction ever touches a score.
      return {
        name,
        select: `(${q} * ${10 ** digits})::bigint::text`,
        duckType: `DECIMAL(${width},${digits})`,
        toDuck: nullable((v: string) => decimalValue(BigInt(v), width, digits)),
      };
    }
    default:
      // Text, enums (USER-DEFINED) and JSON travel as text.
      return { name, select: `${q}::text`, duckType: 'VARCHAR', toDuck: nullable((v: string) => v) };
  }
}

export async function readSourceTables(session: SqlSession): Promise<SourceTable[]> {
  const columns = await session.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    numeric_precision: number | null;
    numeric_scale: number | null;
  }>(
    `SELECT table_name, column_name, data_type, numeric_precision, numeric_scale
       FROM information_schema.columns
      WHERE table_schema = 'public'
      ORDER BY table_name, ordinal_position`,
  );
  const keys = await session.query<{ table_name: string; column_name: string }>(
    `SELECT tc.table_name, kcu.column_name
       FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu
         ON kcu.constraint_schema = tc.constraint_schema AND kcu.constraint_name = tc.constraint_name
      WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'public'
      ORDER BY tc.table_name, kcu.ordinal_position`,
  );
  const tables = new Map<string, SourceTable>();
  for (const row of columns) {
    if (NOT_COPIED.has(row.table_name)) continue;
    const table = tables.get(row.table_name) ?? { name: row.table_name, columns: [], primaryKey: [] };
    table.columns.push(column(row.column_name, row.data_type, row.numeric_precision, row.numeric_scale));
    tables.set(row.table_name, table);
  }
  for (const key of keys) tables.get(key.table_name)?.primaryKey.push(key.column_name);
  return [...tables.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export { quote as quoteIdentifier };
