// Who may see and change what: the one table of chibo's access rule. Everything else in
// src/access enforces what is declared here, and nothing else decides:
//   - rows: PostgreSQL row-level security generated from `tables` (row-security.ts), so every
//     read and write of the store — lists, counts, node(id:), nested relations, raw SQL — sees
//     only the viewer's subtree, and writes reach only records whose owner lies in it;
//   - roles: the GraphQL types and fields below, applied to the schema as it is built
//     (graphql-access.ts; a type missing here stops the schema from building), and the
//     mutations each role may run (mutation-guard.ts).
// A viewer's subtree is the scope unit's: every unit whose materialised path starts with the
// scope unit's path ("/" for a user of the whole country).
import type { Prisma } from '../generated/prisma/client.js';
import type { Role } from '../generated/prisma/enums.js';

// ───────────────────────────── Rows: the subtree rule per table ─────────────────────────────

/** Which rows of a table a viewer may read, or write: each kind reads as its comment says. */
export type RowRule =
  /** The row is a unit in the subtree (OrgUnit itself, by its path). */
  | { kind: 'unit' }
  /** The unit whose id the column holds lies in the subtree (a null column: no). */
  | { kind: 'unitIn'; column: string }
  /** As `unitIn`, but a null column means the whole country: only a national viewer. */
  | { kind: 'unitInOrNational'; column: string }
  /**
   * The deciding unit lies in the subtree; without one, the unit directly above the rated unit
   * (above a province: the centre, so a viewer of the whole country).
   */
  | { kind: 'deciderIn'; decider: string; rated: string }
  /** The record this row belongs to (its id in the column) may be read, or written, by the viewer. */
  | { kind: 'with'; model: Prisma.ModelName; column: string }
  /** Some row of another table that refers to this one (by the column) may be read by the viewer. */
  | { kind: 'referredBy'; model: Prisma.ModelName; column: string }
  /** The row was written by the viewer themselves (the audit log's own entries). */
  | { kind: 'byViewer'; column: string }
  /** Only a viewer of the whole country. */
  | { kind: 'national' }
  | { kind: 'anyOf'; rules: RowRule[] }
  | { kind: 'allOf'; rules: RowRule[] }
  /** Every row: configuration and the snapshot list. */
  | { kind: 'everyone' };

export interface TableRule {
  /** What the rows are, for a reader of this table. */
  holds: string;
  read: RowRule;
  /** Insert, update, delete; absent: only what `appendOnly` allows. */
  write?: RowRule;
  /** Inserts, where they differ from `write`. */
  insert?: RowRule;
  /** Rows may be added (by the rule) but never changed or removed. */
  appendOnly?: RowRule;
}

const unit: RowRule = { kind: 'unit' };
const unitIn = (column: string): RowRule => ({ kind: 'unitIn', column });
const withRecord = (model: Prisma.ModelName, column: string): RowRule => ({ kind: 'with', model, column });
const referredBy = (model: Prisma.ModelName, column: string): RowRule => ({ kind: 'referredBy', model, column });
const anyOf = (...rules: RowRule[]): RowRule => ({ kind: 'anyOf', rules });
const allOf = (...rules: RowRule[]): RowRule => ({ kind: 'allOf', rules });
const everyone: RowRule = { kind: 'everyone' };
const same = (rule: RowRule) => ({ read: rule, write: rule });

