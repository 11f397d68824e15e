// Rows of an import name their cell by code, under the unit the file is for.
import type { Tx } from '../../db/write.js';
import { ValidationError } from '../../errors.js';
import { message } from '../../text/messages.js';
import type { OrgUnit } from '../../generated/prisma/client.js';

/** The row's cell: named by code, under the unit the file is for (or that unit, if a cell). */
export async function cellOfRow(tx: Tx, unit: OrgUnit, code: string | undefined): Promise<OrgUnit> {
  if (code === undefined) {
    if (unit.kind === 'CELL') return unit;
    throw ValidationError.of('input.cellCode', message('CELL_CODE_REQUIRED', { unit: unit.name }));
  }
  const cell = await tx.orgUnit.findUnique({ where: { code } });
  if (!cell || cell.kind !== 'CELL' || !cell.path.startsWith(unit.path)) {
    throw ValidationError.of('input.cellCode', message('NO_CELL_WITH_CODE', { code, unit: unit.name }));
  }
  return cell;
}
