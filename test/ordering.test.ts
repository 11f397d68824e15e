// Root lists in the order asked for: by name in Vietnamese collation, by code, by date, either
// way, paged with cursors so that each record appears exactly once. The expected orders are
// computed here from the rows (Intl.Collator('vi'), plain comparisons), not read from the API.
import { beforeAll, describe, expect, it } from 'vitest';
import { localId } from '../src/graphql/ids.js';
import { graphql } from './generated/index.js';
import type { OrderingUnitsQuery } from './generated/graphql.js';
import { run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { createTree, createUnit } from './support/factories.js';
import { wholeStore } from './support/store.js';

useFreshDatabase();

const UnitsPage = graphql(`
  query OrderingUnits($after: String, $orderBy: UnitOrder) {
    units(first: 2, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id name code validFrom } }
    }
  }
`);

type UnitOrder = { field: 'NAME' | 'CODE' | 'FOUNDED'; direction?: 'ASC' | 'DESC' } | null;

/** Every unit, page by page, in the order asked for. */
async function allUnits(orderBy: UnitOrder) {
  const seen: { id: string; name: string; code: string; validFrom: string }[] = [];
  let after: string | null = null;
  for (;;) {
    const page: OrderingUnitsQuery['units'] = (await run(UnitsPage, { after, orderBy })).units;
    seen.push(...page.edges.map((edge) => edge.node as { id: string; name: string; code: string; validFrom: string }));
    if (!page.pageInfo.hasNextPage) return { seen, total: page.totalCount };
    after = page.pageInfo.endCursor ?? null;
  }
}

const collator = new Intl.Collator('vi');
type Listed = { id: string; name: string };
const byNameThenId = (a: Listed, b: Listed) => collator.compare(a.name, b.name) || localId(a.id, 'Unit', 'id') - localId(b.id, 'Unit', 'id');

beforeAll(async () => {
  const tree = await createTree();
  // Names whose code-point order differs from Vietnamese order: "Đ" after "D", "Ấ" among the A's.
  for (const [name, code, validFrom] of [
    ['Chi bộ ấp Đông Hòa', 'ORD.Z1', '2019-05-01'],
    ['Chi bộ ấp Dương Minh', 'ORD.A2', '2021-03-01'],
    ['Chi bộ ấp Ấp Mới', 'ORD.M3', '2018-01-15'],
    ['Chi bộ ấp Bình An', 'ORD.B4', '2022-07-30'],
  ] as const) {
    await createUnit({ name, code, kind: 'CELL', category: 'HAMLET', parentId: tree.commune.id, validFrom });
  }
});

describe('units(orderBy:)', () => {
  it('is by name in Vietnamese order by default, every unit once across pages', async () => {
    const { seen, total } = await allUnits(null);
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((unit) => unit.id)).size).toBe(total);
    expect(total).toBe(await wholeStore().orgUnit.count({ where: { validTo: null } }));
    expect(seen.map((unit) => unit.name)).toEqual([...seen].sort(byNameThenId).map((unit) => unit.name));
    expect(seen.findIndex((u) => u.name === 'Chi bộ ấp Dương Minh')).toBeLessThan(seen.findIndex((u) => u.name === 'Chi bộ ấp Đông Hòa'));
  });

  it('is by code, and by founding day latest first, when asked', async () => {
    // Codes of one form, so that any collation of the store agrees on their order.
    const byCode = (await allUnits({ field: 'CODE' })).seen.map((unit) => unit.code).filter((code) => code.startsWith('ORD.'));
    expect(byCode).toEqual(['ORD.A2', 'ORD.B4', 'ORD.M3', 'ORD.Z1']);
    const byCodeDesc = (await allUnits({ field: 'CODE', direction: 'DESC' })).seen.map((unit) => unit.code).filter((code) => code.startsWith('ORD.'));
    expect(byCodeDesc).toEqual(['ORD.Z1', 'ORD.M3', 'ORD.B4', 'ORD.A2']);
    const { seen: founded, total } = await allUnits({ field: 'FOUNDED', direction: 'DESC' });
    expect(new Set(founded.map((unit) => unit.id)).size).toBe(total);
    const days = founded.map((unit) => unit.validFrom);
    expect(days).toEqual([...days].sort().reverse());
    expect(days[0]).toBe('2022-07-30');
  });
});
