// Settings from the environment, read once. Every variable is documented in the README.
import path from 'node:path';

export interface Config {
  /** PostgreSQL server URL; when absent the embedded store is used. */
  databaseUrl: string | undefined;
  /** Folder of the embedded store. */
  dataDir: string;
  /** Folder of the analytics snapshots (DuckDB files). */
  snapshotDir: string;
  port: number;
  /** Development mode shows error details; anything else masks them. */
  development: boolean;
  auth: AuthConfig;
}

/** How bearer tokens are verified: a shared HS256 secret, or an identity provider's public keys. */
export interface AuthConfig {
  /** CHIBO_JWT_SECRET: HS256 secret (at least 32 characters); also lets `npm run token` mint tokens. */
  jwtSecret: string | undefined;
  /** CHIBO_JWT_PUBLIC_KEY: a PEM public key of the provider issuing tokens, for CHIBO_JWT_ALGORITHM (RS256). */
  jwtPublicKey: string | undefined;
  algorithm: string;
  /** CHIBO_JWKS_URL: the provider's JWKS endpoint. */
  jwksUrl: string | undefined;
  /** CHIBO_JWT_ISSUER / CHIBO_JWT_AUDIENCE: the `iss` and `aud` tokens must carry. */
  issuer: string;
  audience: string;
}

function readPort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 4000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.CHIBO_DATA_DIR || './data'),
    snapshotDir: path.resolve(env.CHIBO_SNAPSHOT_DIR || path.join(env.CHIBO_DATA_DIR || './data', 'snapshots')),
    port: readPort(env.PORT),
    development: (env.NODE_ENV ?? 'development') === 'development',
    auth: {
      jwtSecret: env.CHIBO_JWT_SECRET || undefined,
      jwtPublicKey: env.CHIBO_JWT_PUBLIC_KEY || undefined,
      algorithm: env.CHIBO_JWT_ALGORITHM || 'RS256',
      jwksUrl: env.CHIBO_JWKS_URL || undefined,
      issuer: env.CHIBO_JWT_ISSUER || 'chibo',
      audience: env.CHIBO_JWT_AUDIENCE || 'chibo',
    },
  };
}
