// Snapshots kept in a PostgreSQL store (CHIBO_SNAPSHOT_STORE=database) for servers without a shared disk:
// a build keeps its file in pieces before it says READY; a server without the file fetches it,
// checks it against the checksum and only then opens it; a deleted snapshot's pieces go with
// it. On PostgreSQL, two real server processes with data folders of their own and one store:
// a snapshot asked of one is served by the other with the same figures.
import { copyFile, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSnapshotStore, CHUNK_BYTES, ensureLocalSnapshot, sha256 } from '../src/features/snapshots/snapshot-objects.js';
import { removeDeletedCopies, snapshotFile } from '../src/features/snapshots/snapshots.service.js';
import { globalId, localId } from '../src/graphql/ids.js';
import { seedProvince } from '../src/seed/seed-province.js';
import { graphql } from './generated/index.js';
import { bearer } from './support/auth.js';
import { createApp } from '../src/app.js';
import { serverUrl, useFreshDatabase } from './support/database.js';
import { deleteSnapshotById, publishSnapshot } from './support/snapshots.js';
import { ensureDemoAdmin, post, startServer, stopServer, whenSnapshotBuilt, type RunningServer } from './support/processes.js';
import { wholeStore } from './support/store.js';

const store = useFreshDatabase();
let snapshotDir: string;
let rootId: number;
const uncached = createApp({ development: true, resultStore: null });

const Figures = graphql(`
  query ObjectsFigures($unitId: ID!, $snapshot: ID) {
    measures(unitId: $unitId, fromYear: 2024, toYear: 2025, measures: [CELLS, MEETINGS, ATTENDANCE_PERCENT, ADMITTED], dimensions: [YEAR], snapshot: $snapshot) {
      rows { label values }
      total { values }
    }
  }
`);


const chunks = (snapshotId: number) => wholeStore().snapshotChunk.findMany({ where: { snapshotId }, orderBy: { index: 'asc' }, select: { index: true, bytes: true } });

beforeAll(async () => {
  snapshotDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-objects-'));
  process.env.CHIBO_SNAPSHOT_DIR = snapshotDir;
  if (serverUrl) process.env.CHIBO_SNAPSHOT_STORE = 'database';
  await seedProvince(store.current(), { scale: 4, seed: 3 });
  rootId = (await wholeStore().orgUnit.findFirstOrThrow({ where: { parentId: null } })).id;
});
afterAll(async () => {
  delete process.env.CHIBO_SNAPSHOT_STORE;
  await rm(snapshotDir, { recursive: true, force: true });
});

it('is refused on the embedded store, whose folder is the only one', () => {
  expect(() => checkSnapshotStore('embedded', 'database')).toThrow(/^CHIBO_SNAPSHOT_STORE=database keeps snapshots in a PostgreSQL store/);
  expect(() => checkSnapshotStore('embedded', undefined)).not.toThrow();
  expect(() => checkSnapshotStore('postgres', 'database')).not.toThrow();
  expect(() => checkSnapshotStore('postgres', 's3')).toThrow('CHIBO_SNAPSHOT_STORE must be "folder" or "database", got "s3"');
});

it("removes at start a server's copies of snapshots deleted meanwhile, and no other file", { timeout: 300_000 }, async () => {
  const gone = await publishSnapshot('Sẽ xoá');
  const stays = await publishSnapshot('Còn lại');
  // Another server deleted `gone` while this one kept its copy: the row says DELETED, the file is here.
  await copyFile(snapshotFile(stays), `${snapshotFile(gone)}.copy`);
  await deleteSnapshotById(gone);
  await rename(`${snapshotFile(gone)}.copy`, snapshotFile(gone));
  expect(await removeDeletedCopies()).toEqual([gone]);
  expect((await readdir(snapshotDir)).filter((name) => name.endsWith('.duckdb'))).toEqual([`snapshot-${stays}.duckdb`]);
});

