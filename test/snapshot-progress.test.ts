// A snapshot build's progress while it runs. On the embedded store the store answers nothing
// while a build copies, so the server keeps the progress in memory and answers it at
// /snapshot-progress without reading the store; `npm run snapshot` follows its build there, and
// its bar moves. The endpoint is checked here on a build held at one point (the file builder is
// replaced by one that waits), and the command on real processes and a store large enough for
// the build to take seconds.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BuildProgress } from '../src/analytics/build-snapshot-file.js';
import { globalId, localId } from '../src/graphql/ids.js';
import { whenBuilt } from '../src/features/snapshots/snapshots.service.js';
import { seedProvince } from '../src/seed/seed-province.js';
import { bearer, userWith } from './support/auth.js';
import { app, execute } from './support/client.js';
import { storeName, useFreshDatabase } from './support/database.js';
import { runScript, startServer, stopServer, type RunningServer } from './support/processes.js';
import { graphql } from './generated/index.js';

/** The in-process builds of this file report one point of progress, then wait for the test. */
const held = vi.hoisted(() => {
  let release: () => void = () => undefined;
  let reported: () => void = () => undefined;
  return {
    gate: Promise.resolve(),
    /** Resolves once the held build has reported its progress. */
    reported: Promise.resolve(),
    hold() {
      this.gate = new Promise<void>((resolve) => (release = resolve));
      this.reported = new Promise<void>((resolve) => (reported = resolve));
    },
    report: () => reported(),
    release: () => release(),
  };
});
vi.mock('../src/analytics/build-snapshot-file.js', () => ({
  async buildSnapshotFile({ file, onProgress }: { file: string; onProgress: (progress: BuildProgress) => void }) {
    onProgress({ phase: 'copy Meeting', rowsDone: 12_345 });
    held.report();
    await held.gate;
    await writeFile(file, '');
    return { Meeting: 12_345 };
  },
}));

const store = useFreshDatabase();
let snapshotDir: string;
const folders: string[] = [];
const servers: RunningServer[] = [];

beforeAll(async () => {
  snapshotDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-progress-'));
  folders.push(snapshotDir);
  process.env.CHIBO_SNAPSHOT_DIR = snapshotDir;
});
afterAll(async () => {
  held.release();
  await Promise.all(servers.map(stopServer));
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

const CreateSnapshotToFollow = graphql(`
  mutation CreateSnapshotToFollow($input: SnapshotCreateInput!) {
    snapshotCreate(input: $input) { __typename ... on SnapshotCreateSuccess { data { id } } }
  }
`);

const progressOf = (id: string, authorization: string | null) =>
  app.fetch(`http://chibo.test/snapshot-progress?id=${encodeURIComponent(id)}`, { headers: authorization ? { authorization } : {} });

describe('GET /snapshot-progress', () => {
  it('answers the build’s progress from memory to the user who asked for it, and nothing to anyone else', async () => {
    held.hold();
    const created = await execute(CreateSnapshotToFollow, { input: { label: 'Theo dõi tiến độ' } });
    if (created.data?.snapshotCreate.__typename !== 'SnapshotCreateSuccess') throw new Error(JSON.stringify(created));
    const { id } = created.data.snapshotCreate.data;
    try {
      await held.reported;
      const own = await progressOf(id, await bearer());
      expect(own.status).toBe(200);
      expect(own.headers.get('cache-control')).toBe('no-store');
      expect(await own.json()).toEqual({ id, label: 'Theo dõi tiến độ', status: 'BUILDING', phase: 'copy Meeting', rowsDone: 12_345 });

      const otherAdmin = await progressOf(id, await userWith('ADMIN', null, 'admin-khac@chibo.test'));
      expect(otherAdmin.status).toBe(404);
      expect(await otherAdmin.json()).toEqual({ error: expect.stringContaining('node(id:) tells its state') });
      expect((await progressOf(globalId('Snapshot', 987_654), await bearer())).status).toBe(404);
      expect((await progressOf('not-an-id', await bearer())).status).toBe(400);
      expect((await progressOf(globalId('Unit', 1), await bearer())).status).toBe(400);
      expect((await progressOf(id, null)).status).toBe(401);
      expect((await progressOf(id, 'Bearer not.a.token')).status).toBe(401);
      const apiKey = await progressOf(id, 'Bearer chibo_0123456789abcdef');
      expect(apiKey.status).toBe(401);
      expect(await apiKey.json()).toEqual({ error: expect.stringContaining('sign in with a token') });
    } finally {
      held.release();
      await whenBuilt(localId(id, 'Snapshot', 'id'));
    }
    // Ended: it answers as for any build not running here.
    expect((await progressOf(id, await bearer())).status).toBe(404);
  });
});

/** The rows counts a progress bar showed on stderr, in order (it redraws the line with "\r"). */
function rowsShown(stderr: string): number[] {
  return stderr
    .split('\r')
    .map((line) => /([\d.]+) rows/.exec(line)?.[1])
    .filter((rows): rows is string => rows !== undefined)
    .map((rows) => Number(rows.replaceAll('.', '')));
}

describe.skipIf(storeName === 'postgres')('npm run snapshot beside a running server (embedded store, real processes)', () => {
  it('shows the rows copied while the server builds, not only 0 and done', { timeout: 300_000 }, async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-progress-'));
    folders.push(dataDir);
    // About 240,000 rows: a build of several seconds on these machines.
    expect((await runScript('seed', ['--scale', '300'], dataDir)).code).toBe(0);
    expect((await runScript('user', ['--email', 'admin@chibo.local', '--role', 'ADMIN'], dataDir)).code).toBe(0);
    const server = await startServer(dataDir);
    servers.push(server);

    const cli = await runScript('snapshot', ['--label', 'Tiến độ'], dataDir);
    expect(cli.code).toBe(0);
    const done = Number(/: (\d+) rows in/.exec(cli.stdout)?.[1]);
    expect(done).toBeGreaterThan(200_000);
    const shown = rowsShown(cli.stderr);
    const between = [...new Set(shown.filter((rows) => rows > 0 && rows < done))];
    expect(between.length, `the bar showed ${JSON.stringify(shown)}`).toBeGreaterThanOrEqual(2);
    // Seen while the copy ran, not only as the build ended (the Snapshot row's last write).
    expect(Math.min(...between), `the bar showed ${JSON.stringify(shown)}`).toBeLessThan(done * 0.9);
    // It only moves forward.
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
    await stopServer(server);
  });
});

describe.skipIf(storeName === 'embedded')('npm run snapshot on PostgreSQL (DATABASE_URL: it builds in its own process)', () => {
  it('shows the rows copied while it builds', { timeout: 300_000 }, async () => {
    await seedProvince(store.current(), { scale: 600, seed: 2 });
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-progress-'));
    folders.push(dataDir);
    const cli = await runScript('snapshot', ['--label', 'Tiến độ'], dataDir, { DATABASE_URL: store.url(), CHIBO_SNAPSHOT_DIR: snapshotDir });
    expect(cli.code).toBe(0);
    const done = Number(/: (\d+) rows in/.exec(cli.stdout)?.[1]);
    const shown = rowsShown(cli.stderr);
    expect(shown.filter((rows) => rows > 0 && rows < done).length, `the bar showed ${JSON.stringify(shown)}`).toBeGreaterThanOrEqual(1);
  });
});
