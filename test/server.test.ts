// The server as a newcomer starts it: a real process, a real port, a real data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSigningKeys } from '../src/auth/signing-keys.js';
import { mintToken } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config.js';
import { DEMO_ADMIN_EMAIL } from '../src/seed/demo.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let dataDir: string;

interface Running {
  child: ChildProcess;
  url: string;
  output: string[];
}

async function startServer(): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: { ...process.env, CHIBO_DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 240_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /serving GraphQL at (http:\/\/localhost:\d+\/graphql)/.exec(output.join(''));
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output.join('')}`));
    });
  });
  return { child, url, output };
}

async function stop(running: Running): Promise<void> {
  const exited = new Promise((resolve) => running.child.once('exit', resolve));
  running.child.kill('SIGTERM');
  await exited;
}

/** The demo admin's token, as `npm run token` mints it (same secret: the test environment's). */
const demoAdmin = (async () => `Bearer ${await mintToken(await loadSigningKeys(loadConfig()), loadConfig(), DEMO_ADMIN_EMAIL, 1)}`)();

async function post(url: string, query: string, authorization: string | null = null) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: authorization ?? (await demoAdmin) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] } };
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-server-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('server', () => {
  it('starts on an empty data folder with the demo province, answers over HTTP, and keeps its data across restarts', async () => {
    const first = await startServer();
    let unitsSeen: unknown;
    try {
      const health = await fetch(first.url.replace('/graphql', '/health'));
      expect(health.status).toBe(200);
      // Without credentials only the health check answers.
      const anonymous = await fetch(first.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ roots { id } }' }) });
      expect(anonymous.status).toBe(401);
      const { status, body } = await post(first.url, '{ units(first: 1) { totalCount } roots { id name kind } }');
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const roots = body.data?.roots as { id: string; name: string; kind: string }[];
      expect(roots.length).toBeGreaterThan(0);
      expect(roots.every((r) => r.kind === 'PROVINCE')).toBe(true);
      unitsSeen = body.data?.units;

      // The demo's first snapshot builds in the background; then the dashboards answer.
      let snapshotStatus = 'BUILDING';
      for (let tries = 0; tries < 240 && snapshotStatus === 'BUILDING'; tries++) {
        const snapshots = await post(first.url, '{ snapshots(first: 1) { edges { node { status } } } }');
        snapshotStatus = (snapshots.body.data?.snapshots as { edges: { node: { status: string } }[] }).edges[0]?.node.status ?? 'BUILDING';
        if (snapshotStatus === 'BUILDING') await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(snapshotStatus).toBe('READY');
      const rootId = (body.data?.roots as { id?: string }[])[0]?.id;
      const figures = await post(first.url, `{ meetingAttendanceQuality(unitId: "${rootId}", year: 2024) { snapshot { label } total { meetings goodPercent } } }`);
      expect(figures.body.errors).toBeUndefined();
      expect(figures.body.data?.meetingAttendanceQuality).toMatchObject({ snapshot: { label: 'Dữ liệu mẫu' } });
      const total = (figures.body.data?.meetingAttendanceQuality as { total: { meetings: number } }).total;
      expect(total.meetings).toBeGreaterThan(0);
    } finally {
      await stop(first);
    }

    const second = await startServer();
    try {
      expect(second.output.join('')).not.toMatch(/Applied migrations|[Ss]eed/);
      const { body } = await post(second.url, '{ units(first: 1) { totalCount } }');
      expect(body.data?.units).toEqual(unitsSeen);
    } finally {
      await stop(second);
    }
  });
});
