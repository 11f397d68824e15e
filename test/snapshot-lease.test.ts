// The lease of a snapshot build: a BUILDING snapshot whose lease has run out belongs to a build
// that died with its process, and no longer blocks a new one; a live lease still does.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, wholeStore } from './support/store.js';
import { globalId } from '../src/graphql/ids.js';
import { seedProvince } from '../src/seed/seed-province.js';
import {
  createSnapshot,
  recoverInterruptedSnapshots,
  snapshotFile,
  whenBuilt,
} from '../src/features/snapshots/snapshots.service.js';
import { graphql } from './generated/index.js';
import { run } from './support/client.js';
import { storeName, useFreshDatabase } from './support/database.js';

const store = useFreshDatabase();
let snapshotDir: string;

beforeAll(async () => {
  snapshotDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-lease-'));
  process.env.CHIBO_SNAPSHOT_DIR = snapshotDir;
  await seedProvince(store.current(), { scale: 2, seed: 5 });
});
afterAll(async () => {
  await rm(snapshotDir, { recursive: true, force: true });
});

const CreateSnapshotAfterLease = graphql(`
  mutation CreateSnapshotAfterLease($input: SnapshotCreateInput!) {
    snapshotCreate(input: $input) {
      __typename
      ... on SnapshotCreateSuccess { data { id status } }
      ... on ConflictError { field message }
    }
  }
`);

const exists = (file: string) => stat(file).then(() => true, () => false);
const MINUTE = 60_000;

/** A BUILDING row as a build in another process leaves it: its lease ends `leaseFromNow` ms from now (negative: it has run out). */
async function buildingElsewhere(label: string, leaseFromNow: number) {
  const row = await wholeStore().snapshot.create({
    data: { label, asOf: new Date(), status: 'BUILDING', phase: 'copy Meeting', leaseUntil: new Date(Date.now() + leaseFromNow) },
  });
  // Its half-written file, as DuckDB leaves it.
  await writeFile(`${snapshotFile(row.id)}.building`, 'half a DuckDB file');
  await writeFile(`${snapshotFile(row.id)}.building.wal`, 'its log');
  return row;
}

/** Ends a row that tests left BUILDING, so the next test may build. */
async function settle(id: number) {
  await wholeStore().snapshot.updateMany({ where: { id, status: 'BUILDING' }, data: { status: 'FAILED', error: 'ended by the test' } });
}

