// Criteria sets for scoring meetings (bộ tiêu chí): a province committee issues its own as
// data; cells of a province without one valid on the day are scored under the central
// guidance's default set, seeded by the migration 20261123000100_default_criteria_set.
import type { StoreContext } from '../../access/viewer-store.js';
import { z } from 'zod';
import { isoDate } from '../../dates.js';
import { write, type Tx } from '../../db/write.js';
import { ConflictError, ValidationError } from '../../errors.js';
import { CriterionComputation, MeetingLevel, type OrgUnit, type Prisma } from '../../generated/prisma/client.js';
import { addMessageIssue, calendarDate, parseInput, text } from '../../validation.js';
import { message, type Message } from '../../text/messages.js';
import { ancestorIds, findUnit } from '../units/units.service.js';
import type { AttendanceBandRule } from './attendance-points.js';
import type { LevelRules } from './meeting-level.js';

export const DEFAULT_CRITERIA_SET_CODE = 'TW-12-HD-2018';

type Query = { include?: Prisma.CriteriaSetInclude; select?: Prisma.CriteriaSetSelect };

/** A set with what scoring needs: its criteria (with the bands of those computed) and its level bands. */
export const scoringInclude = {
  criteria: { orderBy: { position: 'asc' }, include: { attendanceBands: { orderBy: { id: 'asc' } } } },
  bands: true,
} satisfies Prisma.CriteriaSetInclude;
export type ScoringSet = Prisma.CriteriaSetGetPayload<{ include: typeof scoringInclude }>;

/** Two decimals at most, as the store keeps points (Decimal(5, 2)). */
const points = () =>
  z
    .number()
    .min(0)
    .max(100)
    .refine((value) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6, 'TWO_DECIMALS');

const percent = () =>
  z
    .number()
    .min(0, 'SCORE_RANGE')
    .max(100, 'SCORE_RANGE')
    .refine((value) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6, 'TWO_DECIMALS');

/**
 * A band of a criterion computed from attendance, as a province writes it: "trên X%" is
 * presentOverPercent, "từ X% trở lên" presentAtLeastPercent; stored as one threshold and
 * whether it is inclusive.
 */
const attendanceBandSchema = z
  .object({
    points: points(),
    presentOverPercent: percent().nullish(),
    presentAtLeastPercent: percent().nullish(),
    maxUnexcusedAbsences: z.number().int().min(0).nullish(),
    source: text({ max: 500 }),
  })
  .superRefine((value, ctx) => {
    if (value.presentOverPercent != null && value.presentAtLeastPercent != null) {
      ctx.addIssue({ code: 'custom', path: ['presentAtLeastPercent'], message: 'OVER_OR_AT_LEAST' });
    }
  })
  .transform(
    (value): AttendanceBandRule => ({
      points: value.points,
      minPresentPercent: value.presentOverPercent ?? value.presentAtLeastPercent ?? null,
      minPresentInclusive: value.presentAtLeastPercent != null,
      maxUnexcusedAbsences: value.maxUnexcusedAbsences ?? null,
      source: value.source,
    }),
  );

const codeSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9._-]+$/, 'CODE_CHARACTERS');

/** The band order every set keeps, best first; POOR starts at 0 so every total has a level. */
const LEVELS_BEST_FIRST = [MeetingLevel.GOOD, MeetingLevel.FAIR, MeetingLevel.AVERAGE, MeetingLevel.POOR] as const;

const createSchema = z
  .object({
    code: codeSchema,
    name: text({ max: 300 }),
    issuedByUnitId: z.number().int(),
    decisionNumber: text({ max: 60 }),
    validFrom: calendarDate,
    validTo: calendarDate.nullish(),
    criteria: z
      .array(
        z.object({
          code: codeSchema,
          name: text({ max: 500 }),
          maxPoints: points().gt(0),
          requiredForGood: z.boolean().nullish().transform((value) => value ?? false),
          computation: z.enum(CriterionComputation).nullish().transform((value) => value ?? CriterionComputation.TYPED),
          attendanceBands: z.array(attendanceBandSchema).nullish().transform((value) => value ?? []),
        }),
      )
      .min(1, 'SET_NEEDS_CRITERION'),
    bands: z.array(z.object({ level: z.enum(MeetingLevel), minScore: points() })),
  })
  .superRefine((value, ctx) => {
    for (const issue of [...criteriaIssues(value.criteria), ...bandIssues(value.bands)]) addMessageIssue(ctx, issue.path, issue.message);
    if (value.validTo && value.validTo < value.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'NOT_BEFORE_FIELD', params: { field: 'validFrom' } });
    }
  });

type Issue = { path: (string | number)[]; message: Message };

interface CriterionFacts {
  code: string;
  maxPoints: number;
  computation: CriterionComputation;
  attendanceBands: readonly AttendanceBandRule[];
}

