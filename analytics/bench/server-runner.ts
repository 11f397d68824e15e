// The real server (src/server.ts) in a child process on a free port, asked over HTTP as a
// dashboard asks it: POST /graphql with a JSON body.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { exited, startTypeScript } from './processes.js';

const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;

export interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: unknown[] }[];
}

export interface RunningServer {
  endpoint: string;
  /** Posts one operation; rejects on an HTTP error or a GraphQL error. */
  graphql(query: string, variables?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** The most memory the server process has held so far (Linux), or null. */
  peakRssBytes(): Promise<number | null>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startServer(options: {
  databaseUrl: string;
  snapshotDir: string;
  /** More settings for the server (how it verifies tokens). */
  env: Record<string, string>;
  /** The Authorization header every request carries. */
  authorization: string;
}): Promise<RunningServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = startTypeScript(
    'src/server.ts',
    [],
    // Production mode, as a deployment runs it (development adds error details to answers),
    // without the per-client request budget: the bench asks hundreds of times a minute from
    // one address, and measures the figures, not the rate limiter. The answer cache is off: a
    // repeated question would otherwise time the cache, not the figures (bench:serving times both).
    {
      DATABASE_URL: options.databaseUrl,
      CHIBO_SNAPSHOT_DIR: options.snapshotDir,
      PORT: String(port),
      NODE_ENV: 'production',
      CHIBO_RATE_LIMIT: '0',
      CHIBO_RESULT_CACHE_BYTES: '0',
      ...options.env,
    },
    ['ignore', 'pipe', 'pipe'],
  );
  let log = '';
  const keep = (chunk: string) => (log = (log + chunk).slice(-20_000));
  child.stdout?.setEncoding('utf8').on('data', keep);
  child.stderr?.setEncoding('utf8').on('data', keep);
  const end = exited(child);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} while starting:\n${log}`);
    const healthy = await fetch(`${base}/health`).then((response) => response.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /health within ${START_TIMEOUT_MS / 1000} s:\n${log}`);
    }
    await sleep(250);
  }

  const endpoint = `${base}/graphql`;
  return {
    endpoint,
    async graphql(query, variables = {}) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: options.authorization },
        body: JSON.stringify({ query, variables }),
      });
      const answer = (await response.json()) as GraphQLAnswer;
      if (answer.errors?.length || !answer.data) {
        throw new Error(`GraphQL error (HTTP ${response.status}): ${answer.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
      }
      return answer.data;
    },
    async peakRssBytes() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
      const kilobytes = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
      return kilobytes ? Number(kilobytes) * 1024 : null;
    },
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const stopped = await Promise.race([end.then(() => true, () => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
      if (!stopped) child.kill('SIGKILL');
    },
  };
}