/** Every table of the store. A table missing here is readable by no request (default deny). */
export const tables: Record<Prisma.ModelName, TableRule> = {
  OrgUnit: { holds: 'units of the subtree', ...same(unit) },
  UnitPlacement: { holds: 'where each unit of the subtree stood over time', ...same(unitIn('unitId')) },
  UnitLineage: {
    holds: 'merges, splits and renames touching the subtree; recorded only between units both in it',
    read: anyOf(unitIn('fromUnitId'), unitIn('toUnitId')),
    write: allOf(unitIn('fromUnitId'), unitIn('toUnitId')),
  },
  Member: {
    holds: 'members meeting in the subtree now, and those who met in it before (its old meetings name them); changed where they meet now',
    read: anyOf(unitIn('cellId'), referredBy('MemberAssignment', 'memberId')),
    write: unitIn('cellId'),
  },
  MemberAssignment: { holds: 'periods members met in cells of the subtree', ...same(unitIn('cellId')) },
  MeetingExemption: { holds: "exemptions of the members above", ...same(withRecord('Member', 'memberId')) },
  MembershipRestoration: { holds: 'restorations of membership into cells of the subtree', ...same(unitIn('cellId')) },
  Meeting: { holds: 'meetings of cells of the subtree', ...same(unitIn('cellId')) },
  MeetingAbsence: { holds: 'absences from those meetings', ...same(withRecord('Meeting', 'meetingId')) },
  MeetingAssessment: { holds: 'scorings of those meetings', ...same(withRecord('Meeting', 'meetingId')) },
  AssessmentScore: { holds: 'points of those scorings', ...same(withRecord('MeetingAssessment', 'assessmentId')) },
  CriteriaSet: {
    holds: 'criteria sets (configuration everyone reads); changed by the issuing committee, the central set nationally',
    read: everyone,
    write: { kind: 'unitInOrNational', column: 'issuedByUnitId' },
  },
  Criterion: { holds: 'criteria of the sets', read: everyone, write: withRecord('CriteriaSet', 'criteriaSetId') },
  LevelBand: { holds: 'level bands of the sets', read: everyone, write: withRecord('CriteriaSet', 'criteriaSetId') },
  AttendanceBand: { holds: 'bands of the criteria computed from attendance', read: everyone, write: withRecord('Criterion', 'criterionId') },
  ThematicPlan: { holds: 'thematic plans of cells of the subtree', ...same(unitIn('cellId')) },
  ThematicPlanItem: { holds: 'their items', ...same(withRecord('ThematicPlan', 'planId')) },
  WorkingGroup: {
    holds: 'working groups formed in the subtree or supervising it (assigned, visiting or scoring its cells); changed by the forming committee',
    read: anyOf(
      unitIn('formedByUnitId'),
      referredBy('WorkingGroupAssignment', 'groupId'),
      referredBy('MeetingVisit', 'workingGroupId'),
      referredBy('MeetingAssessment', 'workingGroupId'),
    ),
    write: unitIn('formedByUnitId'),
  },
  WorkingGroupMember: { holds: 'the people of those groups', ...same(withRecord('WorkingGroup', 'groupId')) },
  WorkingGroupAssignment: {
    holds: 'cells of the subtree in a group’s charge; assigned by the forming committee',
    read: unitIn('cellId'),
    write: allOf(unitIn('cellId'), withRecord('WorkingGroup', 'groupId')),
  },
  MeetingVisit: { holds: 'visits to meetings of the subtree', ...same(withRecord('Meeting', 'meetingId')) },
  UnitRating: {
    holds: 'ratings of units of the subtree; changed by the deciding committee (without one, the committee directly above)',
    read: unitIn('unitId'),
    write: allOf(unitIn('unitId'), { kind: 'deciderIn', decider: 'decidedByUnitId', rated: 'unitId' }),
  },
  MemberRating: { holds: 'ratings of members made in cells of the subtree', ...same(unitIn('cellId')) },
  Recognition: { holds: 'recognitions of units of the subtree', ...same(unitIn('unitId')) },
  AdmissionTarget: { holds: 'admission targets of units of the subtree', ...same(unitIn('unitId')) },
  AdmissionCandidate: { holds: 'candidates prepared by cells of the subtree', ...same(unitIn('cellId')) },
  CandidateSponsor: { holds: 'their sponsors', ...same(withRecord('AdmissionCandidate', 'candidateId')) },
  CandidateStageChange: { holds: 'their stages', ...same(withRecord('AdmissionCandidate', 'candidateId')) },
  User: { holds: 'users scoped inside the subtree (national users: nationally)', ...same({ kind: 'unitInOrNational', column: 'scopeUnitId' }) },
  ApiKey: { holds: 'keys of those users', ...same(withRecord('User', 'userId')) },
  AuditLog: {
    holds: 'writes by users of the subtree; each request adds its own, nobody changes one',
    read: withRecord('User', 'userId'),
    appendOnly: { kind: 'byViewer', column: 'userId' },
  },
  Report: {
    holds: 'reports about units of the subtree (aggregates only; made and advanced by the server as the owner, since a VIEWER may ask for one)',
    ...same(unitIn('unitId')),
  },
  Snapshot: {
    holds: 'the snapshot list (each figure binds the subtree itself); any ADMIN starts a build, a snapshot holds every unit so only the whole country changes one',
    read: everyone,
    insert: everyone,
    write: { kind: 'national' },
  },
  SnapshotChunk: {
    holds: 'pieces of snapshot files (every unit, personal fields too): only the servers themselves, copying them; no request reads them',
    read: { kind: 'national' },
    write: { kind: 'national' },
  },
  ReportFileCopy: {
    holds: 'copies of reports\' files: only the servers themselves, serving a download they checked against the Report row; no request reads them',
    read: { kind: 'national' },
    write: { kind: 'national' },
  },
};

