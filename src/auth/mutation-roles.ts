// Who may change what, in one table: STAFF records data inside its subtree; LEADER also rates
// and decides (approvals, admissions, targets, working groups, status decisions); ADMIN also
// manages units, criteria, snapshots, users and keys. VIEWER changes nothing. Where they may
// change it (their subtree) is the store layer's rule (store-scope.ts).
import type { Role } from '../generated/prisma/enums.js';

const STAFF = ['STAFF', 'LEADER', 'ADMIN'] as const satisfies readonly Role[];
const LEADER = ['LEADER', 'ADMIN'] as const satisfies readonly Role[];
const ADMIN = ['ADMIN'] as const satisfies readonly Role[];

export const mutationRoles: Record<string, readonly Role[]> = {
  // Recording (cán bộ nghiệp vụ)
  meetingRecord: STAFF, meetingUpdate: STAFF, meetingDelete: STAFF, meetingAssess: STAFF, meetingImport: STAFF,
  memberCreate: STAFF, memberUpdate: STAFF, memberTransfer: STAFF, memberImport: STAFF,
  memberExemptionAdd: STAFF, memberExemptionEnd: STAFF,
  candidateCreate: STAFF, candidateAdvance: STAFF, candidateDrop: STAFF,
  thematicPlanRegister: STAFF, visitRecord: STAFF,
  // Rating and deciding (cấp ủy)
  unitRate: LEADER, unitRatingUpdate: LEADER, memberRate: LEADER, memberRatingUpdate: LEADER, recognitionRecord: LEADER,
  thematicPlanDecide: LEADER, candidateAdmit: LEADER, memberRecognizeOfficial: LEADER, memberChangeStatus: LEADER,
  admissionTargetSet: LEADER,
  workingGroupCreate: LEADER, workingGroupAssignCells: LEADER, workingGroupUnassignCell: LEADER, workingGroupDissolve: LEADER,
  // Administering
  unitCreate: ADMIN, unitUpdate: ADMIN, unitRecordLineage: ADMIN, criteriaSetCreate: ADMIN,
  snapshotCreate: ADMIN, snapshotDelete: ADMIN, snapshotKeep: ADMIN, snapshotExport: ADMIN,
  userCreate: ADMIN, userUpdate: ADMIN, apiKeyCreate: ADMIN, apiKeyRevoke: ADMIN,
};

/** Why a role may not run a mutation, or null when it may. Unlisted mutations are ADMIN's. */
export function mutationRefusal(field: string, role: Role): string | null {
  const allowed = mutationRoles[field] ?? ADMIN;
  return allowed.includes(role) ? null : `${field} needs the role ${allowed.join(' or ')}; this request’s role is ${role}`;
}
