// Settings from the environment, read once. Every variable is documented in the README.
import os from 'node:os';
import path from 'node:path';

export interface Config {
  /** PostgreSQL server URL; when absent the embedded store is used. */
  databaseUrl: string | undefined;
  /** Folder of the embedded store. */
  dataDir: string;
  /** Folder of the analytics snapshots (DuckDB files). */
  snapshotDir: string;
  /** Where reports' files are written, a folder a report (CHIBO_REPORT_DIR, or <data folder>/reports). */
  reportDir: string;
  port: number;
  /**
   * Development mode shows error details, GraphiQL, introspection and field suggestions;
   * anything else hides them.
   */
  development: boolean;
  auth: AuthConfig;
}

/** How bearer tokens are verified: a shared HS256 secret, or an identity provider's public keys. */
export interface AuthConfig {
  /** CHIBO_JWT_SECRET: HS256 secret (at least 32 characters); also lets `npm run token` mint tokens. */
  jwtSecret: string | undefined;
  /** CHIBO_JWT_PUBLIC_KEY: a PEM public key of the provider issuing tokens, for CHIBO_JWT_ALGORITHM (RS256). */
  jwtPublicKey: string | undefined;
  algorithm: string;
  /** CHIBO_JWKS_URL: the provider's JWKS endpoint. */
  jwksUrl: string | undefined;
  /** CHIBO_JWT_ISSUER / CHIBO_JWT_AUDIENCE: the `iss` and `aud` tokens must carry. */
  issuer: string;
  audience: string;
}

/** Limits on one GraphQL document, checked before it runs (graphql-armor). */
export interface OperationLimits {
  /** Deepest nesting of fields; inline fragments do not count as a level. */
  maxDepth: number;
  /** graphql-armor's cost: objects 2, scalars 1, ×1.5 per level, × a literal `first`. */
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  /** Lexical tokens of the document (names, punctuation, values). */
  maxTokens: number;
}

export interface RateLimit {
  /** Requests one client may send to /graphql in a window. */
  requests: number;
  windowSeconds: number;
}

export interface HardeningConfig {
  operationLimits: OperationLimits;
  /** Largest request body that is not a file upload (JSON, GraphQL text, forms). */
  maxBodyBytes: number;
  /** Largest multipart request (a CSV import with its operation). */
  maxUploadBytes: number;
  /** Per-client request budget; undefined sends no 429. */
  rateLimit: RateLimit | undefined;
  /**
   * Addresses or subnets of reverse proxies whose X-Forwarded-For is believed (proxy-addr's
   * syntax: `loopback`, `10.0.0.0/8`, …); empty means the socket's address is the client.
   */
  trustedProxies: string[];
  /** Browser origins allowed to call the API; `'*'` allows any. */
  corsOrigins: string[] | '*';
  /** JSON manifest of the only operations the server runs; undefined runs any document. */
  persistedOperationsFile: string | undefined;
}

/**
 * How queries on snapshots share the machine (src/analytics/query-lanes.ts): a lane for the
 * requests about large units and one for the rest, each running so many DuckDB queries at once.
 * A running query holds one thread of libuv's pool, which also verifies tokens (WebCrypto) and
 * reads files: the lanes together leave RESERVED_THREADS of it free for those.
 */
export interface QueryLaneConfig {
  /** UV_THREADPOOL_SIZE as the process started with it (libuv's default 4). */
  threadPoolSize: number;
  /** CHIBO_SLOW_QUERY_CELLS: a request about units of this many cells or more goes to the slow lane. */
  slowQueryCells: number;
  /** CHIBO_SLOW_QUERIES: queries of the slow lane running at once. */
  slowQueries: number;
  /** CHIBO_SLOW_QUEUE: slow queries that may wait; the next is refused with TOO_BUSY. */
  slowQueue: number;
  /** CHIBO_FAST_QUERIES: queries of the fast lane running at once (default: what the pool leaves, at most 3). */
  fastQueries: number;
  fastQueue: number;
  /**
   * CHIBO_DUCKDB_THREADS: threads of each snapshot's DuckDB, shared by its running queries.
   * Default: one core fewer than the machine has, so a query of the fast lane finds a core free
   * while the slow lane's query runs on all the others (at least 1).
   */
  duckdbThreads: number;
}

export interface ServingConfig {
  /** CHIBO_RESULT_CACHE_BYTES: memory for cached analytics answers; 0 turns the cache off. */
  resultCacheBytes: number;
  lanes: QueryLaneConfig;
  /** REDIS_URL: a Redis the servers of a deployment share request budgets and cached answers through. */
  redisUrl: string | undefined;
  /** CHIBO_REDIS_PREFIX: the deployment's keys in that Redis (default `chibo:`). */
  redisPrefix: string;
  /** CHIBO_RESULT_CACHE_TTL: seconds an answer is kept in Redis at most (default a week). */
  sharedResultSeconds: number;
}

const MEBIBYTE = 1024 * 1024;

/** Threads of libuv's pool the query lanes leave free: token checks and file reads never wait for DuckDB. */
export const RESERVED_THREADS = 1;
const LIBUV_DEFAULT_THREADS = 4;

