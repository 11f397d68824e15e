// What a snapshot copies: every domain table of the transactional store, read from the
// store's own catalogue so that a new migration's columns reach the snapshot without code.
// Each column is read one of two ways: by binary COPY (a PostgreSQL server), as a value in
// PostgreSQL's binary form, or by a cursor (the embedded store), as a JavaScript value
// that carries it losslessly. Either way it lands in the same DuckDB column.
import type { SqlSession } from '../db/sql-session.js';
import type { Wire } from './binary-copy-decoder.js';
import type { ColumnBuffer, Storage } from './column-chunks.js';

/**
 * Platform tables (accounts, keys, the audit log, snapshots themselves and their files' pieces,
 * reports made from them) stay out of snapshots.
 */
const NOT_COPIED = new Set(['_prisma_migrations', 'User', 'ApiKey', 'AuditLog', 'Snapshot', 'SnapshotChunk', 'Report', 'ReportFileCopy']);

export interface SourceColumn {
  name: string;
  duckType: string;
  storage: Storage;
  /** Read by binary COPY: the expression, and the binary form it sends. */
  copy: { select: string; wire: Wire };
  /** Read by a cursor: the expression, and how its (non-null) JavaScript value is written. */
  cursor: { select: string; write(column: ColumnBuffer, row: number, value: unknown): void };
}

export interface SourceTable {
  name: string;
  columns: SourceColumn[];
  /** The table's size on disk, to copy the largest first. */
  bytes: number;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const MICROS_PER_SECOND = 1_000_000;
/** DuckDB's widest DECIMAL held in 64 bits; wider ones are read as DOUBLE. */
const MAX_INT64_DECIMAL = 18;

const writeInt32 = (column: ColumnBuffer, row: number, value: unknown) => void (column.i32[row] = value as number);
const writeInt16 = (column: ColumnBuffer, row: number, value: unknown) => void (column.i16[row] = Number(value));
const writeBigInt = (column: ColumnBuffer, row: number, value: unknown) => void (column.i64[row] = BigInt(value as string));
const writeDouble = (column: ColumnBuffer, row: number, value: unknown) => void (column.f64[row] = Number(value));
const writeBoolean = (column: ColumnBuffer, row: number, value: unknown) => void (column.bytes[row] = value ? 1 : 0);
const writeText = (column: ColumnBuffer, row: number, value: unknown) => column.setText(row, value as string);
const writeMicros = (column: ColumnBuffer, row: number, value: unknown) => column.setI64Number(row, Math.round(value as number));

function column(name: string, dataType: string, precision: number | null, scale: number | null): SourceColumn {
  const q = quote(name);
  switch (dataType) {
    case 'integer':
    case 'smallint':
      return { name, duckType: 'INTEGER', storage: 'i32', copy: { select: `${q}::int4`, wire: 'int4' }, cursor: { select: `${q}::int4`, write: writeInt32 } };
    case 'bigint':
      return { name, duckType: 'BIGINT', storage: 'i64', copy: { select: q, wire: 'int8' }, cursor: { select: `${q}::text`, write: writeBigInt } };
    case 'boolean':
      return { name, duckType: 'BOOLEAN', storage: 'bool', copy: { select: q, wire: 'bool' }, cursor: { select: q, write: writeBoolean } };
    case 'date': {
      // Days since 1970-01-01, DuckDB's own count: no time zone can move a calendar date.
      const days = `(${q} - DATE '1970-01-01')`;
      return { name, duckType: 'DATE', storage: 'i32', copy: { select: days, wire: 'int4' }, cursor: { select: days, write: writeInt32 } };
    }
    case 'timestamp without time zone':
    case 'timestamp with time zone':
      return {
        name,
        duckType: 'TIMESTAMP',
        storage: 'i64',
        copy: { select: q, wire: 'timestamp' },
        cursor: { select: `(extract(epoch from ${q}) * ${MICROS_PER_SECOND})::float8`, write: writeMicros },
      };
    case 'numeric': {
      if (precision === null || precision > MAX_INT64_DECIMAL) {
        return { name, duckType: 'DOUBLE', storage: 'f64', copy: { select: `${q}::float8`, wire: 'float8' }, cursor: { select: `${q}::float8`, write: writeDouble } };
      }
      const digits = scale ?? 0;
      // Scaled to a whole number in PostgreSQL, so no binary fraction ever touches a score;
      // DuckDB keeps a DECIMAL as that whole number, 16, 32 or 64 bits wide by its precision.
      const scaled = `(${q} * ${10 ** digits})`;
      const duckType = `DECIMAL(${precision},${digits})`;
      if (precision > 9) {
        return { name, duckType, storage: 'i64', copy: { select: `${scaled}::int8`, wire: 'int8' }, cursor: { select: `${scaled}::int8::text`, write: writeBigInt } };
      }
      const storage = precision > 4 ? 'i32' : 'i16';
      return {
        name,
        duckType,
        storage,
        copy: { select: `${scaled}::int4`, wire: 'int4' },
        cursor: { select: `${scaled}::int4`, write: storage === 'i32' ? writeInt32 : writeInt16 },
      };
    }
    default:
      // Text, enums (USER-DEFINED) and JSON travel as text.
      return { name, duckType: 'VARCHAR', storage: 'text', copy: { select: `${q}::text`, wire: 'text' }, cursor: { select: `${q}::text`, write: writeText } };
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
    `SELECT c.table_name, c.column_name, c.data_type, c.numeric_precision, c.numeric_scale
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const sizes = await session.query<{ table_name: string; bytes: string }>(
    `SELECT c.relname AS table_name, pg_relation_size(c.oid)::text AS bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'`,
  );
  const bytes = new Map(sizes.map((row) => [row.table_name, Number(row.bytes)]));
  const tables = new Map<string, SourceTable>();
  for (const row of columns) {
    if (NOT_COPIED.has(row.table_name)) continue;
    const table = tables.get(row.table_name) ?? { name: row.table_name, columns: [], bytes: bytes.get(row.table_name) ?? 0 };
    table.columns.push(column(row.column_name, row.data_type, row.numeric_precision, row.numeric_scale));
    tables.set(row.table_name, table);
  }
  return [...tables.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export { quote as quoteIdentifier };
