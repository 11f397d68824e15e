// Builders for members and admission candidates, so each test states only what it is about.
import { graphql } from '../generated/index.js';
import type { CandidateCreateInput, MemberCreateInput } from '../generated/graphql.js';
import { isoDate, today } from '../../src/dates.js';
import { run } from './client.js';

let cardSequence = 0;
/** A party card number no other test uses. */
export const nextCardNumber = () => `${process.pid}${String(++cardSequence).padStart(5, '0')}`;

/**
 * A day `days` from today in Vietnam (negative: in the past), as the Date scalar writes it: the
 * server's "today", which runs ahead of UTC's from 17:00 UTC.
 */
export function daysFromToday(days: number): string {
  return isoDate(new Date(today().getTime() + days * 86_400_000));
}

export const CreateMember = graphql(`
  mutation MembersCreateMember($input: MemberCreateInput!) {
    memberCreate(input: $input) {
      __typename
      ... on MemberCreateSuccess {
        data {
          id fullName status admittedOn officialOn partyCardNumber
          cell { id name }
          admittedBy { id name }
          assignments { cell { id } fromDate toDate }
        }
      }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
      ... on ConflictError { field }
    }
  }
`);

/** A valid MemberCreateInput for a cell: a probationary member admitted in 2015. */
export function memberInput(cellId: string, overrides: Partial<MemberCreateInput> = {}): MemberCreateInput {
  return {
    fullName: 'Nguyễn Văn An',
    gender: 'MALE',
    birthDate: '1985-05-10',
    ethnicity: 'Kinh',
    cellId,
    admittedOn: '2015-03-02',
    ...overrides,
  };
}

export async function createMember(cellId: string, overrides: Partial<MemberCreateInput> = {}) {
  const { memberCreate } = await run(CreateMember, { input: memberInput(cellId, overrides) });
  if (memberCreate.__typename !== 'MemberCreateSuccess') throw new Error(`memberCreate failed: ${JSON.stringify(memberCreate)}`);
  return memberCreate.data;
}

/** An official member (admitted 2015, official 2016), fit to mentor or sponsor a candidate. */
export function createOfficialMember(cellId: string, fullName: string) {
  return createMember(cellId, { fullName, status: 'OFFICIAL', officialOn: '2016-03-02', partyCardNumber: nextCardNumber() });
}

export const DissolveUnit = graphql(`
  mutation MembersDissolveUnit($input: UnitUpdateInput!) {
    unitUpdate(input: $input) {
      __typename
      ... on UnitUpdateSuccess { data { id validTo } }
    }
  }
`);

export const CreateCandidate = graphql(`
  mutation MembersCreateCandidate($input: CandidateCreateInput!) {
    candidateCreate(input: $input) {
      __typename
      ... on CandidateCreateSuccess {
        data { id fullName stage cell { id } mentor { id } sponsors { id } stageChanges { stage changedOn } }
      }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
    }
  }
`);

export function candidateInput(cellId: string, overrides: Partial<CandidateCreateInput> = {}): CandidateCreateInput {
  return {
    cellId,
    fullName: 'Trần Thị Bích',
    gender: 'FEMALE',
    birthDate: '1998-04-15',
    ethnicity: 'Kinh',
    youthUnionMember: true,
    enteredOn: '2025-01-10',
    ...overrides,
  };
}

export async function createCandidate(cellId: string, overrides: Partial<CandidateCreateInput> = {}) {
  const { candidateCreate } = await run(CreateCandidate, { input: candidateInput(cellId, overrides) });
  if (candidateCreate.__typename !== 'CandidateCreateSuccess') {
    throw new Error(`candidateCreate failed: ${JSON.stringify(candidateCreate)}`);
  }
  return candidateCreate.data;
}

export const AdvanceCandidate = graphql(`
  mutation MembersAdvanceCandidate($input: CandidateAdvanceInput!) {
    candidateAdvance(input: $input) {
      __typename
      ... on CandidateAdvanceSuccess { data { id stage trainedOn cellResolutionOn stageChanges { stage changedOn note } } }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
    }
  }
`);

type Stage = 'TRAINED' | 'DOSSIER' | 'CELL_RESOLUTION' | 'COMMITTEE_RESOLUTION' | 'DECIDED';
const path: Stage[] = ['TRAINED', 'DOSSIER', 'CELL_RESOLUTION', 'COMMITTEE_RESOLUTION', 'DECIDED'];

/** Walks a pool candidate up to `stage`, a stage a month from `trainedOn` onwards. */
export async function advanceCandidateTo(id: string, stage: Stage, trainedOn = '2025-02-01') {
  const start = new Date(`${trainedOn}T00:00:00Z`);
  for (const [index, step] of path.slice(0, path.indexOf(stage) + 1).entries()) {
    const on = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + index, start.getUTCDate()));
    const { candidateAdvance } = await run(AdvanceCandidate, { input: { id, stage: step, on: on.toISOString().slice(0, 10) } });
    if (candidateAdvance.__typename !== 'CandidateAdvanceSuccess') {
      throw new Error(`candidateAdvance to ${step} failed: ${JSON.stringify(candidateAdvance)}`);
    }
  }
}
