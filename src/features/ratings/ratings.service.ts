// Rules of ratings (xếp loại) of units and members, the cap on EXCELLENT members, and
// recognitions (công nhận). Pure rules live in rating-rules.ts.
import type { StoreContext } from '../../access/viewer-store.js';
import { z } from 'zod';
import { write, type Tx } from '../../db/write.js';
import { mayChange } from '../../access/viewer-store.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.js';
import { RatingLevel, RatingPeriod, RecognitionProgramme, type OrgUnit, type Prisma } from '../../generated/prisma/client.js';
import { addMessageIssue, calendarDate, optionalText, parseInput, score, year } from '../../validation.js';
import { subtreePath } from '../units/subtree.js';
import { readUnitLabels } from '../units/unit-labels.query.js';
import { ancestorIds, findUnit } from '../units/units.service.js';
import { isGrassrootsOrganisation } from '../units/unit-rules.js';
import {
  DEFAULT_EXCELLENT_CAP,
  defaultRuleVersion,
  EXCELLENT_CAP_BASES,
  capPercentIssue,
  excellentCap,
  isExcellentEquivalent,
  periodWindow,
  ratingIssues,
  type ExcellentCapBase,
  type RatingFacts,
} from './rating-rules.js';
import { message } from '../../text/messages.js';

type UnitRatingQuery = { include?: Prisma.UnitRatingInclude; select?: Prisma.UnitRatingSelect };
type MemberRatingQuery = { include?: Prisma.MemberRatingInclude; select?: Prisma.MemberRatingSelect };
type RecognitionQuery = { include?: Prisma.RecognitionInclude; select?: Prisma.RecognitionSelect };

const level = z.enum(RatingLevel);

/** What every rating states, for a unit or a member. */
const ratingFields = {
  year,
  period: z.enum(RatingPeriod).nullish().transform((value) => value ?? 'YEAR'),
  periodIndex: z.number().int().nullish(),
  selfAssessedLevel: level.nullish(),
  proposedLevel: level.nullish(),
  level,
  score: score.nullish(),
  ruleVersion: optionalText({ max: 80 }),
  notRatedReason: optionalText({ max: 500 }),
  decidedOn: calendarDate.nullish(),
};

/** What a correction may change: everything but whom and which period it rates. */
const correctionFields = {
  id: z.number().int(),
  selfAssessedLevel: level.nullish(),
  proposedLevel: level.nullish(),
  level: level.nullish(),
  score: score.nullish(),
  ruleVersion: optionalText({ max: 80 }),
  notRatedReason: optionalText({ max: 500 }),
  decidedOn: calendarDate.nullish(),
};

type RatingInput = z.output<z.ZodObject<typeof ratingFields>>;
type CorrectionInput = z.output<z.ZodObject<typeof correctionFields>>;

/** The facts of a new rating, with the defaults filled in. */
function newRatingFacts(data: RatingInput): RatingFacts {
  return {
    year: data.year,
    period: data.period,
    periodIndex: data.periodIndex ?? 0,
    selfAssessedLevel: data.selfAssessedLevel ?? null,
    proposedLevel: data.proposedLevel ?? null,
    level: data.level,
    notRatedReason: data.notRatedReason ?? null,
    decidedOn: data.decidedOn ?? null,
  };
}

/** A stored rating with a correction applied: absent fields keep their value, null clears. */
function correctedFacts(stored: RatingFacts, data: CorrectionInput): RatingFacts {
  return {
    ...stored,
    selfAssessedLevel: data.selfAssessedLevel === undefined ? stored.selfAssessedLevel : data.selfAssessedLevel,
    proposedLevel: data.proposedLevel === undefined ? stored.proposedLevel : data.proposedLevel,
    level: data.level ?? stored.level,
    notRatedReason: data.notRatedReason === undefined ? stored.notRatedReason : data.notRatedReason,
    decidedOn: data.decidedOn === undefined ? stored.decidedOn : data.decidedOn,
  };
}

function assertRatingValid(subject: 'unit' | 'member', facts: RatingFacts): void {
  const issues = ratingIssues(subject, facts);
  if (issues.length > 0) throw new ValidationError(issues);
}

