import { describe, expect, it } from 'vitest';
import type { ThematicPlanFilter, ThematicPlanRegisterInput } from './generated/graphql.js';
import { graphql } from './generated/index.js';
import { run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { createTree } from './support/factories.js';
import { createMember, meetingInput, RecordMeeting, recordMeeting } from './support/meetings.factories.js';

useFreshDatabase();

const RegisterPlan = graphql(`
  mutation RegisterPlan($input: ThematicPlanRegisterInput!) {
    thematicPlanRegister(input: $input) {
      __typename
      ... on ThematicPlanRegisterSuccess { data { id year status registeredOn cell { name } items { id quarter topic meeting { id } } } }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
      ... on ConflictError { field }
    }
  }
`);

const DecidePlan = graphql(`
  mutation DecidePlan($input: ThematicPlanDecideInput!) {
    thematicPlanDecide(input: $input) {
      __typename
      ... on ThematicPlanDecideSuccess { data { id status decidedOn approvedBy { name } } }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
      ... on ConflictError { field }
    }
  }
`);

const Plans = graphql(`
  query Plans($filter: ThematicPlanFilter) {
    thematicPlans(filter: $filter) { totalCount edges { node { id year status cell { name } } } }
  }
`);

const PlanItem = graphql(`
  query PlanItem($id: ID!) { node(id: $id) { ... on ThematicPlanItem { topic meeting { id } } } }
`);

const DeleteMeeting = graphql(`
  mutation DeleteMeetingOfPlan($input: MeetingDeleteInput!) { meetingDelete(input: $input) { __typename } }
`);

const MembersAtRisk = graphql(`
  query MembersAtRisk($unitId: ID!, $year: Int!) {
    membersAtRisk(unitId: $unitId, year: $year) { months member { id fullName } }
  }
`);

const AbsenceMonths = graphql(`
  query AbsenceMonths($id: ID!, $year: Int!) { node(id: $id) { ... on Member { unexcusedAbsenceMonths(year: $year) } } }
`);

const topics = ['Học tập và làm theo tư tưởng Bác Hồ', 'Xây dựng nông thôn mới', 'Chuyển đổi số', 'Công tác phát triển đảng viên'];

function planInput(cellId: string, year = 2024): ThematicPlanRegisterInput {
  return { cellId, year, registeredOn: `${year - 1}-12-20`, items: topics.map((topic, index) => ({ quarter: index + 1, topic })) };
}

async function registerPlan(input: ThematicPlanRegisterInput) {
  const { thematicPlanRegister } = await run(RegisterPlan, { input });
  if (thematicPlanRegister.__typename !== 'ThematicPlanRegisterSuccess') throw new Error(JSON.stringify(thematicPlanRegister));
  return thematicPlanRegister.data;
}

async function approvedPlan(cellId: string, committeeId: string) {
  const plan = await registerPlan(planInput(cellId));
  await run(DecidePlan, { input: { planId: plan.id, approve: true, decidedByUnitId: committeeId, decidedOn: '2024-01-05' } });
  return plan;
}

describe('thematicPlanRegister', () => {
  it('registers a cell’s topics for a year, one or more a quarter', async () => {
    const { cellA } = await createTree();
    const plan = await registerPlan({ ...planInput(cellA.id), items: [...planInput(cellA.id).items, { quarter: 2, topic: '  Phòng   chống tham nhũng ' }] });
    expect(plan).toMatchObject({ year: 2024, status: 'REGISTERED', registeredOn: '2023-12-20', cell: { name: 'Chi bộ ấp Hòa Đức' } });
    expect(plan.items.map((item) => [item.quarter, item.topic])).toEqual([
      [1, topics[0]],
      [2, topics[1]],
      [2, 'Phòng chống tham nhũng'],
      [3, topics[2]],
      [4, topics[3]],
    ]);
  });

  it('refuses a plan leaving a quarter without a topic, a quarter out of range and a unit that is not a cell', async () => {
    const tree = await createTree();
    const cases: [Partial<ThematicPlanRegisterInput>, string, RegExp][] = [
      [{ items: [{ quarter: 1, topic: 'A' }, { quarter: 3, topic: 'B' }] }, 'input.items', /no topic for quarter 2, 4/],
      [{ items: [...planInput(tree.cellA.id).items, { quarter: 5, topic: 'C' }] }, 'input.items.4.quarter', /1 to 4/],
      [{ items: [] }, 'input.items', /at least one/],
      [{ cellId: tree.commune.id }, 'input.cellId', /not|GRASSROOTS/],
    ];
    for (const [overrides, field, message] of cases) {
      const { thematicPlanRegister } = await run(RegisterPlan, { input: { ...planInput(tree.cellA.id), ...overrides } });
      expect(thematicPlanRegister.__typename, field).toBe('ValidationError');
      if (thematicPlanRegister.__typename !== 'ValidationError') continue;
      expect(thematicPlanRegister.issues).toContainEqual({ field, message: expect.stringMatching(message) });
    }
    expect((await run(Plans, { filter: { underUnitId: tree.province.id } })).thematicPlans.totalCount).toBe(0);
  });

  it('answers ConflictError for a second plan of a cell for the year, NotFoundError for an unknown cell', async () => {
    const { cellA } = await createTree();
    await registerPlan(planInput(cellA.id));
    const { thematicPlanRegister } = await run(RegisterPlan, { input: planInput(cellA.id) });
    expect(thematicPlanRegister).toMatchObject({ __typename: 'ConflictError', field: 'input.year' });
    await registerPlan(planInput(cellA.id, 2025));
    const { thematicPlanRegister: nowhere } = await run(RegisterPlan, { input: planInput('VW5pdDo5OTk5OTk=') });
    expect(nowhere).toMatchObject({ __typename: 'NotFoundError', field: 'input.cellId' });
  });
});

describe('thematicPlanDecide', () => {
  it('approves a plan by a committee above the cell, once', async () => {
    const tree = await createTree();
    const plan = await registerPlan(planInput(tree.cellA.id));
    const { thematicPlanDecide } = await run(DecidePlan, {
      input: { planId: plan.id, approve: true, decidedByUnitId: tree.commune.id, decidedOn: '2024-01-05' },
    });
    expect(thematicPlanDecide).toMatchObject({ data: { status: 'APPROVED', decidedOn: '2024-01-05', approvedBy: { name: 'Xã Hòa An' } } });
    const { thematicPlanDecide: again } = await run(DecidePlan, {
      input: { planId: plan.id, approve: false, decidedByUnitId: tree.district.id, decidedOn: '2024-01-06' },
    });
    expect(again).toMatchObject({ __typename: 'ConflictError', field: 'input.planId' });
  });

  it('refuses a committee not above the cell and a decision before registration; rejects when asked', async () => {
    const tree = await createTree();
    const other = await createTree();
    const plan = await registerPlan(planInput(tree.cellA.id));
    const cases = [
      [{ decidedByUnitId: other.commune.id }, 'input.decidedByUnitId'],
      [{ decidedByUnitId: tree.cellB.id }, 'input.decidedByUnitId'],
      [{ decidedOn: '2023-12-01' }, 'input.decidedOn'],
    ] as const;
    for (const [overrides, field] of cases) {
      const { thematicPlanDecide } = await run(DecidePlan, {
        input: { planId: plan.id, approve: true, decidedByUnitId: tree.commune.id, decidedOn: '2024-01-05', ...overrides },
      });
      expect(thematicPlanDecide, field).toMatchObject({ __typename: 'ValidationError', issues: [{ field }] });
    }
    const { thematicPlanDecide: missing } = await run(DecidePlan, {
      input: { planId: 'VGhlbWF0aWNQbGFuOjk5OTk5', approve: true, decidedByUnitId: tree.commune.id, decidedOn: '2024-01-05' },
    });
    expect(missing).toMatchObject({ __typename: 'NotFoundError', field: 'input.planId' });
    const { thematicPlanDecide: rejected } = await run(DecidePlan, {
      input: { planId: plan.id, approve: false, decidedByUnitId: tree.district.id, decidedOn: '2024-01-05' },
    });
    expect(rejected).toMatchObject({ data: { status: 'REJECTED' } });
  });
});

describe('thematicPlans query', () => {
  it('lists plans under a unit by year and status, cells in Vietnamese order', async () => {
    const tree = await createTree();
    await approvedPlan(tree.cellA.id, tree.commune.id);
    await registerPlan(planInput(tree.cellB.id));
    await registerPlan(planInput(tree.cellB.id, 2023));
    const names = async (filter: ThematicPlanFilter) =>
      (await run(Plans, { filter })).thematicPlans.edges.map((e) => `${e.node.year} ${e.node.cell.name}`);
    expect(await names({ underUnitId: tree.commune.id })).toEqual(['2024 Chi bộ ấp 8', '2024 Chi bộ ấp Hòa Đức', '2023 Chi bộ ấp 8']);
    expect(await names({ underUnitId: tree.commune.id, year: 2024, status: 'APPROVED' })).toEqual(['2024 Chi bộ ấp Hòa Đức']);
    expect(await names({ underUnitId: tree.cellB.id, status: 'REGISTERED' })).toEqual(['2024 Chi bộ ấp 8', '2023 Chi bộ ấp 8']);
  });
});

describe('meetingRecord with a thematic plan item', () => {
  it('fulfils an approved plan’s item with a thematic meeting, once; deleting the meeting frees it', async () => {
    const tree = await createTree();
    const plan = await approvedPlan(tree.cellA.id, tree.commune.id);
    const item = plan.items[0];
    if (!item) throw new Error('no item');
    const meeting = await recordMeeting(meetingInput(tree.cellA.id, '2024-02-15', { kind: 'THEMATIC', topic: item.topic, planItemId: item.id }));
    expect(meeting.planItem).toEqual({ id: item.id, topic: item.topic });
    const { meetingRecord: twice } = await run(RecordMeeting, {
      input: meetingInput(tree.cellA.id, '2024-03-15', { kind: 'COMBINED', planItemId: item.id }),
    });
    expect(twice).toMatchObject({ __typename: 'ConflictError', field: 'input.planItemId' });
    expect(twice.__typename === 'ConflictError' && twice.message).toMatch(/already fulfilled by the meeting held on 2024-02-15/);

    await run(DeleteMeeting, { input: { id: meeting.id } });
    expect(await run(PlanItem, { id: item.id })).toEqual({ node: { topic: item.topic, meeting: null } });
    const combined = await recordMeeting(meetingInput(tree.cellA.id, '2024-03-15', { kind: 'COMBINED', planItemId: item.id }));
    expect(combined.planItem?.id).toBe(item.id);
  });

  it('refuses a plan item for a regular meeting, another cell’s or year’s plan, or a plan not approved', async () => {
    const tree = await createTree();
    const approved = await approvedPlan(tree.cellA.id, tree.commune.id);
    const pending = await registerPlan(planInput(tree.cellB.id));
    const itemOf = (plan: typeof approved) => plan.items[0]?.id ?? '';
    const cases = [
      [tree.cellA.id, '2024-02-15', { kind: 'REGULAR' as const, planItemId: itemOf(approved) }, /only a THEMATIC or COMBINED/],
      [tree.cellB.id, '2024-02-15', { kind: 'THEMATIC' as const, planItemId: itemOf(approved) }, /another cell/],
      [tree.cellA.id, '2025-02-15', { kind: 'THEMATIC' as const, planItemId: itemOf(approved) }, /another year/],
      [tree.cellB.id, '2024-02-15', { kind: 'THEMATIC' as const, planItemId: itemOf(pending) }, /REGISTERED, not APPROVED/],
    ] as const;
    for (const [cellId, day, overrides, message] of cases) {
      const { meetingRecord } = await run(RecordMeeting, { input: meetingInput(cellId, day, overrides) });
      expect(meetingRecord).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.planItemId', message: expect.stringMatching(message) }] });
    }
    const { meetingRecord: unknown } = await run(RecordMeeting, {
      input: meetingInput(tree.cellA.id, '2024-02-15', { kind: 'THEMATIC', planItemId: 'VGhlbWF0aWNQbGFuSXRlbTo5OTk5OQ==' }),
    });
    expect(unknown).toMatchObject({ __typename: 'NotFoundError', field: 'input.planItemId' });
  });
});

describe('members at risk of removal', () => {
  it('flags unexcused absence in three distinct months of a year, not three absences in two months', async () => {
    const tree = await createTree();
    const other = await createTree();
    const threeMonths = await createMember({ fullName: 'Trương Văn Sáu', cellId: tree.cellA.id });
    const twoMonths = await createMember({ fullName: 'Đỗ Thị Bảy', cellId: tree.cellA.id });
    const excused = await createMember({ fullName: 'Lưu Văn Tám', cellId: tree.cellA.id });
    const elsewhere = await createMember({ fullName: 'Phan Văn Chín', cellId: other.cellA.id });
    const held: [string, string, 'REGULAR' | 'THEMATIC', { memberId: string; kind: 'EXCUSED' | 'UNEXCUSED' }[]][] = [
      [tree.cellA.id, '2024-01-09', 'REGULAR', [{ memberId: threeMonths.id, kind: 'UNEXCUSED' }, { memberId: twoMonths.id, kind: 'UNEXCUSED' }, { memberId: excused.id, kind: 'EXCUSED' }]],
      [tree.cellA.id, '2024-01-23', 'THEMATIC', [{ memberId: twoMonths.id, kind: 'UNEXCUSED' }, { memberId: excused.id, kind: 'EXCUSED' }]],
      [tree.cellA.id, '2024-02-06', 'REGULAR', [{ memberId: twoMonths.id, kind: 'UNEXCUSED' }, { memberId: excused.id, kind: 'EXCUSED' }]],
      // Held on 2 April, counting late for March: the month that counts is March.
      [tree.cellA.id, '2024-04-02', 'REGULAR', [{ memberId: threeMonths.id, kind: 'UNEXCUSED' }]],
      [tree.cellA.id, '2024-05-07', 'REGULAR', [{ memberId: threeMonths.id, kind: 'UNEXCUSED' }]],
      [tree.cellA.id, '2023-11-07', 'REGULAR', [{ memberId: twoMonths.id, kind: 'UNEXCUSED' }]],
      [other.cellA.id, '2024-01-09', 'REGULAR', [{ memberId: elsewhere.id, kind: 'UNEXCUSED' }]],
      [other.cellA.id, '2024-02-06', 'REGULAR', [{ memberId: elsewhere.id, kind: 'UNEXCUSED' }]],
      [other.cellA.id, '2024-03-05', 'REGULAR', [{ memberId: elsewhere.id, kind: 'UNEXCUSED' }]],
    ];
    for (const [cellId, day, kind, absences] of held) {
      const month = day === '2024-04-02' ? 3 : Number(day.slice(5, 7));
      await recordMeeting(meetingInput(cellId, day, { kind, month, absences }));
    }
    // The test's own count: distinct counted months of unexcused absence per member in 2024.
    const monthsOf = (memberId: string) =>
      [...new Set(held.filter(([, day, , absences]) => day.startsWith('2024') && absences.some((a) => a.memberId === memberId && a.kind === 'UNEXCUSED'))
        .map(([, day]) => (day === '2024-04-02' ? 3 : Number(day.slice(5, 7)))))].sort((a, b) => a - b);
    expect(monthsOf(threeMonths.id)).toEqual([1, 3, 5]);
    expect(monthsOf(twoMonths.id)).toEqual([1, 2]);

    const { membersAtRisk } = await run(MembersAtRisk, { unitId: tree.province.id, year: 2024 });
    expect(membersAtRisk).toEqual([{ months: monthsOf(threeMonths.id), member: { id: threeMonths.id, fullName: 'Trương Văn Sáu' } }]);
    expect((await run(MembersAtRisk, { unitId: other.commune.id, year: 2024 })).membersAtRisk.map((r) => r.member.fullName)).toEqual(['Phan Văn Chín']);
    expect((await run(MembersAtRisk, { unitId: tree.cellA.id, year: 2023 })).membersAtRisk).toEqual([]);

    for (const member of [threeMonths, twoMonths, excused]) {
      const result = await run(AbsenceMonths, { id: member.id, year: 2024 });
      expect(result.node && 'unexcusedAbsenceMonths' in result.node && result.node.unexcusedAbsenceMonths, member.fullName).toEqual(monthsOf(member.id));
    }
  });
});
