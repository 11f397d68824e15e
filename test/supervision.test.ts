import { describe, expect, it } from 'vitest';
import { graphql } from './generated/index.js';
import { run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { createUnit } from './support/factories.js';
import { createMeeting, createMember } from './support/ratings.factories.js';

useFreshDatabase();

const GroupCreate = graphql(`
  mutation GroupCreate($input: WorkingGroupCreateInput!) {
    workingGroupCreate(input: $input) {
      __typename
      ... on WorkingGroupCreateSuccess {
        data { id name decisionNumber formedOn formedBy { name } members { fullName role member { fullName } } }
      }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
    }
  }
`);

const AssignCells = graphql(`
  mutation AssignCells($input: WorkingGroupAssignCellsInput!) {
    workingGroupAssignCells(input: $input) {
      __typename
      ... on WorkingGroupAssignCellsSuccess { data { assignments { cell { name } fromDate toDate } } }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
      ... on ConflictError { field }
    }
  }
`);

const UnassignCell = graphql(`
  mutation UnassignCell($input: WorkingGroupUnassignCellInput!) {
    workingGroupUnassignCell(input: $input) {
      __typename
      ... on WorkingGroupUnassignCellSuccess { data { assignments { cell { name } fromDate toDate } } }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
    }
  }
`);

const Dissolve = graphql(`
  mutation Dissolve($input: WorkingGroupDissolveInput!) {
    workingGroupDissolve(input: $input) {
      __typename
      ... on WorkingGroupDissolveSuccess { data { dissolvedOn assignments { cell { name } toDate } } }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
    }
  }
`);

const VisitRecord = graphql(`
  mutation VisitRecord($input: VisitRecordInput!) {
    visitRecord(input: $input) {
      __typename
      ... on VisitRecordSuccess {
        data { visitorName comments recommendations workingGroup { name } visitorUnit { name } meeting { heldOn cell { name } } }
      }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
      ... on ConflictError { field }
    }
  }
`);

const Group = graphql(`
  query Group($id: ID!) {
    node(id: $id) {
      ... on WorkingGroup {
        dissolvedOn
        assignments { cell { name } fromDate toDate }
        visits { visitorName meeting { heldOn } }
      }
    }
  }
`);

const WorkingGroups = graphql(`
  query WorkingGroups($filter: WorkingGroupFilter) {
    workingGroups(filter: $filter) {
      totalCount
      edges { node { name formedBy { name } } }
    }
  }
`);

const Summary = graphql(`
  query Summary($unitId: ID!, $year: Int!) {
    supervisionSummary(unitId: $unitId, year: $year) {
      workingGroup { name }
      cellsAssigned
      visits
      cellsVisited
    }
  }
`);

/** Lộc Bình: the district committee, two cells directly under it, one commune with a cell. */
async function createDistrict(suffix = '') {
  const province = await createUnit({ name: `Tỉnh Lạng Sơn${suffix}`, kind: 'PROVINCE' });
  const district = await createUnit({ name: `Huyện Lộc Bình${suffix}`, kind: 'DISTRICT', parentId: province.id });
  const insurance = await createUnit({ name: 'Chi bộ Bảo hiểm xã hội', kind: 'CELL', category: 'AGENCY', parentId: district.id });
  const culture = await createUnit({ name: 'Chi bộ Văn hóa Thể thao và Truyền thông', kind: 'CELL', category: 'AGENCY', parentId: district.id });
  const commune = await createUnit({ name: 'Xã Tú Đoạn', kind: 'GRASSROOTS', parentId: district.id });
  const hamlet = await createUnit({ name: 'Chi bộ thôn Nà Lùng', kind: 'CELL', parentId: commune.id });
  return { province, district, insurance, culture, commune, hamlet };
}

async function createGroup(formedByUnitId: string, name = 'Tổ công tác số 1', formedOn = '2021-12-24') {
  const { workingGroupCreate } = await run(GroupCreate, {
    input: {
      name,
      decisionNumber: '1777-QĐ/HU',
      formedByUnitId,
      formedOn,
      members: [
        { fullName: 'Nguyễn Văn Thành', role: 'Tổ trưởng' },
        { fullName: 'Hoàng Thị Lan', role: 'Thành viên' },
      ],
    },
  });
  if (workingGroupCreate.__typename !== 'WorkingGroupCreateSuccess') throw new Error(JSON.stringify(workingGroupCreate));
  return workingGroupCreate.data;
}

async function groupState(id: string) {
  const { node } = await run(Group, { id });
  if (!node || !('assignments' in node)) throw new Error('no group');
  return node;
}

function failedFields(result: { __typename: string; issues?: { field: string }[] }): string[] | string {
  return result.__typename === 'ValidationError' ? (result.issues ?? []).map((issue) => issue.field) : result.__typename;
}

describe('workingGroupCreate', () => {
  it('forms a group by a committee’s decision with its members, a party member linked', async () => {
    const lb = await createDistrict();
    const leader = await createMember('Nguyễn Văn Thành', [{ cellId: lb.insurance.id, from: '2010-01-01' }]);
    const { workingGroupCreate } = await run(GroupCreate, {
      input: {
        name: '  Tổ công tác   số 1 ',
        decisionNumber: '1777-QĐ/HU',
        formedByUnitId: lb.district.id,
        formedOn: '2021-12-24',
        members: [
          { fullName: 'Nguyễn Văn Thành', role: 'Tổ trưởng', memberId: leader },
          { fullName: 'Hoàng Thị Lan', role: 'Thành viên' },
        ],
      },
    });
    expect(workingGroupCreate).toMatchObject({
      __typename: 'WorkingGroupCreateSuccess',
      data: {
        name: 'Tổ công tác số 1',
        decisionNumber: '1777-QĐ/HU',
        formedOn: '2021-12-24',
        formedBy: { name: 'Huyện Lộc Bình' },
        members: [
          { fullName: 'Nguyễn Văn Thành', role: 'Tổ trưởng', member: { fullName: 'Nguyễn Văn Thành' } },
          { fullName: 'Hoàng Thị Lan', role: 'Thành viên', member: null },
        ],
      },
    });
  });

  it('refuses a cell as the forming unit, no members, an unknown member and a missing name, writing nothing', async () => {
    const lb = await createDistrict();
    const base = { name: 'Tổ thử', decisionNumber: '1-QĐ/HU', formedByUnitId: lb.district.id, formedOn: '2022-01-01' };
    const person = { fullName: 'Lê Văn Hùng', role: 'Thành viên' };
    const cases = [
      [{ ...base, formedByUnitId: lb.insurance.id, members: [person] }, ['input.formedByUnitId']],
      [{ ...base, members: [] }, ['input.members']],
      [{ ...base, name: ' ', members: [person] }, ['input.name']],
      [{ ...base, formedOn: '2010-01-01', members: [person] }, ['input.formedOn']],
      [{ ...base, members: [person, { ...person, memberId: 'bad' }] }, ['input.members.1.memberId']],
      [{ ...base, members: [person, { ...person, memberId: 'TWVtYmVyOjk5OTk5OQ==' }] }, 'NotFoundError'],
    ] as const;
    for (const [input, expected] of cases) {
      const { workingGroupCreate } = await run(GroupCreate, { input: { ...input, members: [...input.members] } });
      expect(failedFields(workingGroupCreate), JSON.stringify(input)).toEqual(expected);
    }
    const listed = await run(WorkingGroups, { filter: { formedByUnitId: lb.district.id } });
    expect(listed.workingGroups.totalCount).toBe(0);
  });
});

describe('workingGroupAssignCells and workingGroupUnassignCell', () => {
  it('assigns cells under the forming committee, and refuses an already assigned cell', async () => {
    const lb = await createDistrict();
    const group = await createGroup(lb.district.id);
    const { workingGroupAssignCells } = await run(AssignCells, {
      input: { groupId: group.id, cellIds: [lb.insurance.id, lb.hamlet.id], fromDate: '2022-01-01' },
    });
    expect(workingGroupAssignCells).toMatchObject({
      __typename: 'WorkingGroupAssignCellsSuccess',
      data: {
        assignments: [
          { cell: { name: 'Chi bộ Bảo hiểm xã hội' }, fromDate: '2022-01-01', toDate: null },
          { cell: { name: 'Chi bộ thôn Nà Lùng' }, fromDate: '2022-01-01', toDate: null },
        ],
      },
    });
    const again = await run(AssignCells, { input: { groupId: group.id, cellIds: [lb.culture.id, lb.insurance.id], fromDate: '2022-02-01' } });
    expect(again.workingGroupAssignCells).toMatchObject({ __typename: 'ConflictError', field: 'input.cellIds.1' });
    // All or nothing: the culture cell listed first was not assigned either.
    expect((await groupState(group.id)).assignments).toHaveLength(2);
  });

  it('refuses a unit that is not a cell, a cell outside the committee, a duplicate and a date before the group, writing nothing', async () => {
    const lb = await createDistrict();
    const other = await createDistrict(' khác');
    const group = await createGroup(lb.commune.id, 'Tổ công tác xã');
    const cases = [
      [{ cellIds: [lb.hamlet.id, lb.commune.id] }, ['input.cellIds.1']],
      [{ cellIds: [lb.insurance.id] }, ['input.cellIds.0']], // under the district, not the commune
      [{ cellIds: [other.hamlet.id] }, ['input.cellIds.0']],
      [{ cellIds: [lb.hamlet.id, lb.hamlet.id] }, ['input.cellIds.1']],
      [{ cellIds: [lb.hamlet.id], fromDate: '2021-01-01' }, ['input.fromDate']],
      [{ cellIds: [] }, ['input.cellIds']],
      [{ cellIds: ['VW5pdDo5OTk5OTk='] }, 'NotFoundError'],
    ] as const;
    for (const [change, expected] of cases) {
      const { workingGroupAssignCells } = await run(AssignCells, {
        input: { groupId: group.id, fromDate: '2022-01-01', ...change, cellIds: [...change.cellIds] },
      });
      expect(failedFields(workingGroupAssignCells), JSON.stringify(change)).toEqual(expected);
    }
    expect((await groupState(group.id)).assignments).toEqual([]);
  });

  it('ends an assignment on a day, and assigns the cell again from then on', async () => {
    const lb = await createDistrict();
    const group = await createGroup(lb.district.id);
    await run(AssignCells, { input: { groupId: group.id, cellIds: [lb.culture.id], fromDate: '2022-01-01' } });
    const early = await run(UnassignCell, { input: { groupId: group.id, cellId: lb.culture.id, toDate: '2021-12-31' } });
    expect(failedFields(early.workingGroupUnassignCell)).toEqual(['input.toDate']);
    const ended = await run(UnassignCell, { input: { groupId: group.id, cellId: lb.culture.id, toDate: '2022-07-01' } });
    expect(ended.workingGroupUnassignCell).toMatchObject({
      data: { assignments: [{ cell: { name: 'Chi bộ Văn hóa Thể thao và Truyền thông' }, toDate: '2022-07-01' }] },
    });
    const twice = await run(UnassignCell, { input: { groupId: group.id, cellId: lb.culture.id, toDate: '2022-08-01' } });
    expect(failedFields(twice.workingGroupUnassignCell)).toEqual(['input.cellId']);
    const overlapping = await run(AssignCells, { input: { groupId: group.id, cellIds: [lb.culture.id], fromDate: '2022-06-01' } });
    expect(failedFields(overlapping.workingGroupAssignCells)).toEqual(['input.fromDate']);
    const reassigned = await run(AssignCells, { input: { groupId: group.id, cellIds: [lb.culture.id], fromDate: '2023-01-01' } });
    expect(reassigned.workingGroupAssignCells).toMatchObject({ data: { assignments: [{ fromDate: '2023-01-01', toDate: null }] } });
  });
});

describe('visitRecord', () => {
  it('records a visit by a group assigned to the meeting’s cell on its date', async () => {
    const lb = await createDistrict();
    const group = await createGroup(lb.district.id);
    await run(AssignCells, { input: { groupId: group.id, cellIds: [lb.culture.id], fromDate: '2022-01-01' } });
    const meeting = await createMeeting(lb.culture.id, '2022-03-05');
    const { visitRecord } = await run(VisitRecord, {
      input: {
        meetingId: meeting,
        workingGroupId: group.id,
        comments: 'Chi bộ sinh hoạt tách riêng với họp chuyên môn.',
        recommendations: 'Tăng cường đảng viên phát biểu.',
      },
    });
    expect(visitRecord).toMatchObject({
      __typename: 'VisitRecordSuccess',
      data: {
        visitorName: 'Tổ công tác số 1',
        workingGroup: { name: 'Tổ công tác số 1' },
        visitorUnit: null,
        meeting: { heldOn: '2022-03-05', cell: { name: 'Chi bộ Văn hóa Thể thao và Truyền thông' } },
      },
    });
    const twice = await run(VisitRecord, { input: { meetingId: meeting, workingGroupId: group.id } });
    expect(twice.visitRecord).toMatchObject({ __typename: 'ConflictError', field: 'input.workingGroupId' });
    expect((await groupState(group.id)).visits).toEqual([{ visitorName: 'Tổ công tác số 1', meeting: { heldOn: '2022-03-05' } }]);
  });

  it('lists visits by subtree, group and dates, the latest meeting first, with cursors', async () => {
    const lb = await createDistrict();
    const group = await createGroup(lb.district.id);
    await run(AssignCells, { input: { groupId: group.id, cellIds: [lb.culture.id, lb.insurance.id], fromDate: '2022-01-01' } });
    const days = ['2022-03-05', '2022-05-06', '2022-07-07'];
    for (const heldOn of days) {
      for (const cell of [lb.culture.id, lb.insurance.id]) {
        await run(VisitRecord, { input: { meetingId: await createMeeting(cell, heldOn), workingGroupId: group.id } });
      }
    }
    const Visits = graphql(`
      query Visits($filter: VisitFilter, $first: Int, $after: String) {
        visits(filter: $filter, first: $first, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { node { meeting { heldOn cell { name } } } }
        }
      }
    `);
    const all = await run(Visits, { filter: { underUnitId: lb.district.id, workingGroupId: group.id } });
    expect(all.visits.totalCount).toBe(6);
    expect(all.visits.edges.map((e) => e.node.meeting.heldOn)).toEqual([...days, ...days].sort().reverse());
    const oneCell = await run(Visits, { filter: { underUnitId: lb.culture.id, heldFrom: '2022-05-01', heldTo: '2022-12-31' } });
    expect(oneCell.visits.edges.map((e) => [e.node.meeting.heldOn, e.node.meeting.cell.name])).toEqual([
      ['2022-07-07', 'Chi bộ Văn hóa Thể thao và Truyền thông'],
      ['2022-05-06', 'Chi bộ Văn hóa Thể thao và Truyền thông'],
    ]);
    const first = await run(Visits, { filter: { workingGroupId: group.id }, first: 4 });
    const rest = await run(Visits, { filter: { workingGroupId: group.id }, first: 4, after: first.visits.pageInfo.endCursor });
    expect(first.visits.pageInfo.hasNextPage).toBe(true);
    expect(first.visits.edges.length + rest.visits.edges.length).toBe(6);
  });

  it('refuses a group not assigned to the cell on the meeting’s date, writing nothing', async () => {
    const lb = await createDistrict();
    const group = await createGroup(lb.district.id);
    await run(AssignCells, { input: { groupId: group.id, cellIds: [lb.culture.id], fromDate: '2022-03-01' } });
    await run(UnassignCell, { input: { groupId: group.id, cellId: lb.culture.id, toDate: '2022-09-01' } });
    for (const heldOn of ['2022-02-05', '2022-09-01', '2022-10-05']) {
      const meeting = await createMeeting(lb.culture.id, heldOn);
      const { visitRecord } = await run(VisitRecord, { input: { meetingId: meeting, workingGroupId: group.id } });
      expect(failedFields(visitRecord), heldOn).toEqual(['input.workingGroupId']);
    }
    const otherCell = await createMeeting(lb.insurance.id, '2022-04-05');
    expect(failedFields((await run(VisitRecord, { input: { meetingId: otherCell, workingGroupId: group.id } })).visitRecord)).toEqual([
      'input.workingGroupId',
    ]);
    expect((await groupState(group.id)).visits).toEqual([]);
  });

  it('records a visit by a member of a committee above the cell, and refuses one from elsewhere', async () => {
    const lb = await createDistrict();
    const other = await createDistrict(' khác');
    const meeting = await createMeeting(lb.hamlet.id, '2022-05-10');
    const { visitRecord } = await run(VisitRecord, {
      input: { meetingId: meeting, visitorUnitId: lb.district.id, visitorName: 'Hoàng Văn Thuận' },
    });
    expect(visitRecord).toMatchObject({ data: { visitorName: 'Hoàng Văn Thuận', visitorUnit: { name: 'Huyện Lộc Bình' }, workingGroup: null } });
    const cases = [
      [{ visitorUnitId: other.district.id, visitorName: 'Người ngoài' }, ['input.visitorUnitId']],
      [{ visitorUnitId: lb.hamlet.id, visitorName: 'Chính chi bộ' }, ['input.visitorUnitId']],
      [{ visitorUnitId: lb.insurance.id, visitorName: 'Chi bộ bên cạnh' }, ['input.visitorUnitId']],
      [{ visitorUnitId: lb.commune.id }, ['input.visitorName']],
      [{}, ['input.workingGroupId']],
      [{ visitorUnitId: lb.commune.id, visitorName: 'Hoàng Văn Thuận', workingGroupId: 'V29ya2luZ0dyb3VwOjE=' }, ['input.workingGroupId']],
    ] as const;
    for (const [change, expected] of cases) {
      const result = await run(VisitRecord, { input: { meetingId: meeting, ...change } });
      expect(failedFields(result.visitRecord), JSON.stringify(change)).toEqual(expected);
    }
    const twice = await run(VisitRecord, { input: { meetingId: meeting, visitorUnitId: lb.district.id, visitorName: 'Hoàng Văn Thuận' } });
    expect(twice.visitRecord).toMatchObject({ __typename: 'ConflictError' });
    const unknown = await run(VisitRecord, { input: { meetingId: 'TWVldGluZzo5OTk5OTk=', visitorUnitId: lb.district.id, visitorName: 'X' } });
    expect(unknown.visitRecord).toMatchObject({ __typename: 'NotFoundError', field: 'input.meetingId' });
  });
});

describe('workingGroupDissolve', () => {
  it('dissolves a group, ending its assignments, after which it may not visit', async () => {
    const lb = await createDistrict();
    const group = await createGroup(lb.district.id);
    await run(AssignCells, { input: { groupId: group.id, cellIds: [lb.culture.id, lb.insurance.id], fromDate: '2022-01-01' } });
    const visited = await createMeeting(lb.culture.id, '2022-06-10');
    await run(VisitRecord, { input: { meetingId: visited, workingGroupId: group.id } });

    const beforeVisit = await run(Dissolve, { input: { groupId: group.id, on: '2022-06-10' } });
    expect(failedFields(beforeVisit.workingGroupDissolve)).toEqual(['input.on']);
    expect((await groupState(group.id)).dissolvedOn).toBeNull();

    const dissolved = await run(Dissolve, { input: { groupId: group.id, on: '2023-01-01' } });
    expect(dissolved.workingGroupDissolve).toMatchObject({
      data: { dissolvedOn: '2023-01-01', assignments: [{ toDate: '2023-01-01' }, { toDate: '2023-01-01' }] },
    });
    const again = await run(Dissolve, { input: { groupId: group.id, on: '2023-02-01' } });
    expect(failedFields(again.workingGroupDissolve)).toEqual(['input.groupId']);
    const later = await createMeeting(lb.culture.id, '2023-01-10');
    expect(failedFields((await run(VisitRecord, { input: { meetingId: later, workingGroupId: group.id } })).visitRecord)).toEqual([
      'input.workingGroupId',
    ]);
    const active = await run(WorkingGroups, { filter: { underUnitId: lb.province.id, activeOn: '2023-01-01' } });
    expect(active.workingGroups.totalCount).toBe(0);
    const activeBefore = await run(WorkingGroups, { filter: { underUnitId: lb.province.id, activeOn: '2022-12-31' } });
    expect(activeBefore.workingGroups.totalCount).toBe(1);
  });
});

describe('supervisionSummary and workingGroups', () => {
  it('counts per group the cells assigned, the visits in the year and the distinct cells visited', async () => {
    const lb = await createDistrict();
    const first = await createGroup(lb.district.id, 'Tổ công tác số 1');
    const second = await createGroup(lb.district.id, 'Tổ công tác số 2');
    const communeGroup = await createGroup(lb.commune.id, 'Tổ công tác xã', '2022-01-01');
    await run(AssignCells, { input: { groupId: first.id, cellIds: [lb.culture.id, lb.insurance.id], fromDate: '2022-01-01' } });
    await run(AssignCells, { input: { groupId: second.id, cellIds: [lb.hamlet.id], fromDate: '2022-01-01' } });
    await run(AssignCells, { input: { groupId: communeGroup.id, cellIds: [lb.hamlet.id], fromDate: '2022-01-01' } });

    const visits = [
      { group: first, cell: lb.culture, on: '2022-02-10' },
      { group: first, cell: lb.culture, on: '2022-03-10' },
      { group: first, cell: lb.culture, on: '2023-01-10' }, // another year
      { group: second, cell: lb.hamlet, on: '2022-04-12' },
      { group: communeGroup, cell: lb.hamlet, on: '2022-04-12' },
    ];
    const meetings = new Map<string, string>();
    for (const visit of visits) {
      const key = `${visit.cell.id} ${visit.on}`;
      const meeting = meetings.get(key) ?? (await createMeeting(visit.cell.id, visit.on));
      meetings.set(key, meeting);
      const { visitRecord } = await run(VisitRecord, { input: { meetingId: meeting, workingGroupId: visit.group.id } });
      expect(visitRecord.__typename).toBe('VisitRecordSuccess');
    }

    const expected = [first, second, communeGroup]
      .map((group) => {
        const inYear = visits.filter((v) => v.group === group && v.on.startsWith('2022'));
        const assigned = group === first ? 2 : 1;
        return { workingGroup: { name: group.name }, cellsAssigned: assigned, visits: inYear.length, cellsVisited: new Set(inYear.map((v) => v.cell.id)).size };
      })
      .sort((a, b) => new Intl.Collator('vi').compare(a.workingGroup.name, b.workingGroup.name));
    const summary = await run(Summary, { unitId: lb.province.id, year: 2022 });
    expect(summary.supervisionSummary).toEqual(expected);
    expect(summary.supervisionSummary[0]).toEqual({ workingGroup: { name: 'Tổ công tác số 1' }, cellsAssigned: 2, visits: 2, cellsVisited: 1 });
    const communeOnly = await run(Summary, { unitId: lb.commune.id, year: 2022 });
    expect(communeOnly.supervisionSummary.map((row) => row.workingGroup.name)).toEqual(['Tổ công tác xã']);

    const byDistrict = await run(WorkingGroups, { filter: { formedByUnitId: lb.district.id } });
    expect(byDistrict.workingGroups.totalCount).toBe(2);
    const under = await run(WorkingGroups, { filter: { underUnitId: lb.district.id } });
    expect(under.workingGroups.totalCount).toBe(3);
    // The district's groups were formed on 2021-12-24, the commune's on 2022-01-01.
    const notYet = await run(WorkingGroups, { filter: { underUnitId: lb.district.id, activeOn: '2021-12-23' } });
    expect(notYet.workingGroups.totalCount).toBe(0);
    const districtOnly = await run(WorkingGroups, { filter: { underUnitId: lb.district.id, activeOn: '2021-12-31' } });
    expect(districtOnly.workingGroups.edges.map((e) => e.node.formedBy?.name)).toEqual(['Huyện Lộc Bình', 'Huyện Lộc Bình']);
  });
});
