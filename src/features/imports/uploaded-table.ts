// Turns an uploaded file into a table of text cells, whatever a clerk's Excel saved it as: an
// .xlsx workbook, or a CSV in UTF-8 (with or without BOM) or UTF-16 "Unicode text" (tab
// separated). Every import reads its file here; the first row holds the headings.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ValidationError } from '../../errors.js';
import { message, type Message } from '../../text/messages.js';

export interface TableRow {
  /** The row number a spreadsheet shows: the headings are row 1. */
  line: number;
  cells: string[];
}

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** A district's members or a year of a commune's meetings fit; a province imports by unit. */
export const MAX_IMPORT_ROWS = 20_000;

/** Sheets of a template that hold no rows to import. */
export const INSTRUCTIONS_SHEET = 'Hướng dẫn';
export const LISTS_SHEET = 'Danh mục';

const FILE_FIELD = 'input.file';
const refuse = (problem: Message) => ValidationError.of(FILE_FIELD, problem);

/** The rows of an uploaded file, headings first; refuses (in Vietnamese) what it cannot read. */
export async function readUploadedTable(file: File): Promise<TableRow[]> {
  if (file.size > MAX_IMPORT_BYTES) {
    throw refuse(message('FILE_TOO_BIG', { mb: Math.ceil(file.size / 1024 / 1024), max: MAX_IMPORT_BYTES / 1024 / 1024 }));
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const rows = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) ? await workbookRows(bytes) : csvRows(decodeCsv(bytes));
  const [headings, ...data] = rows;
  if (!headings) throw refuse(message('FILE_NO_HEADINGS'));
  if (data.length === 0) throw refuse(message('FILE_NO_ROWS'));
  if (data.length > MAX_IMPORT_ROWS) throw refuse(message('FILE_TOO_MANY_ROWS', { rows: data.length, max: MAX_IMPORT_ROWS }));
  return rows;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/**
 * The text of a CSV. UTF-16 is known by its BOM or, without one, by the NUL bytes its ASCII
 * characters leave on one side; anything that is not valid UTF-8 either (Windows-1258, TCVN3)
 * is refused, since guessing a legacy code page would put wrong letters in people's names.
 */
export function decodeCsv(bytes: Uint8Array): string {
  if (startsWith(bytes, [0x50, 0x4b]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw refuse(message('FILE_OLD_EXCEL'));
  }
  const encoding = startsWith(bytes, [0xff, 0xfe])
    ? 'utf-16le'
    : startsWith(bytes, [0xfe, 0xff])
      ? 'utf-16be'
      : utf16WithoutBom(bytes);
  let text: string;
  try {
    text = new TextDecoder(encoding ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refuse(message('FILE_ENCODING', { encoding: encoding ? encoding.toUpperCase() : '' }));
  }
  if (text.includes('\u0000')) throw refuse(message('FILE_NUL'));
  return text.replace(/^\uFEFF/, '');
}

/** UTF-16 without a BOM: in its first characters, most bytes on one side of each pair are NUL. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.min(Math.floor(bytes.length / 2), 512);
  if (pairs === 0) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let index = 0; index < pairs * 2; index += 2) {
    if (bytes[index] === 0) evenNuls++;
    if (bytes[index + 1] === 0) oddNuls++;
  }
  if (oddNuls > pairs / 2 && evenNuls < pairs / 10) return 'utf-16le';
  if (evenNuls > pairs / 2 && oddNuls < pairs / 10) return 'utf-16be';
  return undefined;
}

/** Excel writes ";" where the decimal mark is "," and tabs in "Unicode text"; the heading line tells which. */
function headingDelimiter(text: string): string {
  const headings = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((delimiter) => [delimiter, headings.split(delimiter).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

function csvRows(text: string): TableRow[] {
  try {
    const records = parse(text, {
      delimiter: headingDelimiter(text),
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ line: info.lines, cells: record }));
  } catch (error) {
    throw refuse(message('FILE_BAD_CSV', { reason: error instanceof Error ? error.message : String(error) }));
  }
}

async function workbookRows(bytes: Uint8Array): Promise<TableRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // A template's drop-downs cover every row it may hold; reading them would only cost time.
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, {
      ignoreNodes: ['dataValidations', 'conditionalFormatting'],
    });
  } catch (error) {
    throw refuse(message('FILE_BAD_XLSX', { reason: error instanceof Error ? error.message : String(error) }));
  }
  // The rows are on the first visible sheet that is not a template's instructions or lists.
  const sheet = workbook.worksheets.find(
    (candidate) => candidate.state === 'visible' && candidate.name !== INSTRUCTIONS_SHEET && candidate.name !== LISTS_SHEET,
  );
  if (!sheet) throw refuse(message('FILE_NO_SHEET'));
  if (sheet.actualRowCount > MAX_IMPORT_ROWS + 1) {
    throw refuse(message('FILE_TOO_MANY_ROWS', { rows: sheet.actualRowCount - 1, max: MAX_IMPORT_ROWS }));
  }
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    const filled = Array.from(cells, (cell) => cell ?? '');
    if (filled.some((cell) => cell.trim() !== '')) rows.push({ line, cells: filled });
  });
  return rows;
}

const twoDigits = (value: number) => String(value).padStart(2, '0');

/**
 * A cell as the text a clerk would have typed: a real Excel date as dd/mm/yyyy, a time of day
 * (a date on Excel's day zero, 30/12/1899) as HH:MM, a number as written, yes/no as có/không.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
  if (typeof value === 'boolean') return value ? 'có' : 'không';
  if (value instanceof Date) {
    // Excel keeps instants as fractions of a day; round off the float's last milliseconds.
    const date = new Date(Math.round(value.getTime() / 60_000) * 60_000);
    if (date.getUTCFullYear() < 1900) return `${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())}`;
    return `${twoDigits(date.getUTCDate())}/${twoDigits(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
  }
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  if ('error' in value) return value.error;
  return '';
}
