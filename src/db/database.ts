// Opens the transactional store: the embedded PostgreSQL (PGlite) in a data folder, or a
// PostgreSQL server when a URL is given. Both get the same schema and the same Prisma client.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { migrate, type MigrationResult } from './migrate.js';
import { pgliteSession, pgSession, type SqlSession } from './sql-session.js';

export type StoreKind = 'embedded' | 'postgres';

export interface Database {
  kind: StoreKind;
  prisma: PrismaClient;
  /** Runs `work` on one raw connection (for migrations and bulk loads). */
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one read-only, repeatable-read transaction: every query sees the store as it
   * was when the first one ran (a snapshot build reads table after table).
   */
  withConsistentRead<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type StoreLocation = { databaseUrl: string } | { dataDir: string } | { inMemory: true };

/** The store the configuration names: DATABASE_URL's server, else the embedded data folder. */
export function openConfiguredDatabase(config: { databaseUrl: string | undefined; dataDir: string }): Promise<Database> {
  return openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
}

export async function openDatabase(location: StoreLocation): Promise<Database> {
  if ('databaseUrl' in location) return openPostgres(location.databaseUrl);
  if ('dataDir' in location) {
    const dir = path.join(location.dataDir, 'pg');
    await mkdir(dir, { recursive: true });
    return openEmbedded(new PGlite(dir));
  }
  return openEmbedded(new PGlite());
}

/**
 * Pothos plans `select: {}` for a mutation result of which a client asks only `__typename`,
 * and Prisma refuses an empty select. Dropping it (so the whole row is read) keeps every
 * service's `...query` valid. The extension changes arguments only, so the client keeps the
 * PrismaClient type the rest of the code and Pothos know.
 */
function createClient(adapter: PrismaPGlite | PrismaPg): PrismaClient {
  return new PrismaClient({ adapter }).$extends({
    query: {
      $allOperations({ args, query }) {
        const select = (args as { select?: unknown } | undefined)?.select;
        if (select && typeof select === 'object' && Object.keys(select).length === 0) {
          delete (args as { select?: unknown }).select;
        }
        return query(args);
      },
    },
  }) as unknown as PrismaClient;
}

function openEmbedded(pglite: PGlite): Database {
  const prisma = createClient(new PrismaPGlite(pglite));
  const session = pgliteSession(pglite);
  return {
    kind: 'embedded',
    prisma,
    withSession: (work) => work(session),
    // PGlite has one connection: its transaction() holds other queries back until it ends.
    withConsistentRead: (work) =>
      pglite.transaction(async (tx) => {
        await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
        return work({
          exec: async (sql) => void (await tx.exec(sql)),
          query: async <Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
            (await tx.query<Row>(sql, params)).rows,
        });
      }),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

function openPostgres(connectionString: string): Database {
  const pool = new pg.Pool({ connectionString, max: 10 });
  const prisma = createClient(new PrismaPg(pool));
  return {
    kind: 'postgres',
    prisma,
    async withSession(work) {
      const client = await pool.connect();
      try {
        return await work(pgSession(client));
      } finally {
        client.release();
      }
    },
    async withConsistentRead(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const result = await work(pgSession(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

export function migrateDatabase(database: Database, migrationsDir?: string): Promise<MigrationResult> {
  return database.withSession((session) => migrate(session, migrationsDir));
}
