// The pure helpers of the analytics bench (analytics/bench): its statistics, its check that
// the server's figures agree with PostgreSQL's, and its operations against the schema. The
// bench itself is run with `npm run bench`, never as a test: timings depend on the machine.
import { readFile } from 'node:fs/promises';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compareTables, tableFromAnswer, tableFromRows } from '../analytics/bench/agreement.js';
import { dashboardQueries, lastMonthIndexOf, lastMonthOf } from '../analytics/bench/dashboard-queries.js';
import { percentile, ratio, summarise, timeAlternately } from '../analytics/bench/stats.js';
import { schemaFile } from '../src/graphql/schema-file.js';
import { globalId } from '../src/graphql/ids.js';

describe('bench statistics', () => {
  it('interpolates percentiles between ranks, whatever the order of the values', () => {
    const values = [40, 10, 30, 20, 50];
    expect(percentile(values, 0)).toBe(10);
    expect(percentile(values, 50)).toBe(30);
    expect(percentile(values, 100)).toBe(50);
    expect(percentile(values, 95)).toBeCloseTo(48, 10); // rank 3.8: 40 + 0.8 × 10
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([7], 95)).toBe(7);
  });

  it('has no percentile of nothing, and refuses one outside 0–100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('summarises samples and compares by ratio', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summarise(values)).toEqual({ samples: 100, p50: 50.5, p95: 95.05, min: 1, max: 100 });
    expect(ratio(200, 10)).toBe(20);
    expect(ratio(200, 0)).toBeNaN();
  });

  it('times two ways in turns, after the warm-ups of each', async () => {
    const calls: string[] = [];
    const [a, b] = await timeAlternately(
      async () => calls.push('a'),
      async () => calls.push('b'),
      { warmups: 1, samples: 2 },
    );
    expect(calls).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
    expect([a.length, b.length]).toEqual([2, 2]);
  });
});

describe('bench agreement check', () => {
  const answer = {
    total: { unit: { id: globalId('Unit', 1), name: 'Tỉnh' }, cells: 3, rated: 2, goodOrBetterPercent: 50, averageScore: 91.67 },
    children: [{ unit: { id: globalId('Unit', 4), name: 'Xã' }, cells: 1, rated: 1, goodOrBetterPercent: 100, averageScore: null }],
  };
  const rows = [
    { unit_id: 1, is_total: true, cells: '3', rated: '2', average_score: '91.6666666667' },
    { unit_id: 4, is_total: false, cells: '1', rated: '1', average_score: null },
  ];

  it('accepts the same figures, and the API’s rounding of the average score', () => {
    const agreement = compareTables(tableFromRows('unit-table', rows), tableFromAnswer('unit-table', answer));
    expect(agreement).toEqual({ compared: 6, mismatches: [] });
  });

  it('names every figure that differs, and every row on one side only', () => {
    const wrong = [{ ...rows[0], rated: '3' }, { unit_id: 9, is_total: false, cells: '0', rated: '0', average_score: null }];
    const { mismatches } = compareTables(tableFromRows('unit-table', wrong), tableFromAnswer('unit-table', answer));
    expect(mismatches).toEqual([
      "unit 4: answered by the API, absent from the store's figures",
      'unit 1 rated: store 3, API 2',
      "unit 9: in the store's figures, missing from the API's answer",
    ]);
  });

  it('keys a trend by year and month, quarter, or the year alone', () => {
    const points = { points: [{ year: 2024, month: 3, quarter: null, meetings: 5 }, { year: 2025, month: null, quarter: null, meetings: 7 }] };
    const store = [{ year: 2024, part: 3, meetings: '5' }, { year: 2025, part: 0, meetings: '7' }];
    expect(compareTables(tableFromRows('trend', store), tableFromAnswer('trend', points)).mismatches).toEqual([]);
  });
});

describe('bench dashboard queries', () => {
  const snapshot = { id: 3, asOf: new Date('2026-11-23T10:00:00Z') };
  const queries = dashboardQueries(
    { province: { id: 1, name: 'Tỉnh' }, commune: { id: 218, name: 'Phường' } },
    { from: 2021, to: 2025 },
    snapshot,
  );

  it('are ten operations valid against the printed schema', async () => {
    const schema = buildSchema(await readFile(schemaFile, 'utf8'));
    expect(queries).toHaveLength(10);
    for (const query of queries) expect(validate(schema, parse(query.document)).map((e) => e.message), query.key).toEqual([]);
  });

  it('count a past year to December and the current year to the snapshot’s month, as the server does', () => {
    expect(lastMonthOf(2025, snapshot.asOf)).toBe(12);
    expect(lastMonthOf(2026, snapshot.asOf)).toBe(11);
    expect(lastMonthOf(2027, snapshot.asOf)).toBe(0);
    expect(lastMonthIndexOf(snapshot.asOf)).toBe(2026 * 12 + 10);
  });
});
