// Criteria computed from the meeting's record: under the central set (TW-12-HD-2018) the
// ATTENDANCE criterion follows from who came, by the guidance's own words «trên 85%, không có
// đảng viên vắng mặt không lý do»; a province's set may compute it its own way, or leave it
// typed by hand. Each expectation below is worked out from those words and the record, not
// from the server's code.
import { describe, expect, it } from 'vitest';
import { wholeStore } from './support/store.js';
import { localId } from '../src/graphql/ids.js';
import type { AttendanceBandInput, CriterionInput, IssueComputingSetMutationVariables } from './generated/graphql.js';
import { graphql } from './generated/index.js';
import { userWith } from './support/auth.js';
import { executeAs, run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { createTree, nextCode } from './support/factories.js';
import { createMember, createWorkingGroup, meetingInput, RecordMeeting, recordMeeting, scores } from './support/meetings.factories.js';

useFreshDatabase();

const CentralAttendance = graphql(`
  query CentralAttendance($cellId: ID!, $on: Date!) {
    criteriaSetFor(cellId: $cellId, on: $on) {
      code
      criteria {
        code maxPoints requiredForGood computation
        attendanceBands { points presentOverPercent presentAtLeastPercent maxUnexcusedAbsences source }
      }
    }
  }
`);

const AssessWithComputedCriteria = graphql(`
  mutation AssessWithComputedCriteria($input: MeetingAssessInput!) {
    meetingAssess(input: $input) {
      __typename
      ... on MeetingAssessSuccess { data { assessor totalScore level scores { points criterion { code } } } }
      ... on ValidationError { issues { field message } }
    }
  }
`);

const IssueComputingSet = graphql(`
  mutation IssueComputingSet($input: CriteriaSetCreateInput!) {
    criteriaSetCreate(input: $input) {
      __typename
      ... on CriteriaSetCreateSuccess {
        data { id code criteria { code computation attendanceBands { points presentOverPercent presentAtLeastPercent maxUnexcusedAbsences source } } }
      }
      ... on ValidationError { issues { field message } }
    }
  }
`);

/** The typed criteria of the central set at full marks: 80 of its 100 points. */
const TYPED_FULL = { PREPARATION: 20, CONDUCT: 30, PRINCIPLES: 15, FOLLOW_UP: 15 };

/** A cell of `count` members, all expected on any day of 2024. */
async function cellOf(count: number) {
  const tree = await createTree();
  const members = [];
  for (let i = 1; i <= count; i++) members.push(await createMember({ fullName: `Đảng viên số ${i}`, cellId: tree.cellA.id }));
  return { tree, cell: tree.cellA.id, members };
}

/** Absences: the first `excused` members with a reason, the next `unexcused` without. */
function absent(members: { id: string }[], excused: number, unexcused: number) {
  return [
    ...members.slice(0, excused).map((m) => ({ memberId: m.id, kind: 'EXCUSED' as const, reason: 'Ốm' })),
    ...members.slice(excused, excused + unexcused).map((m) => ({ memberId: m.id, kind: 'UNEXCUSED' as const })),
  ];
}

function pointsOf(meeting: { assessments: { scores: { points: number; criterion: { code: string } }[] }[] }, code: string) {
  return meeting.assessments[0]?.scores.find((s) => s.criterion.code === code)?.points;
}

function provinceSet(provinceId: string, attendance: Omit<CriterionInput, 'code' | 'name'>): IssueComputingSetMutationVariables {
  return {
    input: {
      code: nextCode('TINH'),
      name: 'Tiêu chí chấm điểm sinh hoạt chi bộ của Tỉnh ủy',
      issuedByUnitId: provinceId,
      decisionNumber: '05-HD/TU',
      validFrom: '2024-01-01',
      criteria: [
        { code: 'ATTENDANCE', name: 'Đảng viên dự sinh hoạt', ...attendance },
        { code: 'RESULTS', name: 'Kết quả thực hiện nghị quyết', maxPoints: 100 - attendance.maxPoints },
      ],
      bands: [
        { level: 'GOOD', minScore: 90 },
        { level: 'FAIR', minScore: 70 },
        { level: 'AVERAGE', minScore: 50 },
        { level: 'POOR', minScore: 0 },
      ],
    },
  };
}

describe('the central set’s ATTENDANCE criterion', () => {
  it('is computed from the record by the guidance’s thresholds, each band naming its source', async () => {
    const { cellA } = await createTree();
    const { criteriaSetFor } = await run(CentralAttendance, { cellId: cellA.id, on: '2024-03-12' });
    expect(criteriaSetFor.code).toBe('TW-12-HD-2018');
    const attendance = criteriaSetFor.criteria.find((c) => c.code === 'ATTENDANCE');
    expect(attendance).toMatchObject({ maxPoints: 20, requiredForGood: true, computation: 'ATTENDANCE' });
    // Full marks: over 85% present and nobody absent without excuse; half for either condition alone.
    expect(attendance?.attendanceBands.map(({ source: _source, ...band }) => band)).toEqual([
      { points: 20, presentOverPercent: 85, presentAtLeastPercent: null, maxUnexcusedAbsences: 0 },
      { points: 10, presentOverPercent: 85, presentAtLeastPercent: null, maxUnexcusedAbsences: null },
      { points: 10, presentOverPercent: null, presentAtLeastPercent: null, maxUnexcusedAbsences: 0 },
    ]);
    for (const band of attendance?.attendanceBands ?? []) expect(band.source).toMatch(/12-HD\/BTCTW/);
    expect(criteriaSetFor.criteria.filter((c) => c.code !== 'ATTENDANCE').every((c) => c.computation === 'TYPED')).toBe(true);
  });

  it('refuses full marks on a meeting with an unexcused absence, naming the field and the computed value, and writes nothing', async () => {
    const { cell, members } = await cellOf(9);
    const { meetingRecord } = await run(RecordMeeting, {
      input: meetingInput(cell, '2024-03-12', {
        absences: absent(members, 1, 1),
        assessment: { scores: scores({ ATTENDANCE: 20, ...TYPED_FULL }) },
      }),
    });
    // 7 of 9 present is 77.8%, not over 85%, and one was absent without excuse: neither condition holds.
    expect(meetingRecord).toEqual({
      __typename: 'ValidationError',
      message: expect.stringContaining('input.assessment.scores.0.points'),
      issues: [
        {
          field: 'input.assessment.scores.0.points',
          message: expect.stringMatching(
            /^ATTENDANCE: 20 points contradict the record: 7 of 9 expected present \(77\.8%\) and 1 unexcused absence give 0 points under TW-12-HD-2018/,
          ),
        },
      ],
    });
    expect(await wholeStore().meeting.count({ where: { cellId: localId(cell, 'Unit', 'cell') } })).toBe(0);
  });

  it('gives the points the record earns when they are left out, at every boundary of the bands', async () => {
    const { cell, members } = await cellOf(20);
    const cases: { month: number; excused: number; unexcused: number; points: number; why: string }[] = [
      { month: 1, excused: 0, unexcused: 0, points: 20, why: 'everyone came' },
      { month: 2, excused: 2, unexcused: 0, points: 20, why: '18 of 20 is 90%, over 85%, none unexcused' },
      { month: 3, excused: 3, unexcused: 0, points: 10, why: '17 of 20 is exactly 85%: not over it; none unexcused' },
      { month: 4, excused: 1, unexcused: 1, points: 10, why: '18 of 20 is over 85%, but one unexcused' },
      { month: 5, excused: 2, unexcused: 1, points: 0, why: '17 of 20 is not over 85%, and one unexcused' },
      { month: 6, excused: 10, unexcused: 0, points: 10, why: 'half came, none unexcused' },
    ];
    for (const { month, excused, unexcused, points, why } of cases) {
      const day = `2024-${String(month).padStart(2, '0')}-12`;
      const meeting = await recordMeeting(
        meetingInput(cell, day, { absences: absent(members, excused, unexcused), assessment: { scores: scores(TYPED_FULL) } }),
      );
      expect(pointsOf(meeting, 'ATTENDANCE'), why).toBe(points);
      // 80 typed points plus the computed ones; GOOD needs ATTENDANCE, a required criterion, at its full 20.
      expect(meeting.assessments[0], why).toMatchObject({ totalScore: 80 + points, level: points === 20 ? 'GOOD' : 'FAIR' });
    }
  });

  it('accepts typed points that agree with the record', async () => {
    const { cell, members } = await cellOf(7);
    // 6 of 7 is 85.7%, over 85%, and the one absent had a reason: full marks.
    const full = await recordMeeting(
      meetingInput(cell, '2024-03-12', { absences: absent(members, 1, 0), assessment: { scores: scores({ ATTENDANCE: 20, ...TYPED_FULL }) } }),
    );
    expect(full.assessments[0]).toMatchObject({ totalScore: 100, level: 'GOOD' });
    const half = await recordMeeting(
      meetingInput(cell, '2024-04-12', { absences: absent(members, 2, 0), assessment: { scores: scores({ ATTENDANCE: 10, ...TYPED_FULL }) } }),
    );
    expect(half.assessments[0]).toMatchObject({ totalScore: 90, level: 'FAIR' });
  });

  it('holds for a later assessment too: meetingAssess scores from the meeting’s stored record', async () => {
    const { tree, cell, members } = await cellOf(9);
    const group = await createWorkingGroup(tree.district.id);
    // 8 of 9 is 88.9%, over 85%, but the one absent had no excuse: 10 points.
    const meeting = await recordMeeting(meetingInput(cell, '2024-03-12', { absences: absent(members, 0, 1) }));
    const refused = await run(AssessWithComputedCriteria, {
      input: {
        meetingId: meeting.id,
        assessment: { assessor: 'WORKING_GROUP', workingGroupId: group, scores: scores({ ATTENDANCE: 20, ...TYPED_FULL }) },
      },
    });
    expect(refused.meetingAssess).toEqual({
      __typename: 'ValidationError',
      issues: [
        {
          field: 'input.assessment.scores.0.points',
          message: expect.stringMatching(/20 points contradict the record: 8 of 9 expected present \(88\.9%\) and 1 unexcused absence give 10 points/),
        },
      ],
    });
    const computed = await run(AssessWithComputedCriteria, {
      input: { meetingId: meeting.id, assessment: { assessor: 'WORKING_GROUP', workingGroupId: group, scores: scores(TYPED_FULL) } },
    });
    expect(computed.meetingAssess).toMatchObject({
      __typename: 'MeetingAssessSuccess',
      data: { assessor: 'WORKING_GROUP', totalScore: 90, level: 'FAIR', scores: expect.arrayContaining([{ points: 10, criterion: { code: 'ATTENDANCE' } }]) },
    });
  });
});

describe('a province’s own set', () => {
  it('is honoured when it computes attendance its own way', async () => {
    const { tree, cell, members } = await cellOf(20);
    // This province gives its 30 points from 80% present ("từ 80% trở lên") with at most one unexcused absence,
    // 15 from half present, whatever the excuses.
    const bands: AttendanceBandInput[] = [
      { points: 30, presentAtLeastPercent: 80, maxUnexcusedAbsences: 1, source: 'Hướng dẫn 05-HD/TU: từ 80% trở lên, không quá 1 vắng không lý do' },
      { points: 15, presentAtLeastPercent: 50, source: 'Hướng dẫn 05-HD/TU: từ 50% trở lên' },
    ];
    // Issued by the province's own administrator: its bands are written within the province's rights.
    const provinceAdmin = await userWith('ADMIN', localId(tree.province.id, 'Unit', 'province'));
    const issued = await executeAs(provinceAdmin, IssueComputingSet, provinceSet(tree.province.id, { maxPoints: 30, requiredForGood: true, computation: 'ATTENDANCE', attendanceBands: bands }));
    expect(issued.errors).toBeUndefined();
    expect(issued.data?.criteriaSetCreate).toMatchObject({
      __typename: 'CriteriaSetCreateSuccess',
      data: {
        criteria: [
          {
            code: 'ATTENDANCE',
            computation: 'ATTENDANCE',
            attendanceBands: [
              { points: 30, presentOverPercent: null, presentAtLeastPercent: 80, maxUnexcusedAbsences: 1, source: bands[0]?.source },
              { points: 15, presentOverPercent: null, presentAtLeastPercent: 50, maxUnexcusedAbsences: null, source: bands[1]?.source },
            ],
          },
          { code: 'RESULTS', computation: 'TYPED', attendanceBands: [] },
        ],
      },
    });

    // 16 of 20 is exactly 80% with one unexcused: full marks here (the central set would give 0).
    const full = await recordMeeting(
      meetingInput(cell, '2024-03-12', { absences: absent(members, 3, 1), assessment: { scores: scores({ ATTENDANCE: 30, RESULTS: 65 }) } }),
    );
    expect(full.assessments[0]).toMatchObject({ totalScore: 95, level: 'GOOD' });
    // 15 of 20 is 75%: 15 points, so 30 typed is refused and names them.
    const { meetingRecord } = await run(RecordMeeting, {
      input: meetingInput(cell, '2024-04-12', { absences: absent(members, 5, 0), assessment: { scores: scores({ ATTENDANCE: 30, RESULTS: 70 }) } }),
    });
    expect(meetingRecord).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ field: 'input.assessment.scores.0.points', message: expect.stringMatching(/15 of 20 expected present \(75%\) and no unexcused absence give 15 points under TINH/) }],
    });
    // 9 of 20 is under half: no band holds, 0 points.
    const none = await recordMeeting(
      meetingInput(cell, '2024-05-12', { absences: absent(members, 11, 0), assessment: { scores: scores({ RESULTS: 70 }) } }),
    );
    expect(pointsOf(none, 'ATTENDANCE')).toBe(0);
    expect(none.assessments[0]).toMatchObject({ totalScore: 70, level: 'FAIR' });
  });

  it('still takes typed points where attendance is typed by hand', async () => {
    const { tree, cell, members } = await cellOf(9);
    const { criteriaSetCreate } = await run(IssueComputingSet, provinceSet(tree.province.id, { maxPoints: 20, requiredForGood: true }));
    expect(criteriaSetCreate).toMatchObject({ data: { criteria: [{ code: 'ATTENDANCE', computation: 'TYPED', attendanceBands: [] }, { code: 'RESULTS' }] } });
    // 7 of 9 present and one unexcused: under the central set that would be refused; here the assessor decides.
    const meeting = await recordMeeting(
      meetingInput(cell, '2024-03-12', { absences: absent(members, 1, 1), assessment: { scores: scores({ ATTENDANCE: 20, RESULTS: 75 }) } }),
    );
    expect(meeting.assessments[0]).toMatchObject({ totalScore: 95, level: 'GOOD' });
    const { meetingRecord } = await run(RecordMeeting, {
      input: meetingInput(cell, '2024-04-12', { assessment: { scores: scores({ RESULTS: 75 }) } }),
    });
    expect(meetingRecord).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.assessment.scores', message: 'no points given for ATTENDANCE' }] });
  });

  it('refuses a computation that cannot be applied, naming each field', async () => {
    const tree = await createTree();
    const source = 'Hướng dẫn 05-HD/TU';
    const cases: [Omit<CriterionInput, 'code' | 'name'>, string, RegExp][] = [
      [{ maxPoints: 20, computation: 'ATTENDANCE' }, 'input.criteria.0.attendanceBands', /needs at least one band/],
      [{ maxPoints: 20, attendanceBands: [{ points: 20, source }] }, 'input.criteria.0.attendanceBands', /only for a criterion computed from ATTENDANCE/],
      [
        { maxPoints: 20, computation: 'ATTENDANCE', attendanceBands: [{ points: 25, presentOverPercent: 85, source }, { points: 20, source }] },
        'input.criteria.0.attendanceBands.0.points',
        /at most the criterion's maxPoints \(20\)/,
      ],
      [
        { maxPoints: 20, computation: 'ATTENDANCE', attendanceBands: [{ points: 15, presentOverPercent: 85, source }] },
        'input.criteria.0.attendanceBands',
        /no band gives the full 20 points/,
      ],
      [
        { maxPoints: 20, computation: 'ATTENDANCE', attendanceBands: [{ points: 20, presentOverPercent: 85, presentAtLeastPercent: 85, source }] },
        'input.criteria.0.attendanceBands.0.presentAtLeastPercent',
        /not both/,
      ],
      [
        { maxPoints: 20, computation: 'ATTENDANCE', attendanceBands: [{ points: 20, presentOverPercent: 101, source }] },
        'input.criteria.0.attendanceBands.0.presentOverPercent',
        /from 0 to 100/,
      ],
      [
        { maxPoints: 20, computation: 'ATTENDANCE', attendanceBands: [{ points: 20, maxUnexcusedAbsences: -1, source }] },
        'input.criteria.0.attendanceBands.0.maxUnexcusedAbsences',
        /negative/,
      ],
      [
        { maxPoints: 20, computation: 'ATTENDANCE', attendanceBands: [{ points: 20, source: '  ' }] },
        'input.criteria.0.attendanceBands.0.source',
        /must not be empty/,
      ],
    ];
    for (const [attendance, field, message] of cases) {
      const { criteriaSetCreate } = await run(IssueComputingSet, provinceSet(tree.province.id, attendance));
      expect(criteriaSetCreate.__typename, field).toBe('ValidationError');
      if (criteriaSetCreate.__typename !== 'ValidationError') continue;
      expect(criteriaSetCreate.issues).toContainEqual({ field, message: expect.stringMatching(message) });
    }
    expect(await wholeStore().criteriaSet.count({ where: { issuedByUnitId: localId(tree.province.id, 'Unit', 'province') } })).toBe(0);
  });
});
