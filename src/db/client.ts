// The process's one open database. Resolvers and services import `prisma()` from here rather
// than carrying the handle in the GraphQL context; inside a request it is the store as the
// viewer may see it (src/auth/store-scope.ts), outside one (start-up, CLI, seed) the whole store.
import { scopedClient } from '../auth/store-scope.js';
import { currentViewer, type Viewer } from '../auth/viewer.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Database } from './database.js';

let current: Database | undefined;
/** Scoped clients by scope path, so a request does not extend the client anew. */
let scoped = new Map<string, PrismaClient>();

export function useDatabase(database: Database): void {
  current = database;
  scoped = new Map();
}

export function database(): Database {
  if (!current) throw new Error('No database is open: call useDatabase() at start-up');
  return current;
}

/** The store: as the current viewer may see it, or whole outside a request. */
export function prisma(): PrismaClient {
  const viewer = currentViewer();
  return viewer ? scopedPrisma(viewer) : database().prisma;
}

/** The whole store, whoever is asking: authentication, and checks that must see past the scope. */
export function unscopedPrisma(): PrismaClient {
  return database().prisma;
}

function scopedPrisma(viewer: Viewer): PrismaClient {
  if (viewer.scopePath === '/') return database().prisma;
  let client = scoped.get(viewer.scopePath);
  if (!client) {
    client = scopedClient(database().prisma, viewer);
    scoped.set(viewer.scopePath, client);
  }
  return client;
}
