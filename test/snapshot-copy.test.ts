// The copy of the store into a snapshot loses nothing: every table's rows, value for value,
// compared in a text form each side computes on its own (the oracle); and the binary COPY
// decoder gives the values it was sent however the stream is cut into pieces.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinaryCopyDecoder, type Wire } from '../src/analytics/binary-copy-decoder.js';
import { buildSnapshotFile } from '../src/analytics/build-snapshot-file.js';
import { ChunkAppender, CHUNK_ROWS, type Storage } from '../src/analytics/column-chunks.js';
import type { SqlSession } from '../src/db/sql-session.js';
import { seedProvince } from '../src/seed/seed-province.js';
import { storeName, useFreshDatabase } from './support/database.js';

const store = useFreshDatabase();
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'chibo-snapshot-copy-'));
  await seedProvince(store.current(), { scale: 6, seed: 11 });
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function openDuck(file = ':memory:') {
  const instance = await DuckDBInstance.create(file);
  return { instance, connection: await instance.connect() };
}

async function duckRows(connection: DuckDBConnection, sql: string): Promise<(string | null)[][]> {
  const rows = (await connection.runAndReadAll(sql)).getRowsJson();
  return rows.map((row) => row.map((value) => (value === null ? null : String(value))));
}

const sortedLines = (rows: (string | null)[][]) => rows.map((row) => JSON.stringify(row)).sort();

