// Opens the transactional store: the embedded PostgreSQL (PGlite) in a data folder, or a
// PostgreSQL server when a URL is given. Both get the same schema and the same Prisma client.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { applyRowSecurity } from '../access/row-security.js';
import { migrate, withMigrationLock, type MigrationResult } from './migrate.js';
import { pgliteReader, pgliteSession, pgReader, pgSession, type SqlSession, type StoreReader } from './sql-session.js';
import { lockDataFolder, type DataFolderLock } from './data-folder-lock.js';
import { embeddedStoreDir } from './data-folder.js';

export type StoreKind = 'embedded' | 'postgres';

export interface Database {
  kind: StoreKind;
  prisma: PrismaClient;
  /** Runs `work` on one raw connection (for migrations and bulk loads). */
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * Runs `work` with up to `count` readers, each in a read-only, repeatable-read transaction,
   * that all see the store as it was at one moment (a snapshot build reads several tables at
   * once). A PostgreSQL server gives `count` connections sharing one exported snapshot; the
   * embedded store has one connection and gives one reader.
   */
  withConsistentReaders<T>(count: number, work: (readers: StoreReader[]) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * A data folder is opened by one process at a time (src/db/data-folder-lock.ts); `command` is
 * how others are told who holds it: SERVER_COMMAND, or a tool's npm script ("npm run seed").
 */
export type StoreLocation = { databaseUrl: string } | { dataDir: string; command?: string } | { inMemory: true };

/** The store the configuration names: DATABASE_URL's server, else the embedded data folder. */
export function openConfiguredDatabase(
  config: { databaseUrl: string | undefined; dataDir: string },
  { command }: { command?: string } = {},
): Promise<Database> {
  return openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir, command });
}

/** Opens the store; a data folder another live process holds throws DataFolderBusyError. */
export async function openDatabase(location: StoreLocation): Promise<Database> {
  if ('databaseUrl' in location) return openPostgres(location.databaseUrl);
  if ('dataDir' in location) {
    const lock = await lockDataFolder(location.dataDir, location.command ?? `node ${path.basename(process.argv[1] ?? '')}`);
    try {
      const dir = embeddedStoreDir(location.dataDir);
      await mkdir(dir, { recursive: true });
      return openEmbedded(new PGlite(dir), lock);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }
  return openEmbedded(new PGlite(), null);
}

/**
 * Pothos plans `select: {}` for a mutation result of which a client asks only `__typename`,
 * and Prisma refuses an empty select. Dropping it (so the whole row is read) keeps every
 * service's `...query` valid. The extension changes arguments only, so the client keeps the
 * PrismaClient type the rest of the code and Pothos know.
 */
function createClient(adapter: PrismaPGlite | PrismaPg): PrismaClient {
  // Every read of a request runs in a transaction of its own (src/access/viewer-store.ts). A
  // request that reads a great deal queues them for the pool's connections; they wait as
  // queries would, rather than failing after Prisma's default two seconds.
  const transactionOptions = { maxWait: 30_000, timeout: 60_000 };
  return new PrismaClient({ adapter, transactionOptions }).$extends({
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

function openEmbedded(pglite: PGlite, lock: DataFolderLock | null): Database {
  const prisma = createClient(new PrismaPGlite(pglite));
  const session = pgliteSession(pglite);
  return {
    kind: 'embedded',
    prisma,
    withSession: (work) => work(session),
    // PGlite has one connection: its transaction() holds other queries back until it ends.
    withConsistentReaders: (_count, work) =>
      pglite.transaction(async (tx) => {
        await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
        return work([pgliteReader(tx)]);
      }),
    async close() {
      try {
        await prisma.$disconnect();
        await pglite.close();
      } finally {
        await lock?.release();
      }
    },
  };
}

function openPostgres(connectionString: string): Database {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // A connection the server ends (a restart, an administrator's command) must not take the
  // process down: a query in flight fails with its error, and the pool opens a new connection.
  const connectionLost = (error: Error) => console.warn(`PostgreSQL connection lost: ${error.message}`);
  pool.on('error', connectionLost);
  pool.on('connect', (client) => client.on('error', connectionLost));
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
    async withConsistentReaders(count, work) {
      const clients: pg.PoolClient[] = [];
      let failure: unknown = null;
      try {
        // The first transaction exports its snapshot and stays open while the others import it,
        // so every reader sees the same committed rows.
        const first = await pool.connect();
        clients.push(first);
        await first.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        if (count > 1) {
          const { rows } = await first.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
          const snapshotId = rows[0]?.id ?? '';
          // SET TRANSACTION SNAPSHOT takes no parameter; the id is the server's own, checked here.
          if (!/^[0-9A-F]+-[0-9A-F]+-[0-9]+$/i.test(snapshotId)) throw new Error(`unexpected snapshot id "${snapshotId}"`);
          for (let index = 1; index < count; index++) {
            const client = await pool.connect();
            clients.push(client);
            await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
            await client.query(`SET TRANSACTION SNAPSHOT '${snapshotId}'`);
          }
        }
        const result = await work(clients.map(pgReader));
        for (const client of clients) await client.query('COMMIT');
        return result;
      } catch (error) {
        failure = error;
        throw error;
      } finally {
        // A connection that failed midway (a COPY cut short) is closed rather than reused.
        for (const client of clients) client.release(failure ? true : undefined);
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** Applies pending migrations, then puts the access rule's row security in place. */
export function migrateDatabase(database: Database, migrationsDir?: string): Promise<MigrationResult> {
  return database.withSession(async (session) => {
    const result = await migrate(session, migrationsDir);
    await withMigrationLock(session, () => applyRowSecurity(session));
    return result;
  });
}
