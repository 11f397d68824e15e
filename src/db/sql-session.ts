// The smallest raw SQL surface the migration runner, bulk writers and snapshot builds need,
// over either driver. Prisma's own client runs prepared statements, which cannot carry a
// whole multi-statement migration file.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFromStdin, to as copyTo } from 'pg-copy-streams';

export interface SqlSession {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  /** Runs one statement with positional parameters ($1, $2, …). */
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Like `query`, each row an array of its values in column order (no object a row). */
  queryArrays(sql: string, params?: unknown[]): Promise<unknown[][]>;
  /**
   * Loads rows in COPY's text format into `target` (`"Table" ("a", "b")`): from STDIN on a
   * PostgreSQL server, from a blob on the embedded store. The fastest bulk load either has.
   */
  copyFrom?(target: string, text: string): Promise<void>;
}

/** A session that reads a consistent view of the store (see Database.withConsistentReaders). */
export interface StoreReader extends SqlSession {
  /**
   * Streams the bytes of `COPY … TO STDOUT`: only a PostgreSQL server has it; the embedded
   * store is read through a cursor instead.
   */
  copyOut: ((copySql: string) => Readable) | null;
}

export function pgliteSession(db: PGlite | Transaction): SqlSession {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      const result = await db.query<Row>(sql, params);
      return result.rows;
    },
    async queryArrays(sql, params = []) {
      const result = await db.query<unknown[]>(sql, params, { rowMode: 'array' });
      return result.rows;
    },
    async copyFrom(target, text) {
      await db.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob([text]) });
    },
  };
}

export function pgSession(client: pg.PoolClient | pg.Client): SqlSession {
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      const result = await client.query<Row>(sql, params);
      return result.rows;
    },
    async queryArrays(sql, params = []) {
      const result = await client.query<unknown[]>({ text: sql, values: params, rowMode: 'array' });
      return result.rows;
    },
    async copyFrom(target, text) {
      await pipeline(Readable.from([Buffer.from(text, 'utf8')]), client.query(copyFromStdin(`COPY ${target} FROM STDIN`)));
    },
  };
}

export function pgReader(client: pg.PoolClient | pg.Client): StoreReader {
  return { ...pgSession(client), copyOut: (copySql) => client.query(copyTo(copySql)) };
}

export function pgliteReader(tx: Transaction): StoreReader {
  return { ...pgliteSession(tx), copyOut: null };
}
