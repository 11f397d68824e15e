// Writes a report's files into a folder: the workbook, the Word document, a CSV a table and each
// chart as SVG and PNG, as asked. File names on disk are plain ASCII; each file also carries
// the Vietnamese name it is offered under for download.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ValidationError } from '../../errors.js';
import { message } from '../../text/messages.js';
import { chartHeight, chartSvg, CHART_WIDTH, svgToPng } from './render-charts.js';
import type { ReportDocument } from './report-model.js';
import { tableCsv } from './write-csv.js';
import { reportDocx } from './write-docx.js';
import { reportXlsx, type ChartImages } from './write-xlsx.js';

export const reportFormats = ['xlsx', 'docx', 'csv', 'svg', 'png'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export const contentTypes: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
};

export interface ReportFile {
  /** The name in the report's folder (ASCII). */
  file: string;
  /** The Vietnamese name a download is offered under. */
  title: string;
  format: ReportFormat;
  sizeBytes: number;
}

/** The formats of a list such as "xlsx,docx"; an unknown one is a ValidationError on `field`. */
export function parseFormats(values: readonly string[], field: string): ReportFormat[] {
  const wanted = values.flatMap((value) => value.split(',')).map((value) => value.trim().toLowerCase()).filter(Boolean);
  const unknown = wanted.filter((value) => !(reportFormats as readonly string[]).includes(value));
  if (unknown.length > 0 || wanted.length === 0) {
    throw ValidationError.of(field, message('REPORT_FORMATS', { unknown: unknown.join(', '), allowed: reportFormats.join(', ') }));
  }
  return [...new Set(wanted)] as ReportFormat[];
}

/** A Vietnamese file name without the characters file systems refuse. */
const safeTitle = (title: string) => title.replace(/[\\/:*?"<>|\u0000-\u001f]/gu, ' ').replace(/\s+/gu, ' ').trim();

/** Writes the files asked for; `progress` hears each file written (done, total). */
export async function writeReportFiles(
  report: ReportDocument,
  formats: readonly ReportFormat[],
  folder: string,
  progress: (done: number, total: number) => void = () => {},
): Promise<ReportFile[]> {
  await mkdir(folder, { recursive: true });
  const charts = report.sections.flatMap((section) => section.charts);
  const tables = report.sections.flatMap((section) => section.tables);
  const total =
    (formats.includes('xlsx') ? 1 : 0) + (formats.includes('docx') ? 1 : 0) + (formats.includes('csv') ? tables.length : 0) +
    (formats.includes('svg') ? charts.length : 0) + (formats.includes('png') ? charts.length : 0);
  const files: ReportFile[] = [];
  const put = async (file: string, title: string, format: ReportFormat, content: string | Buffer) => {
    await writeFile(path.join(folder, file), content);
    files.push({ file, title: safeTitle(title), format, sizeBytes: Buffer.byteLength(content) });
    progress(files.length, total);
  };

  const svgs = new Map(charts.map((chart) => [chart.key, { svg: chartSvg(chart), height: chartHeight(chart) }]));
  const images: ChartImages = new Map();
  if (formats.some((format) => format !== 'csv')) {
    for (const chart of charts) {
      const { svg, height } = svgs.get(chart.key)!;
      images.set(chart.key, { png: svgToPng(svg), width: CHART_WIDTH * 2, height: height * 2 });
    }
  }
  if (formats.includes('xlsx')) await put('bao-cao.xlsx', `${report.title}.xlsx`, 'xlsx', await reportXlsx(report, images));
  if (formats.includes('docx')) await put('bao-cao.docx', `${report.title}.docx`, 'docx', await reportDocx(report, images));
  if (formats.includes('csv')) {
    for (const table of tables) await put(`bang-${table.key}.csv`, `${table.title}.csv`, 'csv', tableCsv(report, table));
  }
  for (const chart of charts) {
    if (formats.includes('svg')) await put(`bieu-do-${chart.key}.svg`, `${chart.title}.svg`, 'svg', svgs.get(chart.key)!.svg);
    if (formats.includes('png')) await put(`bieu-do-${chart.key}.png`, `${chart.title}.png`, 'png', images.get(chart.key)!.png);
  }
  return files;
}
