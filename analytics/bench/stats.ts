// Latency statistics of a benchmark: percentiles by linear interpolation between the two
// nearest ranks (the method of NumPy's default and of spreadsheets' PERCENTILE.INC).

export interface LatencySummary {
  samples: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
}

/** The p-th percentile (0–100) of the values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, got ${p}`);
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  const low = sorted[below] as number;
  const high = sorted[above] as number;
  return low + (high - low) * (rank - below);
}

export function summarise(milliseconds: readonly number[]): LatencySummary {
  return {
    samples: milliseconds.length,
    p50: percentile(milliseconds, 50),
    p95: percentile(milliseconds, 95),
    min: milliseconds.length ? Math.min(...milliseconds) : Number.NaN,
    max: milliseconds.length ? Math.max(...milliseconds) : Number.NaN,
  };
}

/** How many times `slow` takes `fast`; NaN when either is unknown. */
export function ratio(slow: number, fast: number): number {
  return fast > 0 && Number.isFinite(slow) ? slow / fast : Number.NaN;
}

/**
 * Times `work` `warmups + samples` times in a row and keeps the last `samples` durations in
 * milliseconds: the first runs fill caches (query plans, file pages, JIT) a dashboard that is
 * in use has warm. With a budget, sampling stops once the timed runs have taken that long and
 * at least `minSamples` are in (a query of seconds need not run a hundred times).
 */
export async function timeRepeatedly(
  work: () => Promise<unknown>,
  { warmups, samples, budgetMs = Infinity, minSamples = 1 }: { warmups: number; samples: number; budgetMs?: number; minSamples?: number },
): Promise<number[]> {
  for (let i = 0; i < warmups; i++) await work();
  const durations: number[] = [];
  let spent = 0;
  for (let i = 0; i < samples; i++) {
    if (spent >= budgetMs && durations.length >= minSamples) break;
    const started = performance.now();
    await work();
    const duration = performance.now() - started;
    durations.push(duration);
    spent += duration;
  }
  return durations;
}

/**
 * Times two ways of answering the same thing in alternation (a, b, a, b, …) after their
 * warm-ups, so that both see the same machine: on a shared machine the load changes from one
 * minute to the next, and timing one after the other would put that change into their ratio.
 */
export async function timeAlternately(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  { warmups, samples }: { warmups: number; samples: number },
): Promise<[number[], number[]]> {
  for (let i = 0; i < warmups; i++) {
    await a();
    await b();
  }
  const timesA: number[] = [];
  const timesB: number[] = [];
  for (let i = 0; i < samples; i++) {
    for (const [work, times] of [[a, timesA], [b, timesB]] as const) {
      const started = performance.now();
      await work();
      times.push(performance.now() - started);
    }
  }
  return [timesA, timesB];
}
