// One context object per request, built by one factory: who is asking is resolved here, once.
// Without credentials, or with bad ones, the request ends with 401 before anything runs.
import { createGraphQLError, type YogaInitialContext } from 'graphql-yoga';
import { authenticate, AuthenticationError } from './auth/authenticate.js';
import { loadSigningKeys, type SigningKeys } from './auth/signing-keys.js';
import type { Viewer } from './auth/viewer.js';
import type { Config } from './config.js';

export interface Context {
  request: Request;
  viewer: Viewer;
}

export function contextFactory(config: Config) {
  let keys: Promise<SigningKeys> | undefined;
  return async (initial: YogaInitialContext): Promise<Context> => {
    keys ??= loadSigningKeys(config);
    try {
      const viewer = await authenticate(initial.request, await keys, config);
      if (!viewer) throw new AuthenticationError('sign in: send "Authorization: Bearer <token or API key>" (see the README, "Access")');
      return { request: initial.request, viewer };
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      throw createGraphQLError(error.message, {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } },
      });
    }
  };
}