// ───────────────────────────── Roles ─────────────────────────────

/** Who reads a kind of GraphQL object. Rows are narrowed to the subtree beneath this, always. */
export type Audience = 'everyone' | 'records' | 'leadership' | 'administrators';

/** The roles of each audience. */
export const audienceRoles: Record<Audience, readonly Role[]> = {
  everyone: ['VIEWER', 'STAFF', 'LEADER', 'ADMIN'],
  // Individual records and people's data: VIEWER sees figures and units only.
  records: ['STAFF', 'LEADER', 'ADMIN'],
  leadership: ['LEADER', 'ADMIN'],
  administrators: ['ADMIN'],
};

export type TypeClass =
  /** A unit of the subtree, or a record about units rather than people. */
  | 'organisation'
  /** Only the id and name of a unit: one of the subtree, above it now or before, or merged into or out of it. */
  | 'label'
  /** A record of one person or one meeting: members, meetings, absences, visits, individual ratings. */
  | 'individual record'
  /** Criteria sets, the catalogue of measures: the same for everyone. */
  | 'configuration'
  /** Figures computed from a snapshot or the store; no person's data. */
  | 'aggregate'
  /** Snapshots: the list every figure is read from. */
  | 'platform'
  /** A user: the leadership reads those of the subtree (the audit log names them), anyone themselves. */
  | 'account'
  /** API keys, and what only administrators manage. */
  | 'administration'
  /** The audit log. */
  | 'audit'
  /** A mutation's answer, an error, a page: it shows only what it carries, each thing classified itself. */
  | 'carrier';

export const classAudience: Record<TypeClass, Audience> = {
  organisation: 'everyone',
  label: 'everyone',
  'individual record': 'records',
  configuration: 'everyone',
  aggregate: 'everyone',
  platform: 'everyone',
  account: 'leadership',
  administration: 'administrators',
  audit: 'leadership',
  carrier: 'everyone',
};

/** Classes whose objects a viewer also reads when the object is the viewer's own user. */
export const readableByThemselves: readonly TypeClass[] = ['account'];

/** Fields that answer the viewer's own account, whatever the audience of its type. */
export const ownRecordFields: Record<string, readonly string[]> = { Query: ['me'] };

