// Reads of admissions: members admitted in a subtree and year, and the filters of the lists.
import type { StoreContext } from '../../access/viewer-store.js';
import type { CandidateStage, Prisma } from '../../generated/prisma/client.js';
import { foldForSearch } from '../../text/vietnamese.js';
import { subtreePath } from '../units/subtree.js';

/**
 * For each (unit path, year): the members admitted in that year by any unit in the subtree
 * rooted there, whatever became of them since (an admission target's actuals). One query for
 * all the pairs, answered in the order given.
 */
export async function admittedInSubtrees(ctx: StoreContext, keys: readonly { path: string; year: number }[]): Promise<number[]> {
  const rows = await ctx.db.$queryRaw<{ idx: bigint; admitted: bigint }[]>`
    SELECT k.idx, COUNT(m."id") AS admitted
      FROM unnest(${keys.map((key) => key.path)}::text[], ${keys.map((key) => key.year)}::int[])
           WITH ORDINALITY AS k(path, year, idx)
      LEFT JOIN "OrgUnit" u ON starts_with(u."path", k.path)
      LEFT JOIN "Member" m ON m."admittedByUnitId" = u."id"
                          AND m."admittedOn" >= make_date(k.year, 1, 1)
                          AND m."admittedOn" < make_date(k.year + 1, 1, 1)
     GROUP BY k.idx`;
  const counts = new Map(rows.map((row) => [Number(row.idx), Number(row.admitted)]));
  return keys.map((_key, index) => counts.get(index + 1) ?? 0);
}

/** A unit's subtree (the unit itself included), or nothing for an unknown unit. */
async function subtreeOf(ctx: StoreContext, unitId: number): Promise<Prisma.OrgUnitWhereInput> {
  return { path: { startsWith: await subtreePath(ctx, unitId) } };
}

export async function targetListWhere(ctx: StoreContext, filter: { underUnitId?: number | null; year?: number | null } | null | undefined) {
  const where: Prisma.AdmissionTargetWhereInput = {};
  if (filter?.underUnitId != null) where.unit = await subtreeOf(ctx, filter.underUnitId);
  if (filter?.year != null) where.year = filter.year;
  return where;
}

/**
 * Candidates have no Vietnamese sort key column: they are listed by the folded name (family
 * name first, diacritics ignored), which sorts alike on every store, then by id.
 */

export interface CandidateListFilter {
  underUnitId?: number | null;
  cellId?: number | null;
  stages?: CandidateStage[] | null;
  search?: string | null;
}

export async function candidateListWhere(ctx: StoreContext, filter: CandidateListFilter | null | undefined) {
  const where: Prisma.AdmissionCandidateWhereInput = {};
  if (!filter) return where;
  if (filter.underUnitId != null) where.cell = await subtreeOf(ctx, filter.underUnitId);
  if (filter.cellId != null) where.cellId = filter.cellId;
  if (filter.stages?.length) where.stage = { in: filter.stages };
  if (filter.search) where.searchName = { contains: foldForSearch(filter.search) };
  return where;
}
