// The proof that a commune's users see and change nothing beyond their commune, by walking the
// schema rather than by listing cases. In a province built to tempt a leak (access-world.ts:
// a sibling commune, a commune merged into the viewer's, a dissolved district, a province
// working group with cells on both sides, members moved across the boundary), operations
// generated from the schema (schema-walk.ts) follow every relation path four hops deep from
// every root field and from node(id:) of every record in the store, in and out of scope, as
// LEADER, STAFF and VIEWER of commune A: one operation per root field and argument variant,
// one per Node type with every record as an alias; a type is not expanded again below itself;
// an operation is sent again without the fields that answered with an error, so that a refusal
// does not hide what its siblings show. Every object of every answer is judged by an oracle
// that reads the whole store itself (access-oracle.ts): it must lie in A's subtree (or be a
// unit named by an up-link that A may know); personal fields read null below LEADER; a VIEWER
// gets figures and units, no individual records; counts count only what may be seen; and no
// answer fails with an unexpected error. Then every mutation of the schema, aimed at records of
// commune B and of the levels above A, must be refused and write nothing, while the same writes
// aimed at A's own records (and B's, by B's leader) get through.
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { getNamedType, isInputObjectType, isUnionType, type GraphQLArgument, type GraphQLField, type GraphQLInterfaceType, type GraphQLObjectType } from 'graphql';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { audienceRoles, classAudience, classOf, personalFields, personalLookups } from '../src/access/rules.js';
import { createApp } from '../src/app.js';
import { schema } from '../src/schema.js';
import { readStore, Visibility, type StoreRows } from './support/access-oracle.js';
import { buildAccessWorld, type AccessWorld, type UnitName } from './support/access-world.js';
import { useFreshDatabase, storeName } from './support/database.js';
import { argumentsFor, changedTables, importFile, storeFingerprint, targetSets, type Targets } from './support/mutation-inputs.js';
import { reachedObjects, SchemaWalk, type Reached } from './support/schema-walk.js';

useFreshDatabase();

// ───────────── the expectations ─────────────

const ROLES = ['LEADER', 'STAFF', 'VIEWER'] as const;
type WalkRole = (typeof ROLES)[number];

/**
 * Personal fields: null unless the role is LEADER or ADMIN. The README's are the member's and
 * the candidate's birth date, ethnicity and card number, and an absence's reason. Judged
 * personal here as well: an exemption's note (it names illnesses), a candidate's reason for
 * being dropped (also kept as the note of the DROPPED stage change), and the reason a member
 * was not rated (long illness and the like).
 */
const PERSONAL_FIELDS: Record<string, readonly string[]> = {
  Member: ['birthDate', 'ethnicity', 'partyCardNumber'],
  Candidate: ['birthDate', 'ethnicity', 'droppedReason'],
  MeetingAbsence: ['reason'],
  MeetingExemption: ['note'],
  CandidateStageChange: ['note'],
  MemberRating: ['notRatedReason'],
};
const SEES_PERSONAL_DATA: readonly WalkRole[] = ['LEADER'];
/** Root fields that look a record up by a personal value: to other roles they answer as for no record. */
const PERSONAL_LOOKUPS: Record<string, string> = { memberByCardNumber: 'cardNumber' };

/**
 * A VIEWER sees figures and units, no individual records: no object of these types may come
 * back to a VIEWER with data, not even with its __typename alone, which tells that the record
 * exists (an error such as FORBIDDEN in its place is a fine answer). The one exception is the
 * viewer's own User, which `me` (or node(id:) of it) answers.
 */
const RECORDS_HIDDEN_FROM_VIEWER = new Set([
  'Member', 'MemberAssignment', 'MeetingExemption', 'Meeting', 'MeetingAbsence', 'MeetingAssessment', 'AssessmentScore',
  'MeetingVisit', 'WorkingGroupMember', 'MemberRating', 'Candidate', 'CandidateStageChange', 'MemberAtRisk', 'MembershipRestoration', 'User', 'ApiKey',
  'AuditEntry',
]);

