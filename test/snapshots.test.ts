import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withSnapshotConnection } from '../src/analytics/snapshot-readers.js';
import { wholeStore } from './support/store.js';
import { globalId, localId } from '../src/graphql/ids.js';
import { seedProvince } from '../src/seed/seed-province.js';
import { personalColumns } from '../src/access/rules.js';
import { snapshotFile, whenBuilt } from '../src/features/snapshots/snapshots.service.js';
import { graphql } from './generated/index.js';
import { execute, run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';

const store = useFreshDatabase();
let snapshotDir: string;

beforeAll(async () => {
  snapshotDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-snapshots-'));
  process.env.CHIBO_SNAPSHOT_DIR = snapshotDir;
  await seedProvince(store.current(), { scale: 8, seed: 3 });
});
afterAll(async () => {
  await rm(snapshotDir, { recursive: true, force: true });
});

const CreateSnapshot = graphql(`
  mutation CreateSnapshot($input: SnapshotCreateInput!) {
    snapshotCreate(input: $input) {
      __typename
      ... on SnapshotCreateSuccess { data { id label status } }
      ... on ConflictError { field message }
      ... on ValidationError { issues { field message } }
    }
  }
`);

const SnapshotState = graphql(`
  query SnapshotState($id: ID!) {
    node(id: $id) {
      ... on Snapshot { status phase rowsDone error checksum sizeBytes keep rowCounts { table rows } }
    }
  }
`);

const KeepSnapshot = graphql(`
  mutation KeepSnapshot($input: SnapshotKeepInput!) { snapshotKeep(input: $input) { __typename ... on SnapshotKeepSuccess { data { keep } } } }
`);
const DeleteSnapshot = graphql(`
  mutation DeleteSnapshot($input: SnapshotIdInput!) {
    snapshotDelete(input: $input) { __typename ... on SnapshotDeleteSuccess { data { status } } ... on ValidationError { issues { field } } }
  }
`);
const SnapshotList = graphql(`query SnapshotList { snapshots(first: 20) { totalCount edges { node { id status } } } }`);

async function create(label: string) {
  const { snapshotCreate } = await run(CreateSnapshot, { input: { label } });
  if (snapshotCreate.__typename !== 'SnapshotCreateSuccess') throw new Error(JSON.stringify(snapshotCreate));
  return snapshotCreate.data;
}

async function state(id: string) {
  const { node } = await run(SnapshotState, { id });
  if (!node || !('status' in node)) throw new Error('no snapshot');
  return node;
}

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

/** Counts rows of every copied table in the store, the oracle for the snapshot's counts. */
async function storeCounts(tables: string[]) {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await store.current().withSession((s) => s.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table}"`));
    counts[table] = Number(row?.n);
  }
  return counts;
}

const Regularity = graphql(`
  query SnapshotServing($unitId: ID!, $year: Int!, $snapshot: ID) {
    meetingRegularity(unitId: $unitId, year: $year, snapshot: $snapshot) {
      snapshot { id }
      total { cells cellMonths }
    }
  }
`);

/** A dashboard figure as a leader would ask for it: from the latest READY snapshot, or the one named. */
async function regularity(snapshot?: string) {
  const root = await wholeStore().orgUnit.findFirstOrThrow({ where: { parentId: null } });
  return execute(Regularity, { unitId: globalId('Unit', root.id), year: 2025, snapshot: snapshot ?? null });
}

const snapshotId = (id: string) => localId(id, 'Snapshot', 'id');

async function storeCount(table: string): Promise<string> {
  const [row] = await store.current().withSession((s) => s.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table}"`));
  return String(row?.n);
}

async function scalarOn(connection: DuckDBConnection, sql: string): Promise<string> {
  return String((await connection.runAndReadAll(sql)).getRowsJson()[0]?.[0]);
}

