// Who may see and change what: credentials (tokens, API keys), each role inside and outside its
// subtree, personal fields, node(id:) of a foreign unit, and analytics limited to the subtree.
// The expected figures come from the store itself, read whole (the oracle), never from the API.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wholeStore } from './support/store.js';
import { whenBuilt } from '../src/features/snapshots/snapshots.service.js';
import { ancestorIds } from '../src/features/units/units.service.js';
import { globalId, localId } from '../src/graphql/ids.js';
import { seedProvince } from '../src/seed/seed-province.js';
import { graphql } from './generated/index.js';
import { bearer, userWith } from './support/auth.js';
import { app, executeAs, run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';

const store = useFreshDatabase();
let snapshotDir: string;
let provinceId: number;
/** A grassroots organisation with cells, and a cell outside it. */
let mine: { id: number; path: string };
let foreignCellId: number;
let myCellId: number;

beforeAll(async () => {
  snapshotDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-access-'));
  process.env.CHIBO_SNAPSHOT_DIR = snapshotDir;
  await seedProvince(store.current(), { scale: 24, seed: 5 });
  const db = wholeStore();
  provinceId = (await db.orgUnit.findFirstOrThrow({ where: { parentId: null } })).id;
  const grassroots = await db.orgUnit.findMany({ where: { kind: 'GRASSROOTS', validTo: null }, orderBy: { id: 'asc' } });
  const withCells = [];
  for (const g of grassroots) {
    const cells = await db.orgUnit.count({ where: { kind: 'CELL', validTo: null, path: { startsWith: g.path } } });
    if (cells > 0) withCells.push(g);
  }
  mine = withCells[0]!;
  myCellId = (await db.orgUnit.findFirstOrThrow({ where: { kind: 'CELL', validTo: null, path: { startsWith: mine.path } } })).id;
  const foreign = await db.orgUnit.findFirst({ where: { kind: 'CELL', validTo: null, NOT: { path: { startsWith: mine.path } } } });
  if (!foreign) throw new Error(`every cell of the seeded province lies in ${mine.path}: seed a larger one`);
  foreignCellId = foreign.id;
  const created = await run(graphql(`mutation AccessSnapshot { snapshotCreate(input: { label: "Phân quyền" }) { ... on SnapshotCreateSuccess { data { id } } } }`));
  if (!('data' in created.snapshotCreate)) throw new Error('no snapshot');
  await whenBuilt(localId(created.snapshotCreate.data.id, 'Snapshot', 'id'));
});
afterAll(async () => {
  await rm(snapshotDir, { recursive: true, force: true });
});

const Overview = graphql(`
  query AccessOverview($unitId: ID!) {
    units(first: 1) { totalCount }
    members(first: 1) { totalCount edges { node { id fullName birthDate ethnicity partyCardNumber } } }
    node(id: $unitId) { id }
  }
`);
const Units = graphql(`query AccessUnits { units(first: 1) { totalCount } }`);

const errorCodes = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => (result.errors ?? []).map((e) => e.extensions?.code);

describe('who is asking', () => {
  it('answers nothing but the health check without credentials, and 401 for bad ones', async () => {
    const health = await app.fetch('http://chibo.test/health');
    expect(health.status).toBe(200);
    for (const authorization of [null, 'Bearer not-a-token', 'Basic YWRtaW46YWRtaW4=', `Bearer chibo_${'x'.repeat(40)}`]) {
      const response = await app.fetch('http://chibo.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query: '{ units(first: 1) { totalCount } }' }),
      });
      expect(response.status, String(authorization)).toBe(401);
      const body = (await response.json()) as { data?: unknown; errors: { message: string; extensions?: { code?: string } }[] };
      expect(body.data).toBeUndefined();
      expect(body.errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('signs in with a token or an API key; a deactivated user or a revoked key is signed out at once', async () => {
    const staff = await userWith('STAFF', mine.id, 'keyed@chibo.test');
    const user = await wholeStore().user.findUniqueOrThrow({ where: { email: 'keyed@chibo.test' } });
    const me = await executeAs(staff, graphql(`query Me { me { email role scopeUnit { id } } }`));
    expect(me.data?.me).toEqual({ email: 'keyed@chibo.test', role: 'STAFF', scopeUnit: { id: globalId('Unit', mine.id) } });

    const created = await run(
      graphql(`mutation KeyCreate($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { ... on ApiKeyCreateSuccess { data { key apiKey { id prefix lastUsedAt } } } } }`),
      { input: { userId: globalId('User', user.id), name: 'Màn hình điều hành' } },
    );
    if (!('data' in created.apiKeyCreate)) throw new Error('no key');
    const { key, apiKey } = created.apiKeyCreate.data;
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    const stored = await wholeStore().apiKey.findUniqueOrThrow({ where: { id: localId(apiKey.id, 'ApiKey', 'id') } });
    expect(stored.hash).not.toContain(key.slice(6));
    const byKey = await executeAs(`Bearer ${key}`, Units);
    const byToken = await executeAs(staff, Units);
    expect(byKey.data).toEqual(byToken.data);

    await run(graphql(`mutation KeyRevoke($id: ID!) { apiKeyRevoke(id: $id) { __typename } }`), { id: apiKey.id });
    const revoked = await app.fetch('http://chibo.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ me { email } }' }),
    });
    expect(revoked.status).toBe(401);

    await wholeStore().user.update({ where: { id: user.id }, data: { active: false } });
    const inactive = await app.fetch('http://chibo.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: staff },
      body: JSON.stringify({ query: '{ me { email } }' }),
    });
    expect(inactive.status).toBe(401);
  });
});

