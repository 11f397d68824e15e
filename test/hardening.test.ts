// Hardening of the HTTP and GraphQL layers, through `app.fetch` as a client would reach them:
// document limits, what production hides, persisted-operations-only mode, body size, rate
// limit, CORS and the masking of unexpected errors.
import { readFileSync } from 'node:fs';
import { print, type GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createApp, type AppOptions } from '../src/app.js';
import { loadHardeningConfig, type HardeningConfig } from '../src/config.js';
import { graphql } from './generated/index.js';
import { app as developmentApp, csvFile, run } from './support/client.js';
import { bearer } from './support/auth.js';
import { useFreshDatabase } from './support/database.js';
import { createTree } from './support/factories.js';

const database = useFreshDatabase();

/** The settings a production server gets from an empty environment. */
const productionDefaults = loadHardeningConfig({}, false);

type App = ReturnType<typeof createApp>;

/** A production app with the default settings except `hardening`, the rate limit off. */
function productionApp(hardening: Partial<HardeningConfig> = {}, options: AppOptions = {}): App {
  return createApp({ development: false, ...options, hardening: { ...productionDefaults, rateLimit: undefined, ...hardening } });
}

interface Sent {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  text: string;
}

/** Posts `body` as the central test ADMIN, or `anonymous`ly; `peer` is the socket's address. */
async function send(
  app: App,
  body: unknown,
  { headers = {}, peer, anonymous = false }: { headers?: Record<string, string>; peer?: string; anonymous?: boolean } = {},
): Promise<Sent> {
  const authorization: Record<string, string> = anonymous ? {} : { authorization: await bearer() };
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...authorization, ...headers },
    body: JSON.stringify(body),
  };
  // What Node's http server hands Yoga: the socket the request came in on.
  const response = peer ? await app.fetch('http://chibo.test/graphql', init, { req: { socket: { remoteAddress: peer } } }) : await app.fetch('http://chibo.test/graphql', init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Sent['body']) : {}, text };
}

const messages = (sent: Sent) => (sent.body.errors ?? []).map((error) => error.message);

/** `{ roots { children { … { name } } } }` with `levels` levels of fields in all. */
function nested(levels: number): string {
  return `{ roots ${'{ children '.repeat(levels - 2)}{ name }${' }'.repeat(levels - 2)} }`;
}

const RootNames = graphql(`
  query HardeningRootNames {
    roots { name kind }
  }
`);

