import { cp, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../src/db/database.js';
import { defaultMigrationsDir, MigrationError, readMigrations } from '../src/db/migrate.js';
import { createFreshDatabase, type FreshDatabase } from './support/database.js';

const opened: FreshDatabase[] = [];
const scratchDirs: string[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((fresh) => fresh.drop()));
  await Promise.all(scratchDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function fresh() {
  const database = await createFreshDatabase();
  opened.push(database);
  return database.database;
}

/** A copy of the real migrations plus extra ones, in a scratch folder. */
async function migrationsWith(extra: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chibo-migrations-'));
  scratchDirs.push(dir);
  await cp(defaultMigrationsDir, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

async function tableNames(database: Awaited<ReturnType<typeof fresh>>): Promise<string[]> {
  const rows = await database.withSession((session) =>
    session.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    ),
  );
  return rows.map((row) => row.table_name);
}

async function history(database: Awaited<ReturnType<typeof fresh>>) {
  return database.withSession((session) =>
    session.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    ),
  );
}

describe('migration runner', () => {
  it('applies every migration in order and records each in Prisma’s _prisma_migrations table', async () => {
    const database = await fresh();
    const migrations = await readMigrations();
    const result = await migrateDatabase(database);
    expect(result.applied).toEqual(migrations.map((m) => m.name));
    const rows = await history(database);
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual(
      migrations.map((m) => [m.name, m.checksum, 1]),
    );
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
    expect(await database.prisma.criteriaSet.count({ where: { code: 'TW-12-HD-2018' } })).toBe(1);
  });

  it('changes nothing when applied a second time', async () => {
    const database = await fresh();
    await migrateDatabase(database);
    const tablesBefore = await tableNames(database);
    const historyBefore = await history(database);
    const second = await migrateDatabase(database);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(historyBefore.map((r) => r.migration_name));
    expect(await tableNames(database)).toEqual(tablesBefore);
    expect(await history(database)).toEqual(historyBefore);
    expect(await database.prisma.criteriaSet.count()).toBe(1);
  });

  it('rolls a failing migration back whole, records nothing, and applies it once it is fixed', async () => {
    const database = await fresh();
    await migrateDatabase(database);
    const tablesBefore = await tableNames(database);
    const broken = '20991231000000_broken';
    const dir = await migrationsWith({
      [broken]: `CREATE TABLE "HalfDone" ("id" INTEGER PRIMARY KEY);
                 INSERT INTO "HalfDone" VALUES (1);
                 ALTER TABLE "OrgUnit" ADD COLUMN "extra" TEXT;
                 SELECT 1 / 0;`,
    });
    const failure = await migrateDatabase(database, dir).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).migration).toBe(broken);
    expect((failure as Error).message).toMatch(/division by zero/);
    expect(await tableNames(database)).toEqual(tablesBefore);
    const columns = await database.withSession((s) =>
      s.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'OrgUnit' AND column_name = 'extra'`),
    );
    expect(columns).toEqual([]);
    expect((await history(database)).map((r) => r.migration_name)).not.toContain(broken);

    await writeFile(path.join(dir, broken, 'migration.sql'), `CREATE TABLE "HalfDone" ("id" INTEGER PRIMARY KEY);`);
    const retried = await migrateDatabase(database, dir);
    expect(retried.applied).toEqual([broken]);
    expect(await tableNames(database)).toContain('HalfDone');
  });

  it('stops at a migration that was edited after it was applied', async () => {
    const database = await fresh();
    await migrateDatabase(database);
    const dir = await migrationsWith({});
    const [first] = await readMigrations(dir);
    if (!first) throw new Error('no migrations');
    await writeFile(path.join(dir, first.name, 'migration.sql'), first.sql + '\n-- edited\n');
    await expect(migrateDatabase(database, dir)).rejects.toThrow(/was edited after it was applied/);
  });
});