/** Every object type of the GraphQL schema, by name. */
export const typeClasses: Record<string, TypeClass> = {
  // organisation
  Unit: 'organisation',
  UnitLineage: 'organisation',
  UnitRating: 'organisation',
  Recognition: 'organisation',
  AdmissionTarget: 'organisation',
  WorkingGroup: 'organisation',
  WorkingGroupAssignment: 'organisation',
  WorkingGroupSummary: 'organisation',
  ThematicPlan: 'organisation',
  ThematicPlanItem: 'organisation',
  ExcellentCapBreach: 'aggregate',
  // labels
  UnitLabel: 'label',
  // individual records
  Member: 'individual record',
  MemberAssignment: 'individual record',
  MeetingExemption: 'individual record',
  MembershipRestoration: 'individual record',
  MemberAtRisk: 'individual record',
  Meeting: 'individual record',
  MeetingAbsence: 'individual record',
  MeetingAssessment: 'individual record',
  AssessmentScore: 'individual record',
  MeetingVisit: 'individual record',
  WorkingGroupMember: 'individual record',
  MemberRating: 'individual record',
  Candidate: 'individual record',
  CandidateStageChange: 'individual record',
  // configuration
  CriteriaSet: 'configuration',
  Criterion: 'configuration',
  LevelBand: 'configuration',
  AttendanceBand: 'configuration',
  MeasureInfo: 'configuration',
  // aggregates
  AnalyticsUnit: 'aggregate',
  AdmissionProgress: 'aggregate',
  AdmissionProgressFigures: 'aggregate',
  CapBreachFigures: 'aggregate',
  CellRatingFigures: 'aggregate',
  CellRatingShares: 'aggregate',
  ComparedFigure: 'aggregate',
  ComparedUnit: 'aggregate',
  DimensionValue: 'aggregate',
  ExcellentCapReport: 'aggregate',
  MeasureRow: 'aggregate',
  MeasureValue: 'aggregate',
  MeasureTable: 'aggregate',
  MeetingAttendanceQuality: 'aggregate',
  MeetingAttendanceQualityFigures: 'aggregate',
  MeetingRegularity: 'aggregate',
  MeetingRegularityFigures: 'aggregate',
  MeetingTrend: 'aggregate',
  MeetingTrendPoint: 'aggregate',
  SupervisionCoverage: 'aggregate',
  SupervisionCoverageFigures: 'aggregate',
  UnitComparison: 'aggregate',
  // platform
  Snapshot: 'platform',
  Report: 'aggregate',
  ReportFile: 'aggregate',
  SnapshotStamp: 'platform',
  SnapshotTableCount: 'platform',
  SnapshotExport: 'administration',
  SnapshotExportFile: 'administration',
  // administration and audit
  User: 'account',
  ApiKey: 'administration',
  NewApiKey: 'administration',
  AuditEntry: 'audit',
  // carriers named by hand (plugin-made pages and results are recognised by their names below)
  PageInfo: 'carrier',
  FieldIssue: 'carrier',
  ValidationError: 'carrier',
  NotFoundError: 'carrier',
  ConflictError: 'carrier',
  ForbiddenError: 'carrier',
  ImportRejected: 'carrier',
  ImportRowIssue: 'carrier',
  ImportSummary: 'carrier',
};

/**
 * Types the relay and errors plugins make for each list and mutation: a page (…Connection,
 * …ConnectionEdge) or a mutation's success (…Success) carries objects classified themselves.
 */
const CARRIER_NAME = /(Connection|ConnectionEdge|Success)$/;

/** The class of a GraphQL object type; undefined: not classified, which refuses the schema. */
export function classOf(typeName: string): TypeClass | undefined {
  return typeClasses[typeName] ?? (CARRIER_NAME.test(typeName) ? 'carrier' : undefined);
}

/**
 * Fields that hold a person's data: birth dates, ethnicity, card numbers, reasons that tell of
 * health or conduct. LEADER and ADMIN read them; every other role reads null.
 */
export const personalFields: Record<string, readonly string[]> = {
  Member: ['birthDate', 'ethnicity', 'partyCardNumber'],
  Candidate: ['birthDate', 'ethnicity', 'droppedReason'],
  CandidateStageChange: ['note'],
  MeetingAbsence: ['reason'],
  MeetingExemption: ['note'],
  MemberRating: ['notRatedReason'],
};

/** Fields that look a person up by a personal value: refused to roles that read it as null. */
export const personalLookups: Record<string, readonly string[]> = {
  Query: ['memberByCardNumber'],
};

/** The roles that read personal fields and may look people up by them. */
export const personalDataRoles: readonly Role[] = audienceRoles.leadership;

// ───────────────────────────── Files that leave the server ─────────────────────────────

/**
 * Columns of the store that hold a person's data: names, birth dates, ethnicity, card numbers,
 * reasons, comments. A file that leaves the server carries none of them: the Parquet export
 * of a snapshot leaves them out, and reports are made of 'aggregate' figures only.
 */
