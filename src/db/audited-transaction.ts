// The audit log, in one place: every create, update and delete a mutation makes through its
// transaction (src/db/write.ts) is recorded in AuditLog in that same transaction — who (the
// request's viewer), when, what, the row before and the row after. A Proxy over the transaction
// client does it, so no service has to remember to. The log itself cannot be changed.
import type { Viewer } from '../access/viewer.js';
import type { Tx } from '../access/viewer-store.js';
import { Prisma } from '../generated/prisma/client.js';
import { bulkInsert, type InsertRow } from './bulk-insert.js';

type Row = Record<string, unknown>;
type Delegate = Record<string, (args: Row) => Promise<unknown>>;

const audited = new Set(['create', 'update', 'upsert', 'delete', 'updateMany', 'deleteMany', 'createMany', 'createManyAndReturn']);
/** Delegate names of the transaction client (camelCase model names), with their model names. */
const models = new Map(Object.values(Prisma.ModelName).map((model) => [model.charAt(0).toLowerCase() + model.slice(1), model]));

/** Models keyed by several fields rather than an id. */
const keyless = new Set(['MeetingAbsence', 'LevelBand', 'AssessmentScore', 'WorkingGroupAssignment', 'CandidateSponsor']);

/** JSON the log can keep: dates as ISO text, decimals and big integers as text. */
function snapshotOf(value: unknown): Prisma.InputJsonValue | null {
  if (value === null || value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Prisma.Decimal ? v.toString() : v)),
  ) as Prisma.InputJsonValue;
}

/** The id a row is known by: its id, or its key fields when it has no single id. */
function entityId(row: Row | null | undefined, where: unknown): string {
  if (row && row.id !== undefined) return String(row.id);
  return JSON.stringify(where ?? row ?? null);
}

/** Each audited transaction's way to write the entries it has gathered, and to gather more. */
const flushes = new WeakMap<Tx, () => Promise<void>>();
const recorders = new WeakMap<Tx, Recorder>();

/** Inserts rows in bulk (src/db/bulk-insert.ts) through an audited transaction, each row logged as created. */
export async function insertAudited(audited: Tx, model: Prisma.ModelName, rows: readonly InsertRow[]): Promise<InsertRow[]> {
  const record = recorders.get(audited);
  if (!record) throw new Error('insertAudited takes the transaction write() gives');
  const written = await bulkInsert(audited, model, rows);
  await record.many!(model, written);
  return written;
}

/**
 * Writes the audit entries an audited transaction has gathered, in the order of its writes, in
 * as few inserts as they fit (one, for a single mutation): src/db/write.ts calls it when the
 * mutation's work is done, before the commit. Entries are snapshots taken at each write.
 */
export async function flushAuditLog(audited: Tx): Promise<void> {
  await flushes.get(audited)?.();
}

/** The transaction as mutations see it: every write through it lands in the audit log (see flushAuditLog). */
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
  // An insert a statement costs a millisecond or more on the embedded store: entries wait here
  // and go in together, one insert a chunk.
  let pending: ReturnType<typeof entry>[] = [];
  const record: Recorder = async (model, action, id, before, after) => {
    pending.push(entry(model, action, id, before, after));
  };
  record.many = async (model, rows) => {
    for (const row of rows) pending.push(entry(model, 'create', entityId(row, null), null, row));
  };
  const flush = async () => {
    const entries = pending;
    pending = [];
    await bulkInsert(tx, 'AuditLog', entries);
  };

  const proxy = new Proxy(tx, {
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
  flushes.set(proxy, flush);
  recorders.set(proxy, record);
  return proxy;
}

/**
 * What a write answers its caller, from the whole row it wrote: the row itself without a select
 * or include, the selected columns when the select names only columns of the row; undefined
 * when the answer needs more (relations, counts), which is then read.
 */
function answerFrom(row: Row, args: Row): Row | undefined {
  if (args.include) return undefined;
  if (!args.select) return row;
  const select = args.select as Row;
  const keys = Object.keys(select).filter((key) => select[key] !== false);
  if (!keys.every((key) => select[key] === true && key in row)) return undefined;
  return Object.fromEntries(keys.map((key) => [key, row[key]]));
}

type Recorder = ((model: string, action: string, id: string, before: unknown, after: unknown) => Promise<void>) & {
  many?: (model: string, rows: Row[]) => Promise<void>;
};

async function auditedCall(delegate: Delegate, model: string, method: string, args: Row, record: Recorder): Promise<unknown> {
  const { select: _select, include: _include, ...whole } = args;
  switch (method) {
    case 'create': {
      // The insert answers the whole row, which is logged; the caller's select or include is
      // answered from it, or read back when it asks for relations.
      const after = (await delegate.create!(whole)) as Row;
      await record(model, 'create', entityId(after, whole.data), null, after);
      const answer = answerFrom(after, args);
      if (answer || after.id === undefined || keyless.has(model)) return answer ?? after;
      return delegate.findUnique!({ ...pick(args, 'select', 'include'), where: { id: after.id } });
    }
    case 'update':
    case 'upsert': {
      const before = (await delegate.findUnique!({ where: args.where as Row })) as Row | null;
      const after = (await delegate[method]!(whole)) as Row;
      await record(model, before ? 'update' : 'create', entityId(after ?? before, args.where), before, after);
      const answer = answerFrom(after, args);
      if (answer || after.id === undefined || keyless.has(model)) return answer ?? after;
      return delegate.findUnique!({ ...pick(args, 'select', 'include'), where: { id: after.id } });
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

function pick(args: Row, ...keys: string[]): Row {
  return Object.fromEntries(keys.filter((key) => args[key] !== undefined).map((key) => [key, args[key]]));
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
