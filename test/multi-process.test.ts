// The processes of a deployment on one PostgreSQL store: two servers that only serve
// (CHIBO_WORKER=off) and a worker (npm run worker), each with a data folder of its own, snapshots
// and reports' files kept in the store (CHIBO_SNAPSHOT_STORE=database), and the machine's Redis
// when one answers. A snapshot asked of A is built by the worker and served alike by A and B; a
// worker killed in the middle of a build leaves the job to the next worker, which finishes it;
// a report asked of A downloads from B.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJobsConfig } from '../src/config.js';
import { globalId, localId } from '../src/graphql/ids.js';
import { seedProvince } from '../src/seed/seed-province.js';
import { serverUrl, useFreshDatabase } from './support/database.js';
import {
  demoAdminAuthorization,
  ensureDemoAdmin,
  killServer,
  post,
  snapshotState,
  startServer,
  startWorker,
  stopServer,
  whenSnapshotBuilt,
  type RunningServer,
  type RunningWorker,
} from './support/processes.js';
import { REDIS_URL, redisAnswers } from './support/redis.js';
import { wholeStore } from './support/store.js';

if (!serverUrl) console.warn('The multi-process tests are skipped: processes share a PostgreSQL store (set TEST_DATABASE_URL); the embedded store is one process\'s.');
const redisPresent = serverUrl ? await redisAnswers(REDIS_URL) : false;

/** Short enough for a dead worker's job to move within the test, long enough for renewals on a busy machine. */
const LEASE_SECONDS = '4';

const FIGURES = `query($unitId: ID!, $snapshot: ID) {
  measures(unitId: $unitId, fromYear: 2023, toYear: 2025, measures: [CELLS, MEETINGS, ATTENDANCE_PERCENT, ADMITTED], dimensions: [YEAR], snapshot: $snapshot) {
    rows { label values }
    total { values }
  }
}`;

const exists = (file: string) => stat(file).then(() => true, () => false);
const sha = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

it('reads the job settings, naming a wrong one', () => {
  expect(loadJobsConfig({})).toEqual({ leaseSeconds: 20, retries: 3, work: true });
  expect(loadJobsConfig({ CHIBO_WORKER: 'off', CHIBO_JOB_LEASE_SECONDS: '4', CHIBO_JOB_RETRIES: '0' })).toEqual({ leaseSeconds: 4, retries: 0, work: false });
  expect(() => loadJobsConfig({ CHIBO_WORKER: 'no' })).toThrow('CHIBO_WORKER must be "on" or "off", got "no"');
  expect(() => loadJobsConfig({ CHIBO_JOB_LEASE_SECONDS: '1' })).toThrow(/CHIBO_JOB_LEASE_SECONDS must be a whole number of 2 or more/);
});

