// Who may see what, computed independently of the server: the whole store read with its own
// queries (never through the server's access code), and the rules of the README's "Access"
// written out once more, per type. A viewer's scope unit has a materialised path S; a unit is
// in the subtree when its path starts with S. Every object an answer carries is judged here by
// its __typename and id; objects without an id are judged through the objects they carry.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { wholeStore } from './store.js';
import { globalId } from '../../src/graphql/ids.js';

interface UnitRow {
  id: number;
  path: string;
  parentId: number | null;
  validTo: Date | null;
}

/** The rows the rules read, the whole store. */
export interface StoreRows {
  units: Map<number, UnitRow>;
  lineage: { fromUnitId: number; toUnitId: number }[];
  /** Each unit's parents over time. */
  placements: { unitId: number; parentId: number | null }[];
  members: Map<number, { cellId: number; status: string }>;
  assignments: { memberId: number; cellId: number }[];
  exemptions: Map<number, number>;
  meetings: Map<number, number>;
  assessments: Map<number, { meetingId: number; workingGroupId: number | null }>;
  visits: Map<number, { meetingId: number; workingGroupId: number | null }>;
  plans: Map<number, number>;
  planItems: Map<number, number>;
  candidates: Map<number, number>;
  memberRatings: Map<number, number>;
  groups: Map<number, number>;
  groupMembers: Map<number, number>;
  groupAssignments: { groupId: number; cellId: number }[];
  unitRatings: Map<number, number>;
  recognitions: Map<number, number>;
  targets: Map<number, number>;
  /** Reports by the unit they are about. */
  reports: Map<number, number>;
  users: Map<number, number | null>;
  apiKeys: Map<number, number>;
  audit: Map<string, number | null>;
  /** Global ids of every object of every Node type, by type. */
  nodeIds: Map<string, string[]>;
}

/** Reads the whole store (unscoped): call again after the store changed. */
export async function readStore(): Promise<StoreRows> {
  const db = wholeStore();
  const [units, lineage, placements, members, assignments, exemptions, meetings, assessments, visits, plans, planItems, candidates, memberRatings, groups, groupMembers, groupAssignments, unitRatings, recognitions, targets, users, apiKeys, audit, criteriaSets, snapshots, reports] =
    await Promise.all([
      db.orgUnit.findMany({ select: { id: true, path: true, parentId: true, validTo: true } }),
      db.unitLineage.findMany({ select: { fromUnitId: true, toUnitId: true } }),
      db.unitPlacement.findMany({ select: { unitId: true, parentId: true } }),
      db.member.findMany({ select: { id: true, cellId: true, status: true } }),
      db.memberAssignment.findMany({ select: { memberId: true, cellId: true } }),
      db.meetingExemption.findMany({ select: { id: true, memberId: true } }),
      db.meeting.findMany({ select: { id: true, cellId: true } }),
      db.meetingAssessment.findMany({ select: { id: true, meetingId: true, workingGroupId: true } }),
      db.meetingVisit.findMany({ select: { id: true, meetingId: true, workingGroupId: true } }),
      db.thematicPlan.findMany({ select: { id: true, cellId: true } }),
      db.thematicPlanItem.findMany({ select: { id: true, planId: true } }),
      db.admissionCandidate.findMany({ select: { id: true, cellId: true } }),
      db.memberRating.findMany({ select: { id: true, cellId: true } }),
      db.workingGroup.findMany({ select: { id: true, formedByUnitId: true } }),
      db.workingGroupMember.findMany({ select: { id: true, groupId: true } }),
      db.workingGroupAssignment.findMany({ select: { groupId: true, cellId: true } }),
      db.unitRating.findMany({ select: { id: true, unitId: true } }),
      db.recognition.findMany({ select: { id: true, unitId: true } }),
      db.admissionTarget.findMany({ select: { id: true, unitId: true } }),
      db.user.findMany({ select: { id: true, scopeUnitId: true } }),
      db.apiKey.findMany({ select: { id: true, userId: true } }),
      db.auditLog.findMany({ select: { id: true, userId: true } }),
      db.criteriaSet.findMany({ select: { id: true } }),
      db.snapshot.findMany({ select: { id: true } }),
      db.report.findMany({ select: { id: true, unitId: true } }),
    ]);
  const ids = (type: string, rows: { id: number }[]) => [type, rows.map((row) => globalId(type, row.id))] as const;
  return {
    units: new Map(units.map((u) => [u.id, u])),
    lineage,
    placements,
    members: new Map(members.map((m) => [m.id, { cellId: m.cellId, status: m.status }])),
    assignments,
    exemptions: new Map(exemptions.map((e) => [e.id, e.memberId])),
    meetings: new Map(meetings.map((m) => [m.id, m.cellId])),
    assessments: new Map(assessments.map((a) => [a.id, a])),
    visits: new Map(visits.map((v) => [v.id, v])),
    plans: new Map(plans.map((p) => [p.id, p.cellId])),
    planItems: new Map(planItems.map((i) => [i.id, i.planId])),
    candidates: new Map(candidates.map((c) => [c.id, c.cellId])),
    memberRatings: new Map(memberRatings.map((r) => [r.id, r.cellId])),
    groups: new Map(groups.map((g) => [g.id, g.formedByUnitId])),
    groupMembers: new Map(groupMembers.map((m) => [m.id, m.groupId])),
    groupAssignments,
    unitRatings: new Map(unitRatings.map((r) => [r.id, r.unitId])),
    recognitions: new Map(recognitions.map((r) => [r.id, r.unitId])),
    targets: new Map(targets.map((t) => [t.id, t.unitId])),
    reports: new Map(reports.map((r) => [r.id, r.unitId])),
    users: new Map(users.map((u) => [u.id, u.scopeUnitId])),
    apiKeys: new Map(apiKeys.map((k) => [k.id, k.userId])),
    audit: new Map(audit.map((a) => [a.id.toString(), a.userId])),
    nodeIds: new Map([
      ids('Unit', units),
      ids('Member', members),
      ids('MeetingExemption', exemptions),
      ids('Meeting', meetings),
      ids('ThematicPlan', plans),
      ids('ThematicPlanItem', planItems),
      ids('Candidate', candidates),
      ids('MemberRating', memberRatings),
      ids('UnitRating', unitRatings),
      ids('Recognition', recognitions),
      ids('WorkingGroup', groups),
      ids('User', users),
      ids('ApiKey', apiKeys),
      ids('CriteriaSet', criteriaSets),
      ids('Snapshot', snapshots),
      ids('Report', reports),
    ]),
  };
}

