// The cap on EXCELLENT members under both readings of "không vượt quá 20% số được xếp loại
// 'Hoàn thành tốt nhiệm vụ'", at its boundaries, on the store (excellentCapBreaches) and on a
// snapshot (excellentCapReport) alike: both name the reading they applied. The expected flags
// are worked out here from the counts, not read from the server.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wholeStore } from './support/store.js';
import { whenBuilt } from '../src/features/snapshots/snapshots.service.js';
import { localId } from '../src/graphql/ids.js';
import type { ExcellentCapBase } from './generated/graphql.js';
import { graphql } from './generated/index.js';
import { run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { createUnit } from './support/factories.js';
import { createMembers } from './support/ratings.factories.js';

useFreshDatabase();
let snapshotDir: string;
let provinceId: string;
const YEAR = 2024;

/** Grassroots organisations by name, with the members rated EXCELLENT and GOOD in them. */
const organisations = [
  { name: 'Xã An Bình', excellent: 5, good: 25 }, // 5 of 25 GOOD: at 20% exactly; of 30 good or better: 16.7%
  { name: 'Xã Bình Minh', excellent: 6, good: 25 }, // 6 of 25 GOOD: 24%; of 31: 19.4%
  { name: 'Xã Cẩm Giang', excellent: 5, good: 20 }, // 5 of 20 GOOD: 25%; of 25: at 20% exactly
  { name: 'Xã Đông Hòa', excellent: 6, good: 20 }, // 6 of 20 GOOD: 30%; of 26: 23.1%
  { name: 'Xã Long Hưng', excellent: 7, good: 25 }, // 7 of 25 GOOD: 28%; of 32: 21.9%
  { name: 'Chi bộ Bảo hiểm xã hội', excellent: 1, good: 0 }, // a chi bộ cơ sở: one EXCELLENT, nobody GOOD
  { name: 'Xã Phú Lộc', excellent: 0, good: 3 },
] as const;

/** Whether the test's own reading of each rule flags the organisation, and by how many. */
const expectedFlags: Record<ExcellentCapBase, Record<string, { baseCount: number; allowed: number; excess: number } | null>> = {
  // 20% of GOOD alone, rounded down: 25 → 5, 20 → 4, 0 → 0.
  GOOD: {
    'Xã An Bình': null,
    'Xã Bình Minh': { baseCount: 25, allowed: 5, excess: 1 },
    'Xã Cẩm Giang': { baseCount: 20, allowed: 4, excess: 1 },
    'Xã Đông Hòa': { baseCount: 20, allowed: 4, excess: 2 },
    'Xã Long Hưng': { baseCount: 25, allowed: 5, excess: 2 },
    'Chi bộ Bảo hiểm xã hội': { baseCount: 0, allowed: 0, excess: 1 },
    'Xã Phú Lộc': null,
  },
  // 20% of GOOD and EXCELLENT together, rounded down: 30 → 6, 31 → 6, 25 → 5, 26 → 5, 32 → 6, 1 → 0.
  GOOD_OR_BETTER: {
    'Xã An Bình': null,
    'Xã Bình Minh': null,
    'Xã Cẩm Giang': null,
    'Xã Đông Hòa': { baseCount: 26, allowed: 5, excess: 1 },
    'Xã Long Hưng': { baseCount: 32, allowed: 6, excess: 1 },
    'Chi bộ Bảo hiểm xã hội': { baseCount: 1, allowed: 0, excess: 1 },
    'Xã Phú Lộc': null,
  },
};

const CapBothSides = graphql(`
  query CapBothSides($unitId: ID!, $year: Int!, $capBase: ExcellentCapBase) {
    excellentCapReport(unitId: $unitId, year: $year, capBase: $capBase) {
      capPercent capBase organisations
      breaches { unit { name } excellent good baseCount allowed excess excellentOfBasePercent }
    }
    excellentCapBreaches(unitId: $unitId, year: $year, capBase: $capBase) {
      unit { name } excellent good capPercent capBase baseCount allowed excess
    }
  }
`);

async function rate(memberIds: string[], cellId: string, level: 'EXCELLENT' | 'GOOD') {
  await wholeStore().memberRating.createMany({
    data: memberIds.map((id) => ({
      memberId: localId(id, 'Member', 'memberId'),
      cellId: localId(cellId, 'Unit', 'cellId'),
      year: YEAR,
      level,
      ruleVersion: 'QĐ 124-QĐ/TW (2023)',
    })),
  });
}

beforeAll(async () => {
  snapshotDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-cap-'));
  process.env.CHIBO_SNAPSHOT_DIR = snapshotDir;
  const province = await createUnit({ name: 'Tỉnh Sóc Trăng', kind: 'PROVINCE' });
  const district = await createUnit({ name: 'Huyện Châu Thành', kind: 'DISTRICT', parentId: province.id });
  provinceId = province.id;
  for (const [index, organisation] of organisations.entries()) {
    const direct = organisation.name.startsWith('Chi bộ');
    const unit = await createUnit({ name: organisation.name, kind: direct ? 'CELL' : 'GRASSROOTS', category: direct ? 'AGENCY' : undefined, parentId: district.id });
    const cell = direct ? unit : await createUnit({ name: `Chi bộ ấp ${index + 1}`, kind: 'CELL', parentId: unit.id });
    await rate(await createMembers(cell.id, organisation.excellent, `Xuất sắc ${index}`), cell.id, 'EXCELLENT');
    await rate(await createMembers(cell.id, organisation.good, `Tốt ${index}`), cell.id, 'GOOD');
  }
  const created = await run(
    graphql(`mutation CapSnapshot { snapshotCreate(input: { label: "Trần xuất sắc" }) { ... on SnapshotCreateSuccess { data { id } } } }`),
  );
  if (!('data' in created.snapshotCreate)) throw new Error('no snapshot');
  await whenBuilt(localId(created.snapshotCreate.data.id, 'Snapshot', 'id'));
});

afterAll(async () => {
  await rm(snapshotDir, { recursive: true, force: true });
});

describe('the EXCELLENT cap, on the store and on a snapshot', () => {
  for (const capBase of ['GOOD', 'GOOD_OR_BETTER'] as const) {
    it(`flags the organisations over 20% of ${capBase === 'GOOD' ? 'the GOOD' : 'the GOOD or better'} at the boundaries, both sides alike`, async () => {
      const answer = await run(CapBothSides, { unitId: provinceId, year: YEAR, capBase });
      const expected = organisations
        .filter((o) => expectedFlags[capBase][o.name])
        .map((o) => ({ unit: { name: o.name }, excellent: o.excellent, good: o.good, ...expectedFlags[capBase][o.name]! }));
      const byName = <T extends { unit: { name: string } }>(rows: readonly T[]) =>
        [...rows].sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'vi'));

      expect(byName(answer.excellentCapBreaches)).toEqual(byName(expected.map((row) => ({ ...row, capPercent: 20, capBase }))));
      expect(answer.excellentCapReport).toMatchObject({ capPercent: 20, capBase, organisations: organisations.length });
      // The share compared with the cap, to one decimal: e.g. 6 of 26 is 23.1%.
      const share = (row: { excellent: number; baseCount: number }) =>
        row.baseCount === 0 ? null : Math.round((row.excellent * 1000) / row.baseCount) / 10;
      expect(byName(answer.excellentCapReport.breaches)).toEqual(byName(expected.map((row) => ({ ...row, excellentOfBasePercent: share(row) }))));
    });
  }

  it('takes the good or better as the base when none is named, and says so', async () => {
    const answer = await run(CapBothSides, { unitId: provinceId, year: YEAR });
    const ofGoodOrBetter = await run(CapBothSides, { unitId: provinceId, year: YEAR, capBase: 'GOOD_OR_BETTER' });
    expect(answer).toEqual(ofGoodOrBetter);
    expect(answer.excellentCapReport.capBase).toBe('GOOD_OR_BETTER');
    expect(answer.excellentCapBreaches.every((breach) => breach.capBase === 'GOOD_OR_BETTER')).toBe(true);
  });
});