/** Errors a read may answer with: not found (as for a record that does not exist), refused, bad input. */
const EXPECTED_ERRORS = new Set(['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT']);

/** How deep the walk goes (relations below the root object), and the page of every connection. */
const HOPS = 4;
const VARIANT_HOPS = 2;
const PAGE = 50;

// ───────────── the world, the oracle, the app ─────────────

let world: AccessWorld;
let rows: StoreRows;
let snapshotDir: string;
const viewers = {} as Record<WalkRole, string>;

// The walk's documents are far beyond the limits a deployment puts on one operation.
const app = createApp({
  development: true,
  hardening: {
    operationLimits: { maxDepth: 1000, maxCost: Number.MAX_SAFE_INTEGER, maxAliases: 100_000, maxDirectives: 1000, maxTokens: 10_000_000 },
    maxBodyBytes: 64 * 1024 * 1024,
  },
});

beforeAll(async () => {
  snapshotDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-access-walk-'));
  process.env.CHIBO_SNAPSHOT_DIR = snapshotDir;
  process.env.CHIBO_REPORT_DIR = path.join(snapshotDir, 'reports');
  world = await buildAccessWorld();
  rows = await readStore();
  viewers.LEADER = world.users.leaderA.authorization;
  viewers.STAFF = world.users.staffA.authorization;
  viewers.VIEWER = world.users.viewerA.authorization;
}, 300_000);
afterAll(async () => {
  await rm(snapshotDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; originalError?: { message: string } } }[];
  };
}

