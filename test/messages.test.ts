// Messages in the reader's language: every kind of failure asked over a real HTTP connection
// with and without "Accept-Language: vi". The expected words are written here, from the
// catalogue's intent, not read back from the code.
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { whenBuilt } from '../src/features/snapshots/snapshots.service.js';
import { globalId, localId } from '../src/graphql/ids.js';
import { requestLanguage } from '../src/http/language.js';
import { inMemoryResultStore } from '../src/http/result-store.js';
import { catalogue, LANGUAGES } from '../src/text/messages.js';
import { bearer, userWith } from './support/auth.js';
import { useFreshDatabase } from './support/database.js';
import { createTree } from './support/factories.js';

useFreshDatabase();

const results = inMemoryResultStore(1 << 20);
let server: Server;
let endpoint: string;
let tree: Awaited<ReturnType<typeof createTree>>;
let snapshotDir: string;

interface Answer {
  status: number;
  body: { data?: Record<string, Record<string, unknown>> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** The operation over HTTP, as a client sends it, in the language asked for (none: the default). */
async function ask(authorization: string | null, query: string, variables: Record<string, unknown>, language?: string): Promise<Answer> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(authorization ? { authorization } : {}),
      ...(language ? { 'accept-language': language } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

beforeAll(async () => {
  snapshotDir = await mkdtemp(path.join(os.tmpdir(), 'chibo-messages-'));
  process.env.CHIBO_SNAPSHOT_DIR = snapshotDir;
  server = createServer(createApp({ development: false, resultStore: results }));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  tree = await createTree();
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(snapshotDir, { recursive: true, force: true });
});

const UnitCreate = `
  mutation MessagesUnitCreate($input: UnitCreateInput!) {
    unitCreate(input: $input) {
      __typename
      ... on Error { code message }
      ... on ValidationError { issues { field label code message } }
      ... on NotFoundError { field label entity id }
      ... on ForbiddenError { field label }
    }
  }
`;

describe('the catalogue', () => {
  it('has every message in both languages, each giving text for its parameters', () => {
    const params = { count: 2, entity: 'unit', id: '7', scope: 'Xã A', min: 1, max: 5, text: 'x', fields: 'code' };
    const filled = new Proxy(params, { get: (target, key) => (target as Record<string | symbol, unknown>)[key] ?? 'X' });
    for (const [code, entry] of Object.entries(catalogue)) {
      const [en, vi] = LANGUAGES.map((language) => (entry[language] as (p: Record<string, unknown>) => string)(filled));
      expect(en!.length, `${code} in English`).toBeGreaterThan(0);
      expect(vi, `${code} in Vietnamese`).not.toBe(en);
    }
    // The codes are what a client branches on: upper case words, none repeated by construction.
    expect(Object.keys(catalogue).every((code) => /^[A-Z][A-Z0-9_]*$/.test(code))).toBe(true);
  });

  it('negotiates the language from Accept-Language, English when Vietnamese is not preferred', () => {
    const of = (header?: string) => requestLanguage(new Request('http://x/', { headers: header ? { 'accept-language': header } : {} }));
    expect(of()).toBe('en');
    expect(of('vi')).toBe('vi');
    expect(of('vi-VN,vi;q=0.9,en;q=0.5')).toBe('vi');
    expect(of('fr-FR, vi;q=0.5')).toBe('vi');
    expect(of('en-US,en;q=0.9,vi;q=0.1')).toBe('en');
    expect(of('fr')).toBe('en');
    expect(of('*')).toBe('en');
  });
});

describe('typed errors over HTTP', () => {
  it('names each field of a zod validation failure by path and Vietnamese label, with a code, in the language asked', async () => {
    const admin = await bearer();
    const input = { name: '   ', kind: 'CELL', category: 'HAMLET', parentId: tree.commune.id, code: 'không hợp lệ', validFrom: '2020-01-01' };
    const vi = await ask(admin, UnitCreate, { input }, 'vi-VN,vi;q=0.9');
    const en = await ask(admin, UnitCreate, { input });
    expect(vi.body.data?.unitCreate).toMatchObject({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      issues: expect.arrayContaining([
        { field: 'input.code', label: 'Mã', code: 'CODE_CHARACTERS', message: 'chỉ được gồm chữ cái A–Z, chữ số, ".", "_" và "-"' },
        { field: 'input.name', label: 'Tên', code: 'NOT_EMPTY', message: 'không được để trống' },
      ]),
    });
    const viMessage = (vi.body.data?.unitCreate as { message: string }).message;
    expect(viMessage).toMatch(/^Dữ liệu nhập có 2 lỗi: /);
    expect(viMessage).toContain('Tên (input.name): không được để trống');
    expect(viMessage).toContain('Mã (input.code): chỉ được gồm chữ cái A–Z');
    expect(en.body.data?.unitCreate).toMatchObject({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      issues: expect.arrayContaining([
        { field: 'input.name', label: 'Tên', code: 'NOT_EMPTY', message: 'must not be empty' },
        { field: 'input.code', label: 'Mã', code: 'CODE_CHARACTERS', message: 'may hold only letters A–Z, digits, ".", "_" and "-"' },
      ]),
    });
    expect((en.body.data?.unitCreate as { message: string }).message).toMatch(/^The input has 2 problems: /);
  });

  it('answers a rule of the domain (a cell without its category) in Vietnamese', async () => {
    const admin = await bearer();
    const input = { name: 'Chi bộ ấp Tân Long', code: 'MSG.CELL', kind: 'CELL', parentId: tree.commune.id, validFrom: '2020-01-01' };
    const vi = await ask(admin, UnitCreate, { input }, 'vi');
    expect(vi.body.data?.unitCreate).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Loại hình chi bộ (input.category): chi bộ cần có loại hình (thôn/ấp, cơ quan, đơn vị sự nghiệp, …)',
      issues: [{ field: 'input.category', label: 'Loại hình chi bộ', code: 'CELL_NEEDS_CATEGORY' }],
    });
  });

  it('answers not-found with its code, the entity in Vietnamese and the field by its label', async () => {
    const admin = await bearer();
    const input = { name: 'Xã Mới', code: 'MSG.NEW', kind: 'GRASSROOTS', parentId: globalId('Unit', 987_654), validFrom: '2020-01-01' };
    const vi = await ask(admin, UnitCreate, { input }, 'vi');
    const en = await ask(admin, UnitCreate, { input }, 'en');
    expect(vi.body.data?.unitCreate).toEqual({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
      message:
        'Tổ chức cấp trên (input.parentId): không có tổ chức đảng nào có mã 987654 trong phạm vi của bạn (toàn quốc): ' +
        'bạn chỉ tạo và chuyển tổ chức trong phạm vi đó',
      field: 'input.parentId',
      label: 'Tổ chức cấp trên',
      entity: 'unit',
      id: '987654',
    });
    expect(en.body.data?.unitCreate).toMatchObject({
      code: 'NOT_FOUND',
      message: 'input.parentId: no unit with id 987654 in your subtree (the whole country): you create and move units only within it',
    });
  });

  it('answers forbidden: a unit outside the scope as a typed error, a mutation beyond the role at the top', async () => {
    const scopedAdmin = await userWith('ADMIN', localId(tree.commune.id, 'Unit', 'id'));
    const input = { name: 'Tỉnh Khác', code: 'MSG.PROVINCE', kind: 'PROVINCE', validFrom: '2020-01-01' };
    const vi = await ask(scopedAdmin, UnitCreate, { input }, 'vi');
    expect(vi.body.data?.unitCreate).toMatchObject({ __typename: 'ForbiddenError', code: 'FORBIDDEN', field: 'input.parentId', label: 'Tổ chức cấp trên' });
    expect((vi.body.data?.unitCreate as { message: string }).message).toBe(
      'Tổ chức cấp trên (input.parentId): tổ chức không có cấp trên nằm ngoài phạm vi của bạn (Xã Hòa An): chỉ quản trị viên toàn quốc mới tạo được; ' +
        'hãy chọn tổ chức cấp trên (parentId) trong phạm vi của bạn',
    );
    const en = await ask(scopedAdmin, UnitCreate, { input });
    expect((en.body.data?.unitCreate as { message: string }).message).toContain('only an administrator of the whole country creates one');

    const viewer = await userWith('VIEWER', null);
    const refusedVi = await ask(viewer, UnitCreate, { input }, 'vi');
    const refusedEn = await ask(viewer, UnitCreate, { input });
    expect(refusedVi.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NEEDS_ROLE' });
    expect(refusedVi.body.errors?.[0]?.message).toMatch(/^unitCreate cần vai trò Quản trị.*; vai trò của yêu cầu này là Người xem$/);
    expect(refusedEn.body.errors?.[0]?.message).toMatch(/^unitCreate needs the role ADMIN.*; this request’s role is VIEWER$/);
  });

  it('shows an error at the top of a query (a malformed id) with its issues in the language asked', async () => {
    const admin = await bearer();
    const query = 'query MessagesCriteria($id: ID!) { criteriaSetFor(cellId: $id, on: "2025-01-01") { id } }';
    const vi = await ask(admin, query, { id: 'khong-phai-ma' }, 'vi');
    const en = await ask(admin, query, { id: 'khong-phai-ma' });
    const issueOf = (answer: Answer) => (answer.body.errors ?? []).flatMap((error) => (error.extensions?.issues as unknown[]) ?? []);
    expect(issueOf(vi)).toContainEqual({ field: 'cellId', label: 'Chi bộ', code: 'NOT_AN_ID', message: '"khong-phai-ma" không phải là mã định danh' });
    expect(vi.body.errors?.[0]).toMatchObject({ message: 'Chi bộ (cellId): "khong-phai-ma" không phải là mã định danh', extensions: { code: 'BAD_USER_INPUT', reason: 'VALIDATION_FAILED' } });
    expect(en.body.errors?.[0]?.message).toBe('cellId: "khong-phai-ma" is not an id');
    expect(issueOf(en)).toContainEqual({ field: 'cellId', label: 'Chi bộ', code: 'NOT_AN_ID', message: '"khong-phai-ma" is not an id' });
  });

  it('asks for credentials in the language asked', async () => {
    const vi = await ask(null, '{ units(first: 1) { totalCount } }', {}, 'vi');
    expect(vi.status).toBe(401);
    expect(vi.body.errors?.[0]?.message).toBe('cần đăng nhập: gửi "Authorization: Bearer <token hoặc khóa API>" (xem README, mục "Access")');
    const en = await ask(null, '{ units(first: 1) { totalCount } }', {});
    expect(en.body.errors?.[0]?.message).toMatch(/^sign in: send "Authorization: Bearer/);
  });
});

const CriteriaSetCreate = `
  mutation MessagesCriteriaSet($input: CriteriaSetCreateInput!) {
    criteriaSetCreate(input: $input) {
      __typename
      ... on Error { code message }
      ... on ValidationError { issues { field label code message } }
    }
  }
`;

const ThematicPlanRegister = `
  mutation MessagesThematicPlan($input: ThematicPlanRegisterInput!) {
    thematicPlanRegister(input: $input) {
      __typename
      ... on Error { code message }
      ... on ValidationError { issues { field label code message } }
    }
  }
`;

describe('messages moved into the catalogue, over HTTP', () => {
  const bands = [
    { level: 'GOOD', minScore: 90 },
    { level: 'FAIR', minScore: 70 },
    { level: 'AVERAGE', minScore: 50 },
    { level: 'POOR', minScore: 0 },
  ];
  const setInput = (issuedByUnitId: string, maxPoints: number[]) => ({
    code: `MSG-${maxPoints.join('-')}-${issuedByUnitId.length}`,
    name: 'Bộ tiêu chí thử',
    decisionNumber: '01-HD/TU',
    issuedByUnitId,
    validFrom: '2025-01-01',
    criteria: maxPoints.map((points, index) => ({ code: `T${index + 1}`, name: `Tiêu chí ${index + 1}`, maxPoints: points })),
    bands,
  });

  it('says a refinement with figures (criteria not adding up to 100) in each language, naming the other field by its heading', async () => {
    const admin = await bearer();
    const input = setInput(tree.province.id, [60, 30]);
    const vi = await ask(admin, CriteriaSetCreate, { input }, 'vi');
    const en = await ask(admin, CriteriaSetCreate, { input }, 'en-US,en;q=0.9,vi;q=0.1');
    expect(vi.body.data?.criteriaSetCreate).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ field: 'input.criteria', label: 'Tiêu chí', code: 'MAX_POINTS_SUM', message: 'tổng «Điểm tối đa» là 90; phải bằng 100' }],
    });
    expect(en.body.data?.criteriaSetCreate).toMatchObject({
      issues: [{ field: 'input.criteria', code: 'MAX_POINTS_SUM', message: 'the maxPoints add up to 90; they must add up to 100' }],
    });
  });

