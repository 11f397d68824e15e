// The server as a newcomer starts it: a real process, a real port, a real data folder.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSnapshots, post, startServer, stopServer } from './support/processes.js';

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-server-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('server', () => {
  it('starts on an empty data folder with the demo province, answers over HTTP, and keeps its data across restarts', { timeout: 300_000 }, async () => {
    const first = await startServer(dataDir);
    let unitsSeen: unknown;
    try {
      const health = await fetch(first.url.replace('/graphql', '/health'));
      expect(health.status).toBe(200);
      // Without credentials only the health check answers.
      const anonymous = await fetch(first.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ roots { id } }' }) });
      expect(anonymous.status).toBe(401);
      const data = await post<{ units: unknown; roots: { id: string; kind: string }[] }>(first.url, '{ units(first: 1) { totalCount } roots { id name kind } }');
      expect(data.roots.length).toBeGreaterThan(0);
      expect(data.roots.every((r) => r.kind === 'PROVINCE')).toBe(true);
      unitsSeen = data.units;

      // The demo's first snapshot builds in the background; then the dashboards answer.
      let snapshotStatus = 'BUILDING';
      for (let tries = 0; tries < 240 && snapshotStatus === 'BUILDING'; tries++) {
        snapshotStatus = (await listSnapshots(first.url))[0]?.status ?? 'BUILDING';
        if (snapshotStatus === 'BUILDING') await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(snapshotStatus).toBe('READY');
      const figures = await post<{ meetingAttendanceQuality: { snapshot: { label: string }; total: { meetings: number } } }>(
        first.url,
        `{ meetingAttendanceQuality(unitId: "${data.roots[0]!.id}", year: 2024) { snapshot { label } total { meetings goodPercent } } }`,
      );
      expect(figures.meetingAttendanceQuality.snapshot.label).toBe('Dữ liệu mẫu');
      expect(figures.meetingAttendanceQuality.total.meetings).toBeGreaterThan(0);
    } finally {
      await stopServer(first);
    }

    const second = await startServer(dataDir);
    try {
      expect(second.output.join('')).not.toMatch(/Applied migrations|[Ss]eed/);
      expect((await post(second.url, '{ units(first: 1) { totalCount } }')).units).toEqual(unitsSeen);
    } finally {
      await stopServer(second);
    }
  });
});
