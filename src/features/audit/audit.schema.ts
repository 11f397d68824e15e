// The audit log, read-only: every write with who, when, what, before and after. ADMIN and
// LEADER read the entries of users within their subtree (src/access/rules.ts).
import { builder } from '../../builder.js';
import { ValidationError } from '../../errors.js';
import { localId } from '../../graphql/ids.js';
import type { AuditLog } from '../../generated/prisma/client.js';
import { UserRef } from '../users/users.schema.js';
import { message } from '../../text/messages.js';

const AuditEntryRef = builder.objectRef<AuditLog>('AuditEntry').implement({
  description: 'One write: who made it, when, to which record, and the record before and after.',
  fields: (t) => ({
    id: t.id({ description: 'Its place in the log (newest highest).', resolve: (e) => e.id.toString() }),
    at: t.expose('at', { type: 'DateTime' }),
    user: t.field({
      type: UserRef,
      nullable: true,
      description: 'Who made it; null for a write outside a request (a command) or by a user outside your subtree.',
      resolve: (e, _args, ctx) => (e.userId === null ? null : ctx.db.user.findUnique({ where: { id: e.userId } })),
    }),
    viaApiKey: t.boolean({ description: 'Made with an API key rather than a token.', resolve: (e) => e.apiKeyId !== null }),
    action: t.exposeString('action', { description: 'create, update or delete.' }),
    entity: t.exposeString('entity', { description: 'The kind of record (the model’s name, e.g. Member).' }),
    entityId: t.exposeString('entityId'),
    before: t.field({ type: 'JSON', nullable: true, resolve: (e) => e.before }),
    after: t.field({ type: 'JSON', nullable: true, resolve: (e) => e.after }),
  }),
});

builder.queryFields((t) => ({
  auditLog: t.field({
    type: [AuditEntryRef],
    description: 'The newest writes first (ADMIN and LEADER), filtered by kind of record, record or user; page with beforeId.',
    args: {
      entity: t.arg.string(),
      entityId: t.arg.string(),
      userId: t.arg.id(),
      beforeId: t.arg.id({ description: 'Entries older than this one (the last id of the previous page).' }),
      first: t.arg.int({ defaultValue: 50, required: true, description: 'At most 500.' }),
    },
    resolve: (_root, args, ctx) => {
      if (args.first < 1 || args.first > 500) throw ValidationError.of('args.first', message('BETWEEN', { min: 1, max: 500 }));
      const beforeId = args.beforeId == null ? undefined : /^\d{1,18}$/.test(args.beforeId) ? BigInt(args.beforeId) : null;
      if (beforeId === null) throw ValidationError.of('args.beforeId', message('ID_OF_OTHER_TYPE', { typename: 'AuditEntry' }));
      return ctx.db.auditLog.findMany({
        where: {
          ...(args.entity ? { entity: args.entity } : {}),
          ...(args.entityId ? { entityId: args.entityId } : {}),
          ...(args.userId ? { userId: localId(args.userId, 'User', 'args.userId') } : {}),
          ...(beforeId !== undefined ? { id: { lt: beforeId } } : {}),
        },
        orderBy: { id: 'desc' },
        take: args.first,
      });
    },
  }),
}));
