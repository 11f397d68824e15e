// Users, API keys and `me`: who may use chibo, with which role, over which subtree.
import { builder } from '../../builder.js';
import { mutationErrors } from '../../errors.js';
import { RoleEnum } from '../../graphql/enums.js';
import { localId, nodeLookup } from '../../graphql/ids.js';
import { createApiKey, createUser, revokeApiKey, updateUser } from './users.service.js';

export const UserRef = builder.prismaNode('User', {
  id: { field: 'id' },
  ...nodeLookup,
  description: 'A person who uses chibo: a role over a unit’s subtree.',
  fields: (t) => ({
    email: t.exposeString('email'),
    displayName: t.exposeString('displayName'),
    role: t.expose('role', { type: RoleEnum }),
    scopeUnit: t.relation('scopeUnit', { nullable: true, description: 'They see and change this unit’s subtree only; null for the whole country.' }),
    active: t.exposeBoolean('active'),
    apiKeys: t.relation('apiKeys', { description: 'Their keys, revoked ones too.' }),
  }),
});

builder.prismaNode('ApiKey', {
  id: { field: 'id' },
  ...nodeLookup,
  description: 'A key a script or a deployed dashboard signs in with; the key itself was shown once.',
  fields: (t) => ({
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix', { description: 'Its first characters, to tell keys apart.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});

const UserCreateInput = builder.inputType('UserCreateInput', {
  fields: (t) => ({
    email: t.string({ required: true, description: 'What their tokens name (sub).' }),
    displayName: t.string({ required: true }),
    role: t.field({ type: RoleEnum, required: true }),
    scopeUnitId: t.id({ description: 'A unit in your own subtree; omitted, the whole country (central administrators only).' }),
  }),
});

const UserUpdateInput = builder.inputType('UserUpdateInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    displayName: t.string(),
    role: t.field({ type: RoleEnum }),
    scopeUnitId: t.id(),
    active: t.boolean({ description: 'false signs them out at once: their tokens and keys stop working.' }),
  }),
});

const ApiKeyCreateInput = builder.inputType('ApiKeyCreateInput', {
  fields: (t) => ({
    userId: t.id({ required: true, description: 'The key acts as this user.' }),
    name: t.string({ required: true, description: 'What it is for, e.g. "Màn hình điều hành Huyện ủy".' }),
  }),
});

const NewApiKeyRef = builder.objectRef<{ apiKey: { id: number }; key: string }>('NewApiKey').implement({
  description: 'A key just made: the key itself, shown this once, and its record.',
  fields: (t) => ({
    apiKey: t.prismaField({
      type: 'ApiKey',
      resolve: (query, parent, _args, ctx) => ctx.db.apiKey.findUniqueOrThrow({ ...query, where: { id: parent.apiKey.id } }),
    }),
    key: t.exposeString('key', { description: 'Send it as "Authorization: Bearer <key>". Shown this once: only its hash is kept.' }),
  }),
});

builder.queryFields((t) => ({
  me: t.prismaField({
    type: 'User',
    description: 'Who this request is signed in as.',
    resolve: (query, _root, _args, ctx) => ctx.db.user.findUniqueOrThrow({ ...query, where: { id: ctx.viewer.userId } }),
  }),
  users: t.prismaField({
    type: ['User'],
    description: 'The users whose scope lies in yours (ADMIN only).',
    resolve: (query, _root, _args, ctx) => ctx.db.user.findMany({ ...query, orderBy: { email: 'asc' } }),
  }),
}));

builder.mutationFields((t) => ({
  userCreate: t.prismaField({
    type: 'User',
    description: 'Give someone access: a role over a unit of your subtree (ADMIN).',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: UserCreateInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      createUser({ ctx, query, input: { ...input, scopeUnitId: input.scopeUnitId ? localId(input.scopeUnitId, 'Unit', 'input.scopeUnitId') : null } }),
  }),
  userUpdate: t.prismaField({
    type: 'User',
    description: 'Change a user’s role, scope or name, or deactivate them (ADMIN).',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: UserUpdateInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      updateUser({
        ctx,
        query,
        input: {
          ...input,
          id: localId(input.id, 'User', 'input.id'),
          // Left out (or null): the scope stays as it is.
          scopeUnitId: input.scopeUnitId ? localId(input.scopeUnitId, 'Unit', 'input.scopeUnitId') : undefined,
        },
      }),
  }),
  apiKeyCreate: t.field({
    type: NewApiKeyRef,
    description: 'A new API key for a user (ADMIN); the key is in the answer, once.',
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: ApiKeyCreateInput, required: true }) },
    resolve: (_root, { input }, ctx) => createApiKey({ ctx, query: {}, input: { ...input, userId: localId(input.userId, 'User', 'input.userId') } }),
  }),
  apiKeyRevoke: t.prismaField({
    type: 'ApiKey',
    description: 'Revoke a key at once (ADMIN).',
    errors: { types: mutationErrors },
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) => revokeApiKey({ ctx, query, id: localId(args.id, 'ApiKey', 'id') }),
  }),
}));
