// Builds the snapshot the bench reads, in a child process (snapshot-build-child.ts), and
// reports its time, rows, file size and peak memory.
import { runForResult } from './processes.js';

export const BUILD_RESULT_MARK = 'BENCH_BUILD_RESULT ';

export interface BuildResult {
  snapshotId: number;
  /** The published DuckDB file. */
  file: string;
  asOf: string;
  seconds: number;
  rows: number;
  rowCounts: Record<string, number>;
  sizeBytes: number;
  peakRssBytes: number;
  /** Each phase the build reported (copy <table>, build <step>, …) and about how long it took. */
  phases: { phase: string; seconds: number }[];
}

export async function buildSnapshot(options: { databaseUrl: string; snapshotDir: string; label: string }): Promise<BuildResult> {
  return runForResult<BuildResult>(
    'analytics/bench/snapshot-build-child.ts',
    [options.label],
    { DATABASE_URL: options.databaseUrl, CHIBO_SNAPSHOT_DIR: options.snapshotDir },
    BUILD_RESULT_MARK,
    'the snapshot build',
  );
}