describe('operation limits (graphql-armor)', () => {
  it('lets every operation of the test suite and every README example pass the default limits', () => {
    const manifest = JSON.parse(readFileSync('test/generated/persisted-documents.json', 'utf8')) as Record<string, string>;
    const readme = readFileSync('README.md', 'utf8');
    const documents = [...Object.values(manifest), ...[...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1] as string)];
    expect(documents.length).toBeGreaterThan(90);
    // The production app's own parse and validate (every limit is one or the other), without
    // running anything: some of these documents write.
    const request = new Request('http://chibo.test/graphql', { method: 'POST' });
    const { parse, validate, schema } = productionApp().getEnveloped({ request });
    const errorsOf = (query: string): string[] => {
      try {
        const errors: readonly GraphQLError[] = validate(schema, parse(query));
        return errors.map((error) => error.message);
      } catch (error: unknown) {
        return [error instanceof Error ? error.message : String(error)];
      }
    };
    expect(errorsOf(nested(11))).toEqual(['Query depth limit of 10 exceeded, found 11.']);
    expect(documents.map((query) => ({ query, errors: errorsOf(query) })).filter((d) => d.errors.length > 0)).toEqual([]);
  });

  it('refuses a document nested deeper than the limit, before running it', async () => {
    expect(productionDefaults.operationLimits.maxDepth).toBe(10);
    const allowed = await send(productionApp(), { query: nested(10) });
    expect(allowed.status).toBe(200);
    expect(allowed.body.errors).toBeUndefined();
    const refused = await send(productionApp(), { query: nested(11) });
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toEqual([
      { message: 'Query depth limit of 10 exceeded, found 11.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    ]);
    // Limits are checked before authentication: a stranger's document costs no store lookup.
    const anonymous = await send(productionApp(), { query: nested(11) }, { anonymous: true });
    expect(anonymous.status).toBe(400);
    expect(messages(anonymous)).toEqual(['Query depth limit of 10 exceeded, found 11.']);
    expect((await send(productionApp(), { query: nested(10) }, { anonymous: true })).status).toBe(401);
  });

  it('refuses a document whose cost exceeds the limit: a page of units each with a page of members', async () => {
    // Cost (armor's): a connection's objects and scalars, ×1.5 a level, × its literal `first`.
    const cheap = '{ units(first: 100) { edges { node { members(first: 5) { totalCount } } } } }';
    const costly = '{ units(first: 500) { edges { node { members(first: 500) { edges { node { fullName } } } } } } }';
    expect((await send(productionApp(), { query: cheap })).body.errors).toBeUndefined();
    const refused = await send(productionApp(), { query: costly });
    expect(refused.status).toBe(400);
    expect(messages(refused)).toHaveLength(1);
    expect(messages(refused)[0]).toMatch(/^Query Cost limit of 50000 exceeded, found \d+(\.\d+)?\.$/);
    expect(Number(/found (\d+(?:\.\d+)?)\.$/.exec(messages(refused)[0] as string)?.[1])).toBeGreaterThan(50_000);
  });

  it('refuses more aliases than the limit', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: roots { id }`).join(' ')} }`;
    expect((await send(productionApp(), { query: aliases(15) })).body.errors).toBeUndefined();
    const refused = await send(productionApp(), { query: aliases(16) });
    expect(refused.status).toBe(400);
    expect(messages(refused)).toEqual(['Aliases limit of 15 exceeded, found 16.']);
  });

  it('refuses more directives than the limit', async () => {
    // `@include` once on each of n copies of one field (a field takes it only once).
    const directives = (n: number) => `{ roots { ${'id @include(if: true) '.repeat(n)}} }`;
    expect((await send(productionApp(), { query: directives(20) })).body.errors).toBeUndefined();
    const refused = await send(productionApp(), { query: directives(21) });
    expect(refused.status).toBe(400);
    expect(messages(refused)).toEqual(['Directives limit of 20 exceeded, found 21.']);
  });

  it('refuses a document of more tokens than the limit while parsing it', async () => {
    const { province } = await createTree();
    // `{ nodes(ids: [` and `]) { id } }` are 12 tokens; each id one more. (Not n copies of a
    // field: graphql-js itself gives up comparing that many for overlaps.)
    const tokens = (n: number) => `{ nodes(ids: [${`"${province.id}" `.repeat(n - 12)}]) { id } }`;
    const allowed = await send(productionApp(), { query: tokens(1000) });
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data?.nodes).toHaveLength(988);
    const refused = await send(productionApp(), { query: tokens(1001) });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { message: 'Syntax Error: Token limit of 1000 exceeded.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
    ]);
  });

  it('takes its limits from the settings', async () => {
    const strict = productionApp({ operationLimits: { ...productionDefaults.operationLimits, maxDepth: 3 } });
    expect(messages(await send(strict, { query: nested(4) }))).toEqual(['Query depth limit of 3 exceeded, found 4.']);
    expect((await send(strict, { query: nested(3) })).body.errors).toBeUndefined();
  });
});

describe('what production hides', () => {
  const typos = [
    { query: '{ roots { nam } }', says: 'Cannot query field "nam" on type "Unit".' },
    { query: '{ units(fist: 1) { totalCount } }', says: 'Unknown argument "fist" on field "Query.units".' },
    { query: '{ units(filter: { kind: CEL }) { totalCount } }', says: 'Value "CEL" does not exist in "UnitKind" enum.' },
    {
      query: 'query ($filter: UnitFilter) { units(filter: $filter) { totalCount } }',
      variables: { filter: { serch: 'hoa' } },
      says: 'Variable "$filter" got invalid value { serch: "hoa" }; Field "serch" is not defined by type "UnitFilter".',
    },
  ];

  it('gives no "Did you mean" suggestions for unknown fields, arguments, enum values or input fields', async () => {
    for (const { query, variables, says } of typos) {
      const sent = await send(productionApp(), { query, variables });
      expect(sent.status).toBe(400);
      expect(messages(sent)).toEqual([says]);
      expect(sent.text).not.toContain('Did you mean');
    }
  });

  it('keeps the suggestions in development', async () => {
    const sent = await send(developmentApp, { query: '{ roots { nam } }' });
    expect(messages(sent)).toEqual(['Cannot query field "nam" on type "Unit". Did you mean "name"?']);
  });

  it('refuses introspection in production', async () => {
    for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "Unit") { name } }']) {
      const sent = await send(productionApp(), { query });
      expect(sent.status).toBe(400);
      expect(sent.body.data).toBeUndefined();
      expect(messages(sent)[0]).toMatch(/^GraphQL introspection has been disabled/);
    }
  });

  it('answers introspection in development', async () => {
    const sent = await send(developmentApp, { query: '{ __schema { queryType { name } } __type(name: "Unit") { kind } }' });
    expect(sent.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } }, __type: { kind: 'OBJECT' } } });
  });

  it('serves GraphiQL in development only', async () => {
    const page = (app: App) => app.fetch('http://chibo.test/graphql', { headers: { accept: 'text/html' } });
    const development = await page(developmentApp);
    expect(development.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await development.text()).toContain('GraphiQL');
    const production = await page(productionApp());
    expect(production.headers.get('content-type') ?? '').not.toMatch(/^text\/html/);
    expect(await production.text()).not.toContain('GraphiQL');
  });
});

