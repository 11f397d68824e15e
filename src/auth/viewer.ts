// Who is asking: the user (or API key) behind a request, their role and the unit whose subtree
// they may see. Resolvers run inside `runAs`, so the store layer (src/db/client.ts) and the
// audit log find the viewer without it being threaded through every service.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '../generated/prisma/enums.js';

export interface Viewer {
  userId: number;
  email: string;
  /** The key the request came with; null for a token. */
  apiKeyId: number | null;
  role: Role;
  /** Null for the whole country (central administrators). */
  scopeUnitId: number | null;
  /** Materialised path of the scope unit ("/" for the whole country): what is visible starts with it. */
  scopePath: string;
}

const storage = new AsyncLocalStorage<Viewer>();

export function runAs<T>(viewer: Viewer, work: () => T): T {
  return storage.run(viewer, work);
}

/** The viewer of the request being executed; undefined outside one (start-up, CLI, seed). */
export function currentViewer(): Viewer | undefined {
  return storage.getStore();
}

/** Birth dates, ethnicity, card numbers and absence reasons: the committee's leadership only. */
export const seesPersonalData = (viewer: Viewer | undefined) => viewer?.role === 'ADMIN' || viewer?.role === 'LEADER';

/** Whether a unit (by its path) lies in the viewer's subtree. */
export const inScope = (viewer: Viewer | undefined, unitPath: string) => viewer === undefined || unitPath.startsWith(viewer.scopePath);
