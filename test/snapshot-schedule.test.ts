// Snapshots on a schedule, with a clock the test moves: nothing before the time, one snapshot at
// each time (labelled with it, once across servers), the unkept READY snapshots beyond the
// retention deleted after each READY build, kept ones never.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSnapshotScheduleConfig } from '../src/config.js';
import {
  parseSchedule,
  runScheduledSnapshot,
  scheduledLabel,
  startSnapshotSchedule,
  type Clock,
  type ScheduledOutcome,
} from '../src/features/snapshots/snapshot-schedule.js';
import { globalId } from '../src/graphql/ids.js';
import { graphql } from './generated/index.js';
import { run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { publishSnapshot } from './support/snapshots.js';
import { createTree } from './support/factories.js';
import { wholeStore } from './support/store.js';

useFreshDatabase();
let snapshotDir: string;

const KeepSnapshot = graphql(`
  mutation ScheduleKeep($id: ID!) { snapshotKeep(input: { id: $id, keep: true }) { __typename } }
`);

/** A clock that stands still until the test moves it; sleepers wake when their time has come. */
function testClock(start: Date) {
  let now = start;
  const sleepers = new Set<{ until: Date; wake: () => void }>();
  const clock: Clock = {
    now: () => now,
    sleepUntil: (until, signal) =>
      new Promise<void>((resolve) => {
        if (until <= now || signal.aborted) return resolve();
        const sleeper = { until, wake: resolve };
        sleepers.add(sleeper);
        signal.addEventListener('abort', () => (sleepers.delete(sleeper), resolve()), { once: true });
      }),
  };
  return {
    clock,
    moveTo(time: Date) {
      now = time;
      for (const sleeper of [...sleepers]) {
        if (sleeper.until <= now) {
          sleepers.delete(sleeper);
          sleeper.wake();
        }
      }
    },
    /** When the schedule waits for. */
    waitingFor: () => [...sleepers].map((s) => s.until.toISOString()),
  };
}

async function snapshots() {
  return wholeStore().snapshot.findMany({ orderBy: { id: 'asc' }, select: { id: true, label: true, status: true, keep: true } });
}

beforeAll(async () => {
  snapshotDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-schedule-'));
  process.env.CHIBO_SNAPSHOT_DIR = snapshotDir;
  await createTree();
});
afterAll(async () => {
  await rm(snapshotDir, { recursive: true, force: true });
});

describe('snapshots on a schedule', () => {
  it('reads its settings and refuses an expression that is not cron, naming the setting', () => {
    expect(loadSnapshotScheduleConfig({})).toBeUndefined();
    expect(loadSnapshotScheduleConfig({ CHIBO_SNAPSHOT_SCHEDULE: '0 2 * * *' })).toEqual({ pattern: '0 2 * * *', retention: 14 });
    expect(loadSnapshotScheduleConfig({ CHIBO_SNAPSHOT_SCHEDULE: '0 2 * * *', CHIBO_SNAPSHOT_RETENTION: '3' })?.retention).toBe(3);
    expect(() => loadSnapshotScheduleConfig({ CHIBO_SNAPSHOT_SCHEDULE: '0 2 * * *', CHIBO_SNAPSHOT_RETENTION: '0' })).toThrow(/CHIBO_SNAPSHOT_RETENTION must be a whole number of 1 or more/);
    expect(() => parseSchedule('every night')).toThrow(/^CHIBO_SNAPSHOT_SCHEDULE "every night" is not a cron expression/);
    // Vietnam's time: 02:00 there is 19:00 UTC the day before.
    expect(parseSchedule('0 2 * * *').nextRun(new Date('2026-12-01T10:00:00Z'))?.toISOString()).toBe('2026-12-01T19:00:00.000Z');
    expect(scheduledLabel(new Date('2026-12-01T19:00:00Z'))).toBe('Tự động 02:00 02/12/2026');
  });

  it('builds at each time, once, and leaves the newest unkept snapshots as the retention says', async () => {
    const kept = await publishSnapshot('Số liệu đại hội');
    await run(KeepSnapshot, { id: globalId('Snapshot', kept) });
    const manual = await publishSnapshot('Bản tay');
    const time = testClock(new Date('2026-12-01T10:00:00Z')); // 17:00 in Vietnam
    const outcomes: ScheduledOutcome[] = [];
    let arrived: (() => void) | undefined;
    const nextOutcome = () => new Promise<void>((resolve) => (arrived = resolve));
    const schedule = startSnapshotSchedule(
      { pattern: '0 2 * * *', retention: 2 },
      { clock: time.clock, onOutcome: (_time, outcome) => (outcomes.push(outcome), arrived?.()) },
    );
    try {
      await expect.poll(time.waitingFor).toEqual(['2026-12-01T19:00:00.000Z']);
      // A minute before: nothing.
      time.moveTo(new Date('2026-12-01T18:59:00Z'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(outcomes).toEqual([]);
      expect((await snapshots()).map((s) => s.id)).toEqual([kept, manual]);

      const nights = ['2026-12-01T19:00:00Z', '2026-12-02T19:00:00Z', '2026-12-03T19:00:00Z'];
      const built: number[] = [];
      for (const night of nights) {
        const outcome = nextOutcome();
        time.moveTo(new Date(night));
        await outcome;
        const last = outcomes.at(-1);
        if (last?.kind !== 'built') throw new Error(`not built: ${JSON.stringify(last)}`);
        expect(last.status).toBe('READY');
        built.push(last.snapshotId);
      }
      // Night 1: three READY unkept (manual + 1)… only two are left after each READY build.
      expect(outcomes.map((o) => (o.kind === 'built' ? o.pruned : o.reason))).toEqual([[], [manual], [built[0]]]);
      const after = await snapshots();
      expect(after.map((s) => [s.label, s.status])).toEqual([
        ['Số liệu đại hội', 'READY'],
        ['Bản tay', 'DELETED'],
        ['Tự động 02:00 02/12/2026', 'DELETED'],
        ['Tự động 02:00 03/12/2026', 'READY'],
        ['Tự động 02:00 04/12/2026', 'READY'],
      ]);
      // The schedule now waits for the next night.
      await expect.poll(time.waitingFor).toEqual(['2026-12-04T19:00:00.000Z']);

      // Another server running the same schedule finds the night's snapshot made and leaves it.
      const again = await runScheduledSnapshot(new Date(nights[2] as string), 2);
      expect(again).toEqual({ kind: 'skipped', reason: '"Tự động 02:00 04/12/2026" was made by another server' });
      expect(await snapshots()).toHaveLength(5);
    } finally {
      await schedule.stop();
    }
    expect(time.waitingFor()).toEqual([]);
  });
});