/** The rated period as the catalogue's messages take it. */
function periodOf(facts: Pick<RatingFacts, 'year' | 'period' | 'periodIndex'>) {
  return { period: facts.period, year: facts.year, periodIndex: facts.periodIndex ?? 0 };
}

/** The deciding committee must stand above the rated unit. */
export function checkDecider(unit: Pick<OrgUnit, 'path' | 'id' | 'name'>, decider: Pick<OrgUnit, 'id' | 'name'>): void {
  if (!ancestorIds(unit).includes(decider.id)) {
    throw ValidationError.of('input.decidedByUnitId', message('NOT_COMMITTEE_ABOVE', { committee: decider.name, unit: unit.name }));
  }
}

async function findDecider(tx: Tx, unit: OrgUnit, deciderId: number): Promise<OrgUnit> {
  const decider = await findUnit(tx, deciderId, 'input.decidedByUnitId');
  checkDecider(unit, decider);
  return decider;
}

// ───────────────────────────── Unit ratings ─────────────────────────────

const unitRateSchema = z.object({ unitId: z.number().int(), decidedByUnitId: z.number().int().nullish(), ...ratingFields });
export type UnitRateInput = z.input<typeof unitRateSchema>;

/** A unit rating checked on its own (input, levels of its year, period): what is stored, before any lookup. */
export interface CheckedUnitRating {
  unitId: number;
  decidedByUnitId: number | null;
  facts: RatingFacts;
  score: number | null;
  ruleVersion: string;
}

export function checkUnitRating(input: UnitRateInput): CheckedUnitRating {
  const data = parseInput(unitRateSchema, input);
  const facts = newRatingFacts(data);
  assertRatingValid('unit', facts);
  return {
    unitId: data.unitId,
    decidedByUnitId: data.decidedByUnitId ?? null,
    facts,
    score: data.score ?? null,
    ruleVersion: data.ruleVersion ?? defaultRuleVersion(facts.year),
  };
}

export function unitAlreadyRated(unitName: string, level: RatingLevel, facts: RatingFacts): ConflictError {
  return new ConflictError('input.year', message('ALREADY_RATED', { subject: unitName, level, ...periodOf(facts), mutation: 'unitRatingUpdate' }));
}

export async function rateUnit({ ctx, input, query }: { ctx: StoreContext; input: UnitRateInput; query: UnitRatingQuery }) {
  const { unitId, decidedByUnitId, facts, score, ruleVersion } = checkUnitRating(input);
  return write(ctx, async (tx) => {
    const unit = await findUnit(tx, unitId, 'input.unitId');
    const decider = decidedByUnitId === null ? null : await findDecider(tx, unit, decidedByUnitId);
    const existing = await tx.unitRating.findUnique({
      where: { unitId_year_period_periodIndex: { unitId: unit.id, year: facts.year, period: facts.period, periodIndex: facts.periodIndex } },
      select: { id: true, level: true },
    });
    if (existing) throw unitAlreadyRated(unit.name, existing.level, facts);
    return tx.unitRating.create({
      ...query,
      data: { ...facts, unitId: unit.id, score, ruleVersion, decidedByUnitId: decider?.id ?? null },
    });
  });
}

const unitCorrectionSchema = z.object({ ...correctionFields, decidedByUnitId: z.number().int().nullish() });
export type UnitRatingUpdateInput = z.input<typeof unitCorrectionSchema>;

export async function updateUnitRating({ ctx, input, query }: { ctx: StoreContext; input: UnitRatingUpdateInput; query: UnitRatingQuery }) {
  const data = parseInput(unitCorrectionSchema, input);
  return write(ctx, async (tx) => {
    const stored = await tx.unitRating.findUnique({ where: { id: data.id }, include: { unit: true } });
    if (!stored) throw new NotFoundError('unit rating', 'input.id', String(data.id));
    if (!(await mayChange(tx, 'UnitRating', stored.id))) {
      throw new ForbiddenError('input.id', message('RATING_DECIDED_ABOVE', { unit: stored.unit.name, ...periodOf(stored) }));
    }
    const facts = correctedFacts(stored, data);
    assertRatingValid('unit', facts);
    const decider = data.decidedByUnitId == null ? data.decidedByUnitId : (await findDecider(tx, stored.unit, data.decidedByUnitId)).id;
    return tx.unitRating.update({
      ...query,
      where: { id: stored.id },
      data: {
        selfAssessedLevel: facts.selfAssessedLevel,
        proposedLevel: facts.proposedLevel,
        level: facts.level,
        notRatedReason: facts.notRatedReason,
        decidedOn: facts.decidedOn,
        ...(data.score !== undefined ? { score: data.score } : {}),
        ...(data.ruleVersion !== undefined ? { ruleVersion: data.ruleVersion ?? defaultRuleVersion(stored.year) } : {}),
        ...(decider !== undefined ? { decidedByUnitId: decider } : {}),
      },
    });
  });
}

