import { describe, expect, it } from 'vitest';
import { graphql } from './generated/index.js';
import { execute, run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { CreateUnit, createTree, createUnit, nextCode } from './support/factories.js';

useFreshDatabase();

const UnitTree = graphql(`
  query UnitTree($id: ID!) {
    node(id: $id) {
      ... on Unit {
        name
        childCount
        validTo
        children { name kind }
        ancestors { id name }
      }
    }
  }
`);

const Subtree = graphql(`
  query Subtree($id: ID!, $filter: UnitFilter, $first: Int, $after: String) {
    node(id: $id) {
      ... on Unit {
        subtree(filter: $filter, first: $first, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { node { name kind } }
        }
      }
    }
  }
`);

const UpdateUnit = graphql(`
  mutation UpdateUnit($input: UnitUpdateInput!) {
    unitUpdate(input: $input) {
      __typename
      ... on UnitUpdateSuccess { data { id name depth ancestors { name } } }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
    }
  }
`);

const RecordLineage = graphql(`
  mutation RecordLineage($input: UnitLineageInput!) {
    unitRecordLineage(input: $input) {
      __typename
      ... on UnitRecordLineageSuccess { data { kind effectiveOn from { id name } to { id name } } }
      ... on Error { message }
    }
  }
`);

describe('unit tree', () => {
  it('creates a province → district → commune → cells tree and reads it both ways', async () => {
    const tree = await createTree();
    expect(tree.cellA).toMatchObject({ kind: 'CELL', category: 'HAMLET', depth: 3, parent: { id: tree.commune.id } });

    const commune = await run(UnitTree, { id: tree.commune.id });
    expect(commune.node).toMatchObject({
      name: 'Xã Hòa An',
      childCount: 2,
      ancestors: [{ name: 'Tỉnh Hậu Giang' }, { name: 'Huyện Phụng Hiệp' }],
    });
    // Vietnamese order: "ấp 8" before "ấp Hòa Đức" (digits before letters).
    expect(commune.node && 'children' in commune.node && commune.node.children.map((c) => c.name)).toEqual([
      'Chi bộ ấp 8',
      'Chi bộ ấp Hòa Đức',
    ]);
  });

  it('sorts children in Vietnamese alphabetical order, not code-point order', async () => {
    const province = await createUnit({ name: 'Tỉnh Sóc Trăng', kind: 'PROVINCE' });
    const names = ['Xã Ân Hòa', 'Xã An Thạnh', 'Xã Đại Ân', 'Xã Dương Minh', 'Xã Ăn Mừng', 'Xã Yên Bình', 'Xã Âu Lạc'];
    for (const name of names) await createUnit({ name, kind: 'GRASSROOTS', parentId: province.id });
    const result = await run(UnitTree, { id: province.id });
    const got = result.node && 'children' in result.node ? result.node.children.map((c) => c.name) : [];
    expect(got).toEqual([...names].sort(new Intl.Collator('vi').compare));
    expect(got).toEqual(['Xã An Thạnh', 'Xã Ăn Mừng', 'Xã Ân Hòa', 'Xã Âu Lạc', 'Xã Dương Minh', 'Xã Đại Ân', 'Xã Yên Bình']);
  });

  it('finds units in a subtree by name with diacritics folded ("Hoa An" finds "Hòa An")', async () => {
    const tree = await createTree();
    for (const query of ['Hoa An', 'hoa an', 'HÒA AN', 'xa hoa']) {
      const result = await run(Subtree, { id: tree.province.id, filter: { search: query } });
      const subtree = result.node && 'subtree' in result.node ? result.node.subtree : undefined;
      expect(subtree?.edges.map((e) => e.node.name), query).toEqual(['Xã Hòa An']);
    }
    const cells = await run(Subtree, { id: tree.province.id, filter: { kind: 'CELL', search: 'hoa duc' } });
    expect(cells.node && 'subtree' in cells.node && cells.node.subtree.totalCount).toBe(1);
  });

  it('paginates a subtree with cursors, every unit exactly once', async () => {
    const province = await createUnit({ name: 'Tỉnh Phân Trang', kind: 'PROVINCE' });
    const commune = await createUnit({ name: 'Xã Một', kind: 'GRASSROOTS', parentId: province.id });
    for (let i = 1; i <= 12; i++) await createUnit({ name: `Chi bộ ${i}`, kind: 'CELL', parentId: commune.id });
    const seen: string[] = [];
    let after: string | null | undefined;
    let pages = 0;
    do {
      const result = await run(Subtree, { id: province.id, filter: { kind: 'CELL' }, first: 5, after });
      const subtree = result.node && 'subtree' in result.node ? result.node.subtree : undefined;
      if (!subtree) throw new Error('no subtree');
      expect(subtree.totalCount).toBe(12);
      seen.push(...subtree.edges.map((e) => e.node.name));
      after = subtree.pageInfo.hasNextPage ? subtree.pageInfo.endCursor : undefined;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(12);
    expect(seen).toEqual([...seen].sort(new Intl.Collator('vi').compare));
  });

  it('moves a commune to another district and rewrites the paths below it', async () => {
    const tree = await createTree();
    const other = await createUnit({ name: 'Huyện Châu Thành', kind: 'DISTRICT', parentId: tree.province.id });
    const moved = await run(UpdateUnit, { input: { id: tree.commune.id, parentId: other.id } });
    expect(moved.unitUpdate).toMatchObject({ __typename: 'UnitUpdateSuccess' });
    const cell = await run(UnitTree, { id: tree.cellA.id });
    expect(cell.node && 'ancestors' in cell.node && cell.node.ancestors.map((a) => a.name)).toEqual([
      'Tỉnh Hậu Giang',
      'Huyện Châu Thành',
      'Xã Hòa An',
    ]);
    const oldDistrict = await run(Subtree, { id: tree.district.id, filter: { kind: 'CELL' } });
    expect(oldDistrict.node && 'subtree' in oldDistrict.node && oldDistrict.node.subtree.totalCount).toBe(0);
  });

  it('records a merge: the merged commune closes and its cells move to the receiving commune', async () => {
    const tree = await createTree();
    const receiving = await createUnit({ name: 'Xã Hòa Mỹ', kind: 'GRASSROOTS', parentId: tree.district.id });
    const result = await run(RecordLineage, {
      input: {
        kind: 'MERGE',
        fromUnitId: tree.commune.id,
        toUnitId: receiving.id,
        effectiveOn: '2025-07-01',
        decisionNumber: '1656/NQ-UBTVQH15',
        moveChildren: true,
      },
    });
    expect(result.unitRecordLineage).toMatchObject({
      __typename: 'UnitRecordLineageSuccess',
      data: {
        kind: 'MERGE',
        effectiveOn: '2025-07-01',
        from: { id: tree.commune.id, name: 'Xã Hòa An' },
        to: { id: receiving.id, name: 'Xã Hòa Mỹ' },
      },
    });
    expect((await run(UnitTree, { id: tree.commune.id })).node).toMatchObject({ validTo: '2025-06-30', children: [] });
    expect((await run(UnitTree, { id: receiving.id })).node).toMatchObject({
      children: [{ name: 'Chi bộ ấp 8' }, { name: 'Chi bộ ấp Hòa Đức' }],
    });
  });
});

describe('mutation results', () => {
  it('answers a client that selects only __typename (nothing of the unit itself)', async () => {
    const code = nextCode();
    const result = await execute(
      graphql(`mutation CreateUnitTypename($input: UnitCreateInput!) { unitCreate(input: $input) { __typename } }`),
      { input: { code, name: 'Tỉnh Chỉ Tên Kiểu', kind: 'PROVINCE', validFrom: '2020-01-01' } },
    );
    expect(result).toEqual({ data: { unitCreate: { __typename: 'UnitCreateSuccess' } } });
    const lookup = await run(graphql(`query UnitCodeLookup($code: String!) { unitByCode(code: $code) { name } }`), { code });
    expect(lookup.unitByCode).toEqual({ name: 'Tỉnh Chỉ Tên Kiểu' });
  });
});

describe('unitCreate errors', () => {
  it('answers a ValidationError naming the field for a cell under no parent, and writes nothing', async () => {
    const code = nextCode();
    const { unitCreate } = await run(CreateUnit, {
      input: { code, name: 'Chi bộ mồ côi', kind: 'CELL', category: 'HAMLET', validFrom: '2020-01-01' },
    });
    expect(unitCreate).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.parentId' }] });
    const lookup = await run(graphql(`query UnitByCode($code: String!) { unitByCode(code: $code) { id } }`), { code });
    expect(lookup.unitByCode).toBeNull();
  });

  it('rejects a kind under the wrong parent, a cell without category, an empty name and a bad code', async () => {
    const tree = await createTree();
    const cases = [
      [{ kind: 'DISTRICT', parentId: tree.commune.id }, 'input.parentId'],
      [{ kind: 'CELL', parentId: tree.commune.id }, 'input.category'],
      [{ kind: 'GRASSROOTS', parentId: tree.district.id, name: '   ' }, 'input.name'],
      [{ kind: 'GRASSROOTS', parentId: tree.district.id, code: 'có dấu' }, 'input.code'],
    ] as const;
    for (const [input, field] of cases) {
      const { unitCreate } = await run(CreateUnit, {
        input: { code: nextCode(), name: 'Đơn vị thử', validFrom: '2020-01-01', ...input },
      });
      expect(unitCreate.__typename, field).toBe('ValidationError');
      expect(unitCreate.__typename === 'ValidationError' && unitCreate.issues.map((i) => i.field)).toContain(field);
    }
  });

  it('answers ConflictError for a code already in use and NotFoundError for an unknown parent', async () => {
    const tree = await createTree();
    const { unitCreate: duplicate } = await run(CreateUnit, {
      input: { code: tree.commune.code, name: 'Trùng mã', kind: 'GRASSROOTS', parentId: tree.district.id, validFrom: '2020-01-01' },
    });
    expect(duplicate).toMatchObject({ __typename: 'ConflictError', field: 'input.code' });

    const { unitCreate: orphan } = await run(CreateUnit, {
      input: { code: nextCode(), name: 'Không cha', kind: 'GRASSROOTS', parentId: 'VW5pdDo5OTk5OTk=', validFrom: '2020-01-01' },
    });
    expect(orphan).toMatchObject({ __typename: 'NotFoundError', field: 'input.parentId' });

    const { unitCreate: malformed } = await run(CreateUnit, {
      input: { code: nextCode(), name: 'Mã sai', kind: 'GRASSROOTS', parentId: 'not-an-id', validFrom: '2020-01-01' },
    });
    expect(malformed).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.parentId' }] });
  });

  it('refuses to move a unit under its own subtree', async () => {
    const tree = await createTree();
    const { unitUpdate } = await run(UpdateUnit, { input: { id: tree.district.id, parentId: tree.commune.id } });
    expect(unitUpdate).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.parentId' }] });
  });

  it('answers a malformed id in a query argument with the field and message, not a masked error', async () => {
    const result = await execute(graphql(`query BadUnitLookup($id: ID!) { node(id: $id) { id } excellentCapBreaches(unitId: $id, year: 2024) { excess } }`), {
      id: 'not-an-id',
    });
    const error = result.errors?.find((e) => e.path?.[0] === 'excellentCapBreaches');
    expect(error?.message).toMatch(/args\.unitId/);
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ field: 'args.unitId' }] });
  });

  it('answers a unit id that names no unit as a unit with nothing under it', async () => {
    const unknown = 'VW5pdDo5OTk5OTk='; // Unit:999999
    const result = await run(
      graphql(`query UnknownUnit($id: ID!) {
        members(filter: { underUnitId: $id }) { totalCount }
        meetings(filter: { underUnitId: $id }) { totalCount }
        unitRatings(filter: { underUnitId: $id }) { totalCount }
        visits(filter: { underUnitId: $id }) { totalCount }
        excellentCapBreaches(unitId: $id, year: 2024) { excess }
        membersAtRisk(unitId: $id, year: 2024) { months }
        supervisionSummary(unitId: $id, year: 2024) { visits }
      }`),
      { id: unknown },
    );
    expect(result).toEqual({
      members: { totalCount: 0 },
      meetings: { totalCount: 0 },
      unitRatings: { totalCount: 0 },
      visits: { totalCount: 0 },
      excellentCapBreaches: [],
      membersAtRisk: [],
      supervisionSummary: [],
    });
  });

  it('rejects a malformed date at the GraphQL layer without reaching the store', async () => {
    const result = await execute(CreateUnit, {
      input: { code: nextCode(), name: 'Ngày sai', kind: 'PROVINCE', validFrom: '2023-02-30' },
    });
    expect(result.errors?.[0]?.message).toMatch(/validFrom|Date/);
  });
});
