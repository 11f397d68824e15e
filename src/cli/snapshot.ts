// `npm run snapshot -- --label "Số liệu đại hội 2025" [--email admin@chibo.local]`: builds a
// snapshot of the configured store with a progress bar, and reports what it wrote.
//
// The embedded store's data folder admits one process. While a chibo server holds it, that
// server builds the snapshot: this command asks it over HTTP (snapshotCreate, then the
// snapshot's progress from the server's memory at /snapshot-progress, which answers while the
// build holds the embedded store, then its end through node(id:)), signed in as --email (the
// demo's administrator by default) with a token minted as `npm run token` mints it.
import { parseArgs } from 'node:util';
import { storeContext } from '../access/viewer-store.js';
import { loadSigningKeys } from '../auth/signing-keys.js';
import { mintToken } from '../auth/tokens.js';
import { loadConfig, type Config } from '../config.js';
import { useDatabase } from '../db/client.js';
import { DataFolderBusyError, describeHolder, SERVER_COMMAND, type DataFolderHolder } from '../db/data-folder-lock.js';
import { migrateDatabase, openConfiguredDatabase, type Database } from '../db/database.js';
import { ConflictError, ValidationError } from '../errors.js';
import { BUILD_PROGRESS_PATH, type BuildProgressAnswer } from '../features/snapshots/build-progress.js';
import { createSnapshot, recoverInterruptedSnapshots, runningBuild, whenBuilt } from '../features/snapshots/snapshots.service.js';
import { localId } from '../graphql/ids.js';
import { DEMO_ADMIN_EMAIL } from '../seed/demo.js';

const { values } = parseArgs({ options: { label: { type: 'string' }, email: { type: 'string', default: DEMO_ADMIN_EMAIL } } });
const label = values.label ?? `Snapshot ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`;
const email = values.email!.trim().toLowerCase();

const PROGRESS_EVERY_MS = 500;
/** How long to wait for a server holding the folder to start listening (a first start seeds the demo). */
const SERVER_START_WAIT_MS = 120_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The progress bar on stderr; without an estimate of the rows to copy, rows and phase only. */
function showProgress(done: number, total: number | null, phase: string | null): void {
  const share = total ? Math.min(1, done / total) : 0;
  const bar = total ? `${'█'.repeat(Math.round(share * 30)).padEnd(30, '░')} ${(share * 100).toFixed(0).padStart(3)}%  ` : '';
  process.stderr.write(`\r${bar}${done.toLocaleString('vi-VN')} rows  ${phase ?? ''}`.padEnd(100));
}

function report(snapshot: { id: number; label: string; rowsDone: number; sizeBytes: number }, started: number, where: string): void {
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `Snapshot ${snapshot.id} "${snapshot.label}": ${snapshot.rowsDone} rows in ${seconds.toFixed(1)} s ` +
      `(${Math.round(snapshot.rowsDone / seconds)} rows/s), ${(snapshot.sizeBytes / 1024 / 1024).toFixed(1)} MB ${where}`,
  );
}

/** Builds in this process: the store is a PostgreSQL server, or the data folder was free and is now this process's. */
async function buildHere(database: Database, config: Config): Promise<void> {
  useDatabase(database);
  await migrateDatabase(database);
  await recoverInterruptedSnapshots();
  const started = Date.now();
  const snapshot = await createSnapshot({ ctx: storeContext(database, null), input: { label }, query: {} });
  const total = await database.withSession(async (s) => {
    const [row] = await s.query<{ n: string }>(
      `SELECT sum(n_live_tup)::text AS n FROM pg_stat_user_tables WHERE relname NOT IN ('User', 'ApiKey', 'AuditLog', 'Snapshot', '_prisma_migrations')`,
    );
    return Number(row?.n) || 0;
  });
  // From memory: on the embedded store the store answers nothing while the build copies.
  const timer = setInterval(() => {
    const state = runningBuild(snapshot.id);
    if (state) showProgress(state.rowsDone, total, state.phase);
  }, PROGRESS_EVERY_MS);
  await whenBuilt(snapshot.id);
  clearInterval(timer);
  process.stderr.write('\n');
  const built = await database.prisma.snapshot.findUniqueOrThrow({ where: { id: snapshot.id } });
  if (built.status !== 'READY') throw new Error(`the build failed: ${built.error}`);
  report({ ...built, rowsDone: Number(built.rowsDone), sizeBytes: Number(built.sizeBytes) }, started, `at ${config.snapshotDir}`);
}

interface GraphQLAnswer<T> {
  data?: T;
  errors?: { message: string }[];
}

/**
 * The build's progress from the server's memory (GET /snapshot-progress), which answers while
 * the build holds the embedded store; null once the build no longer runs there (or a server
 * without it), when node(id:) tells.
 */
function progressClient(url: string, authorization: string) {
  return async function progress(id: string): Promise<BuildProgressAnswer | null> {
    const response = await fetch(`${url}?id=${encodeURIComponent(id)}`, { headers: { authorization } }).catch(() => null);
    if (!response?.ok) return null;
    return (await response.json().catch(() => null)) as BuildProgressAnswer | null;
  };
}

