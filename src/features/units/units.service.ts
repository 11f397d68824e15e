// Rules of the unit tree: which kind may sit under which, materialised paths kept true
// when a unit moves, merges and renames recorded as lineage.
import { z } from 'zod';
import type { StoreContext } from '../../access/viewer-store.js';
import { write, type Tx } from '../../db/write.js';
import type { Viewer } from '../../access/viewer.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.js';
import { findNamedUnit } from './unit-labels.query.js';
import { LineageKind, UnitCategory, UnitKind, type OrgUnit, type Prisma } from '../../generated/prisma/client.js';
import { foldForSearch, vietnameseSortKey } from '../../text/vietnamese.js';
import { today } from '../../dates.js';
import { calendarDate, optionalText, parseInput, text } from '../../validation.js';
import { message } from '../../text/messages.js';

/** Which kinds may be the parent of each kind (null: a root). */
export const allowedParents: Record<UnitKind, readonly (UnitKind | null)[]> = {
  PROVINCE: [null],
  DISTRICT: ['PROVINCE'],
  GRASSROOTS: ['PROVINCE', 'DISTRICT'],
  SUB_COMMITTEE: ['GRASSROOTS'],
  // A cell directly under a district or province committee is a chi bộ cơ sở.
  CELL: ['GRASSROOTS', 'SUB_COMMITTEE', 'DISTRICT', 'PROVINCE'],
};

const code = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9._-]+$/, 'CODE_CHARACTERS');

const createSchema = z.object({
  code,
  name: text({ max: 200 }),
  kind: z.enum(UnitKind),
  category: z.enum(UnitCategory).nullish(),
  parentId: z.number().int().nullish(),
  validFrom: calendarDate,
});

export type UnitCreateInput = z.input<typeof createSchema>;

type Query = { include?: Prisma.OrgUnitInclude; select?: Prisma.OrgUnitSelect };
type LineageQuery = { include?: Prisma.UnitLineageInclude; select?: Prisma.UnitLineageSelect };

export function nameColumns(name: string) {
  return { name, searchName: foldForSearch(name), sortKey: vietnameseSortKey(name) };
}

export async function findUnit(tx: Tx, id: number, field: string): Promise<OrgUnit> {
  const unit = await tx.orgUnit.findUnique({ where: { id } });
  if (!unit) throw new NotFoundError('unit', field, String(id));
  return unit;
}

/**
 * The unit a unit is created or moved under: one of the viewer's subtree. A committee above the
 * subtree (which the viewer may name) is refused saying so; any other unit answers as unknown,
 * whether it exists or not, with where it was looked for.
 */
async function findParentInSubtree(tx: Tx, viewer: Viewer | null, id: number, known?: OrgUnit): Promise<OrgUnit> {
  const parent = known ?? (await tx.orgUnit.findUnique({ where: { id } }));
  if (parent || viewer === null) return parent ?? findUnit(tx, id, 'input.parentId');
  const scope = await scopeName(tx, viewer);
  if (viewer.scopeUnitId !== null && ancestorIds({ path: viewer.scopePath, id: viewer.scopeUnitId }).includes(id)) {
    const above = await findNamedUnit(tx, id, 'input.parentId');
    throw new ForbiddenError('input.parentId', message('UNIT_ABOVE_SCOPE', { unit: above.name, scope }));
  }
  throw new NotFoundError('unit', 'input.parentId', String(id), scope);
}

/** The name of the viewer's scope unit, for messages. */
async function scopeName(tx: Tx, viewer: Viewer): Promise<string> {
  if (viewer.scopeUnitId === null) return 'the whole country';
  return (await tx.orgUnit.findUnique({ where: { id: viewer.scopeUnitId }, select: { name: true } }))?.name ?? `unit ${viewer.scopeUnitId}`;
}

/** A unit's place under its parent: the kinds allowed there, a cell's category, a parent not dissolved. */
export function checkPlacement(kind: UnitKind, parent: Pick<OrgUnit, 'kind' | 'name' | 'validTo'> | null, category: UnitCategory | null | undefined): void {
  const parentKind = parent?.kind ?? null;
  if (!allowedParents[kind].includes(parentKind)) {
    const allowed = allowedParents[kind].map((k) => k ?? 'no parent').join(', ');
    throw ValidationError.of(
      'input.parentId',
      parent ? message('BAD_PARENT_KIND', { kind, parentKind: parent.kind, allowed }) : message('UNIT_NEEDS_PARENT', { kind, allowed }),
    );
  }
  if (kind === 'CELL' && !category) {
    throw ValidationError.of('input.category', message('CELL_NEEDS_CATEGORY'));
  }
  if (parent?.validTo) {
    throw ValidationError.of('input.parentId', message('PARENT_DISSOLVED', { parent: parent.name, date: parent.validTo.toISOString().slice(0, 10) }));
  }
}

