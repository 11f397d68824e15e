// Makes one term report of a unit from a snapshot, every format, through the project's own report
// code (what reportCreate and `npm run report` run), in a process of its own so that its peak
// memory is the report's. Prints the outcome as one JSON line.
import { rm } from 'node:fs/promises';
import { loadConfig } from '../../src/config.js';
import { useDatabase } from '../../src/db/client.js';
import { openConfiguredDatabase } from '../../src/db/database.js';
import { snapshotUnit, type SnapshotSource } from '../../src/features/analytics/analytics.service.js';
import { buildReport } from '../../src/features/reports/report-definitions.js';
import { reportFormats, writeReportFiles } from '../../src/features/reports/write-report-files.js';
import { REPORT_RESULT_MARK, type ReportResult } from './report-bench.js';

const [snapshotId, unitId, fromYear, toYear, folder] = process.argv.slice(2);
if (!snapshotId || !unitId || !fromYear || !toYear || !folder) throw new Error('usage: report-child.ts <snapshot id> <unit id> <from year> <to year> <folder>');

const database = await openConfiguredDatabase(loadConfig());
useDatabase(database);
try {
  const snapshot = await database.prisma.snapshot.findUniqueOrThrow({ where: { id: Number(snapshotId) } });
  const source: SnapshotSource = { snapshot, scopeUnitId: null };
  const started = performance.now();
  const unit = await snapshotUnit(source, Number(unitId), 'unitId');
  const report = await buildReport(
    source,
    { kind: 'TERM', unitId: unit.unitId, fromYear: Number(fromYear), toYear: Number(toYear), structureOn: null },
    { id: unit.unitId, code: unit.unitCode, name: unit.unitName },
  );
  const read = performance.now();
  const files = await writeReportFiles(report, reportFormats, folder);
  const written = performance.now();
  const result: ReportResult = {
    unitName: unit.unitName,
    fromYear: Number(fromYear),
    toYear: Number(toYear),
    readSeconds: (read - started) / 1000,
    writeSeconds: (written - read) / 1000,
    seconds: (written - started) / 1000,
    files: files.length,
    bytes: files.reduce((sum, file) => sum + file.sizeBytes, 0),
    byFormat: Object.fromEntries(reportFormats.map((format) => [format, files.filter((file) => file.format === format).length])),
    // resourceUsage() reports kilobytes: the most this process (store, DuckDB, charts, files) ever held.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  console.log(`${REPORT_RESULT_MARK}${JSON.stringify(result)}`);
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
} finally {
  await rm(folder, { recursive: true, force: true });
  await database.close();
}
