// A server killed with kill -9 while it builds a snapshot: after the restart the dead build is
// known FAILED at once, the previous snapshot answers as before, and a new build runs.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { DEMO_ADMIN_EMAIL } from '../src/seed/demo.js';
import { storeName } from './support/database.js';
import {
  killServer,
  post,
  runScript,
  snapshotState,
  startServer,
  stopServer,
  whenSnapshotBuilt,
  type RunningServer,
} from './support/processes.js';

let dataDir: string | undefined;
const servers: RunningServer[] = [];

afterAll(async () => {
  await Promise.all(servers.map(killServer));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function serve(dir: string): Promise<RunningServer> {
  const server = await startServer(dir);
  servers.push(server);
  return server;
}

async function snapshotCreate(url: string, label: string): Promise<{ id: string; status: string }> {
  const { snapshotCreate } = await post<{ snapshotCreate: { __typename: string; message?: string; data?: { id: string; status: string } } }>(
    url,
    `mutation($label: String!) { snapshotCreate(input: { label: $label }) { __typename
       ... on SnapshotCreateSuccess { data { id status } } ... on ConflictError { message } } }`,
    { label },
  );
  if (!snapshotCreate.data) throw new Error(`snapshotCreate: ${snapshotCreate.__typename} ${snapshotCreate.message ?? ''}`);
  return snapshotCreate.data;
}

/** Dashboard figures of one snapshot, or of the newest READY one. */
function figures(url: string, unitId: string, snapshot: string | null) {
  return post<{ meetingAttendanceQuality: unknown; measures: unknown }>(
    url,
    `query($unitId: ID!, $snapshot: ID) {
       meetingAttendanceQuality(unitId: $unitId, year: 2024, snapshot: $snapshot) {
         snapshot { id }
         total { meetings attendancePercent averageScore goodPercent fairPercent }
         children { unit { name } goodPercent averagePercent }
       }
       measures(unitId: $unitId, fromYear: 2023, toYear: 2025, dimensions: [YEAR], measures: [CELLS, REGULAR_PERCENT, ADMITTED], snapshot: $snapshot) {
         rows { label values }
         total { values }
       }
     }`,
    { unitId, snapshot },
  );
}

describe.skipIf(storeName === 'postgres')('a snapshot build killed with its server (real processes)', () => {
  it('reads FAILED (interrupted) after the restart, the previous snapshot answers the same figures, and a new build becomes READY', { timeout: 300_000 }, async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-interrupted-'));
    // Enough rows that a build lasts seconds (about 240,000: 3–4 s on a two-core machine).
    const seed = await runScript('seed', ['--scale', '300'], dataDir);
    expect(seed.code, seed.stderr).toBe(0);
    // `npm run seed` writes no users: the demo's administrator, to sign in with.
    const store = await openDatabase({ dataDir, command: 'the test' });
    await store.prisma.user.create({ data: { email: DEMO_ADMIN_EMAIL, displayName: 'Quản trị hệ thống', role: 'ADMIN' } });
    await store.close();

    const first = await serve(dataDir);
    const previous = await whenSnapshotBuilt(first.url, (await snapshotCreate(first.url, 'Trước khi dừng')).id);
    expect(previous.status).toBe('READY');
    const { roots } = await post<{ roots: { id: string }[] }>(first.url, '{ roots { id } }');
    const unitId = roots[0]!.id;
    const before = await figures(first.url, unitId, previous.id);

    const doomed = await snapshotCreate(first.url, 'Bị dừng giữa chừng');
    expect(doomed.status).toBe('BUILDING');
    expect((await snapshotState(first.url, doomed.id)).status).toBe('BUILDING');
    await killServer(first);

    const second = await serve(dataDir);
    expect(second.output.join('')).toMatch(/was being built when its process stopped: marked FAILED/);
    const dead = await snapshotState(second.url, doomed.id);
    expect(dead.status).toBe('FAILED');
    expect(dead.error).toMatch(/^interrupted: /);
    // Its half-written file is gone; the previous snapshot's stays.
    const files = await readdir(path.join(dataDir, 'snapshots'));
    expect(files.filter((file) => file.includes('.building'))).toEqual([]);

    expect(await figures(second.url, unitId, previous.id)).toEqual(before);
    // Asked without a snapshot, the figures come from the newest READY one: still the previous.
    expect(await figures(second.url, unitId, null)).toEqual(before);

    const next = await snapshotCreate(second.url, 'Sau khi khởi động lại');
    expect((await whenSnapshotBuilt(second.url, next.id)).status).toBe('READY');
    await stopServer(second);
  });
});
