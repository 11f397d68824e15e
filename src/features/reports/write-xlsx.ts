// The report as an Excel workbook: a sheet a section, every figure a native number with a number
// format. A share is stored as the engine gives it (80.2, the same number as `measures` and the
// CSV) with the format 0.0"%" — the "%" is literal text, so the cell reads "80,2%" in a
// Vietnamese Excel without being scaled by 100. Headings are frozen, columns sized, pages set up
// for A4 landscape, rows as high as their wrapped text; each section's charts are pictures beside
// its tables on screen, and print from their own sheet, a page each.
import ExcelJS from 'exceljs';
import { neutraliseText } from './neutralise.js';
import type { CellFormat, ReportDocument, ReportSection } from './report-model.js';

export const NUMBER_FORMATS: Record<Exclude<CellFormat, 'text'>, string> = {
  count: '#,##0',
  percent: '0.0"%"',
  decimal: '#,##0.00',
};

const FONT = 'Times New Roman';
const thin = { style: 'thin' as const, color: { argb: 'FF808080' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** The chart pictures (PNG) by chart key, with their size in pixels. */
export type ChartImages = Map<string, { png: Buffer; width: number; height: number }>;

export async function reportXlsx(report: ReportDocument, images: ChartImages): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'chibo';
  workbook.title = report.title;
  workbook.created = report.snapshot.asOf;
  for (const section of report.sections) addSection(workbook, report, section, images);
  addCharts(workbook, report, images);
  addNotes(workbook, report);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Times New Roman 11 pt: a line is about 15 points high; a column `width` wide (in widths of the
 * default font's digit) holds about 1.2 × width of its characters, 1.05 × width in bold.
 */
const LINE_POINTS = 15;
const ROW_POINTS = 18;
/** The printable height of an A4 landscape page between the margins set below, in points. */
const PAGE_POINTS = 595 - 2 * 0.6 * 72 - 24;

/** How many lines a wrapped text takes in a column `width` characters wide (words are not split). */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(4, width - 1);
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/u).filter(Boolean)) {
    const length = word.length;
    if (used > 0 && used + 1 + length > room) {
      lines += 1 + Math.floor(length / room);
      used = length % room;
    } else used += (used > 0 ? 1 : 0) + length;
  }
  return lines;
}

/** A row high enough for its wrapped texts: LibreOffice and Excel do not grow a row on opening. */
const rowPoints = (texts: string[], widths: number[], bold: boolean) =>
  Math.max(ROW_POINTS, Math.max(...texts.map((text, column) => wrappedLines(text, (widths[column] ?? 8) * (bold ? 1.05 : 1.2)))) * LINE_POINTS + 4);

function addSection(workbook: ExcelJS.Workbook, report: ReportDocument, section: ReportSection, images: ChartImages): void {
  const sheet = workbook.addWorksheet(section.title.slice(0, 31), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: `&L${neutraliseText(report.title).replace(/&/gu, '&&')}&RTrang &P/&N` },
  });
  sheet.properties.defaultRowHeight = ROW_POINTS;
  const width = Math.max(...section.tables.map((table) => table.headings.length));
  const widths = Array.from({ length: width }, (_, column) => Math.max(...section.tables.map((table) => table.widths[column] ?? 0), 8));
  widths.forEach((columnWidth, column) => (sheet.getColumn(column + 1).width = columnWidth));
  const title = sheet.addRow([neutraliseText(report.title)]);
  title.font = { name: FONT, bold: true, size: 14 };
  title.height = 22;
  sheet.addRow([neutraliseText(report.source)]).font = { name: FONT, italic: true, size: 10 };
  sheet.addRow([]);
  let frozenAt = 0;
  for (const table of section.tables) {
    const titleRow = sheet.addRow([neutraliseText(table.title)]);
    titleRow.font = { name: FONT, bold: true, size: 12 };
    const headingTexts = table.headings.map(neutraliseText);
    const headings = sheet.addRow(headingTexts);
    if (frozenAt === 0) frozenAt = headings.number;
    headings.height = Math.max(30, rowPoints(headingTexts, widths, true));
    headings.eachCell((cell) => {
      cell.font = { name: FONT, bold: true, size: 11 };
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      cell.border = border;
    });
    for (const cells of table.rows) {
      const values = cells.map((cell) => (typeof cell.value === 'string' ? neutraliseText(cell.value) : cell.value));
      const row = sheet.addRow(values);
      row.height = rowPoints(values.map((value) => (typeof value === 'string' ? value : '')), widths, false);
      cells.forEach((cell, index) => {
        const target = row.getCell(index + 1);
        target.font = { name: FONT, size: 11 };
        target.border = border;
        if (cell.format === 'text') target.alignment = { wrapText: true, vertical: 'middle' };
        else {
          target.numFmt = NUMBER_FORMATS[cell.format];
          target.alignment = { horizontal: 'right', vertical: 'middle' };
        }
      });
    }
    sheet.addRow([]);
  }
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: frozenAt, topLeftCell: `B${frozenAt + 1}` }];
  sheet.pageSetup.printTitlesRow = `${frozenAt}:${frozenAt}`;

  // Charts beside the tables on screen, one under another; the printed page is the tables only
  // (the pictures would widen it and shrink the tables to fit): the charts print from the
  // "Biểu đồ" sheet.
  sheet.pageSetup.printArea = `A$1:${sheet.getColumn(width).letter}$${sheet.rowCount}`; // written as $A$1:$H$20
  let top = 3;
  for (const chart of section.charts) {
    const image = images.get(chart.key);
    if (!image) continue;
    // Pictures at half their pixel size: the PNG is drawn at twice the chart's size.
    const size = { width: image.width / 2, height: image.height / 2 };
    sheet.addImage(pictureId(workbook, chart.key, image), { tl: { col: width + 1, row: top }, ext: size });
    top += Math.ceil((size.height * 0.75) / ROW_POINTS) + 1;
  }
}