// ───────────────────────────── Member ratings ─────────────────────────────

const memberRateSchema = z.object({ memberId: z.number().int(), ...ratingFields });
export type MemberRateInput = z.input<typeof memberRateSchema>;

export async function rateMember({ ctx, input, query }: { ctx: StoreContext; input: MemberRateInput; query: MemberRatingQuery }) {
  return write(ctx, (tx) => rateMemberIn(tx, input, query));
}

/** A member rating checked on its own (input, levels of its year, period): what is stored, before any lookup. */
export interface CheckedMemberRating {
  memberId: number;
  facts: RatingFacts;
  score: number | null;
  ruleVersion: string;
}

export function checkMemberRating(input: MemberRateInput): CheckedMemberRating {
  const data = parseInput(memberRateSchema, input);
  const facts = newRatingFacts(data);
  assertRatingValid('member', facts);
  return { memberId: data.memberId, facts, score: data.score ?? null, ruleVersion: data.ruleVersion ?? defaultRuleVersion(facts.year) };
}

/**
 * The cell a member is rated in, from their stays: the one they were in at the end of the period
 * or, if they left before it ended, the last one they were in during it. Null if they were in none.
 */
export function cellDuringAmong(assignments: readonly { id: number; cellId: number; fromDate: Date; toDate: Date | null }[], facts: RatingFacts): number | null {
  const { start, end } = periodWindow(facts.year, facts.period, facts.periodIndex);
  let last: (typeof assignments)[number] | undefined;
  for (const stay of assignments) {
    if (!(stay.fromDate < end && (stay.toDate === null || stay.toDate > start))) continue;
    if (!last || stay.fromDate > last.fromDate || (stay.fromDate.getTime() === last.fromDate.getTime() && stay.id > last.id)) last = stay;
  }
  return last?.cellId ?? null;
}

export function notInAnyCell(fullName: string, facts: RatingFacts): ValidationError {
  return ValidationError.of('input.memberId', message('NOT_IN_ANY_CELL', { member: fullName, ...periodOf(facts) }));
}

export function alreadyRated(fullName: string, level: RatingLevel, facts: RatingFacts): ConflictError {
  return new ConflictError('input.year', message('ALREADY_RATED', { subject: fullName, level, ...periodOf(facts), mutation: 'memberRatingUpdate' }));
}

/** memberRate inside the caller's transaction. */
export async function rateMemberIn(tx: Tx, input: MemberRateInput, query: MemberRatingQuery = {}) {
  const { memberId, facts, score, ruleVersion } = checkMemberRating(input);
  // The member, their stays and any rating of theirs for the period, in one read.
  const member = await tx.member.findUnique({
    where: { id: memberId },
    select: {
      id: true,
      fullName: true,
      assignments: { select: { id: true, cellId: true, fromDate: true, toDate: true } },
      ratings: { where: { year: facts.year, period: facts.period, periodIndex: facts.periodIndex }, select: { level: true } },
    },
  });
  if (!member) throw new NotFoundError('member', 'input.memberId', String(memberId));
  const cellId = cellDuringAmong(member.assignments, facts);
  if (cellId === null) throw notInAnyCell(member.fullName, facts);
  const existing = member.ratings[0];
  if (existing) throw alreadyRated(member.fullName, existing.level, facts);
  return tx.memberRating.create({ ...query, data: { ...facts, memberId: member.id, cellId, score, ruleVersion } });
}

const memberCorrectionSchema = z.object(correctionFields);
export type MemberRatingUpdateInput = z.input<typeof memberCorrectionSchema>;

