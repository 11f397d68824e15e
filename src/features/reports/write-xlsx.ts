// The report as an Excel workbook: a sheet a section, every figure a native number with a number
// format. A share is stored as the engine gives it (80.2, the same number as `measures` and the
// CSV) with the format 0.0"%" — the "%" is literal text, so the cell reads "80,2%" in a
// Vietnamese Excel without being scaled by 100. Headings are frozen, columns sized, pages set up
// for A4 landscape, and each section's charts placed as pictures beside its tables.
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
  addNotes(workbook, report);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSection(workbook: ExcelJS.Workbook, report: ReportDocument, section: ReportSection, images: ChartImages): void {
  const sheet = workbook.addWorksheet(section.title.slice(0, 31), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: `&L${neutraliseText(report.title).replace(/&/gu, '&&')}&RTrang &P/&N` },
  });
  sheet.properties.defaultRowHeight = 18;
  const width = Math.max(...section.tables.map((table) => table.headings.length));
  const title = sheet.addRow([neutraliseText(report.title)]);
  title.font = { name: FONT, bold: true, size: 14 };
  sheet.addRow([neutraliseText(report.source)]).font = { name: FONT, italic: true, size: 10 };
  sheet.addRow([]);
  let frozenAt = 0;
  for (const table of section.tables) {
    const titleRow = sheet.addRow([neutraliseText(table.title)]);
    titleRow.font = { name: FONT, bold: true, size: 12 };
    const headings = sheet.addRow(table.headings.map(neutraliseText));
    if (frozenAt === 0) frozenAt = headings.number;
    headings.height = 48;
    headings.eachCell((cell) => {
      cell.font = { name: FONT, bold: true, size: 11 };
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      cell.border = border;
    });
    for (const cells of table.rows) {
      const row = sheet.addRow(cells.map((cell) => (typeof cell.value === 'string' ? neutraliseText(cell.value) : cell.value)));
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
  // Widest column of any table on the sheet.
  for (let column = 0; column < width; column++) {
    sheet.getColumn(column + 1).width = Math.max(...section.tables.map((table) => table.widths[column] ?? 0), 8);
  }
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: frozenAt, topLeftCell: `B${frozenAt + 1}` }];
  sheet.pageSetup.printTitlesRow = `${frozenAt}:${frozenAt}`;
  // Charts beside the tables: one column of gap, stacked one under another.
  let top = 3;
  for (const chart of section.charts) {
    const image = images.get(chart.key);
    if (!image) continue;
    const id = workbook.addImage({ buffer: image.png as unknown as ExcelJS.Buffer, extension: 'png' });
    // Pictures at half their pixel size: the PNG is drawn at twice the chart's size.
    const size = { width: image.width / 2, height: image.height / 2 };
    sheet.addImage(id, { tl: { col: width + 1, row: top }, ext: size });
    top += Math.ceil(size.height / 24) + 1;
  }
}

function addNotes(workbook: ExcelJS.Workbook, report: ReportDocument): void {
  const sheet = workbook.addWorksheet('Ghi chú', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.getColumn(1).width = 120;
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
    row.alignment = { wrapText: true };
  });
}
