// Where the embedded store lies in its data folder, and whether it is there: told from the files
// alone, without opening the store, which a running server may hold.
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The embedded store's own folder inside a data folder (PGlite's files). */
export function embeddedStoreDir(dataDir: string): string {
  return path.join(dataDir, 'pg');
}

/**
 * Whether a data folder holds an embedded store. PostgreSQL writes PG_VERSION when it makes a
 * store's files, so a folder without it (absent, empty, or only a jwt-secret) has never held one.
 */
export function holdsEmbeddedStore(dataDir: string): boolean {
  return existsSync(path.join(embeddedStoreDir(dataDir), 'PG_VERSION'));
}
