// Settings from the environment, read once. Every variable is documented in the README.
import path from 'node:path';

export interface Config {
  /** PostgreSQL server URL; when absent the embedded store is used. */
  databaseUrl: string | undefined;
  /** Folder of the embedded store. */
  dataDir: string;
  /** Folder of the analytics snapshots (DuckDB files). */
  snapshotDir: string;
  port: number;
  /** Development mode shows error details; anything else masks them. */
  development: boolean;
}

function readPort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 4000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.CHIBO_DATA_DIR || './data'),
    snapshotDir: path.resolve(env.CHIBO_SNAPSHOT_DIR || path.join(env.CHIBO_DATA_DIR || './data', 'snapshots')),
    port: readPort(env.PORT),
    development: (env.NODE_ENV ?? 'development') === 'development',
  };
}
