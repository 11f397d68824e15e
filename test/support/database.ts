// Every test file gets a fresh, migrated database: an in-memory embedded store, or, when
// TEST_DATABASE_URL is set, a new database created on that PostgreSQL server for the file
// and dropped after it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { useDatabase } from '../../src/db/client.js';
import { migrateDatabase, openDatabase, type Database } from '../../src/db/database.js';
import { whenBuildsDone } from '../../src/features/snapshots/snapshots.service.js';

export const serverUrl = process.env.TEST_DATABASE_URL || undefined;
export const storeName = serverUrl ? 'postgres' : 'embedded';

export interface FreshDatabase {
  database: Database;
  /** The database's URL on the PostgreSQL server; none for the in-memory embedded store. */
  url?: string;
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A new, empty database (not yet migrated). */
export async function createFreshDatabase(): Promise<FreshDatabase> {
  if (!serverUrl) {
    const database = await openDatabase({ inMemory: true });
    return { database, drop: () => database.close() };
  }
  const name = `chibo_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** Opens a fresh migrated database for this test file and makes it the process's database. */
export function useFreshDatabase(): { current(): Database; url(): string | undefined } {
  let fresh: FreshDatabase | undefined;
  beforeAll(async () => {
    fresh = await createFreshDatabase();
    await migrateDatabase(fresh.database);
    useDatabase(fresh.database);
  });
  afterAll(async () => {
    // A snapshot build a test started in the background reads the store until it ends.
    await whenBuildsDone();
    await fresh?.drop();
  });
  return {
    current() {
      if (!fresh) throw new Error('the database opens in beforeAll');
      return fresh.database;
    },
    /** Its URL on TEST_DATABASE_URL's server, for a command run beside the test. */
    url() {
      return fresh?.url;
    },
  };
}
