// One context object per request, built by one factory. Who is asking is resolved here
// once access rules exist; database handles are imported from src/db, not carried here.
import type { YogaInitialContext } from 'graphql-yoga';

export interface Context {
  request: Request;
}

export function createContext(initial: YogaInitialContext): Context {
  return { request: initial.request };
}
