import { describe, expect, it } from 'vitest';
import { wholeStore } from './support/store.js';
import { localId } from '../src/graphql/ids.js';
import type { CriteriaSetCreateInput, MeetingFilter } from './generated/graphql.js';
import { graphql } from './generated/index.js';
import { run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { createTree, createUnit, nextCode } from './support/factories.js';
import {
  createMember,
  createWorkingGroup,
  meetingInput,
  RecordMeeting,
  recordMeeting,
  scores,
  type MemberSpec,
} from './support/meetings.factories.js';

useFreshDatabase();

const CriteriaSetFor = graphql(`
  query CriteriaSetFor($cellId: ID!, $on: Date!) {
    criteriaSetFor(cellId: $cellId, on: $on) {
      id code
      criteria { code maxPoints requiredForGood }
      bands { level minScore }
    }
  }
`);

const Meetings = graphql(`
  query Meetings($filter: MeetingFilter, $first: Int, $after: String) {
    meetings(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id heldOn kind topic } }
    }
  }
`);

const UnitMeetings = graphql(`
  query UnitMeetings($id: ID!, $filter: MeetingFilter) {
    node(id: $id) { ... on Unit { meetings(filter: $filter) { totalCount edges { node { id } } } } }
  }
`);

const AssessMeeting = graphql(`
  mutation AssessMeeting($input: MeetingAssessInput!) {
    meetingAssess(input: $input) {
      __typename
      ... on MeetingAssessSuccess { data { assessor totalScore level workingGroup { name } meeting { id assessments { assessor } } } }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
      ... on ConflictError { field }
    }
  }
`);

const UpdateMeeting = graphql(`
  mutation UpdateMeeting($input: MeetingUpdateInput!) {
    meetingUpdate(input: $input) {
      __typename
      ... on MeetingUpdateSuccess { data { topic speakerCount minutesKept draftResolution expectedCount } }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
    }
  }
`);

const DeleteMeeting = graphql(`
  mutation DeleteMeeting($input: MeetingDeleteInput!) {
    meetingDelete(input: $input) {
      __typename
      ... on MeetingDeleteSuccess { data }
      ... on Error { message }
      ... on NotFoundError { field }
    }
  }
`);

const CreateCriteriaSet = graphql(`
  mutation CreateCriteriaSet($input: CriteriaSetCreateInput!) {
    criteriaSetCreate(input: $input) {
      __typename
      ... on CriteriaSetCreateSuccess { data { id code issuedBy { name } criteria { code position maxPoints } bands { level minScore } } }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
      ... on ConflictError { field }
    }
  }
`);

const CriteriaSets = graphql(`
  query CriteriaSets($issuedByUnitId: ID, $on: Date) { criteriaSets(issuedByUnitId: $issuedByUnitId, on: $on) { code } }
`);

const LEAVING = ['TRANSFERRED_OUT', 'DECEASED', 'REMOVED', 'EXPELLED'];

/** The test's own reading of the rule: assigned that day, status still attending, not exempt. */
function expectedOn(spec: MemberSpec, day: string): boolean {
  const inCell = (spec.from ?? '2020-01-01') <= day && (!spec.to || day < spec.to);
  const left = LEAVING.includes(spec.status ?? 'OFFICIAL') && (!spec.statusChangedOn || spec.statusChangedOn <= day);
  const exempt = (spec.exemptions ?? []).some((e) => e.from <= day && (!e.to || day <= e.to));
  return inCell && !left && !exempt;
}

type ScoringSet = Awaited<ReturnType<typeof criteriaSetOf>>;

async function criteriaSetOf(cellId: string, on: string) {
  return (await run(CriteriaSetFor, { cellId, on })).criteriaSetFor;
}

/** The level oracle, from the set's own bands: the best band reached, GOOD only with every required criterion at full marks. */
function levelOf(set: ScoringSet, points: Record<string, number>) {
  const total = Object.values(points).reduce((sum, value) => sum + value, 0);
  const requiredFull = set.criteria.every((c) => !c.requiredForGood || points[c.code] === c.maxPoints);
  const band = [...set.bands]
    .sort((a, b) => b.minScore - a.minScore)
    .find((b) => total >= b.minScore && (b.level !== 'GOOD' || requiredFull));
  return { total, level: band?.level };
}

const FULL = { ATTENDANCE: 20, PREPARATION: 20, CONDUCT: 30, PRINCIPLES: 15, FOLLOW_UP: 15 };
/** Full marks on the criteria an assessor types under the central set; ATTENDANCE is computed from the record. */
const { ATTENDANCE: _computed, ...TYPED_FULL } = FULL;

async function meetingCount(cellId: string) {
  return (await run(Meetings, { filter: { cellId } })).meetings.totalCount;
}

async function absenceCount(cellId: string) {
  return wholeStore().meetingAbsence.count({ where: { meeting: { cellId: localId(cellId, 'Unit', 'cellId') } } });
}

/** A cell with members in every situation the expected count must handle, on 2024-03-12. */
async function cellWithMembers() {
  const tree = await createTree();
  const cell = tree.cellA.id;
  const specs: MemberSpec[] = [
    { fullName: 'Nguyễn Văn An', cellId: cell },
    { fullName: 'Trần Thị Bình', cellId: cell },
    { fullName: 'Lê Văn Cường', cellId: cell },
    { fullName: 'Phạm Thị Dung', cellId: cell, from: '2024-03-12' }, // joined that very day
    { fullName: 'Võ Văn Em', cellId: cell, exemptions: [{ from: '2024-01-01', to: '2024-12-31', reason: 'AGE' }] },
    { fullName: 'Hồ Thị Phương', cellId: cell, exemptions: [{ from: '2022-01-01', to: '2023-12-31' }] }, // exemption over
    { fullName: 'Đặng Văn Giang', cellId: cell, to: '2024-02-01', otherAssignments: [[tree.cellB.id, '2024-02-01']] },
    { fullName: 'Bùi Thị Hoa', cellId: cell, from: '2024-04-01' },
    { fullName: 'Lý Văn Khánh', cellId: cell, status: 'DECEASED', statusChangedOn: '2024-01-10' },
    { fullName: 'Mai Văn Lâm', cellId: cell, status: 'TRANSFERRED_OUT', statusChangedOn: '2024-06-01' }, // still there in March
  ];
  const members: (Awaited<ReturnType<typeof createMember>> & { spec: MemberSpec })[] = [];
  for (const spec of specs) members.push({ ...(await createMember(spec)), spec });
  const byName = (name: string) => {
    const found = members.find((m) => m.fullName === name);
    if (!found) throw new Error(name);
    return found;
  };
  return { tree, cell, members, byName };
}

describe('meetingRecord', () => {
  it('computes expected and present from the members of the cell that day, less the exempt and those gone', async () => {
    const { cell, members, byName } = await cellWithMembers();
    const day = '2024-03-12';
    const expected = members.filter((m) => expectedOn(m.spec, day));
    expect(expected.map((m) => m.fullName).sort()).toEqual(
      ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Hồ Thị Phương', 'Mai Văn Lâm'].sort(),
    );
    const absences = [
      { memberId: byName('Nguyễn Văn An').id, kind: 'UNEXCUSED' as const },
      { memberId: byName('Trần Thị Bình').id, kind: 'EXCUSED' as const, reason: '  Đi   công tác ' },
    ];
    const meeting = await recordMeeting(meetingInput(cell, day, { absences }));
    expect(meeting).toMatchObject({
      kind: 'REGULAR',
      year: 2024,
      month: 3,
      heldOn: day,
      durationMinutes: 120,
      expectedCount: expected.length,
      presentCount: expected.length - absences.length,
      assessments: [],
      planItem: null,
    });
    expect(meeting.absences).toEqual(
      expect.arrayContaining([
        { kind: 'UNEXCUSED', reason: null, member: { id: byName('Nguyễn Văn An').id, fullName: 'Nguyễn Văn An' } },
        { kind: 'EXCUSED', reason: 'Đi công tác', member: { id: byName('Trần Thị Bình').id, fullName: 'Trần Thị Bình' } },
      ]),
    );
  });

  it('records a meeting where no one was present', async () => {
    const { cell, members } = await cellWithMembers();
    const day = '2024-03-12';
    const expected = members.filter((m) => expectedOn(m.spec, day));
    const absences = expected.map((m) => ({ memberId: m.id, kind: 'EXCUSED' as const, reason: 'Lũ lụt' }));
    const meeting = await recordMeeting(meetingInput(cell, day, { absences }));
    expect(meeting).toMatchObject({ expectedCount: expected.length, presentCount: 0 });
  });

  it('refuses absentees who were not expected, saying why, and writes nothing', async () => {
    const { cell, byName } = await cellWithMembers();
    const cases = [
      ['Võ Văn Em', /exempt/],
      ['Đặng Văn Giang', /not a member of Chi bộ ấp Hòa Đức on 2024-03-12/],
      ['Bùi Thị Hoa', /not a member of/],
      ['Lý Văn Khánh', /DECEASED since 2024-01-10/],
    ] as const;
    for (const [name, why] of cases) {
      const { meetingRecord } = await run(RecordMeeting, {
        input: meetingInput(cell, '2024-03-12', {
          absences: [
            { memberId: byName('Nguyễn Văn An').id, kind: 'EXCUSED' },
            { memberId: byName(name).id, kind: 'UNEXCUSED' },
          ],
        }),
      });
      expect(meetingRecord.__typename, name).toBe('ValidationError');
      if (meetingRecord.__typename !== 'ValidationError') continue;
      expect(meetingRecord.issues).toEqual([{ field: 'input.absences.1.memberId', message: expect.stringMatching(why) }]);
    }
    expect(await meetingCount(cell)).toBe(0);
    expect(await absenceCount(cell)).toBe(0);
  });

  it('refuses a member listed twice and answers NotFoundError for an unknown member', async () => {
    const { cell, byName } = await cellWithMembers();
    const an = byName('Nguyễn Văn An').id;
    const { meetingRecord: twice } = await run(RecordMeeting, {
      input: meetingInput(cell, '2024-03-12', { absences: [{ memberId: an, kind: 'EXCUSED' }, { memberId: an, kind: 'UNEXCUSED' }] }),
    });
    expect(twice).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.absences.1.memberId' }] });
    const { meetingRecord: unknown } = await run(RecordMeeting, {
      input: meetingInput(cell, '2024-03-12', { absences: [{ memberId: 'TWVtYmVyOjk5OTk5OQ==', kind: 'EXCUSED' }] }),
    });
    expect(unknown).toMatchObject({ __typename: 'NotFoundError', field: 'input.absences.0.memberId' });
    expect(await meetingCount(cell)).toBe(0);
  });

  it('is all-or-nothing: an assessment that fails after the meeting was written leaves no meeting and no absences', async () => {
    const { cell, byName } = await cellWithMembers();
    const { meetingRecord } = await run(RecordMeeting, {
      input: meetingInput(cell, '2024-03-12', {
        absences: [{ memberId: byName('Nguyễn Văn An').id, kind: 'UNEXCUSED' }],
        assessment: { scores: scores({ ...TYPED_FULL, CONDUCT: 31 }) },
      }),
    });
    expect(meetingRecord).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.assessment.scores.1.points' }] });
    expect(await meetingCount(cell)).toBe(0);
    expect(await absenceCount(cell)).toBe(0);
  });

  it('answers ConflictError on input.month for a second regular or combined meeting in a month; thematic ones may follow', async () => {
    const { cellB } = await createTree();
    await recordMeeting(meetingInput(cellB.id, '2024-03-05'));
    for (const kind of ['REGULAR', 'COMBINED'] as const) {
      const { meetingRecord } = await run(RecordMeeting, { input: meetingInput(cellB.id, '2024-03-20', { kind }) });
      expect(meetingRecord).toMatchObject({ __typename: 'ConflictError', field: 'input.month' });
      expect(meetingRecord.__typename === 'ConflictError' && meetingRecord.message).toMatch(
        /a regular meeting for 2024-03 is already recorded for Chi bộ ấp 8 \(held on 2024-03-05\)/,
      );
    }
    await recordMeeting(meetingInput(cellB.id, '2024-03-20', { kind: 'THEMATIC' }));
    await recordMeeting(meetingInput(cellB.id, '2024-03-25', { kind: 'EXTRAORDINARY' }));
    // Held early in April, counting late for March: still March's slot.
    const { meetingRecord: late } = await run(RecordMeeting, { input: meetingInput(cellB.id, '2024-04-02', { year: 2024, month: 3 }) });
    expect(late).toMatchObject({ __typename: 'ConflictError', field: 'input.month' });
    expect(await meetingCount(cellB.id)).toBe(3);
  });

  it('validates times, the counting month, speakers and the cell, naming each field', async () => {
    const tree = await createTree();
    const cell = tree.cellA.id;
    const cases = [
      [{ endsAt: '2024-03-12T07:00:00+07:00' }, 'input.endsAt', /after startsAt/],
      // 19:00 UTC on the 12th is 02:00 on the 13th in Vietnam.
      [{ startsAt: '2024-03-12T19:00:00Z', endsAt: '2024-03-12T21:00:00Z' }, 'input.heldOn', /UTC\+7.*2024-03-13/],
      [{ month: 13 }, 'input.month', /1 to 12/],
      [{ month: 1 }, 'input.month', /counts for 2024-03 or, held late, for 2024-02; not for 2024-01/],
      [{ year: 2025 }, 'input.month', /not for 2025-03/],
      [{ speakerCount: -1 }, 'input.speakerCount', /negative/],
      [{ topic: '   ' }, 'input.topic', /empty/],
      [{ cellId: tree.commune.id }, 'input.cellId', /Xã Hòa An is a GRASSROOTS/],
      [{ cellId: 'bad' }, 'input.cellId', /not an id/],
    ] as const;
    for (const [overrides, field, message] of cases) {
      const { meetingRecord } = await run(RecordMeeting, { input: meetingInput(cell, '2024-03-12', overrides) });
      expect(meetingRecord.__typename, field).toBe('ValidationError');
      if (meetingRecord.__typename !== 'ValidationError') continue;
      expect(meetingRecord.issues).toContainEqual({ field, message: expect.stringMatching(message) });
    }
    const old = await createUnit({ name: 'Chi bộ cũ', kind: 'CELL', parentId: tree.commune.id, validFrom: '2024-06-01' });
    const { meetingRecord } = await run(RecordMeeting, { input: meetingInput(old.id, '2024-03-12') });
    expect(meetingRecord).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.cellId' }] });
    const { meetingRecord: nowhere } = await run(RecordMeeting, { input: meetingInput('VW5pdDo5OTk5OTk=', '2024-03-12') });
    expect(nowhere).toMatchObject({ __typename: 'NotFoundError', field: 'input.cellId' });
    expect(await meetingCount(cell)).toBe(0);
  });

  it('scores an assessment under the default set: total and level computed from the set’s bands', async () => {
    const { cellA } = await createTree();
    const set = await criteriaSetOf(cellA.id, '2024-01-01');
    expect(set.code).toBe('TW-12-HD-2018');
    const cases: [string, Record<string, number>, string][] = [
      // Nobody is expected in this cell, so nobody was missing: ATTENDANCE has its full 20 from the record.
      ['2024-01-10', { ...FULL, CONDUCT: 19.5 }, 'FAIR'], // 89.5
      ['2024-02-10', { ...FULL, PREPARATION: 18, FOLLOW_UP: 11 }, 'FAIR'], // 94, a required criterion short
      ['2024-03-10', { ...FULL, CONDUCT: 25 }, 'GOOD'], // 95, every required one full
      ['2024-04-10', { ATTENDANCE: 20, PREPARATION: 10, CONDUCT: 15, PRINCIPLES: 5, FOLLOW_UP: 5 }, 'AVERAGE'], // 55
      ['2024-05-10', { ATTENDANCE: 20, PREPARATION: 10, CONDUCT: 10, PRINCIPLES: 5, FOLLOW_UP: 0 }, 'POOR'], // 45
    ];
    for (const [day, points, level] of cases) {
      const oracle = levelOf(set, points);
      expect(oracle.level, day).toBe(level);
      const meeting = await recordMeeting(meetingInput(cellA.id, day, { assessment: { scores: scores(points) } }));
      expect(meeting.assessments).toEqual([
        expect.objectContaining({ assessor: 'CELL', totalScore: oracle.total, level: oracle.level, scoredOn: day, criteriaSet: { code: set.code } }),
      ]);
    }
  });

  it('refuses scores that miss, repeat or invent a criterion or exceed its maximum', async () => {
    const { cellA } = await createTree();
    const { PRINCIPLES: _left, ...missing } = FULL;
    const cases = [
      [scores(missing), 'input.assessment.scores', /no points given for PRINCIPLES/],
      [[...scores(FULL), { criterionCode: 'CONDUCT', points: 1 }], 'input.assessment.scores.5.criterionCode', /twice/],
      [[...scores(FULL), { criterionCode: 'SINGING', points: 1 }], 'input.assessment.scores.5.criterionCode', /not a criterion of TW-12-HD-2018/],
      [scores({ ...FULL, ATTENDANCE: 20.5 }), 'input.assessment.scores.0.points', /at most 20 points/],
      [scores({ ...FULL, ATTENDANCE: -1 }), 'input.assessment.scores.0.points', /negative/],
      [scores({ ...FULL, ATTENDANCE: 10.125 }), 'input.assessment.scores.0.points', /two decimals/],
    ] as const;
    for (const [given, field, message] of cases) {
      const { meetingRecord } = await run(RecordMeeting, {
        input: meetingInput(cellA.id, '2024-03-12', { assessment: { scores: [...given] } }),
      });
      expect(meetingRecord.__typename, field).toBe('ValidationError');
      if (meetingRecord.__typename !== 'ValidationError') continue;
      expect(meetingRecord.issues).toContainEqual({ field, message: expect.stringMatching(message) });
    }
    expect(await meetingCount(cellA.id)).toBe(0);
  });

  it('scores under the province’s own set when one is valid that day, and the default elsewhere', async () => {
    const tree = await createTree();
    const other = await createTree();
    const code = nextCode('HG');
    const { criteriaSetCreate } = await run(CreateCriteriaSet, { input: provinceSet(tree.province.id, code, '2024-01-01', '2024-12-31') });
    expect(criteriaSetCreate.__typename).toBe('CriteriaSetCreateSuccess');
    expect((await criteriaSetOf(tree.cellA.id, '2024-06-01')).code).toBe(code);
    expect((await criteriaSetOf(tree.cellA.id, '2025-01-01')).code).toBe('TW-12-HD-2018');
    expect((await criteriaSetOf(other.cellA.id, '2024-06-01')).code).toBe('TW-12-HD-2018');

    const set = await criteriaSetOf(tree.cellA.id, '2024-06-01');
    const points = { RESULTS: 50, CONDUCT: 36 };
    const oracle = levelOf(set, points);
    expect(oracle.level).toBe('GOOD'); // 86 meets this province's bar of 85
    const meeting = await recordMeeting(meetingInput(tree.cellA.id, '2024-06-04', { assessment: { scores: scores(points) } }));
    expect(meeting.assessments[0]).toMatchObject({ totalScore: 86, level: oracle.level, criteriaSet: { code } });

    // Naming another province's set, or a set outside its dates, is refused.
    const { meetingRecord: foreign } = await run(RecordMeeting, {
      input: meetingInput(other.cellA.id, '2024-06-04', { assessment: { criteriaSetId: set.id, scores: scores(points) } }),
    });
    expect(foreign).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.assessment.criteriaSetId', message: expect.stringMatching(/another province/) }] });
    const { meetingRecord: expired } = await run(RecordMeeting, {
      input: meetingInput(tree.cellB.id, '2025-02-04', { assessment: { criteriaSetId: set.id, scores: scores(points) } }),
    });
    expect(expired).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.assessment.criteriaSetId', message: expect.stringMatching(/not on 2025-02-04/) }] });
  });
});

function provinceSet(provinceId: string, code: string, validFrom: string, validTo?: string) {
  return {
    code,
    name: 'Tiêu chí chấm điểm sinh hoạt chi bộ của Tỉnh ủy',
    issuedByUnitId: provinceId,
    decisionNumber: '05-HD/TU',
    validFrom,
    validTo,
    criteria: [
      { code: 'RESULTS', name: 'Kết quả thực hiện nghị quyết', maxPoints: 50, requiredForGood: true },
      { code: 'CONDUCT', name: 'Tổ chức sinh hoạt', maxPoints: 50 },
    ],
    bands: [
      { level: 'GOOD' as const, minScore: 85 },
      { level: 'FAIR' as const, minScore: 70 },
      { level: 'AVERAGE' as const, minScore: 50 },
      { level: 'POOR' as const, minScore: 0 },
    ],
  };
}

describe('meetingAssess', () => {
  it('adds a working group’s and the superior committee’s assessments, one per assessor kind', async () => {
    const tree = await createTree();
    const group = await createWorkingGroup(tree.district.id);
    const meeting = await recordMeeting(meetingInput(tree.cellA.id, '2024-03-12', { assessment: { scores: scores(FULL) } }));
    const set = await criteriaSetOf(tree.cellA.id, '2024-03-12');
    const points = { ...FULL, CONDUCT: 22 };
    const { meetingAssess } = await run(AssessMeeting, {
      input: { meetingId: meeting.id, assessment: { assessor: 'WORKING_GROUP', workingGroupId: group, scoredOn: '2024-03-13', scores: scores(points) } },
    });
    expect(meetingAssess).toMatchObject({
      __typename: 'MeetingAssessSuccess',
      data: { assessor: 'WORKING_GROUP', totalScore: levelOf(set, points).total, level: levelOf(set, points).level, workingGroup: { name: 'Tổ công tác số 1' } },
    });
    const { meetingAssess: superior } = await run(AssessMeeting, {
      input: { meetingId: meeting.id, assessment: { assessor: 'SUPERIOR_COMMITTEE', assessorUnitId: tree.commune.id, scores: scores(FULL) } },
    });
    expect(superior.__typename === 'MeetingAssessSuccess' && superior.data.meeting.assessments.map((a) => a.assessor).sort()).toEqual([
      'CELL',
      'SUPERIOR_COMMITTEE',
      'WORKING_GROUP',
    ]);
  });

  it('answers ConflictError for a second assessment by the same kind, and checks the assessor and the meeting', async () => {
    const tree = await createTree();
    const other = await createTree();
    const meeting = await recordMeeting(meetingInput(tree.cellA.id, '2024-03-12', { assessment: { scores: scores(FULL) } }));
    const again = await run(AssessMeeting, { input: { meetingId: meeting.id, assessment: { scores: scores(FULL) } } });
    expect(again.meetingAssess).toMatchObject({ __typename: 'ConflictError', field: 'input.assessment.assessor' });

    const cases = [
      [{ assessor: 'SUPERIOR_COMMITTEE' as const, assessorUnitId: other.commune.id }, 'input.assessment.assessorUnitId'],
      [{ assessor: 'WORKING_GROUP' as const }, 'input.assessment.workingGroupId'],
      [{ assessor: 'SUPERIOR_COMMITTEE' as const, assessorUnitId: tree.district.id, scoredOn: '2024-03-11' }, 'input.assessment.scoredOn'],
    ] as const;
    for (const [assessment, field] of cases) {
      const { meetingAssess } = await run(AssessMeeting, { input: { meetingId: meeting.id, assessment: { ...assessment, scores: scores(FULL) } } });
      expect(meetingAssess, field).toMatchObject({ __typename: 'ValidationError', issues: [{ field }] });
    }
    const { meetingAssess: missingGroup } = await run(AssessMeeting, {
      input: { meetingId: meeting.id, assessment: { assessor: 'WORKING_GROUP', workingGroupId: 'V29ya2luZ0dyb3VwOjk5OTk5', scores: scores(FULL) } },
    });
    expect(missingGroup).toMatchObject({ __typename: 'NotFoundError', field: 'input.assessment.workingGroupId' });
    const { meetingAssess: missingMeeting } = await run(AssessMeeting, {
      input: { meetingId: 'TWVldGluZzo5OTk5OTk=', assessment: { scores: scores(FULL) } },
    });
    expect(missingMeeting).toMatchObject({ __typename: 'NotFoundError', field: 'input.meetingId' });
    expect(await wholeStore().meetingAssessment.count({ where: { meetingId: localId(meeting.id, 'Meeting', 'id') } })).toBe(1);
  });
});

describe('meetingUpdate and meetingDelete', () => {
  it('corrects the topic, flags and speakers, leaving the rest', async () => {
    const { cellA } = await createTree();
    const meeting = await recordMeeting(meetingInput(cellA.id, '2024-03-12'));
    const { meetingUpdate } = await run(UpdateMeeting, { input: { id: meeting.id, topic: ' Học tập   Nghị quyết ', speakerCount: 9, minutesKept: false } });
    expect(meetingUpdate).toMatchObject({
      __typename: 'MeetingUpdateSuccess',
      data: { topic: 'Học tập Nghị quyết', speakerCount: 9, minutesKept: false, draftResolution: true, expectedCount: 0 },
    });
    const { meetingUpdate: negative } = await run(UpdateMeeting, { input: { id: meeting.id, speakerCount: -2 } });
    expect(negative).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.speakerCount' }] });
    const { meetingUpdate: missing } = await run(UpdateMeeting, { input: { id: 'TWVldGluZzo5OTk5OTk=', topic: 'x' } });
    expect(missing).toMatchObject({ __typename: 'NotFoundError', field: 'input.id' });
  });

  it('deletes a meeting with its absences, assessments and visits, freeing its month', async () => {
    const { cellA, district } = await createTree();
    const member = await createMember({ fullName: 'Ngô Văn Tâm', cellId: cellA.id });
    const meeting = await recordMeeting(
      meetingInput(cellA.id, '2024-03-12', { absences: [{ memberId: member.id, kind: 'UNEXCUSED' }], assessment: { scores: scores(TYPED_FULL) } }),
    );
    const meetingId = localId(meeting.id, 'Meeting', 'id');
    await wholeStore().meetingVisit.create({ data: { meetingId, visitorUnitId: localId(district.id, 'Unit', 'id'), visitorName: 'Đồng chí Bí thư' } });
    const { meetingDelete } = await run(DeleteMeeting, { input: { id: meeting.id } });
    expect(meetingDelete).toEqual({ __typename: 'MeetingDeleteSuccess', data: meeting.id });
    expect(await meetingCount(cellA.id)).toBe(0);
    expect(await wholeStore().meetingAbsence.count({ where: { meetingId } })).toBe(0);
    expect(await wholeStore().meetingAssessment.count({ where: { meetingId } })).toBe(0);
    expect(await wholeStore().meetingVisit.count({ where: { meetingId } })).toBe(0);
    await recordMeeting(meetingInput(cellA.id, '2024-03-20'));
    const { meetingDelete: again } = await run(DeleteMeeting, { input: { id: meeting.id } });
    expect(again).toMatchObject({ __typename: 'NotFoundError', field: 'input.id' });
  });
});

describe('meetings query', () => {
  it('filters by unit, cell, year, month, kind, level and dates, most recent first', async () => {
    const tree = await createTree();
    const other = await createTree();
    const held = [
      [tree.cellA.id, '2024-01-09', 'REGULAR', { ...FULL }],
      [tree.cellA.id, '2024-02-06', 'REGULAR', { ...FULL, CONDUCT: 10 }],
      [tree.cellA.id, '2024-02-20', 'THEMATIC', null],
      [tree.cellB.id, '2024-02-08', 'REGULAR', { ...FULL }],
      [tree.cellB.id, '2023-12-05', 'REGULAR', null],
      [other.cellA.id, '2024-02-07', 'REGULAR', { ...FULL }],
    ] as const;
    const created: { id: string; cellId: string; heldOn: string; kind: string; level: string | null }[] = [];
    for (const [cellId, day, kind, points] of held) {
      const meeting = await recordMeeting(meetingInput(cellId, day, { kind, ...(points ? { assessment: { scores: scores(points) } } : {}) }));
      created.push({ id: meeting.id, cellId, heldOn: day, kind, level: meeting.assessments[0]?.level ?? null });
    }
    const ids = async (filter: MeetingFilter) =>
      (await run(Meetings, { filter })).meetings.edges.map((e) => e.node.id);
    const inTree = created.filter((m) => m.cellId !== other.cellA.id);
    const byRecency = (list: typeof created) => [...list].sort((a, b) => b.heldOn.localeCompare(a.heldOn)).map((m) => m.id);

    expect(await ids({ underUnitId: tree.commune.id })).toEqual(byRecency(inTree));
    expect(await ids({ cellId: tree.cellA.id, month: 2 })).toEqual(byRecency(inTree.filter((m) => m.cellId === tree.cellA.id && m.heldOn.startsWith('2024-02'))));
    expect(await ids({ underUnitId: tree.province.id, year: 2024, kind: 'REGULAR' })).toEqual(
      byRecency(inTree.filter((m) => m.heldOn.startsWith('2024') && m.kind === 'REGULAR')),
    );
    expect(await ids({ underUnitId: tree.province.id, level: 'GOOD' })).toEqual(byRecency(inTree.filter((m) => m.level === 'GOOD')));
    expect(await ids({ underUnitId: tree.province.id, heldFrom: '2024-02-07', heldTo: '2024-02-20' })).toEqual(
      byRecency(inTree.filter((m) => m.heldOn >= '2024-02-07' && m.heldOn <= '2024-02-20')),
    );
    const unit = await run(UnitMeetings, { id: tree.cellB.id, filter: { year: 2024 } });
    expect(unit.node && 'meetings' in unit.node && unit.node.meetings.edges.map((e) => e.node.id)).toEqual(
      byRecency(inTree.filter((m) => m.cellId === tree.cellB.id && m.heldOn.startsWith('2024'))),
    );
  });

  it('paginates with cursors, every meeting exactly once', async () => {
    const { cellA } = await createTree();
    for (let month = 1; month <= 7; month++) await recordMeeting(meetingInput(cellA.id, `2023-0${month}-1${month}`));
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const { meetings } = await run(Meetings, { filter: { cellId: cellA.id }, first: 3, after });
      expect(meetings.totalCount).toBe(7);
      seen.push(...meetings.edges.map((e) => e.node.heldOn));
      after = meetings.pageInfo.hasNextPage ? meetings.pageInfo.endCursor ?? undefined : undefined;
    } while (after);
    expect(seen).toEqual([...seen].sort().reverse());
    expect(new Set(seen).size).toBe(7);
  });
});