/** The column names of a query's result, read in a DuckDB of its own. */
async function duckColumns(sql: string): Promise<string[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).columnNames();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function duckScalar(file: string, sql: string): Promise<string> {
  const instance = await DuckDBInstance.create(file, file === ':memory:' ? {} : { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const result = await connection.runAndReadAll(sql);
    return String(result.getRowsJson()[0]?.[0]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('snapshots', () => {
  it('builds a READY snapshot whose tables hold exactly the store’s rows, with facts and the unit dimension', async () => {
    const created = await create('Số liệu quý III/2025');
    expect(created).toMatchObject({ label: 'Số liệu quý III/2025', status: 'BUILDING' });
    await whenBuilt(localId(created.id, 'Snapshot', 'id'));
    const ready = await state(created.id);
    expect(ready).toMatchObject({ status: 'READY', phase: 'ready', error: null });

    const counts = Object.fromEntries(ready.rowCounts.map((c) => [c.table, c.rows]));
    expect(Object.keys(counts)).toEqual(expect.arrayContaining(['OrgUnit', 'Member', 'Meeting', 'MeetingAbsence', 'UnitRating']));
    expect(Object.keys(counts)).not.toContain('User');
    expect(counts).toEqual(await storeCounts(Object.keys(counts)));
    expect(counts.Meeting).toBeGreaterThan(100);
    expect(ready.rowsDone).toBe(Object.values(counts).reduce((a, b) => a + b, 0));

    const file = snapshotFile(localId(created.id, 'Snapshot', 'id'));
    expect(ready.checksum).toBe(await sha256(file));
    expect(ready.sizeBytes).toBe((await stat(file)).size);

    // The facts agree with the store, computed there independently.
    const [pg] = await store.current().withSession((s) =>
      s.query<{ expected: string; present: string; unexcused: string; good: string }>(
        `SELECT (SELECT sum("expectedCount") FROM "Meeting")::text AS expected,
                (SELECT sum("presentCount") FROM "Meeting")::text AS present,
                (SELECT count(*) FROM "MeetingAbsence" WHERE kind = 'UNEXCUSED')::text AS unexcused,
                (SELECT count(*) FROM "MeetingAssessment" WHERE assessor = 'CELL' AND level = 'GOOD')::text AS good`,
      ),
    );
    expect(await duckScalar(file, 'SELECT sum(expected) FROM meeting_fact')).toBe(pg?.expected);
    expect(await duckScalar(file, 'SELECT sum(present) FROM meeting_fact')).toBe(pg?.present);
    expect(await duckScalar(file, 'SELECT sum(unexcused) FROM meeting_fact')).toBe(pg?.unexcused);
    expect(await duckScalar(file, "SELECT count(*) FROM meeting_fact WHERE cell_level = 'GOOD'")).toBe(pg?.good);
    // Every unit appears once for itself and once for each unit above it.
    const [units] = await store.current().withSession((s) => s.query<{ pairs: string }>(`SELECT sum(depth + 1)::text AS pairs FROM "OrgUnit"`));
    expect(await duckScalar(file, 'SELECT count(*) FROM unit_ancestor')).toBe(units?.pairs);
    // Scores keep their two decimals exactly.
    const [scores] = await store.current().withSession((s) => s.query<{ total: string }>(`SELECT sum("totalScore")::text AS total FROM "MeetingAssessment"`));
    expect(await duckScalar(file, 'SELECT sum("totalScore") FROM "MeetingAssessment"')).toBe(scores?.total);
  });

  it('runs one build at a time: a second request while one builds is a ConflictError', async () => {
    const first = await create('Lần một');
    const { snapshotCreate } = await run(CreateSnapshot, { input: { label: 'Lần hai' } });
    expect(snapshotCreate).toMatchObject({ __typename: 'ConflictError', field: 'input.label' });
    await whenBuilt(localId(first.id, 'Snapshot', 'id'));
    expect((await state(first.id)).status).toBe('READY');
  });

  it('marks a build that fails FAILED with its reason, leaving the previous snapshot’s file as it was', async () => {
    const previous = await create('Trước');
    await whenBuilt(snapshotId(previous.id));
    const previousFile = snapshotFile(snapshotId(previous.id));
    const before = await sha256(previousFile);
    const servedBefore = await regularity();
    expect(servedBefore.data?.meetingRegularity.snapshot.id).toBe(previous.id);

    // Something already stands where the next file would be published: the build runs to the
    // end and then cannot publish.
    const next = snapshotId(previous.id) + 1;
    await mkdir(path.join(snapshotFile(next), 'blocker'), { recursive: true });
    const failing = await create('Sẽ lỗi');
    await whenBuilt(next);
    const failed = await state(failing.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/EISDIR|ENOTEMPTY|EEXIST|directory/i);
    await expect(stat(`${snapshotFile(next)}.building`)).rejects.toThrow();
    expect(await sha256(previousFile)).toBe(before);
    expect((await state(previous.id)).status).toBe('READY');
    // Dashboards go on answering from the previous snapshot, with the same figures.
    expect(await regularity()).toEqual(servedBefore);
    await rm(snapshotFile(next), { recursive: true });
  });

  it('marks a build that fails while copying FAILED, and the previous snapshot goes on serving', async () => {
    const previous = await create('Trước lỗi sao chép');
    await whenBuilt(snapshotId(previous.id));
    const servedBefore = await regularity();
    expect(servedBefore.data?.meetingRegularity.snapshot.id).toBe(previous.id);

    // DuckDB's names ignore case: a store table "meeting" beside "Meeting" cannot be copied.
    await store.current().withSession((s) => s.exec(`CREATE TABLE "meeting" (id integer PRIMARY KEY)`));
    try {
      const failing = await create('Lỗi giữa chừng');
      await whenBuilt(snapshotId(failing.id));
      const failed = await state(failing.id);
      expect(failed).toMatchObject({ status: 'FAILED', phase: 'failed' });
      expect(failed.error).toMatch(/meeting/i);
      await expect(stat(`${snapshotFile(snapshotId(failing.id))}.building`)).rejects.toThrow();
      await expect(stat(snapshotFile(snapshotId(failing.id)))).rejects.toThrow();
      expect(await regularity()).toEqual(servedBefore);
    } finally {
      await store.current().withSession((s) => s.exec(`DROP TABLE "meeting"`));
    }
    // The failed build let go of everything it held: the next one builds.
    const after = await create('Sau lỗi');
    await whenBuilt(snapshotId(after.id));
    expect((await state(after.id)).status).toBe('READY');
  });

  it('lets a query running on a snapshot finish there while a newer one is published and the old one deleted', async () => {
    const old = await create('Cũ');
    await whenBuilt(snapshotId(old.id));
    const oldFile = snapshotFile(snapshotId(old.id));
    const absencesInOld = await storeCount('MeetingAbsence');

    // A query starts on the old snapshot and is held midway (a long query, made deterministic).
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    let started!: () => void;
    const midway = new Promise<void>((resolve) => (started = resolve));
    const running = withSnapshotConnection(oldFile, async (connection) => {
      const first = await scalarOn(connection, 'SELECT count(*) FROM "MeetingAbsence"');
      started();
      await resumed;
      const second = await scalarOn(connection, 'SELECT count(*) FROM "MeetingAbsence"');
      return [first, second];
    });
    await midway;

    // Meanwhile the store changes and a newer snapshot is published.
    await store.current().withSession((s) =>
      s.exec(`DELETE FROM "MeetingAbsence" WHERE ("meetingId", "memberId") IN
                (SELECT "meetingId", "memberId" FROM "MeetingAbsence" ORDER BY 1, 2 LIMIT 5)`),
    );
    const absencesInNew = await storeCount('MeetingAbsence');
    expect(Number(absencesInNew)).toBe(Number(absencesInOld) - 5);
    const fresh = await create('Mới');
    await whenBuilt(snapshotId(fresh.id));
    expect((await regularity()).data?.meetingRegularity.snapshot.id).toBe(fresh.id);

    // The old one is deleted while the query still holds it: no new query may have it…
    const deletion = run(DeleteSnapshot, { input: { id: old.id } });
    await vi.waitFor(async () => expect((await wholeStore().snapshot.findUniqueOrThrow({ where: { id: snapshotId(old.id) } })).status).toBe('DELETED'));
    expect((await regularity(old.id)).errors?.length).toBeGreaterThan(0);
    // …but its file stays until the running query has finished, on the old figures.
    expect((await stat(oldFile)).isFile()).toBe(true);
    resume();
    expect(await running).toEqual([absencesInOld, absencesInOld]);
    expect((await deletion).snapshotDelete).toMatchObject({ __typename: 'SnapshotDeleteSuccess', data: { status: 'DELETED' } });
    await expect(stat(oldFile)).rejects.toThrow();
    // New queries read the new snapshot.
    const freshFile = snapshotFile(snapshotId(fresh.id));
    expect(await withSnapshotConnection(freshFile, (c) => scalarOn(c, 'SELECT count(*) FROM "MeetingAbsence"'))).toBe(absencesInNew);
  });

  it('exports a READY snapshot as one Parquet file a table, which read back to the same rows and no person’s data', async () => {
    const snapshot = await create('Xuất Parquet');
    await whenBuilt(localId(snapshot.id, 'Snapshot', 'id'));
    const Export = graphql(`
      mutation ExportSnapshot($input: SnapshotIdInput!) {
        snapshotExport(input: $input) {
          __typename
          ... on SnapshotExportSuccess { data { directory files { table file bytes } } }
          ... on ValidationError { issues { field message } }
        }
      }
    `);
    const { snapshotExport } = await run(Export, { input: { id: snapshot.id } });
    if (snapshotExport.__typename !== 'SnapshotExportSuccess') throw new Error(JSON.stringify(snapshotExport));
    const tables = snapshotExport.data.files.map((f) => f.table);
    expect(tables).toEqual(expect.arrayContaining(['Meeting', 'OrgUnit', 'meeting_fact', 'unit_ancestor']));
    const counts = Object.fromEntries((await state(snapshot.id)).rowCounts.map((c) => [c.table, c.rows]));
    const meetingFile = snapshotExport.data.files.find((f) => f.table === 'Meeting')?.file ?? '';
    expect(await duckScalar(':memory:', `SELECT count(*) FROM read_parquet('${meetingFile}')`)).toBe(String(counts.Meeting));
    expect(snapshotExport.data.files.every((f) => f.bytes > 0)).toBe(true);
    // Names, birth dates, card numbers, reasons and comments stay on the server.
    for (const [table, personal] of Object.entries(personalColumns)) {
      const file = snapshotExport.data.files.find((f) => f.table === table)?.file;
      if (!file) throw new Error(`no file for ${table}`);
      const columns = await duckColumns(`SELECT * FROM read_parquet('${file}')`);
      expect(columns.filter((column) => personal.includes(column)), table).toEqual([]);
    }
    expect(await duckColumns(`SELECT * FROM read_parquet('${snapshotExport.data.files.find((f) => f.table === 'Member')?.file}')`)).toEqual(
      expect.arrayContaining(['id', 'cellId', 'gender', 'admittedOn', 'status']),
    );
  });

  it('keeps a snapshot from deletion, and deletes its file once let go', async () => {
    const snapshot = await create('Số liệu đại hội 2025');
    await whenBuilt(localId(snapshot.id, 'Snapshot', 'id'));
    await run(KeepSnapshot, { input: { id: snapshot.id, keep: true } });
    const refused = await run(DeleteSnapshot, { input: { id: snapshot.id } });
    expect(refused.snapshotDelete).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.id' }] });
    await run(KeepSnapshot, { input: { id: snapshot.id, keep: false } });
    const deleted = await run(DeleteSnapshot, { input: { id: snapshot.id } });
    expect(deleted.snapshotDelete).toMatchObject({ __typename: 'SnapshotDeleteSuccess', data: { status: 'DELETED' } });
    await expect(stat(snapshotFile(localId(snapshot.id, 'Snapshot', 'id')))).rejects.toThrow();
    const list = await run(SnapshotList);
    expect(list.snapshots.edges.map((e) => e.node.id)).not.toContain(snapshot.id);
  });
});
