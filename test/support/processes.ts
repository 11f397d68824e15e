// Real chibo processes for tests: a server on a free port with a data folder of its own, the
// npm scripts a person runs beside it, and GraphQL over HTTP signed in as the demo admin.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadSigningKeys } from '../../src/auth/signing-keys.js';
import { mintToken } from '../../src/auth/tokens.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { DEMO_ADMIN_EMAIL } from '../../src/seed/demo.js';
import { wholeStore } from './store.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The environment of a process on the embedded store in `dataDir` (the test's JWT secret included). */
function environment(dataDir: string): NodeJS.ProcessEnv {
  return { ...process.env, CHIBO_DATA_DIR: dataDir, CHIBO_SNAPSHOT_DIR: '', DATABASE_URL: '', PORT: '0', NODE_ENV: 'production' };
}

export interface RunningServer {
  child: ChildProcess;
  pid: number;
  url: string;
  port: number;
  output: string[];
}

/** Starts `script` (a module under src/) as its npm script does; resolves with what `ready` matched in its output. */
async function startProcess(script: string, ready: RegExp, dataDir: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; match: string; output: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, env: { ...environment(dataDir), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const match = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${output.join('')}`)), 240_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const found = ready.exec(output.join(''));
      if (found) {
        clearTimeout(timer);
        resolve(found[1] ?? found[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${output.join('')}`));
    });
  });
  return { child, match, output };
}

/** `npm start` as the server runs it (`env`: more settings, e.g. DATABASE_URL): resolves once it serves, with its URL. */
export async function startServer(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const { child, match: url, output } = await startProcess('src/server.ts', /serving GraphQL at (http:\/\/localhost:\d+\/graphql)/, dataDir, env);
  return { child, pid: child.pid!, url, port: Number(new URL(url).port), output };
}

export interface RunningWorker {
  child: ChildProcess;
  pid: number;
  output: string[];
}

/** `npm run worker` (`env`: DATABASE_URL and more): resolves once it works the job queue. */
export async function startWorker(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<RunningWorker> {
  const { child, output } = await startProcess('src/cli/worker.ts', /working the job queue/, dataDir, env);
  return { child, pid: child.pid!, output };
}

async function ended(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/** Ctrl-C: the server (or worker) closes the store and releases the data folder. */
export const stopServer = (server: RunningServer | RunningWorker) => ended(server.child, 'SIGTERM');
/** kill -9: the server (or worker) ends on the spot, its lock and whatever it was doing left behind. */
export const killServer = (server: RunningServer | RunningWorker) => ended(server.child, 'SIGKILL');

export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run <script> -- <args>` in a second terminal, on the same data folder (`env`: more settings, e.g. DATABASE_URL). */
export function runScript(script: string, args: string[], dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', script, '--', ...args], { cwd: root, env: { ...environment(dataDir), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The demo admin's token, as `npm run token` mints it (same secret: the test environment's). */
const demoAdmin = (async () => `Bearer ${await mintToken(await loadSigningKeys(loadConfig()), loadConfig(), DEMO_ADMIN_EMAIL, 1)}`)();

/** The Authorization header `post` sends: the demo admin's token. */
export const demoAdminAuthorization = () => demoAdmin;

/** The demo admin in a store the test seeded itself (a PostgreSQL store is never seeded by a server). */
export async function ensureDemoAdmin(): Promise<void> {
  await wholeStore().user.upsert({
    where: { email: DEMO_ADMIN_EMAIL },
    create: { email: DEMO_ADMIN_EMAIL, displayName: 'Quản trị', role: 'ADMIN', scopeUnitId: null },
    update: { role: 'ADMIN', scopeUnitId: null, active: true },
  });
}

export async function post<Data = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: await demoAdmin },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Data; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL errors (HTTP ${response.status}): ${JSON.stringify(body.errors)}`);
  return body.data;
}

export interface SnapshotState {
  id: string;
  label: string;
  status: string;
  phase: string | null;
  error: string | null;
  rowCounts: { table: string; rows: number }[];
}

const SNAPSHOT_FIELDS = 'id label status phase error rowCounts { table rows }';

export async function snapshotState(url: string, id: string): Promise<SnapshotState> {
  const { node } = await post<{ node: SnapshotState }>(url, `query($id: ID!) { node(id: $id) { ... on Snapshot { ${SNAPSHOT_FIELDS} } } }`, { id });
  return node;
}

export async function listSnapshots(url: string): Promise<SnapshotState[]> {
  const { snapshots } = await post<{ snapshots: { edges: { node: SnapshotState }[] } }>(url, `{ snapshots(first: 50) { edges { node { ${SNAPSHOT_FIELDS} } } } }`);
  return snapshots.edges.map((edge) => edge.node);
}

/** Polls a snapshot until its build has ended, READY or FAILED. */
export async function whenSnapshotBuilt(url: string, id: string): Promise<SnapshotState> {
  for (let tries = 0; tries < 480; tries++) {
    const state = await snapshotState(url, id);
    if (state.status !== 'BUILDING') return state;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`snapshot ${id} is still BUILDING`);
}

/** Rows of every table of the store in `dataDir`, opened here while no server holds it. */
export async function rowCounts(dataDir: string): Promise<Record<string, number>> {
  const database = await openDatabase({ dataDir, command: 'the test' });
  try {
    return await database.withSession(async (session) => {
      const tables = await session.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
      );
      const counts: Record<string, number> = {};
      for (const { name } of tables) {
        const [row] = await session.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${name}"`);
        counts[name] = Number(row?.n);
      }
      return counts;
    });
  } finally {
    await database.close();
  }
}
