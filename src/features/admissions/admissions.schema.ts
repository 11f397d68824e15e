// Admissions: targets per unit and year (chỉ tiêu kết nạp) and candidates (đối tượng kết nạp).
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { StoreContext } from '../../access/viewer-store.js';
import { builder } from '../../builder.js';
import { mutationErrors } from '../../errors.js';
import { CandidateStageEnum, GenderEnum } from '../../graphql/enums.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { localId, nodeLookup, optionalLocalId } from '../../graphql/ids.js';
import { listOrder } from '../../graphql/ordering.js';
import { achievedPercent } from './admission-rules.js';
import { admittedInSubtrees, candidateListWhere, targetListWhere } from './admissions.query.js';
import { admitCandidate, advanceCandidate, createCandidate, dropCandidate, setAdmissionTarget } from './admissions.service.js';

// Both figures need the unit's path and the year.
const targetFacts = { year: true, target: true, unit: { select: { path: true } } } as const;

/** The actuals of all the targets a request lists, in one query; shared by both figures. */
const admittedLoader = createContextCache(
  (ctx: StoreContext) =>
    new DataLoader<{ path: string; year: number }, number, string>((keys) => admittedInSubtrees(ctx, keys), {
      cacheKeyFn: (key) => `${key.year}:${key.path}`,
    }),
);

const admittedFor = (target: { year: number; unit: { path: string } }, ctx: StoreContext) =>
  admittedLoader(ctx).load({ path: target.unit.path, year: target.year });

builder.prismaObject('AdmissionTarget', {
  description: 'How many members a unit plans to admit in a year (chỉ tiêu kết nạp đảng viên).',
  fields: (t) => ({
    id: t.exposeID('id'),
    unit: t.relation('unit'),
    year: t.exposeInt('year'),
    target: t.exposeInt('target'),
    admitted: t.int({
      description: "Members admitted in the year by units in this unit's subtree (the unit itself included).",
      select: targetFacts,
      resolve: (target, _args, ctx) => admittedFor(target, ctx),
    }),
    achievedPercent: t.float({
      nullable: true,
      description: 'Admitted as a percentage of the target, to one decimal; null when the target is 0.',
      select: targetFacts,
      resolve: async (target, _args, ctx) => achievedPercent(await admittedFor(target, ctx), target.target),
    }),
  }),
});

export const CandidateRef = builder.prismaNode('AdmissionCandidate', {
  name: 'Candidate',
  description: 'A candidate for admission (đối tượng kết nạp đảng) moving through the stages to admission.',
  id: { field: 'id' },
  ...nodeLookup,
  fields: (t) => ({
    fullName: t.exposeString('fullName'),
    gender: t.expose('gender', { type: GenderEnum }),
    birthDate: t.expose('birthDate', { type: 'Date', description: 'Personal.', nullable: true }),
    ethnicity: t.exposeString('ethnicity', { description: 'Personal.', nullable: true }),
    youthUnionMember: t.exposeBoolean('youthUnionMember'),
    cell: t.relation('cell'),
    stage: t.expose('stage', { type: CandidateStageEnum }),
    trainedOn: t.expose('trainedOn', { type: 'Date', nullable: true, description: 'Certificate of the course on the Party (valid five years).' }),
    cellResolutionOn: t.expose('cellResolutionOn', { type: 'Date', nullable: true }),
    mentor: t.relation('mentor', { nullable: true, description: 'The member assigned to help the candidate.' }),
    sponsors: t.prismaField({
      type: ['Member'],
      description: 'Members vouching for the candidate (đảng viên giới thiệu) whom you may see.',
      select: (_args, _ctx, nestedSelection) => ({ sponsors: { select: { member: nestedSelection(true) } } }),
      // A sponsor who meets outside the viewer's subtree reads as no row: leave them out.
      resolve: (_query, candidate) => candidate.sponsors.flatMap((sponsor) => (sponsor.member ? [sponsor.member] : [])),
    }),
    droppedReason: t.exposeString('droppedReason', { nullable: true, description: 'Why the candidate left the path (personal).' }),
    member: t.relation('member', { nullable: true, description: 'The member the candidate became.' }),
    stageChanges: t.relation('stageChanges', { query: { orderBy: [{ changedOn: 'asc' }, { id: 'asc' }] } }),
  }),
});

builder.prismaObject('CandidateStageChange', {
  description: 'When a candidate reached a stage.',
  fields: (t) => ({
    stage: t.expose('stage', { type: CandidateStageEnum }),
    changedOn: t.expose('changedOn', { type: 'Date' }),
    note: t.exposeString('note', { nullable: true }),
  }),
});

// ───────────── lists ─────────────

