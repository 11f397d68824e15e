// Which members a list shows: the filter of `members` on Query and on Unit.
import type { StoreContext } from '../../access/viewer-store.js';
import type { Gender, MemberStatus, Prisma } from '../../generated/prisma/client.js';
import { foldForSearch } from '../../text/vietnamese.js';
import { subtreePath } from '../units/subtree.js';
import { ACTIVE_STATUSES } from './member-rules.js';

/** Vietnamese list order: given name, then the full name; the id breaks ties stably. */
export const memberOrder: Prisma.MemberOrderByWithRelationInput[] = [{ sortKey: 'asc' }, { id: 'asc' }];

export interface MemberListFilter {
  underUnitId?: number | null;
  cellId?: number | null;
  statuses?: MemberStatus[] | null;
  includeFormer?: boolean | null;
  gender?: Gender | null;
  search?: string | null;
  admittedFrom?: Date | null;
  admittedTo?: Date | null;
}

/** Members whose current cell lies in the subtree rooted at the unit with this path. */
export function inSubtree(unitPath: string): Prisma.MemberWhereInput {
  return { cell: { path: { startsWith: unitPath } } };
}

/** The where clause of a member list; without statuses only active members (dự bị, chính thức) are listed. */
export async function memberListWhere(ctx: StoreContext, filter: MemberListFilter | null | undefined): Promise<Prisma.MemberWhereInput> {
  const conditions: Prisma.MemberWhereInput[] = [];
  if (filter?.statuses?.length) conditions.push({ status: { in: filter.statuses } });
  else if (!filter?.includeFormer) conditions.push({ status: { in: [...ACTIVE_STATUSES] } });
  if (!filter) return { AND: conditions };

  if (filter.underUnitId != null) {
    conditions.push(inSubtree(await subtreePath(ctx, filter.underUnitId)));
  }
  if (filter.cellId != null) conditions.push({ cellId: filter.cellId });
  if (filter.gender) conditions.push({ gender: filter.gender });
  if (filter.search) conditions.push({ searchName: { contains: foldForSearch(filter.search) } });
  if (filter.admittedFrom) conditions.push({ admittedOn: { gte: filter.admittedFrom } });
  if (filter.admittedTo) conditions.push({ admittedOn: { lte: filter.admittedTo } });
  return { AND: conditions };
}
