// A table as CSV: UTF-8 with a byte-order mark so Excel reads Vietnamese, comma-separated,
// CRLF lines, numbers with a decimal point (a machine-readable figure, as the API gives it).
import type { ReportDocument, ReportTable } from './report-model.js';
import { neutraliseText } from './neutralise.js';

const BOM = '\uFEFF';

function field(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = neutraliseText(value);
  return /[",\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

/** The table with its title and source above the headings, as a person would save it. */
export function tableCsv(report: ReportDocument, table: ReportTable): string {
  const lines = [
    [table.title],
    [report.source],
    table.headings,
    ...table.rows.map((row) => row.map((cell) => cell.value)),
  ].map((cells) => cells.map(field).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}
