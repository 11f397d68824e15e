// The store as a viewer may see it, carried in each request's context: every query runs in a
// transaction as the viewer's database role, with their scope set for the row security of
// row-security.ts. Without a viewer — start-up, commands, background jobs — it is the whole store.
import type { Database } from '../db/database.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { SCOPE_SETTING, USER_SETTING } from './row-security.js';
import { databaseRoleOf } from './rules.js';
import type { Viewer } from './viewer.js';

export type Tx = Prisma.TransactionClient;

export interface TransactionOptions {
  timeoutMs: number;
  maxWaitMs: number;
}

/** Who is asking, and the store as they may see it. Services take it as `ctx`. */
export interface StoreContext {
  /** Null for the system itself: start-up, commands, background jobs. */
  viewer: Viewer | null;
  /** Reads: each query in a transaction of its own, as the viewer. */
  db: PrismaClient;
  /** One transaction as the viewer, for writes that must all happen or none. */
  transaction<T>(work: (tx: Tx) => Promise<T>, options: TransactionOptions): Promise<T>;
}

/** The settings a viewer's statements run under: role, scope and user (for the audit log). */
function settingsOf(viewer: Viewer) {
  return { role: databaseRoleOf(viewer.role), scope: viewer.scopePath, user: String(viewer.userId) };
}

type Settings = ReturnType<typeof settingsOf>;

function enter(client: Pick<PrismaClient, '$executeRaw'>, { role, scope, user }: Settings) {
  return client.$executeRaw`SELECT set_config('role', ${role}, true), set_config(${SCOPE_SETTING}, ${scope}, true), set_config(${USER_SETTING}, ${user}, true)`;
}

/** Read clients by database role and scope: a request does not extend the client anew. */
const readClients = new WeakMap<PrismaClient, Map<string, PrismaClient>>();

function readClient(base: PrismaClient, settings: Settings): PrismaClient {
  let byScope = readClients.get(base);
  if (!byScope) readClients.set(base, (byScope = new Map()));
  // The user id only marks audit entries, which reads never write: one client serves a scope.
  const key = `${settings.role}:${settings.scope}`;
  let client = byScope.get(key);
  if (!client) {
    const readSettings = { ...settings, user: '' };
    client = base.$extends({
      name: 'viewer-scope',
      query: {
        async $allOperations({ args, query }) {
          const [, result] = await base.$transaction([enter(base, readSettings), query(args)]);
          return result;
        },
      },
    }) as unknown as PrismaClient;
    byScope.set(key, client);
  }
  return client;
}

export function storeContext(database: Database, viewer: Viewer | null): StoreContext {
  const base = database.prisma;
  const transaction = <T>(work: (tx: Tx) => Promise<T>, { timeoutMs, maxWaitMs }: TransactionOptions) =>
    base.$transaction(
      async (tx) => {
        if (viewer) await enter(tx, settingsOf(viewer));
        return work(tx);
      },
      { timeout: timeoutMs, maxWait: maxWaitMs },
    );
  if (!viewer) return { viewer, db: base, transaction };
  return { viewer, db: readClient(base, settingsOf(viewer)), transaction };
}

/**
 * Locks a row for a change and says whether the viewer may make it: PostgreSQL applies the
 * table's write rule to `FOR UPDATE`, so the answer comes from the same rule the write will
 * meet, and a service can name what stands in the way before it writes.
 */
export async function mayChange(tx: Tx, model: Prisma.ModelName, id: number): Promise<boolean> {
  const rows = await tx.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "${model}" WHERE id = $1 FOR UPDATE`, id);
  return rows.length > 0;
}
