// Party congress terms (nhiệm kỳ đại hội) as a dimension of the measures. Congresses are held
// every five years (2020, 2025, 2030…); the term between two congresses is named by their years,
// "2020–2025", and holds the five years after the first congress up to the second's: 2021–2025.
// The congress year itself closes the term before (its report covers that year), so 2020
// belongs to 2015–2020 and 2026 to 2025–2030.

/** A congress year every TERM_LENGTH years counts from this one. */
const CONGRESS_YEAR = 2020;
export const TERM_LENGTH = 5;

/** The term a year belongs to: the years of the congresses that open and close it. */
export function termOf(year: number): { opens: number; closes: number } {
  const opens = CONGRESS_YEAR + TERM_LENGTH * Math.floor((year - CONGRESS_YEAR - 1) / TERM_LENGTH);
  return { opens, closes: opens + TERM_LENGTH };
}

/** A term's key in rows: "2020-2025" (ASCII, so it sorts and travels as plain text). */
export const termKey = (year: number) => `${termOf(year).opens}-${termOf(year).closes}`;

/** A term's key as people read it: "Nhiệm kỳ 2020–2025". */
export const termLabel = (key: string) => `Nhiệm kỳ ${key.replace('-', '–')}`;

/** The SQL of the year a fact's term opens with (its congress), from the fact's `year`. */
const opensSql = `(${CONGRESS_YEAR} + ${TERM_LENGTH} * floor((year - ${CONGRESS_YEAR + 1}) / ${TERM_LENGTH}.0)::INTEGER)`;

/** The SQL of a fact's term key, as termKey writes it. */
export const termKeySql = `(${opensSql}::VARCHAR || '-' || (${opensSql} + ${TERM_LENGTH})::VARCHAR)`;

/**
 * The SQL of the year at a term's edge within the span asked for: its first year (the one after
 * the opening congress) or its last (the closing congress's), cut to fromYear–toYear.
 */
export const termEdgeSql = (edge: 'START' | 'END') =>
  edge === 'START' ? `greatest($from_year, ${opensSql} + 1)` : `least($to_year, ${opensSql} + ${TERM_LENGTH})`;
