// A report still RUNNING when the process making it stopped: its lease runs out and the next
// look at the reports marks it FAILED ("interrupted: …", in Vietnamese) and removes its
// half-written files; at start-up the embedded store's server marks every such report at once.
// The dead process is simulated by rows as it leaves them (a lease in the past), so those tests
// do not depend on timing; a live lease elsewhere is left alone. The last test kills a real
// server (kill -9) while it makes a report, and starts it again.
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverInterruptedReports, reportFolder, whenReportDone } from '../src/features/reports/reports.service.js';
import { globalId, localId } from '../src/graphql/ids.js';
import { seedProvince } from '../src/seed/seed-province.js';
import { graphql } from './generated/index.js';
import { run } from './support/client.js';
import { storeName, useFreshDatabase } from './support/database.js';
import { openDatabase } from '../src/db/database.js';
import { DEMO_ADMIN_EMAIL } from '../src/seed/demo.js';
import { killServer, post, runScript, startServer, stopServer, whenSnapshotBuilt, type RunningServer } from './support/processes.js';
import { publishSnapshot } from './support/snapshots.js';
import { wholeStore } from './support/store.js';

const store = useFreshDatabase();
const dirs: string[] = [];
let snapshotId: number;
let provinceId: number;
const MINUTE = 60_000;

beforeAll(async () => {
  for (const variable of ['CHIBO_SNAPSHOT_DIR', 'CHIBO_REPORT_DIR'] as const) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'chibo-report-interrupted-'));
    dirs.push(dir);
    process.env[variable] = dir;
  }
  await seedProvince(store.current(), { scale: 2, seed: 3 });
  provinceId = (await wholeStore().orgUnit.findFirstOrThrow({ where: { parentId: null } })).id;
  snapshotId = await publishSnapshot('Báo cáo gián đoạn');
});
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const List = graphql(`query InterruptedReports { reports(first: 50) { edges { node { id status error } } } }`);
const Follow = graphql(`query InterruptedReport($id: ID!) { node(id: $id) { ... on Report { status error files { name } } } }`);
const Create = graphql(`
  mutation InterruptedReportCreate($input: ReportCreateInput!) {
    reportCreate(input: $input) { __typename ... on ReportCreateSuccess { data { id status } } }
  }
`);

const exists = (file: string) => stat(file).then(() => true, () => false);

/** A RUNNING report as a process making it leaves it, with a file half written; its lease ends `leaseFromNow` ms from now. */
async function runningElsewhere(leaseFromNow: number) {
  const row = await wholeStore().report.create({
    data: { kind: 'TERM', unitId: provinceId, snapshotId, fromYear: 2021, toYear: 2025, formats: ['xlsx'], leaseUntil: new Date(Date.now() + leaseFromNow) },
  });
  await mkdir(reportFolder(row.id), { recursive: true });
  await writeFile(path.join(reportFolder(row.id), 'bao-cao.xlsx'), 'half a workbook');
  return row;
}

const statusOf = async (id: number) => wholeStore().report.findUniqueOrThrow({ where: { id } });

describe('a report whose process stopped while making it', () => {
  it('reads FAILED (interrupted, in Vietnamese) once its lease has run out, and its files are gone; a live lease is left alone', async () => {
    const dead = await runningElsewhere(-MINUTE);
    const alive = await runningElsewhere(MINUTE);
    const listed = (await run(List)).reports.edges.map((edge) => edge.node);
    const deadNode = listed.find((node) => node.id === globalId('Report', dead.id))!;
    expect(deadNode.status).toBe('FAILED');
    expect(deadNode.error).toMatch(/^interrupted: /u);
    expect(deadNode.error).toContain('hãy lập lại');
    expect(deadNode.error!.normalize('NFC')).toBe(deadNode.error);
    expect(await exists(reportFolder(dead.id))).toBe(false);
    expect((await statusOf(dead.id)).finishedAt).not.toBeNull();
    // Followed by its id, it says the same and lists no files.
    expect((await run(Follow, { id: globalId('Report', dead.id) })).node).toEqual({ status: 'FAILED', error: deadNode.error, files: [] });

    expect(listed.find((node) => node.id === globalId('Report', alive.id))!.status).toBe('RUNNING');
    expect(await exists(reportFolder(alive.id))).toBe(true);

    // At start-up: on the embedded store only this process owns the folder, so a RUNNING report
    // it is not making is dead whatever its lease says; on PostgreSQL another server may be making it.
    const marked = await recoverInterruptedReports({ atStart: true });
    if (storeName === 'embedded') {
      expect(marked).toEqual([alive.id]);
      expect((await statusOf(alive.id)).status).toBe('FAILED');
      expect(await exists(reportFolder(alive.id))).toBe(false);
    } else {
      expect(marked).toEqual([]);
      expect((await statusOf(alive.id)).status).toBe('RUNNING');
      await wholeStore().report.update({ where: { id: alive.id }, data: { status: 'FAILED', error: 'ended by the test' } });
    }
  });

  it('a report this process is making holds its lease and is never taken for dead here, even with its lease run out', async () => {
    const created = (await run(Create, { input: { kind: 'YEAR', unitId: globalId('Unit', provinceId), toYear: 2024, formats: ['CSV'] } })).reportCreate;
    if (!('data' in created)) throw new Error(JSON.stringify(created));
    const id = localId(created.data.id, 'Report', 'id');
    const row = await statusOf(id);
    if (row.status === 'RUNNING') expect(row.leaseUntil!.getTime()).toBeGreaterThan(Date.now());
    await wholeStore().report.updateMany({ where: { id, status: 'RUNNING' }, data: { leaseUntil: new Date(Date.now() - MINUTE) } });
    expect(await recoverInterruptedReports()).toEqual([]);
    await whenReportDone(id);
    const done = await statusOf(id);
    expect(done.status, done.error ?? '').toBe('READY');
    expect(done.leaseUntil).toBeNull();
  });

  it('a report another server took for dead ends FAILED, not READY, and leaves no files', async () => {
    const created = (await run(Create, { input: { kind: 'YEAR', unitId: globalId('Unit', provinceId), toYear: 2024, formats: ['CSV', 'SVG'] } })).reportCreate;
    if (!('data' in created)) throw new Error(JSON.stringify(created));
    const id = localId(created.data.id, 'Report', 'id');
    // What another server's sweep writes once it finds the lease run out.
    const taken = await wholeStore().report.updateMany({ where: { id, status: 'RUNNING' }, data: { status: 'FAILED', error: 'interrupted: taken for dead' } });
    await whenReportDone(id);
    const done = await statusOf(id);
    if (taken.count === 1) {
      expect(done.status).toBe('FAILED');
      expect(await exists(reportFolder(id))).toBe(false);
    } else {
      // It had already finished: nothing took it.
      expect(done.status).toBe('READY');
    }
  });
});

