// Files as clerks' spreadsheets save them: .xlsx workbooks with real dates and numbers, and
// CSV text in the encodings Excel writes.
import ExcelJS from 'exceljs';

export type Cell = string | number | Date | boolean | null;

/** An .xlsx of one sheet: the headings, then the rows (Date cells become real Excel dates). */
export async function xlsxFile(headings: string[], rows: Cell[][], name = 'import.xlsx'): Promise<File> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Dữ liệu');
  sheet.addRow(headings);
  for (const row of rows) sheet.addRow(row);
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
    }),
  );
  return new File([await workbook.xlsx.writeBuffer()], name);
}

export type CsvEncoding = 'utf-8' | 'utf-8 with BOM' | 'utf-16le' | 'utf-16be' | 'utf-16le without BOM';

/** The text's bytes as Excel saves them: "CSV UTF-8" (with a BOM) or "Unicode text" (UTF-16 with a BOM, LE on Windows). */
export function encodedFile(text: string, encoding: CsvEncoding, name = 'import.csv'): File {
  const utf16le = (body: string) => Buffer.from(body, 'utf16le');
  const bytes = {
    'utf-8': () => Buffer.from(text, 'utf8'),
    'utf-8 with BOM': () => Buffer.from('\uFEFF' + text, 'utf8'),
    'utf-16le': () => utf16le('\uFEFF' + text),
    'utf-16le without BOM': () => utf16le(text),
    'utf-16be': () => utf16le('\uFEFF' + text).swap16(),
  }[encoding]();
  return new File([new Uint8Array(bytes)], name);
}

/** Rows of cells as the text of a CSV with the given separator (cells quoted where needed). */
export function csvText(rows: Cell[][], separator: string): string {
  const cell = (value: Cell) => {
    const text = value instanceof Date ? `${String(value.getUTCDate()).padStart(2, '0')}/${String(value.getUTCMonth() + 1).padStart(2, '0')}/${value.getUTCFullYear()}` : String(value ?? '');
    return /["\r\n,;\t]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return rows.map((row) => row.map(cell).join(separator)).join('\r\n') + '\r\n';
}

/** The sheet named, or the first one, of an .xlsx, for tests that read what the server wrote. */
export async function readWorkbook(bytes: ArrayBuffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  return workbook;
}
