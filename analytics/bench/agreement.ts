// Checks that the figures the server answered agree with the same figures computed on the
// transactional store: both are brought to one form (a row of numbers per unit or per period)
// and compared field by field for every figure the PostgreSQL query computes.
import { decodeGlobalID } from '@pothos/plugin-relay';
import type { AnswerShape } from './dashboard-queries.js';

export type FigureRow = Record<string, number | null>;
/** Rows keyed by "unit <id>" or "<year>/<part>" (part: month, quarter, or 0 for a year). */
export type FigureTable = Map<string, FigureRow>;

/** Figures the API rounds for display, and by how much they may therefore differ. */
const ROUNDED: Record<string, number> = { averageScore: 0.005 };

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_m, next: string) => next.toUpperCase());

function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  if (Number.isNaN(number)) throw new Error(`not a number: ${JSON.stringify(value)}`);
  return number;
}

function figuresOf(row: Record<string, unknown>, identity: readonly string[]): FigureRow {
  const figures: FigureRow = {};
  for (const [key, value] of Object.entries(row)) {
    if (identity.includes(key) || (value !== null && typeof value === 'object')) continue;
    figures[camel(key)] = numberOrNull(value);
  }
  return figures;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The figures of a GraphQL answer (the field's value: a unit table or a trend). */
export function tableFromAnswer(shape: AnswerShape, answer: unknown): FigureTable {
  const table: FigureTable = new Map();
  if (!isRecord(answer)) throw new Error('the answer is not an object');
  if (shape === 'unit-table') {
    const rows = [answer.total, ...(Array.isArray(answer.children) ? answer.children : [])];
    for (const row of rows) {
      if (!isRecord(row) || !isRecord(row.unit) || typeof row.unit.id !== 'string') throw new Error('a unit row without its unit id');
      table.set(`unit ${decodeGlobalID(row.unit.id).id}`, figuresOf(row, ['unit']));
    }
  } else {
    for (const point of Array.isArray(answer.points) ? answer.points : []) {
      if (!isRecord(point)) throw new Error('a trend point that is not an object');
      table.set(`${String(point.year)}/${String(point.month ?? point.quarter ?? 0)}`, figuresOf(point, ['year', 'month', 'quarter']));
    }
  }
  return table;
}

/** The figures of rows from PostgreSQL (unit_id, is_total, … or year, part, …). */
export function tableFromRows(shape: AnswerShape, rows: readonly Record<string, unknown>[]): FigureTable {
  const table: FigureTable = new Map();
  for (const row of rows) {
    if (shape === 'unit-table') table.set(`unit ${String(row.unit_id)}`, figuresOf(row, ['unit_id', 'is_total']));
    else table.set(`${String(row.year)}/${String(row.part)}`, figuresOf(row, ['year', 'part']));
  }
  return table;
}

export interface Agreement {
  /** Figures compared (rows × fields). */
  compared: number;
  mismatches: string[];
}

/** Every figure of `expected` (the store's) must be in `actual` (the API's), equal or within its rounding. */
export function compareTables(expected: FigureTable, actual: FigureTable): Agreement {
  const mismatches: string[] = [];
  let compared = 0;
  for (const key of actual.keys()) if (!expected.has(key)) mismatches.push(`${key}: answered by the API, absent from the store's figures`);
  for (const [key, row] of expected) {
    const answered = actual.get(key);
    if (!answered) {
      mismatches.push(`${key}: in the store's figures, missing from the API's answer`);
      continue;
    }
    for (const [field, value] of Object.entries(row)) {
      compared++;
      if (!(field in answered)) {
        mismatches.push(`${key} ${field}: not in the API's answer`);
        continue;
      }
      const got = answered[field] ?? null;
      const tolerance = ROUNDED[field] ?? 0;
      const equal = value === null || got === null ? value === got : Math.abs(value - got) <= tolerance + 1e-9;
      if (!equal) mismatches.push(`${key} ${field}: store ${value}, API ${got}`);
    }
  }
  return { compared, mismatches };
}
