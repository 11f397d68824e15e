// The province dashboard as its developers write it: operations typed by graphql-codegen's client
// preset, sent with graphql-request to a server listening on a port, the way a dashboard project
// outside this repository would. Its figures are checked against the store read whole.
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { whenBuilt } from '../src/features/snapshots/snapshots.service.js';
import { globalId, localId } from '../src/graphql/ids.js';
import { seedProvince } from '../src/seed/seed-province.js';
import { graphql } from './generated/index.js';
import { bearer } from './support/auth.js';
import { useFreshDatabase } from './support/database.js';
import { wholeStore } from './support/store.js';

const store = useFreshDatabase();
let server: Server;
let client: GraphQLClient;
let snapshotDir: string;
let provinceId: string;
let childIds: string[];
let childKinds: Map<string, string>;

const ProvinceSnapshot = graphql(`
  mutation DashboardSnapshot { snapshotCreate(input: { label: "Bảng điều khiển" }) { __typename ... on SnapshotCreateSuccess { data { id } } } }
`);

const ProvinceMeasures = graphql(`
  query DashboardMeasures($unitId: ID!, $year: Int!) {
    measures(unitId: $unitId, fromYear: $year, toYear: $year, measures: [CELLS, CELLS_EVERY_MONTH, CELLS_EVERY_MONTH_PERCENT], dimensions: [UNIT]) {
      unit { id name kind }
      rows {
        label
        unit { id name kind }
        values
        named { measure kind value count }
      }
      total { named { measure kind value count } }
    }
  }
`);

const CellComparison = graphql(`
  query DashboardComparison($unitIds: [ID!]!, $year: Int!) {
    unitComparison(unitIds: $unitIds, year: $year, measures: [CELLS, CELLS_EVERY_MONTH_PERCENT]) {
      year
      units { unit { id name kind } figures { measure label value rank rankedAmong } }
    }
  }
`);

const ProvinceTrend = graphql(`
  query DashboardTrend($unitId: ID!) {
    meetingTrend(unitId: $unitId, fromYear: 2024, toYear: 2025, period: QUARTER) {
      unit { name kind }
      points { year quarter meetings expected regularMonths cellMonths regularPercent }
    }
  }
`);

const CellList = graphql(`
  query DashboardCells($after: String) {
    units(first: 3, after: $after, filter: { kind: CELL }, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id name code kind } }
    }
  }
`);

beforeAll(async () => {
  snapshotDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-dashboard-'));
  process.env.CHIBO_SNAPSHOT_DIR = snapshotDir;
  await seedProvince(store.current(), { scale: 8, seed: 5 });
  server = createServer(createApp({ development: false }));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  client = new GraphQLClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, {
    headers: { authorization: await bearer(), 'accept-language': 'vi' },
  });
  const created = await client.request(ProvinceSnapshot);
  if (created.snapshotCreate.__typename !== 'SnapshotCreateSuccess') throw new Error(`no snapshot: ${created.snapshotCreate.__typename}`);
  await whenBuilt(localId(created.snapshotCreate.data.id, 'Snapshot', 'id'));
  const db = wholeStore();
  const province = await db.orgUnit.findFirstOrThrow({ where: { parentId: null } });
  provinceId = globalId('Unit', province.id);
  // Cells of one grassroots committee: the units its dashboard compares.
  const committee = await db.orgUnit.findFirstOrThrow({ where: { kind: 'GRASSROOTS', validTo: null }, orderBy: { id: 'asc' } });
  const children = await db.orgUnit.findMany({ where: { parentId: committee.id, kind: 'CELL', validTo: null }, orderBy: { id: 'asc' } });
  childIds = children.map((child) => globalId('Unit', child.id));
  childKinds = new Map(children.map((child) => [globalId('Unit', child.id), child.kind]));
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(snapshotDir, { recursive: true, force: true });
});

