// The language a request is answered in: Vietnamese when the client's Accept-Language prefers
// it, English otherwise. Resolvers read it from the context; the error masking, which Yoga
// calls without one, reads the request's from here.
import { AsyncLocalStorage } from 'node:async_hooks';
import Negotiator from 'negotiator';
import type { Plugin } from 'graphql-yoga';
import { LANGUAGES, type Language } from '../text/messages.js';

export function requestLanguage(request: Request): Language {
  const header = request.headers.get('accept-language');
  if (!header) return 'en';
  const chosen = new Negotiator({ headers: { 'accept-language': header } }).language([...LANGUAGES]);
  return chosen === 'vi' ? 'vi' : 'en';
}

const operationLanguage = new AsyncLocalStorage<Language>();

/** The language of the operation running now; English outside one. */
export function currentLanguage(): Language {
  return operationLanguage.getStore() ?? 'en';
}

/** Runs each operation, error masking included, knowing its request's language. */
export function useRequestLanguage(): Plugin {
  return {
    instrumentation: {
      operation({ request }, wrapped) {
        return operationLanguage.run(requestLanguage(request), wrapped);
      },
    },
  };
}
