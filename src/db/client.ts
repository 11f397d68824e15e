// The process's one open database, set at start-up. Requests never read it directly: the
// context factory hands each request the store as its viewer may see it (src/access/viewer-store.ts);
// start-up, commands and background jobs use it whole.
import type { Database } from './database.js';

let current: Database | undefined;

export function useDatabase(database: Database): void {
  current = database;
}

export function database(): Database {
  if (!current) throw new Error('No database is open: call useDatabase() at start-up');
  return current;
}