// Kept in the store for servers on several machines: a PostgreSQL server's.
describe.skipIf(!serverUrl)('snapshots kept in the store', () => {
  it('keeps the file in pieces, fetches and checks a copy where it is missing, and drops the pieces with the snapshot', { timeout: 300_000 }, async () => {
    const id = await publishSnapshot('Kho chung');
    const row = await wholeStore().snapshot.findUniqueOrThrow({ where: { id } });
    expect([row.status, row.error]).toEqual(["READY", null]);
    const file = snapshotFile(id);
    const size = (await stat(file)).size;
    const pieces = await chunks(id);
    expect(pieces.map((p) => p.index)).toEqual([...Array(Math.ceil(size / CHUNK_BYTES)).keys()]);
    expect(pieces.reduce((sum, p) => sum + p.bytes.byteLength, 0)).toBe(size);
    // The pieces stay out of the snapshots themselves: a snapshot never holds the one before.
    expect(Object.keys(row.rowCounts as Record<string, number>)).not.toContain('SnapshotChunk');

    // Asked of a server without the answer cache, so each question opens the snapshot.
    const ask = async () => {
      const response = await uncached.fetch('http://chibo.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: await bearer() },
        body: JSON.stringify({ query: print(Figures), variables: { unitId: globalId('Unit', rootId), snapshot: globalId('Snapshot', id) } }),
      });
      return (await response.json()) as { errors?: unknown; data?: unknown };
    };
    const figures = await ask();
    expect(figures.errors).toBeUndefined();
    // This server loses its copy (a new replica, say): the next question fetches it from the store.
    await rm(file);
    expect(await ask()).toEqual(figures);
    expect(await sha256(file)).toBe(row.checksum);

    // A copy that does not match the checksum is never opened, and nothing of it is left.
    const elsewhere = path.join(snapshotDir, 'replica.duckdb');
    const first = pieces[0]!.bytes;
    const damaged = new Uint8Array(first);
    damaged[damaged.length - 1] = damaged[damaged.length - 1]! ^ 0xff;
    await wholeStore().snapshotChunk.update({ where: { snapshotId_index: { snapshotId: id, index: 0 } }, data: { bytes: damaged } });
    await expect(ensureLocalSnapshot(row, elsewhere)).rejects.toThrow(new RegExp(`^snapshot ${id}'s copy does not match its checksum`));
    expect((await readdir(snapshotDir)).filter((name) => name.startsWith('replica'))).toEqual([]);
    await wholeStore().snapshotChunk.update({ where: { snapshotId_index: { snapshotId: id, index: 0 } }, data: { bytes: first } });

    await publishSnapshot('Kho chung 2');
    await deleteSnapshotById(id);
    expect(await chunks(id)).toEqual([]);
  });
});

// Two servers need a store both can open: a PostgreSQL server (the embedded one is one process's).
describe.skipIf(!serverUrl)('two servers, each with its own folder, one PostgreSQL store', () => {
  const servers: RunningServer[] = [];
  const folders: string[] = [];
  afterAll(async () => {
    for (const server of servers) await stopServer(server);
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });

  it('serves from B a snapshot asked of A, with the same figures', { timeout: 600_000 }, async () => {
    await ensureDemoAdmin();
    const start = async () => {
      const folder = await mkdtemp(path.join(os.tmpdir(), 'chibo-replica-'));
      folders.push(folder);
      const server = await startServer(folder, { DATABASE_URL: store.url(), CHIBO_SNAPSHOT_STORE: 'database', CHIBO_RATE_LIMIT: '0' });
      servers.push(server);
      return { server, folder };
    };
    const [a, b] = [await start(), await start()];
    const created = await post<{ snapshotCreate: { data: { id: string } } }>(
      a.server.url,
      `mutation { snapshotCreate(input: { label: "Bản chung" }) { ... on SnapshotCreateSuccess { data { id } } } }`,
    );
    const id = created.snapshotCreate.data.id;
    const built = await whenSnapshotBuilt(a.server.url, id);
    expect([built.status, built.error]).toEqual(['READY', null]);
    const ask = (url: string) => post(url, print(Figures), { unitId: globalId('Unit', rootId), snapshot: id });
    const fromA = await ask(a.server.url);
    const fromB = await ask(b.server.url).catch((error: unknown) => {
      throw new Error(`B did not answer (${error instanceof Error ? error.message : error}); its output:\n${b.server.output.join('')}`);
    });
    expect(fromB).toEqual(fromA);
    // B fetched its own copy into its own folder, the same bytes as A's.
    const copyOf = async (folder: string) => sha256(path.join(folder, 'snapshots', `snapshot-${localId(id, 'Snapshot', 'id')}.duckdb`));
    expect(await copyOf(b.folder)).toBe(await copyOf(a.folder));
  });
});
