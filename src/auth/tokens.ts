// Bearer tokens (JWT, verified with jose): the subject is a user's email; the role and scope
// come from the store, so demoting or deactivating a user takes effect at once.
import { jwtVerify, SignJWT } from 'jose';
import type { Config } from '../config.js';
import type { SigningKeys } from './signing-keys.js';

export class AuthenticationError extends Error {}

export async function mintToken(keys: SigningKeys, config: Config, email: string, hours = 12): Promise<string> {
  if (!keys.secret) throw new Error('tokens come from the identity provider (CHIBO_JWT_PUBLIC_KEY or CHIBO_JWKS_URL); chibo cannot mint them');
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(email)
    .setIssuer(config.auth.issuer)
    .setAudience(config.auth.audience)
    .setIssuedAt()
    .setExpirationTime(`${hours}h`)
    .sign(keys.secret);
}

/** The email a valid token names; an AuthenticationError for anything else. */
export async function verifyToken(keys: SigningKeys, config: Config, token: string): Promise<string> {
  try {
    const { payload } = await jwtVerify(token, keys.verify as Parameters<typeof jwtVerify>[1], {
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      requiredClaims: ['sub', 'exp'],
    });
    return payload.sub!;
  } catch (error) {
    throw new AuthenticationError(`the token is not valid: ${(error as Error).message}`);
  }
}