/**
 * The local id an answer's `id` names: a global id of that type decoded, or the id as it is for
 * types whose ids are plain numbers (MeetingVisit, WorkingGroupMember, AuditEntry, …).
 */
export function localKey(typename: string, id: string): string {
  try {
    const decoded = decodeGlobalID(id);
    if (decoded.typename === typename || ((typename === 'AnalyticsUnit' || typename === 'UnitLabel') && decoded.typename === 'Unit')) return decoded.id;
  } catch {
    // not a global id
  }
  return id;
}

/** Types whose every object anyone may see: configuration, catalogues, snapshots. */
const EVERYONE = new Set(['CriteriaSet', 'Criterion', 'LevelBand', 'Snapshot', 'SnapshotStamp', 'SnapshotTableCount', 'MeasureInfo']);

export type Verdict = 'visible' | 'hidden' | 'unknown id' | 'no rule';

/** What one viewer may see: the rules evaluated for a scope unit (null: the whole country). */
export class Visibility {
  private readonly scopePath: string;
  private readonly memberVisible = new Set<number>();
  private readonly groupVisible = new Set<number>();
  private readonly linkedUnits = new Set<number>();
  /** Paths of the units that were ever the parent of a unit of the subtree. */
  private readonly formerParentPaths: string[] = [];

  constructor(
    private readonly store: StoreRows,
    readonly scopeUnitId: number | null,
  ) {
    this.scopePath = scopeUnitId === null ? '/' : this.store.units.get(scopeUnitId)!.path;
    for (const [id, member] of store.members) if (this.inSubtree(member.cellId)) this.memberVisible.add(id);
    for (const assignment of store.assignments) if (this.inSubtree(assignment.cellId)) this.memberVisible.add(assignment.memberId);
    for (const [id, formedBy] of store.groups) if (this.inSubtree(formedBy)) this.groupVisible.add(id);
    for (const assignment of store.groupAssignments) if (this.inSubtree(assignment.cellId)) this.groupVisible.add(assignment.groupId);
    for (const act of [...store.visits.values(), ...store.assessments.values()]) {
      if (act.workingGroupId !== null && this.meetingVisible(act.meetingId)) this.groupVisible.add(act.workingGroupId);
    }
    for (const link of store.lineage) {
      if (this.inSubtree(link.toUnitId)) this.linkedUnits.add(link.fromUnitId);
      if (this.inSubtree(link.fromUnitId)) this.linkedUnits.add(link.toUnitId);
    }
    for (const placement of store.placements) {
      const parent = placement.parentId === null ? undefined : store.units.get(placement.parentId);
      if (parent && this.inSubtree(placement.unitId)) this.formerParentPaths.push(parent.path);
    }
  }

  /** inS: the unit lies in the viewer's subtree. */
  inSubtree(unitId: number): boolean {
    const unit = this.store.units.get(unitId);
    return unit !== undefined && unit.path.startsWith(this.scopePath);
  }

