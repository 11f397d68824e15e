// Builders for the meetings tests: members (with their cell assignments and exemptions) and
// working groups written straight to the store, since members are another feature's API;
// valid meeting inputs so each test states only what it is about.
import { wholeStore } from './store.js';
import type { ExemptionReason, MemberStatus } from '../../src/generated/prisma/enums.js';
import { globalId, localId } from '../../src/graphql/ids.js';
import { foldForSearch, personSortKey } from '../../src/text/vietnamese.js';
import { graphql } from '../generated/index.js';
import type { MeetingRecordInput } from '../generated/graphql.js';
import { run } from './client.js';

const day = (value: string) => new Date(`${value}T00:00:00Z`);

export interface MemberSpec {
  fullName: string;
  /** Global id of the cell, and the assignment's dates (to exclusive, open when omitted). */
  cellId: string;
  from?: string;
  to?: string;
  status?: MemberStatus;
  statusChangedOn?: string;
  exemptions?: { from: string; to?: string; reason?: ExemptionReason }[];
  /** An earlier or later cell: [cellId, from, to?]. */
  otherAssignments?: [string, string, string?][];
}

export async function createMember(spec: MemberSpec) {
  const cellId = localId(spec.cellId, 'Unit', 'cellId');
  const member = await wholeStore().member.create({
    data: {
      fullName: spec.fullName,
      searchName: foldForSearch(spec.fullName),
      sortKey: personSortKey(spec.fullName),
      gender: 'MALE',
      birthDate: day('1975-05-19'),
      ethnicity: 'Kinh',
      cellId,
      admittedOn: day('2000-01-01'),
      officialOn: day('2001-01-01'),
      status: spec.status ?? 'OFFICIAL',
      statusChangedOn: spec.statusChangedOn ? day(spec.statusChangedOn) : null,
      assignments: {
        create: [
          { cellId, fromDate: day(spec.from ?? '2020-01-01'), toDate: spec.to ? day(spec.to) : null },
          ...(spec.otherAssignments ?? []).map(([other, from, to]) => ({
            cellId: localId(other, 'Unit', 'cellId'),
            fromDate: day(from),
            toDate: to ? day(to) : null,
          })),
        ],
      },
      exemptions: {
        create: (spec.exemptions ?? []).map((e) => ({ fromDate: day(e.from), toDate: e.to ? day(e.to) : null, reason: e.reason ?? 'HEALTH' })),
      },
    },
  });
  return { id: globalId('Member', member.id), localId: member.id, fullName: member.fullName };
}

/** A working group formed by a committee (global id), for assessments by WORKING_GROUP. */
export async function createWorkingGroup(formedByUnitId: string) {
  const group = await wholeStore().workingGroup.create({
    data: {
      name: 'Tổ công tác số 1',
      decisionNumber: '1777-QĐ/HU',
      formedByUnitId: localId(formedByUnitId, 'Unit', 'formedByUnitId'),
      formedOn: day('2023-01-01'),
    },
  });
  return globalId('WorkingGroup', group.id);
}

export const RecordMeeting = graphql(`
  mutation RecordMeeting($input: MeetingRecordInput!) {
    meetingRecord(input: $input) {
      __typename
      ... on MeetingRecordSuccess {
        data {
          id kind year month heldOn topic speakerCount expectedCount presentCount durationMinutes
          absences { kind reason member { id fullName } }
          assessments { assessor totalScore level scoredOn criteriaSet { code } scores { points criterion { code } } }
          planItem { id topic }
        }
      }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
      ... on ConflictError { field }
    }
  }
`);

/**
 * A valid REGULAR meeting of a cell held on a day from 07:30 to 09:30 Vietnam time, counting
 * for the month held, nobody absent, no assessment.
 */
export function meetingInput(cellId: string, heldOn: string, overrides: Partial<MeetingRecordInput> = {}): MeetingRecordInput {
  const [year, month] = heldOn.split('-').map(Number) as [number, number];
  return {
    cellId,
    kind: 'REGULAR',
    year,
    month,
    heldOn,
    startsAt: `${heldOn}T07:30:00+07:00`,
    endsAt: `${heldOn}T09:30:00+07:00`,
    topic: 'Sinh hoạt chi bộ thường kỳ',
    preparedByCommittee: true,
    draftResolution: true,
    separateFromProfessional: true,
    minutesKept: true,
    speakerCount: 5,
    absences: [],
    ...overrides,
  };
}

/** Records a meeting that must succeed; answers its data. */
export async function recordMeeting(input: MeetingRecordInput) {
  const { meetingRecord } = await run(RecordMeeting, { input });
  if (meetingRecord.__typename !== 'MeetingRecordSuccess') throw new Error(`meetingRecord failed: ${JSON.stringify(meetingRecord)}`);
  return meetingRecord.data;
}

/** Scores for the default set's criteria, by code. */
export function scores(points: Record<string, number>) {
  return Object.entries(points).map(([criterionCode, value]) => ({ criterionCode, points: value }));
}
