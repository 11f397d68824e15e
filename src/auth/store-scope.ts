// The subtree rule at the store layer, in one place: a Prisma client extension that adds "lies
// in the viewer's subtree" to the where of every read, update and delete of every model. A
// record outside answers exactly as a record that does not exist. Creates are checked by the
// services, which look up the unit, member or meeting they attach to through this same client.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Viewer } from './viewer.js';

type Where = Record<string, unknown>;

const unit = (path: string): Where => ({ path: { startsWith: path } });
const cell = (path: string): Where => ({ cell: unit(path) });
const meeting = (path: string): Where => ({ meeting: cell(path) });
const group = (path: string): Where => ({ OR: [{ formedByUnit: unit(path) }, { assignments: { some: cell(path) } }] });

/** For each model, the records a viewer whose scope unit has `path` may see; absent: everyone's. */
const rules: Partial<Record<Prisma.ModelName, (path: string) => Where>> = {
  OrgUnit: unit,
  UnitPlacement: (path) => ({ unit: unit(path) }),
  UnitLineage: (path) => ({ OR: [{ fromUnit: unit(path) }, { toUnit: unit(path) }] }),
  Member: cell,
  MemberAssignment: cell,
  MeetingExemption: (path) => ({ member: cell(path) }),
  Meeting: cell,
  MeetingAbsence: meeting,
  MeetingAssessment: meeting,
  AssessmentScore: (path) => ({ assessment: meeting(path) }),
  ThematicPlan: cell,
  ThematicPlanItem: (path) => ({ plan: cell(path) }),
  WorkingGroup: group,
  WorkingGroupMember: (path) => ({ group: group(path) }),
  WorkingGroupAssignment: cell,
  MeetingVisit: meeting,
  UnitRating: (path) => ({ unit: unit(path) }),
  MemberRating: cell,
  Recognition: (path) => ({ unit: unit(path) }),
  AdmissionTarget: (path) => ({ unit: unit(path) }),
  AdmissionCandidate: cell,
  CandidateSponsor: (path) => ({ candidate: cell(path) }),
  CandidateStageChange: (path) => ({ candidate: cell(path) }),
  User: (path) => ({ scopeUnit: unit(path) }),
  ApiKey: (path) => ({ user: { scopeUnit: unit(path) } }),
  AuditLog: (path) => ({ user: { scopeUnit: unit(path) } }),
  // CriteriaSet, Criterion, LevelBand (configuration) and Snapshot are everyone's.
};

const filtered = new Set([
  'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'count', 'aggregate', 'groupBy',
  'update', 'updateMany', 'updateManyAndReturn', 'upsert', 'delete', 'deleteMany',
]);

/** The store as a viewer sees it. */
export function scopedClient(base: PrismaClient, viewer: Viewer) {
  return base.$extends({
    name: 'subtree-scope',
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          const rule = rules[model as Prisma.ModelName];
          if (!rule || !filtered.has(operation)) return query(args);
          const given = args as { where?: Where };
          const where = given.where ?? {};
          const and = where.AND === undefined ? [] : Array.isArray(where.AND) ? where.AND : [where.AND];
          return query({ ...given, where: { ...where, AND: [...and, rule(viewer.scopePath)] } } as typeof args);
        },
      },
    },
  }) as unknown as PrismaClient;
}
