// Matches a file's headings to an import's columns: the template's Vietnamese heading, other
// spellings clerks use, or the API's English name, compared with diacritics folded.
import { ValidationError } from '../../errors.js';
import { message } from '../../text/messages.js';
import { foldForSearch, normalizeText } from '../../text/vietnamese.js';
import type { TableRow } from './uploaded-table.js';

/** How a template's column is formatted, so Excel keeps what a clerk types as the import reads it. */
export type ColumnFormat = 'text' | 'date' | 'time' | 'number';

export interface ImportColumn<Key extends string = string> {
  key: Key;
  /** The template's heading first, then other spellings accepted, e.g. "Họ tên". */
  headers: readonly string[];
  required: boolean;
  /** What the column holds, for the template's instructions sheet. */
  hint: string;
  /** The example row's value. */
  example: string | number | Date | null;
  format: ColumnFormat;
  /** The template's drop-down list: every value the column accepts, by its Vietnamese label. */
  choices?: readonly string[];
}

export interface ImportRow<Key extends string = string> {
  /** The row number a spreadsheet shows: the headings are row 1. */
  line: number;
  values: Partial<Record<Key, string>>;
}

const headingKey = (heading: string) => foldForSearch(heading).replace(/[^a-z0-9]/g, '');

/** The file's data rows, each cell under its column's key; empty cells are left out. */
export function readColumns<Key extends string>(rows: TableRow[], columns: readonly ImportColumn<Key>[], field = 'input.file'): ImportRow<Key>[] {
  const [headings, ...data] = rows;
  if (!headings) throw ValidationError.of(field, message('FILE_NO_HEADINGS'));
  const byHeading = new Map<string, ImportColumn<Key>>();
  for (const column of columns) for (const name of [column.key, ...column.headers]) byHeading.set(headingKey(name), column);
  const positions: { index: number; column: ImportColumn<Key> }[] = [];
  const unknown: string[] = [];
  headings.cells.forEach((name, index) => {
    const column = byHeading.get(headingKey(name));
    if (column) positions.push({ index, column });
    else if (name.trim() !== '') unknown.push(normalizeText(name));
  });
  const missing = columns.filter((c) => c.required && !positions.some((p) => p.column.key === c.key));
  if (missing.length > 0 || unknown.length > 0) {
    throw new ValidationError([
      ...missing.map((c) => ({ field, message: message('COLUMN_MISSING', { column: columnHeading(c) }) })),
      ...unknown.map((name) => ({
        field,
        message: message('COLUMN_UNKNOWN', { column: name, columns: columns.map(columnHeading).join(', ') }),
      })),
    ]);
  }
  return data.map(({ line, cells }) => {
    const values: Partial<Record<Key, string>> = {};
    for (const { index, column } of positions) {
      const value = normalizeText(cells[index] ?? '');
      if (value !== '') values[column.key] = value;
    }
    return { line, values };
  });
}

const columnHeading = (column: ImportColumn) => column.headers[0] ?? column.key;

/** The heading a person would recognise for a column key: the template's. */
export function columnLabel(columns: readonly ImportColumn[], key: string): string {
  const column = columns.find((c) => c.key === key);
  return column ? columnHeading(column) : key;
}
