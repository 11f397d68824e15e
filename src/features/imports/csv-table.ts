// Reads a CSV a person exported from a spreadsheet: UTF-8 with or without BOM, comma, semicolon
// or tab separated, headers in Vietnamese or in the API's English names.
import { parse } from 'csv-parse/sync';
import { ValidationError } from '../../errors.js';
import { foldForSearch, normalizeText } from '../../text/vietnamese.js';

export interface CsvColumn<Key extends string = string> {
  key: Key;
  /** Header spellings accepted besides `key`, e.g. "Họ và tên". Compared with diacritics folded. */
  headers: readonly string[];
  required: boolean;
}

export interface CsvRow<Key extends string = string> {
  /** The line number a spreadsheet shows: the header is line 1. */
  line: number;
  values: Partial<Record<Key, string>>;
}

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** A district's members or a year of a commune's meetings fit; a province imports by unit. */
export const MAX_IMPORT_ROWS = 20_000;

/** Excel writes ";" where the decimal mark is ","; the header line tells which one a file uses. */
function headerDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((delimiter) => [delimiter, header.split(delimiter).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

const headerKey = (header: string) => foldForSearch(header).replace(/[^a-z0-9]/g, '');

export function readCsv<Key extends string>(text: string, columns: readonly CsvColumn<Key>[], field = 'input.file'): CsvRow<Key>[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: headerDelimiter(text),
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw ValidationError.of(field, `is not a readable CSV file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [header, ...data] = records;
  if (!header) throw ValidationError.of(field, 'is empty: the first line must name the columns');
  if (data.length === 0) throw ValidationError.of(field, 'has a header line but no rows');
  if (data.length > MAX_IMPORT_ROWS) throw ValidationError.of(field, `has ${data.length} rows; at most ${MAX_IMPORT_ROWS} in one file`);

  const byHeader = new Map<string, CsvColumn<Key>>();
  for (const column of columns) for (const name of [column.key, ...column.headers]) byHeader.set(headerKey(name), column);
  const positions: { index: number; column: CsvColumn<Key> }[] = [];
  const unknown: string[] = [];
  header.record.forEach((name, index) => {
    const column = byHeader.get(headerKey(name));
    if (column) positions.push({ index, column });
    else if (name.trim() !== '') unknown.push(name.trim());
  });
  const missing = columns.filter((c) => c.required && !positions.some((p) => p.column.key === c.key));
  if (missing.length > 0 || unknown.length > 0) {
    throw new ValidationError([
      ...missing.map((c) => ({ field, message: `has no column "${c.headers[0] ?? c.key}" (${c.key})` })),
      ...unknown.map((name) => ({
        field,
        message: `has a column "${name}" that is not one of: ${columns.map((c) => c.headers[0] ?? c.key).join(', ')}`,
      })),
    ]);
  }

  return data.map(({ record, info }) => {
    const values: Partial<Record<Key, string>> = {};
    for (const { index, column } of positions) {
      const value = normalizeText(record[index] ?? '');
      if (value !== '') values[column.key] = value;
    }
    return { line: info.lines, values };
  });
}

/** The header a person would recognise for a column key (its first Vietnamese spelling). */
export function columnLabel(columns: readonly CsvColumn[], key: string): string {
  return columns.find((c) => c.key === key)?.headers[0] ?? key;
}