describe('criteriaSetCreate', () => {
  it('issues a province’s set with criteria in order and bands best first, listed by province and date', async () => {
    const { province } = await createTree();
    const code = nextCode('CS');
    const { criteriaSetCreate } = await run(CreateCriteriaSet, { input: provinceSet(province.id, code, '2024-01-01', '2024-12-31') });
    expect(criteriaSetCreate).toMatchObject({
      __typename: 'CriteriaSetCreateSuccess',
      data: {
        code,
        issuedBy: { name: 'Tỉnh Hậu Giang' },
        criteria: [{ code: 'RESULTS', position: 1, maxPoints: 50 }, { code: 'CONDUCT', position: 2, maxPoints: 50 }],
        bands: [{ level: 'GOOD', minScore: 85 }, { level: 'FAIR', minScore: 70 }, { level: 'AVERAGE', minScore: 50 }, { level: 'POOR', minScore: 0 }],
      },
    });
    expect((await run(CriteriaSets, { issuedByUnitId: province.id })).criteriaSets).toEqual([{ code }]);
    expect((await run(CriteriaSets, { issuedByUnitId: province.id, on: '2025-01-01' })).criteriaSets).toEqual([]);
    expect((await run(CriteriaSets, { on: '2025-01-01' })).criteriaSets.map((s) => s.code)).toContain('TW-12-HD-2018');
  });

  it('refuses criteria not adding up to 100, missing or disordered bands, and a non-province issuer', async () => {
    const tree = await createTree();
    const base = provinceSet(tree.province.id, nextCode('CS'), '2024-01-01');
    const cases: [Partial<CriteriaSetCreateInput>, string, RegExp][] = [
      [{ criteria: [{ code: 'A', name: 'A', maxPoints: 50 }, { code: 'B', name: 'B', maxPoints: 45 }] }, 'input.criteria', /add up to 95/],
      [{ criteria: [{ code: 'A', name: 'A', maxPoints: 50 }, { code: 'A', name: 'B', maxPoints: 50 }] }, 'input.criteria.1.code', /twice/],
      [{ bands: base.bands.slice(0, 3) }, 'input.bands', /missing POOR/],
      [{ bands: base.bands.map((b) => (b.level === 'POOR' ? { ...b, minScore: 10 } : b)) }, 'input.bands', /POOR must start at 0/],
      [{ bands: base.bands.map((b) => (b.level === 'FAIR' ? { ...b, minScore: 90 } : b)) }, 'input.bands', /GOOD must start above FAIR/],
      [{ validTo: '2023-01-01' }, 'input.validTo', /before validFrom/],
      [{ issuedByUnitId: tree.district.id }, 'input.issuedByUnitId', /province/],
    ];
    for (const [overrides, field, message] of cases) {
      const { criteriaSetCreate } = await run(CreateCriteriaSet, { input: { ...base, ...overrides } });
      expect(criteriaSetCreate.__typename, field).toBe('ValidationError');
      if (criteriaSetCreate.__typename !== 'ValidationError') continue;
      expect(criteriaSetCreate.issues).toContainEqual({ field, message: expect.stringMatching(message) });
    }
    expect((await run(CriteriaSets, { issuedByUnitId: tree.province.id })).criteriaSets).toEqual([]);
  });

  it('answers ConflictError for a used code or dates overlapping the province’s set, NotFoundError for an unknown province', async () => {
    const { province } = await createTree();
    const code = nextCode('CS');
    await run(CreateCriteriaSet, { input: provinceSet(province.id, code, '2024-01-01', '2024-12-31') });
    const { criteriaSetCreate: reused } = await run(CreateCriteriaSet, { input: provinceSet(province.id, code, '2025-01-01') });
    expect(reused).toMatchObject({ __typename: 'ConflictError', field: 'input.code' });
    const { criteriaSetCreate: overlap } = await run(CreateCriteriaSet, { input: provinceSet(province.id, nextCode('CS'), '2024-06-01') });
    expect(overlap).toMatchObject({ __typename: 'ConflictError', field: 'input.validFrom' });
    const { criteriaSetCreate: next } = await run(CreateCriteriaSet, { input: provinceSet(province.id, nextCode('CS'), '2025-01-01') });
    expect(next.__typename).toBe('CriteriaSetCreateSuccess');
    const { criteriaSetCreate: nowhere } = await run(CreateCriteriaSet, { input: provinceSet('VW5pdDo5OTk5OTk=', nextCode('CS'), '2024-01-01') });
    expect(nowhere).toMatchObject({ __typename: 'NotFoundError', field: 'input.issuedByUnitId' });
  });
});
