// Hostile input at every mutation and every analytics field: values are generated from the
// schema's own argument types (fast-check), mixed with SQL fragments, huge strings, lone
// surrogates, negative pages and dates in year 0. Whatever comes, the answer is a clear error
// (or a typed result), never a 500; nothing is written unless the answer says it succeeded;
// and the server goes on answering.
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wholeStore } from './support/store.js';
import { whenBuilt } from '../src/features/snapshots/snapshots.service.js';
import { Prisma } from '../src/generated/prisma/client.js';
import { globalId, localId } from '../src/graphql/ids.js';
import { schema } from '../src/schema.js';
import { seedProvince } from '../src/seed/seed-province.js';
import { bearer } from './support/auth.js';
import { app } from './support/client.js';
import { useFreshDatabase } from './support/database.js';

const store = useFreshDatabase();
let authorization: string;

beforeAll(async () => {
  process.env.CHIBO_SNAPSHOT_DIR = await mkdtemp(path.join(os.tmpdir(), 'chibo-fuzz-'));
  await seedProvince(store.current(), { scale: 4, seed: 3 });
  authorization = await bearer();
  // A snapshot, so the analytics fields reach their queries rather than "no snapshot yet".
  const created = await post('mutation { snapshotCreate(input: { label: "Fuzz" }) { ... on SnapshotCreateSuccess { data { id } } } }', {});
  const id = (created.body.data?.snapshotCreate as { data: { id: string } }).data.id;
  await whenBuilt(localId(id, 'Snapshot', 'id'));
});
afterAll(async () => {
  await rm(process.env.CHIBO_SNAPSHOT_DIR!, { recursive: true, force: true });
});

const hostileText = fc.oneof(
  fc.constantFrom(
    `'; DROP TABLE "Member"; --`,
    `" OR 1=1 --`,
    `$unit_id`,
    `\\u0000`,
    '\u0000',
    '\uD800',
    '\uDFFF\uD800',
    '<script>alert(1)</script>',
    'Nguyễn Văn A',
    '   ',
    '',
    '0000-01-01',
    '2026-02-30',
    '-1',
    'VW5pdDox',
    'x'.repeat(200_000),
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const hostileInt = fc.oneof(fc.constantFrom(0, -1, -2_147_483_648, 2_147_483_647, 1, 2025, 99_999), fc.integer());
const hostileFloat = fc.oneof(fc.constantFrom(-1, 0, 100.000001, 1e308, -1e308, 85), fc.double({ noNaN: true, noDefaultInfinity: true }));
const hostileId = fc.oneof(
  hostileText,
  fc.constantFrom('Unit', 'Member', 'Meeting', 'User', 'Snapshot').chain((type) => fc.integer({ min: -5, max: 5000 }).map((id) => globalId(type, id))),
);
const hostileDate = fc.oneof(
  fc.constantFrom('0000-01-01', '0001-01-01', '9999-12-31', '2026-02-30', '2025-13-01', '1-1-1', '2025-06-30T00:00:00Z'),
  hostileText,
);

/** Values for a GraphQL input type: mostly of the right shape, with hostile leaves. */
function valueOf(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueOf(type.ofType, depth);
  if (isListType(type)) return fc.array(valueOf(type.ofType, depth + 1), { maxLength: depth > 2 ? 1 : 4 });
  if (isEnumType(type)) return fc.oneof(fc.constantFrom(...type.getValues().map((v) => v.name)), hostileText);
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    if (depth > 3) return fc.constant({});
    return fc.record(Object.fromEntries(fields.map((field) => [field.name, valueOf(field.type, depth + 1)])), {
      requiredKeys: fields.filter((field) => isNonNullType(field.type)).map((field) => field.name),
    });
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return hostileInt;
      case 'Float':
        return hostileFloat;
      case 'Boolean':
        return fc.boolean();
      case 'ID':
        return hostileId;
      case 'Date':
      case 'DateTime':
        return hostileDate;
      case 'JSON':
        return fc.jsonValue({ maxDepth: 3 });
      case 'File':
        return fc.constant(null);
      default:
        return hostileText;
    }
  }
  return fc.constant(null);
}

const typeText = (type: GraphQLInputType): string => type.toString();

