// All-or-nothing imports: every row is checked inside the caller's transaction, each in a
// savepoint so one bad row does not hide the next; if any row fails, ImportRejectedError
// rolls the whole transaction back and carries every row's problems.
import type { Tx } from '../../db/write.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import type { OrgUnit } from '../../generated/prisma/client.js';
import { findUnit } from '../units/units.service.js';
import { cellOfRow } from './cell-of-row.js';
import { columnLabel, readCsv, type CsvColumn, type CsvRow } from './csv-table.js';
import { CellError } from './csv-values.js';
import { render } from '../../text/messages.js';

export interface RowIssue {
  /** Line number as the spreadsheet shows it (the header is line 1). */
  row: number;
  column: string;
  message: string;
}

export class ImportRejectedError extends Error {
  constructor(
    readonly rowCount: number,
    readonly issues: RowIssue[],
  ) {
    const rows = new Set(issues.map((issue) => issue.row)).size;
    super(`Nothing was imported: ${rows} of ${rowCount} rows have problems`);
    this.name = 'ImportRejectedError';
  }
}

/** Listing more problems than this helps nobody; the count in the message stays true. */
const MAX_LISTED_ISSUES = 1000;

export interface RowContext {
  tx: Tx;
  /** The row's cell: the one its "Mã chi bộ" names, or the file's unit if that is a cell. */
  cell: OrgUnit;
  /** Reads one cell of the row with a parser; a failure is recorded against its column and yields undefined. */
  read<T>(key: string, parse: (value: string) => T): T | undefined;
  /** As `read`, and an empty cell is a problem too. */
  required<T>(key: string, parse: (value: string) => T): T | undefined;
}

/**
 * Reads `text` as a file of `columns` for the unit `unitId` and runs `handle` for every row
 * inside `tx` (the caller's `write`). An error a service raises for a field such as
 * "input.birthDate" is reported against the column of that key. Returns the rows written.
 */
export async function importRows<Key extends string>(options: {
  tx: Tx;
  unitId: number;
  text: string;
  columns: readonly CsvColumn<Key>[];
  handle: (row: CsvRow<Key>, context: RowContext) => Promise<void>;
}): Promise<number> {
  const { tx, text, columns, handle } = options;
  const unit = await findUnit(tx, options.unitId, 'input.unitId');
  const rows = readCsv(text, columns);
  // Services know a cell by id; the file names it by code.
  const columnOf = (field: string) =>
    columnLabel(columns, (field === 'input.cellId' ? 'input.cellCode' : field).replace(/^input\./, ''));
  const cells = new Map<string, OrgUnit>();
  const issues: RowIssue[] = [];
  for (const row of rows) {
    const rowIssues: RowIssue[] = [];
    const values = row.values as Record<string, string | undefined>;
    const read: RowContext['read'] = (key, parse) => {
      const value = values[key];
      if (value === undefined) return undefined;
      try {
        return parse(value);
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        rowIssues.push({ row: row.line, column: columnOf(`input.${key}`), message: error.message });
        return undefined;
      }
    };
    const required: RowContext['required'] = (key, parse) => {
      if (values[key] !== undefined) return read(key, parse);
      rowIssues.push({ row: row.line, column: columnOf(`input.${key}`), message: 'is empty' });
      return undefined;
    };
    await tx.$executeRawUnsafe('SAVEPOINT import_row');
    try {
      const code = values.cellCode ?? '';
      const cell = cells.get(code) ?? (await cellOfRow(tx, unit, values.cellCode));
      cells.set(code, cell);
      await handle(row, { tx, cell, read, required });
      if (rowIssues.length > 0) throw new ValidationError([]);
      await tx.$executeRawUnsafe('RELEASE SAVEPOINT import_row');
    } catch (error) {
      await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT import_row');
      rowIssues.push(...issuesOf(error, row.line, columnOf));
    }
    issues.push(...rowIssues);
  }
  if (issues.length > 0) throw new ImportRejectedError(rows.length, issues.slice(0, MAX_LISTED_ISSUES));
  return rows.length;
}

/**
 * The same error with each field renamed, for a service whose input fields are not the
 * file's columns (a member id in the service is a name or card number in the file).
 */
export function renameFields(error: unknown, rename: (field: string) => string): unknown {
  if (error instanceof ValidationError) {
    return new ValidationError(error.issues.map((issue) => ({ ...issue, field: rename(issue.field) })));
  }
  if (error instanceof NotFoundError) return new NotFoundError(error.entity, rename(error.field), error.id);
  if (error instanceof ConflictError) return new ConflictError(rename(error.field), error.message.replace(/^[^:]+: /, ''));
  return error;
}

function issuesOf(error: unknown, row: number, columnOf: (field: string) => string): RowIssue[] {
  if (error instanceof ValidationError) {
    return error.issues.map((issue) => ({ row, column: columnOf(issue.field), message: render(issue.message, 'en') }));
  }
  if (error instanceof NotFoundError || error instanceof ConflictError) {
    return [{ row, column: columnOf(error.field), message: error.message.replace(/^[^:]+: /, '') }];
  }
  throw error;
}
