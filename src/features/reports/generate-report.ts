// One report from a snapshot to files: the unit as the snapshot knows it (inside the viewer's
// scope, or not found), the report read through the measure engine, the files written.
import { NotFoundError } from '../../errors.js';
import { scopePredicate, snapshotRows, snapshotUnit, type SnapshotSource } from '../analytics/analytics.service.js';
import { buildReport, type ReportRequest } from './report-definitions.js';
import type { ReportDocument } from './report-model.js';
import { writeReportFiles, type ReportFile, type ReportFormat } from './write-report-files.js';

/** The id of the unit with this code in the snapshot, within the source's scope. */
export async function snapshotUnitIdByCode(source: SnapshotSource, code: string, field = 'unit'): Promise<number> {
  const scope = scopePredicate(source);
  const [row] = await snapshotRows(`SELECT id FROM "OrgUnit" u WHERE code = $code AND ${scope.sql}`, source.snapshot, { code, ...scope.params });
  if (!row) throw new NotFoundError('unit', field, code);
  return Number(row.id);
}

export interface GeneratedReport {
  report: ReportDocument;
  files: ReportFile[];
}

/** Reads the report and writes its files into `folder`; `progress` hears each file written. */
export async function generateReport(
  source: SnapshotSource,
  request: ReportRequest,
  formats: readonly ReportFormat[],
  folder: string,
  progress?: (done: number, total: number) => void,
): Promise<GeneratedReport> {
  const unit = await snapshotUnit(source, request.unitId, 'unitId');
  const report = await buildReport(source, request, { id: unit.unitId, code: unit.unitCode, name: unit.unitName });
  const files = await writeReportFiles(report, formats, folder, progress);
  return { report, files };
}
