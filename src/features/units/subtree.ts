// "Under this unit" in every list and figure: the unit's materialised path as a prefix.
// An unknown unit has an empty subtree, so it answers exactly as a unit with nothing under
// it; a unit outside the viewer's subtree is one the store does not show, so it answers the same.
import type { StoreContext } from '../../access/viewer-store.js';

/** A prefix no path has: unit ids start at 1, so no path starts with "/0/". */
const EMPTY_SUBTREE = '/0/';

/** The prefix every path in the unit's subtree (the unit included) starts with. */
export async function subtreePath(ctx: StoreContext, unitId: number): Promise<string> {
  const unit = await ctx.db.orgUnit.findUnique({ where: { id: unitId }, select: { path: true } });
  return unit?.path ?? EMPTY_SUBTREE;
}