describe.skipIf(!serverUrl)('servers and workers of one deployment on one PostgreSQL store', () => {
  const store = useFreshDatabase();
  const running: (RunningServer | RunningWorker)[] = [];
  const folders: string[] = [];
  let rootId: number;
  let env: NodeJS.ProcessEnv;
  let a: RunningServer & { folder: string };
  let b: RunningServer & { folder: string };

  const folder = async () => {
    const made = await mkdtemp(path.join(os.tmpdir(), 'chibo-deployment-'));
    folders.push(made);
    return made;
  };
  const server = async () => {
    const dir = await folder();
    const started = await startServer(dir, { ...env, CHIBO_WORKER: 'off' });
    running.push(started);
    return { ...started, folder: dir };
  };
  const worker = async () => {
    const dir = await folder();
    const started = await startWorker(dir, env);
    running.push(started);
    return { ...started, folder: dir };
  };
  const snapshotCreate = async (label: string) => {
    const { snapshotCreate } = await post<{ snapshotCreate: { data: { id: string } } }>(
      a.url,
      `mutation($label: String!) { snapshotCreate(input: { label: $label }) { ... on SnapshotCreateSuccess { data { id } } } }`,
      { label },
    );
    return snapshotCreate.data.id;
  };
  const figures = (url: string, snapshot: string) => post(url, FIGURES, { unitId: globalId('Unit', rootId), snapshot });
  const snapshotFileIn = (dir: string, id: string) => path.join(dir, 'snapshots', `snapshot-${localId(id, 'Snapshot', 'id')}.duckdb`);
  /** Every table's rows in the store, counted here: what a snapshot of the unchanged store holds. */
  const storeCounts = async () => ({
    Meeting: await wholeStore().meeting.count(),
    Member: await wholeStore().member.count(),
    OrgUnit: await wholeStore().orgUnit.count(),
  });

  beforeAll(async () => {
    await seedProvince(store.current(), { scale: 8, seed: 11 });
    rootId = (await wholeStore().orgUnit.findFirstOrThrow({ where: { parentId: null } })).id;
    await ensureDemoAdmin();
    env = {
      DATABASE_URL: store.url(),
      CHIBO_SNAPSHOT_STORE: 'database',
      CHIBO_RATE_LIMIT: '0',
      CHIBO_JOB_LEASE_SECONDS: LEASE_SECONDS,
      ...(redisPresent ? { REDIS_URL, CHIBO_REDIS_PREFIX: `chibo-test:${process.pid}:${Date.now()}:` } : {}),
    };
    [a, b] = [await server(), await server()];
  });
  afterAll(async () => {
    for (const process of running) await killServer(process);
    for (const dir of folders) await rm(dir, { recursive: true, force: true });
  });

  let first: string;
  let firstWorker: RunningWorker & { folder: string };

  it(`builds on the worker a snapshot asked of A, served by A and B with the same figures${redisPresent ? ' (Redis shared)' : ''}`, { timeout: 600_000 }, async () => {
    firstWorker = await worker();
    first = await snapshotCreate('Bản dựng ở worker');
    const built = await whenSnapshotBuilt(a.url, first);
    expect([built.status, built.error]).toEqual(['READY', null]);
    // Built where the worker is: the API servers have no file of it until they are asked.
    expect(await exists(snapshotFileIn(firstWorker.folder, first))).toBe(true);
    expect(await exists(snapshotFileIn(a.folder, first))).toBe(false);
    const rows = Object.fromEntries(built.rowCounts.map((r) => [r.table, r.rows]));
    expect({ Meeting: rows.Meeting, Member: rows.Member, OrgUnit: rows.OrgUnit }).toEqual(await storeCounts());

    const fromA = await figures(a.url, first);
    const fromB = await figures(b.url, first);
    expect(fromB).toEqual(fromA);
    // A fetched its own copy of the worker's bytes; so did B, unless A's answer reached it through Redis.
    const original = await sha(snapshotFileIn(firstWorker.folder, first));
    expect(await sha(snapshotFileIn(a.folder, first))).toBe(original);
    if (redisPresent) expect(await exists(snapshotFileIn(b.folder, first))).toBe(false);
    else expect(await sha(snapshotFileIn(b.folder, first))).toBe(original);
  });

  it('hands the build of a worker killed mid-way to the next worker, which finishes it', { timeout: 600_000 }, async () => {
    const id = await snapshotCreate('Worker chết giữa chừng');
    // Killed once the build is copying the store.
    for (;;) {
      const state = await snapshotState(a.url, id);
      if (state.status !== 'BUILDING') throw new Error(`the build ended (${state.status}) before the worker could be killed: seed a larger province`);
      if (state.phase?.startsWith('copy')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await killServer(firstWorker);
    expect((await snapshotState(a.url, id)).status).toBe('BUILDING');

    const next = await worker();
    const built = await whenSnapshotBuilt(a.url, id);
    expect([built.status, built.error]).toEqual(['READY', null]);
    const row = await wholeStore().snapshot.findUniqueOrThrow({ where: { id: localId(id, 'Snapshot', 'id') } });
    // Taken once by the killed worker, once by the next.
    expect(row.buildAttempt).toBe(2);
    expect(next.output.join('')).toContain('taking over the build its previous worker left');
    expect(await exists(snapshotFileIn(next.folder, id))).toBe(true);
    // The store has not changed: the new snapshot answers as the first one does, from A and from B.
    const expected = await figures(a.url, first);
    expect(await figures(a.url, id)).toEqual(expected);
    expect(await figures(b.url, id)).toEqual(expected);
  });

  it('downloads from B a report asked of A and made by the worker', { timeout: 600_000 }, async () => {
    const { reportCreate } = await post<{ reportCreate: { data: { id: string } } }>(
      a.url,
      `mutation($unitId: ID!) { reportCreate(input: { kind: YEAR, unitId: $unitId, toYear: 2024, formats: [XLSX, CSV] }) { ... on ReportCreateSuccess { data { id } } } }`,
      { unitId: globalId('Unit', rootId) },
    );
    const id = reportCreate.data.id;
    type Followed = { status: string; error: string | null; files: { name: string; sizeBytes: number; url: string }[] };
    let report: Followed;
    for (let tries = 0; ; tries++) {
      report = (await post<{ node: Followed }>(b.url, `query($id: ID!) { node(id: $id) { ... on Report { status error files { name sizeBytes url } } } }`, { id })).node;
      if (report.status !== 'RUNNING') break;
      if (tries > 600) throw new Error(`report ${id} is still RUNNING`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect([report.status, report.error]).toEqual(['READY', null]);
    expect(report.files.length).toBeGreaterThan(1);
    const workerFolder = folders.at(-1)!;
    const reportId = localId(id, 'Report', 'id');
    expect(await exists(path.join(a.folder, 'reports', `report-${reportId}`))).toBe(false);
    for (const file of report.files) {
      const response = await fetch(new URL(file.url, b.url), { headers: { authorization: await demoAdminAuthorization() } });
      expect(response.status, file.url).toBe(200);
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.length).toBe(file.sizeBytes);
      // The bytes the worker wrote into its own folder.
      expect(createHash('sha256').update(body).digest('hex')).toBe(await sha(path.join(workerFolder, 'reports', `report-${reportId}`, file.name)));
    }
  });

  it('stops a worker with SIGTERM', { timeout: 120_000 }, async () => {
    const last = running.at(-1)!;
    await stopServer(last);
    expect(last.child.exitCode).toBe(0);
  });
});
