// Every mutation writes inside one transaction as its viewer: all of it or nothing, its audit
// log entries included (src/db/audited-transaction.ts). Constraint violations and refusals of
// the access rule that the database catches (the last line of defence behind the services'
// checks) come back as typed errors rather than as a masked internal error.
import type { StoreContext, Tx } from '../access/viewer-store.js';
import { Prisma } from '../generated/prisma/client.js';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.js';
import { auditedTransaction, flushAuditLog } from './audited-transaction.js';
import { message } from '../text/messages.js';

export type { Tx };

/** A mutation's transaction may run this long; an import says how long it needs. */
const DEFAULT_TIMEOUT_MS = 60_000;

export async function write<T>(ctx: StoreContext, work: (tx: Tx) => Promise<T>, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}): Promise<T> {
  try {
    return await ctx.transaction(
      async (tx) => {
        const audited = auditedTransaction(tx, ctx.viewer);
        const result = await work(audited);
        await flushAuditLog(audited);
        return result;
      },
      { timeoutMs, maxWaitMs: 30_000 },
    );
  } catch (error) {
    throw translateStoreError(error);
  }
}

export function translateStoreError(error: unknown): unknown {
  // The store's row security refused the write: the record belongs to a unit outside the subtree.
  if (error instanceof Error && /violates row-level security policy/i.test(error.message)) {
    return new ForbiddenError('input', message('OUTSIDE_SUBTREE_WRITE'));
  }
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return error;
  const fields = constraintFields(error.meta);
  const field = fields.length > 0 ? `input.${fields.join(',')}` : 'input';
  switch (error.code) {
    case 'P2002':
      return new ConflictError(field, message('ALREADY_EXISTS', { fields: fields.join(', ') || 'unique rule' }));
    case 'P2003':
      return new ValidationError([{ field, message: message('REFERS_TO_NOTHING') }]);
    case 'P2011':
      return new ValidationError([{ field, message: message('REQUIRED') }]);
    case 'P2025':
      // The record was found, then the write missed it: the write rule of the access rule.
      return new ForbiddenError('input', message('OUTSIDE_SUBTREE_CHANGE'));
    default:
      if (/check constraint/i.test(error.message)) {
        const name = /"([^"]+_check)"/.exec(error.message)?.[1] ?? 'a rule';
        return new ValidationError([{ field: 'input', message: message('STORE_RULE', { rule: name }) }]);
      }
      return error;
  }
}

function constraintFields(meta: Record<string, unknown> | undefined): string[] {
  if (!meta) return [];
  if (Array.isArray(meta.target)) return meta.target.map(String);
  const cause = (meta.driverAdapterError as { cause?: { constraint?: { fields?: unknown[] } } } | undefined)?.cause;
  return (cause?.constraint?.fields ?? []).map((field) => String(field).replaceAll('"', ''));
}