  /**
   * A unit named by an up-link (UnitLabel): in the subtree, above it now, above a unit of it
   * before (a district abolished since, which rated its communes), or linked to it by lineage.
   */
  labelVisible(unitId: number): boolean {
    const unit = this.store.units.get(unitId);
    if (!unit) return false;
    const aboveBefore = this.formerParentPaths.some((path) => path.startsWith(unit.path));
    return this.inSubtree(unitId) || this.scopePath.startsWith(unit.path) || aboveBefore || this.linkedUnits.has(unitId);
  }

  meetingVisible(meetingId: number): boolean {
    const cell = this.store.meetings.get(meetingId);
    return cell !== undefined && this.inSubtree(cell);
  }

  userVisible(userId: number): boolean {
    if (!this.store.users.has(userId)) return false;
    const scope = this.store.users.get(userId) ?? null;
    return scope === null ? this.scopeUnitId === null : this.inSubtree(scope);
  }

  /** The verdict on an object of a type with an id. */
  judge(typename: string, id: string): Verdict {
    if (EVERYONE.has(typename)) return 'visible';
    const key = localKey(typename, id);
    const n = Number(key);
    const known = <T>(map: Map<number, T>, rule: (value: T) => boolean): Verdict => {
      if (!map.has(n)) return 'unknown id';
      return rule(map.get(n) as T) ? 'visible' : 'hidden';
    };
    const yes = (visible: boolean): Verdict => (visible ? 'visible' : 'hidden');
    const { store } = this;
    switch (typename) {
      case 'Unit':
      case 'AnalyticsUnit':
        return known(store.units, () => this.inSubtree(n));
      case 'UnitLabel':
        return known(store.units, () => this.labelVisible(n));
      case 'Member':
        return known(store.members, () => this.memberVisible.has(n));
      case 'MeetingExemption':
        return known(store.exemptions, (memberId) => this.memberVisible.has(memberId));
      case 'Meeting':
        return known(store.meetings, (cellId) => this.inSubtree(cellId));
      case 'MeetingAssessment':
      case 'MeetingVisit':
        return known(typename === 'MeetingVisit' ? store.visits : store.assessments, (act) => this.meetingVisible(act.meetingId));
      case 'ThematicPlan':
        return known(store.plans, (cellId) => this.inSubtree(cellId));
      case 'ThematicPlanItem':
        return known(store.planItems, (planId) => this.inSubtree(store.plans.get(planId) ?? -1));
      case 'Candidate':
        return known(store.candidates, (cellId) => this.inSubtree(cellId));
      case 'MemberRating':
        return known(store.memberRatings, (cellId) => this.inSubtree(cellId));
      case 'UnitRating':
        return known(store.unitRatings, (unitId) => this.inSubtree(unitId));
      case 'Recognition':
        return known(store.recognitions, (unitId) => this.inSubtree(unitId));
      case 'AdmissionTarget':
        return known(store.targets, (unitId) => this.inSubtree(unitId));
      case 'Report':
        return known(store.reports, (unitId) => this.inSubtree(unitId));
      case 'WorkingGroup':
        return known(store.groups, () => this.groupVisible.has(n));
      case 'WorkingGroupMember':
        return known(store.groupMembers, (groupId) => this.groupVisible.has(groupId));
      case 'User':
        return known(store.users, () => this.userVisible(n));
      case 'ApiKey':
        return known(store.apiKeys, (userId) => this.userVisible(userId));
      case 'AuditEntry': {
        if (!store.audit.has(key)) return 'unknown id';
        const userId = store.audit.get(key) ?? null;
        return yes(userId !== null && this.userVisible(userId));
      }
      default:
        return 'no rule';
    }
  }

  /** Unit.childCount: the units directly under it that exist, as far as they are visible. */
  childCount(unitId: number): number {
    return [...this.store.units.values()].filter((u) => u.parentId === unitId && u.validTo === null && this.inSubtree(u.id)).length;
  }

  /** Unit.subtree without a filter: existing units below it (itself excluded), visible ones. */
  subtreeCount(unitId: number): number {
    const path = this.store.units.get(unitId)!.path;
    return [...this.store.units.values()].filter((u) => u.id !== unitId && u.path.startsWith(path) && u.validTo === null && this.inSubtree(u.id)).length;
  }

  /** Unit.members without a filter: active members whose current cell is below it, visible ones. */
  memberCount(unitId: number): number {
    const path = this.store.units.get(unitId)!.path;
    return [...this.store.members.entries()].filter(
      ([id, m]) => ['PROBATIONARY', 'OFFICIAL'].includes(m.status) && this.store.units.get(m.cellId)!.path.startsWith(path) && this.memberVisible.has(id),
    ).length;
  }

  /** Unit.meetings without a filter: meetings of cells below it, visible ones. */
  meetingCount(unitId: number): number {
    const path = this.store.units.get(unitId)!.path;
    return [...this.store.meetings.entries()].filter(([id, cellId]) => this.store.units.get(cellId)!.path.startsWith(path) && this.meetingVisible(id)).length;
  }
}
