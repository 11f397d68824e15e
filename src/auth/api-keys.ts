// API keys for scripts and dashboards: "chibo_" and 40 random characters, shown once; only
// their SHA-256 is stored. A key acts as its user, and can be revoked.
import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'chibo_';

export function newApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(30).toString('base64url')}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX.length + 6), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