describe('persisted-operations-only mode', () => {
  // codegen's client preset writes this manifest of every `graphql(…)` document under test/.
  const manifestFile = 'test/generated/persisted-documents.json';
  const persistedApp = () => productionApp({ persistedOperationsFile: manifestFile });
  const documentId = (RootNames as unknown as { __meta__: { hash: string } }).__meta__.hash;

  it('runs a document of the manifest, sent by its id, as the same document sent in full', async () => {
    await createTree();
    const expected = await run(RootNames);
    expect(expected.roots.length).toBeGreaterThan(0);
    expect(documentId).toMatch(/^sha256:[0-9a-f]{64}$/);
    const byId = await send(persistedApp(), { documentId });
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual({ data: expected });
    // The same id as an Automatic Persisted Queries hash, without the prefix.
    const byHash = await send(persistedApp(), {
      extensions: { persistedQuery: { version: 1, sha256Hash: documentId.replace('sha256:', '') } },
    });
    expect(byHash.body).toEqual({ data: expected });
  });

  it('refuses a document sent in full, even one that is in the manifest', async () => {
    const sent = await send(persistedApp(), { query: print(RootNames) });
    expect(sent.status).toBe(400);
    expect(sent.body.data).toBeUndefined();
    expect(sent.body.errors).toEqual([
      {
        message: 'This server runs only its persisted operations: send "documentId" with the id from the manifest instead of "query".',
        extensions: { code: 'PERSISTED_QUERY_ONLY' },
      },
    ]);
  });

  it('refuses an id that is not in the manifest', async () => {
    const sent = await send(persistedApp(), { documentId: `sha256:${'0'.repeat(64)}` });
    expect(sent.status).toBe(400);
    expect(sent.body.errors).toEqual([
      { message: 'No persisted operation has this documentId.', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
    ]);
  });

  it('refuses at start-up a manifest that is not an object of documents', () => {
    expect(() => productionApp({ persistedOperationsFile: 'package-lock.json' })).toThrow(/document of .* is not a string/);
    expect(() => productionApp({ persistedOperationsFile: 'README.md' })).toThrow(/cannot read .*README\.md as JSON/);
  });

  it('runs any document when it is off (the default)', async () => {
    expect(productionDefaults.persistedOperationsFile).toBeUndefined();
    expect((await send(productionApp(), { query: print(RootNames) })).body.errors).toBeUndefined();
  });
});

describe('request body size', () => {
  const MEGABYTE = 1024 * 1024;

  it('answers 413 to a JSON body over the limit, declared by its Content-Length', async () => {
    expect(productionDefaults.maxBodyBytes).toBe(MEGABYTE);
    const padding = 'x'.repeat(MEGABYTE);
    const sent = await send(productionApp(), { query: '{ roots { id } }', variables: { padding } });
    expect(sent.status).toBe(413);
    expect(sent.body.errors).toEqual([
      { message: `The request body is larger than ${MEGABYTE} bytes.`, extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' } },
    ]);
    // Just under the limit the same request is served.
    const under = await send(productionApp(), { query: '{ roots { id } }', variables: { padding: 'x'.repeat(MEGABYTE - 100) } });
    expect(under.status).toBe(200);
  });

  it('answers 413 to a streamed (chunked) body once more than the limit has arrived', async () => {
    const encoder = new TextEncoder();
    const chunk = encoder.encode(' '.repeat(64 * 1024));
    const chunks = 48; // 3 MiB of padding in all, with no Content-Length
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled === 0) controller.enqueue(encoder.encode('{"query":"{ roots { id } }","variables":{"padding":"'));
        else if (pulled <= chunks) controller.enqueue(chunk);
        else {
          controller.enqueue(encoder.encode('"}}'));
          controller.close();
        }
        pulled++;
      },
    });
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' as const };
    const response = await productionApp().fetch('http://chibo.test/graphql', init);
    expect(response.status).toBe(413);
    // Reading stopped soon after the limit, not at the end of the body.
    expect(pulled * chunk.byteLength).toBeLessThan(2 * MEGABYTE);
  });

  it('takes multipart uploads up to the larger upload limit', async () => {
    expect(productionDefaults.maxUploadBytes).toBe(20 * MEGABYTE);
    const tree = await createTree();
    const row = `${tree.cellA.code};Nguyễn Văn An;Nam;12/05/1968;Kinh;;03/02/1995;03/02/1996;không`;
    const header = 'Mã chi bộ;Họ và tên;Giới tính;Ngày sinh;Dân tộc;Số thẻ đảng viên;Ngày vào Đảng;Ngày chính thức;Đoàn viên';
    const file = csvFile([header, ...Array.from({ length: 20_001 }, () => row)]);
    expect(file.size).toBeGreaterThan(MEGABYTE);
    const sent = await upload(productionApp(), tree.commune.id, file);
    // The whole file reached the import, which counted its rows: a typed result, not a 413.
    expect(sent.status).toBe(200);
    expect(sent.body.data?.memberImport).toEqual({
      __typename: 'ValidationError',
      message: 'Tệp (input.file): có 20001 dòng dữ liệu; tối đa 20000 dòng một tệp',
    });
  });

  it('answers 413 to a multipart upload over the upload limit', async () => {
    const tree = await createTree();
    const file = csvFile(['Mã chi bộ;Họ và tên', ...Array.from({ length: 5_000 }, () => 'X;Nguyễn Văn An')]);
    const sent = await upload(productionApp({ maxUploadBytes: 32 * 1024 }), tree.commune.id, file);
    expect(sent.status).toBe(413);
    expect(sent.body.errors?.[0]?.extensions).toMatchObject({ code: 'REQUEST_ENTITY_TOO_LARGE' });
  });
});