export function loadServingConfig(env: NodeJS.ProcessEnv = process.env): ServingConfig {
  const threadPoolSize = readCount(env, 'UV_THREADPOOL_SIZE', LIBUV_DEFAULT_THREADS);
  const slowQueries = readCount(env, 'CHIBO_SLOW_QUERIES', 1);
  const fastQueries = readCount(env, 'CHIBO_FAST_QUERIES', Math.max(1, Math.min(3, threadPoolSize - RESERVED_THREADS - slowQueries)));
  return {
    resultCacheBytes: readCount(env, 'CHIBO_RESULT_CACHE_BYTES', 64 * MEBIBYTE, 0),
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: env.CHIBO_REDIS_PREFIX || 'chibo:',
    sharedResultSeconds: readCount(env, 'CHIBO_RESULT_CACHE_TTL', 7 * 24 * 3600),
    lanes: {
      threadPoolSize,
      slowQueryCells: readCount(env, 'CHIBO_SLOW_QUERY_CELLS', 1000),
      slowQueries,
      slowQueue: readCount(env, 'CHIBO_SLOW_QUEUE', 16, 0),
      fastQueries,
      fastQueue: 64,
      duckdbThreads: readCount(env, 'CHIBO_DUCKDB_THREADS', Math.max(1, os.availableParallelism() - 1)),
    },
  };
}

function readPort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 4000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

function readCount(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number of ${min} or more, got "${raw}"`);
  }
  return value;
}

function readList(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * The hardening settings, for an app made in development mode or not (createApp reads them;
 * tests make apps of both modes in one process). Defaults leave the project's own operations (tests, README examples)
 * far inside every limit; in development the rate limit is off and any origin may call.
 */
export function loadHardeningConfig(env: NodeJS.ProcessEnv, development: boolean): HardeningConfig {
  const requests = readCount(env, 'CHIBO_RATE_LIMIT', development ? 0 : 600, 0);
  const windowSeconds = readCount(env, 'CHIBO_RATE_LIMIT_WINDOW', 60);
  const origins = env.CHIBO_CORS_ORIGINS === undefined ? (development ? ['*'] : []) : readList(env.CHIBO_CORS_ORIGINS);
  return {
    operationLimits: {
      maxDepth: readCount(env, 'CHIBO_MAX_DEPTH', 10),
      maxCost: readCount(env, 'CHIBO_MAX_COST', 50_000),
      maxAliases: readCount(env, 'CHIBO_MAX_ALIASES', 15),
      maxDirectives: readCount(env, 'CHIBO_MAX_DIRECTIVES', 20),
      maxTokens: readCount(env, 'CHIBO_MAX_TOKENS', 1000),
    },
    maxBodyBytes: readCount(env, 'CHIBO_MAX_BODY_BYTES', MEBIBYTE),
    maxUploadBytes: readCount(env, 'CHIBO_MAX_UPLOAD_BYTES', 20 * MEBIBYTE),
    rateLimit: requests > 0 ? { requests, windowSeconds } : undefined,
    trustedProxies: readList(env.CHIBO_TRUST_PROXY),
    corsOrigins: origins.includes('*') ? '*' : origins,
    persistedOperationsFile: env.CHIBO_PERSISTED_OPERATIONS ? path.resolve(env.CHIBO_PERSISTED_OPERATIONS) : undefined,
  };
}

export interface SnapshotScheduleConfig {
  /** CHIBO_SNAPSHOT_SCHEDULE: a cron expression (minute hour day month weekday), in Vietnam's time. */
  pattern: string;
  /** CHIBO_SNAPSHOT_RETENTION: unkept READY snapshots left after a scheduled build (default 14); older ones are deleted. */
  retention: number;
}

/** Snapshots on a schedule, when CHIBO_SNAPSHOT_SCHEDULE is set. */
export function loadSnapshotScheduleConfig(env: NodeJS.ProcessEnv = process.env): SnapshotScheduleConfig | undefined {
  const pattern = env.CHIBO_SNAPSHOT_SCHEDULE?.trim();
  if (!pattern) return undefined;
  return { pattern, retention: readCount(env, 'CHIBO_SNAPSHOT_RETENTION', 14) };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.CHIBO_DATA_DIR || './data'),
    snapshotDir: path.resolve(env.CHIBO_SNAPSHOT_DIR || path.join(env.CHIBO_DATA_DIR || './data', 'snapshots')),
    reportDir: path.resolve(env.CHIBO_REPORT_DIR || path.join(env.CHIBO_DATA_DIR || './data', 'reports')),
    port: readPort(env.PORT),
    development: (env.NODE_ENV ?? 'development') === 'development',
    auth: {
      jwtSecret: env.CHIBO_JWT_SECRET || undefined,
      jwtPublicKey: env.CHIBO_JWT_PUBLIC_KEY || undefined,
      algorithm: env.CHIBO_JWT_ALGORITHM || 'RS256',
      jwksUrl: env.CHIBO_JWKS_URL || undefined,
      issuer: env.CHIBO_JWT_ISSUER || 'chibo',
      audience: env.CHIBO_JWT_AUDIENCE || 'chibo',
    },
  };
}

export interface JobsConfig {
  /**
   * CHIBO_JOB_LEASE_SECONDS (default 20): how long a worker's hold on a job (and on the snapshot
   * it builds) lasts without being renewed. It renews every quarter of it; a worker that stops
   * renewing (killed, crashed, host lost) is taken for dead once it has passed, and its job goes to
   * another worker.
   */
  leaseSeconds: number;
  /** CHIBO_JOB_RETRIES (default 3): attempts after the first, for a job whose worker died. */
  retries: number;
  /** CHIBO_WORKER: `off` for a server that only serves (another process works the jobs). */
  work: boolean;
}

export function loadJobsConfig(env: NodeJS.ProcessEnv = process.env): JobsConfig {
  const worker = (env.CHIBO_WORKER ?? '').trim().toLowerCase();
  if (!['', 'on', 'off'].includes(worker)) throw new Error(`CHIBO_WORKER must be "on" or "off", got "${env.CHIBO_WORKER}"`);
  return {
    leaseSeconds: readCount(env, 'CHIBO_JOB_LEASE_SECONDS', 20, 2),
    retries: readCount(env, 'CHIBO_JOB_RETRIES', 3, 0),
    work: worker !== 'off',
  };
}
