// The report as a Word document on A4 in Times New Roman: a heading, the source line, the
// tables section by section with numbers written the Vietnamese way (1.234; 80,2%), and the
// charts as appendices (phụ lục) with captions.
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { neutraliseText } from './neutralise.js';
import type { ReportCell, ReportDocument, ReportTable } from './report-model.js';
import type { ChartImages } from './write-xlsx.js';

const FONT = 'Times New Roman';
/** A4 in twentieths of a point, and the text width between 2 cm margins. */
const A4 = { width: 11906, height: 16838, margin: 1134 };
const LANDSCAPE_TEXT_WIDTH = A4.height - 2 * A4.margin;
/** The largest chart on a landscape page, in points: the text width, and its height less a heading and a caption. */
const CHART_MAX_POINTS = { width: LANDSCAPE_TEXT_WIDTH / 20, height: (A4.width - 2 * A4.margin) / 20 - 90 };

const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A figure as the document prints it; an empty share prints a dash. */
export function printedValue(cell: ReportCell): string {
  if (cell.value === null) return '–';
  if (typeof cell.value === 'string') return neutraliseText(cell.value);
  switch (cell.format) {
    case 'count':
      return integer.format(cell.value);
    case 'percent':
      return `${oneDecimal.format(cell.value)}%`;
    default:
      return twoDecimals.format(cell.value);
  }
}

// Black: headings otherwise take the word processor's own heading colour (blue).
const run = (text: string, options: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text, font: FONT, color: '000000', size: options.size ?? 22, bold: options.bold ?? false, italics: options.italics ?? false });

/**
 * The columns' shares of the text width: the table's widths, each at least its heading's longest
 * word and its longest printed figure (a narrow "TT" column otherwise breaks its heading in two).
 */
export function columnWidths(table: ReportTable): number[] {
  const longestWord = (text: string) => Math.max(0, ...text.split(/\s+/u).map((word) => word.length));
  const chars = table.widths.map((width, column) =>
    Math.max(
      width,
      longestWord(neutraliseText(table.headings[column] ?? '')) + 4,
      ...table.rows.map((cells) => (cells[column] && cells[column].format !== 'text' ? printedValue(cells[column]).length + 2 : 0)),
    ),
  );
  const total = chars.reduce((sum, width) => sum + width, 0);
  return chars.map((width) => Math.round((width / total) * LANDSCAPE_TEXT_WIDTH));
}

function tableOf(table: ReportTable): Table {
  const widths = columnWidths(table);
  const cell = (text: string, column: number, options: { bold?: boolean; right?: boolean; keepNext?: boolean }) =>
    new TableCell({
      width: { size: widths[column] ?? 1000, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      // A little air above and below the figures: without it they touch the borders.
      margins: { top: 30, bottom: 30, left: 80, right: 80 },
      children: [new Paragraph({ keepNext: options.keepNext ?? false, alignment: options.right ? AlignmentType.RIGHT : options.bold ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(text, { bold: options.bold ?? false, size: 20 })] })],
    });
  return new Table({
    width: { size: LANDSCAPE_TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: table.headings.map((heading, column) => cell(neutraliseText(heading), column, { bold: true })) }),
      // The last row keeps with the source line under the table, which never starts a page alone.
      ...table.rows.map(
        (cells, index) =>
          new TableRow({ cantSplit: true, children: cells.map((value, column) => cell(printedValue(value), column, { right: value.format !== 'text', keepNext: index === table.rows.length - 1 })) }),
      ),
    ],
  });
}

export async function reportDocx(report: ReportDocument, images: ChartImages): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, children: [run(neutraliseText(report.title).toUpperCase(), { bold: true, size: 28 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(neutraliseText(report.source), { italics: true })] }),
  ];
  report.sections.forEach((section, index) => {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, spacing: { before: 240, after: 120 }, children: [run(`${index + 1}. ${neutraliseText(section.title)}`, { bold: true, size: 26 })] }));
    for (const table of section.tables) {
      body.push(new Paragraph({ keepNext: true, spacing: { before: 120, after: 60 }, children: [run(neutraliseText(table.title), { bold: true })] }));
      body.push(tableOf(table));
      body.push(new Paragraph({ spacing: { after: 120 }, children: [run(neutraliseText(report.source), { italics: true, size: 18 })] }));
    }
  });
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, spacing: { before: 240, after: 120 }, children: [run('Chỉ tiêu chưa có số liệu trong hệ thống', { bold: true, size: 26 })] }));
  for (const line of report.missing) body.push(new Paragraph({ bullet: { level: 0 }, children: [run(neutraliseText(line))] }));

  const appendix: Paragraph[] = [];
  let number = 0;
  for (const chart of report.sections.flatMap((section) => section.charts)) {
    const image = images.get(chart.key);
    if (!image) continue;
    number += 1;
    // The picture as large as the landscape page holds under its heading and above its caption
    // (docx sizes pictures in pixels at 96 dpi: 1 px = 0.75 pt).
    const widthPoints = Math.min(CHART_MAX_POINTS.width, (CHART_MAX_POINTS.height * image.width) / image.height);
    const width = Math.round(widthPoints / 0.75);
    const height = Math.round((image.height / image.width) * width);
    appendix.push(
      new Paragraph({ heading: HeadingLevel.HEADING_2, pageBreakBefore: number > 1, children: [run(`Phụ lục ${number}`, { bold: true, size: 24 })] }),
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: image.png, transformation: { width, height } })] }),
      new Paragraph({
        style: 'Caption',
        alignment: AlignmentType.CENTER,
        children: [run(`Hình ${number}. ${neutraliseText(chart.title)}`, { italics: true, size: 20 })],
      }),
      new Paragraph({ alignment: AlignmentType.CENTER, children: [run(neutraliseText(report.source), { italics: true, size: 18 })] }),
    );
  }

  const page = { size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE }, margin: { top: A4.margin, bottom: A4.margin, left: A4.margin, right: A4.margin } };
  const document = new Document({
    creator: 'chibo',
    title: report.title,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [
      { properties: { page }, children: body },
      ...(appendix.length ? [{ properties: { page }, children: appendix }] : []),
    ],
  });
  return Packer.toBuffer(document);
}
