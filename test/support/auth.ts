// Credentials for tests: tokens minted with the test secret (test/vitest.config.ts) for users of
// the current test database. Requests go out as a central ADMIN unless a test says otherwise.
import { loadSigningKeys } from '../../src/auth/signing-keys.js';
import { mintToken } from '../../src/auth/tokens.js';
import { loadConfig } from '../../src/config.js';
import { wholeStore } from './store.js';
import type { Role } from '../../src/generated/prisma/enums.js';

export const ROOT_ADMIN = 'root@chibo.test';
const config = loadConfig();
const keys = loadSigningKeys(config);

/** An "Authorization" value for a user; the central test ADMIN is created when missing. */
export async function bearer(email = ROOT_ADMIN): Promise<string> {
  if (email === ROOT_ADMIN) {
    const db = wholeStore();
    if (!(await db.user.findUnique({ where: { email } }))) {
      await db.user.upsert({ where: { email }, create: { email, displayName: 'Quản trị kiểm thử', role: 'ADMIN', scopeUnitId: null }, update: {} });
    }
  }
  return `Bearer ${await mintToken(await keys, config, email, 1)}`;
}

/** A user of the current test database with a role over a unit's subtree, and their header. */
export async function userWith(role: Role, scopeUnitId: number | null, email = `${role.toLowerCase()}-${scopeUnitId ?? 'all'}@chibo.test`): Promise<string> {
  await wholeStore().user.upsert({
    where: { email },
    create: { email, displayName: `${role} ${scopeUnitId ?? 'toàn quốc'}`, role, scopeUnitId },
    update: { role, scopeUnitId, active: true },
  });
  return bearer(email);
}
