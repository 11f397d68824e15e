// The serving path around the analytics: answers cached by snapshot, and the query lanes.
// Each answer of the cached app is checked against the same request to an app without a cache.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { configureQueryLanes, queryLaneConfig, runInLane } from '../src/analytics/query-lanes.js';
import { withSnapshotConnection } from '../src/analytics/snapshot-readers.js';
import { unitSizes } from '../src/analytics/unit-sizes.js';
import { createApp } from '../src/app.js';
import { snapshotFile } from '../src/features/snapshots/snapshots.service.js';
import { globalId, localId } from '../src/graphql/ids.js';
import { inMemoryResultStore } from '../src/http/result-store.js';
import { seedProvince } from '../src/seed/seed-province.js';
import { graphql } from './generated/index.js';
import { userWith, bearer } from './support/auth.js';
import { useFreshDatabase } from './support/database.js';
import { deleteSnapshotById, publishSnapshot } from './support/snapshots.js';
import { wholeStore } from './support/store.js';

const store = useFreshDatabase();
let snapshotDir: string;
let rootId: number;
let communeId: number;



beforeAll(async () => {
  snapshotDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-serving-'));
  process.env.CHIBO_SNAPSHOT_DIR = snapshotDir;
  await seedProvince(store.current(), { scale: 8, seed: 5 });
  const root = await wholeStore().orgUnit.findFirstOrThrow({ where: { parentId: null } });
  rootId = root.id;
  const commune = await wholeStore().orgUnit.findFirstOrThrow({ where: { parentId: root.id, kind: 'GRASSROOTS', validTo: null }, orderBy: { id: 'asc' } });
  communeId = commune.id;
  await publishSnapshot('Lần 1');
});
afterAll(async () => {
  await rm(snapshotDir, { recursive: true, force: true });
});

const Regularity = graphql(`
  query ServingRegularity($unitId: ID!, $year: Int!, $snapshot: ID) {
    meetingRegularity(unitId: $unitId, year: $year, snapshot: $snapshot) {
      snapshot { id }
      total { unit { name } cells cellMonths regularPercent }
      children { unit { id name } cells regularMonths }
    }
  }
`);

const Trend = graphql(`
  query ServingTrend($unitId: ID!) {
    meetingTrend(unitId: $unitId, fromYear: 2024, toYear: 2025, period: QUARTER) { unit { name } points { year quarter meetings } }
  }
`);

const WithStore = graphql(`
  query ServingWithStore($unitId: ID!) {
    roots { name }
    meetingRegularity(unitId: $unitId, year: 2025) { total { cells } }
  }
`);

const StoreOnly = graphql(`query ServingStoreOnly { units(first: 1) { totalCount } }`);

type App = ReturnType<typeof createApp>;

