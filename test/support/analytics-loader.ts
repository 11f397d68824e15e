// Writes a world (analytics-world.ts) into the store through the GraphQL mutations, as
// users would record it, in an order every rule accepts: units, candidates, members and
// their histories, thematic plans, then merges (a merge dissolves a cell, and a dissolved
// cell takes no new members), meetings with their scores and visits, ratings and targets.
// Then builds a snapshot of the store and waits until it is READY.
import { whenBuilt } from '../../src/features/snapshots/snapshots.service.js';
import { localId } from '../../src/graphql/ids.js';
import { graphql } from '../generated/index.js';
import { run } from './client.js';
import { finalParents, type Scores, type World } from './analytics-world.js';

/** The global id of every unit, member and candidate of a world, by its key. */
export type Ids = Map<string, string>;

/** The data of a mutation's success, or a thrown error that shows what was refused. */
function success<R extends { __typename: string }, S extends R['__typename']>(result: R, typename: S, what: string): Extract<R, { __typename: S }> {
  if (result.__typename !== typename) throw new Error(`${what} refused: ${JSON.stringify(result)}`);
  return result as Extract<R, { __typename: S }>;
}

const UnitCreate = graphql(`
  mutation OracleUnitCreate($input: UnitCreateInput!) {
    unitCreate(input: $input) { __typename ... on UnitCreateSuccess { data { id } } ... on Error { message } ... on ValidationError { issues { field message } } }
  }
`);
const UnitMerge = graphql(`
  mutation OracleUnitMerge($input: UnitLineageInput!) {
    unitRecordLineage(input: $input) { __typename ... on Error { message } ... on ValidationError { issues { field message } } }
  }
`);
const MemberCreate = graphql(`
  mutation OracleMemberCreate($input: MemberCreateInput!) {
    memberCreate(input: $input) { __typename ... on MemberCreateSuccess { data { id } } ... on Error { message } ... on ValidationError { issues { field message } } }
  }
`);
const MemberExempt = graphql(`
  mutation OracleMemberExempt($input: MemberExemptionAddInput!) {
    memberExemptionAdd(input: $input) { __typename ... on Error { message } ... on ValidationError { issues { field message } } }
  }
`);
const MemberTransfer = graphql(`
  mutation OracleMemberTransfer($input: MemberTransferInput!) {
    memberTransfer(input: $input) { __typename ... on Error { message } ... on ValidationError { issues { field message } } }
  }
`);
const MemberLeave = graphql(`
  mutation OracleMemberLeave($input: MemberChangeStatusInput!) {
    memberChangeStatus(input: $input) { __typename ... on Error { message } ... on ValidationError { issues { field message } } }
  }
`);
const CandidateCreate = graphql(`
  mutation OracleCandidateCreate($input: CandidateCreateInput!) {
    candidateCreate(input: $input) { __typename ... on CandidateCreateSuccess { data { id } } ... on Error { message } ... on ValidationError { issues { field message } } }
  }
`);
const CandidateAdvance = graphql(`
  mutation OracleCandidateAdvance($input: CandidateAdvanceInput!) {
    candidateAdvance(input: $input) { __typename ... on Error { message } ... on ValidationError { issues { field message } } }
  }
`);
const CandidateAdmit = graphql(`
  mutation OracleCandidateAdmit($input: CandidateAdmitInput!) {
    candidateAdmit(input: $input) {
      __typename ... on CandidateAdmitSuccess { data { member { id } } } ... on Error { message } ... on ValidationError { issues { field message } }
    }
  }
`);
const CandidateDrop = graphql(`
  mutation OracleCandidateDrop($input: CandidateDropInput!) {
    candidateDrop(input: $input) { __typename ... on Error { message } ... on ValidationError { issues { field message } } }
  }
`);
const PlanRegister = graphql(`
  mutation OraclePlanRegister($input: ThematicPlanRegisterInput!) {
    thematicPlanRegister(input: $input) {
      __typename ... on ThematicPlanRegisterSuccess { data { id items { id } } } ... on Error { message } ... on ValidationError { issues { field message } }
    }
  }
`);
const PlanDecide = graphql(`
  mutation OraclePlanDecide($input: ThematicPlanDecideInput!) {
    thematicPlanDecide(input: $input) { __typename ... on Error { message } ... on ValidationError { issues { field message } } }
  }
`);
const MeetingRecord = graphql(`
  mutation OracleMeetingRecord($input: MeetingRecordInput!) {
    meetingRecord(input: $input) { __typename ... on MeetingRecordSuccess { data { id } } ... on Error { message } ... on ValidationError { issues { field message } } }
  }
`);
const MeetingAssess = graphql(`
  mutation OracleMeetingAssess($input: MeetingAssessInput!) {
    meetingAssess(input: $input) { __typename ... on Error { message } ... on ValidationError { issues { field message } } }
  }
`);
const VisitRecord = graphql(`
  mutation OracleVisitRecord($input: VisitRecordInput!) {
    visitRecord(input: $input) { __typename ... on Error { message } ... on ValidationError { issues { field message } } }
  }
`);
const UnitRate = graphql(`
  mutation OracleUnitRate($input: UnitRateInput!) {
    unitRate(input: $input) { __typename ... on Error { message } ... on ValidationError { issues { field message } } }
  }
`);
const TargetSet = graphql(`
  mutation OracleTargetSet($input: AdmissionTargetSetInput!) {
    admissionTargetSet(input: $input) { __typename ... on Error { message } ... on ValidationError { issues { field message } } }
  }
`);
const SnapshotCreate = graphql(`
  mutation OracleSnapshotCreate($input: SnapshotCreateInput!) {
    snapshotCreate(input: $input) { __typename ... on SnapshotCreateSuccess { data { id } } ... on Error { message } }
  }
`);
const SnapshotState = graphql(`
  query OracleSnapshotState($id: ID!) { node(id: $id) { ... on Snapshot { status error asOf rowCounts { table rows } } } }
`);