const MemberImportForHardening = graphql(`
  mutation HardeningMemberImport($input: ImportInput!) {
    memberImport(input: $input) { __typename ... on Error { message } }
  }
`);

async function upload(app: App, unitId: string, file: File): Promise<Sent> {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: print(MemberImportForHardening), variables: { input: { unitId, file: null } } }));
  form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
  form.set('0', file);
  const response = await app.fetch('http://chibo.test/graphql', { method: 'POST', body: form, headers: { authorization: await bearer() } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as Sent['body'], text };
}

describe('rate limit', () => {
  const query = { query: '{ roots { id } }' };

  it('answers 429 with Retry-After once a client has spent its budget, and goes on serving the others', async () => {
    const app = productionApp({ rateLimit: { requests: 3, windowSeconds: 60 } });
    for (let i = 0; i < 3; i++) expect((await send(app, query, { peer: '203.0.113.7' })).status).toBe(200);
    const limited = await send(app, query, { peer: '203.0.113.7' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(limited.body.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED' });
    expect(messages(limited)[0]).toMatch(/^Too many requests: at most 3 every 60 s\./);
    // Another client is served; the limited one still gets its health check.
    const other = await send(app, query, { peer: '198.51.100.20' });
    expect(other.status).toBe(200);
    expect(other.body.errors).toBeUndefined();
    const health = await app.fetch('http://chibo.test/health', {}, { req: { socket: { remoteAddress: '203.0.113.7' } } });
    expect(health.status).toBe(200);
  });

  it('counts requests before authentication, so made-up credentials buy no budget', async () => {
    const app = productionApp({ rateLimit: { requests: 2, windowSeconds: 60 } });
    const guess = (token: string) => send(app, query, { peer: '192.0.2.1', anonymous: true, headers: { authorization: `Bearer ${token}` } });
    expect((await guess('guess-1')).status).toBe(401);
    expect((await guess('guess-2')).status).toBe(401);
    expect((await guess('guess-3')).status).toBe(429);
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    const settings = { rateLimit: { requests: 1, windowSeconds: 60 } };
    // Behind a trusted proxy on loopback, two browsers are two clients.
    const proxied = productionApp({ ...settings, trustedProxies: ['loopback'] });
    const via = (client: string) => send(proxied, query, { peer: '127.0.0.1', headers: { 'x-forwarded-for': client } });
    expect((await via('203.0.113.7')).status).toBe(200);
    expect((await via('198.51.100.20')).status).toBe(200);
    expect((await via('203.0.113.7')).status).toBe(429);
    // From an untrusted peer a made-up X-Forwarded-For does not buy a new budget.
    const direct = productionApp(settings);
    const spoofed = (client: string) => send(direct, query, { peer: '203.0.113.7', headers: { 'x-forwarded-for': client } });
    expect((await spoofed('10.0.0.1')).status).toBe(200);
    expect((await spoofed('10.0.0.2')).status).toBe(429);
  });

  it('is on in production by default and off in development', () => {
    expect(productionDefaults.rateLimit).toEqual({ requests: 600, windowSeconds: 60 });
    expect(loadHardeningConfig({}, true).rateLimit).toBeUndefined();
    expect(loadHardeningConfig({ CHIBO_RATE_LIMIT: '0' }, false).rateLimit).toBeUndefined();
    expect(loadHardeningConfig({ CHIBO_RATE_LIMIT: '100', CHIBO_RATE_LIMIT_WINDOW: '10' }, true).rateLimit).toEqual({ requests: 100, windowSeconds: 10 });
    expect(() => loadHardeningConfig({ CHIBO_RATE_LIMIT: 'many' }, false)).toThrow('CHIBO_RATE_LIMIT must be a whole number');
  });
});

describe('CORS', () => {
  const dashboard = 'https://dashboard.tinhuy.example.vn';
  const stranger = 'https://evil.example.com';
  const request = async (app: App, origin: string, method = 'POST') =>
    app.fetch('http://chibo.test/graphql', {
      method,
      headers:
        method === 'OPTIONS'
          ? { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' }
          : { origin, 'content-type': 'application/json', authorization: await bearer() },
      body: method === 'POST' ? JSON.stringify({ query: '{ roots { id } }' }) : undefined,
    });

  it('lets the configured origins call, with Vary: Origin', async () => {
    const app = productionApp({ corsOrigins: [dashboard, 'https://other.example.vn'] });
    const preflight = await request(app, dashboard, 'OPTIONS');
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(dashboard);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const response = await request(app, dashboard);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(dashboard);
    expect(response.headers.get('vary')).toMatch(/Origin/);
  });

  it('gives any other origin no CORS headers, so its browser keeps the answer from the page', async () => {
    const app = productionApp({ corsOrigins: [dashboard] });
    const preflight = await request(app, stranger, 'OPTIONS');
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    const response = await request(app, stranger);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows no origin in production by default, and any in development', async () => {
    expect(productionDefaults.corsOrigins).toEqual([]);
    expect((await request(productionApp(), dashboard)).headers.get('access-control-allow-origin')).toBeNull();
    expect((await request(developmentApp, stranger)).headers.get('access-control-allow-origin')).toBe(stranger);
    expect(loadHardeningConfig({ CHIBO_CORS_ORIGINS: ` ${dashboard} , https://b.example.vn,` }, false).corsOrigins).toEqual([dashboard, 'https://b.example.vn']);
    expect(loadHardeningConfig({ CHIBO_CORS_ORIGINS: '*' }, false).corsOrigins).toBe('*');
  });
});

describe('unexpected errors', () => {
  const query = { query: '{ criteriaSets { code } }' };

  /** Runs `work` while the CriteriaSet table is missing, so the store fails with its own message. */
  async function withoutCriteriaSetTable<T>(work: () => Promise<T>): Promise<T> {
    const prisma = database.current().prisma;
    await prisma.$executeRawUnsafe('ALTER TABLE "CriteriaSet" RENAME TO "CriteriaSetHidden"');
    try {
      return await work();
    } finally {
      await prisma.$executeRawUnsafe('ALTER TABLE "CriteriaSetHidden" RENAME TO "CriteriaSet"');
    }
  }

  it('shows outside development only "Unexpected error.": no store message, no SQL, no stack', async () => {
    const sent = await withoutCriteriaSetTable(() => send(productionApp(), query));
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({
      data: null,
      errors: [
        {
          message: 'Unexpected error.',
          locations: [{ line: 1, column: 3 }],
          path: ['criteriaSets'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
  });

  it('shows the store’s own message in development', async () => {
    const sent = await withoutCriteriaSetTable(() => send(developmentApp, query));
    const [error] = sent.body.errors ?? [];
    expect(error?.message).toBe('Unexpected error.');
    const original = error?.extensions?.originalError as { message: string; stack: string };
    expect(original.message).toMatch(/CriteriaSet/);
    expect(original.stack).toMatch(/\n\s+at /);
    // And the store is whole again afterwards.
    expect((await send(productionApp(), query)).body.errors).toBeUndefined();
  });
});
