// Times a province's term report in every format in a child process (report-child.ts), with the
// peak memory of that process.
import os from 'node:os';
import path from 'node:path';
import { runForResult } from './processes.js';

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
  return runForResult<ReportResult>(
    'analytics/bench/report-child.ts',
    [String(options.snapshotId), String(options.unitId), String(options.fromYear), String(options.toYear), folder],
    { DATABASE_URL: options.databaseUrl, CHIBO_SNAPSHOT_DIR: options.snapshotDir },
    REPORT_RESULT_MARK,
    'the report',
  );
}