describe.skipIf(storeName === 'postgres')('a server killed with kill -9 while it makes a report (real processes)', () => {
  const servers: RunningServer[] = [];
  let dataDir: string | undefined;
  afterAll(async () => {
    await Promise.all(servers.map(killServer));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('reads FAILED (interrupted) after the restart, its files are gone, and the report made again is READY', { timeout: 300_000 }, async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-report-killed-'));
    const seed = await runScript('seed', ['--scale', '40'], dataDir);
    expect(seed.code, seed.stderr).toBe(0);
    const db = await openDatabase({ dataDir, command: 'the test' });
    await db.prisma.user.create({ data: { email: DEMO_ADMIN_EMAIL, displayName: 'Quản trị hệ thống', role: 'ADMIN' } });
    await db.close();
    const serve = async () => {
      const server = await startServer(dataDir!, { CHIBO_REPORT_DIR: path.join(dataDir!, 'reports') });
      servers.push(server);
      return server;
    };
    const first = await serve();
    const snapshot = await post<{ snapshotCreate: { data: { id: string } } }>(first.url, 'mutation { snapshotCreate(input: { label: "Trước báo cáo" }) { ... on SnapshotCreateSuccess { data { id } } } }');
    expect((await whenSnapshotBuilt(first.url, snapshot.snapshotCreate.data.id)).status).toBe('READY');
    const { roots } = await post<{ roots: { id: string }[] }>(first.url, '{ roots { id } }');
    const make = `mutation($unitId: ID!) { reportCreate(input: { unitId: $unitId, toYear: 2025, formats: [XLSX, DOCX, CSV, SVG, PNG] }) {
      ... on ReportCreateSuccess { data { id status } } } }`;
    const doomed = (await post<{ reportCreate: { data: { id: string; status: string } } }>(first.url, make, { unitId: roots[0]!.id })).reportCreate.data;
    expect(doomed.status).toBe('RUNNING');
    await killServer(first);

    const second = await serve();
    const id = localId(doomed.id, 'Report', 'id');
    expect(second.output.join('')).toContain(`Report ${id} was being made when its process stopped: marked FAILED (interrupted)`);
    const follow = 'query($id: ID!) { node(id: $id) { ... on Report { status error files { name } } } }';
    const dead = await post<{ node: { status: string; error: string; files: unknown[] } }>(second.url, follow, { id: doomed.id });
    expect(dead.node.status).toBe('FAILED');
    expect(dead.node.error).toMatch(/^interrupted: .*hãy lập lại\.$/u);
    expect(await exists(path.join(dataDir, 'reports', `report-${id}`))).toBe(false);

    const again = (await post<{ reportCreate: { data: { id: string } } }>(second.url, make, { unitId: roots[0]!.id })).reportCreate.data;
    let state = { status: 'RUNNING' };
    for (let tries = 0; state.status === 'RUNNING' && tries < 600; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      state = (await post<{ node: { status: string } }>(second.url, follow, { id: again.id })).node;
    }
    expect(state.status).toBe('READY');
    await stopServer(second);
  });
});
