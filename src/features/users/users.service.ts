// Users and their API keys. An ADMIN manages them within their own subtree: a user's scope
// unit is looked up as the ADMIN sees the store, so nobody can hand out a scope above their own.
import type { StoreContext } from '../../access/viewer-store.js';
import { z } from 'zod';
import { newApiKey } from '../../auth/api-keys.js';
import { write, type Tx } from '../../db/write.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { Role, type Prisma } from '../../generated/prisma/client.js';
import { parseInput, text } from '../../validation.js';
import { findUnit } from '../units/units.service.js';
import { message } from '../../text/messages.js';

type UserQuery = Omit<Prisma.UserFindUniqueArgs, 'where'>;
type KeyQuery = Omit<Prisma.ApiKeyFindUniqueArgs, 'where'>;

/** The email a user signs in with (a token's subject): trimmed, lower case. */
export const userEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email());

const createSchema = z.object({ email: userEmail, displayName: text({ max: 120 }), role: z.enum(Role), scopeUnitId: z.number().int().nullable() });
export type UserCreateInput = z.input<typeof createSchema>;

/** A scope the viewer may give: a unit of their subtree, or the whole country (null) by a central administrator. */
async function checkScope(tx: Tx, ctx: StoreContext, scopeUnitId: number | null): Promise<void> {
  if (scopeUnitId === null) {
    if (ctx.viewer?.scopeUnitId != null) throw ValidationError.of('input.scopeUnitId', message('WHOLE_COUNTRY_CENTRAL_ONLY'));
  } else {
    await findUnit(tx, scopeUnitId, 'input.scopeUnitId');
  }
}

export async function createUser({ ctx, input, query }: { ctx: StoreContext; input: UserCreateInput; query: UserQuery }) {
  const data = parseInput(createSchema, input);
  return write(ctx, async (tx) => {
    await checkScope(tx, ctx, data.scopeUnitId);
    if (await tx.user.findFirst({ where: { email: data.email } })) throw new ConflictError('input.email', message('USER_EXISTS', { email: data.email }));
    return tx.user.create({ ...query, data });
  });
}

const updateSchema = z.object({
  id: z.number().int(),
  displayName: text({ max: 120 }).nullish(),
  role: z.enum(Role).nullish(),
  /** Left out: unchanged; null: the whole country. */
  scopeUnitId: z.number().int().nullable().optional(),
  active: z.boolean().nullish(),
});
export type UserUpdateInput = z.input<typeof updateSchema>;

export async function updateUser({ ctx, input, query }: { ctx: StoreContext; input: UserUpdateInput; query: UserQuery }) {
  const data = parseInput(updateSchema, input);
  if (data.id === ctx.viewer?.userId && (data.active === false || (data.role && data.role !== 'ADMIN'))) {
    throw ValidationError.of('input.id', message('NOT_YOURSELF'));
  }
  return write(ctx, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: data.id } });
    if (!user) throw new NotFoundError('user', 'input.id', String(data.id));
    if (data.scopeUnitId !== undefined) await checkScope(tx, ctx, data.scopeUnitId);
    return tx.user.update({
      ...query,
      where: { id: user.id },
      data: {
        ...(data.displayName ? { displayName: data.displayName } : {}),
        ...(data.role ? { role: data.role } : {}),
        ...(data.scopeUnitId !== undefined ? { scopeUnitId: data.scopeUnitId } : {}),
        ...(data.active != null ? { active: data.active } : {}),
      },
    });
  });
}

const keySchema = z.object({ userId: z.number().int(), name: text({ max: 80 }) });
export type ApiKeyCreateInput = z.input<typeof keySchema>;

/** A new key for a user: the key itself is returned this once, and only its hash is kept. */
export async function createApiKey({ ctx, input, query }: { ctx: StoreContext; input: ApiKeyCreateInput; query: KeyQuery }) {
  const data = parseInput(keySchema, input);
  const { key, prefix, hash } = newApiKey();
  const apiKey = await write(ctx, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: data.userId } });
    if (!user) throw new NotFoundError('user', 'input.userId', String(data.userId));
    return tx.apiKey.create({ ...query, data: { userId: user.id, name: data.name, prefix, hash } });
  });
  return { apiKey, key };
}

export async function revokeApiKey({ ctx, id, query }: { ctx: StoreContext; id: number; query: KeyQuery }) {
  return write(ctx, async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id } });
    if (!key) throw new NotFoundError('API key', 'input.id', String(id));
    if (key.revokedAt) throw new ConflictError('input.id', message('KEY_REVOKED'));
    return tx.apiKey.update({ ...query, where: { id }, data: { revokedAt: new Date() } });
  });
}