const AdmissionTargetFilter = builder.inputType('AdmissionTargetFilter', {
  description: 'Narrows a list of admission targets; every given condition must hold.',
  fields: (t) => ({
    underUnitId: t.id({ description: "Only targets of units in this unit's subtree (the unit itself included)." }),
    year: t.int(),
  }),
});

const CandidateFilter = builder.inputType('CandidateFilter', {
  description: 'Narrows a list of candidates; every given condition must hold.',
  fields: (t) => ({
    underUnitId: t.id({ description: "Only candidates of cells in this unit's subtree." }),
    cellId: t.id({ description: 'Only candidates of this cell.' }),
    stages: t.field({ type: [CandidateStageEnum], description: 'Only candidates at these stages.' }),
    search: t.string({ description: 'Part of the name; diacritics and case are ignored.' }),
  }),
});

type CandidateFilterValue = typeof CandidateFilter.$inferInput;

function decodeCandidateFilter(filter: CandidateFilterValue | null | undefined) {
  if (!filter) return filter;
  return {
    ...filter,
    underUnitId: optionalLocalId(filter.underUnitId, 'Unit', 'filter.underUnitId'),
    cellId: optionalLocalId(filter.cellId, 'Unit', 'filter.cellId'),
  };
}

type TargetFilterValue = typeof AdmissionTargetFilter.$inferInput;

function decodeTargetFilter(filter: TargetFilterValue | null | undefined) {
  if (!filter) return filter;
  return { ...filter, underUnitId: optionalLocalId(filter.underUnitId, 'Unit', 'filter.underUnitId') };
}

const CandidateListOrder = listOrder<Prisma.AdmissionCandidateOrderByWithRelationInput, 'NAME' | 'BIRTH_DATE'>(
  'CandidateOrder',
  {
    NAME: { description: 'Theo tên rồi họ và tên, thứ tự chữ cái tiếng Việt (mặc định).', orderBy: (direction) => [{ sortKey: direction }] },
    BIRTH_DATE: { description: 'Theo ngày sinh.', orderBy: (direction) => [{ birthDate: direction }] },
  },
  { field: 'NAME', direction: 'asc' },
);

// The default keeps the list as it was: the latest year first, then units in Vietnamese order.
const AdmissionTargetListOrder = listOrder<Prisma.AdmissionTargetOrderByWithRelationInput, 'YEAR' | 'UNIT_NAME' | 'TARGET'>(
  'AdmissionTargetOrder',
  {
    YEAR: {
      description: 'Theo năm (mặc định: năm gần nhất trước), rồi tên tổ chức theo thứ tự tiếng Việt.',
      orderBy: (direction) => [{ year: direction }, { unit: { sortKey: 'asc' } }],
    },
    UNIT_NAME: {
      description: 'Theo tên tổ chức, thứ tự chữ cái tiếng Việt, rồi năm gần nhất trước.',
      orderBy: (direction) => [{ unit: { sortKey: direction } }, { year: 'desc' }],
    },
    TARGET: {
      description: 'Theo số chỉ tiêu kết nạp, rồi năm gần nhất trước.',
      orderBy: (direction) => [{ target: direction }, { year: 'desc' }],
    },
  },
  { field: 'YEAR', direction: 'desc' },
);

builder.queryFields((t) => ({
  admissionTargets: t.prismaConnection({
    type: 'AdmissionTarget',
    cursor: 'id',
    description: 'Admission targets; by default the latest year first, then units in Vietnamese alphabetical order (orderBy).',
    args: { filter: t.arg({ type: AdmissionTargetFilter }), orderBy: t.arg({ type: AdmissionTargetListOrder.Input }) },
    resolve: async (query, _root, args, ctx) =>
      ctx.db.admissionTarget.findMany({
        ...query,
        where: await targetListWhere(ctx, decodeTargetFilter(args.filter)),
        orderBy: AdmissionTargetListOrder.prismaOrder(args.orderBy),
      }),
    totalCount: async (_root, args, ctx) => ctx.db.admissionTarget.count({ where: await targetListWhere(ctx, decodeTargetFilter(args.filter)) }),
  }),
  candidates: t.prismaConnection({
    type: 'AdmissionCandidate',
    cursor: 'id',
    description: 'Candidates for admission; by default in Vietnamese order of given name, then full name (orderBy).',
    args: { filter: t.arg({ type: CandidateFilter }), orderBy: t.arg({ type: CandidateListOrder.Input }) },
    resolve: async (query, _root, args, ctx) =>
      ctx.db.admissionCandidate.findMany({
        ...query,
        where: await candidateListWhere(ctx, decodeCandidateFilter(args.filter)),
        orderBy: CandidateListOrder.prismaOrder(args.orderBy),
      }),
    totalCount: async (_root, args, ctx) =>
      ctx.db.admissionCandidate.count({ where: await candidateListWhere(ctx, decodeCandidateFilter(args.filter)) }),
  }),
}));

