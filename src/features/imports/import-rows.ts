// All-or-nothing imports: every row is checked inside the caller's transaction, each in a
// savepoint so one bad row does not hide the next; if any row fails, ImportRejectedError
// rolls the whole transaction back and carries every row's problems, in Vietnamese.
import type { Tx } from '../../db/write.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.js';
import type { OrgUnit } from '../../generated/prisma/client.js';
import { findUnit } from '../units/units.service.js';
import { CellError } from './cell-values.js';
import { cellOfRow } from './cell-of-row.js';
import { columnLabel, readColumns, type ImportColumn, type ImportRow } from './import-columns.js';
import { locatedMessage } from './import-messages.js';
import type { TableRow } from './uploaded-table.js';
import { message, render, type Message } from '../../text/messages.js';

export interface RowIssue {
  /** Row number as the spreadsheet shows it (the headings are row 1). */
  row: number;
  /** The column's heading in the template; empty when the problem is the row's as a whole. */
  column: string;
  message: string;
}

export class ImportRejectedError extends Error {
  constructor(
    readonly rowCount: number,
    readonly issues: RowIssue[],
  ) {
    const rows = new Set(issues.map((issue) => issue.row)).size;
    super(`Chưa nhập dòng nào: ${rows} trong ${rowCount} dòng có lỗi`);
    this.name = 'ImportRejectedError';
  }
}

/** Listing more problems than this helps nobody; the count in the message stays true. */
const MAX_LISTED_ISSUES = 1000;

export interface RowReaders {
  /** Reads one cell of the row with a parser; a failure is recorded against its column and yields undefined. */
  read<T>(key: string, parse: (value: string) => T): T | undefined;
  /** As `read`, and an empty cell is a problem too. */
  required<T>(key: string, parse: (value: string) => T): T | undefined;
}

export interface RowContext extends RowReaders {
  tx: Tx;
  /** The row's cell: the one its "Mã chi bộ" names, or the file's unit if that is a cell. */
  cell: OrgUnit;
}

/**
 * Reads `table` as a file of `columns` for the unit `unitId` and runs `handle` for every row
 * inside `tx` (the caller's `write`). An error a service raises for a field such as
 * "input.birthDate" is reported against the column of that key. Returns the rows written.
 * `cellScoped: false` is for files whose rows are not a cell's (units, unit ratings).
 *
 * An import that writes in bulk passes `writeAll`: its `handle` then only reads and checks a
 * row (no savepoint is needed, since nothing a row does can fail the transaction), and
 * `writeAll` writes every row at once when none has a problem.
 */
export async function importRows<Key extends string>(options: {
  tx: Tx;
  unitId: number;
  table: TableRow[];
  columns: readonly ImportColumn<Key>[];
  cellScoped?: boolean;
  handle: (row: ImportRow<Key>, context: RowContext) => Promise<void>;
  writeAll?: () => Promise<void>;
}): Promise<number> {
  const { tx, handle, cellScoped = true } = options;
  const unit = await findUnit(tx, options.unitId, 'input.unitId');
  const cells = new Map<string, OrgUnit>();
  return importTableRows({
    ...options,
    async handle(row, readers) {
      let cell = unit;
      if (cellScoped) {
        const values = row.values as Record<string, string | undefined>;
        const code = values.cellCode ?? '';
        cell = cells.get(code) ?? (await cellOfRow(tx, unit, values.cellCode));
        cells.set(code, cell);
      }
      await handle(row, { tx, cell, ...readers });
    },
  });
}

/**
 * importRows for a file that is not one unit's (the units of the whole country): every row is
 * checked by `handle`, given readers of the row's values, in the same way and with the same answers.
 */
export async function importTableRows<Key extends string>(options: {
  tx: Tx;
  table: TableRow[];
  columns: readonly ImportColumn<Key>[];
  handle: (row: ImportRow<Key>, readers: RowReaders) => Promise<void>;
  writeAll?: () => Promise<void>;
}): Promise<number> {
  const { tx, table, columns, handle, writeAll } = options;
  const savepoints = writeAll === undefined;
  const rows = readColumns(table, columns);
  // Services know a cell by id; the file names it by code.
  const columnOf = (field: string) => {
    const key = (field === 'input.cellId' ? 'input.cellCode' : field).replace(/^input\.?/, '');
    return key === '' ? '' : columnLabel(columns, key);
  };
  const issues: RowIssue[] = [];
  for (const row of rows) {
    const rowIssues: RowIssue[] = [];
    const values = row.values as Record<string, string | undefined>;
    const read: RowReaders['read'] = (key, parse) => {
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
    const required: RowReaders['required'] = (key, parse) => {
      if (values[key] !== undefined) return read(key, parse);
      rowIssues.push({ row: row.line, column: columnOf(`input.${key}`), message: render(message('NOT_EMPTY'), 'vi') });
      return undefined;
    };
    if (savepoints) await tx.$executeRawUnsafe('SAVEPOINT import_row');
    try {
      await handle(row, { read, required });
      if (rowIssues.length > 0) throw new ValidationError([]);
      if (savepoints) await tx.$executeRawUnsafe('RELEASE SAVEPOINT import_row');
    } catch (error) {
      if (savepoints) await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT import_row');
      rowIssues.push(...issuesOf(error, row.line, columnOf));
    }
    issues.push(...rowIssues);
  }
  if (issues.length > 0) throw new ImportRejectedError(rows.length, issues.slice(0, MAX_LISTED_ISSUES));
  await writeAll?.();
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
  if (error instanceof ConflictError) return new ConflictError(rename(error.field), error.detail);
  if (error instanceof ForbiddenError) return new ForbiddenError(rename(error.field), error.detail);
  return error;
}

/** A service's error as row issues, in the catalogue's Vietnamese: clerks read imports in Vietnamese. */
function issuesOf(error: unknown, row: number, columnOf: (field: string) => string): RowIssue[] {
  const issue = (field: string, problem: Message): RowIssue => ({ row, column: columnOf(field), message: render(problem, 'vi') });
  if (error instanceof ValidationError) return error.issues.map((each) => issue(each.field, each.message));
  if (error instanceof NotFoundError || error instanceof ConflictError || error instanceof ForbiddenError) return [issue(error.field, error.detail)];
  throw error;
}

/** Every issue as the sentence a clerk reads: "Dòng 5, cột «Ngày sinh»: …". */
export const issueText = (issue: RowIssue) => locatedMessage(issue.row, issue.column, issue.message);
