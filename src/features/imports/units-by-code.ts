// Files name units by code; an import reads every unit its file names at once, in chunks, since
// a province's file names thousands and a statement's parameters are bounded.
import type { Tx } from '../../db/write.js';
import type { OrgUnit, Prisma } from '../../generated/prisma/client.js';

/** Codes (or ids) a statement carries at once, well under PostgreSQL's 65,535 parameters. */
export const LOOKUP_CHUNK = 5_000;

/** The units among these codes that the viewer sees (and that `where` admits), by code. */
export async function unitsByCode(tx: Tx, codes: Iterable<string>, where: Prisma.OrgUnitWhereInput = {}): Promise<Map<string, OrgUnit>> {
  const wanted = [...new Set(codes)];
  const found = new Map<string, OrgUnit>();
  for (let start = 0; start < wanted.length; start += LOOKUP_CHUNK) {
    const units = await tx.orgUnit.findMany({ where: { ...where, code: { in: wanted.slice(start, start + LOOKUP_CHUNK) } } });
    for (const unit of units) found.set(unit.code, unit);
  }
  return found;
}

/** Which of these units the viewer sees: the store's row security answers, as the write will meet it. */
export async function visibleUnitIds(tx: Tx, ids: Iterable<number>): Promise<Set<number>> {
  const wanted = [...new Set(ids)];
  const visible = new Set<number>();
  for (let start = 0; start < wanted.length; start += LOOKUP_CHUNK) {
    const units = await tx.orgUnit.findMany({ where: { id: { in: wanted.slice(start, start + LOOKUP_CHUNK) } }, select: { id: true } });
    for (const unit of units) visible.add(unit.id);
  }
  return visible;
}

/** Rows a bulk insert carries at once (under 20 columns each), under PostgreSQL's 65,535 parameters. */
export const INSERT_CHUNK = 2_000;

/** Writes rows in chunks through `insert` (a createManyAndReturn of the audited transaction). */
export async function insertInChunks<Row>(rows: readonly Row[], insert: (chunk: Row[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) await insert(rows.slice(start, start + INSERT_CHUNK));
}
