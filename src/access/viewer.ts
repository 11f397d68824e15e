// Who is asking: the user (or API key) behind a request, their role and the unit whose subtree
// they may see. Built once a request by the context factory and carried in the context.
import type { Role } from '../generated/prisma/enums.js';
import { personalDataRoles } from './rules.js';

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

/** Birth dates, ethnicity, card numbers and reasons: the committee's leadership only. */
export const seesPersonalData = (viewer: Viewer | null) => viewer === null || personalDataRoles.includes(viewer.role);

/** Whether a unit (by its path) lies in the viewer's subtree; the system (no viewer) sees all. */
export const inScope = (viewer: Viewer | null, unitPath: string) => viewer === null || unitPath.startsWith(viewer.scopePath);
