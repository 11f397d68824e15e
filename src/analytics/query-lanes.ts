// Two lanes for the queries on snapshots, so a cheap question never waits behind expensive ones:
// a commune's table takes tens of milliseconds, a province's trend hundreds, and both hold a
// thread of libuv's pool while DuckDB runs them. Each lane runs a fixed number of queries at
// once and keeps a bounded line of waiting ones; past that a query is refused at once with
// TOO_BUSY (HTTP 503 and Retry-After) instead of waiting without end. The lane of a query is the
// lane of the request it serves (chosen by src/http/analytics-serving.ts from the size of the
// units asked about), carried through the request's async calls.
import { AsyncLocalStorage } from 'node:async_hooks';
import { GraphQLError } from 'graphql';
import pLimit, { type LimitFunction } from 'p-limit';
import { loadServingConfig, type QueryLaneConfig } from '../config.js';

export type LaneName = 'slow' | 'fast';

interface Lane {
  limit: LimitFunction;
  maxWaiting: number;
}

const laneOfRequest = new AsyncLocalStorage<LaneName>();
let lanes: Record<LaneName, Lane> | undefined;
let configured: QueryLaneConfig | undefined;

/** Sets the lanes' sizes (at start-up; the tests' apps use the defaults). */
export function configureQueryLanes(config: QueryLaneConfig): void {
  configured = config;
  lanes = {
    slow: { limit: pLimit(config.slowQueries), maxWaiting: config.slowQueue },
    fast: { limit: pLimit(config.fastQueries), maxWaiting: config.fastQueue },
  };
}

/** The lanes' sizes: as configured at start-up, or from the environment. */
export function queryLaneConfig(): QueryLaneConfig {
  if (!configured) configureQueryLanes(loadServingConfig().lanes);
  return configured!;
}

/** Runs `work` (a request's execution) with its snapshot queries in `lane`. */
export function runInLane<T>(lane: LaneName, work: () => T): T {
  return laneOfRequest.run(lane, work);
}

export class TooBusyError extends GraphQLError {
  constructor(lane: LaneName) {
    super(
      lane === 'slow'
        ? 'The server is busy with other large reports (figures of a whole province or district) and cannot take another one now. Try again in a few seconds; figures of smaller units are still answered meanwhile.'
        : 'The server is busy with many reports at once and cannot take another one now. Try again in a few seconds.',
      { extensions: { code: 'TOO_BUSY', lane, http: { status: 503, headers: { 'Retry-After': RETRY_AFTER_SECONDS } } } },
    );
  }
}

const RETRY_AFTER_SECONDS = '5';

function laneNamed(name: LaneName): Lane {
  if (!lanes) queryLaneConfig();
  return lanes![name];
}

/** Whether a request for `lane` would be refused now: its line of waiting queries is full. */
export function laneIsFull(name: LaneName): boolean {
  const lane = laneNamed(name);
  return lane.limit.activeCount >= lane.limit.concurrency && lane.limit.pendingCount >= lane.maxWaiting;
}

/**
 * Runs one query on a snapshot in the lane of the request it serves (the fast lane for work
 * outside a request: the server's own reads). TooBusyError when that lane's line is full.
 */
export function inQueryLane<T>(work: () => Promise<T>): Promise<T> {
  const name = laneOfRequest.getStore() ?? 'fast';
  if (laneIsFull(name)) return Promise.reject(new TooBusyError(name));
  return laneNamed(name).limit(work);
}
