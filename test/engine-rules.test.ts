// The rules the store's TypeScript and the snapshot's SQL macros (analytics/sql/build/05_rules.sql)
// both apply agree: checked on every case, in an in-memory DuckDB with the macros loaded.
import { readFile } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { REMOVAL_THRESHOLD_MONTHS } from '../src/features/meetings/absence-risk.service.js';
import { isGrassrootsOrganisation } from '../src/features/units/unit-rules.js';

async function withMacros<T>(work: (sql: (text: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(await readFile(new URL('../analytics/sql/build/05_rules.sql', import.meta.url), 'utf8'));
    return await work(async (text) => (await connection.runAndReadAll(text)).getRowObjectsJson() as Record<string, unknown>[]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const kinds = ['PROVINCE', 'DISTRICT', 'GRASSROOTS', 'SUB_COMMITTEE', 'CELL'] as const;

describe('the snapshot’s rule macros agree with the store’s rules', () => {
  it('a grassroots organisation, for every kind under every parent kind (and none)', async () => {
    await withMacros(async (sql) => {
      for (const kind of kinds) {
        for (const parent of [...kinds, null]) {
          const [row] = await sql(`SELECT is_grassroots('${kind}', ${parent === null ? 'NULL' : `'${parent}'`}) AS v`);
          expect(row!.v, `${kind} under ${parent}`).toBe(isGrassrootsOrganisation(kind, parent));
        }
      }
    });
  });

  it('the months of unexcused absence that put a member up for removal', async () => {
    await withMacros(async (sql) => {
      const [row] = await sql('SELECT removal_threshold_months() AS v');
      expect(Number(row!.v)).toBe(REMOVAL_THRESHOLD_MONTHS);
    });
  });

  it('a month index, and a unit existing in a month for at least a day', async () => {
    await withMacros(async (sql) => {
      const [row] = await sql(`SELECT month_index(2025, 7) AS i,
        existed_in_month(DATE '2025-07-31', NULL, 2025, 7) AS last_day,
        existed_in_month(DATE '2025-08-01', NULL, 2025, 7) AS after,
        existed_in_month(DATE '2020-01-01', DATE '2025-07-01', 2025, 7) AS first_day,
        existed_in_month(DATE '2020-01-01', DATE '2025-06-30', 2025, 7) AS before`);
      expect(row).toEqual({ i: 2025 * 12 + 6, last_day: true, after: false, first_day: true, before: false });
    });
  });
});
