// Calendar rules of a meeting, pure: which month a meeting may count for, and the key that
// allows one regular meeting per cell and month.
import { isoDate } from '../../dates.js';
import type { MeetingKind } from '../../generated/prisma/enums.js';
import { message, type Message } from '../../text/messages.js';

/** "2024-03" for a year and month. */
export function monthLabel(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/**
 * Why a meeting held on `heldOn` cannot count for `year`/`month`, or null when it can: a
 * meeting counts for the month it was held or, when held late, for the month before.
 */
export function countingMonthProblem(heldOn: Date, year: number, month: number): Message | null {
  const held = heldOn.getUTCFullYear() * 12 + heldOn.getUTCMonth();
  const counted = year * 12 + (month - 1);
  if (held === counted || held === counted + 1) return null;
  const heldMonth = monthLabel(heldOn.getUTCFullYear(), heldOn.getUTCMonth() + 1);
  const before = new Date(Date.UTC(heldOn.getUTCFullYear(), heldOn.getUTCMonth() - 1, 1));
  const previousMonth = monthLabel(before.getUTCFullYear(), before.getUTCMonth() + 1);
  return message('MONTH_NOT_COUNTED', { heldOn: isoDate(heldOn), heldMonth, previousMonth, month: monthLabel(year, month) });
}

/** Regular and combined meetings fill a cell's monthly slot: one per cell and month. */
export function regularMonthKey(kind: MeetingKind, year: number, month: number): number | null {
  return kind === 'REGULAR' || kind === 'COMBINED' ? year * 100 + month : null;
}
