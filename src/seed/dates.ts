// Calendar dates as "YYYY-MM-DD" strings (they sort and compare as dates) and the few
// operations the generator needs, all in UTC so no time zone shifts a day.

export type Day = string;

const DAY_MS = 86_400_000;

export function day(year: number, month: number, date: number): Day {
  return new Date(Date.UTC(year, month - 1, date)).toISOString().slice(0, 10);
}

export function addDays(value: Day, days: number): Day {
  return new Date(Date.parse(value) + days * DAY_MS).toISOString().slice(0, 10);
}

export function addMonths(value: Day, months: number): Day {
  const date = new Date(Date.parse(value));
  return day(date.getUTCFullYear(), date.getUTCMonth() + 1 + months, Math.min(date.getUTCDate(), 28));
}

export function addYears(value: Day, years: number): Day {
  return addMonths(value, years * 12);
}

export function yearOf(value: Day): number {
  return Number(value.slice(0, 4));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whole years from `from` to `to` (an age). */
export function yearsBetween(from: Day, to: Day): number {
  const years = yearOf(to) - yearOf(from);
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}

export function daysBetween(from: Day, to: Day): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/** A timestamp "YYYY-MM-DD HH:MM:00" at a number of minutes after midnight of the day. */
export function timestamp(value: Day, minutes: number): string {
  const date = new Date(Date.parse(value) + minutes * 60_000);
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

export function minDay(a: Day, b: Day): Day {
  return a < b ? a : b;
}

export function maxDay(a: Day, b: Day): Day {
  return a > b ? a : b;
}
