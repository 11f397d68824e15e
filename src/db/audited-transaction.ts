// The audit log, in one place: every create, update and delete a mutation makes through its
// transaction (src/db/write.ts) is recorded in AuditLog in that same transaction — who (the
// request's viewer), when, what, the row before and the row after. A Proxy over the transaction
// client does it, so no service has to remember to. The log itself cannot be changed.
import type { Viewer } from '../access/viewer.js';
import type { Tx } from '../access/viewer-store.js';
import { Prisma } from '../generated/prisma/client.js';

type Row = Record<string, unknown>;
type Delegate = Record<string, (args: Row) => Promise<unknown>>;

const audited = new Set(['create', 'update', 'upsert', 'delete', 'updateMany', 'deleteMany', 'createMany', 'createManyAndReturn']);
/** Delegate names of the transaction client (camelCase model names), with their model names. */
const models = new Map(Object.values(Prisma.ModelName).map((model) => [model.charAt(0).toLowerCase() + model.slice(1), model]));

/** Models keyed by several fields rather than an id. */
const keyless = new Set(['MeetingAbsence', 'LevelBand', 'AssessmentScore', 'WorkingGroupAssignment', 'CandidateSponsor']);

/** JSON the log can keep: dates as ISO text, decimals and big integers as text. */
function snapshotOf(value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  if (value === null || value === undefined) return Prisma.JsonNull;
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Prisma.Decimal ? v.toString() : v)),
  ) as Prisma.InputJsonValue;
}

/** The id a row is known by: its id, or its key fields when it has no single id. */
function entityId(row: Row | null | undefined, where: unknown): string {
  if (row && row.id !== undefined) return String(row.id);
  return JSON.stringify(where ?? row ?? null);
}

/** The transaction as mutations see it: every write through it lands in the audit log. */
export function auditedTransaction(tx: Tx, viewer: Viewer | null): Tx {
  const entry = (model: string, action: string, id: string, before: unknown, after: unknown) => ({
    userId: viewer?.userId ?? null,
    apiKeyId: viewer?.apiKeyId ?? null,
    action,
    entity: model,
    entityId: id,
    before: snapshotOf(before),
    after: snapshotOf(after),
  });
  const record: Recorder = async (model, action, id, before, after) => {
    await tx.auditLog.create({ data: entry(model, action, id, before, after) });
  };
  // Rows written in bulk are logged in bulk: one insert a chunk, not one a row.
  record.many = async (model, rows) => {
    for (let start = 0; start < rows.length; start += AUDIT_CHUNK) {
      await tx.auditLog.createMany({ data: rows.slice(start, start + AUDIT_CHUNK).map((row) => entry(model, 'create', entityId(row, null), null, row)) });
    }
  };

  return new Proxy(tx, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      const model = typeof property === 'string' ? models.get(property) : undefined;
      if (!model || typeof value !== 'object' || value === null) return value;
      if (model === 'AuditLog') return readOnlyLog(value as Delegate);
      const delegate = value as Delegate;
      return new Proxy(delegate, {
        get(inner, method, innerReceiver) {
          const original: unknown = Reflect.get(inner, method, innerReceiver);
          if (typeof method !== 'string' || !audited.has(method) || typeof original !== 'function') return original;
          return (args: Row) => auditedCall(delegate, model, method, args, record);
        },
      });
    },
  });
}

type Recorder = ((model: string, action: string, id: string, before: unknown, after: unknown) => Promise<void>) & {
  many?: (model: string, rows: Row[]) => Promise<void>;
};

/** Audit rows a bulk insert carries: 7 parameters each, well under PostgreSQL's 65,535. */
const AUDIT_CHUNK = 2_000;

async function auditedCall(delegate: Delegate, model: string, method: string, args: Row, record: Recorder): Promise<unknown> {
  const { select: _select, include: _include, ...whole } = args;
  switch (method) {
    case 'create': {
      // The answer may select only what the client asked for: ask for the id too, to read the row back whole.
      const withId = args.select && !keyless.has(model) ? { ...args, select: { ...(args.select as Row), id: true } } : args;
      const result = (await delegate.create!(withId)) as Row;
      const after = result.id !== undefined ? await delegate.findUnique!({ where: { id: result.id } }) : whole.data;
      await record(model, 'create', entityId(after as Row, whole.data), null, after);
      return result;
    }
    case 'update':
    case 'upsert': {
      const before = (await delegate.findUnique!({ where: args.where as Row })) as Row | null;
      const result = await delegate[method]!(args);
      const after = (await delegate.findUnique!({ where: before?.id !== undefined ? { id: before.id } : (args.where as Row) })) as Row | null;
      await record(model, before ? 'update' : 'create', entityId(after ?? before, args.where), before, after);
      return result;
    }
    case 'delete': {
      const before = (await delegate.findUnique!({ where: args.where as Row })) as Row | null;
      const result = await delegate.delete!(args);
      await record(model, 'delete', entityId(before, args.where), before, null);
      return result;
    }
    case 'updateMany':
    case 'deleteMany': {
      const before = (await delegate.findMany!({ where: args.where as Row })) as Row[];
      const result = await delegate[method]!(args);
      for (const row of before) {
        const after = method === 'updateMany' && row.id !== undefined ? await delegate.findUnique!({ where: { id: row.id } }) : null;
        await record(model, method === 'updateMany' ? 'update' : 'delete', entityId(row, args.where), row, after);
      }
      return result;
    }
    case 'createManyAndReturn': {
      // Every column comes back, ids included, and is logged; the caller gets what it selected.
      const rows = (await delegate.createManyAndReturn!(whole)) as Row[];
      await record.many!(model, rows);
      if (!args.select) return rows;
      const keys = Object.keys(args.select as Row).filter((key) => (args.select as Row)[key]);
      return rows.map((row) => Object.fromEntries(keys.map((key) => [key, row[key]])));
    }
    default: {
      // createMany: the rows as given.
      const result = await delegate[method]!(args);
      const rows = (Array.isArray(whole.data) ? whole.data : [whole.data]) as Row[];
      await record.many!(model, rows);
      return result;
    }
  }
}

/** The log through a transaction: it can be read and appended to, never changed. */
function readOnlyLog(delegate: Delegate): Delegate {
  return new Proxy(delegate, {
    get(inner, method, receiver) {
      if (typeof method === 'string' && /^(update|upsert|delete)/.test(method)) {
        return () => Promise.reject(new Error('the audit log cannot be changed'));
      }
      return Reflect.get(inner, method, receiver);
    },
  });
}
