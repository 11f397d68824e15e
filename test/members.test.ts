import { describe, expect, it } from 'vitest';
import { graphql } from './generated/index.js';
import type { MemberFilter } from './generated/graphql.js';
import { execute, run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { createTree, createUnit } from './support/factories.js';
import {
  CreateMember,
  DissolveUnit,
  createMember,
  createOfficialMember,
  daysFromToday,
  memberInput,
  nextCardNumber,
} from './support/members.factories.js';

useFreshDatabase();

const vietnamese = new Intl.Collator('vi');
const givenName = (fullName: string) => fullName.split(' ').at(-1) ?? '';
/** Vietnamese list order, computed here independently of the server: given name, then full name. */
const byGivenName = (a: string, b: string) => vietnamese.compare(givenName(a), givenName(b)) || vietnamese.compare(a, b);

const MemberById = graphql(`
  query MembersMemberById($id: ID!) {
    node(id: $id) {
      ... on Member {
        id fullName status statusChangedOn officialOn partyCardNumber birthDate
        cell { id }
        assignments { cell { id name } fromDate toDate }
        exemptions { id fromDate toDate reason }
      }
    }
  }
`);

async function readMember(id: string) {
  const { node } = await run(MemberById, { id });
  if (!node || !('assignments' in node)) throw new Error(`no member ${id}`);
  return node;
}

const Members = graphql(`
  query MembersList($filter: MemberFilter, $first: Int, $after: String) {
    members(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id fullName status } }
    }
  }
`);

async function listNames(filter: MemberFilter) {
  const { members } = await run(Members, { filter, first: 500 });
  return members.edges.map((edge) => edge.node.fullName);
}

const UnitMembers = graphql(`
  query MembersOfUnit($id: ID!, $filter: MemberFilter) {
    node(id: $id) {
      ... on Unit { members(filter: $filter) { totalCount edges { node { fullName } } } }
    }
  }
`);

const ByCard = graphql(`
  query MembersByCard($cardNumber: String!) {
    memberByCardNumber(cardNumber: $cardNumber) { id fullName }
  }
`);

const UpdateMember = graphql(`
  mutation MembersUpdate($input: MemberUpdateInput!) {
    memberUpdate(input: $input) {
      __typename
      ... on MemberUpdateSuccess { data { id fullName birthDate partyCardNumber youthUnionMember } }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
      ... on ConflictError { field }
    }
  }
`);

const Transfer = graphql(`
  mutation MembersTransfer($input: MemberTransferInput!) {
    memberTransfer(input: $input) {
      __typename
      ... on MemberTransferSuccess { data { id status statusChangedOn cell { id } assignments { cell { id } fromDate toDate } } }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
    }
  }
`);

const RecognizeOfficial = graphql(`
  mutation MembersRecognizeOfficial($input: MemberRecognizeOfficialInput!) {
    memberRecognizeOfficial(input: $input) {
      __typename
      ... on MemberRecognizeOfficialSuccess { data { id status officialOn statusChangedOn partyCardNumber } }
      ... on ValidationError { issues { field message } }
      ... on ConflictError { field }
    }
  }
`);

const ChangeStatus = graphql(`
  mutation MembersChangeStatus($input: MemberChangeStatusInput!) {
    memberChangeStatus(input: $input) {
      __typename
      ... on MemberChangeStatusSuccess { data { id status statusChangedOn assignments { fromDate toDate } } }
      ... on ValidationError { issues { field message } }
    }
  }
`);

const AddExemption = graphql(`
  mutation MembersAddExemption($input: MemberExemptionAddInput!) {
    memberExemptionAdd(input: $input) {
      __typename
      ... on MemberExemptionAddSuccess { data { id fromDate toDate reason note member { id } } }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
      ... on ConflictError { field }
    }
  }
`);

const EndExemption = graphql(`
  mutation MembersEndExemption($input: MemberExemptionEndInput!) {
    memberExemptionEnd(input: $input) {
      __typename
      ... on MemberExemptionEndSuccess { data { id fromDate toDate } }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
      ... on ConflictError { field }
    }
  }
`);

function issueFields(result: { __typename: string; issues?: { field: string }[] }) {
  return result.issues?.map((issue) => issue.field) ?? [];
}

describe('memberCreate', () => {
  it('admits a probationary member into a cell with a first assignment from the admission day', async () => {
    const tree = await createTree();
    const member = await createMember(tree.cellA.id, { fullName: '  Lê   Thị  Hồng ' });
    expect(member).toMatchObject({
      fullName: 'Lê Thị Hồng',
      status: 'PROBATIONARY',
      admittedOn: '2015-03-02',
      officialOn: null,
      cell: { id: tree.cellA.id },
      // The admitting unit defaults to the cell's grassroots committee.
      admittedBy: { id: tree.commune.id },
      assignments: [{ cell: { id: tree.cellA.id }, fromDate: '2015-03-02', toDate: null }],
    });
  });

  it("defaults the admitting unit to the cell's parent when no grassroots committee is above it", async () => {
    const tree = await createTree();
    const districtCell = await createUnit({ name: 'Chi bộ Văn phòng', kind: 'CELL', category: 'AGENCY', parentId: tree.district.id });
    const member = await createMember(districtCell.id);
    expect(member.admittedBy).toEqual({ id: tree.district.id, name: 'Huyện Phụng Hiệp' });
  });

  it('records an official member with officialOn and a later first day in the cell', async () => {
    const tree = await createTree();
    const member = await createMember(tree.cellB.id, {
      status: 'OFFICIAL',
      officialOn: '2016-03-02',
      joinedCellOn: '2019-08-01',
      admittedByUnitId: tree.district.id,
    });
    expect(member).toMatchObject({
      status: 'OFFICIAL',
      officialOn: '2016-03-02',
      admittedBy: { id: tree.district.id },
      assignments: [{ fromDate: '2019-08-01', toDate: null }],
    });
  });

  it('refuses broken dates and statuses with a ValidationError naming each field, and writes nothing', async () => {
    const tree = await createTree();
    const cases = [
      [{ birthDate: '2000-01-01', admittedOn: '2017-12-31' }, 'input.admittedOn'], // 17 years old
      [{ admittedOn: daysFromToday(2) }, 'input.admittedOn'],
      [{ status: 'OFFICIAL' }, 'input.officialOn'],
      [{ status: 'OFFICIAL', officialOn: '2016-03-01' }, 'input.officialOn'], // one day short of 12 months
      [{ officialOn: '2016-03-02' }, 'input.officialOn'], // probationary members are not official yet
      [{ status: 'TRANSFERRED_OUT' }, 'input.status'],
      [{ joinedCellOn: '2015-03-01' }, 'input.joinedCellOn'],
      [{ fullName: '   ' }, 'input.fullName'],
    ] as const;
    for (const [overrides, field] of cases) {
      const { memberCreate } = await run(CreateMember, { input: memberInput(tree.cellA.id, overrides) });
      expect(memberCreate.__typename, JSON.stringify(overrides)).toBe('ValidationError');
      expect(issueFields(memberCreate), JSON.stringify(overrides)).toContain(field);
    }
    expect(await listNames({ underUnitId: tree.province.id, includeFormer: true })).toEqual([]);
  });

  it('accepts an official member recognised exactly twelve months after admission', async () => {
    const tree = await createTree();
    const member = await createMember(tree.cellA.id, { admittedOn: '2020-02-29', status: 'OFFICIAL', officialOn: '2021-02-28' });
    expect(member.officialOn).toBe('2021-02-28');
  });

  it('admits only into a cell that exists and is not dissolved', async () => {
    const tree = await createTree();
    const notCell = await run(CreateMember, { input: memberInput(tree.commune.id) });
    expect(notCell.memberCreate).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.cellId' }] });

    const unknown = await run(CreateMember, { input: memberInput(Buffer.from('Unit:999999').toString('base64')) });
    expect(unknown.memberCreate).toMatchObject({ __typename: 'NotFoundError', field: 'input.cellId' });

    const malformed = await run(CreateMember, { input: memberInput('not-an-id') });
    expect(malformed.memberCreate).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.cellId' }] });

    await run(DissolveUnit, { input: { id: tree.cellB.id, validTo: '2024-12-31' } });
    const dissolved = await run(CreateMember, { input: memberInput(tree.cellB.id) });
    expect(dissolved.memberCreate).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.cellId' }] });
    expect(dissolved.memberCreate.__typename === 'ValidationError' && dissolved.memberCreate.message).toMatch(/dissolved on 2024-12-31/);

    expect(await listNames({ underUnitId: tree.province.id, includeFormer: true })).toEqual([]);
  });

  it('answers ConflictError on input.partyCardNumber for a card number in use, and writes nothing', async () => {
    const tree = await createTree();
    const card = nextCardNumber();
    await createMember(tree.cellA.id, { fullName: 'Phạm Văn Thẻ', partyCardNumber: card });
    const { memberCreate } = await run(CreateMember, {
      input: memberInput(tree.cellB.id, { fullName: 'Võ Văn Trùng', partyCardNumber: ` ${card} ` }),
    });
    expect(memberCreate).toMatchObject({ __typename: 'ConflictError', field: 'input.partyCardNumber' });
    expect(memberCreate.__typename === 'ConflictError' && memberCreate.message).toMatch(/Phạm Văn Thẻ/);
    expect(await listNames({ underUnitId: tree.province.id })).toEqual(['Phạm Văn Thẻ']);
  });
});

describe('member lists', () => {
  it('lists members in Vietnamese order: given name, then full name', async () => {
    const tree = await createTree();
    const names = ['Nguyễn Văn Ân', 'Trần Thị An', 'Lê Đức Anh', 'Đỗ Văn Ăn', 'Bùi Thị Đào', 'Phan Văn Dũng', 'Âu Thị An', 'Hà Minh Ý'];
    for (const fullName of names) await createMember(tree.cellA.id, { fullName });
    const listed = await listNames({ cellId: tree.cellA.id });
    expect(listed).toEqual([...names].sort(byGivenName));
    // a < ă < â, and "An" before "Anh": the given name decides before the family name.
    expect(listed.slice(0, 5)).toEqual(['Âu Thị An', 'Trần Thị An', 'Lê Đức Anh', 'Đỗ Văn Ăn', 'Nguyễn Văn Ân']);
  });

  it('finds members by name with diacritics and case folded', async () => {
    const tree = await createTree();
    await createMember(tree.cellA.id, { fullName: 'Nguyễn Thị Hòa An' });
    await createMember(tree.cellA.id, { fullName: 'Đặng Văn Đức' });
    await createMember(tree.cellB.id, { fullName: 'Trần Hoà Anh' });
    for (const search of ['hoa an', 'HÒA AN', 'Hoa An']) {
      expect(await listNames({ underUnitId: tree.commune.id, search }), search).toEqual(['Nguyễn Thị Hòa An', 'Trần Hoà Anh']);
    }
    expect(await listNames({ underUnitId: tree.commune.id, search: 'dang van duc' })).toEqual(['Đặng Văn Đức']);
  });

  it('filters by subtree, cell, gender, admission dates and status, active members by default', async () => {
    const tree = await createTree();
    const other = await createTree({ commune: 'Xã Long Thạnh' });
    const rows = [
      { cellId: tree.cellA.id, fullName: 'Lý Văn Một', gender: 'MALE', admittedOn: '2010-05-01' },
      { cellId: tree.cellA.id, fullName: 'Lý Thị Hai', gender: 'FEMALE', admittedOn: '2018-06-01' },
      { cellId: tree.cellB.id, fullName: 'Lý Văn Ba', gender: 'MALE', admittedOn: '2021-07-01' },
      { cellId: other.cellA.id, fullName: 'Lý Thị Bốn', gender: 'FEMALE', admittedOn: '2018-08-01' },
    ] as const;
    const created = [];
    for (const row of rows) created.push(await createMember(row.cellId, row));
    const deceased = created[2];
    if (!deceased) throw new Error('no member');
    await run(ChangeStatus, { input: { id: deceased.id, status: 'DECEASED', on: '2024-01-05' } });

    const sorted = (names: string[]) => [...names].sort(byGivenName);
    const active = rows.filter((row) => row.fullName !== 'Lý Văn Ba');
    const inCommune = active.filter((row) => row.cellId !== other.cellA.id).map((row) => row.fullName);
    expect(await listNames({ underUnitId: tree.commune.id })).toEqual(sorted(inCommune));
    expect(await listNames({ underUnitId: tree.commune.id, includeFormer: true })).toEqual(
      sorted(rows.filter((row) => row.cellId !== other.cellA.id).map((row) => row.fullName)),
    );
    expect(await listNames({ underUnitId: tree.commune.id, statuses: ['DECEASED'] })).toEqual(['Lý Văn Ba']);
    expect(await listNames({ cellId: tree.cellA.id, gender: 'FEMALE' })).toEqual(['Lý Thị Hai']);
    const admitted2018 = active.filter((row) => row.admittedOn >= '2018-01-01' && row.admittedOn <= '2018-12-31');
    expect(await listNames({ search: 'ly ', admittedFrom: '2018-01-01', admittedTo: '2018-12-31' })).toEqual(
      sorted(admitted2018.map((row) => row.fullName)),
    );

    const unit = await run(UnitMembers, { id: tree.commune.id, filter: { gender: 'MALE' } });
    const members = unit.node && 'members' in unit.node ? unit.node.members : undefined;
    expect(members?.totalCount).toBe(1);
    expect(members?.edges.map((edge) => edge.node.fullName)).toEqual(['Lý Văn Một']);
  });

  it('paginates with cursors, every member exactly once and in order', async () => {
    const tree = await createTree();
    const names = Array.from({ length: 11 }, (_, index) => `Trương Văn ${String.fromCharCode(65 + index)}`);
    for (const fullName of names) await createMember(tree.cellB.id, { fullName });
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const { members } = await run(Members, { filter: { cellId: tree.cellB.id }, first: 4, after });
      expect(members.totalCount).toBe(11);
      seen.push(...members.edges.map((edge) => edge.node.fullName));
      after = members.pageInfo.hasNextPage ? (members.pageInfo.endCursor ?? undefined) : undefined;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual([...names].sort(byGivenName));
  });

  it('finds a member by party card number', async () => {
    const tree = await createTree();
    const card = nextCardNumber();
    const member = await createMember(tree.cellA.id, { fullName: 'Hồ Văn Thẻ', partyCardNumber: card });
    expect((await run(ByCard, { cardNumber: card })).memberByCardNumber).toEqual({ id: member.id, fullName: 'Hồ Văn Thẻ' });
    expect((await run(ByCard, { cardNumber: 'không có' })).memberByCardNumber).toBeNull();
  });

  it('answers a GraphQL error naming the filter field for a malformed unit id', async () => {
    const result = await execute(Members, { filter: { underUnitId: 'nope' } });
    expect(result.errors?.[0]?.message).toMatch(/filter\.underUnitId/);
  });
});

describe('memberUpdate', () => {
  it('corrects personal data and keeps search and sort in step with the name', async () => {
    const tree = await createTree();
    const member = await createMember(tree.cellA.id, { fullName: 'Nguyen Van Sai' });
    await createMember(tree.cellA.id, { fullName: 'Trần Văn Bình' });
    const { memberUpdate } = await run(UpdateMember, {
      input: { id: member.id, fullName: 'Nguyễn Văn Ánh', birthDate: '1980-01-01', youthUnionMember: true },
    });
    expect(memberUpdate).toMatchObject({
      __typename: 'MemberUpdateSuccess',
      data: { fullName: 'Nguyễn Văn Ánh', birthDate: '1980-01-01', youthUnionMember: true },
    });
    expect(await listNames({ search: 'van anh' })).toEqual(['Nguyễn Văn Ánh']);
    expect(await listNames({ cellId: tree.cellA.id })).toEqual(['Nguyễn Văn Ánh', 'Trần Văn Bình']);
  });

  it('refuses a card number of another member, a birth date making the admission underage, an unknown member', async () => {
    const tree = await createTree();
    const card = nextCardNumber();
    await createMember(tree.cellA.id, { fullName: 'Mai Văn Có', partyCardNumber: card });
    const member = await createMember(tree.cellA.id, { fullName: 'Mai Văn Sửa' });
    const conflict = await run(UpdateMember, { input: { id: member.id, partyCardNumber: card, fullName: 'Mai Văn Đổi' } });
    expect(conflict.memberUpdate).toMatchObject({ __typename: 'ConflictError', field: 'input.partyCardNumber' });
    const underage = await run(UpdateMember, { input: { id: member.id, birthDate: '2000-01-01' } });
    expect(underage.memberUpdate).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.birthDate' }] });
    const unknown = await run(UpdateMember, { input: { id: Buffer.from('Member:999999').toString('base64'), fullName: 'Ai Đó' } });
    expect(unknown.memberUpdate).toMatchObject({ __typename: 'NotFoundError', field: 'input.id' });
    // Nothing of the refused updates was written.
    expect(await readMember(member.id)).toMatchObject({ fullName: 'Mai Văn Sửa', partyCardNumber: null, birthDate: '1985-05-10' });
  });
});

describe('memberTransfer', () => {
  it('moves a member mid-year: the old assignment ends on the day the new one begins', async () => {
    const tree = await createTree();
    const member = await createMember(tree.cellA.id, { admittedOn: '2019-04-20' });
    const { memberTransfer } = await run(Transfer, { input: { id: member.id, toCellId: tree.cellB.id, on: '2025-07-01' } });
    expect(memberTransfer).toMatchObject({ __typename: 'MemberTransferSuccess', data: { status: 'PROBATIONARY', cell: { id: tree.cellB.id } } });

    const history = await readMember(member.id);
    expect(history.assignments).toEqual([
      { cell: { id: tree.cellA.id, name: 'Chi bộ ấp Hòa Đức' }, fromDate: '2019-04-20', toDate: '2025-07-01' },
      { cell: { id: tree.cellB.id, name: 'Chi bộ ấp 8' }, fromDate: '2025-07-01', toDate: null },
    ]);
    expect(await listNames({ cellId: tree.cellA.id })).toEqual([]);
    expect(await listNames({ cellId: tree.cellB.id })).toEqual([member.fullName]);
  });

  it('transfers a member out of the province: TRANSFERRED_OUT, assignment closed, off the default list', async () => {
    const tree = await createTree();
    const member = await createMember(tree.cellA.id, { fullName: 'Châu Văn Đi' });
    const { memberTransfer } = await run(Transfer, { input: { id: member.id, outOfProvince: true, on: '2025-03-15' } });
    expect(memberTransfer).toMatchObject({
      __typename: 'MemberTransferSuccess',
      data: { status: 'TRANSFERRED_OUT', statusChangedOn: '2025-03-15', assignments: [{ fromDate: '2015-03-02', toDate: '2025-03-15' }] },
    });
    expect(await listNames({ cellId: tree.cellA.id })).toEqual([]);
    expect(await listNames({ cellId: tree.cellA.id, statuses: ['TRANSFERRED_OUT'] })).toEqual(['Châu Văn Đi']);
  });

  it('refuses the same cell, a non-cell, a dissolved cell, an early or future date, a missing target', async () => {
    const tree = await createTree();
    const dissolvedCell = await createUnit({ name: 'Chi bộ giải thể', kind: 'CELL', parentId: tree.commune.id });
    await run(DissolveUnit, { input: { id: dissolvedCell.id, validTo: '2023-06-30' } });
    const member = await createMember(tree.cellA.id, { admittedOn: '2019-04-20' });
    const cases = [
      [{ toCellId: tree.cellA.id, on: '2025-01-01' }, 'input.toCellId'],
      [{ toCellId: tree.commune.id, on: '2025-01-01' }, 'input.toCellId'],
      [{ toCellId: dissolvedCell.id, on: '2025-01-01' }, 'input.toCellId'],
      [{ toCellId: tree.cellB.id, on: '2019-04-19' }, 'input.on'],
      [{ toCellId: tree.cellB.id, on: daysFromToday(3) }, 'input.on'],
      [{ on: '2025-01-01' }, 'input.toCellId'],
      [{ toCellId: tree.cellB.id, outOfProvince: true, on: '2025-01-01' }, 'input.toCellId'],
    ] as const;
    for (const [input, field] of cases) {
      const { memberTransfer } = await run(Transfer, { input: { id: member.id, ...input } });
      expect(memberTransfer.__typename, JSON.stringify(input)).toBe('ValidationError');
      expect(issueFields(memberTransfer), JSON.stringify(input)).toContain(field);
    }
    const unknown = await run(Transfer, { input: { id: member.id, toCellId: Buffer.from('Unit:999999').toString('base64'), on: '2025-01-01' } });
    expect(unknown.memberTransfer).toMatchObject({ __typename: 'NotFoundError', field: 'input.toCellId' });
    // Every refusal left the member where they were.
    const after = await readMember(member.id);
    expect(after.cell?.id).toBe(tree.cellA.id);
    expect(after.assignments).toEqual([{ cell: { id: tree.cellA.id, name: 'Chi bộ ấp Hòa Đức' }, fromDate: '2019-04-20', toDate: null }]);
  });

  it('refuses to transfer a member who is no longer active', async () => {
    const tree = await createTree();
    const member = await createMember(tree.cellA.id);
    await run(ChangeStatus, { input: { id: member.id, status: 'REMOVED', on: '2024-02-01' } });
    const { memberTransfer } = await run(Transfer, { input: { id: member.id, toCellId: tree.cellB.id, on: '2025-01-01' } });
    expect(memberTransfer).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.id' }] });
  });
});

describe('memberRecognizeOfficial', () => {
  it('makes a probationary member official twelve months after admission, with a card number', async () => {
    const tree = await createTree();
    const member = await createMember(tree.cellA.id, { admittedOn: '2024-05-19' });
    const card = nextCardNumber();
    const { memberRecognizeOfficial } = await run(RecognizeOfficial, { input: { id: member.id, on: '2025-05-19', partyCardNumber: card } });
    expect(memberRecognizeOfficial).toMatchObject({
      __typename: 'MemberRecognizeOfficialSuccess',
      data: { status: 'OFFICIAL', officialOn: '2025-05-19', statusChangedOn: '2025-05-19', partyCardNumber: card },
    });
  });

  it('refuses recognition before twelve months, of an official member, and with a card number in use', async () => {
    const tree = await createTree();
    const member = await createMember(tree.cellA.id, { admittedOn: '2024-05-19' });
    const early = await run(RecognizeOfficial, { input: { id: member.id, on: '2025-05-18' } });
    expect(early.memberRecognizeOfficial).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.on' }] });

    const official = await createOfficialMember(tree.cellA.id, 'Tạ Văn Chính');
    const twice = await run(RecognizeOfficial, { input: { id: official.id, on: '2025-05-19' } });
    expect(twice.memberRecognizeOfficial).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.id' }] });

    const taken = await run(RecognizeOfficial, { input: { id: member.id, on: '2025-05-19', partyCardNumber: official.partyCardNumber } });
    expect(taken.memberRecognizeOfficial).toMatchObject({ __typename: 'ConflictError', field: 'input.partyCardNumber' });
    expect(await readMember(member.id)).toMatchObject({ status: 'PROBATIONARY', officialOn: null, partyCardNumber: null });
  });
});

describe('memberChangeStatus', () => {
  it('records a death: status, date, and the assignment closed that day', async () => {
    const tree = await createTree();
    const member = await createMember(tree.cellA.id);
    const { memberChangeStatus } = await run(ChangeStatus, { input: { id: member.id, status: 'DECEASED', on: '2025-09-09' } });
    expect(memberChangeStatus).toMatchObject({
      __typename: 'MemberChangeStatusSuccess',
      data: { status: 'DECEASED', statusChangedOn: '2025-09-09', assignments: [{ fromDate: '2015-03-02', toDate: '2025-09-09' }] },
    });
  });

  it('refuses a member already in a final status, a status that is not a departure, and a date before the cell', async () => {
    const tree = await createTree();
    const member = await createMember(tree.cellA.id);
    const notLeaving = await run(ChangeStatus, { input: { id: member.id, status: 'OFFICIAL', on: '2025-01-01' } });
    expect(notLeaving.memberChangeStatus).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.status' }] });
    const early = await run(ChangeStatus, { input: { id: member.id, status: 'EXPELLED', on: '2015-03-01' } });
    expect(early.memberChangeStatus).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.on' }] });

    await run(ChangeStatus, { input: { id: member.id, status: 'EXPELLED', on: '2025-01-01' } });
    const again = await run(ChangeStatus, { input: { id: member.id, status: 'DECEASED', on: '2025-06-01' } });
    expect(again.memberChangeStatus).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.id' }] });
    expect(await readMember(member.id)).toMatchObject({ status: 'EXPELLED', statusChangedOn: '2025-01-01' });
  });
});

describe('meeting exemptions', () => {
  it('adds an exemption and ends it', async () => {
    const tree = await createTree();
    const member = await createMember(tree.cellA.id);
    const { memberExemptionAdd } = await run(AddExemption, {
      input: { memberId: member.id, fromDate: '2025-01-01', reason: 'HEALTH', note: ' Điều trị dài ngày ' },
    });
    if (memberExemptionAdd.__typename !== 'MemberExemptionAddSuccess') throw new Error(JSON.stringify(memberExemptionAdd));
    expect(memberExemptionAdd.data).toMatchObject({ fromDate: '2025-01-01', toDate: null, reason: 'HEALTH', note: 'Điều trị dài ngày', member: { id: member.id } });

    const { memberExemptionEnd } = await run(EndExemption, { input: { id: memberExemptionAdd.data.id, toDate: '2025-06-30' } });
    expect(memberExemptionEnd).toMatchObject({ __typename: 'MemberExemptionEndSuccess', data: { fromDate: '2025-01-01', toDate: '2025-06-30' } });
    expect((await readMember(member.id)).exemptions).toEqual([
      { id: memberExemptionAdd.data.id, fromDate: '2025-01-01', toDate: '2025-06-30', reason: 'HEALTH' },
    ]);
  });

  it('refuses an exemption overlapping another of the same member, and writes nothing', async () => {
    const tree = await createTree();
    const member = await createMember(tree.cellA.id);
    const neighbour = await createMember(tree.cellA.id, { fullName: 'Phó Văn Khác' });
    await run(AddExemption, { input: { memberId: member.id, fromDate: '2025-01-01', toDate: '2025-03-31', reason: 'WORK' } });

    for (const period of [
      { fromDate: '2025-03-31', toDate: '2025-05-01' }, // shares the last day
      { fromDate: '2024-12-01' }, // open-ended, starts before
      { fromDate: '2024-06-01', toDate: '2025-01-01' }, // ends on the first day
    ]) {
      const { memberExemptionAdd } = await run(AddExemption, { input: { memberId: member.id, reason: 'AGE', ...period } });
      expect(memberExemptionAdd, JSON.stringify(period)).toMatchObject({ __typename: 'ConflictError', field: 'input.fromDate' });
    }
    // Back to back is not an overlap, and another member's exemption never clashes.
    const next = await run(AddExemption, { input: { memberId: member.id, fromDate: '2025-04-01', reason: 'AGE' } });
    expect(next.memberExemptionAdd.__typename).toBe('MemberExemptionAddSuccess');
    const other = await run(AddExemption, { input: { memberId: neighbour.id, fromDate: '2025-02-01', reason: 'AGE' } });
    expect(other.memberExemptionAdd.__typename).toBe('MemberExemptionAddSuccess');
    expect((await readMember(member.id)).exemptions.map((e) => e.fromDate)).toEqual(['2025-04-01', '2025-01-01']);
  });

  it('refuses toDate before fromDate, an unknown member, an unknown exemption, and an end that would overlap', async () => {
    const tree = await createTree();
    const member = await createMember(tree.cellA.id);
    const backwards = await run(AddExemption, { input: { memberId: member.id, fromDate: '2025-05-01', toDate: '2025-04-30', reason: 'OTHER' } });
    expect(backwards.memberExemptionAdd).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.toDate' }] });
    const unknown = await run(AddExemption, {
      input: { memberId: Buffer.from('Member:999999').toString('base64'), fromDate: '2025-05-01', reason: 'OTHER' },
    });
    expect(unknown.memberExemptionAdd).toMatchObject({ __typename: 'NotFoundError', field: 'input.memberId' });
    const noExemption = await run(EndExemption, { input: { id: Buffer.from('MeetingExemption:999999').toString('base64'), toDate: '2025-01-01' } });
    expect(noExemption.memberExemptionEnd).toMatchObject({ __typename: 'NotFoundError', field: 'input.id' });

    const first = await run(AddExemption, { input: { memberId: member.id, fromDate: '2025-01-01', toDate: '2025-01-31', reason: 'WORK' } });
    const second = await run(AddExemption, { input: { memberId: member.id, fromDate: '2025-03-01', toDate: '2025-03-31', reason: 'WORK' } });
    if (first.memberExemptionAdd.__typename !== 'MemberExemptionAddSuccess' || second.memberExemptionAdd.__typename !== 'MemberExemptionAddSuccess') {
      throw new Error('setup failed');
    }
    const id = first.memberExemptionAdd.data.id;
    const longer = await run(EndExemption, { input: { id, toDate: '2025-03-05' } });
    expect(longer.memberExemptionEnd).toMatchObject({ __typename: 'ConflictError', field: 'input.toDate' });
    const early = await run(EndExemption, { input: { id, toDate: '2024-12-31' } });
    expect(early.memberExemptionEnd).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.toDate' }] });
    expect((await readMember(member.id)).exemptions.find((e) => e.id === id)?.toDate).toBe('2025-01-31');
  });
});

const Restore = graphql(`
  mutation MembersRestore($input: MemberRestoreInput!) {
    memberRestore(input: $input) {
      __typename
      ... on MemberRestoreSuccess {
        data {
          id status statusChangedOn cell { id }
          assignments { cell { id } fromDate toDate transferDistance }
          restorations { cell { id } restoredOn previousStatus previousStatusOn decisionNumber }
        }
      }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
    }
  }
`);

const Distances = graphql(`
  query MembersDistances($id: ID!) {
    node(id: $id) { ... on Member { assignments { cell { id } fromDate transferDistance transferredInFrom } } }
  }
`);

describe('leaving the Party and membership restored', () => {
  it('records leaving the Party (ra khỏi Đảng) as a departure, and restores membership into a cell', async () => {
    const tree = await createTree();
    const member = await createOfficialMember(tree.cellA.id, 'Lâm Văn Về');
    const left = await run(ChangeStatus, { input: { id: member.id, status: 'LEFT_PARTY', on: '2023-04-10' } });
    expect(left.memberChangeStatus).toMatchObject({
      __typename: 'MemberChangeStatusSuccess',
      data: { status: 'LEFT_PARTY', statusChangedOn: '2023-04-10', assignments: [{ toDate: '2023-04-10' }] },
    });
    const { memberRestore } = await run(Restore, { input: { id: member.id, cellId: tree.cellB.id, on: '2025-02-03', decisionNumber: ' 12-QĐ/HU ' } });
    expect(memberRestore).toMatchObject({
      __typename: 'MemberRestoreSuccess',
      data: {
        status: 'OFFICIAL', statusChangedOn: '2025-02-03', cell: { id: tree.cellB.id },
        assignments: [
          { cell: { id: tree.cellA.id }, toDate: '2023-04-10' },
          { cell: { id: tree.cellB.id }, fromDate: '2025-02-03', toDate: null, transferDistance: null },
        ],
        restorations: [{ cell: { id: tree.cellB.id }, restoredOn: '2025-02-03', previousStatus: 'LEFT_PARTY', previousStatusOn: '2023-04-10', decisionNumber: '12-QĐ/HU' }],
      },
    });
  });

  it('refuses to restore an active or deceased member, a day not after the departure, and a cell that is not one', async () => {
    const tree = await createTree();
    const active = await createMember(tree.cellA.id);
    const notGone = await run(Restore, { input: { id: active.id, cellId: tree.cellA.id, on: '2025-01-01' } });
    expect(notGone.memberRestore).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.id' }] });
    const dead = await createMember(tree.cellA.id, { fullName: 'Hồ Văn Mất' });
    await run(ChangeStatus, { input: { id: dead.id, status: 'DECEASED', on: '2024-01-01' } });
    const deceased = await run(Restore, { input: { id: dead.id, cellId: tree.cellA.id, on: '2025-01-01' } });
    expect(deceased.memberRestore).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.id' }] });

    const removed = await createMember(tree.cellA.id, { fullName: 'Tô Văn Xóa' });
    await run(ChangeStatus, { input: { id: removed.id, status: 'REMOVED', on: '2024-05-05' } });
    const early = await run(Restore, { input: { id: removed.id, cellId: tree.cellA.id, on: '2024-05-05' } });
    expect(early.memberRestore).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.on' }] });
    const notCell = await run(Restore, { input: { id: removed.id, cellId: tree.commune.id, on: '2025-01-01' } });
    expect(notCell.memberRestore).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.cellId' }] });
    expect(await readMember(removed.id)).toMatchObject({ status: 'REMOVED', statusChangedOn: '2024-05-05' });
  });
});

describe('transfers and how far they reach (Biểu 1)', () => {
  it('derives the distance of a move from the cells’ ancestry: same district, same province', async () => {
    const tree = await createTree();
    const otherDistrict = await createUnit({ name: 'Huyện Long Mỹ', kind: 'DISTRICT', parentId: tree.province.id });
    const otherCommune = await createUnit({ name: 'Xã Long Bình', kind: 'GRASSROOTS', parentId: otherDistrict.id });
    const far = await createUnit({ name: 'Chi bộ ấp Long Hòa', kind: 'CELL', parentId: otherCommune.id });
    const member = await createMember(tree.cellA.id);
    await run(Transfer, { input: { id: member.id, toCellId: tree.cellB.id, on: '2024-03-01' } });
    await run(Transfer, { input: { id: member.id, toCellId: far.id, on: '2025-03-01' } });
    const read = await run(Distances, { id: member.id });
    if (!read.node || !('assignments' in read.node)) throw new Error('no member');
    expect(read.node.assignments.map((a) => [a.cell?.id, a.transferDistance])).toEqual([
      [tree.cellA.id, null],
      [tree.cellB.id, 'SAME_DISTRICT'],
      [far.id, 'SAME_PROVINCE'],
    ]);
  });

  it('records a member transferred in from outside, with where from and how far, both or neither', async () => {
    const tree = await createTree();
    const member = await createMember(tree.cellA.id, { joinedCellOn: '2024-08-01', transferredInFrom: ' Đảng bộ tỉnh Sóc Trăng ', transferDistance: 'OTHER_PROVINCE' });
    const read = await run(Distances, { id: member.id });
    if (!read.node || !('assignments' in read.node)) throw new Error('no member');
    expect(read.node.assignments).toEqual([{ cell: { id: tree.cellA.id }, fromDate: '2024-08-01', transferDistance: 'OTHER_PROVINCE', transferredInFrom: 'Đảng bộ tỉnh Sóc Trăng' }]);
    const half = await run(CreateMember, { input: memberInput(tree.cellA.id, { fullName: 'Mai Văn Nửa', transferDistance: 'SAME_PROVINCE' }) });
    expect(half.memberCreate).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.transferredInFrom' }] });
    const other = await run(CreateMember, { input: memberInput(tree.cellA.id, { fullName: 'Mai Văn Kia', transferredInFrom: 'Huyện khác' }) });
    expect(other.memberCreate).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.transferDistance' }] });
  });
});