let codeSequence = 0;
const scoreInput = (scores: Scores) => Object.entries(scores).map(([criterionCode, hundredths]) => ({ criterionCode, points: hundredths / 100 }));
const startsAt = (day: string) => ({ startsAt: `${day}T07:30:00+07:00`, endsAt: `${day}T09:30:00+07:00` });

/** Records the world through the API; answers the global id of each of its keys. */
export async function loadWorld(world: World): Promise<Ids> {
  const ids: Ids = new Map();
  const id = (key: string) => {
    const found = ids.get(key);
    if (!found) throw new Error(`${key} was not created`);
    return found;
  };

  for (const unit of world.units) {
    const { unitCreate } = await run(UnitCreate, {
      input: {
        code: `O${process.pid}-${++codeSequence}`,
        name: unit.name,
        kind: unit.kind,
        parentId: unit.parent === null ? null : id(unit.parent),
        category: unit.kind === 'CELL' ? 'HAMLET' : null,
        validFrom: unit.validFrom,
      },
    });
    ids.set(unit.key, success(unitCreate, 'UnitCreateSuccess', `unit ${unit.key}`).data.id);
  }

  for (const candidate of world.candidates) {
    const { candidateCreate } = await run(CandidateCreate, {
      input: {
        cellId: id(candidate.cell),
        fullName: candidate.fullName,
        gender: candidate.gender,
        birthDate: candidate.birthDate,
        ethnicity: candidate.ethnicity,
        youthUnionMember: candidate.youthUnion,
        enteredOn: candidate.enteredOn,
      },
    });
    const candidateId = success(candidateCreate, 'CandidateCreateSuccess', `candidate ${candidate.key}`).data.id;
    ids.set(candidate.key, candidateId);
    const stages = ['TRAINED', 'DOSSIER', 'CELL_RESOLUTION', 'COMMITTEE_RESOLUTION', 'DECIDED'] as const;
    for (const [index, on] of candidate.advances.entries()) {
      const { candidateAdvance } = await run(CandidateAdvance, { input: { id: candidateId, stage: stages[index]!, on } });
      success(candidateAdvance, 'CandidateAdvanceSuccess', `candidate ${candidate.key} to ${stages[index]}`);
    }
    if (candidate.outcome?.kind === 'ADMITTED') {
      const { candidateAdmit } = await run(CandidateAdmit, {
        input: { id: candidateId, admittedOn: candidate.outcome.on, admittedByUnitId: id(candidate.outcome.admittedBy) },
      });
      const member = success(candidateAdmit, 'CandidateAdmitSuccess', `admission of ${candidate.key}`).data.member;
      if (!member) throw new Error(`admission of ${candidate.key} made no member`);
      ids.set(candidate.outcome.member, member.id);
    } else if (candidate.outcome?.kind === 'DROPPED') {
      const { candidateDrop } = await run(CandidateDrop, { input: { id: candidateId, on: candidate.outcome.on, reason: 'Không đủ điều kiện' } });
      success(candidateDrop, 'CandidateDropSuccess', `drop of ${candidate.key}`);
    }
  }

  for (const member of world.members) {
    const [first, ...later] = member.stays;
    if (!first) throw new Error(`${member.key} has no cell`);
    if (member.viaCandidate === null) {
      const { memberCreate } = await run(MemberCreate, {
        input: {
          fullName: member.fullName,
          gender: member.gender,
          birthDate: member.birthDate,
          ethnicity: member.ethnicity,
          youthUnionMember: member.youthUnion,
          cellId: id(first.cell),
          admittedOn: member.admittedOn,
          admittedByUnitId: member.admittedBy === null ? null : id(member.admittedBy),
          status: member.status,
          officialOn: member.officialOn,
          joinedCellOn: first.from,
        },
      });
      ids.set(member.key, success(memberCreate, 'MemberCreateSuccess', `member ${member.key}`).data.id);
    }
    for (const exemption of member.exemptions) {
      const { memberExemptionAdd } = await run(MemberExempt, {
        input: { memberId: id(member.key), fromDate: exemption.from, toDate: exemption.to, reason: 'HEALTH' },
      });
      success(memberExemptionAdd, 'MemberExemptionAddSuccess', `exemption of ${member.key}`);
    }
    for (const stay of later) {
      const { memberTransfer } = await run(MemberTransfer, { input: { id: id(member.key), toCellId: id(stay.cell), on: stay.from } });
      success(memberTransfer, 'MemberTransferSuccess', `transfer of ${member.key}`);
    }
    if (member.leaving?.status === 'TRANSFERRED_OUT') {
      const { memberTransfer } = await run(MemberTransfer, { input: { id: id(member.key), outOfProvince: true, on: member.leaving.on } });
      success(memberTransfer, 'MemberTransferSuccess', `transfer out of ${member.key}`);
    } else if (member.leaving) {
      const { memberChangeStatus } = await run(MemberLeave, { input: { id: id(member.key), status: member.leaving.status, on: member.leaving.on } });
      success(memberChangeStatus, 'MemberChangeStatusSuccess', `departure of ${member.key}`);
    }
  }

  const planItems = new Map<string, string[]>();
  for (const plan of world.plans) {
    const { thematicPlanRegister } = await run(PlanRegister, {
      input: {
        cellId: id(plan.cell),
        year: plan.year,
        registeredOn: plan.registeredOn,
        items: plan.items.map((quarter, index) => ({ quarter, topic: `Chuyên đề ${index + 1} năm ${plan.year}` })),
      },
    });
    const registered = success(thematicPlanRegister, 'ThematicPlanRegisterSuccess', `plan ${plan.key}`).data;
    planItems.set(plan.key, registered.items.map((item) => item.id));
    if (plan.decision) {
      const { thematicPlanDecide } = await run(PlanDecide, {
        input: { planId: registered.id, approve: plan.decision.approve, decidedByUnitId: id(plan.decision.by), decidedOn: plan.decision.on },
      });
      success(thematicPlanDecide, 'ThematicPlanDecideSuccess', `decision on ${plan.key}`);
    }
  }

  for (const merge of world.merges) {
    const { unitRecordLineage } = await run(UnitMerge, {
      input: { kind: 'MERGE', fromUnitId: id(merge.from), toUnitId: id(merge.to), effectiveOn: merge.effectiveOn, moveChildren: merge.moveChildren },
    });
    success(unitRecordLineage, 'UnitRecordLineageSuccess', `merge of ${merge.from}`);
  }

  const parents = finalParents(world);
  for (const meeting of world.meetings) {
    const { meetingRecord } = await run(MeetingRecord, {
      input: {
        cellId: id(meeting.cell),
        kind: meeting.kind,
        year: meeting.year,
        month: meeting.month,
        heldOn: meeting.heldOn,
        ...startsAt(meeting.heldOn),
        topic: `Sinh hoạt ${meeting.kind.toLowerCase()} tháng ${meeting.month}/${meeting.year}`,
        preparedByCommittee: true,
        draftResolution: true,
        separateFromProfessional: meeting.separate,
        minutesKept: true,
        speakerCount: 4,
        absences: meeting.absences.map((a) => ({ memberId: id(a.member), kind: a.kind })),
        assessment: meeting.cellScores ? { scores: scoreInput(meeting.cellScores) } : null,
        planItemId: meeting.planItem ? planItems.get(meeting.planItem.plan)?.[meeting.planItem.index] : null,
      },
    });
    const meetingId = success(meetingRecord, 'MeetingRecordSuccess', `meeting ${meeting.key}`).data.id;
    if (meeting.superiorScores) {
      const { meetingAssess } = await run(MeetingAssess, {
        input: {
          meetingId,
          assessment: { assessor: 'SUPERIOR_COMMITTEE', assessorUnitId: id(parents.get(meeting.cell) ?? ''), scores: scoreInput(meeting.superiorScores) },
        },
      });
      success(meetingAssess, 'MeetingAssessSuccess', `superior assessment of ${meeting.key}`);
    }
    for (const [index, visitor] of meeting.visitors.entries()) {
      const { visitRecord } = await run(VisitRecord, { input: { meetingId, visitorUnitId: id(visitor), visitorName: `Đồng chí ủy viên ${index + 1}` } });
      success(visitRecord, 'VisitRecordSuccess', `visit to ${meeting.key}`);
    }
  }

  for (const rating of world.ratings) {
    const { unitRate } = await run(UnitRate, {
      input: {
        unitId: id(rating.unit),
        year: rating.year,
        period: rating.period,
        periodIndex: rating.periodIndex,
        level: rating.level,
        notRatedReason: rating.level === 'NOT_RATED' ? 'Mới thành lập' : null,
      },
    });
    success(unitRate, 'UnitRateSuccess', `rating of ${rating.unit} for ${rating.year}`);
  }
  for (const target of world.targets) {
    const { admissionTargetSet } = await run(TargetSet, { input: { unitId: id(target.unit), year: target.year, target: target.target } });
    success(admissionTargetSet, 'AdmissionTargetSetSuccess', `target of ${target.unit}`);
  }
  return ids;
}

export interface BuiltSnapshot {
  id: string;
  asOf: Date;
  rowCounts: Record<string, number>;
}

/** Builds a snapshot of the whole store through snapshotCreate and waits until it is READY. */
export async function buildSnapshot(label: string): Promise<BuiltSnapshot> {
  const { snapshotCreate } = await run(SnapshotCreate, { input: { label } });
  const { id } = success(snapshotCreate, 'SnapshotCreateSuccess', 'snapshotCreate').data;
  await whenBuilt(localId(id, 'Snapshot', 'id'));
  const { node } = await run(SnapshotState, { id });
  if (!node || !('status' in node) || node.status !== 'READY') throw new Error(`snapshot ${id} did not build: ${JSON.stringify(node)}`);
  return { id, asOf: new Date(node.asOf), rowCounts: Object.fromEntries(node.rowCounts.map((c) => [c.table, c.rows])) };
}
