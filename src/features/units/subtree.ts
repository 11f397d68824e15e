// "Under this unit" in every list and figure: the unit's materialised path as a prefix.
// An unknown unit has an empty subtree, so it answers exactly as a unit with nothing under
// it (the access rules will answer a unit outside the viewer's scope the same way).
import { prisma } from '../../db/client.js';

/** A prefix no path has: unit ids start at 1, so no path starts with "/0/". */
const EMPTY_SUBTREE = '/0/';

/** The prefix every path in the unit's subtree (the unit included) starts with. */
export async function subtreePath(unitId: number): Promise<string> {
  const unit = await prisma().orgUnit.findUnique({ where: { id: unitId }, select: { path: true } });
  return unit?.path ?? EMPTY_SUBTREE;
}