describe('snapshot copy of the store', () => {
  it('copies every table value for value', async () => {
    const file = path.join(directory, 'copy.duckdb');
    const counts = await buildSnapshotFile({ database: store.current(), file, onProgress: () => undefined });
    const { instance, connection } = await openDuck(file);
    try {
      const tables = Object.keys(counts);
      expect(tables).toEqual(expect.arrayContaining(['Member', 'Meeting', 'MeetingAssessment', 'AssessmentScore', 'OrgUnit']));
      for (const table of tables) {
        const columns = await store.current().withSession((s) =>
          s.query<{ column_name: string; data_type: string }>(
            `SELECT column_name, data_type FROM information_schema.columns
              WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
            [table],
          ),
        );
        // PostgreSQL's text of each value, in one agreed form.
        const pgText = columns.map(({ column_name, data_type }) => {
          const q = `"${column_name}"`;
          if (data_type.startsWith('timestamp')) return `to_char(${q}, 'YYYY-MM-DD HH24:MI:SS.US')`;
          if (data_type === 'date') return `to_char(${q}, 'YYYY-MM-DD')`;
          if (data_type === 'boolean') return `CASE WHEN ${q} THEN 'true' WHEN NOT ${q} THEN 'false' END`;
          return `${q}::text`;
        });
        const expected = await store.current().withSession((s) => s.queryArrays(`SELECT ${pgText.join(', ')} FROM "${table}"`));
        // DuckDB's text of the copied values, from the types the snapshot has.
        const described = await duckRows(connection, `DESCRIBE "${table}"`);
        expect(described.map((row) => row[0])).toEqual(columns.map((c) => c.column_name));
        const duckText = described.map(([name, type]) => {
          const q = `"${name}"`;
          if (type === 'TIMESTAMP') return `strftime(${q}, '%Y-%m-%d %H:%M:%S.%f')`;
          if (type === 'DATE') return `strftime(${q}, '%Y-%m-%d')`;
          if (type === 'BOOLEAN') return `CASE WHEN ${q} THEN 'true' WHEN NOT ${q} THEN 'false' END`;
          return `${q}::VARCHAR`;
        });
        const copied = await duckRows(connection, `SELECT ${duckText.join(', ')} FROM "${table}"`);
        expect(copied.length, table).toBe(counts[table]);
        expect(sortedLines(copied), table).toEqual(sortedLines(expected as (string | null)[][]));
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});

describe('consistent readers of the store', () => {
  it.runIf(storeName === 'postgres')('see the store as of one moment, whichever connection reads', async () => {
    const database = store.current();
    await database.withSession((s) => s.exec('CREATE TABLE consistency_probe (id integer); INSERT INTO consistency_probe VALUES (1)'));
    const count = async (s: SqlSession) => String((await s.query<{ n: string }>('SELECT count(*)::text AS n FROM consistency_probe'))[0]?.n);
    try {
      const seen = await database.withConsistentReaders(3, async (readers) => {
        expect(readers).toHaveLength(3);
        const first = await count(readers[0]!);
        // A row committed after the moment the readers share: none of them may see it, not
        // even those that had not read anything yet.
        await database.withSession((s) => s.exec('INSERT INTO consistency_probe VALUES (2)'));
        return [first, await count(readers[1]!), await count(readers[2]!)];
      });
      expect(seen).toEqual(['1', '1', '1']);
      expect(await database.withSession(count)).toBe('2');
    } finally {
      await database.withSession((s) => s.exec('DROP TABLE consistency_probe'));
    }
  });
});

// ---- The binary COPY decoder, against a stream written here by an independent encoder ----

const PG_EPOCH_MICROS = 946_684_800_000_000n;

interface Sample {
  id: number;
  amount: bigint;
  ratio: number;
  flag: boolean;
  at: bigint | 'infinity' | '-infinity';
  label: string;
}

const nullable = <T>(row: number, every: number, value: T): T | null => (row % every === 0 ? null : value);

function sample(row: number): { [K in keyof Sample]: Sample[K] | null } {
  const labels = ['', 'GOOD', 'EXCELLENT', 'exactly12byt', 'thirteen byte', 'Chi bộ thôn Đông Hưng', 'Sinh hoạt thường kỳ tháng 1/2021'];
  const instants: Sample['at'][] = [
    -631_152_000_000_000n + BigInt(row), // 1950
    0n,
    946_684_799_999_999n, // just before 2000
    PG_EPOCH_MICROS + 1n,
    1_735_689_600_123_456n + BigInt(row) * 1_000_003n,
    'infinity',
    '-infinity',
  ];
  return {
    id: row % 5 === 0 ? -row : row,
    amount: nullable(row, 7, (BigInt(row) - 3000n) * 12_345_678_901n),
    ratio: nullable(row, 11, row / 7),
    flag: nullable(row, 3, row % 2 === 0),
    at: nullable(row, 13, instants[row % instants.length]!),
    label: nullable(row, 17, `${labels[row % labels.length]!}${row % 4 === 0 ? '' : row}`),
  };
}

function field(value: Buffer | null): Buffer {
  if (value === null) return Buffer.from([0xff, 0xff, 0xff, 0xff]);
  const length = Buffer.alloc(4);
  length.writeInt32BE(value.length);
  return Buffer.concat([length, value]);
}

function encode(rows: number): Buffer {
  const header = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
  const parts: Buffer[] = [header];
  for (let row = 0; row < rows; row++) {
    const value = sample(row);
    const count = Buffer.alloc(2);
    count.writeInt16BE(6);
    const id = Buffer.alloc(4);
    id.writeInt32BE(value.id!);
    const amount = value.amount === null ? null : Buffer.alloc(8);
    amount?.writeBigInt64BE(value.amount!);
    const ratio = value.ratio === null ? null : Buffer.alloc(8);
    ratio?.writeDoubleBE(value.ratio!);
    const flag = value.flag === null ? null : Buffer.from([value.flag ? 1 : 0]);
    let at: Buffer | null = null;
    if (value.at !== null) {
      at = Buffer.alloc(8);
      if (value.at === 'infinity') at.writeBigInt64BE(2n ** 63n - 1n);
      else if (value.at === '-infinity') at.writeBigInt64BE(-(2n ** 63n));
      else at.writeBigInt64BE(value.at - PG_EPOCH_MICROS);
    }
    const label = value.label === null ? null : Buffer.from(value.label, 'utf8');
    parts.push(count, field(id), field(amount), field(ratio), field(flag), field(at), field(label));
  }
  const trailer = Buffer.alloc(2);
  trailer.writeInt16BE(-1);
  parts.push(trailer);
  return Buffer.concat(parts);
}

const WIRES: Wire[] = ['int4', 'int8', 'float8', 'bool', 'timestamp', 'text'];
const STORAGES: Storage[] = ['i32', 'i64', 'f64', 'bool', 'i64', 'text'];

let duck: Awaited<ReturnType<typeof openDuck>>;
beforeAll(async () => {
  duck = await openDuck();
});
afterAll(() => {
  duck.connection.closeSync();
  duck.instance.closeSync();
});

/** Decodes `stream` once for each way of cutting it, all into one table; answers its rows. */
async function decodeInPieces(stream: Buffer, cutLists: number[][]): Promise<(string | null)[][]> {
  const { connection } = duck;
  await connection.run('CREATE OR REPLACE TABLE t (id INTEGER, amount BIGINT, ratio DOUBLE, flag BOOLEAN, stamp TIMESTAMP, label VARCHAR)');
  const appender = await connection.createAppender('t');
  try {
    const target = new ChunkAppender(appender, WIRES.map((_w, i) => appender.columnType(i)), STORAGES);
    for (const cuts of cutLists) {
      const decoder = new BinaryCopyDecoder(target, WIRES);
      let start = 0;
      for (const cut of [...cuts, stream.length]) {
        decoder.write(stream.subarray(start, cut));
        start = cut;
      }
      decoder.finish();
    }
    target.finish();
  } finally {
    appender.closeSync();
  }
  return duckRows(
    connection,
    `SELECT id, amount, ratio, flag, CASE WHEN isinf(stamp) THEN stamp::VARCHAR ELSE epoch_us(stamp)::VARCHAR END, label FROM t`,
  );
}

function expectedRows(rows: number): (string | null)[][] {
  return Array.from({ length: rows }, (_unused, row) => {
    const v = sample(row);
    return [v.id, v.amount, v.ratio, v.flag, v.at, v.label].map((value) => (value === null ? null : String(value)));
  });
}

describe('binary COPY decoder', () => {
  it('decodes every row however the stream is cut', async () => {
    const rows = 18;
    const stream = encode(rows);
    const everyCut = Array.from({ length: stream.length - 1 }, (_unused, index) => [index + 1]);
    const decoded = await decodeInPieces(stream, everyCut);
    const expected = expectedRows(rows).flatMap((row) => everyCut.map(() => row));
    expect(sortedLines(decoded)).toEqual(sortedLines(expected));
  });

  it('decodes rows over many chunks, fed a few bytes at a time', async () => {
    const rows = CHUNK_ROWS * 3 + 17;
    const stream = encode(rows);
    const cuts: number[] = [];
    for (let at = 0, step = 1; at + step < stream.length; step = (step * 7 + 3) % 97 || 1) cuts.push((at += step));
    expect(sortedLines(await decodeInPieces(stream, [cuts]))).toEqual(sortedLines(expectedRows(rows)));
  });

  it('refuses a stream cut short', async () => {
    const stream = encode(3);
    await expect(decodeInPieces(stream.subarray(0, stream.length - 2), [[]])).rejects.toThrow(/ended before/);
  });
});
