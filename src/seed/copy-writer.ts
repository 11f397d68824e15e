// Writes generated rows with COPY (text format; from STDIN on a PostgreSQL server, from a blob
// on the embedded store): rows are encoded as they come, buffered per table, and sent a few
// megabytes at a time, parents first (the order the specs were registered in), so foreign keys
// hold at each COPY.
import type { SqlSession } from '../db/sql-session.js';
import type { Row, RowSink, TableSpec, Value } from './bulk-writer.js';

/** One value in COPY's text format: `\N` is NULL; backslash, tab, newline and return are escaped. */
const special = /[\\\t\n\r]/;
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function copyText(value: Value): string {
  if (typeof value === 'string') return special.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => escapes[c] as string) : value;
  if (typeof value === 'number') return `${value}`;
  if (value === null) return '\\N';
  return value ? 't' : 'f';
}

class TableText {
  readonly keys: string[];
  readonly target: string;
  lines: string[] = [];
  bytes = 0;
  written = 0;

  constructor(readonly spec: TableSpec) {
    this.keys = Object.keys(spec.columns);
    this.target = `"${spec.name}" (${this.keys.map((key) => `"${key}"`).join(', ')})`;
  }
}

export class CopyWriter implements RowSink {
  private readonly tables = new Map<string, TableText>();
  private buffered = 0;

  private readonly copy: (target: string, text: string) => Promise<void>;

  constructor(
    session: SqlSession,
    specs: readonly TableSpec[],
    /** Buffered bytes (all tables together) that trigger a flush. */
    private readonly flushAt = 8 << 20,
  ) {
    if (!session.copyFrom) throw new Error('this store cannot COPY');
    this.copy = session.copyFrom.bind(session);
    for (const spec of specs) this.tables.set(spec.name, new TableText(spec));
  }

  async add<Spec extends TableSpec>(spec: Spec, row: Row<Spec>): Promise<void> {
    const table = this.tables.get(spec.name);
    if (!table) throw new Error(`table ${spec.name} is not registered with the writer`);
    const values = row as Record<string, Value>;
    let line = '';
    for (let index = 0; index < table.keys.length; index++) {
      const value = values[table.keys[index] as string];
      if (value === undefined) throw new Error(`${spec.name}.${table.keys[index]} is missing`);
      line += (index === 0 ? '' : '\t') + copyText(value);
    }
    line += '\n';
    table.lines.push(line);
    table.bytes += line.length;
    this.buffered += line.length;
    if (this.buffered >= this.flushAt) await this.flush();
  }

  async flush(): Promise<void> {
    for (const table of this.tables.values()) {
      if (table.lines.length === 0) continue;
      const text = table.lines.join('');
      table.written += table.lines.length;
      table.lines = [];
      table.bytes = 0;
      await this.copy(table.target, text);
    }
    this.buffered = 0;
  }

  /** Rows written so far per table (after a flush). */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.tables.values()].map((table) => [table.spec.name, table.written]));
  }
}