async function post(authorization: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await app.fetch('http://chibo.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const unit = (name: UnitName) => world.units[name].gid;
const member = (name: string) => world.members[name]!.gid;

describe('access oracle', () => {
  it('holds the access rule to this test’s own lists: the types a VIEWER may not get, and the personal fields', () => {
    const notForViewer = Object.keys(schema.getTypeMap()).filter((name) => {
      const typeClass = classOf(name);
      return typeClass !== undefined && !audienceRoles[classAudience[typeClass]].includes('VIEWER');
    });
    // What only mutations answer (a new API key, a snapshot's export) is the administrators', and a VIEWER runs no mutation.
    const mutationAnswers = ['NewApiKey', 'SnapshotExport', 'SnapshotExportFile'];
    expect(notForViewer.filter((name) => !mutationAnswers.includes(name)).sort()).toEqual([...RECORDS_HIDDEN_FROM_VIEWER].sort());
    for (const [type, fields] of Object.entries(PERSONAL_FIELDS)) expect(personalFields[type], type).toEqual(expect.arrayContaining([...fields]));
    expect(personalLookups.Query).toEqual(expect.arrayContaining(Object.keys(PERSONAL_LOOKUPS)));
  });

  it('places the world’s records on each side of commune A’s boundary', () => {
    const a = new Visibility(rows, world.units.A.id);
    const verdicts = {
      'M1 (merged in with M)': a.judge('Unit', unit('M1')),
      'M as a unit': a.judge('Unit', unit('M')),
      'M as a label (lineage)': a.judge('UnitLabel', unit('M')),
      'P as a label (above)': a.judge('UnitLabel', unit('P')),
      'B as a label': a.judge('UnitLabel', unit('B')),
      'member who left A1 for B1': a.judge('Member', member('A1-3')),
      'member who came from B1': a.judge('Member', member('B1-3')),
      'member of B1': a.judge('Member', member('B1-1')),
      'province group with a cell in A': a.judge('WorkingGroup', world.groups.G),
      'group of B': a.judge('WorkingGroup', world.groups.GB),
      'user of A1': a.judge('User', world.users.staffA1.gid),
      'user of B': a.judge('User', world.users.leaderB.gid),
      'national user': a.judge('User', world.users.adminNational.gid),
    };
    expect(verdicts).toEqual({
      'M1 (merged in with M)': 'visible',
      'M as a unit': 'hidden',
      'M as a label (lineage)': 'visible',
      'P as a label (above)': 'visible',
      'B as a label': 'hidden',
      'member who left A1 for B1': 'visible',
      'member who came from B1': 'visible',
      'member of B1': 'hidden',
      'province group with a cell in A': 'visible',
      'group of B': 'hidden',
      'user of A1': 'visible',
      'user of B': 'hidden',
      'national user': 'hidden',
    });
    expect(new Visibility(rows, null).judge('User', world.users.adminNational.gid)).toBe('visible');
  });
});

// ───────────── generating the walk ─────────────

const walk = new SchemaWalk(schema, {
  maxHops: HOPS,
  pageSize: PAGE,
  nestedArgument(type: string, field: string, arg: GraphQLArgument) {
    const values: Record<string, unknown> = {
      'Member.unexcusedAbsenceMonths.year': 2024,
      // One of the measures every `measures` operation asks for.
      'MeasureRow.value.measure': 'MEETINGS',
    };
    const key = `${type}.${field}.${arg.name}`;
    if (!(key in values)) throw new Error(`the walk has no value for the required argument ${key}: add one`);
    return values[key];
  },
});

interface WalkOperation {
  label: string;
  /** The root field, or the Node type for node(id:) and nodes(ids:). */
  root: string;
  /** The document, without the fields at these paths (below the root field). */
  build(excluded: ReadonlySet<string>): string;
  /** Root aliases and what they stand for ("n3" → "node(Member)"). */
  rootLabels?: Map<string, string>;
}

/** Values of required root arguments: the first is the base, each other is tried once. */
function requiredValues(): Record<string, unknown[]> {
  const codes = (['A', 'A1', 'M1', 'B', 'B1', 'P', 'D', 'M'] as const).map((name) => world.units[name].code);
  return {
    unitId: (['A', 'A1', 'M1', 'B', 'P', 'D', 'M'] as const).map(unit),
    cellId: [unit('A1'), unit('M1'), unit('B1')],
    // 2024 first: the year with the most records (three months of absences, every rating, the visits).
    year: [2024, 2025],
    fromYear: [2024],
    toYear: [2025],
    measures: [['MEETINGS', 'CELLS', 'VISITS', 'ADMITTED', 'MEMBERS_AT_RISK']],
    code: codes,
    // Cards of members in A (one who came from B), one who left A for B, of B, C and M (now A).
    cardNumber: [...['A1-1', 'B1-3', 'A1-3', 'B1-1', 'C1-1', 'M1-1'].map((name) => world.members[name]!.card), 'KHONG-CO-THE-NAY'],
    unitIds: [[unit('A')], [unit('A1'), unit('M1')], [unit('B')], [unit('A'), unit('B')], [unit('P')]],
    on: ['2025-05-12'],
  };
}

/** Optional arguments tried one at a time, sparingly: filters that reach across the boundary. */
function optionalValues(): Record<string, unknown[]> {
  return {
    underUnitId: [unit('B'), unit('P')],
    cellId: [unit('B1')],
    includeDissolved: [true],
    includeFormer: [true],
    workingGroupId: [world.groups.GB, world.groups.G],
    formedByUnitId: [unit('P')],
    issuedByUnitId: [unit('P')],
    userId: [world.users.leaderB.gid, world.users.adminNational.gid],
    unitLevel: ['GRASSROOTS'],
  };
}

/** Base values of optional root arguments, where the default shows little (a table broken down by unit). */
const BASE: Record<string, Record<string, unknown>> = { measures: { dimensions: ['UNIT'] } };

function argumentVariants(field: GraphQLField<unknown, unknown>): Record<string, unknown>[] {
  const required = requiredValues();
  const optional = optionalValues();
  const base: Record<string, unknown> = { ...BASE[field.name] };
  const variants: Record<string, unknown>[] = [];
  for (const arg of field.args) {
    if (arg.type.toString().endsWith('!') && arg.defaultValue === undefined) {
      const values = required[arg.name];
      if (!values) throw new Error(`the walk has no value for ${field.name}(${arg.name}): add one`);
      base[arg.name] = values[0];
    }
  }
  variants.push(base);
  for (const arg of field.args) {
    if (base[arg.name] !== undefined && arg.name in required) {
      for (const value of required[arg.name]!.slice(1)) variants.push({ ...base, [arg.name]: value });
      continue;
    }
    const named = getNamedType(arg.type);
    if (isInputObjectType(named)) {
      // A filter input: each of its fields the table knows, alone.
      for (const name of Object.keys(named.getFields())) {
        for (const value of optional[name] ?? []) variants.push({ ...base, [arg.name]: { [name]: value } });
      }
    } else {
      for (const value of optional[arg.name] ?? []) variants.push({ ...base, [arg.name]: value });
    }
  }
  return variants;
}

const nodeTypes = (): readonly GraphQLObjectType[] => schema.getPossibleTypes(schema.getType('Node') as GraphQLInterfaceType);

/**
 * One operation per root field and argument variant; for node(id:), one per Node type with every
 * record of that type in the store (in scope or not) as aliases, one with an id out of range,
 * and nodes(ids:) with a record and the id out of range.
 */
function walkOperations(): WalkOperation[] {
  const operations: WalkOperation[] = [];
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    if (field.name === 'node' || field.name === 'nodes') continue;
    // The first variant walks the whole depth; the others, which test which rows an argument
    // lets through, walk VARIANT_HOPS deep (what lies deeper is the first variant's walk).
    argumentVariants(field).forEach((args, index) => {
      const hops = index === 0 ? HOPS : VARIANT_HOPS;
      operations.push({ label: `${field.name}#${index}`, root: field.name, build: (excluded) => `query Walk { ${walk.rootSelection(field, args, excluded, hops)} }` });
    });
  }
  for (const type of nodeTypes()) {
    const fragment = (excluded: ReadonlySet<string>) => `fragment Walk${type.name} on ${type.name} ${walk.selection(type, [], 0, [], excluded)}`;
    const nodeBatch = (label: string, ids: string[]): WalkOperation => ({
      label,
      root: type.name,
      build: (excluded) => `query WalkNode { ${ids.map((id, index) => `n${index}: node(id: ${JSON.stringify(id)}) { __typename id ...Walk${type.name} }`).join(' ')} } ${fragment(excluded)}`,
      rootLabels: new Map(ids.map((_, index) => [`n${index}`, `node(${type.name})`])),
    });
    const ids = rows.nodeIds.get(type.name) ?? [];
    const outOfRange = encodeGlobalID(type.name, '99999999999999999');
    if (ids.length > 0) operations.push(nodeBatch(`node(${type.name}) ×${ids.length}`, ids));
    operations.push(nodeBatch(`node(${type.name}) out of range`, [outOfRange]));
    operations.push({
      label: `nodes(${type.name})`,
      root: type.name,
      build: (excluded) => `query WalkNodes { nodes(ids: ${JSON.stringify([...ids.slice(0, 1), outOfRange])}) { __typename id ...Walk${type.name} } } ${fragment(excluded)}`,
      rootLabels: new Map([['nodes', `nodes(${type.name})`]]),
    });
  }
  return operations;
}

type WalkError = NonNullable<Answer['body']['errors']>[number];

/** How often an operation is sent again without the fields that answered with an error. */
const MAX_ROUNDS = 12;

/** Where an error sits below its root field: "visits.meeting" for ["workingGroups", …]. */
const pathBelowRoot = (error: WalkError) => (error.path ?? []).filter((part): part is string => typeof part === 'string').slice(1).join('.');

/**
 * Runs an operation, and again without each field that answered with an error, until none does:
 * a refused non-null field nulls the objects above it, which would hide what its siblings show.
 * When two fields of one object are refused, the object's type is refused as a whole, and the
 * field that returned the object is left out instead. Answers the last answer with the errors
 * of every round.
 */
async function walkOperation(authorization: string, operation: WalkOperation): Promise<Answer & { settled: boolean }> {
  const excluded = new Set<string>();
  const refusedBelow = new Map<string, Set<string>>();
  const errors = new Map<string, WalkError>();
  for (let round = 1; ; round += 1) {
    const answer = await post(authorization, operation.build(excluded));
    for (const error of answer.body.errors ?? []) errors.set(`${JSON.stringify(error.path)} ${error.message}`, error);
    const fresh = (answer.body.errors ?? []).map(pathBelowRoot).filter((path) => path !== '' && !excluded.has(path));
    const done = fresh.length === 0;
    if (done || round === MAX_ROUNDS) return { status: answer.status, body: { data: answer.body.data, errors: [...errors.values()] }, settled: done };
    for (const path of fresh) {
      excluded.add(path);
      const parent = path.split('.').slice(0, -1).join('.');
      const refused = refusedBelow.get(parent) ?? new Set<string>();
      refused.add(path);
      refusedBelow.set(parent, refused);
      if (parent !== '' && refused.size >= 2) excluded.add(parent);
    }
  }
}

// ───────────── judging the answers ─────────────

interface Finding {
  role: WalkRole;
  /** The path that reached the object, e.g. Query.workingGroups.edges.node.visits.meeting.cell. */
  path: string;
  /** The relation that returned it, e.g. MeetingVisit.meeting. */
  edge: string;
  typename: string;
  id: string;
  why: string;
}

const readableId = (id: string) => {
  try {
    const decoded = decodeGlobalID(id);
    return `${decoded.typename}:${decoded.id}`;
  } catch {
    return id;
  }
};

const isWrapper = (typename: string) => /Connection(Edge)?$/.test(typename);

/** The relation that returned an object: its parent's type (past connections and edges) and field. */
function edgeOf(reached: Reached): string {
  const parent = reached.ancestors.find((ancestor) => !isWrapper(ancestor.typename));
  return parent ? `${parent.typename}.${reached.path[parent.path.length]}` : `Query.${reached.path[0]}`;
}

/**
 * What is wrong with one object of an answer. An object lying outside the subtree is reported
 * where the path first leaves it: what hangs below is the same leak, and is not reported again.
 */
function judgeObject(role: WalkRole, visibility: Visibility, reached: Reached, leaked: Set<object>): Omit<Finding, 'role'>[] {
  const { typename, object } = reached;
  const id = typeof object.id === 'string' ? object.id : '';
  const findings: Omit<Finding, 'role'>[] = [];
  const add = (why: string) => findings.push({ path: `Query.${reached.path.join('.')}`, edge: edgeOf(reached), typename, id: readableId(id), why });
  const below = reached.ancestors.some((ancestor) => leaked.has(ancestor.object));
  const outside = (why: string) => {
    if (!below) add(why);
    leaked.add(object);
  };

  let visible = false;
  if (id) {
    const verdict = visibility.judge(typename, id);
    visible = verdict === 'visible';
    if (verdict === 'hidden') outside('outside the subtree');
    if (verdict === 'no rule') add('a type the oracle has no rule for');
    if (verdict === 'unknown id') add('an id the store does not hold');
  }
  // Objects without an id, judged through what they carry.
  if (typename === 'MemberAssignment' || typename === 'WorkingGroupAssignment') {
    const cell = object.cell as { id?: string } | null | undefined;
    if (cell?.id && visibility.judge('Unit', cell.id) !== 'visible') outside(`its cell ${readableId(cell.id)} lies outside the subtree`);
  }
  if (typename === 'DimensionValue' && object.dimension === 'UNIT' && typeof object.value === 'string' && visibility.judge('AnalyticsUnit', object.value) !== 'visible') {
    outside(`a row of ${readableId(object.value)}, outside the subtree`);
  }
  // One's own account is the one User a VIEWER reads, however it is reached (me, node(id:)).
  const ownAccount = typename === 'User' && id === world.users.viewerA.gid;
  if (role === 'VIEWER' && RECORDS_HIDDEN_FROM_VIEWER.has(typename) && !ownAccount) {
    add('an individual record shown to a VIEWER');
  }
  if (!SEES_PERSONAL_DATA.includes(role)) {
    for (const field of PERSONAL_FIELDS[typename] ?? []) if (object[field] != null) add(`personal field ${field} readable`);
  }
  // Counts: a connection counts the rows it can show; a unit's counts are the oracle's.
  if (Array.isArray(object.edges) && typeof object.totalCount === 'number' && object.edges.length < PAGE && object.totalCount !== object.edges.length) {
    add(`totalCount ${object.totalCount} for ${object.edges.length} rows shown`);
  }
  if (typename === 'Unit' && visible) {
    const local = Number(decodeGlobalID(id).id);
    const counted: [string, number | undefined, number][] = [
      ['childCount', object.childCount as number | undefined, visibility.childCount(local)],
      ['subtree.totalCount', (object.subtree as { totalCount?: number } | null)?.totalCount, visibility.subtreeCount(local)],
      ['members.totalCount', (object.members as { totalCount?: number } | null)?.totalCount, visibility.memberCount(local)],
      ['meetings.totalCount', (object.meetings as { totalCount?: number } | null)?.totalCount, visibility.meetingCount(local)],
    ];
    for (const [name, answered, expected] of counted) {
      if (typeof answered === 'number' && answered !== expected) add(`${name} is ${answered}, the oracle counts ${expected}`);
    }
  }
  return findings;
}

function judgeAnswer(role: WalkRole, visibility: Visibility, operation: WalkOperation, answer: Answer): Finding[] {
  const findings: Finding[] = [];
  const labels = operation.rootLabels ?? new Map<string, string>();
  if (answer.status >= 400 && !answer.body.data) {
    const message = answer.body.errors?.[0]?.message.slice(0, 200);
    findings.push({ role, path: operation.label, edge: operation.label, typename: '', id: '', why: `operation refused (${answer.status}): ${message}` });
  }
  for (const error of answer.body.errors ?? []) {
    const code = error.extensions?.code;
    if (code && EXPECTED_ERRORS.has(code)) continue;
    const names = (error.path ?? [operation.label]).filter((part): part is string => typeof part === 'string');
    const where = ['Query', labels.get(names[0] ?? '') ?? names[0], ...names.slice(1)].join('.');
    // In development an unexpected error carries the original message.
    const message = error.extensions?.originalError?.message ?? error.message;
    findings.push({ role, path: where, edge: where, typename: '', id: '', why: `error ${code ?? 'without a code'}: ${message.replace(/\s+/g, ' ').trim().slice(0, 160)}` });
  }
  const lookup = PERSONAL_LOOKUPS[operation.root];
  if (lookup && !SEES_PERSONAL_DATA.includes(role) && answer.body.data?.[operation.root] != null) {
    const where = `Query.${operation.root}`;
    findings.push({ role, path: where, edge: where, typename: '', id: '', why: `answers a lookup by ${lookup}, a personal field this role reads as null` });
  }
  if (answer.body.data) {
    const leaked = new Set<object>();
    for (const reached of reachedObjects(schema, answer.body.data, labels)) {
      for (const finding of judgeObject(role, visibility, reached, leaked)) findings.push({ role, ...finding });
    }
  }
  return findings;
}

/** Distinct findings, one line each, with how often and up to three example ids. */
function summarise(findings: Finding[], by: (finding: Finding) => string, example: (finding: Finding) => string): string[] {
  const groups = new Map<string, { finding: Finding; count: number; ids: Set<string> }>();
  for (const finding of findings) {
    const key = [finding.role, by(finding), finding.typename, finding.why].join('|');
    const group = groups.get(key) ?? { finding, count: 0, ids: new Set<string>() };
    group.count += 1;
    if (finding.id) group.ids.add(finding.id);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ finding, count, ids }) => {
    const shown = [...ids].slice(0, 3).join(', ');
    const idList = shown ? ` [${shown}${ids.size > 3 ? ', …' : ''}]` : '';
    return `${finding.role} ${by(finding)} ${finding.typename}${idList} — ${finding.why}${count > 1 ? ` (×${count})` : ''}${example(finding)}`;
  });
}