/** The bytes of an answer, as a client receives them. */
async function ask<Result, Variables>(app: App, authorization: string, document: TypedDocumentNode<Result, Variables>, variables: Variables) {
  const response = await app.fetch('http://chibo.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

const unit = (id: number) => globalId('Unit', id);

describe('answers cached by snapshot', () => {
  const uncached = createApp({ development: true, resultStore: null });

  it('answers the same bytes as an uncached request, from the cache the second time', async () => {
    const results = inMemoryResultStore(1 << 20);
    const app = createApp({ development: true, resultStore: results });
    const admin = await bearer();
    const variables = { unitId: unit(rootId), year: 2025, snapshot: null };
    const first = await ask(app, admin, Regularity, variables);
    expect(results.usage().entries).toBe(1);
    const second = await ask(app, admin, Regularity, variables);
    const plain = await ask(uncached, admin, Regularity, variables);
    expect(JSON.parse(plain.text).errors).toBeUndefined();
    expect(second).toEqual(plain);
    expect(first).toEqual(plain);
    // The same operation with its variables in another order is the same question.
    const reordered = await app.fetch('http://chibo.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: admin },
      body: JSON.stringify({ variables: { snapshot: null, year: 2025, unitId: unit(rootId) }, query: print(Regularity) }),
    });
    expect(await reordered.text()).toBe(plain.text);
    expect(reordered.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(results.usage().entries).toBe(1);
  });

  it('never shares an answer between viewers of different scopes or roles', async () => {
    const results = inMemoryResultStore(1 << 20);
    const app = createApp({ development: true, resultStore: results });
    const viewers = [
      await bearer(),
      await userWith('ADMIN', rootId),
      await userWith('VIEWER', rootId),
      await userWith('LEADER', communeId),
      await userWith('VIEWER', communeId),
    ];
    const variables = { unitId: unit(communeId), year: 2025, snapshot: null };
    for (const viewer of viewers) {
      const cached = await ask(app, viewer, Regularity, variables);
      expect(cached).toEqual(await ask(uncached, viewer, Regularity, variables));
    }
    expect(results.usage().entries).toBe(viewers.length);
    // A viewer of the commune asking about the province gets "no such unit", never the province's
    // figures another viewer had cached; and the refusal itself is not kept.
    const outside = { unitId: unit(rootId), year: 2025, snapshot: null };
    await ask(app, viewers[0]!, Regularity, outside);
    const refused = JSON.parse((await ask(app, viewers[3]!, Regularity, outside)).text);
    expect(refused.data?.meetingRegularity ?? null).toBeNull();
    expect(refused.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(results.usage().entries).toBe(viewers.length + 1);
  });

  it('never caches an operation that reads the transactional store', async () => {
    const results = inMemoryResultStore(1 << 20);
    const app = createApp({ development: true, resultStore: results });
    const admin = await bearer();
    const before = JSON.parse((await ask(app, admin, WithStore, { unitId: unit(rootId) })).text);
    await ask(app, admin, StoreOnly, {} as Record<string, never>);
    expect(results.usage().entries).toBe(0);
    // A change of the store shows at once, snapshot or not.
    const root = await wholeStore().orgUnit.findUniqueOrThrow({ where: { id: rootId } });
    await wholeStore().orgUnit.update({ where: { id: rootId }, data: { name: `${root.name} (mới)` } });
    try {
      const after = JSON.parse((await ask(app, admin, WithStore, { unitId: unit(rootId) })).text);
      expect(after.data.roots[0].name).toBe(`${root.name} (mới)`);
      expect(after.data.meetingRegularity).toEqual(before.data.meetingRegularity);
      expect(results.usage().entries).toBe(0);
    } finally {
      await wholeStore().orgUnit.update({ where: { id: rootId }, data: { name: root.name } });
    }
  });

  it('reads a newer snapshot under a new key once it is published, and drops a deleted snapshot’s answers', async () => {
    const results = inMemoryResultStore(1 << 20);
    const app = createApp({ development: true, resultStore: results });
    const admin = await bearer();
    const latest = { unitId: unit(rootId), year: 2025, snapshot: null };
    const older = JSON.parse((await ask(app, admin, Regularity, latest)).text);
    const olderId: string = older.data.meetingRegularity.snapshot.id;

    // The store changes: a commune's name, which the next snapshot holds.
    const commune = await wholeStore().orgUnit.findUniqueOrThrow({ where: { id: communeId } });
    await wholeStore().orgUnit.update({ where: { id: communeId }, data: { name: `${commune.name} (đổi tên)` } });
    let newerId: number;
    try {
      newerId = await publishSnapshot('Lần 2');
    } finally {
      await wholeStore().orgUnit.update({ where: { id: communeId }, data: { name: commune.name } });
    }
    // The question asked of the older snapshot is asked again of the newer one (warming).
    await vi.waitFor(() => expect(results.usage().entries).toBe(2), { timeout: 30_000, interval: 50 });
    const newer = await ask(app, admin, Regularity, latest);
    expect(newer).toEqual(await ask(uncached, admin, Regularity, latest));
    const answer = JSON.parse(newer.text).data.meetingRegularity;
    expect(answer.snapshot.id).toBe(globalId('Snapshot', newerId));
    const names = (table: { children: { unit: { name: string } }[] }) => table.children.map((c) => c.unit.name);
    expect(names(answer)).not.toEqual(names(older.data.meetingRegularity));
    expect(answer.children.find((c: { unit: { id: string } }) => c.unit.id === unit(communeId)).unit.name).toBe(`${commune.name} (đổi tên)`);
    // The older snapshot, named, still answers as it did.
    const named = JSON.parse((await ask(app, admin, Regularity, { ...latest, snapshot: olderId })).text);
    expect(named.data.meetingRegularity).toEqual(older.data.meetingRegularity);
    expect(results.usage().entries).toBe(3);

    // Both answers read from the older snapshot go with it; the newer one's stays.
    await deleteSnapshotById(localId(olderId, 'Snapshot', 'id'));
    expect(results.usage().entries).toBe(1);
    const gone = JSON.parse((await ask(app, admin, Regularity, { ...latest, snapshot: olderId })).text);
    expect(gone.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(results.usage().entries).toBe(1);
  });

  it('warms a new snapshot with the questions asked of the previous one about the top units', async () => {
    const results = inMemoryResultStore(1 << 20);
    const app = createApp({ development: true, resultStore: results });
    const viewer = await userWith('VIEWER', rootId);
    // About the province and a commune directly under it: asked again of the next snapshot.
    await ask(app, viewer, Regularity, { unitId: unit(rootId), year: 2025, snapshot: null });
    await ask(app, viewer, Trend, { unitId: unit(communeId) });
    // About a cell deep down: not.
    const cell = await wholeStore().orgUnit.findFirstOrThrow({ where: { kind: 'CELL', path: { startsWith: `/${rootId}/${communeId}/` } } });
    await ask(app, viewer, Trend, { unitId: unit(cell.id) });
    expect(results.usage().entries).toBe(3);
    const newest = await publishSnapshot('Lần 3');
    await vi.waitFor(() => expect(results.usage().entries).toBe(5), { timeout: 30_000, interval: 50 });
    // Answered from the warmed entries: nothing new is added, and the bytes are a fresh request's.
    const warmed = await ask(app, viewer, Regularity, { unitId: unit(rootId), year: 2025, snapshot: null });
    expect(JSON.parse(warmed.text).data.meetingRegularity.snapshot.id).toBe(globalId('Snapshot', newest));
    expect(warmed).toEqual(await ask(uncached, viewer, Regularity, { unitId: unit(rootId), year: 2025, snapshot: null }));
    await ask(app, viewer, Trend, { unitId: unit(communeId) });
    expect(results.usage().entries).toBe(5);
  });

  it('keeps within its memory budget, the least recently used answers leaving first', async () => {
    const admin = await bearer();
    const size = (await ask(uncached, admin, Regularity, { unitId: unit(rootId), year: 2024, snapshot: null })).text.length;
    const results = inMemoryResultStore(size * 2 + 1000);
    const app = createApp({ development: true, resultStore: results });
    for (const year of [2022, 2023, 2024, 2025]) await ask(app, admin, Regularity, { unitId: unit(rootId), year, snapshot: null });
    expect(results.usage().entries).toBeLessThan(4);
    expect(results.usage().bytes).toBeLessThanOrEqual(size * 2 + 1000);
  });
});

describe('query lanes', () => {
  const saved = queryLaneConfig();
  afterEach(() => configureQueryLanes(saved));

  it('refuses a slow request with TOO_BUSY while its lane is full, and still answers a cheap one', async () => {
    const app = createApp({ development: true, resultStore: null });
    const admin = await bearer();
    const [snapshot] = await wholeStore().snapshot.findMany({ where: { status: 'READY' }, orderBy: { id: 'desc' }, take: 1 });
    const sizes = await unitSizes(snapshotFile(snapshot!.id));
    const provinceCells = sizes.get(rootId)!.cells;
    const cell = await wholeStore().orgUnit.findFirstOrThrow({ where: { kind: 'CELL', path: { startsWith: `/${rootId}/` } } });
    expect(sizes.get(cell.id)!.cells).toBeLessThan(provinceCells);
    // The province is slow, a cell cheap; one slow query at a time and none waiting.
    configureQueryLanes({ ...saved, slowQueryCells: provinceCells, slowQueries: 1, slowQueue: 0 });

    // A province report holds the slow lane until the test lets it go.
    let letGo!: () => void;
    const holding = new Promise<void>((resolve) => (letGo = resolve));
    let started!: () => void;
    const isRunning = new Promise<void>((resolve) => (started = resolve));
    const running = runInLane('slow', () =>
      withSnapshotConnection(snapshotFile(snapshot!.id), async () => {
        started();
        await holding;
      }),
    );
    await isRunning;
    try {
      const refused = await ask(app, admin, Trend, { unitId: unit(rootId) });
      expect(refused.status).toBe(503);
      const body = JSON.parse(refused.text);
      expect(body.errors[0].extensions.code).toBe('TOO_BUSY');
      expect(body.errors[0].message).toMatch(/busy with other large reports.*Try again in a few seconds/);
      const cheap = await ask(app, admin, Trend, { unitId: unit(cell.id) });
      expect(cheap.status).toBe(200);
      expect(JSON.parse(cheap.text).data.meetingTrend.points.length).toBeGreaterThan(0);
    } finally {
      letGo();
      await running;
    }
    // The lane free again, the province answers.
    const answered = await ask(app, admin, Trend, { unitId: unit(rootId) });
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.text).errors).toBeUndefined();
  });
});
