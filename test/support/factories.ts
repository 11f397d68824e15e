// Builders of valid inputs and of small trees, so each test states only what it is about.
import { graphql } from '../generated/index.js';
import { run } from './client.js';

let sequence = 0;
export const nextCode = (prefix = 'U') => `${prefix}${process.pid}-${++sequence}`;

export const CreateUnit = graphql(`
  mutation CreateUnit($input: UnitCreateInput!) {
    unitCreate(input: $input) {
      __typename
      ... on UnitCreateSuccess { data { id code name kind category depth parent { id } } }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
      ... on ConflictError { field }
    }
  }
`);

type UnitKind = 'PROVINCE' | 'DISTRICT' | 'GRASSROOTS' | 'SUB_COMMITTEE' | 'CELL';
type UnitCategory = 'HAMLET' | 'AGENCY' | 'PUBLIC_SERVICE' | 'ENTERPRISE' | 'ARMED_FORCES' | 'OTHER';

export async function createUnit(input: {
  name: string;
  kind: UnitKind;
  parentId?: string;
  category?: UnitCategory;
  code?: string;
  validFrom?: string;
}) {
  const { unitCreate } = await run(CreateUnit, {
    input: {
      code: input.code ?? nextCode(input.kind.slice(0, 1)),
      validFrom: input.validFrom ?? '2015-01-01',
      ...input,
      category: input.category ?? (input.kind === 'CELL' ? 'HAMLET' : undefined),
    },
  });
  if (unitCreate.__typename !== 'UnitCreateSuccess') throw new Error(`unitCreate failed: ${JSON.stringify(unitCreate)}`);
  return unitCreate.data;
}

/** Province → district → commune (grassroots) → two cells: the smallest real tree. */
export async function createTree(names = { commune: 'Xã Hòa An' }) {
  const province = await createUnit({ name: 'Tỉnh Hậu Giang', kind: 'PROVINCE' });
  const district = await createUnit({ name: 'Huyện Phụng Hiệp', kind: 'DISTRICT', parentId: province.id });
  const commune = await createUnit({ name: names.commune, kind: 'GRASSROOTS', parentId: district.id });
  const cellA = await createUnit({ name: 'Chi bộ ấp Hòa Đức', kind: 'CELL', parentId: commune.id });
  const cellB = await createUnit({ name: 'Chi bộ ấp 8', kind: 'CELL', parentId: commune.id });
  return { province, district, commune, cellA, cellB };
}
