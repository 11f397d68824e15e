// What an adversary tried against the access rule, case by case, on a province with two sibling
// communes, a province working group visiting both, ratings decided by the district and the
// province, members transferred between the communes and a merged commune (support/access-world.ts).
// The schema walk (access-walk.test.ts) covers every path; these are the paths people found.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './generated/index.js';
import { buildAccessWorld, type AccessWorld } from './support/access-world.js';
import { executeAs } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { changedTables, storeFingerprint } from './support/mutation-inputs.js';
import { wholeStore } from './support/store.js';

useFreshDatabase();
let world: AccessWorld;
let snapshotDir: string;

beforeAll(async () => {
  snapshotDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-access-cases-'));
  process.env.CHIBO_SNAPSHOT_DIR = snapshotDir;
  world = await buildAccessWorld();
}, 300_000);
afterAll(async () => {
  await rm(snapshotDir, { recursive: true, force: true });
});

const GroupsToAbsences = graphql(`
  query CaseGroupsToAbsences {
    workingGroups(first: 50) {
      edges {
        node {
          id
          assignments { cell { id } }
          visits { id meeting { id cell { id } absences { reason member { id fullName birthDate partyCardNumber } } } }
        }
      }
    }
  }
`);

const DecidersUpward = graphql(`
  query CaseDecidersUpward {
    unitRatings(first: 100) { edges { node { id unit { id } decidedBy { id name } } } }
    workingGroups(first: 50) { edges { node { id formedBy { id name } } } }
    members(first: 100, filter: { includeFormer: true }) { edges { node { id admittedBy { id name } cell { id } } } }
  }
`);

const UnitByCode = graphql(`
  query CaseUnitByCode($code: String!) {
    unitByCode(code: $code) { id childCount recognitions { id } ratings { id } }
  }
`);

const Dissolve = graphql(`
  mutation CaseDissolve($input: WorkingGroupDissolveInput!) {
    workingGroupDissolve(input: $input) {
      __typename
      ... on ForbiddenError { field message }
      ... on Error { message }
    }
  }
`);

const CardLookup = graphql(`
  query CaseCardLookup($card: String!) {
    memberByCardNumber(cardNumber: $card) { id fullName }
  }
`);

const ViewerRecords = graphql(`
  query CaseViewerRecords {
    visits(first: 50) { edges { node { visitorName comments recommendations } } }
  }
`);

const ViewerGroupPeople = graphql(`
  query CaseViewerGroupPeople {
    workingGroups(first: 50) { edges { node { name members { fullName role } } } }
  }
`);

const OutOfRange = graphql(`
  query CaseOutOfRange($id: ID!) {
    node(id: $id) { id }
  }
`);

const TransferOutOfRange = graphql(`
  mutation CaseTransferOutOfRange($input: MemberTransferInput!) {
    memberTransfer(input: $input) {
      __typename
      ... on NotFoundError { field }
    }
  }
`);

/** The units of commune A's subtree, by global id. */
const subtreeOfA = () => new Set(['A', 'A1', 'A2', 'M1', 'M2'].map((name) => world.units[name as keyof AccessWorld['units']].gid));

