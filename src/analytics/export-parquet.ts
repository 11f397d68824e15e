// Writes every table of a snapshot as a Parquet file: the hand-off to engines beyond one
// DuckDB file. Columns that hold a person's data stay behind (personalColumns of
// src/access/rules.ts): a file that leaves the server carries none.
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { personalColumns } from '../access/rules.js';

export interface ExportedTable {
  table: string;
  file: string;
  bytes: number;
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`;

export async function exportParquet(snapshotFile: string, directory: string): Promise<ExportedTable[]> {
  await mkdir(directory, { recursive: true });
  const instance = await DuckDBInstance.create(snapshotFile, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const tables = (await connection.runAndReadAll(`SELECT table_name FROM duckdb_tables() ORDER BY table_name`))
      .getRowsJson()
      .map((row) => String(row[0]));
    const exported: ExportedTable[] = [];
    for (const table of tables) {
      const file = path.join(directory, `${table}.parquet`);
      const personal = personalColumns[table as keyof typeof personalColumns] ?? [];
      const columns = personal.length > 0 ? `* EXCLUDE (${personal.map(quoteIdentifier).join(', ')})` : '*';
      // Table and column names come from the snapshot's own catalogue and the access rule, the folder from configuration.
      await connection.run(`COPY (SELECT ${columns} FROM ${quoteIdentifier(table)}) TO ${quoteLiteral(file)} (FORMAT parquet, COMPRESSION zstd)`);
      exported.push({ table, file, bytes: (await stat(file)).size });
    }
    return exported;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
