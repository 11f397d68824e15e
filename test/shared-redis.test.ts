// Servers of one deployment sharing a Redis: a client's request budget is one whichever server it
// reaches, an answer one server cached is served by the other, a deleted snapshot's answers leave
// Redis, and a Redis that does not answer leaves every request served from the process's memory.
// Two apps in this process stand for two servers: each has its own memory, only Redis is shared.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { print } from 'graphql';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { loadHardeningConfig, type RateLimit } from '../src/config.js';
import { globalId } from '../src/graphql/ids.js';
import { inMemoryResultStore, sharedResultStore } from '../src/http/result-store.js';
import { openSharedRedis, type SharedRedis } from '../src/http/shared-redis.js';
import { seedProvince } from '../src/seed/seed-province.js';
import { graphql } from './generated/index.js';
import { bearer } from './support/auth.js';
import { useFreshDatabase } from './support/database.js';
import { deleteSnapshotById, publishSnapshot } from './support/snapshots.js';
import { wholeStore } from './support/store.js';
import { REDIS_URL, redisAnswers } from './support/redis.js';

const redisPresent = await redisAnswers(REDIS_URL);
if (!redisPresent && process.env.CI !== 'true') {
  console.warn(`The shared-Redis tests are skipped: no Redis answers at ${REDIS_URL} (set TEST_REDIS_URL, or start redis-server).`);
}

const Regularity = graphql(`
  query SharedRedisRegularity($unitId: ID!, $snapshot: ID) {
    meetingRegularity(unitId: $unitId, year: 2025, snapshot: $snapshot) { total { cells cellMonths regularPercent } }
  }
`);

type App = ReturnType<typeof createApp>;


describe.skipIf(!redisPresent && process.env.CI !== 'true')(`servers sharing the Redis at ${REDIS_URL}`, () => {
  const store = useFreshDatabase();
  // This file's keys only: other work may share the machine's Redis.
  const prefix = `chibo-test:${process.pid}:${Date.now()}:`;
  const opened: SharedRedis[] = [];
  let admin: Redis;
  let snapshotDir: string;
  let rootId: number;
  let firstSnapshot: number;

  /** A link to the shared Redis, ready before it is used (a link still connecting counts in memory). */
  async function sharedRedis(url = REDIS_URL): Promise<SharedRedis> {
    const redis = openSharedRedis(url, prefix);
    opened.push(redis);
    if (url === REDIS_URL && redis.client.status !== 'ready') await new Promise((ready) => redis.client.once('ready', ready));
    return redis;
  }

  /** A production server of the deployment: its own memory, the Redis given. */
  function server(redis: SharedRedis, rateLimit?: RateLimit): App {
    const resultStore = sharedResultStore(redis, inMemoryResultStore(16 * 2 ** 20), 3600);
    return createApp({ development: false, sharedRedis: redis, resultStore, hardening: { ...loadHardeningConfig({}, false), rateLimit } });
  }

  async function ask(app: App, body: unknown, peer = '203.0.113.9'): Promise<Response> {
    return app.fetch(
      'http://chibo.test/graphql',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: await bearer() },
        body: JSON.stringify(body),
      },
      { req: { socket: { remoteAddress: peer } } },
    );
  }

  const regularity = (snapshot: number | null) => ({
    query: print(Regularity),
    variables: { unitId: globalId('Unit', rootId), snapshot: snapshot === null ? null : globalId('Snapshot', snapshot) },
  });

  async function keysOf(kind: string): Promise<string[]> {
    return admin.keys(`${prefix}${kind}*`);
  }

  beforeAll(async () => {
    admin = new Redis(REDIS_URL);
    snapshotDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-shared-redis-'));
    process.env.CHIBO_SNAPSHOT_DIR = snapshotDir;
    await seedProvince(store.current(), { scale: 4, seed: 11 });
    rootId = (await wholeStore().orgUnit.findFirstOrThrow({ where: { parentId: null } })).id;
    firstSnapshot = await publishSnapshot('Lần 1');
  });
  afterAll(async () => {
    for (const redis of opened) await redis.close();
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    admin.disconnect();
    await rm(snapshotDir, { recursive: true, force: true });
  });

  it("counts a client's requests once across the servers", async () => {
    const limit = { requests: 4, windowSeconds: 60 };
    const [a, b] = [server(await sharedRedis(), limit), server(await sharedRedis(), limit)];
    const query = { query: '{ roots { id } }' };
    const statuses: number[] = [];
    for (const app of [a, a, b, a, b, b]) statuses.push((await ask(app, query, '198.51.100.4')).status);
    // Four in all, not four a server.
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    // Another client has its own budget on either server.
    expect((await ask(b, query, '198.51.100.5')).status).toBe(200);
    expect(await keysOf('requests')).toHaveLength(2);
  });

  it('serves from one server an answer the other cached, from Redis', async () => {
    const [a, b] = [server(await sharedRedis()), server(await sharedRedis())];
    const fromA = await ask(a, regularity(firstSnapshot));
    expect(fromA.status).toBe(200);
    const answer = (await fromA.json()) as { data: { meetingRegularity: { total: { cells: number } } } };
    expect(answer.data.meetingRegularity.total.cells).toBeGreaterThan(0);
    const [key] = await keysOf('answer:');
    expect(key).toBeDefined();
    // B has computed nothing: what it sends is what Redis holds, so a marked entry shows where it came from.
    const marked = { data: { meetingRegularity: { total: { cells: -1, cellMonths: -1, regularPercent: -1 } } } };
    await admin.set(key as string, JSON.stringify(marked), 'KEEPTTL');
    expect(await (await ask(b, regularity(firstSnapshot))).json()).toEqual(marked);
    // And A, which kept its own answer in memory, asks Redis nothing.
    expect(await (await ask(a, regularity(firstSnapshot))).json()).toEqual(answer);
  });

  it("drops a deleted snapshot's answers from Redis", async () => {
    const a = server(await sharedRedis());
    const second = await publishSnapshot('Lần 2');
    expect((await ask(a, regularity(second))).status).toBe(200);
    const before = await keysOf('answer:');
    const indexed = await admin.smembers(`${prefix}snapshot-answers:${second}`);
    expect(indexed).toHaveLength(1);
    await deleteSnapshotById(second);
    // The deletion reaches Redis from the server's event, a moment after the mutation answers.
    await expect.poll(async () => admin.exists(`${prefix}snapshot-answers:${second}`)).toBe(0);
    const after = await keysOf('answer:');
    expect(after).toEqual(before.filter((key) => key !== indexed[0]));
  });

  it('goes on answering, with budgets in memory, while Redis does not answer', async () => {
    // Port 1: nothing listens there.
    const down = await sharedRedis('redis://127.0.0.1:1');
    const app = server(down, { requests: 3, windowSeconds: 60 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await ask(app, { query: '{ roots { id } }' }, '192.0.2.44')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const answered = await ask(app, regularity(firstSnapshot), '192.0.2.45');
    expect(answered.status).toBe(200);
    const body = (await answered.json()) as { errors?: unknown; data: { meetingRegularity: { total: { cells: number } } } };
    expect(body.errors).toBeUndefined();
    expect(body.data.meetingRegularity.total.cells).toBeGreaterThan(0);
  });
});
