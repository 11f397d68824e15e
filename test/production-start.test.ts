// `npm start` as a deployment runs it: compiled JavaScript (npm run build writes .build/), not
// TypeScript through a loader, in production mode, with libuv's pool sized for the query lanes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSigningKeys } from '../src/auth/signing-keys.js';
import { mintToken } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config.js';
import { DEMO_ADMIN_EMAIL } from '../src/seed/demo.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-production-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Ends npm and the server it started (its own process group). */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid!, 'SIGTERM');
  return exited;
}

describe('npm start', () => {
  it('builds and runs the compiled JavaScript in production mode, which answers', { timeout: 300_000 }, async () => {
    const child = spawn('npm', ['start'], {
      cwd: root,
      env: { ...process.env, CHIBO_DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '', NODE_ENV: 'production', UV_THREADPOOL_SIZE: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const output: string[] = [];
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`npm start did not serve:\n${output.join('')}`)), 280_000);
        const onData = (chunk: Buffer) => {
          output.push(chunk.toString());
          const match = /serving GraphQL at (http:\/\/localhost:\d+\/graphql)/.exec(output.join(''));
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', onData);
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`npm start exited with ${code}:\n${output.join('')}`));
        });
      });
      const token = await mintToken(await loadSigningKeys(loadConfig()), loadConfig(), DEMO_ADMIN_EMAIL, 1);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ roots { name kind } }' }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data?: { roots: { kind: string }[] }; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      expect(body.data?.roots[0]?.kind).toBe('PROVINCE');
      // Production mode: introspection is refused.
      const introspection = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
      });
      expect(((await introspection.json()) as { errors?: unknown[] }).errors?.length).toBeGreaterThan(0);

      // The process serving is Node on the compiled file, without a TypeScript loader, and its
      // libuv pool was sized at start (the server names the size it runs with).
      const lock = JSON.parse(await readFile(path.join(dataDir, 'chibo.lock'), 'utf8')) as { pid: number };
      const commandLine = (await readFile(`/proc/${lock.pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
      expect(commandLine.slice(1)).toEqual(['.build/src/server.js']);
      const environment = (await readFile(`/proc/${lock.pid}/environ`, 'utf8')).split('\0');
      expect(environment).toContain('UV_THREADPOOL_SIZE=6');
      expect(output.join('')).toMatch(/Snapshot queries: 1 slow and 3 fast at once, 6 threads in libuv's pool/);
    } finally {
      await stop(child);
    }
  });
});