function criteriaIssues(criteria: readonly CriterionFacts[]): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  criteria.forEach((criterion, index) => {
    if (seen.has(criterion.code)) issues.push({ path: ['criteria', index, 'code'], message: message('APPEARS_TWICE', { value: criterion.code }) });
    seen.add(criterion.code);
    issues.push(...computationIssues(criterion).map((issue) => ({ ...issue, path: ['criteria', index, ...issue.path] })));
  });
  const hundredths = criteria.reduce((sum, criterion) => sum + Math.round(criterion.maxPoints * 100), 0);
  if (hundredths !== 100_00) {
    issues.push({ path: ['criteria'], message: message('MAX_POINTS_SUM', { sum: hundredths / 100 }) });
  }
  return issues;
}

/** A computed criterion needs bands that can reach its full marks; a typed one has none. */
function computationIssues(criterion: CriterionFacts): Issue[] {
  const bands = criterion.attendanceBands;
  if (criterion.computation === 'TYPED') {
    return bands.length > 0 ? [{ path: ['attendanceBands'], message: message('BANDS_ONLY_ATTENDANCE') }] : [];
  }
  if (bands.length === 0) return [{ path: ['attendanceBands'], message: message('ATTENDANCE_NEEDS_BAND') }];
  const hundredths = (value: number) => Math.round(value * 100);
  const issues: Issue[] = [];
  bands.forEach((band, index) => {
    if (hundredths(band.points) > hundredths(criterion.maxPoints)) {
      issues.push({ path: ['attendanceBands', index, 'points'], message: message('BAND_ABOVE_MAX', { max: criterion.maxPoints }) });
    }
  });
  if (!bands.some((band) => hundredths(band.points) === hundredths(criterion.maxPoints))) {
    issues.push({ path: ['attendanceBands'], message: message('NO_FULL_BAND', { max: criterion.maxPoints }) });
  }
  return issues;
}

function bandIssues(bands: readonly { level: MeetingLevel; minScore: number }[]): Issue[] {
  const byLevel = new Map<MeetingLevel, number>();
  const issues: Issue[] = [];
  bands.forEach((band, index) => {
    if (byLevel.has(band.level)) issues.push({ path: ['bands', index, 'level'], message: message('APPEARS_TWICE', { value: band.level }) });
    byLevel.set(band.level, band.minScore);
  });
  const missing = LEVELS_BEST_FIRST.filter((level) => !byLevel.has(level));
  if (missing.length > 0) return [...issues, { path: ['bands'], message: message('LEVEL_BANDS_MISSING', { missing: missing.join(', ') }) }];
  if (byLevel.get('POOR') !== 0) issues.push({ path: ['bands'], message: message('POOR_FROM_ZERO') });
  for (let i = 0; i + 1 < LEVELS_BEST_FIRST.length; i++) {
    const higher = LEVELS_BEST_FIRST[i] as MeetingLevel;
    const lower = LEVELS_BEST_FIRST[i + 1] as MeetingLevel;
    if ((byLevel.get(higher) ?? 0) <= (byLevel.get(lower) ?? 0)) {
      issues.push({ path: ['bands'], message: message('LEVEL_ABOVE', { higher, lower }) });
    }
  }
  return issues;
}

export type CriteriaSetCreateInput = z.input<typeof createSchema>;

export async function createCriteriaSet({ ctx, input, query }: { ctx: StoreContext; input: CriteriaSetCreateInput; query: Query }) {
  const data = parseInput(createSchema, input);
  return write(ctx, async (tx) => {
    const province = await findUnit(tx, data.issuedByUnitId, 'input.issuedByUnitId');
    if (province.kind !== 'PROVINCE') {
      throw ValidationError.of('input.issuedByUnitId', message('ISSUED_BY_PROVINCE', { unit: province.name, kind: province.kind }));
    }
    if (await tx.criteriaSet.findUnique({ where: { code: data.code }, select: { id: true } })) {
      throw new ConflictError('input.code', message('CRITERIA_SET_CODE_TAKEN', { code: data.code }));
    }
    const overlapping = await tx.criteriaSet.findFirst({
      where: { issuedByUnitId: province.id, ...validDuring(data.validFrom, data.validTo ?? null) },
    });
    if (overlapping) {
      throw new ConflictError(
        'input.validFrom',
        message('CRITERIA_SET_OVERLAP', {
          unit: province.name,
          code: overlapping.code,
          from: isoDate(overlapping.validFrom),
          to: overlapping.validTo ? isoDate(overlapping.validTo) : '',
        }),
      );
    }
    return tx.criteriaSet.create({
      ...query,
      data: {
        code: data.code,
        name: data.name,
        issuedByUnitId: province.id,
        decisionNumber: data.decisionNumber,
        validFrom: data.validFrom,
        validTo: data.validTo ?? null,
        criteria: {
          create: data.criteria.map(({ attendanceBands, ...criterion }, index) => ({
            ...criterion,
            position: index + 1,
            attendanceBands: { create: attendanceBands },
          })),
        },
        bands: { create: data.bands },
      },
    });
  });
}