export const unitCodeTaken = (unitCode: string) => new ConflictError('input.code', message('UNIT_CODE_TAKEN', { code: unitCode }));

/** unitCreate's input checked on its own (code, name, kind, category, founding date), before any lookup. */
export function checkUnitCreate(input: UnitCreateInput): z.output<typeof createSchema> {
  return parseInput(createSchema, input);
}

/** Why the viewer may not create a unit without a parent (only a viewer of the whole country may), or null. */
export async function rootUnitRefusal(tx: Tx, viewer: Viewer | null): Promise<ForbiddenError | null> {
  if (!viewer || viewer.scopeUnitId === null) return null;
  return new ForbiddenError('input.parentId', message('ROOT_UNIT_OUTSIDE_SCOPE', { scope: await scopeName(tx, viewer) }));
}

export async function createUnit({ ctx, input, query }: { ctx: StoreContext; input: UnitCreateInput; query: Query }) {
  const data = checkUnitCreate(input);
  return write(ctx, async (tx) => {
    const refusal = data.parentId == null ? await rootUnitRefusal(tx, ctx.viewer) : null;
    if (refusal) throw refusal;
    // The parent and the unit holding the code, if any, in one read: each statement costs a millisecond or more on the embedded store.
    const { parentId } = data;
    const near = await tx.orgUnit.findMany({ where: { OR: [{ code: data.code }, ...(parentId == null ? [] : [{ id: parentId }])] } });
    const parent = parentId == null ? null : await findParentInSubtree(tx, ctx.viewer, parentId, near.find((unit) => unit.id === parentId));
    checkPlacement(data.kind, parent, data.category);
    if (near.some((unit) => unit.code === data.code)) throw unitCodeTaken(data.code);
    // Its path ends with its id: the id is taken from the table's sequence first, so the unit is written once, whole.
    const [{ id }] = await tx.$queryRaw<[{ id: number }]>`SELECT nextval(pg_get_serial_sequence('"OrgUnit"', 'id'))::int AS id`;
    const created = await tx.orgUnit.create({
      ...query,
      data: {
        id,
        code: data.code,
        ...nameColumns(data.name),
        kind: data.kind,
        category: data.category ?? null,
        parentId: parent?.id ?? null,
        validFrom: data.validFrom,
        path: `${parent?.path ?? '/'}${id}/`,
        depth: parent ? parent.depth + 1 : 0,
      },
    });
    await tx.unitPlacement.create({ data: { unitId: id, parentId: parent?.id ?? null, validFrom: data.validFrom } });
    return created;
  });
}

const updateSchema = z.object({
  id: z.number().int(),
  name: text({ max: 200 }).nullish(),
  category: z.enum(UnitCategory).nullish(),
  parentId: z.number().int().nullish(),
  movedOn: calendarDate.nullish(),
  validTo: calendarDate.nullish(),
});

export type UnitUpdateInput = z.input<typeof updateSchema>;

export async function updateUnit({ ctx, input, query }: { ctx: StoreContext; input: UnitUpdateInput; query: Query }) {
  const data = parseInput(updateSchema, input);
  return write(ctx, async (tx) => {
    const unit = await findUnit(tx, data.id, 'input.id');
    if (data.validTo && data.validTo < unit.validFrom) {
      throw ValidationError.of('input.validTo', message('NOT_BEFORE_FOUNDED'));
    }
    if (data.movedOn && data.parentId == null) throw ValidationError.of('input.movedOn', message('MOVED_ON_NEEDS_PARENT'));
    if (data.parentId != null && data.parentId !== unit.parentId) {
      await findParentInSubtree(tx, ctx.viewer, data.parentId);
      await moveUnit(tx, unit, data.parentId, data.movedOn ?? today());
    }
    if (data.category !== undefined && unit.kind === 'CELL' && data.category === null) {
      throw ValidationError.of('input.category', message('CELL_NEEDS_CATEGORY'));
    }
    return tx.orgUnit.update({
      ...query,
      where: { id: unit.id },
      data: {
        ...(data.name ? nameColumns(data.name) : {}),
        ...(data.category !== undefined ? { category: data.category } : {}),
        ...(data.validTo !== undefined ? { validTo: data.validTo } : {}),
      },
    });
  });
}