export async function updateMemberRating({ ctx, input, query }: { ctx: StoreContext; input: MemberRatingUpdateInput; query: MemberRatingQuery }) {
  const data = parseInput(memberCorrectionSchema, input);
  return write(ctx, async (tx) => {
    const stored = await tx.memberRating.findUnique({ where: { id: data.id } });
    if (!stored) throw new NotFoundError('member rating', 'input.id', String(data.id));
    const facts = correctedFacts(stored, data);
    assertRatingValid('member', facts);
    return tx.memberRating.update({
      ...query,
      where: { id: stored.id },
      data: {
        selfAssessedLevel: facts.selfAssessedLevel,
        proposedLevel: facts.proposedLevel,
        level: facts.level,
        notRatedReason: facts.notRatedReason,
        decidedOn: facts.decidedOn,
        ...(data.score !== undefined ? { score: data.score } : {}),
        ...(data.ruleVersion !== undefined ? { ruleVersion: data.ruleVersion ?? defaultRuleVersion(stored.year) } : {}),
      },
    });
  });
}

// ───────────────────────────── The cap on EXCELLENT members ─────────────────────────────

const capSchema = z.object({
  unitId: z.number().int(),
  year,
  capPercent: z
    .number()
    .nullish()
    .transform((value) => value ?? DEFAULT_EXCELLENT_CAP.percent)
    .superRefine((value, ctx) => {
      const issue = capPercentIssue(value);
      if (issue) addMessageIssue(ctx, [], issue);
    }),
  capBase: z
    .enum(EXCELLENT_CAP_BASES)
    .nullish()
    .transform((value) => value ?? DEFAULT_EXCELLENT_CAP.base),
});

export interface CapBreach {
  unit: OrgUnit;
  excellent: number;
  good: number;
  capPercent: number;
  /** The reading of the rule applied: what the percentage was taken of. */
  capBase: ExcellentCapBase;
  baseCount: number;
  allowed: number;
  excess: number;
}

/**
 * The grassroots organisations in a unit's subtree whose members rated EXCELLENT for the
 * year exceed capPercent% of the base (those rated GOOD, or GOOD or better: capBase). A
 * grassroots organisation is a GRASSROOTS unit or a cell directly under a district or
 * province (chi bộ cơ sở); members count where they were rated (MemberRating.cellId), yearly
 * ratings only.
 */
export async function excellentCapBreaches({ ctx, input }: { ctx: StoreContext; input: z.input<typeof capSchema> }): Promise<CapBreach[]> {
  // Arguments of a query, not an input object: issues name them as args.xxx.
  const data = parseInput(capSchema, input, 'args');
  const db = ctx.db;
  const rootPath = await subtreePath(ctx, data.unitId);
  const candidates = await db.orgUnit.findMany({
    where: { path: { startsWith: rootPath }, kind: { in: ['GRASSROOTS', 'CELL'] } },
    orderBy: [{ sortKey: 'asc' }, { id: 'asc' }],
  });
  // A cell's parent may lie above the viewer's subtree: its kind is read from its label.
  const parentIds = [...new Set(candidates.flatMap((unit) => (unit.kind === 'CELL' && unit.parentId !== null ? [unit.parentId] : [])))];
  const parentKinds = new Map((await readUnitLabels(db, parentIds)).map((label) => [label.id, label.kind]));
  const grassroots = candidates.filter(
    (unit) => isGrassrootsOrganisation(unit.kind, parentKinds.get(unit.parentId ?? 0)),
  );
  const counts = await db.memberRating.groupBy({
    by: ['cellId', 'level'],
    where: { year: data.year, period: 'YEAR', level: { in: ['EXCELLENT', 'GOOD'] }, cell: { path: { startsWith: rootPath } } },
    _count: { _all: true },
  });
  const cells = await db.orgUnit.findMany({
    where: { id: { in: [...new Set(counts.map((row) => row.cellId))] } },
    select: { id: true, path: true },
  });
  const cellPath = new Map(cells.map((cell) => [cell.id, cell.path]));
  const breaches: CapBreach[] = [];
  for (const unit of grassroots) {
    let excellent = 0;
    let good = 0;
    for (const row of counts) {
      if (!cellPath.get(row.cellId)?.startsWith(unit.path)) continue;
      if (row.level === 'EXCELLENT') excellent += row._count._all;
      else good += row._count._all;
    }
    const { baseCount, allowed, excess } = excellentCap(excellent, good, { percent: data.capPercent, base: data.capBase });
    if (excess > 0) breaches.push({ unit, excellent, good, capPercent: data.capPercent, capBase: data.capBase, baseCount, allowed, excess });
  }
  return breaches;
}