/** A document calling one root field with every argument a variable, selecting its typename. */
function documentFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const args = field.args as readonly GraphQLArgument[];
  const variables = args.map((arg) => `$${arg.name}: ${typeText(arg.type)}`).join(', ');
  const call = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const named = getNamedType(field.type);
  const selection = isObjectType(named) || isUnionType(named) ? ' { __typename }' : '';
  return `${kind} Fuzz${args.length ? `(${variables})` : ''} { ${field.name}${args.length ? `(${call})` : ''}${selection} }`;
}

async function post(query: string, variables: Record<string, unknown>) {
  const response = await app.fetch('http://chibo.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

/** Every row of the store (but the audit log), counted: what "nothing written" is measured by. */
async function rowsInStore(): Promise<number> {
  const db = wholeStore() as unknown as Record<string, { count(): Promise<number> }>;
  const counts = await Promise.all(
    Object.values(Prisma.ModelName)
      .filter((model) => model !== 'AuditLog')
      .map((model) => db[model.charAt(0).toLowerCase() + model.slice(1)]!.count()),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

const mutations = Object.values(schema.getMutationType()!.getFields()).filter(
  // Imports take a file, which JSON cannot carry; their own tests send hostile files.
  (field) => !field.args.some((arg) => getNamedType(arg.type).name === 'File' || (isInputObjectType(getNamedType(arg.type)) && JSON.stringify(Object.keys((getNamedType(arg.type) as { getFields(): object }).getFields())).includes('file'))),
);
const analytics = Object.values(schema.getQueryType()!.getFields()).filter((field) =>
  ['cellRatingShares', 'meetingRegularity', 'meetingAttendanceQuality', 'admissionProgress', 'supervisionCoverage', 'meetingTrend', 'measures', 'unitComparison', 'excellentCapReport', 'members', 'units', 'meetings', 'auditLog'].includes(field.name),
);

describe('hostile input (fast-check over the schema’s argument types)', () => {
  it('covers every mutation but the file imports, and the analytics fields', () => {
    expect(mutations.length).toBeGreaterThan(35);
    expect(analytics.length).toBe(13);
  });

  it('answers every mutation with a clear error or a typed result, writes nothing unless it succeeded, and keeps answering', async () => {
    // How many requests got past coercion into the resolvers: the fuzz must reach the services.
    let reached = 0;
    let sent = 0;
    for (const field of mutations) {
      const document = documentFor('mutation', field);
      const variables = fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, valueOf(arg.type)])));
      await fc.assert(
        fc.asyncProperty(variables, async (values) => {
          const before = await rowsInStore();
          const { status, body } = await post(document, values);
          sent += 1;
          if (body.data?.[field.name] != null) reached += 1;
          expect(status, `${field.name}: ${JSON.stringify(body).slice(0, 300)}`).toBeLessThan(500);
          const typename = (body.data?.[field.name] as { __typename?: string } | null | undefined)?.__typename ?? '';
          if (!typename.endsWith('Success')) {
            expect(body.errors?.length || typename, `${field.name} answered without an error`).toBeTruthy();
            for (const error of body.errors ?? []) {
              expect(error.message).not.toMatch(/Unexpected error|prisma|SELECT |duckdb|at .*\.ts:/i);
            }
            expect(await rowsInStore(), `${field.name} wrote although it failed`).toBe(before);
          }
        }),
        { numRuns: 5, seed: 20_261_123, endOnFailure: true },
      );
    }
    const alive = await post('{ me { email } }', {});
    expect(alive.body.data).toEqual({ me: { email: 'root@chibo.test' } });
    expect(reached / sent, `${reached} of ${sent} reached the resolvers`).toBeGreaterThan(0.3);
  }, 300_000);

  it('answers every analytics and list field with figures or a clear error, never a 500', async () => {
    for (const field of analytics) {
      const document = documentFor('query', field);
      const variables = fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, valueOf(arg.type)])));
      await fc.assert(
        fc.asyncProperty(variables, async (values) => {
          const { status, body } = await post(document, values);
          expect(status, `${field.name}: ${JSON.stringify(body).slice(0, 300)}`).toBeLessThan(500);
          for (const error of body.errors ?? []) expect(error.message, field.name).not.toMatch(/Unexpected error|prisma|SELECT |duckdb/i);
        }),
        { numRuns: 8, seed: 20_261_124, endOnFailure: true },
      );
    }
    const alive = await post('{ me { email } }', {});
    expect(alive.status).toBe(200);
  });
});