/**
 * Moves a unit and its subtree under a new parent from a day on, rewriting every path below it
 * and closing the unit's placement the day before, so the old structure can still be grouped by.
 */
async function moveUnit(tx: Tx, unit: OrgUnit, parentId: number, on: Date): Promise<void> {
  const parent = await findUnit(tx, parentId, 'input.parentId');
  if (parent.path.startsWith(unit.path)) {
    throw ValidationError.of('input.parentId', message('MOVE_UNDER_ITSELF'));
  }
  checkPlacement(unit.kind, parent, unit.category);
  const newPath = `${parent.path}${unit.id}/`;
  const depthChange = parent.depth + 1 - unit.depth;
  await tx.$executeRaw`
    UPDATE "OrgUnit"
       SET "path" = ${newPath} || substr("path", ${unit.path.length + 1}),
           "depth" = "depth" + ${depthChange}
     WHERE "path" LIKE ${`${unit.path}%`}`;
  await tx.orgUnit.update({ where: { id: unit.id }, data: { parentId: parent.id } });
  const current = await tx.unitPlacement.findFirst({ where: { unitId: unit.id, validTo: null }, orderBy: { validFrom: 'desc' } });
  if (current && on < current.validFrom) {
    throw ValidationError.of('input.movedOn', message('NOT_BEFORE_LAST_PLACED', { date: current.validFrom.toISOString().slice(0, 10) }));
  }
  if (current && on.getTime() === current.validFrom.getTime()) {
    // Moved again the day it was placed: that day's placement was a mistake, not history.
    await tx.unitPlacement.update({ where: { id: current.id }, data: { parentId: parent.id } });
    return;
  }
  if (current) await tx.unitPlacement.update({ where: { id: current.id }, data: { validTo: new Date(on.getTime() - 86_400_000) } });
  await tx.unitPlacement.create({ data: { unitId: unit.id, parentId: parent.id, validFrom: on } });
}

const lineageSchema = z
  .object({
    kind: z.enum(LineageKind),
    fromUnitId: z.number().int(),
    toUnitId: z.number().int(),
    effectiveOn: calendarDate,
    decisionNumber: optionalText({ max: 60 }),
    note: optionalText({ max: 1000 }),
    moveChildren: z.boolean().default(false),
  })
  .refine((value) => value.fromUnitId !== value.toUnitId, {
    path: ['toUnitId'],
    message: 'OTHER_THAN_FIELD',
    params: { field: 'fromUnitId' },
  });

export type LineageInput = z.input<typeof lineageSchema>;

/**
 * Records a merge, split, rename or transfer. A merge also dissolves the merged unit the day
 * before it takes effect and, when asked, moves its units under the unit it merged into.
 */
export async function recordLineage({ ctx, input, query }: { ctx: StoreContext; input: LineageInput; query: LineageQuery }) {
  const data = parseInput(lineageSchema, input);
  return write(ctx, async (tx) => {
    const from = await findUnit(tx, data.fromUnitId, 'input.fromUnitId');
    const to = await findUnit(tx, data.toUnitId, 'input.toUnitId');
    if (data.kind === 'MERGE') {
      if (from.validTo) throw ValidationError.of('input.fromUnitId', message('UNIT_ALREADY_DISSOLVED', { unit: from.name }));
      if (data.effectiveOn <= from.validFrom) {
        throw ValidationError.of('input.effectiveOn', message('AFTER_MERGED_FOUNDED'));
      }
      if (data.moveChildren) {
        const children = await tx.orgUnit.findMany({ where: { parentId: from.id, validTo: null } });
        for (const child of children) await moveUnit(tx, child, to.id, data.effectiveOn);
      }
      const dayBefore = new Date(data.effectiveOn.getTime() - 86_400_000);
      await tx.orgUnit.update({ where: { id: from.id }, data: { validTo: dayBefore } });
    }
    return tx.unitLineage.create({
      ...query,
      data: {
        kind: data.kind,
        fromUnitId: from.id,
        toUnitId: to.id,
        effectiveOn: data.effectiveOn,
        decisionNumber: data.decisionNumber ?? null,
        note: data.note ?? null,
      },
    });
  });
}

/** Ids of the unit's ancestors, root first, read from its path. */
export function ancestorIds(unit: Pick<OrgUnit, 'path' | 'id'>): number[] {
  return unit.path
    .split('/')
    .filter(Boolean)
    .map(Number)
    .filter((id) => id !== unit.id);
}