describe('access walk: every read path of the schema', () => {
  it('reaches every root field and every Node type', () => {
    const operations = walkOperations();
    const roots = new Set(operations.map((operation) => operation.label.replace(/[#(].*$/, '')));
    expect([...roots].sort()).toEqual(Object.keys(schema.getQueryType()!.getFields()).sort());
    expect(nodeTypes().length).toBeGreaterThan(10);
  });

  it.each(ROLES)('as %s of commune A, answers only what lies in its subtree, as its role may see it', async (role) => {
    const visibility = new Visibility(rows, world.units.A.id);
    const operations = walkOperations();
    const started = Date.now();
    const cpu = process.cpuUsage();
    const findings: Finding[] = [];
    // The server logs every error it answers with; the findings below say what matters.
    const muted = [vi.spyOn(console, 'error').mockImplementation(() => undefined), vi.spyOn(console, 'warn').mockImplementation(() => undefined)];
    for (const operation of operations) {
      const answer = await walkOperation(viewers[role], operation);
      findings.push(...judgeAnswer(role, visibility, operation, answer));
      if (!answer.settled) findings.push({ role, path: operation.label, edge: operation.label, typename: '', id: '', why: `still answering with errors after ${MAX_ROUNDS} rounds` });
    }
    for (const spy of muted) spy.mockRestore();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const used = process.cpuUsage(cpu);
    const cpuSeconds = ((used.user + used.system) / 1e6).toFixed(1);
    const byPath = summarise(findings, (f) => f.path, () => '');
    const byEdge = summarise(findings, (f) => f.edge, (f) => (f.path === f.edge ? '' : `, e.g. ${f.path}`));
    console.log(`[access walk, ${storeName}] ${role} of A: ${operations.length} operations in ${seconds} s (${cpuSeconds} s of CPU in this process); ${findings.length} findings on ${byPath.length} paths, ${byEdge.length} relations`);
    if (findings.length > 0) console.log(`By relation:\n${byEdge.join('\n')}\n\nBy path:\n${byPath.join('\n')}`);
    expect(byEdge.length, `${role} of A: what leaked, by the relation that returned it\n${byEdge.join('\n')}`).toBe(0);
  }, 600_000);
});

// ───────────── writes ─────────────

const mutations = () => Object.values(schema.getMutationType()!.getFields());
const isImport = (field: GraphQLField<unknown, unknown>) => field.name.endsWith('Import');

/** Sends a mutation with generated arguments; imports as a multipart request with a CSV. */
async function sendMutation(authorization: string, field: GraphQLField<unknown, unknown>, targets: Targets): Promise<Answer> {
  const args = argumentsFor(field, targets);
  const named = getNamedType(field.type);
  const selection = isUnionType(named)
    ? '{ __typename ... on Error { message } ... on NotFoundError { field } ... on ForbiddenError { field } ... on ValidationError { issues { field message } } }'
    : '{ __typename }';
  const query = `mutation WalkWrite(${field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ')}) {
    ${field.name}(${field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')}) ${selection}
  }`;
  if (!isImport(field)) return post(authorization, query, args);
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables: { input: { ...(args.input as object), file: null } } }));
  form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
  form.set('0', importFile(field.name, targets));
  const response = await app.fetch('http://chibo.test/graphql', { method: 'POST', body: form, headers: { authorization } });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const resultOf = (field: GraphQLField<unknown, unknown>, answer: Answer) =>
  answer.body.data?.[field.name] as { __typename?: string; message?: string } | null | undefined;

/** The answer in a few words: the result's type and message, or the errors' codes. */
function describeAnswer(field: GraphQLField<unknown, unknown>, answer: Answer): string {
  const result = resultOf(field, answer);
  if (result?.__typename) return `${result.__typename}${result.message ? ` (${result.message.slice(0, 100)})` : ''}`;
  return (answer.body.errors ?? []).map((error) => `${error.extensions?.code ?? 'error'}: ${error.message.slice(0, 100)}`).join('; ') || `HTTP ${answer.status}`;
}

/** A refusal: FORBIDDEN for the role, or a NotFoundError / ForbiddenError / ValidationError result. */
function isRefusal(field: GraphQLField<unknown, unknown>, answer: Answer): boolean {
  const typename = resultOf(field, answer)?.__typename;
  if (typename === 'NotFoundError' || typename === 'ForbiddenError' || typename === 'ValidationError') return true;
  return !typename && (answer.body.errors ?? []).length > 0 && (answer.body.errors ?? []).every((error) => error.extensions?.code === 'FORBIDDEN');
}

/** Writes that undo or end something, in the order they may follow one another; every mutation with those last. */
const ENDING = ['memberTransfer', 'candidateDrop', 'workingGroupDissolve', 'meetingDelete', 'apiKeyRevoke', 'memberChangeStatus'];
const inOrder = () => [...mutations()].sort((a, b) => ENDING.indexOf(a.name) - ENDING.indexOf(b.name));

describe('access walk: writes aimed outside commune A', () => {
  it('generates an input for every mutation of the schema, on every side', () => {
    const sides = targetSets(world);
    for (const field of mutations()) {
      for (const targets of Object.values(sides)) expect(() => argumentsFor(field, targets), field.name).not.toThrow();
    }
    expect(mutations().length).toBeGreaterThan(40);
  });

  it.each(ROLES)('as %s of commune A, a write aimed at commune B or above A is refused and writes nothing', async (role) => {
    const { sibling, above } = targetSets(world);
    const problems: string[] = [];
    const refusals = new Map<string, number>();
    // Ending writes last, so that a wrongly accepted one does not take away what the others aim at.
    for (const field of inOrder()) {
      for (const targets of [sibling, above]) {
        const before = await storeFingerprint();
        const answer = await sendMutation(viewers[role], field, targets);
        const changed = changedTables(before, await storeFingerprint());
        const kind = resultOf(field, answer)?.__typename ?? answer.body.errors?.[0]?.extensions?.code ?? `HTTP ${answer.status}`;
        refusals.set(kind, (refusals.get(kind) ?? 0) + 1);
        if (changed.length > 0 || !isRefusal(field, answer)) {
          problems.push(`${role} ${field.name} → ${targets.side}: ${describeAnswer(field, answer)}${changed.length > 0 ? `; wrote ${changed.join(', ')}` : ''}`);
        }
      }
    }
    const answered = [...refusals].map(([kind, count]) => `${kind} ${count}`).join(', ');
    console.log(`[access writes, ${storeName}] ${role} of A: ${problems.length} writes outside not refused (answers: ${answered})\n${problems.join('\n')}`);
    expect(problems, problems.join('\n')).toEqual([]);
  }, 600_000);

  /** Sends every mutation aimed at a set of targets (ending writes last): those that succeeded, and every answer. */
  async function writeAll(authorization: string, targets: Targets) {
    const succeeded: string[] = [];
    const answers: string[] = [];
    for (const field of inOrder()) {
      const answer = await sendMutation(authorization, field, targets);
      if ((resultOf(field, answer)?.__typename ?? '').endsWith('Success')) succeeded.push(field.name);
      answers.push(`${field.name}: ${describeAnswer(field, answer)}`);
    }
    return { succeeded, answers };
  }

  it('as LEADER of commune A, the same writes aimed at A’s own records reach the resolvers, and many succeed', async () => {
    const { succeeded, answers } = await writeAll(viewers.LEADER, targetSets(world).own);
    console.log(`[access writes, ${storeName}] LEADER of A on its own records: ${succeeded.length} succeeded\n${answers.join('\n')}`);
    expect(succeeded.length, answers.join('\n')).toBeGreaterThanOrEqual(15);
    expect(succeeded).toEqual(expect.arrayContaining(['meetingRecord', 'memberCreate', 'unitRate', 'workingGroupDissolve', 'visitRecord']));
  }, 300_000);

  it('as LEADER of commune B, the writes A was refused succeed on B’s records: the refusals are the boundary’s, not the inputs’', async () => {
    const { succeeded, answers } = await writeAll(world.users.leaderB.authorization, targetSets(world).sibling);
    console.log(`[access writes, ${storeName}] LEADER of B on its own records: ${succeeded.length} succeeded\n${answers.join('\n')}`);
    expect(succeeded.length, answers.join('\n')).toBeGreaterThanOrEqual(15);
  }, 300_000);
});
