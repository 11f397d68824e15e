// One context object per request, built by one factory: who is asking is resolved here, once,
// and the store as they may see it travels with them. Without credentials, or with bad ones,
// the request ends with 401 before anything runs.
import { createGraphQLError, type YogaInitialContext } from 'graphql-yoga';
import type { Viewer } from './access/viewer.js';
import { storeContext, type StoreContext } from './access/viewer-store.js';
import { authenticate, AuthenticationError } from './auth/authenticate.js';
import { loadSigningKeys, type SigningKeys } from './auth/signing-keys.js';
import type { Config } from './config.js';
import { database } from './db/client.js';
import { WARMING_VIEWER } from './http/analytics-serving.js';
import { requestLanguage } from './http/language.js';
import { message, render, type Language } from './text/messages.js';

export interface Context extends StoreContext {
  request: Request;
  viewer: Viewer;
  /** The language messages are shown in (Accept-Language: vi, else English). */
  language: Language;
}

export function contextFactory(config: Config) {
  let keys: Promise<SigningKeys> | undefined;
  return async (initial: YogaInitialContext): Promise<Context> => {
    const store = database();
    const language = requestLanguage(initial.request);
    // The result cache asking as a viewer it saw, to warm itself (src/http/analytics-serving.ts).
    const warming = (initial as YogaInitialContext & { [WARMING_VIEWER]?: Viewer })[WARMING_VIEWER];
    if (warming) return { ...storeContext(store, warming), request: initial.request, viewer: warming, language };
    keys ??= loadSigningKeys(config);
    try {
      const viewer = await authenticate(initial.request, await keys, config, store);
      if (!viewer) throw new AuthenticationError(render(message('UNAUTHENTICATED'), language));
      return { ...storeContext(store, viewer), request: initial.request, viewer, language };
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      throw createGraphQLError(error.message, {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } },
      });
    }
  };
}