describe('what each role sees', () => {
  it('limits every list, count and node(id:) to the subtree; a foreign unit answers as one that does not exist', async () => {
    const db = wholeStore();
    const unitsInside = await db.orgUnit.count({ where: { path: { startsWith: mine.path }, validTo: null } });
    const membersInside = await db.member.count({ where: { cell: { path: { startsWith: mine.path } }, status: { in: ['PROBATIONARY', 'OFFICIAL'] } } });
    expect(membersInside).toBeGreaterThan(0);
    for (const role of ['STAFF', 'LEADER', 'ADMIN'] as const) {
      const auth = await userWith(role, mine.id);
      const inside = await executeAs(auth, Overview, { unitId: globalId('Unit', myCellId) });
      expect(inside.errors, role).toBeUndefined();
      expect(inside.data?.units.totalCount).toBe(unitsInside);
      expect(inside.data?.members.totalCount).toBe(membersInside);
      expect(inside.data?.node).toEqual({ id: globalId('Unit', myCellId) });
      const foreign = await executeAs(auth, Overview, { unitId: globalId('Unit', foreignCellId) });
      const unknown = await executeAs(auth, Overview, { unitId: globalId('Unit', 99_999_999) });
      expect(foreign.data?.node).toBeNull();
      expect(foreign).toEqual(unknown);
    }
    // Above the scope the tree ends; the units above are named by their labels only.
    const Top = graphql(`query AccessTop { roots { id parent { id } ancestors { id name } } }`);
    const top = await executeAs(await userWith('LEADER', mine.id), Top);
    const above = (await db.orgUnit.findMany({ where: { id: { in: ancestorIds(mine) } }, select: { id: true, name: true, depth: true } }))
      .sort((a, b) => a.depth - b.depth)
      .map((unit) => ({ id: globalId('Unit', unit.id), name: unit.name }));
    expect(above.length).toBeGreaterThan(0);
    expect(top.data?.roots).toEqual([{ id: globalId('Unit', mine.id), parent: null, ancestors: above }]);
    const all = await executeAs(await bearer(), Units);
    expect(all.data?.units.totalCount).toBe(await db.orgUnit.count({ where: { validTo: null } }));
  });

  it('shows personal fields to LEADER and ADMIN only, and no individual records to VIEWER', async () => {
    const leader = await executeAs(await userWith('LEADER', mine.id), Overview, { unitId: globalId('Unit', mine.id) });
    const staff = await executeAs(await userWith('STAFF', mine.id), Overview, { unitId: globalId('Unit', mine.id) });
    const leaderMember = leader.data!.members.edges[0]!.node;
    const staffMember = staff.data!.members.edges[0]!.node;
    const stored = await wholeStore().member.findUniqueOrThrow({ where: { id: localId(leaderMember.id, 'Member', 'id') } });
    expect(leaderMember.birthDate).toBe(stored.birthDate.toISOString().slice(0, 10));
    expect(leaderMember.ethnicity).toBe(stored.ethnicity);
    expect(staffMember.fullName).toBe(leaderMember.fullName);
    expect([staffMember.birthDate, staffMember.ethnicity, staffMember.partyCardNumber]).toEqual([null, null, null]);

    const viewer = await executeAs(await userWith('VIEWER', mine.id), Overview, { unitId: globalId('Unit', mine.id) });
    expect(errorCodes(viewer)).toContain('FORBIDDEN');
    const viewerUnits = await executeAs(await userWith('VIEWER', mine.id), Units);
    expect(viewerUnits.errors).toBeUndefined();
  });
});

