// Writes generated rows in bulk: rows are buffered per table, column by column, and sent as
// `INSERT … SELECT … FROM unnest($1::int[], $2::text[], …)`, one array parameter per column,
// thousands of rows per statement. The same statement runs on PGlite and PostgreSQL.
import type { SqlSession } from '../db/sql-session.js';

/** A column's SQL type; any other string names an enum type (sent as text, then cast). */
export type ColumnType = 'int' | 'text' | 'bool' | 'date' | 'timestamp' | 'numeric' | `enum:${string}`;
export type Value = string | number | boolean | null;

export interface TableSpec<Columns extends Record<string, ColumnType> = Record<string, ColumnType>> {
  name: string;
  columns: Columns;
}

export type Row<Spec extends TableSpec> = { [K in keyof Spec['columns']]: Value };

/** Where the generator puts its rows: this writer, or the COPY writer (copy-writer.ts). */
export interface RowSink {
  add<Spec extends TableSpec>(spec: Spec, row: Row<Spec>): Promise<void>;
}

const arrayTypes: Record<Exclude<ColumnType, `enum:${string}`>, string> = {
  int: 'int[]',
  text: 'text[]',
  bool: 'bool[]',
  date: 'date[]',
  timestamp: 'timestamp(3)[]',
  numeric: 'numeric[]',
};

function insertStatement(spec: TableSpec): string {
  const names = Object.keys(spec.columns);
  const types = Object.values(spec.columns);
  const unnest = types.map((type, index) => `$${index + 1}::${type.startsWith('enum:') ? 'text[]' : arrayTypes[type as keyof typeof arrayTypes]}`);
  const select = names.map((_, index) => {
    const type = types[index] as ColumnType;
    return type.startsWith('enum:') ? `c${index}::"${type.slice(5)}"` : `c${index}`;
  });
  return `INSERT INTO "${spec.name}" (${names.map((name) => `"${name}"`).join(', ')})
SELECT ${select.join(', ')} FROM unnest(${unnest.join(', ')}) AS t(${names.map((_, index) => `c${index}`).join(', ')})`;
}

class TableBuffer {
  readonly statement: string;
  readonly keys: string[];
  columns: Value[][];
  written = 0;

  constructor(readonly spec: TableSpec) {
    this.statement = insertStatement(spec);
    this.keys = Object.keys(spec.columns);
    this.columns = this.keys.map(() => []);
  }

  get length(): number {
    return this.columns[0]?.length ?? 0;
  }
}

export interface BulkWriterOptions {
  /** Buffered rows (all tables together) that trigger a flush. */
  flushAt?: number;
  /** Most rows in one statement. */
  statementRows?: number;
}

/**
 * Buffers rows and flushes every table, parents first (the order the specs were registered
 * in), whenever the buffers grow past `flushAt`: foreign keys are checked per statement, so
 * a child row is never sent before its parent.
 */
export class BulkWriter implements RowSink {
  private readonly buffers = new Map<string, TableBuffer>();
  private buffered = 0;
  private readonly flushAt: number;
  private readonly statementRows: number;

  constructor(
    private readonly session: SqlSession,
    specs: readonly TableSpec[],
    options: BulkWriterOptions = {},
  ) {
    for (const spec of specs) this.buffers.set(spec.name, new TableBuffer(spec));
    this.flushAt = options.flushAt ?? 50_000;
    this.statementRows = options.statementRows ?? 10_000;
  }

  async add<Spec extends TableSpec>(spec: Spec, row: Row<Spec>): Promise<void> {
    const buffer = this.buffers.get(spec.name);
    if (!buffer) throw new Error(`table ${spec.name} is not registered with the writer`);
    const values = row as Record<string, Value>;
    for (let index = 0; index < buffer.keys.length; index++) {
      const value = values[buffer.keys[index] as string];
      if (value === undefined) throw new Error(`${spec.name}.${buffer.keys[index]} is missing`);
      (buffer.columns[index] as Value[]).push(value);
    }
    if (++this.buffered >= this.flushAt) await this.flush();
  }

  async flush(): Promise<void> {
    for (const buffer of this.buffers.values()) {
      const rows = buffer.length;
      for (let start = 0; start < rows; start += this.statementRows) {
        const params = buffer.columns.map((column) => column.slice(start, start + this.statementRows));
        await this.session.query(buffer.statement, params);
      }
      buffer.written += rows;
      buffer.columns = buffer.keys.map(() => []);
    }
    this.buffered = 0;
  }

  /** Rows written so far per table (after a flush). */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.buffers.values()].map((buffer) => [buffer.spec.name, buffer.written]));
  }
}