/** A chart's picture is stored in the workbook once, and shown on its section's sheet and on "Biểu đồ". */
const pictureIds = new WeakMap<ExcelJS.Workbook, Map<string, number>>();
function pictureId(workbook: ExcelJS.Workbook, key: string, image: { png: Buffer }): number {
  const ids = pictureIds.get(workbook) ?? new Map<string, number>();
  pictureIds.set(workbook, ids);
  if (!ids.has(key)) ids.set(key, workbook.addImage({ buffer: image.png as unknown as ExcelJS.Buffer, extension: 'png' }));
  return ids.get(key)!;
}

/** Every chart for print, a page each: its number and title, the picture (no taller than the page), the source. */
function addCharts(workbook: ExcelJS.Workbook, report: ReportDocument, images: ChartImages): void {
  const charts = report.sections.flatMap((section) => section.charts).filter((chart) => images.has(chart.key));
  if (charts.length === 0) return;
  const sheet = workbook.addWorksheet('Biểu đồ', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: `&L${neutraliseText(report.title).replace(/&/gu, '&&')}&RTrang &P/&N` },
  });
  sheet.properties.defaultRowHeight = ROW_POINTS;
  sheet.getColumn(1).width = 100;
  sheet.addRow([neutraliseText(report.title)]).font = { name: FONT, bold: true, size: 14 };
  sheet.addRow([neutraliseText(report.source)]).font = { name: FONT, italic: true, size: 10 };
  sheet.addRow([]);
  charts.forEach((chart, index) => {
    const image = images.get(chart.key)!;
    const title = sheet.addRow([`Hình ${index + 1}. ${neutraliseText(chart.title)}`]);
    title.font = { name: FONT, bold: true, size: 12 };
    // Half the pixel size, and at most what a landscape page holds under the title (in pixels at 96 dpi).
    const shrink = Math.min(1, ((PAGE_POINTS - 6 * ROW_POINTS) / 0.75) / (image.height / 2));
    const size = { width: (image.width / 2) * shrink, height: (image.height / 2) * shrink };
    const rows = Math.ceil((size.height * 0.75) / ROW_POINTS) + 1;
    sheet.addImage(pictureId(workbook, chart.key, image), { tl: { col: 0, row: title.number }, ext: size });
    for (let row = 0; row < rows; row++) sheet.addRow([]);
    const source = sheet.addRow([neutraliseText(report.source)]);
    source.font = { name: FONT, italic: true, size: 10 };
    if (index < charts.length - 1) source.addPageBreak();
  });
}

function addNotes(workbook: ExcelJS.Workbook, report: ReportDocument): void {
  const sheet = workbook.addWorksheet('Ghi chú', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  // As wide as a portrait page holds at full size, each row as high as its wrapped lines.
  const width = 75;
  sheet.getColumn(1).width = width;
  const lines = [
    report.title,
    report.source,
    `Đơn vị: ${report.unit.name} (mã ${report.unit.code})`,
    'Tỷ lệ (%) ghi bằng số phần trăm, một chữ số thập phân (80,2 là 80,2%); số nhiệm kỳ: số tồn (chi bộ, đảng viên) lấy cuối hoặc đầu nhiệm kỳ, số phát sinh cộng các năm, tỷ lệ tính lại trên tổng của nhiệm kỳ; số chi bộ, đảng viên theo kết quả xếp loại hoặc mức chất lượng sinh hoạt từng năm không cộng qua các năm (cột cả nhiệm kỳ để trống, xem tỷ lệ).',
    '',
    'Các chỉ tiêu trong biểu thống kê chưa có số liệu trong hệ thống:',
    ...report.missing.map((line) => `– ${line}`),
  ];
  lines.forEach((line, index) => {
    const row = sheet.addRow([neutraliseText(line)]);
    row.font = { name: FONT, size: 11, bold: index === 0 };
    row.alignment = { wrapText: true, vertical: 'top' };
    row.height = rowPoints([line], [width], index === 0);
  });
}
