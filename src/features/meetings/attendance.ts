// Who is expected at a meeting, pure: the members assigned to the cell that day whose status
// still lets them attend, less the exempt. Everyone expected and not recorded absent was
// present, so presence is derived, never stored per member.
import { isoDate } from '../../dates.js';
import type { ExemptionReason, MemberStatus } from '../../generated/prisma/enums.js';
import { message, type Message } from '../../text/messages.js';

/** Statuses that end a member's attendance from the day they take effect. */
const LEAVING_STATUSES: ReadonlySet<MemberStatus> = new Set(['TRANSFERRED_OUT', 'DECEASED', 'REMOVED', 'EXPELLED', 'LEFT_PARTY']);

export interface AssignedMember {
  id: number;
  status: MemberStatus;
  statusChangedOn: Date | null;
  /** The member's exemptions (those that do not cover the day do not count). */
  exemptions: readonly { fromDate: Date; toDate: Date | null; reason: ExemptionReason }[];
}

/** Why an assigned member (named `name`) is not expected that day, or null when expected. */
export function notExpectedBecause(member: AssignedMember, day: Date, name = ''): Message | null {
  // A leaving status without a date is taken as already in effect: the member cannot be expected.
  if (LEAVING_STATUSES.has(member.status) && (member.statusChangedOn === null || member.statusChangedOn <= day)) {
    const since = member.statusChangedOn ? isoDate(member.statusChangedOn) : '';
    return message('NOT_EXPECTED_STATUS', { member: name, day: isoDate(day), status: member.status, since });
  }
  const exemption = member.exemptions.find((e) => e.fromDate <= day && (e.toDate === null || day <= e.toDate));
  if (exemption) {
    const to = exemption.toDate ? isoDate(exemption.toDate) : '';
    return message('NOT_EXPECTED_EXEMPT', { member: name, day: isoDate(day), reason: exemption.reason, from: isoDate(exemption.fromDate), to });
  }
  return null;
}

/** A member's stay in a cell: from fromDate, up to toDate exclusive (null while current). */
export interface CellStay<M> {
  cellId: number;
  fromDate: Date;
  toDate: Date | null;
  member: M;
}

/** The members assigned to the cell on the day, from their stays; a member counts once even if two stays overlap the day. */
export function assignedOn<M extends { id: number }>(stays: readonly CellStay<M>[], cellId: number, day: Date): M[] {
  const members = new Map<number, M>();
  for (const stay of stays) {
    if (stay.cellId === cellId && stay.fromDate <= day && (stay.toDate === null || stay.toDate > day)) members.set(stay.member.id, stay.member);
  }
  return [...members.values()];
}

/** The ids of the members expected that day, from the members assigned to the cell that day. */
export function expectedMemberIds(assigned: readonly AssignedMember[], day: Date): Set<number> {
  return new Set(assigned.filter((member) => notExpectedBecause(member, day) === null).map((member) => member.id));
}
