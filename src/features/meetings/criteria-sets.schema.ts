// Criteria sets (bộ tiêu chí chấm điểm) in GraphQL: issuing one, listing them, and the set
// that applies to a cell on a day.
import { builder } from '../../builder.js';
import { mutationErrors } from '../../errors.js';
import { CriterionComputationEnum, MeetingLevelEnum } from '../../graphql/enums.js';
import { localId, optionalLocalId } from '../../graphql/ids.js';
import { createCriteriaSet, criteriaSetFor, listCriteriaSets } from './criteria-sets.service.js';

const AttendanceBandInput = builder.inputType('AttendanceBandInput', {
  description:
    'A band of a criterion computed from attendance: its points when the meeting’s record meets every condition given. ' +
    'The criterion scores the most points among the bands that hold, 0 when none does; one band must give its maxPoints.',
  fields: (t) => ({
    points: t.float({ required: true, description: 'From 0 to the criterion’s maxPoints, two decimals at most.' }),
    presentOverPercent: t.float({ description: 'The share of the expected present must be above this ("trên X%"), 0–100.' }),
    presentAtLeastPercent: t.float({
      description: 'Instead: the share must be at least this ("từ X% trở lên"), 0–100. Omit both for no condition on the share.',
    }),
    maxUnexcusedAbsences: t.int({ description: 'The most absences without excuse allowed; omitted: any number.' }),
    source: t.string({
      required: true,
      description: 'Where the thresholds come from: the document and its wording (e.g. «Hướng dẫn 05-HD/TU: trên 90%, …»).',
    }),
  }),
});

const CriterionInput = builder.inputType('CriterionInput', {
  description: 'One criterion of a new set.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'Short code, unique within the set, e.g. "ATTENDANCE".' }),
    name: t.string({ required: true }),
    maxPoints: t.float({ required: true, description: 'The maxPoints of a set add up to 100.' }),
    requiredForGood: t.boolean({ description: 'GOOD needs full marks here (default false).' }),
    computation: t.field({
      type: CriterionComputationEnum,
      description: 'TYPED (default): the assessor gives the points. ATTENDANCE: computed from the meeting’s record by attendanceBands.',
    }),
    attendanceBands: t.field({ type: [AttendanceBandInput], description: 'Required for ATTENDANCE; not given for TYPED.' }),
  }),
});

const LevelBandInput = builder.inputType('LevelBandInput', {
  description: 'The lowest total that reaches a level.',
  fields: (t) => ({
    level: t.field({ type: MeetingLevelEnum, required: true }),
    minScore: t.float({ required: true }),
  }),
});

const CriteriaSetCreateInput = builder.inputType('CriteriaSetCreateInput', {
  description: 'A criteria set a province committee issues: criteria adding up to 100 and a band for every level.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'Unique code, e.g. "HG-2024".' }),
    name: t.string({ required: true }),
    issuedByUnitId: t.id({ required: true, description: 'The province committee (đảng bộ tỉnh) issuing it.' }),
    decisionNumber: t.string({ required: true, description: 'E.g. "05-HD/TU".' }),
    validFrom: t.field({ type: 'Date', required: true }),
    validTo: t.field({ type: 'Date', description: 'Last day; open-ended when omitted.' }),
    criteria: t.field({ type: [CriterionInput], required: true }),
    bands: t.field({ type: [LevelBandInput], required: true, description: 'All four levels, GOOD > FAIR > AVERAGE > POOR = 0.' }),
  }),
});

builder.queryFields((t) => ({
  criteriaSets: t.prismaField({
    type: ['CriteriaSet'],
    description: 'Criteria sets, the newest first: all of them, or those a province issued, or those valid on a day.',
    args: {
      issuedByUnitId: t.arg.id({ description: 'Only the sets this province issued.' }),
      on: t.arg({ type: 'Date', description: 'Only the sets valid on this day.' }),
    },
    resolve: (query, _root, args, ctx) =>
      listCriteriaSets({ ctx, query, issuedByUnitId: optionalLocalId(args.issuedByUnitId, 'Unit', 'issuedByUnitId'), on: args.on }),
  }),
  criteriaSetFor: t.prismaField({
    type: 'CriteriaSet',
    description: 'The set that scores a cell’s meetings on a day: its province’s set valid that day, else the central default.',
    args: { cellId: t.arg.id({ required: true }), on: t.arg({ type: 'Date', required: true }) },
    resolve: (query, _root, args, ctx) => criteriaSetFor({ ctx, query, cellId: localId(args.cellId, 'Unit', 'cellId'), on: args.on }),
  }),
}));

builder.mutationFields((t) => ({
  criteriaSetCreate: t.prismaField({
    type: 'CriteriaSet',
    description: 'Issue a province’s criteria set for scoring meetings.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: CriteriaSetCreateInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      createCriteriaSet({ ctx, query, input: { ...input, issuedByUnitId: localId(input.issuedByUnitId, 'Unit', 'input.issuedByUnitId') } }),
  }),
}));
