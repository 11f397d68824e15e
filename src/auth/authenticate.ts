// Who a request comes from: `Authorization: Bearer <JWT or API key>`. Users are read from the
// whole store (the viewer's scope is not known yet); an inactive user or a revoked key is no
// one. Without credentials there is no viewer: the app then answers 401.
import type { Viewer } from '../access/viewer.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { API_KEY_PREFIX, hashApiKey } from './api-keys.js';
import type { SigningKeys } from './signing-keys.js';
import { AuthenticationError, verifyToken } from './tokens.js';

export { AuthenticationError };

/** The request's viewer, null without credentials; an AuthenticationError for bad ones. */
export async function authenticate(request: Request, keys: SigningKeys, config: Config, store: Database): Promise<Viewer | null> {
  const header = request.headers.get('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw new AuthenticationError('the Authorization header must be "Bearer <token or API key>"');
  const credential = match[1]!;
  const db = store.prisma;
  if (credential.startsWith(API_KEY_PREFIX)) {
    const key = await db.apiKey.findUnique({ where: { hash: hashApiKey(credential) }, include: { user: { include: { scopeUnit: true } } } });
    if (!key || key.revokedAt || !key.user.active) throw new AuthenticationError('the API key is not valid (unknown, revoked, or its user is inactive)');
    // Not awaited: the answer does not wait on bookkeeping.
    void db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
    return viewerOf(key.user, key.id);
  }
  const email = await verifyToken(keys, config, credential);
  const user = await db.user.findUnique({ where: { email }, include: { scopeUnit: true } });
  if (!user || !user.active) throw new AuthenticationError('the token names no active user');
  return viewerOf(user, null);
}

function viewerOf(
  user: { id: number; email: string; role: Viewer['role']; scopeUnitId: number | null; scopeUnit: { path: string } | null },
  apiKeyId: number | null,
): Viewer {
  return { userId: user.id, email: user.email, apiKeyId, role: user.role, scopeUnitId: user.scopeUnitId, scopePath: user.scopeUnit?.path ?? '/' };
}
