// The store as the system sees it, for tests that arrange rows or compare with them directly:
// the whole of it, beneath the access rule that requests go through.
import { storeContext, type StoreContext } from '../../src/access/viewer-store.js';
import { database } from '../../src/db/client.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';

export function wholeStore(): PrismaClient {
  return database().prisma;
}

/** The context of start-up and commands: no viewer, the whole store. */
export function systemContext(): StoreContext {
  return storeContext(database(), null);
}
