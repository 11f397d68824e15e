// The keys bearer tokens are verified (and, with a shared secret, minted) with. Configured by
// CHIBO_JWT_SECRET, CHIBO_JWT_PUBLIC_KEY or CHIBO_JWKS_URL; with none of them, outside
// production, a random secret is made once and kept in the data folder (jwt-secret), so the
// embedded demo works on a fresh machine and its tokens outlive a restart.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRemoteJWKSet, importSPKI, type CryptoKey, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config.js';

export type VerificationKey = Uint8Array | CryptoKey | JWTVerifyGetKey;

export interface SigningKeys {
  verify: VerificationKey;
  /** The HS256 secret, when tokens can be minted here. */
  secret: Uint8Array | null;
}

const MIN_SECRET_LENGTH = 32;

export async function loadSigningKeys(config: Config): Promise<SigningKeys> {
  const { auth } = config;
  if (auth.jwksUrl) return { verify: createRemoteJWKSet(new URL(auth.jwksUrl)), secret: null };
  if (auth.jwtPublicKey) {
    // An environment variable often carries the PEM's line breaks as "\n".
    const pem = auth.jwtPublicKey.replaceAll('\\n', '\n');
    return { verify: await importSPKI(pem, auth.algorithm), secret: null };
  }
  if (auth.jwtSecret) {
    if (auth.jwtSecret.length < MIN_SECRET_LENGTH) throw new Error(`CHIBO_JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    const secret = new TextEncoder().encode(auth.jwtSecret);
    return { verify: secret, secret };
  }
  if (!config.development) {
    throw new Error('In production set CHIBO_JWT_SECRET, CHIBO_JWT_PUBLIC_KEY or CHIBO_JWKS_URL: tokens need a key that is not made up on the spot');
  }
  const secret = await dataFolderSecret(config.dataDir);
  return { verify: secret, secret };
}

async function dataFolderSecret(dataDir: string): Promise<Uint8Array> {
  const file = path.join(dataDir, 'jwt-secret');
  try {
    return new TextEncoder().encode((await readFile(file, 'utf8')).trim());
  } catch {
    await mkdir(dataDir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    // wx: two processes starting at once keep the first one's secret.
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' }).catch(() => undefined);
    return new TextEncoder().encode((await readFile(file, 'utf8')).trim());
  }
}