const MemberCreate = graphql(`
  mutation AccessMemberCreate($input: MemberCreateInput!) {
    memberCreate(input: $input) {
      __typename
      ... on MemberCreateSuccess { data { id } }
      ... on NotFoundError { field }
    }
  }
`);
const UnitRate = graphql(`
  mutation AccessUnitRate($input: UnitRateInput!) { unitRate(input: $input) { __typename ... on NotFoundError { field } } }
`);
const UnitCreate = graphql(`
  mutation AccessUnitCreate($input: UnitCreateInput!) { unitCreate(input: $input) { __typename } }
`);

const UnitCreateWithErrors = graphql(`
  mutation AccessUnitCreateOutside($input: UnitCreateInput!) {
    unitCreate(input: $input) { __typename ... on ForbiddenError { field message } ... on NotFoundError { field message } }
  }
`);
const UnitMoveWithErrors = graphql(`
  mutation AccessUnitMoveOutside($input: UnitUpdateInput!) {
    unitUpdate(input: $input) { __typename ... on ForbiddenError { field message } ... on NotFoundError { field message } }
  }
`);

const newMember = (cellId: number, fullName: string) => ({
  fullName, gender: 'FEMALE' as const, birthDate: '1990-05-04', ethnicity: 'Kinh', cellId: globalId('Unit', cellId), admittedOn: '2020-03-02',
});

