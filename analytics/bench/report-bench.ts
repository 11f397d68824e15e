// Times a province's term report in every format in a child process (report-child.ts), with the
// peak memory of that process.
import os from 'node:os';
import path from 'node:path';
import { exited, startTypeScript } from './processes.js';

export const REPORT_RESULT_MARK = 'BENCH_REPORT_RESULT ';

export interface ReportResult {
  unitName: string;
  fromYear: number;
  toYear: number;
  /** Reading the figures through the measure engine. */
  readSeconds: number;
  /** Drawing the charts and writing every file. */
  writeSeconds: number;
  seconds: number;
  files: number;
  bytes: number;
  byFormat: Record<string, number>;
  peakRssBytes: number;
}

export async function timeReport(options: { databaseUrl: string; snapshotDir: string; snapshotId: number; unitId: number; fromYear: number; toYear: number }): Promise<ReportResult> {
  const folder = path.join(os.tmpdir(), `chibo-bench-report-${process.pid}`);
  const child = startTypeScript(
    'analytics/bench/report-child.ts',
    [String(options.snapshotId), String(options.unitId), String(options.fromYear), String(options.toYear), folder],
    { DATABASE_URL: options.databaseUrl, CHIBO_SNAPSHOT_DIR: options.snapshotDir },
    ['ignore', 'pipe', 'inherit'],
  );
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const code = await exited(child);
  const line = output.split('\n').find((text) => text.startsWith(REPORT_RESULT_MARK));
  if (code !== 0 || !line) throw new Error(`the report failed (exit ${code})${output ? `:\n${output}` : ''}`);
  return JSON.parse(line.slice(REPORT_RESULT_MARK.length)) as ReportResult;
}
