// Cell values as people type them in Vietnamese spreadsheets: dates as 31/12/2024 or
// 2024-12-31, "Nam"/"Nữ", "có"/"không", "x" for yes, enumerations by their Vietnamese label.
import { VIETNAM_OFFSET_MS } from '../../dates.js';
import { foldForSearch } from '../../text/vietnamese.js';

/** A cell that cannot be read; the message (Vietnamese) says what was expected. */
export class CellError extends Error {}

export function parseDateCell(value: string): Date {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const vietnamese = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : vietnamese
      ? [Number(vietnamese[3]), Number(vietnamese[2]), Number(vietnamese[1])]
      : [NaN, NaN, NaN];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (Number.isNaN(date.getTime()) || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new CellError(`không phải ngày hợp lệ (dd/mm/yyyy): «${value}»`);
  }
  return date;
}

export function parseIntegerCell(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new CellError(`không phải số nguyên: «${value}»`);
  return Number(value);
}

export function parseNumberCell(value: string): number {
  const normalised = value.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) throw new CellError(`không phải số: «${value}»`);
  return Number(normalised);
}

const yes = new Set(['co', 'x', 'yes', 'true', '1', 'dung']);
const no = new Set(['khong', 'no', 'false', '0', 'sai']);

export function parseBooleanCell(value: string): boolean {
  const folded = foldForSearch(value);
  if (yes.has(folded)) return true;
  if (no.has(folded)) return false;
  throw new CellError(`phải là «có» hoặc «không»: «${value}»`);
}

/** The values a column of an enumeration accepts, and the labels its template offers. */
export interface Choices<Value extends string> {
  /** The template's drop-down list, in its order. */
  labels: readonly string[];
  byFolded: ReadonlyMap<string, Value>;
}

/**
 * An enumeration's choices: its Vietnamese labels (what the template's drop-down offers), the
 * shorter spellings clerks type, and the API's own names.
 */
export function choicesOf<Value extends string>(labels: Readonly<Record<Value, string>>, spellings: Readonly<Record<string, Value>> = {}): Choices<Value> {
  const byFolded = new Map<string, Value>();
  for (const [value, label] of Object.entries(labels) as [Value, string][]) {
    byFolded.set(foldForSearch(label), value);
    byFolded.set(foldForSearch(value.replaceAll('_', ' ')), value);
  }
  for (const [spelling, value] of Object.entries(spellings)) byFolded.set(foldForSearch(spelling), value);
  return { labels: Object.values(labels), byFolded };
}

/** Maps a cell to one of an enumeration's values, by label, by another spelling, or by the value itself. */
export function parseChoiceCell<Value extends string>(value: string, choices: Choices<Value>): Value {
  const found = choices.byFolded.get(foldForSearch(value).replaceAll('_', ' '));
  if (found === undefined) throw new CellError(`«${value}» không thuộc danh sách: ${choices.labels.join('; ')}`);
  return found;
}

/** "19:30" or "19h30" on a day, as Vietnam time (UTC+7), to an instant. */
export function vietnamTimeOn(day: Date, value: string): Date {
  const match = /^(\d{1,2})\s*[:hH]\s*(\d{2})?$/.exec(value);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2] ?? 0);
  if (!match || hours > 23 || minutes > 59) throw new CellError(`không phải giờ hợp lệ (ví dụ 19:30): «${value}»`);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hours, minutes) - VIETNAM_OFFSET_MS);
}

/** A list in one cell: "a; b; c" (semicolons, or commas when there is no semicolon). */
export function parseListCell(value: string): string[] {
  return value
    .split(value.includes(';') ? ';' : ',')
    .map((item) => item.trim())
    .filter(Boolean);
}
