// Snapshots on a schedule: a build at each time the cron expression names (in Vietnam's time, as
// the people who set it read clocks), then the unkept READY snapshots beyond the newest
// `retention` deleted. Several servers sharing one store may all run the schedule: a time's
// snapshot carries the time in its label, so a server that finds it already made (or another
// build running) leaves it; only a build that ends READY prunes, so a failed night never
// deletes the last good snapshot. The clock is a parameter so that tests drive the nights.
import { Cron } from 'croner';
import { storeContext } from '../../access/viewer-store.js';
import type { SnapshotScheduleConfig } from '../../config.js';
import { database } from '../../db/client.js';
import { ConflictError } from '../../errors.js';
import { createSnapshot, deleteSnapshot, whenBuilt } from './snapshots.service.js';

export const SCHEDULE_TIMEZONE = 'Asia/Ho_Chi_Minh';

/** Time as the schedule sees it: the system's, or one a test moves. */
export interface Clock {
  now(): Date;
  /** Resolves once `until` has come, or at once when the signal aborts. */
  sleepUntil(until: Date, signal: AbortSignal): Promise<void>;
}

/** setTimeout takes at most 2^31 − 1 ms; a longer wait is taken in steps. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => new Date(),
  sleepUntil: (until, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', wake);
        resolve();
      }, Math.min(LONGEST_TIMER_MS, Math.max(0, until.getTime() - Date.now())));
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      signal.addEventListener('abort', wake, { once: true });
    }),
};

/** The cron expression, checked; a wrong one names the setting and what is wrong. */
export function parseSchedule(pattern: string): Cron {
  try {
    return new Cron(pattern, { timezone: SCHEDULE_TIMEZONE, paused: true });
  } catch (error) {
    throw new Error(`CHIBO_SNAPSHOT_SCHEDULE "${pattern}" is not a cron expression: ${error instanceof Error ? error.message : error}`);
  }
}

/** The label of the snapshot of a scheduled time, e.g. "Tự động 02:00 02/12/2026". */
export function scheduledLabel(time: Date): string {
  const parts = new Intl.DateTimeFormat('vi-VN', {
    timeZone: SCHEDULE_TIMEZONE,
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(time);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `Tự động ${part('hour')}:${part('minute')} ${part('day')}/${part('month')}/${part('year')}`;
}

export type ScheduledOutcome =
  | { kind: 'built'; snapshotId: number; status: string; pruned: number[] }
  | { kind: 'skipped'; reason: string };

/** Builds the snapshot of one scheduled time (once across servers), then prunes if it is READY. */
export async function runScheduledSnapshot(time: Date, retention: number): Promise<ScheduledOutcome> {
  const system = storeContext(database(), null);
  const label = scheduledLabel(time);
  if (await system.db.snapshot.findFirst({ where: { label }, select: { id: true } })) {
    return { kind: 'skipped', reason: `"${label}" was made by another server` };
  }
  let snapshotId: number;
  try {
    snapshotId = (await createSnapshot({ ctx: system, input: { label }, query: { select: { id: true } } })).id;
  } catch (error) {
    if (error instanceof ConflictError) return { kind: 'skipped', reason: error.message };
    throw error;
  }
  await whenBuilt(snapshotId);
  const { status } = await system.db.snapshot.findUniqueOrThrow({ where: { id: snapshotId }, select: { status: true } });
  return { kind: 'built', snapshotId, status, pruned: status === 'READY' ? await pruneSnapshots(retention) : [] };
}

/** Deletes the unkept READY snapshots beyond the newest `retention`; the ids deleted. */
export async function pruneSnapshots(retention: number): Promise<number[]> {
  const system = storeContext(database(), null);
  const old = await system.db.snapshot.findMany({
    where: { status: 'READY', keep: false },
    orderBy: [{ asOf: 'desc' }, { id: 'desc' }],
    skip: retention,
    select: { id: true },
  });
  for (const { id } of old) await deleteSnapshot({ ctx: system, id, query: {} });
  return old.map(({ id }) => id);
}

export interface RunningSchedule {
  /** Stops waiting for the next time; resolves once a build under way has finished. */
  stop(): Promise<void>;
}

/** Runs the schedule until stopped: each time it names, one scheduled snapshot. */
export function startSnapshotSchedule(
  config: SnapshotScheduleConfig,
  { clock = systemClock, onOutcome = logOutcome }: { clock?: Clock; onOutcome?: (time: Date, outcome: ScheduledOutcome) => void } = {},
): RunningSchedule {
  const cron = parseSchedule(config.pattern);
  const stopping = new AbortController();
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      const next = cron.nextRun(clock.now());
      if (!next) return; // an expression with no time left
      await clock.sleepUntil(next, stopping.signal);
      if (stopping.signal.aborted) return;
      // A long timer may wake early: only a time that has come is run.
      if (clock.now() < next) continue;
      try {
        onOutcome(next, await runScheduledSnapshot(next, config.retention));
      } catch (error) {
        console.error(`The scheduled snapshot of ${scheduledLabel(next)} failed: ${error instanceof Error ? error.message : error}`);
      }
    }
  })();
  return {
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}

function logOutcome(time: Date, outcome: ScheduledOutcome): void {
  if (outcome.kind === 'skipped') console.log(`Scheduled snapshot of ${scheduledLabel(time)} left to another: ${outcome.reason}.`);
  else {
    const pruned = outcome.pruned.length > 0 ? `; deleted the older snapshots ${outcome.pruned.join(', ')}` : '';
    console.log(`Scheduled snapshot ${outcome.snapshotId} ("${scheduledLabel(time)}") is ${outcome.status}${pruned}.`);
  }
}