  it('says a rule of the service (a set issued below a province) with the unit kind in Vietnamese', async () => {
    const admin = await bearer();
    const input = setInput(tree.commune.id, [60, 40]);
    const vi = await ask(admin, CriteriaSetCreate, { input }, 'vi');
    const en = await ask(admin, CriteriaSetCreate, { input });
    expect(vi.body.data?.criteriaSetCreate).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Cấp ban hành (input.issuedByUnitId): bộ tiêu chí do tỉnh ủy ban hành; Xã Hòa An là Đảng bộ cơ sở',
      issues: [{ field: 'input.issuedByUnitId', code: 'ISSUED_BY_PROVINCE' }],
    });
    expect((en.body.data?.criteriaSetCreate as { message: string }).message).toBe(
      'input.issuedByUnitId: criteria sets are issued by a province committee; Xã Hòa An is a GRASSROOTS',
    );
  });

  it('says which quarters lack a thematic topic in each language', async () => {
    const admin = await bearer();
    const input = { cellId: tree.cellA.id, year: 2025, registeredOn: '2025-01-10', items: [1, 2].map((quarter) => ({ quarter, topic: `Chuyên đề quý ${quarter}` })) };
    const vi = await ask(admin, ThematicPlanRegister, { input }, 'vi');
    const en = await ask(admin, ThematicPlanRegister, { input });
    expect(vi.body.data?.thematicPlanRegister).toMatchObject({
      issues: [{ field: 'input.items', code: 'QUARTERS_WITHOUT_TOPIC', message: 'quý 3, 4 chưa có chủ đề: mỗi quý phải sinh hoạt chuyên đề ít nhất một lần' }],
    });
    expect(en.body.data?.thematicPlanRegister).toMatchObject({
      issues: [{ field: 'input.items', code: 'QUARTERS_WITHOUT_TOPIC', message: 'no topic for quarter 3, 4: a thematic meeting is due at least once a quarter' }],
    });
  });
});

describe('cached analytics answers', () => {
  it('keeps an answer per language, so a Vietnamese reader is never sent an English one', async () => {
    const admin = await bearer();
    const created = await ask(admin, 'mutation MessagesSnapshot { snapshotCreate(input: { label: "Ngôn ngữ" }) { ... on SnapshotCreateSuccess { data { id } } } }', {});
    const snapshotId = (created.body.data?.snapshotCreate as { data: { id: string } }).data.id;
    await whenBuilt(localId(snapshotId, 'Snapshot', 'id'));
    const query = 'query MessagesRegularity($unitId: ID!) { meetingRegularity(unitId: $unitId, year: 2025) { total { cells } } }';
    const before = results.usage().entries;
    const en = await ask(admin, query, { unitId: tree.province.id });
    const vi = await ask(admin, query, { unitId: tree.province.id }, 'vi');
    const viAgain = await ask(admin, query, { unitId: tree.province.id }, 'vi');
    expect(en.body.errors).toBeUndefined();
    expect(vi.body).toEqual(en.body);
    expect(viAgain.body).toEqual(vi.body);
    expect(results.usage().entries - before).toBe(2);
  });
});
