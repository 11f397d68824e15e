// The smallest raw SQL surface the migration runner and bulk writers need, over either
// driver. Prisma's own client runs prepared statements, which cannot carry a whole
// multi-statement migration file.
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

export interface SqlSession {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  /** Runs one statement with positional parameters ($1, $2, …). */
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
}

export function pgliteSession(db: PGlite): SqlSession {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      const result = await db.query<Row>(sql, params);
      return result.rows;
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
  };
}
