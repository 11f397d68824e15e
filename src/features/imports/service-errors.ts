// The admissions and supervision imports run the services' own checks, whose errors name API
// fields (input.cellId, input.members.0.fullName) and carry catalogue messages. A file's reader
// wants its columns: this renames a service's error's fields that way (the import shows the
// messages in Vietnamese), and finds the units a row names by code.
import type { Tx } from '../../db/write.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../errors.js';
import type { OrgUnit } from '../../generated/prisma/client.js';
import { message } from '../../text/messages.js';
import { foldForSearch } from '../../text/vietnamese.js';
import { readUnitLabels, type UnitLabelRow } from '../units/unit-labels.query.js';
import { ancestorIds } from '../units/units.service.js';

/** The same error with each field renamed to the file's key ("input.<key>"); anything else is returned as it is. */
export function forFile(error: unknown, rename: (field: string) => string = (field) => field): unknown {
  if (error instanceof ValidationError) {
    return new ValidationError(error.issues.map((issue) => ({ field: rename(issue.field), message: issue.message })));
  }
  if (error instanceof ConflictError) return new ConflictError(rename(error.field), error.detail);
  if (error instanceof ForbiddenError) return new ForbiddenError(rename(error.field), error.detail);
  return error;
}

/** Runs a service check, its error said for the file. */
export function checkForFile<T>(check: () => T, rename?: (field: string) => string): T {
  try {
    return check();
  } catch (error) {
    throw forFile(error, rename);
  }
}

/** The units of `unit`'s subtree (itself included) that `codes` name, read at once, by code. */
export async function unitsByCode(tx: Tx, unit: OrgUnit, codes: Iterable<string>): Promise<Map<string, OrgUnit>> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return new Map();
  const found = await tx.orgUnit.findMany({ where: { code: { in: wanted }, path: { startsWith: unit.path } } });
  return new Map(found.map((each) => [each.code, each]));
}

/**
 * A committee a row names for a cell (the one that visited, the one that admitted): by code
 * among the units the writer sees, else by name among the committees above the cell, which the
 * writer may name without seeing.
 */
export function committeeForCell(tx: Tx, cell: OrgUnit, value: string, field: string, cache?: Map<string, Promise<UnitLabelRow>>): Promise<UnitLabelRow> {
  if (!cache) return findCommitteeForCell(tx, cell, value, field);
  // Many rows name the same committee for the same cell: look it up once.
  const key = `${cell.id}:${value}`;
  let found = cache.get(key);
  if (!found) {
    found = findCommitteeForCell(tx, cell, value, field);
    cache.set(key, found);
  }
  return found;
}

async function findCommitteeForCell(tx: Tx, cell: OrgUnit, value: string, field: string): Promise<UnitLabelRow> {
  const byCode = await tx.orgUnit.findUnique({ where: { code: value }, select: { id: true, name: true, kind: true } });
  if (byCode) return byCode;
  const above = await readUnitLabels(tx, ancestorIds(cell));
  const byName = above.find((label) => foldForSearch(label.name) === foldForSearch(value));
  if (byName) return byName;
  throw ValidationError.of(field, message('NO_UNIT_OR_COMMITTEE', { value, cell: cell.name }));
}
