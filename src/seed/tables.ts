// The columns the generator writes, table by table, in foreign-key order (parents first):
// the bulk writer flushes in this order.
import type { TableSpec } from './bulk-writer.js';

function table<const Columns extends TableSpec['columns']>(name: string, columns: Columns): TableSpec<Columns> {
  return { name, columns };
}

export const OrgUnit = table('OrgUnit', {
  id: 'int', code: 'text', name: 'text', searchName: 'text', sortKey: 'text', kind: 'enum:UnitKind',
  category: 'enum:UnitCategory', parentId: 'int', path: 'text', depth: 'int', validFrom: 'date', validTo: 'date',
  createdAt: 'timestamp', updatedAt: 'timestamp',
});
export const UnitPlacement = table('UnitPlacement', { id: 'int', unitId: 'int', parentId: 'int', validFrom: 'date', validTo: 'date' });
export const UnitLineage = table('UnitLineage', {
  id: 'int', kind: 'enum:LineageKind', fromUnitId: 'int', toUnitId: 'int', effectiveOn: 'date', decisionNumber: 'text', note: 'text',
});
export const WorkingGroup = table('WorkingGroup', {
  id: 'int', name: 'text', decisionNumber: 'text', formedByUnitId: 'int', formedOn: 'date', dissolvedOn: 'date',
});
export const WorkingGroupMember = table('WorkingGroupMember', { id: 'int', groupId: 'int', fullName: 'text', role: 'text', memberId: 'int' });
export const WorkingGroupAssignment = table('WorkingGroupAssignment', { groupId: 'int', cellId: 'int', fromDate: 'date', toDate: 'date' });
export const Member = table('Member', {
  id: 'int', partyCardNumber: 'text', fullName: 'text', searchName: 'text', sortKey: 'text', gender: 'enum:Gender',
  birthDate: 'date', ethnicity: 'text', youthUnionMember: 'bool', cellId: 'int', admittedOn: 'date', admittedByUnitId: 'int',
  officialOn: 'date', status: 'enum:MemberStatus', statusChangedOn: 'date', createdAt: 'timestamp', updatedAt: 'timestamp',
});
export const MemberAssignment = table('MemberAssignment', {
  id: 'int', memberId: 'int', cellId: 'int', fromDate: 'date', toDate: 'date', transferDistance: 'enum:TransferDistance', transferredInFrom: 'text',
});
export const MembershipRestoration = table('MembershipRestoration', {
  id: 'int', memberId: 'int', cellId: 'int', restoredOn: 'date', assignmentId: 'int', previousStatus: 'enum:MemberStatus', previousStatusOn: 'date',
  decisionNumber: 'text',
});
export const MeetingExemption = table('MeetingExemption', {
  id: 'int', memberId: 'int', fromDate: 'date', toDate: 'date', reason: 'enum:ExemptionReason', note: 'text',
});
export const ThematicPlan = table('ThematicPlan', {
  id: 'int', cellId: 'int', year: 'int', status: 'enum:PlanStatus', registeredOn: 'date', approvedByUnitId: 'int', decidedOn: 'date',
});
export const ThematicPlanItem = table('ThematicPlanItem', { id: 'int', planId: 'int', quarter: 'int', topic: 'text' });
export const Meeting = table('Meeting', {
  id: 'int', cellId: 'int', kind: 'enum:MeetingKind', year: 'int', month: 'int', heldOn: 'date', startsAt: 'timestamp',
  endsAt: 'timestamp', topic: 'text', preparedByCommittee: 'bool', draftResolution: 'bool', separateFromProfessional: 'bool',
  minutesKept: 'bool', speakerCount: 'int', expectedCount: 'int', presentCount: 'int', regularMonthKey: 'int', planItemId: 'int',
  createdAt: 'timestamp', updatedAt: 'timestamp',
});
export const MeetingAbsence = table('MeetingAbsence', { meetingId: 'int', memberId: 'int', kind: 'enum:AbsenceKind', reason: 'text' });
export const MeetingAssessment = table('MeetingAssessment', {
  id: 'int', meetingId: 'int', criteriaSetId: 'int', assessor: 'enum:AssessorKind', assessorUnitId: 'int', workingGroupId: 'int',
  totalScore: 'numeric', level: 'enum:MeetingLevel', scoredOn: 'date',
});
export const AssessmentScore = table('AssessmentScore', { assessmentId: 'int', criterionId: 'int', points: 'numeric' });
export const MeetingVisit = table('MeetingVisit', {
  id: 'int', meetingId: 'int', workingGroupId: 'int', visitorUnitId: 'int', visitorName: 'text', comments: 'text', recommendations: 'text',
});
export const UnitRating = table('UnitRating', {
  id: 'int', unitId: 'int', year: 'int', period: 'enum:RatingPeriod', periodIndex: 'int', selfAssessedLevel: 'enum:RatingLevel',
  proposedLevel: 'enum:RatingLevel', level: 'enum:RatingLevel', score: 'numeric', ruleVersion: 'text', notRatedReason: 'text',
  decidedByUnitId: 'int', decidedOn: 'date',
});
export const MemberRating = table('MemberRating', {
  id: 'int', memberId: 'int', cellId: 'int', year: 'int', period: 'enum:RatingPeriod', periodIndex: 'int',
  selfAssessedLevel: 'enum:RatingLevel', proposedLevel: 'enum:RatingLevel', level: 'enum:RatingLevel', score: 'numeric',
  ruleVersion: 'text', notRatedReason: 'text', decidedOn: 'date',
});
export const Recognition = table('Recognition', {
  id: 'int', unitId: 'int', programme: 'enum:RecognitionProgramme', year: 'int', registeredOn: 'date', recognizedOn: 'date', decisionNumber: 'text',
});
export const AdmissionTarget = table('AdmissionTarget', { id: 'int', unitId: 'int', year: 'int', target: 'int' });
export const AdmissionCandidate = table('AdmissionCandidate', {
  id: 'int', fullName: 'text', searchName: 'text', sortKey: 'text', gender: 'enum:Gender', birthDate: 'date', ethnicity: 'text', youthUnionMember: 'bool',
  cellId: 'int', stage: 'enum:CandidateStage', trainedOn: 'date', cellResolutionOn: 'date', mentorId: 'int', droppedReason: 'text',
  memberId: 'int', createdAt: 'timestamp', updatedAt: 'timestamp',
});
export const CandidateSponsor = table('CandidateSponsor', { candidateId: 'int', memberId: 'int' });
export const CandidateStageChange = table('CandidateStageChange', { id: 'int', candidateId: 'int', stage: 'enum:CandidateStage', changedOn: 'date', note: 'text' });

/** Every table the generator fills, parents first. */
export const seededTables: readonly TableSpec[] = [
  OrgUnit, UnitPlacement, UnitLineage, WorkingGroup, WorkingGroupMember, WorkingGroupAssignment, Member, MemberAssignment, MembershipRestoration, MeetingExemption,
  ThematicPlan, ThematicPlanItem, Meeting, MeetingAbsence, MeetingAssessment, AssessmentScore, MeetingVisit, UnitRating,
  MemberRating, Recognition, AdmissionTarget, AdmissionCandidate, CandidateSponsor, CandidateStageChange,
];

/**
 * Tables emptied by --reset: every domain table. The criteria sets seeded by migrations are
 * configuration and are kept (see seed-province.ts); migrations and snapshots are untouched.
 */
export const resetTables: readonly string[] = [
  ...seededTables.map((spec) => spec.name),
  'CriteriaSet', 'Criterion', 'LevelBand', 'AttendanceBand', 'User', 'ApiKey', 'AuditLog',
];
