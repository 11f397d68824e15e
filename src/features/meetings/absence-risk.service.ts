// Members up for removal (the Party Charter): a member absent without excuse from meetings in
// three months of a year is flagged. Months are the months the meetings count for.
import type { StoreContext } from '../../access/viewer-store.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { subtreePath } from '../units/subtree.js';

/** Distinct months of unexcused absence in a year that put a member up for removal. */
export const REMOVAL_THRESHOLD_MONTHS = 3;

/** For each member with unexcused absences in the year, the months (ascending) they fell in. */
export async function unexcusedAbsenceMonths({
  ctx,
  year,
  memberIds,
  underPath,
}: {
  ctx: StoreContext;
  year: number;
  memberIds?: readonly number[];
  underPath?: string;
}): Promise<Map<number, number[]>> {
  const meeting: Prisma.MeetingWhereInput = { year, ...(underPath ? { cell: { path: { startsWith: underPath } } } : {}) };
  const rows = await ctx.db.meetingAbsence.findMany({
    where: { kind: 'UNEXCUSED', meeting, ...(memberIds ? { memberId: { in: [...memberIds] } } : {}) },
    select: { memberId: true, meeting: { select: { month: true } } },
  });
  const months = new Map<number, Set<number>>();
  for (const row of rows) {
    const set = months.get(row.memberId) ?? new Set<number>();
    set.add(row.meeting.month);
    months.set(row.memberId, set);
  }
  return new Map([...months].map(([memberId, set]) => [memberId, [...set].sort((a, b) => a - b)]));
}

export interface MemberAtRisk {
  memberId: number;
  months: number[];
}

/** Members with unexcused absences in at least three distinct months of the year in the unit's subtree, in Vietnamese name order. */
export async function membersAtRisk({ ctx, unitId, year }: { ctx: StoreContext; unitId: number; year: number }): Promise<MemberAtRisk[]> {
  const byMember = await unexcusedAbsenceMonths({ ctx, year, underPath: await subtreePath(ctx, unitId) });
  const atRisk = [...byMember].filter(([, months]) => months.length >= REMOVAL_THRESHOLD_MONTHS);
  const order = await ctx.db.member.findMany({
    where: { id: { in: atRisk.map(([memberId]) => memberId) } },
    orderBy: [{ sortKey: 'asc' }, { id: 'asc' }],
    select: { id: true },
  });
  const months = new Map(atRisk);
  return order.map(({ id }) => ({ memberId: id, months: months.get(id) ?? [] }));
}
