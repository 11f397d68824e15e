// The bench's sign-in to the server it starts: a user of the store (bench@chibo.local, ADMIN of
// the province, so every figure is read as a provincial dashboard reads it, the viewer's scope
// included) and a bearer token signed with a secret made for this run alone and given to that
// server. The user is written with plain SQL: it is the bench's setup, not a change to audit.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadSigningKeys } from '../../src/auth/signing-keys.js';
import { mintToken } from '../../src/auth/tokens.js';
import { loadConfig } from '../../src/config.js';

export const BENCH_USER_EMAIL = 'bench@chibo.local';
const TOKEN_HOURS = 24;

export interface BenchAccess {
  /** Settings for the server: verify tokens with this run's secret, and nothing else. */
  serverEnv: Record<string, string>;
  /** The Authorization header of every request. */
  authorization: string;
}

/** Needs the store's schema: run after the migrations (the snapshot build applies them). */
/** `scopeUnitId` null: the whole country (a store of several provinces has no one unit above them). */
export async function prepareAccess(databaseUrl: string, scopeUnitId: number | null): Promise<BenchAccess> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "User" (email, "displayName", role, "scopeUnitId", active) VALUES ($1, $2, 'ADMIN', $3, TRUE)
       ON CONFLICT (email) DO UPDATE SET role = 'ADMIN', "scopeUnitId" = EXCLUDED."scopeUnitId", active = TRUE`,
      [BENCH_USER_EMAIL, 'Đo hiệu năng (npm run bench)', scopeUnitId],
    );
  } finally {
    await client.end();
  }
  const serverEnv = {
    CHIBO_JWT_SECRET: randomBytes(32).toString('hex'),
    // An identity provider's keys would take precedence over the secret: none for this server.
    CHIBO_JWT_PUBLIC_KEY: '',
    CHIBO_JWKS_URL: '',
    CHIBO_JWT_ISSUER: 'chibo',
    CHIBO_JWT_AUDIENCE: 'chibo',
  };
  const config = loadConfig({ ...serverEnv, NODE_ENV: 'production' });
  const token = await mintToken(await loadSigningKeys(config), config, BENCH_USER_EMAIL, TOKEN_HOURS);
  return { serverEnv, authorization: `Bearer ${token}` };
}