/** Posts operations to the server as `email`; every failure becomes an error saying what went wrong. */
function serverClient(url: string, authorization: string) {
  return async function ask<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      throw new Error(`The server at ${url} does not answer (${cause})`);
    }
    const body = (await response.json().catch(() => ({}))) as GraphQLAnswer<T>;
    const messages = body.errors?.map((error) => error.message).join('; ');
    if (response.status === 401) {
      throw new Error(
        `Refused: the server did not accept the token minted for ${email} (${messages ?? 'HTTP 401'}). Give --email of an active ` +
          'ADMIN of that server, and run this command with its signing secret (the same CHIBO_JWT_SECRET, or its data folder’s jwt-secret).',
      );
    }
    if (messages || !body.data) throw new Error(`Refused by the server: ${messages ?? `HTTP ${response.status}`}`);
    return body.data;
  };
}

const SNAPSHOTS = `{ snapshots(first: 50) { edges { node { status rowsDone } } } }`;
const CREATE = `mutation SnapshotCreateFromCli($input: SnapshotCreateInput!) {
  snapshotCreate(input: $input) {
    __typename
    ... on SnapshotCreateSuccess { data { id label status } }
    ... on ConflictError { message }
    ... on ValidationError { message }
    ... on NotFoundError { message }
  }
}`;
const PROGRESS = `query SnapshotProgressFromCli($id: ID!) {
  node(id: $id) { ... on Snapshot { label status phase rowsDone sizeBytes error } }
}`;

interface SnapshotState {
  label: string;
  status: string;
  phase: string | null;
  rowsDone: number;
  sizeBytes: number | null;
  error: string | null;
}

/** Asks the server holding the data folder to build, and follows the build to its end. */
async function buildThroughServer(holder: DataFolderHolder, port: number, config: Config): Promise<void> {
  const url = `http://127.0.0.1:${port}/graphql`;
  console.log(`The data folder ${config.dataDir} is held by ${describeHolder(holder)}: asking that server to build the snapshot, signed in as ${email}.`);
  let token: string;
  try {
    token = await mintToken(await loadSigningKeys(config), config, email, 1);
  } catch (error) {
    throw new Error(
      `Refused: this command cannot sign in to the server: ${(error as Error).message}. Ask the server in GraphiQL instead: snapshotCreate(input: { label: "…" }).`,
    );
  }
  const ask = serverClient(url, `Bearer ${token}`);
  const started = Date.now();
  // The rows the newest READY snapshot copied: the bar's estimate of the rows to copy now.
  const { snapshots } = await ask<{ snapshots: { edges: { node: { status: string; rowsDone: number } }[] } }>(SNAPSHOTS);
  const estimate = snapshots.edges.find((edge) => edge.node.status === 'READY')?.node.rowsDone ?? null;
  const { snapshotCreate: created } = await ask<{
    snapshotCreate: { __typename: string; message?: string; data?: { id: string; label: string } };
  }>(CREATE, { input: { label } });
  if (!created.data) throw new Error(`Refused by the server: ${created.message ?? created.__typename}`);
  const id = created.data.id;
  const progress = progressClient(`http://127.0.0.1:${port}${BUILD_PROGRESS_PATH}`, `Bearer ${token}`);
  let state: SnapshotState;
  for (;;) {
    const live = await progress(id);
    if (live) {
      showProgress(live.rowsDone, estimate, live.phase);
      await sleep(PROGRESS_EVERY_MS);
      continue;
    }
    try {
      state = (await ask<{ node: SnapshotState | null }>(PROGRESS, { id })).node ?? { label, status: 'DELETED', phase: null, rowsDone: 0, sizeBytes: null, error: null };
    } catch (error) {
      process.stderr.write('\n');
      throw new Error(
        `${(error as Error).message} while it was building snapshot ${localId(id, 'Snapshot', 'id')}; once the server runs again, \`snapshots\` shows whether it finished`,
      );
    }
    if (state.status !== 'BUILDING') break;
    showProgress(state.rowsDone, estimate, state.phase);
    await sleep(PROGRESS_EVERY_MS);
  }
  process.stderr.write('\n');
  if (state.status !== 'READY') throw new Error(`the build failed: ${state.error ?? state.status}`);
  report(
    { id: localId(id, 'Snapshot', 'id'), label: state.label, rowsDone: state.rowsDone, sizeBytes: state.sizeBytes ?? 0 },
    started,
    `built by the chibo server (pid ${holder.pid})`,
  );
}

const config = loadConfig();
try {
  const waitingSince = Date.now();
  let toldWaiting = false;
  for (;;) {
    let database: Database;
    try {
      database = await openConfiguredDatabase(config, { command: 'npm run snapshot' });
    } catch (error) {
      if (!(error instanceof DataFolderBusyError)) throw error;
      const { holder } = error;
      if (holder.command !== SERVER_COMMAND) throw new Error(`Refused: ${error.message} Wait for it to finish, then run npm run snapshot again.`);
      if (holder.port !== undefined) {
        await buildThroughServer(holder, holder.port, config);
        break;
      }
      // A server that has opened the store but not yet listens: it may be seeding the demo.
      if (Date.now() - waitingSince > SERVER_START_WAIT_MS) {
        throw new Error(`Refused: ${error.message} It has not started serving in ${SERVER_START_WAIT_MS / 60_000} minutes: run npm run snapshot again once it serves.`);
      }
      if (!toldWaiting) console.log(`Waiting for ${describeHolder(holder)} to start serving…`);
      toldWaiting = true;
      await sleep(PROGRESS_EVERY_MS);
      continue;
    }
    try {
      await buildHere(database, config);
    } finally {
      await database.close();
    }
    break;
  }
} catch (error) {
  if (error instanceof ConflictError || error instanceof ValidationError) console.error(`Refused: ${error.message}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
