// The floor: a figure's own SQL (analytics/sql/queries/<name>.sql) run on the snapshot file
// opened directly with @duckdb/node-api, with the parameters the server binds — no HTTP, no
// GraphQL, no labels. Nothing answers the same figure faster from the same file.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';

const queriesDir = new URL('../sql/queries/', import.meta.url);

export async function querySql(name: string): Promise<string> {
  return (await readFile(fileURLToPath(new URL(`${name}.sql`, queriesDir)), 'utf8')).trim().replace(/;$/, '');
}

/** DuckDB refuses a value for a parameter its statement does not have. */
export function parametersUsed(sql: string, params: Record<string, DuckDBValue>): Record<string, DuckDBValue> {
  return Object.fromEntries(Object.entries(params).filter(([key]) => new RegExp(`\\$${key}\\b`).test(sql)));
}

export interface SnapshotFloor {
  /** Prepares one run of the query; the returned function runs it and reads every row. */
  prepare(name: string, params: Record<string, DuckDBValue>): Promise<() => Promise<number>>;
  version(): Promise<string>;
  close(): void;
}

export async function openSnapshotFloor(file: string): Promise<SnapshotFloor> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const connection: DuckDBConnection = await instance.connect();
  return {
    async prepare(name, params) {
      const sql = await querySql(name);
      const used = parametersUsed(sql, params);
      return async () => (await connection.runAndReadAll(sql, used)).getRowObjects().length;
    },
    async version() {
      const reader = await connection.runAndReadAll('SELECT version() AS v');
      return String(reader.getRowObjects()[0]?.v ?? '');
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
