// Builds the snapshot the bench reads, in a child process (snapshot-build-child.ts), and
// reports its time, rows, file size and peak memory.
import { exited, startTypeScript } from './processes.js';

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
  const child = startTypeScript(
    'analytics/bench/snapshot-build-child.ts',
    [options.label],
    { DATABASE_URL: options.databaseUrl, CHIBO_SNAPSHOT_DIR: options.snapshotDir },
    ['ignore', 'pipe', 'inherit'],
  );
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const code = await exited(child);
  const line = output.split('\n').find((text) => text.startsWith(BUILD_RESULT_MARK));
  if (code !== 0 || !line) throw new Error(`the snapshot build failed (exit ${code})${output ? `:\n${output}` : ''}`);
  return JSON.parse(line.slice(BUILD_RESULT_MARK.length)) as BuildResult;
}