describe(`snapshot build lease (${storeName} store)`, () => {
  it('marks a BUILDING snapshot whose lease has run out FAILED (interrupted) at the next snapshotCreate, removes its half-written file, and builds', async () => {
    const dead = await buildingElsewhere('Chết giữa chừng', -MINUTE);
    const { snapshotCreate } = await run(CreateSnapshotAfterLease, { input: { label: 'Sau bản chết' } });
    expect(snapshotCreate.__typename).toBe('SnapshotCreateSuccess');

    const marked = await wholeStore().snapshot.findUniqueOrThrow({ where: { id: dead.id } });
    expect(marked).toMatchObject({ status: 'FAILED', phase: 'failed' });
    expect(marked.error).toMatch(/^interrupted: /);
    expect(marked.finishedAt).not.toBeNull();
    expect(await exists(`${snapshotFile(dead.id)}.building`)).toBe(false);
    expect(await exists(`${snapshotFile(dead.id)}.building.wal`)).toBe(false);

    if (snapshotCreate.__typename !== 'SnapshotCreateSuccess') throw new Error('no build');
    const id = (await wholeStore().snapshot.findFirstOrThrow({ where: { label: 'Sau bản chết' } })).id;
    expect(snapshotCreate.data.id).toBe(globalId('Snapshot', id));
    await whenBuilt(id);
    expect(await wholeStore().snapshot.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'READY' });
  });

  it('refuses a new build while another process’s build holds a live lease, and leaves that build alone', async () => {
    const live = await buildingElsewhere('Đang chạy nơi khác', 10 * MINUTE);
    try {
      const { snapshotCreate } = await run(CreateSnapshotAfterLease, { input: { label: 'Chen ngang' } });
      expect(snapshotCreate).toMatchObject({ __typename: 'ConflictError', field: 'input.label' });
      if (snapshotCreate.__typename !== 'ConflictError') throw new Error('not refused');
      expect(snapshotCreate.message).toContain(`snapshot ${live.id} ("Đang chạy nơi khác") is being built (copy Meeting); one build runs at a time`);
      expect(await wholeStore().snapshot.findUniqueOrThrow({ where: { id: live.id } })).toMatchObject({ status: 'BUILDING', error: null });
      expect(await exists(`${snapshotFile(live.id)}.building`)).toBe(true);
      expect(await wholeStore().snapshot.count({ where: { label: 'Chen ngang' } })).toBe(0);
    } finally {
      await settle(live.id);
    }
  });

  it('holds a lease on its own build while it runs, so a second request is refused until it ends', async () => {
    const building = await createSnapshot({ ctx: systemContext(), input: { label: 'Đang dựng' }, query: {} });
    const row = await wholeStore().snapshot.findUniqueOrThrow({ where: { id: building.id } });
    expect(row.leaseUntil).not.toBeNull();
    const { snapshotCreate } = await run(CreateSnapshotAfterLease, { input: { label: 'Thứ hai' } });
    expect(snapshotCreate.__typename).toBe('ConflictError');
    await whenBuilt(building.id);
    expect(await wholeStore().snapshot.findUniqueOrThrow({ where: { id: building.id } })).toMatchObject({ status: 'READY' });
  });

  it('does not publish a build another process has taken for dead: it keeps that FAILED and leaves no file', async () => {
    const building = await createSnapshot({ ctx: systemContext(), input: { label: 'Bị coi là chết' }, query: {} });
    // What a snapshotCreate elsewhere does once it finds the lease run out.
    await wholeStore().snapshot.update({ where: { id: building.id }, data: { status: 'FAILED', error: 'interrupted: taken for dead elsewhere' } });
    await whenBuilt(building.id);
    expect(await wholeStore().snapshot.findUniqueOrThrow({ where: { id: building.id } })).toMatchObject({
      status: 'FAILED',
      error: 'interrupted: taken for dead elsewhere',
    });
    expect(await exists(snapshotFile(building.id))).toBe(false);
    expect(await exists(`${snapshotFile(building.id)}.building`)).toBe(false);
  });

  it(
    storeName === 'embedded'
      ? 'at start-up marks every BUILDING snapshot FAILED: on the embedded store its builder is certainly dead'
      : 'at start-up marks FAILED the BUILDING snapshots whose lease has run out, and leaves live leases to their builders',
    async () => {
      const expired = await buildingElsewhere('Hết hạn', -MINUTE);
      const live = await buildingElsewhere('Còn hạn', 10 * MINUTE);
      try {
        const recovered = await recoverInterruptedSnapshots();
        const states = await wholeStore().snapshot.findMany({ where: { id: { in: [expired.id, live.id] } }, orderBy: { id: 'asc' } });
        expect(states[0]).toMatchObject({ status: 'FAILED' });
        expect(states[0]!.error).toMatch(/^interrupted: /);
        expect(await exists(`${snapshotFile(expired.id)}.building`)).toBe(false);
        if (storeName === 'embedded') {
          expect(recovered).toEqual([expired.id, live.id]);
          expect(states[1]).toMatchObject({ status: 'FAILED' });
          expect(states[1]!.error).toMatch(/^interrupted: /);
          expect(await exists(`${snapshotFile(live.id)}.building`)).toBe(false);
        } else {
          expect(recovered).toEqual([expired.id]);
          expect(states[1]).toMatchObject({ status: 'BUILDING', error: null });
          expect(await exists(`${snapshotFile(live.id)}.building`)).toBe(true);
        }
      } finally {
        await settle(live.id);
      }
    },
  );
});