describe('what each role may change', () => {
  it('lets STAFF record inside its subtree only, and refuses what needs a higher role, writing nothing', async () => {
    const staff = await userWith('STAFF', mine.id);
    const inside = await executeAs(staff, MemberCreate, { input: newMember(myCellId, 'Nguyễn Thị Trong Phạm Vi') });
    expect(inside.data?.memberCreate.__typename).toBe('MemberCreateSuccess');
    const outside = await executeAs(staff, MemberCreate, { input: newMember(foreignCellId, 'Nguyễn Thị Ngoài Phạm Vi') });
    expect(outside.data?.memberCreate).toEqual({ __typename: 'NotFoundError', field: 'input.cellId' });
    expect(await wholeStore().member.count({ where: { fullName: 'Nguyễn Thị Ngoài Phạm Vi' } })).toBe(0);

    const rate = { unitId: globalId('Unit', myCellId), year: 2026, level: 'GOOD' as const };
    const staffRates = await executeAs(staff, UnitRate, { input: rate });
    expect(errorCodes(staffRates)).toEqual(['FORBIDDEN']);
    expect(staffRates.errors?.[0]?.message).toContain('unitRate needs the role LEADER or ADMIN');
    const unitInput = { code: 'ACCESS.NEW', name: 'Chi bộ mới', kind: 'CELL' as const, category: 'HAMLET' as const, parentId: globalId('Unit', mine.id), validFrom: '2026-01-01' };
    expect(errorCodes(await executeAs(staff, UnitCreate, { input: unitInput }))).toEqual(['FORBIDDEN']);
    expect(await wholeStore().orgUnit.count({ where: { code: 'ACCESS.NEW' } })).toBe(0);

    const viewer = await userWith('VIEWER', mine.id);
    expect(errorCodes(await executeAs(viewer, MemberCreate, { input: newMember(myCellId, 'Người Xem') }))).toEqual(['FORBIDDEN']);

    const leader = await userWith('LEADER', mine.id);
    expect((await executeAs(leader, UnitRate, { input: rate })).data?.unitRate.__typename).toBe('UnitRateSuccess');
    const foreignRate = await executeAs(leader, UnitRate, { input: { ...rate, unitId: globalId('Unit', foreignCellId) } });
    expect(foreignRate.data?.unitRate).toEqual({ __typename: 'NotFoundError', field: 'input.unitId' });

    const admin = await userWith('ADMIN', mine.id);
    expect((await executeAs(admin, UnitCreate, { input: unitInput })).data?.unitCreate.__typename).toBe('UnitCreateSuccess');
    const adminOutside = await executeAs(admin, UnitCreate, { input: { ...unitInput, code: 'ACCESS.OUT', parentId: globalId('Unit', provinceId) } });
    expect(adminOutside.data?.unitCreate.__typename).toBe('ForbiddenError');
  });

  it('tells a scoped ADMIN why a unit outside the subtree cannot be made or moved there: above it, beside it, or without a parent', async () => {
    const db = wholeStore();
    const admin = await userWith('ADMIN', mine.id);
    const myName = (await db.orgUnit.findUniqueOrThrow({ where: { id: mine.id } })).name;
    const province = await db.orgUnit.findUniqueOrThrow({ where: { id: provinceId } });
    const foreignCommune = await db.orgUnit.findFirstOrThrow({ where: { kind: 'GRASSROOTS', NOT: { path: { startsWith: mine.path } } } });
    const unitsBefore = await db.orgUnit.count();
    const create = (code: string, parentId: string | null, kind: 'CELL' | 'PROVINCE' = 'CELL') =>
      executeAs(admin, UnitCreateWithErrors, {
        input: { code, name: 'Chi bộ ngoài phạm vi', kind, category: kind === 'CELL' ? 'HAMLET' : null, parentId, validFrom: '2026-01-01' },
      });

    const above = await create('ACCESS.ABOVE', globalId('Unit', province.id));
    expect(above.data?.unitCreate).toEqual({
      __typename: 'ForbiddenError',
      field: 'input.parentId',
      message: `input.parentId: ${province.name} lies above your subtree (${myName}): you create and move units only within it; ask an administrator of ${province.name}`,
    });
    // Beside the subtree, a unit answers as one that does not exist, and says where it was looked for.
    const beside = await create('ACCESS.BESIDE', globalId('Unit', foreignCommune.id));
    const unknown = await create('ACCESS.UNKNOWN', globalId('Unit', 987_654));
    for (const [result, id] of [[beside, foreignCommune.id], [unknown, 987_654]] as const) {
      expect(result.data?.unitCreate).toEqual({
        __typename: 'NotFoundError',
        field: 'input.parentId',
        message: `input.parentId: no unit with id ${id} in your subtree (${myName}): you create and move units only within it`,
      });
    }
    const root = await create('ACCESS.ROOT', null, 'PROVINCE');
    expect(root.data?.unitCreate).toMatchObject({ __typename: 'ForbiddenError', field: 'input.parentId' });
    expect((root.data?.unitCreate as { message: string }).message).toContain('only an administrator of the whole country creates one');

    const moved = await executeAs(admin, UnitMoveWithErrors, { input: { id: globalId('Unit', myCellId), parentId: globalId('Unit', province.id) } });
    expect(moved.data?.unitUpdate).toMatchObject({ __typename: 'ForbiddenError', field: 'input.parentId' });
    expect(await db.orgUnit.count()).toBe(unitsBefore);
    expect((await db.orgUnit.findUniqueOrThrow({ where: { id: myCellId } })).path.startsWith(mine.path)).toBe(true);
  });

  it('classifies every mutation of the schema by role', async () => {
    const { mutationRoles } = await import('../src/access/rules.js');
    const { schema } = await import('../src/schema.js');
    expect(Object.keys(schema.getMutationType()!.getFields()).sort()).toEqual(Object.keys(mutationRoles).sort());
  });
});