// ───────────────────────────── Recognitions ─────────────────────────────

const recognitionSchema = z
  .object({
    unitId: z.number().int(),
    programme: z.enum(RecognitionProgramme),
    year,
    registeredOn: calendarDate.nullish(),
    recognizedOn: calendarDate.nullish(),
    decisionNumber: optionalText({ max: 60 }),
  })
  .refine((value) => !value.registeredOn || !value.recognizedOn || value.recognizedOn >= value.registeredOn, {
    path: ['recognizedOn'],
    message: 'NOT_BEFORE_FIELD',
    params: { field: 'registeredOn' },
  });

export type RecognitionInput = z.input<typeof recognitionSchema>;

/** The years whose EXCELLENT rating a programme requires (none for most programmes). */
export function yearsRequiringExcellent(programme: RecognitionProgramme, recognitionYear: number): number[] {
  if (programme === 'EXEMPLARY_ONE_YEAR') return [recognitionYear];
  if (programme === 'EXEMPLARY_FIVE_YEARS') return [4, 3, 2, 1, 0].map((back) => recognitionYear - back);
  return [];
}

/**
 * The programme's requirement of yearly EXCELLENT ratings, given the unit's yearly levels of the
 * years it requires (`levelOf`, by year): met, or refused naming the years that fall short.
 */
export function checkRatedExcellent(unitName: string, programme: RecognitionProgramme, recognitionYear: number, levelOf: ReadonlyMap<number, RatingLevel>): void {
  const years = yearsRequiringExcellent(programme, recognitionYear);
  const missing = years.filter((y) => !isExcellentEquivalent(levelOf.get(y) ?? 'NOT_RATED'));
  if (missing.length === 0) return;
  const detail = missing.map((y) => `${y}:${levelOf.get(y) ?? ''}`).join(', ');
  throw ValidationError.of('input.year', message('PROGRAMME_NEEDS_EXCELLENT', { programme, unit: unitName, years: years.join(', '), missing: detail }));
}

async function assertRatedExcellent(tx: Tx, unit: OrgUnit, programme: RecognitionProgramme, recognitionYear: number) {
  const years = yearsRequiringExcellent(programme, recognitionYear);
  if (years.length === 0) return;
  const ratings = await tx.unitRating.findMany({
    where: { unitId: unit.id, period: 'YEAR', year: { in: years } },
    select: { year: true, level: true },
  });
  checkRatedExcellent(unit.name, programme, recognitionYear, new Map(ratings.map((rating) => [rating.year, rating.level])));
}

/** recognitionRecord's input checked on its own (programme, year, dates in order), before any lookup. */
export function checkRecognition(input: RecognitionInput): z.output<typeof recognitionSchema> {
  return parseInput(recognitionSchema, input);
}

export function alreadyRecognized(unitName: string, programme: RecognitionProgramme, recognitionYear: number): ConflictError {
  return new ConflictError('input.programme', message('RECOGNITION_TAKEN', { unit: unitName, programme, year: recognitionYear }));
}

export async function recordRecognition({ ctx, input, query }: { ctx: StoreContext; input: RecognitionInput; query: RecognitionQuery }) {
  const data = checkRecognition(input);
  return write(ctx, async (tx) => {
    const unit = await findUnit(tx, data.unitId, 'input.unitId');
    const existing = await tx.recognition.findUnique({
      where: { unitId_programme_year: { unitId: unit.id, programme: data.programme, year: data.year } },
      select: { id: true },
    });
    if (existing) throw alreadyRecognized(unit.name, data.programme, data.year);
    await assertRatedExcellent(tx, unit, data.programme, data.year);
    return tx.recognition.create({
      ...query,
      data: {
        unitId: unit.id,
        programme: data.programme,
        year: data.year,
        registeredOn: data.registeredOn ?? null,
        recognizedOn: data.recognizedOn ?? null,
        decisionNumber: data.decisionNumber ?? null,
      },
    });
  });
}
