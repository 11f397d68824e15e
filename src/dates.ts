// Calendar dates as the Date scalar carries them: midnight UTC of the day, compared as instants.

/** Vietnam keeps UTC+7 all year (no daylight saving). */
export const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Today's date in Vietnam, where every committee records its dates. */
export function today(now: Date = new Date()): Date {
  const local = new Date(now.getTime() + VIETNAM_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}

/** The same day `months` later; the 31st becomes the last day of a shorter month. */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}

export function addYears(date: Date, years: number): Date {
  return addMonths(date, years * 12);
}

/** YYYY-MM-DD, for messages a person reads. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The calendar day an instant falls on in Vietnam time, as YYYY-MM-DD. */
export function vietnamDay(instant: Date): string {
  return isoDate(new Date(instant.getTime() + VIETNAM_OFFSET_MS));
}

/** The first and last day of a calendar year. */
export function yearSpan(year: number): { gte: Date; lte: Date } {
  return { gte: new Date(Date.UTC(year, 0, 1)), lte: new Date(Date.UTC(year, 11, 31)) };
}
