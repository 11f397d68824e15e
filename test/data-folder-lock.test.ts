// The embedded store's data folder belongs to one process at a time. Real servers and npm
// scripts, started as a person starts them, each test on a data folder of its own; and the lock
// itself, in this process.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { DataFolderBusyError, LOCK_FILE_NAME, lockDataFolder, type DataFolderHolder } from '../src/db/data-folder-lock.js';
import { storeName } from './support/database.js';
import {
  killServer,
  listSnapshots,
  post,
  rowCounts,
  runScript,
  startServer,
  stopServer,
  whenSnapshotBuilt,
  type RunningServer,
} from './support/processes.js';

const folders: string[] = [];
const servers: RunningServer[] = [];

async function dataFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chibo-lock-'));
  folders.push(dir);
  return dir;
}

async function serve(dataDir: string): Promise<RunningServer> {
  const server = await startServer(dataDir);
  servers.push(server);
  return server;
}

afterAll(async () => {
  await Promise.all(servers.map(killServer));
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

const readLock = async (dataDir: string) => JSON.parse(await readFile(path.join(dataDir, LOCK_FILE_NAME), 'utf8')) as DataFolderHolder;
const exists = (file: string) => stat(file).then(() => true, () => false);

/** Waits for the demo's first snapshot, which a first start builds in the background. */
async function demoSnapshot(url: string) {
  const [demo] = await listSnapshots(url);
  if (!demo) throw new Error('the demo has no snapshot');
  const built = await whenSnapshotBuilt(url, demo.id);
  expect(built.status).toBe('READY');
  return built;
}

describe.skipIf(storeName === 'postgres')('one process owns the data folder (real processes)', () => {
  it('npm start, then npm run snapshot in a second terminal: the server builds it, and after a restart the store has every row and lists it READY', { timeout: 300_000 }, async () => {
    const dataDir = await dataFolder();
    const first = await serve(dataDir);
    const demo = await demoSnapshot(first.url);

    const cli = await runScript('snapshot', ['--label', 'Số liệu từ dòng lệnh'], dataDir);
    expect(cli.stderr).not.toMatch(/Refused|failed/);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(`held by the chibo server (pid ${first.pid}, serving ${first.url}`);
    expect(cli.stdout).toMatch(/Snapshot \d+ "Số liệu từ dòng lệnh": \d+ rows in .* built by the chibo server/);
    expect(cli.stderr).toContain('█'); // the progress bar

    // The server lists it at once: it built it, from the same rows as the demo's snapshot.
    const fromCli = (await listSnapshots(first.url)).find((snapshot) => snapshot.label === 'Số liệu từ dòng lệnh');
    expect(fromCli).toMatchObject({ status: 'READY', rowCounts: demo.rowCounts });
    await stopServer(first);
    expect(await exists(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
    const before = await rowCounts(dataDir);

    const second = await serve(dataDir);
    expect(await listSnapshots(second.url)).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: fromCli!.id, status: 'READY' }), expect.objectContaining({ id: demo.id, status: 'READY' })]),
    );
    const { roots } = await post<{ roots: { id: string }[] }>(second.url, '{ roots { id } }');
    const { meetingAttendanceQuality } = await post<{ meetingAttendanceQuality: { snapshot: { id: string }; total: { meetings: number } } }>(
      second.url,
      `query($unitId: ID!, $snapshot: ID) { meetingAttendanceQuality(unitId: $unitId, year: 2024, snapshot: $snapshot) { snapshot { id } total { meetings } } }`,
      { unitId: roots[0]!.id, snapshot: fromCli!.id },
    );
    expect(meetingAttendanceQuality.snapshot.id).toBe(fromCli!.id);
    expect(meetingAttendanceQuality.total.meetings).toBeGreaterThan(0);
    await stopServer(second);

    const after = await rowCounts(dataDir);
    expect(after).toEqual(before);
    expect(after.Snapshot).toBe(2);
    // Every table the snapshots copy holds the rows it held when the demo's snapshot was taken.
    for (const { table, rows } of demo.rowCounts) expect(after[table], table).toBe(rows);
  });

  it('seed and db:migrate in a second terminal refuse at once, naming the server that holds the folder, and change nothing', { timeout: 300_000 }, async () => {
    const dataDir = await dataFolder();
    const first = await serve(dataDir);
    await demoSnapshot(first.url);
    await stopServer(first);
    const before = await rowCounts(dataDir);

    const server = await serve(dataDir);
    const lock = await readLock(dataDir);
    expect(lock).toMatchObject({ pid: server.pid, command: 'server', port: server.port });
    const holder = `in use by the chibo server (pid ${server.pid}, serving ${server.url}`;

    const seed = await runScript('seed', ['--scale', '2', '--reset'], dataDir);
    expect(seed.code).toBe(1);
    expect(seed.stderr).toContain(`Refused: The data folder ${dataDir} is ${holder}`);
    expect(seed.stderr).toContain(`Stop the server first (Ctrl-C in its terminal, or kill ${server.pid}), then run the seed again.`);
    expect(seed.stdout).not.toMatch(/Seeding/);

    const migrate = await runScript('db:migrate', [], dataDir);
    expect(migrate.code).toBe(1);
    expect(migrate.stderr).toContain(`Refused: The data folder ${dataDir} is ${holder}`);
    expect(migrate.stderr).toContain('The server applies pending migrations when it starts: restart it instead.');

    // The server still holds the folder, and serves on.
    expect(await readLock(dataDir)).toEqual(lock);
    const { units } = await post<{ units: { totalCount: number } }>(server.url, '{ units(first: 1) { totalCount } }');
    expect(units.totalCount).toBeGreaterThan(2);
    await stopServer(server);
    expect(await rowCounts(dataDir)).toEqual(before);
  });

  it('a server killed with kill -9 leaves its lock, and the next start takes it over', { timeout: 300_000 }, async () => {
    const dataDir = await dataFolder();
    const first = await serve(dataDir);
    await demoSnapshot(first.url);
    await killServer(first);
    expect(await readLock(dataDir)).toMatchObject({ pid: first.pid, command: 'server' });

    const second = await serve(dataDir);
    expect(await readLock(dataDir)).toMatchObject({ pid: second.pid, command: 'server', port: second.port });
    const { units } = await post<{ units: { totalCount: number } }>(second.url, '{ units(first: 1) { totalCount } }');
    expect(units.totalCount).toBeGreaterThan(0);
    await stopServer(second);
    expect(await exists(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });
});

describe('lockDataFolder', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const lockFile = (dataDir: string) => path.join(dataDir, LOCK_FILE_NAME);
  const writeLock = (dataDir: string, holder: Partial<DataFolderHolder>) =>
    writeFile(lockFile(dataDir), JSON.stringify({ command: 'server', startedAt: '2026-01-01T00:00:00.000Z', token: 'earlier', ...holder }));

  /** A pid that surely names no process: one that has just ended. */
  async function endedPid(): Promise<number> {
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => child.once('exit', resolve));
    return child.pid!;
  }

  it('takes a free folder, refuses a second taker with the holder’s pid and command, and frees it on release', async () => {
    const dataDir = await dataFolder();
    const lock = await lockDataFolder(dataDir, 'npm run seed');
    expect(await readLock(dataDir)).toMatchObject({ pid: process.pid, command: 'npm run seed' });
    const refusal = await lockDataFolder(dataDir, 'npm run snapshot').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DataFolderBusyError);
    expect((refusal as DataFolderBusyError).holder).toMatchObject({ pid: process.pid, command: 'npm run seed' });
    expect((refusal as Error).message).toContain(`The data folder ${dataDir} is in use by this process (pid ${process.pid}`);
    await lock.recordPort(4123);
    expect(await readLock(dataDir)).toMatchObject({ pid: process.pid, port: 4123 });
    await lock.release();
    expect(await exists(lockFile(dataDir))).toBe(false);
    await (await lockDataFolder(dataDir, 'npm run snapshot')).release();
  });

  it('takes over a lock whose process has ended', async () => {
    const dataDir = await dataFolder();
    await writeLock(dataDir, { pid: await endedPid(), port: 4000 });
    const lock = await lockDataFolder(dataDir, 'npm run db:migrate');
    expect(await readLock(dataDir)).toMatchObject({ pid: process.pid, command: 'npm run db:migrate' });
    await lock.release();
  });

  it('takes over a lock naming its own pid that it did not take (a container restarted after a crash)', async () => {
    const dataDir = await dataFolder();
    await writeLock(dataDir, { pid: process.pid });
    const lock = await lockDataFolder(dataDir, 'server');
    expect((await readLock(dataDir)).token).toBe(lock.holder.token);
    await lock.release();
  });

  it('takes over a lock file that holds no lock', async () => {
    const dataDir = await dataFolder();
    await writeFile(lockFile(dataDir), 'not a lock');
    await (await lockDataFolder(dataDir, 'server')).release();
  });

  it('counts a process it may not signal (EPERM: another user’s) as alive, and one that does not exist (ESRCH) as gone', async () => {
    const dataDir = await dataFolder();
    await writeLock(dataDir, { pid: 999_999, port: 4000 });
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => {
      throw Object.assign(new Error('kill EPERM'), { code: 'EPERM' });
    });
    await expect(lockDataFolder(dataDir, 'server')).rejects.toThrow(/in use by the chibo server \(pid 999999, serving http:\/\/localhost:4000\/graphql/);
    kill.mockImplementation(() => {
      throw Object.assign(new Error('kill ESRCH'), { code: 'ESRCH' });
    });
    await (await lockDataFolder(dataDir, 'server')).release();
  });

  it('lets exactly one of several processes that find the same stale lock at once take the folder', async () => {
    const dataDir = await dataFolder();
    await writeLock(dataDir, { pid: await endedPid() });
    const module = fileURLToPath(new URL('../src/db/data-folder-lock.ts', import.meta.url));
    // Each says whether it took the folder; a taker holds it until its stdin closes.
    const script = `const { lockDataFolder } = await import(${JSON.stringify(module)});
      try { await lockDataFolder(${JSON.stringify(dataDir)}, 'npm run seed'); console.log('taken'); process.stdin.resume(); }
      catch (error) { console.log(error.name); }`;
    const children = Array.from({ length: 4 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
      const answer = new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
      return { child, answer, exited: new Promise((resolve) => child.once('exit', resolve)) };
    });
    const answers = await Promise.all(children.map(({ answer }) => answer));
    for (const { child } of children) child.stdin.end();
    await Promise.all(children.map(({ exited }) => exited));
    expect(answers.filter((answer) => answer === 'taken')).toHaveLength(1);
    expect(answers.filter((answer) => answer === 'DataFolderBusyError')).toHaveLength(3);
    expect(await exists(lockFile(dataDir))).toBe(false);
  });

  it('is released when its process exits, even on an uncaught error', async () => {
    const dataDir = await dataFolder();
    const module = fileURLToPath(new URL('../src/db/data-folder-lock.ts', import.meta.url));
    const child = spawn(process.execPath, [
      '--import', 'tsx', '--input-type=module', '-e',
      `const { lockDataFolder } = await import(${JSON.stringify(module)}); await lockDataFolder(${JSON.stringify(dataDir)}, 'npm run seed'); throw new Error('boom');`,
    ], { stdio: 'ignore' });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(await exists(lockFile(dataDir))).toBe(false);
  });
});
