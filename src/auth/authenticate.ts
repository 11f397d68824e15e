// Who a request comes from: `Authorization: Bearer <JWT or API key>`. Users are read from the
// whole store (the viewer's scope is not known yet); an inactive user or a revoked key is no
// one. Without credentials there is no viewer: the app then answers 401.
import { LRUCache } from 'lru-cache';
import type { Viewer } from '../access/viewer.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { API_KEY_PREFIX, hashApiKey } from './api-keys.js';
import { loadSigningKeys, type SigningKeys } from './signing-keys.js';
import { AuthenticationError, verifyToken } from './tokens.js';

export { AuthenticationError };

/** The request's viewer, null without credentials; an AuthenticationError for bad ones. */
export async function authenticate(request: Request, keys: SigningKeys, config: Config, store: Database): Promise<Viewer | null> {
  const header = request.headers.get('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw new AuthenticationError('the Authorization header must be "Bearer <token or API key>"');
  const credential = match[1]!;
  if (credential.startsWith(API_KEY_PREFIX)) {
    const [key] = await store.withSession((session) => session.query<UserRow & { keyId: number; revoked: boolean }>(API_KEY_USER, [hashApiKey(credential)]));
    if (!key || key.revoked || !key.active) throw new AuthenticationError('the API key is not valid (unknown, revoked, or its user is inactive)');
    // Not awaited: the answer does not wait on bookkeeping.
    void store.prisma.apiKey.update({ where: { id: key.keyId }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
    return viewerOf(key, key.keyId);
  }
  const email = await verifiedEmail(keys, config, credential);
  const [user] = await store.withSession((session) => session.query<UserRow>(TOKEN_USER, [email]));
  if (!user || !user.active) throw new AuthenticationError('the token names no active user');
  return viewerOf(user, null);
}

/**
 * Tokens verified lately, by their text: a dashboard sends the same token with every request,
 * and checking its signature again (WebCrypto, on libuv's pool) would change nothing until it
 * expires. Kept a minute at most, so a key withdrawn from the provider's JWKS stops working soon.
 */
const VERIFIED_FOR_MS = 60_000;
const verified = new WeakMap<SigningKeys, LRUCache<string, { email: string; until: number }>>();

async function verifiedEmail(keys: SigningKeys, config: Config, token: string): Promise<string> {
  let known = verified.get(keys);
  if (!known) verified.set(keys, (known = new LRUCache({ max: 10_000 })));
  const hit = known.get(token);
  if (hit && hit.until > Date.now()) return hit.email;
  const email = await verifyToken(keys, config, token);
  const expiresAt = expiryOf(token);
  if (expiresAt !== null) known.set(token, { email, until: Math.min(expiresAt, Date.now() + VERIFIED_FOR_MS) });
  return email;
}

/** The `exp` of a token just verified, in ms; null when it has none that can be read. */
function expiryOf(token: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}

// Read at every request, so plain SQL on one pooled connection rather than the ORM (a few
// milliseconds less each time); as the system, since the viewer is not known yet.
const USER_COLUMNS = `u.id, u.email, u.role, u."scopeUnitId", u.active, s.path AS "scopePath"`;
const TOKEN_USER = `SELECT ${USER_COLUMNS} FROM "User" u LEFT JOIN "OrgUnit" s ON s.id = u."scopeUnitId" WHERE u.email = $1`;
const API_KEY_USER = `SELECT ${USER_COLUMNS}, k.id AS "keyId", k."revokedAt" IS NOT NULL AS revoked
  FROM "ApiKey" k JOIN "User" u ON u.id = k."userId" LEFT JOIN "OrgUnit" s ON s.id = u."scopeUnitId" WHERE k.hash = $1`;

interface UserRow extends Record<string, unknown> {
  id: number;
  email: string;
  role: Viewer['role'];
  scopeUnitId: number | null;
  active: boolean;
  scopePath: string | null;
}

function viewerOf(user: UserRow, apiKeyId: number | null): Viewer {
  return { userId: user.id, email: user.email, apiKeyId, role: user.role, scopeUnitId: user.scopeUnitId, scopePath: user.scopePath ?? '/' };
}

/**
 * Signs in a plain HTTP request beside /graphql (a template or a report to download) as
 * /graphql does: the viewer, or the reason a 401 gives. The signing keys load once.
 */
export function httpSignIn(config: Config): (request: Request, store: Database) => Promise<{ viewer: Viewer } | { refused: string }> {
  let keys: Promise<SigningKeys> | undefined;
  return async (request, store) => {
    keys ??= loadSigningKeys(config);
    try {
      const viewer = await authenticate(request, await keys, config, store);
      return viewer ? { viewer } : { refused: 'sign in: send "Authorization: Bearer <token or API key>"' };
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      return { refused: error.message };
    }
  };
}