// ───────────── mutations ─────────────

const AdmissionTargetSetInput = builder.inputType('AdmissionTargetSetInput', {
  description: "A unit's admission target for a year; replaces the one set before.",
  fields: (t) => ({
    unitId: t.id({ required: true }),
    year: t.int({ required: true }),
    target: t.int({ required: true, description: 'Members to admit; 0 or more.' }),
  }),
});

const CandidateCreateInput = builder.inputType('CandidateCreateInput', {
  description: "A person entering a cell's pool of candidates (quần chúng ưu tú).",
  fields: (t) => ({
    cellId: t.id({ required: true, description: 'The cell (chi bộ) preparing the candidate; it must not be dissolved.' }),
    fullName: t.string({ required: true }),
    gender: t.field({ type: GenderEnum, required: true }),
    birthDate: t.field({ type: 'Date', required: true }),
    ethnicity: t.string({ required: true }),
    youthUnionMember: t.boolean({ description: 'Đoàn viên (default false).' }),
    mentorId: t.id({ description: 'An active OFFICIAL member assigned to help the candidate.' }),
    sponsorIds: t.idList({ description: 'At most two different active OFFICIAL members vouching (đảng viên giới thiệu).' }),
    enteredOn: t.field({ type: 'Date', description: 'Day the candidate entered the pool; default today.' }),
  }),
});

const CandidateAdvanceInput = builder.inputType('CandidateAdvanceInput', {
  description: 'A candidate reaches the next stage.',
  fields: (t) => ({
    id: t.id({ required: true }),
    stage: t.field({ type: CandidateStageEnum, required: true, description: 'The stage right after the current one.' }),
    on: t.field({
      type: 'Date',
      required: true,
      description: 'Day the stage was reached: the certificate for TRAINED, the resolution for CELL_RESOLUTION.',
    }),
    note: t.string(),
  }),
});

const CandidateDropInput = builder.inputType('CandidateDropInput', {
  description: 'A candidate leaves the admission path.',
  fields: (t) => ({
    id: t.id({ required: true }),
    reason: t.string({ required: true }),
    on: t.field({ type: 'Date', required: true }),
  }),
});

const CandidateAdmitInput = builder.inputType('CandidateAdmitInput', {
  description: 'The admission ceremony (lễ kết nạp) of a DECIDED candidate.',
  fields: (t) => ({
    id: t.id({ required: true }),
    admittedOn: t.field({ type: 'Date', required: true, description: 'Less than five years after the training certificate.' }),
    admittedByUnitId: t.id({ description: "The admitting unit; default the cell's grassroots committee." }),
  }),
});

const candidateId = (id: string) => localId(id, 'Candidate', 'input.id');

builder.mutationFields((t) => ({
  admissionTargetSet: t.prismaField({
    type: 'AdmissionTarget',
    description: "Set a unit's admission target for a year.",
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: AdmissionTargetSetInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      setAdmissionTarget({ ctx, query, input: { ...input, unitId: localId(input.unitId, 'Unit', 'input.unitId') } }),
  }),
  candidateCreate: t.prismaField({
    type: 'AdmissionCandidate',
    description: "Put a person in a cell's pool of candidates for admission.",
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: CandidateCreateInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      createCandidate({
        ctx,
        query,
        input: {
          ...input,
          cellId: localId(input.cellId, 'Unit', 'input.cellId'),
          mentorId: optionalLocalId(input.mentorId, 'Member', 'input.mentorId'),
          sponsorIds: input.sponsorIds?.map((id, index) => localId(id, 'Member', `input.sponsorIds.${index}`)),
        },
      }),
  }),
  candidateAdvance: t.prismaField({
    type: 'AdmissionCandidate',
    description: 'Move a candidate one stage forward.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: CandidateAdvanceInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => advanceCandidate({ ctx, query, input: { ...input, id: candidateId(input.id) } }),
  }),
  candidateDrop: t.prismaField({
    type: 'AdmissionCandidate',
    description: 'Take a candidate off the admission path.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: CandidateDropInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => dropCandidate({ ctx, query, input: { ...input, id: candidateId(input.id) } }),
  }),
  candidateAdmit: t.prismaField({
    type: 'AdmissionCandidate',
    description: 'Admit a DECIDED candidate: they become a probationary member of their cell.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: CandidateAdmitInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      admitCandidate({
        ctx,
        query,
        input: {
          ...input,
          id: candidateId(input.id),
          admittedByUnitId: optionalLocalId(input.admittedByUnitId, 'Unit', 'input.admittedByUnitId'),
        },
      }),
  }),
}));