/** Sets whose validity overlaps [from, to] (to null: open-ended). */
function validDuring(from: Date, to: Date | null): Prisma.CriteriaSetWhereInput {
  return {
    ...(to ? { validFrom: { lte: to } } : {}),
    OR: [{ validTo: null }, { validTo: { gte: from } }],
  };
}

/** Sets valid on a day (validTo is the last day). */
export function validOn(day: Date): Prisma.CriteriaSetWhereInput {
  return validDuring(day, day);
}

type SetValidity = Pick<ScoringSet, 'validFrom' | 'validTo'>;

/** Whether a set is valid on the day (validTo is the last day). */
function validOnDay(set: SetValidity, day: Date): boolean {
  return set.validFrom <= day && (set.validTo === null || set.validTo >= day);
}

type CandidateSet = Pick<ScoringSet, 'id' | 'code' | 'issuedByUnitId' | 'validFrom' | 'validTo'>;

/**
 * The set that applies to a cell on a day, among `sets` (which must hold the sets its
 * province issued and the central default): the one its province issued, valid that day;
 * otherwise the central default. Pure, so an import picks from sets it read once.
 */
export function applicableSetAmong<S extends CandidateSet>(sets: readonly S[], cell: Pick<OrgUnit, 'id' | 'path'>, day: Date): S | undefined {
  // Only a province issues sets (createCriteriaSet): its id among the cell's ancestors is
  // enough, with no read of the province itself, which may lie above the viewer's subtree.
  const ancestors = ancestorIds(cell);
  const provincial = sets
    .filter((set) => set.issuedByUnitId !== null && ancestors.includes(set.issuedByUnitId) && validOnDay(set, day))
    .sort((a, b) => b.validFrom.getTime() - a.validFrom.getTime())[0];
  return provincial ?? sets.find((set) => set.code === DEFAULT_CRITERIA_SET_CODE);
}

/** The id of the set that applies to a cell on a day (applicableSetAmong). */
export async function applicableCriteriaSetId(db: Tx, cell: Pick<OrgUnit, 'id' | 'path'>, day: Date): Promise<number> {
  const candidates = await db.criteriaSet.findMany({
    where: { OR: [{ issuedByUnitId: { in: ancestorIds(cell) } }, { code: DEFAULT_CRITERIA_SET_CODE }] },
    select: { id: true, code: true, issuedByUnitId: true, validFrom: true, validTo: true },
  });
  const set = applicableSetAmong(candidates, cell, day);
  if (!set) throw new Error(`the default criteria set ${DEFAULT_CRITERIA_SET_CODE} is missing`);
  return set.id;
}

/** Why a set cannot score a cell's meeting held on a day, or null when it can. */
export function inapplicableBecause(set: ScoringSet, cell: Pick<OrgUnit, 'id' | 'path'>, day: Date): Message | null {
  if (!validOnDay(set, day)) {
    return message('SET_NOT_VALID_ON', { code: set.code, from: isoDate(set.validFrom), to: set.validTo ? isoDate(set.validTo) : '', day: isoDate(day) });
  }
  if (set.issuedByUnitId !== null && !ancestorIds(cell).includes(set.issuedByUnitId)) {
    return message('SET_OF_OTHER_PROVINCE', { code: set.code });
  }
  return null;
}

/** The set in the shape meeting-level.ts reads. */
export function levelRules(set: ScoringSet): LevelRules {
  return {
    bands: set.bands.map((band) => ({ level: band.level, minScore: band.minScore.toNumber() })),
    criteria: set.criteria.map((criterion) => ({
      code: criterion.code,
      maxPoints: criterion.maxPoints.toNumber(),
      requiredForGood: criterion.requiredForGood,
    })),
  };
}

/** A computed criterion's bands in the shape attendance-points.ts reads. */
export function attendanceBandRules(criterion: ScoringSet['criteria'][number]): AttendanceBandRule[] {
  return criterion.attendanceBands.map((band) => ({
    points: band.points.toNumber(),
    minPresentPercent: band.minPresentPercent?.toNumber() ?? null,
    minPresentInclusive: band.minPresentInclusive,
    maxUnexcusedAbsences: band.maxUnexcusedAbsences,
    source: band.source,
  }));
}

export async function criteriaSetFor({ ctx, query, cellId, on }: { ctx: StoreContext; query: Query; cellId: number; on: Date }) {
  const cell = await findUnit(ctx.db, cellId, 'cellId');
  const id = await applicableCriteriaSetId(ctx.db, cell, on);
  return ctx.db.criteriaSet.findUniqueOrThrow({ ...query, where: { id } });
}

export async function listCriteriaSets({
  ctx,
  query,
  issuedByUnitId,
  on,
}: {
  ctx: StoreContext;
  query: Query;
  issuedByUnitId?: number | null;
  on?: Date | null;
}) {
  return ctx.db.criteriaSet.findMany({
    ...query,
    where: { ...(issuedByUnitId != null ? { issuedByUnitId } : {}), ...(on ? validOn(on) : {}) },
    orderBy: [{ validFrom: 'desc' }, { id: 'asc' }],
  });
}