describe('access: the cases people found', () => {
  it("keeps a commune LEADER following a province working group on the commune's own cells, meetings and members", async () => {
    const answer = await executeAs(world.users.leaderA.authorization, GroupsToAbsences);
    expect(answer.errors).toBeUndefined();
    const groups = answer.data?.workingGroups.edges.map((edge) => edge.node) ?? [];
    expect(groups.map((group) => group.id)).toContain(world.groups.G);
    const inA = subtreeOfA();
    const cells = groups.flatMap((group) => [
      ...group.assignments.map((assignment) => assignment.cell.id),
      ...group.visits.map((visit) => visit.meeting.cell.id),
    ]);
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.filter((cell) => !inA.has(cell))).toEqual([]);
    // Every member reached through an absence met in A; B's members (and their birth dates) are not reached.
    const reached = groups.flatMap((group) => group.visits.flatMap((visit) => visit.meeting.absences.map((absence) => absence.member?.id)));
    const bMembers = Object.entries(world.members).filter(([name]) => name.startsWith('B') && name !== 'B1-3').map(([, m]) => m.gid);
    expect(reached.filter((id) => id && bMembers.includes(id))).toEqual([]);
  });

  it('names committees above the commune, and those that decided for it before 2025, by label only; a sibling not at all', async () => {
    const answer = await executeAs(world.users.leaderA.authorization, DecidersUpward);
    expect(answer.errors).toBeUndefined();
    const labels = [
      ...(answer.data?.unitRatings.edges.map((edge) => edge.node.decidedBy) ?? []),
      ...(answer.data?.workingGroups.edges.map((edge) => edge.node.formedBy) ?? []),
      ...(answer.data?.members.edges.map((edge) => edge.node.admittedBy) ?? []),
    ].filter((label) => label !== null);
    const allowed = new Set([...subtreeOfA(), world.units.P.gid, world.units.D.gid, world.units.M.gid]);
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.filter((label) => !allowed.has(label.id))).toEqual([]);
    // A label is an id and a name: the province's children, ratings or counts are not reachable from it.
    expect(labels.every((label) => Object.keys(label).sort().join() === 'id,name')).toBe(true);
    // The rating the district decided for A names the district.
    const aRatings = answer.data?.unitRatings.edges.filter((edge) => edge.node.unit.id === world.units.A.gid) ?? [];
    expect(aRatings.map((edge) => edge.node.decidedBy?.id)).toContain(world.units.D.gid);
    // A member who came from B was admitted by B's committee: that label is not A's to read.
    const fromB = answer.data?.members.edges.find((edge) => edge.node.id === world.members['B1-3']!.gid);
    expect(fromB?.node.admittedBy).toBeNull();
  });

  it("answers a sibling commune's unit as one that does not exist: no child count, ratings or recognitions", async () => {
    const sibling = await executeAs(world.users.leaderA.authorization, UnitByCode, { code: world.units.B.code });
    const unknown = await executeAs(world.users.leaderA.authorization, UnitByCode, { code: 'AW-NO-SUCH-UNIT' });
    expect(sibling).toEqual(unknown);
    expect(sibling.data?.unitByCode).toBeNull();
    const own = await executeAs(world.users.leaderA.authorization, UnitByCode, { code: world.units.A.code });
    expect(own.data?.unitByCode?.childCount).toBeGreaterThan(0);
  });

  it('refuses the commune LEADER dissolving the working group the province formed, and writes nothing', async () => {
    const before = await storeFingerprint();
    const answer = await executeAs(world.users.leaderA.authorization, Dissolve, { input: { groupId: world.groups.G, on: '2025-12-01' } });
    expect(answer.data?.workingGroupDissolve).toMatchObject({ __typename: 'ForbiddenError', field: 'input.groupId' });
    expect(changedTables(before, await storeFingerprint())).toEqual([]);
    // The commune's own group is the commune's to dissolve.
    const own = await executeAs(world.users.leaderA.authorization, Dissolve, { input: { groupId: world.groups.GA, on: '2025-12-01' } });
    expect(own.data?.workingGroupDissolve.__typename).toBe('WorkingGroupDissolveSuccess');
  });

  it('lets no role that reads card numbers as null test one: STAFF and VIEWER are refused the lookup', async () => {
    const card = world.members['A1-1']!.card;
    expect(card).toBeTruthy();
    for (const user of [world.users.staffA, world.users.viewerA]) {
      const answer = await executeAs(user.authorization, CardLookup, { card: card! });
      expect(answer.data?.memberByCardNumber ?? null).toBeNull();
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    const leader = await executeAs(world.users.leaderA.authorization, CardLookup, { card: card! });
    expect(leader.data?.memberByCardNumber?.id).toBe(world.members['A1-1']!.gid);
  });

  it("shows a VIEWER no visit's comments and no working group's people", async () => {
    const visits = await executeAs(world.users.viewerA.authorization, ViewerRecords);
    expect(visits.data?.visits ?? null).toBeNull();
    expect(visits.errors?.every((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);
    const groups = await executeAs(world.users.viewerA.authorization, ViewerGroupPeople);
    expect(JSON.stringify(groups.data ?? {})).not.toMatch(/fullName|"role"/);
    expect(groups.errors?.every((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);
    // The group itself, an organisation's record, is the VIEWER's to see.
    const names = await executeAs(world.users.viewerA.authorization, graphql(`query CaseViewerGroups { workingGroups(first: 50) { totalCount } }`));
    expect(names.data?.workingGroups.totalCount).toBeGreaterThan(0);
  });

  it('answers an id beyond any key as not found, in a query and in a mutation', async () => {
    const id = encodeGlobalID('Member', '99999999999999999');
    const read = await executeAs(world.users.leaderA.authorization, OutOfRange, { id });
    const unknown = await executeAs(world.users.leaderA.authorization, OutOfRange, { id: encodeGlobalID('Member', '99999') });
    expect(read.data).toEqual({ node: null });
    expect(read).toEqual(unknown);
    expect(read.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    const write = await executeAs(world.users.leaderA.authorization, TransferOutOfRange, { input: { id, toCellId: world.units.A2.gid, on: '2025-09-01' } });
    expect(write.data?.memberTransfer).toEqual({ __typename: 'NotFoundError', field: 'input.id' });
    expect(await wholeStore().member.count({ where: { id: { gt: 2_000_000_000 } } })).toBe(0);
  });
});