describe('analytics within the subtree', () => {
  const Figures = graphql(`
    query AccessFigures($unitId: ID!) {
      cellRatingShares(unitId: $unitId, year: 2025) { total { cells rated goodOrBetterPercent } children { unit { id } cells } }
      measures(unitId: $unitId, fromYear: 2024, toYear: 2025, measures: [MEETINGS, ATTENDANCE_PERCENT, CELLS], dimensions: [UNIT]) { rows { values } total { values } }
    }
  `);

  it('gives a leader exactly the figures of their subtree, and answers for a unit above it as for no unit', async () => {
    const leader = await userWith('LEADER', mine.id);
    const theirs = await executeAs(leader, Figures, { unitId: globalId('Unit', mine.id) });
    const admins = await executeAs(await bearer(), Figures, { unitId: globalId('Unit', mine.id) });
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data).toEqual(admins.data);
    const cells = await wholeStore().orgUnit.count({
      where: { kind: 'CELL', path: { startsWith: mine.path }, validFrom: { lte: new Date('2025-12-31') }, OR: [{ validTo: null }, { validTo: { gte: new Date('2025-01-01') } }] },
    });
    expect(theirs.data?.cellRatingShares.total.cells).toBe(cells);

    const above = await executeAs(leader, Figures, { unitId: globalId('Unit', provinceId) });
    const none = await executeAs(leader, Figures, { unitId: globalId('Unit', 99_999_999) });
    expect(above.data).toBeNull();
    expect(above.errors?.map((e) => e.message)).toEqual(none.errors?.map((e) => e.message.replace('99999999', String(provinceId))));

    const comparison = await executeAs(
      leader,
      graphql(`query AccessComparison($ids: [ID!]!) { unitComparison(unitIds: $ids, year: 2025, measures: [MEETINGS]) { units { parent { id } figures { rank shareOfParent } } } }`),
      { ids: [globalId('Unit', mine.id)] },
    );
    // The province above is not theirs: no rank among units they cannot see.
    expect(comparison.data?.unitComparison.units[0]).toEqual({ parent: null, figures: [{ rank: null, shareOfParent: null }] });
  });
});

describe('the audit log', () => {
  const Audit = graphql(`
    query AccessAudit($entity: String, $entityId: String) {
      auditLog(entity: $entity, entityId: $entityId) { action entity entityId before after viaApiKey user { email } }
    }
  `);
  const MemberUpdate = graphql(`
    mutation AccessMemberUpdate($input: MemberUpdateInput!) { memberUpdate(input: $input) { __typename } }
  `);

  it('records every write with who, what, before and after, in the write’s own transaction', async () => {
    const staff = await userWith('STAFF', mine.id, 'auditor-staff@chibo.test');
    const created = await executeAs(staff, MemberCreate, { input: newMember(myCellId, 'Trần Văn Kiểm Toán') });
    if (created.data?.memberCreate.__typename !== 'MemberCreateSuccess') throw new Error(JSON.stringify(created));
    const memberId = String(localId(created.data.memberCreate.data.id, 'Member', 'id'));
    await executeAs(staff, MemberUpdate, { input: { id: created.data.memberCreate.data.id, fullName: 'Trần Văn Kiểm Tra' } });

    const log = await executeAs(await userWith('LEADER', mine.id), Audit, { entity: 'Member', entityId: memberId });
    expect(log.errors).toBeUndefined();
    const entries = log.data!.auditLog;
    expect(entries.map((e) => e.action)).toEqual(['update', 'create']);
    expect(entries.every((e) => e.user?.email === 'auditor-staff@chibo.test' && !e.viaApiKey)).toBe(true);
    expect((entries[1]!.after as { fullName: string }).fullName).toBe('Trần Văn Kiểm Toán');
    expect(entries[1]!.before).toBeNull();
    expect((entries[0]!.before as { fullName: string }).fullName).toBe('Trần Văn Kiểm Toán');
    expect((entries[0]!.after as { fullName: string }).fullName).toBe('Trần Văn Kiểm Tra');
    // The oracle: the log's rows in the store, counted whole.
    expect(await wholeStore().auditLog.count({ where: { entity: 'Member', entityId: memberId } })).toBe(2);
  });

  it('writes nothing to the log for a refused write, and is readable only by LEADER and ADMIN, never changeable', async () => {
    const before = await wholeStore().auditLog.count();
    const staff = await userWith('STAFF', mine.id);
    await executeAs(staff, MemberCreate, { input: newMember(foreignCellId, 'Không Được Ghi') });
    await executeAs(staff, MemberCreate, { input: { ...newMember(myCellId, 'Ngày Sinh Sai'), birthDate: '2030-01-01' } });
    expect(await wholeStore().auditLog.count()).toBe(before);

    expect(errorCodes(await executeAs(staff, Audit, {}))).toContain('FORBIDDEN');
    expect(errorCodes(await executeAs(await userWith('VIEWER', mine.id), Audit, {}))).toContain('FORBIDDEN');
    const { schema } = await import('../src/schema.js');
    expect(Object.keys(schema.getMutationType()!.getFields()).filter((name) => /audit/i.test(name))).toEqual([]);
  });
});