describe('the province dashboard, written against the schema alone', () => {
  it('reads measures by name: each value with its measure and kind, counts as whole numbers', async () => {
    const { measures } = await client.request(ProvinceMeasures, { unitId: provinceId, year: 2025 });
    expect(measures.unit.kind).toBe('PROVINCE');
    expect(measures.rows.length).toBeGreaterThan(0);
    for (const row of [...measures.rows, measures.total]) {
      expect(row.named.map((value) => value.measure)).toEqual(['CELLS', 'CELLS_EVERY_MONTH', 'CELLS_EVERY_MONTH_PERCENT']);
      for (const value of row.named) {
        if (value.kind === 'COUNT') {
          expect(Number.isInteger(value.count)).toBe(true);
          expect(value.count).toBe(value.value);
        } else {
          expect(value.count).toBeNull();
        }
      }
    }
    for (const row of measures.rows) expect(row.named.map((value) => value.value)).toEqual(row.values);
    // The oracle: the cells under each district today, counted in the store.
    const db = wholeStore();
    for (const row of measures.rows) {
      const unit = await db.orgUnit.findUniqueOrThrow({ where: { id: localId(row.unit!.id, 'Unit', 'id') } });
      const cells = await db.orgUnit.count({
        where: { kind: 'CELL', path: { startsWith: unit.path }, validFrom: { lte: new Date('2025-12-31') }, OR: [{ validTo: null }, { validTo: { gte: new Date('2025-12-31') } }] },
      });
      expect(row.named.find((value) => value.measure === 'CELLS')?.count, row.label).toBe(cells);
    }
  });

  it('compares the cells of a committee side by side, ranked within it', async () => {
    expect(childIds.length).toBeGreaterThan(1);
    const { unitComparison } = await client.request(CellComparison, { unitIds: childIds.slice(0, 20), year: 2025 });
    expect(unitComparison.units.map((compared) => compared.unit.id).sort()).toEqual([...childIds.slice(0, 20)].sort());
    for (const compared of unitComparison.units) {
      expect(compared.unit.kind).toBe(childKinds.get(compared.unit.id));
      expect(compared.figures.map((figure) => figure.measure)).toEqual(['CELLS', 'CELLS_EVERY_MONTH_PERCENT']);
      const cells = compared.figures[0]!;
      expect(cells.rank).toBeGreaterThanOrEqual(1);
      expect(cells.rank).toBeLessThanOrEqual(cells.rankedAmong ?? 0);
    }
  });

  it('draws the meeting trend quarter by quarter, in time order', async () => {
    const { meetingTrend } = await client.request(ProvinceTrend, { unitId: provinceId });
    expect(meetingTrend.unit.kind).toBe('PROVINCE');
    expect(meetingTrend.points.map((point) => `${point.year}Q${point.quarter}`)).toEqual(
      [2024, 2025].flatMap((year) => [1, 2, 3, 4].map((quarter) => `${year}Q${quarter}`)),
    );
    for (const point of meetingTrend.points) {
      expect(point.regularMonths).toBeLessThanOrEqual(point.cellMonths);
      if (point.cellMonths > 0) expect(point.regularPercent).toBeCloseTo((100 * point.regularMonths) / point.cellMonths, 1);
    }
  });

  it('lists the cells page by page in Vietnamese name order', async () => {
    const names: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const { units }: { units: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor?: string | null }; edges: { node: { name: string; kind: string } }[] } } =
        await client.request(CellList, { after });
      total = units.totalCount;
      names.push(...units.edges.map((edge) => edge.node.name));
      expect(units.edges.every((edge) => edge.node.kind === 'CELL')).toBe(true);
      if (!units.pageInfo.hasNextPage) break;
      after = units.pageInfo.endCursor ?? null;
    }
    expect(names).toHaveLength(total);
    expect(total).toBeGreaterThan(3);
    expect(total).toBe(await wholeStore().orgUnit.count({ where: { kind: 'CELL', validTo: null } }));
    expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
  });
});