export const personalColumns: Partial<Record<Prisma.ModelName, readonly string[]>> = {
  Member: ['partyCardNumber', 'fullName', 'searchName', 'sortKey', 'birthDate', 'ethnicity'],
  AdmissionCandidate: ['fullName', 'searchName', 'sortKey', 'birthDate', 'ethnicity', 'droppedReason'],
  MeetingAbsence: ['reason'],
  MeetingExemption: ['note'],
  WorkingGroupMember: ['fullName', 'role'],
  MeetingVisit: ['visitorName', 'comments', 'recommendations'],
  CandidateStageChange: ['note'],
  MemberRating: ['notRatedReason'],
};

// ───────────────────────────── Changes: who may run which mutation ─────────────────────────────

const STAFF = audienceRoles.records;
const LEADER = audienceRoles.leadership;
const ADMIN = audienceRoles.administrators;

/**
 * STAFF records data inside its subtree; LEADER also rates and decides (approvals, admissions,
 * targets, working groups, status decisions); ADMIN also manages units, criteria, snapshots,
 * users and keys; VIEWER changes nothing. Where each may change it is the rows' rule above.
 */
export const mutationRoles: Record<string, readonly Role[]> = {
  // Recording (cán bộ nghiệp vụ)
  meetingRecord: STAFF, meetingUpdate: STAFF, meetingDelete: STAFF, meetingAssess: STAFF, meetingImport: STAFF,
  memberCreate: STAFF, memberUpdate: STAFF, memberTransfer: STAFF, memberImport: STAFF,
  memberExemptionAdd: STAFF, memberExemptionEnd: STAFF,
  candidateCreate: STAFF, candidateAdvance: STAFF, candidateDrop: STAFF,
  thematicPlanRegister: STAFF, visitRecord: STAFF,
  // Rating and deciding (cấp ủy)
  unitRate: LEADER, unitRatingUpdate: LEADER, memberRate: LEADER, memberRatingUpdate: LEADER, memberRatingImport: LEADER, recognitionRecord: LEADER,
  thematicPlanDecide: LEADER, candidateAdmit: LEADER, memberRecognizeOfficial: LEADER, memberChangeStatus: LEADER, memberRestore: LEADER,
  admissionTargetSet: LEADER,
  // Imports of admissions and supervision: the roles of the mutations they stand for (an admitted row: candidateAdmit's).
  candidateImport: STAFF, visitImport: STAFF, admissionTargetImport: LEADER, workingGroupImport: LEADER,
  unitRatingImport: LEADER, recognitionImport: LEADER,
  workingGroupCreate: LEADER, workingGroupAssignCells: LEADER, workingGroupUnassignCell: LEADER, workingGroupDissolve: LEADER,
  // Administering
  unitCreate: ADMIN, unitUpdate: ADMIN, unitRecordLineage: ADMIN, criteriaSetCreate: ADMIN,
  unitImport: ADMIN,
  snapshotCreate: ADMIN, snapshotDelete: ADMIN, snapshotKeep: ADMIN, snapshotExport: ADMIN,
  // Reports hold aggregates only: anyone may make one of their subtree; the leadership keeps or deletes them.
  reportCreate: audienceRoles.everyone, reportKeep: LEADER, reportDelete: LEADER,
  userCreate: ADMIN, userUpdate: ADMIN, apiKeyCreate: ADMIN, apiKeyRevoke: ADMIN,
};

/**
 * Mutations that act on every unit's data at once — a snapshot holds the whole store — and so
 * belong to users of the whole country, whatever their role allows elsewhere.
 */
export const wholeCountryMutations: readonly string[] = ['snapshotKeep', 'snapshotDelete', 'snapshotExport'];

/** The database role a request runs as: VIEWER's cannot write at all, beneath every check above. */
export function databaseRoleOf(role: Role): DatabaseRole {
  return role === 'VIEWER' ? 'chibo_reader' : 'chibo_writer';
}

export type DatabaseRole = 'chibo_reader' | 'chibo_writer';
