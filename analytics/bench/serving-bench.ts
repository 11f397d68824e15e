// `npm run bench:serving`: the serving path under load. Starts the real server, compiled as
// `npm start` runs it, on a seeded PostgreSQL store, twice (answer cache off, then on:
// CHIBO_RESULT_CACHE_BYTES=0 and its default), and measures side by side: an empty signed
// request; requests a second and p50/p99 of the ten dashboard queries mixed, with 1, 8 and 32
// clients; and a commune's query alone and while eight slow province queries run. Writes
// analytics/bench/SERVING.md. Not a test: timings depend on the machine.
//
//   npm run bench:serving -- --database-url postgresql://postgres@127.0.0.1:5432/chibo_bench_1000
//   npm run bench:serving -- --scale 10000 --seconds 20
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { prepareAccess } from './bench-access.js';
import { dashboardQueries, type DashboardQuery } from './dashboard-queries.js';
import { analyse, dashboardUnits, describeDataset, prepareDataset } from './dataset.js';
import { describeMachine } from './machine.js';
import { repoRoot } from './processes.js';
import { buildSnapshot } from './snapshot-build.js';
import { percentile } from './stats.js';

const { values: options } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'postgres-url': { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
    scale: { type: 'string', default: '1000' },
    'snapshot-dir': { type: 'string' },
    seconds: { type: 'string', default: '15' },
    out: { type: 'string', default: path.join(repoRoot, 'analytics/bench/SERVING.md') },
    help: { type: 'boolean', default: false },
  },
});
if (options.help) {
  console.log('npm run bench:serving -- [--database-url URL | --scale N] [--snapshot-dir DIR] [--seconds S] [--out FILE]');
  process.exit(0);
}
const seconds = Number(options.seconds);
const say = (text: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${text}`);

// ───────────── The store and its snapshot ─────────────

const dataset = await prepareDataset({
  scale: Number(options.scale),
  scaleGiven: options.scale !== '1000',
  databaseUrl: options['database-url'],
  postgresUrl: options['postgres-url'],
});
await analyse(dataset.databaseUrl);
const facts = await describeDataset(dataset.databaseUrl);
const units = await dashboardUnits(dataset.databaseUrl);
const snapshotDir = options['snapshot-dir'] ?? path.join(os.tmpdir(), 'chibo-bench', dataset.databaseName);
await mkdir(snapshotDir, { recursive: true });
say(`${dataset.databaseName}: ${facts.cells} cells, ${facts.meetings} meetings; snapshots in ${snapshotDir}`);

/** The newest READY snapshot whose file is in the folder, or a new one. */
async function readySnapshot(): Promise<{ id: number; asOf: Date }> {
  const client = new pg.Client({ connectionString: dataset.databaseUrl });
  await client.connect();
  try {
    const files = new Set(await readdir(snapshotDir));
    const { rows } = await client.query<{ id: number; asOf: Date }>(
      `SELECT id, "asOf" FROM "Snapshot" WHERE status = 'READY' ORDER BY "asOf" DESC, id DESC LIMIT 1`,
    );
    const newest = rows[0];
    if (newest && files.has(`snapshot-${newest.id}.duckdb`)) return newest;
  } finally {
    await client.end();
  }
  say('building a snapshot');
  const build = await buildSnapshot({ databaseUrl: dataset.databaseUrl, snapshotDir, label: 'Serving bench' });
  return { id: build.snapshotId, asOf: new Date(build.asOf) };
}
const snapshot = await readySnapshot();
const access = await prepareAccess(dataset.databaseUrl, units.province.id);
// Without the snapshot variable: a dashboard asks for the newest figures.
const queries = dashboardQueries(units, facts.years, snapshot).map((query) => ({ ...query, variables: { ...query.variables, snapshot: null } }));
const byKey = (key: string) => queries.find((query) => query.key === key)!;

// ───────────── The server, as `npm start` runs it ─────────────

say('compiling (npm run build)');
const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) throw new Error('npm run build failed');

interface Server {
  child: ChildProcess;
  port: number;
  log: string[];
}

async function startServer(cacheBytes: string | undefined): Promise<Server> {
  const child = spawn(process.execPath, ['.build/src/server.js'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...access.serverEnv,
      DATABASE_URL: dataset.databaseUrl,
      CHIBO_SNAPSHOT_DIR: snapshotDir,
      PORT: '0',
      NODE_ENV: 'production',
      CHIBO_RATE_LIMIT: '0',
      // As npm start sets it.
      UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '6',
      ...(cacheBytes === undefined ? {} : { CHIBO_RESULT_CACHE_BYTES: cacheBytes }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${log.join('')}`)), 120_000);
    const onData = (chunk: Buffer) => {
      log.push(chunk.toString());
      const match = /serving GraphQL at http:\/\/localhost:(\d+)\//.exec(log.join(''));
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${log.join('')}`)));
  });
  return { child, port, log };
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

// ───────────── Asking ─────────────

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

type Outcome = 'ok' | 'busy' | 'error';

/** Posts one operation; its time in ms and how it ended (TOO_BUSY counted apart). */
function ask(port: number, document: string, variables: Record<string, unknown>): Promise<{ ms: number; outcome: Outcome }> {
  const body = JSON.stringify({ query: document, variables });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: access.authorization },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const ms = performance.now() - started;
          const text = Buffer.concat(chunks).toString();
          const outcome: Outcome = text.includes('"TOO_BUSY"') ? 'busy' : response.statusCode === 200 && !text.includes('"errors"') ? 'ok' : 'error';
          if (outcome === 'error') console.error(`  error (HTTP ${response.statusCode}): ${text.slice(0, 300)}`);
          resolve({ ms, outcome });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

interface LoadFigures {
  clients: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  busy: number;
  errors: number;
}

/** `clients` clients, each asking the next query of `mix` as soon as the last one answered, for `seconds`. */
async function load(port: number, mix: DashboardQuery[], clients: number, forSeconds: number): Promise<LoadFigures> {
  const okTimes: number[] = [];
  let busy = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + forSeconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let turn = client; performance.now() < deadline; turn++) {
        const query = mix[turn % mix.length]!;
        const { ms, outcome } = await ask(port, query.document, query.variables);
        if (outcome === 'ok') okTimes.push(ms);
        else if (outcome === 'busy') busy++;
        else errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    clients,
    requests: okTimes.length,
    perSecond: okTimes.length / elapsed,
    p50: percentile(okTimes, 50),
    p95: percentile(okTimes, 95),
    p99: percentile(okTimes, 99),
    busy,
    errors,
  };
}

async function sequential(port: number, document: string, variables: Record<string, unknown>, samples: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) times.push((await ask(port, document, variables)).ms);
  return times;
}

interface ModeFigures {
  mode: string;
  empty: { p50: number; p95: number; p99: number };
  loads: LoadFigures[];
  /** The repeated questions alone, one client, after each was asked once. */
  repeated: { p50: number; p95: number };
  commune?: { alone: number; withSlow: number; slowAnswered: number; slowBusy: number };
  serverLog: string;
}

async function measure(mode: string, cacheBytes: string | undefined): Promise<ModeFigures> {
  const server = await startServer(cacheBytes);
  try {
    say(`${mode}: server on port ${server.port}`);
    for (const query of queries) await ask(server.port, query.document, query.variables);
    await sequential(server.port, '{ __typename }', {}, 50);
    const emptyTimes = await sequential(server.port, '{ __typename }', {}, 500);
    const empty = { p50: percentile(emptyTimes, 50), p95: percentile(emptyTimes, 95), p99: percentile(emptyTimes, 99) };
    say(`${mode}: empty signed request p50 ${empty.p50.toFixed(2)} ms, p99 ${empty.p99.toFixed(2)} ms`);
    const repeatedTimes: number[] = [];
    for (let round = 0; round < 10; round++) for (const query of queries) repeatedTimes.push((await ask(server.port, query.document, query.variables)).ms);
    const repeated = { p50: percentile(repeatedTimes, 50), p95: percentile(repeatedTimes, 95) };
    say(`${mode}: repeated questions p50 ${repeated.p50.toFixed(1)} ms, p95 ${repeated.p95.toFixed(1)} ms`);
    const loads: LoadFigures[] = [];
    for (const clients of [1, 8, 32]) {
      const figures = await load(server.port, queries, clients, seconds);
      loads.push(figures);
      say(
        `${mode}: ${clients} clients: ${figures.perSecond.toFixed(1)}/s, p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms` +
          (figures.busy ? `, ${figures.busy} TOO_BUSY` : '') +
          (figures.errors ? `, ${figures.errors} errors` : ''),
      );
    }
    let commune: ModeFigures['commune'];
    if (cacheBytes === '0') {
      const communeQuery = byKey('attendance-commune');
      const slowQuery = byKey('trend-month-province');
      await sequential(server.port, communeQuery.document, communeQuery.variables, 5);
      const alone = percentile(await sequential(server.port, communeQuery.document, communeQuery.variables, 30), 50);
      let running = true;
      let slowAnswered = 0;
      let slowBusy = 0;
      const slowClients = Array.from({ length: 8 }, async () => {
        while (running) {
          const { outcome } = await ask(server.port, slowQuery.document, slowQuery.variables);
          if (outcome === 'ok') slowAnswered++;
          else if (outcome === 'busy') slowBusy++;
        }
      });
      // Let the eight fill the slow lane first.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const withSlow = percentile(await sequential(server.port, communeQuery.document, communeQuery.variables, 30), 50);
      running = false;
      await Promise.all(slowClients);
      commune = { alone, withSlow, slowAnswered, slowBusy };
      say(`${mode}: commune query p50 alone ${alone.toFixed(1)} ms, with eight slow province queries ${withSlow.toFixed(1)} ms`);
    }
    return { mode, empty, loads, repeated, commune, serverLog: server.log.join('') };
  } finally {
    await stopServer(server);
  }
}

const machine = describeMachine();
const startedAt = new Date();
const off = await measure('cache off', '0');
const on = await measure('cache on', undefined);
agent.destroy();

// ───────────── Report ─────────────

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : '—');
const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
const eight = off.loads.find((l) => l.clients === 8)!;
const lanesLine = (off.serverLog.split('\n').find((line) => line.startsWith('Snapshot queries:')) ?? '').replace(/; no answer cache\.$/, '.');
const lines = [
  '# Serving path: cache and concurrency',
  '',
  `Written by \`npm run bench:serving\` (analytics/bench/serving-bench.ts) on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
  `Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; load ${machine.load.toFixed(1)} at the start.`,
  `Store: ${dataset.databaseName} (${facts.cells} cells, ${facts.members} members, ${facts.meetings} meetings), snapshot ${snapshot.id}.`,
  `Server: compiled JavaScript (\`node .build/src/server.js\`), NODE_ENV=production, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? '6'}. ${lanesLine}`,
  `Each load ran ${seconds} s; clients ask the ten dashboard queries of \`npm run bench\` in turn (without naming the snapshot), each the next as soon as its last was answered.`,
  'Percentiles are of the answered requests; requests refused with TOO_BUSY are counted apart.',
  '',
  '| | cache off | cache on |',
  '|---|---|---|',
  `| empty signed request p50 / p99 | ${ms(off.empty.p50)} / ${ms(off.empty.p99)} ms | ${ms(on.empty.p50)} / ${ms(on.empty.p99)} ms |`,
  `| repeated questions, one client, p50 / p95 | ${ms(off.repeated.p50)} / ${ms(off.repeated.p95)} ms | ${ms(on.repeated.p50)} / ${ms(on.repeated.p95)} ms |`,
  ...off.loads.map((l, i) => {
    const c = on.loads[i]!;
    const cell = (x: LoadFigures) =>
      `${x.perSecond.toFixed(1)}/s, p50 ${ms(x.p50)} ms, p99 ${ms(x.p99)} ms${x.busy ? `, ${x.busy} TOO_BUSY` : ''}${x.errors ? `, ${x.errors} errors` : ''}`;
    return `| mix, ${l.clients} client${l.clients > 1 ? 's' : ''} | ${cell(l)} | ${cell(c)} |`;
  }),
  '',
];
if (off.commune) {
  lines.push(
    `Commune query (\`attendance-commune\`, cache off) p50: ${ms(off.commune.alone)} ms alone, ${ms(off.commune.withSlow)} ms while eight clients ask the province's monthly trend ` +
      `(${(off.commune.withSlow / off.commune.alone).toFixed(2)}×; the eight got ${off.commune.slowAnswered} answers and ${off.commune.slowBusy} TOO_BUSY meanwhile).`,
    '',
  );
}
lines.push(
  '## Targets',
  '',
  `- Cache on, repeated questions p95 < 5 ms: ${verdict(on.repeated.p95 < 5)} (${ms(on.repeated.p95)} ms).`,
  `- Empty signed request < 3 ms (p50): ${verdict(on.empty.p50 < 3 && off.empty.p50 < 3)} (${ms(off.empty.p50)} / ${ms(on.empty.p50)} ms).`,
  `- 8 clients on the mix, cache off, ≥ 60 requests a second: ${verdict(eight.perSecond >= 60)} (${eight.perSecond.toFixed(1)}/s); p99 < 250 ms: ${verdict(eight.p99 < 250)} (${ms(eight.p99)} ms).`,
  off.commune
    ? `- Commune query p50 with eight slow province queries ≤ 2× alone: ${verdict(off.commune.withSlow <= 2 * off.commune.alone)} (${(off.commune.withSlow / off.commune.alone).toFixed(2)}×).`
    : '',
  '',
);
await writeFile(options.out, lines.join('\n'));
say(`wrote ${path.relative(process.cwd(), options.out)}`);
if (!existsSync(options.out)) process.exitCode = 1;
