// The first administrator, as a person makes one: `npm run seed` writes a store without users and
// says so, `npm run user` makes or updates a user on it (the embedded data folder, or DATABASE_URL),
// `npm run token` signs them in, and refuses a data folder that holds no store. Real commands,
// each on a data folder (or database) of its own.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { seedProvince } from '../src/seed/seed-province.js';
import { app } from './support/client.js';
import { storeName, useFreshDatabase } from './support/database.js';
import { runScript, startServer, stopServer, type RunningServer } from './support/processes.js';
import { wholeStore } from './support/store.js';

const store = useFreshDatabase();
const folders: string[] = [];
const servers: RunningServer[] = [];

async function dataFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chibo-user-'));
  folders.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(servers.map(stopServer));
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** `me` as the holder of a token, on a running server. */
async function me(url: string, token: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ me { email role displayName scopeUnit { code } } }' }),
  });
  return (await response.json()) as { data?: { me: { email: string; role: string; displayName: string; scopeUnit: { code: string } | null } } };
}

/** The users of the store in a data folder, and the audit log's entries about them, read while no process holds it. */
async function usersIn(dataDir: string) {
  const database = await openDatabase({ dataDir, command: 'the test' });
  try {
    const users = await database.prisma.user.findMany({ orderBy: { id: 'asc' }, include: { scopeUnit: true } });
    const audited = await database.prisma.auditLog.count({ where: { entity: 'User' } });
    return { users, audited };
  } finally {
    await database.close();
  }
}

describe('npm run token', () => {
  it('refuses a data folder that holds no store, saying why, and writes nothing there', async () => {
    const empty = await dataFolder();
    const result = await runScript('token', ['--email', 'ai.do@example.vn'], empty);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Refused: the data folder ${empty} holds no store`);
    expect(result.stderr).toContain('DATABASE_URL is not set');
    expect(await readdir(empty)).toEqual([]);

    const missing = path.join(empty, 'no-such-folder');
    expect((await runScript('token', [], missing)).code).toBe(1);
    expect(await readdir(empty)).toEqual([]);
  });
});

describe.skipIf(storeName === 'postgres')('the first administrator of an embedded store (real processes)', () => {
  it(
    'seed says nobody can sign in yet; npm run user makes an ADMIN of the whole country whose token the server accepts; while the server runs it refuses, naming it',
    { timeout: 300_000 },
    async () => {
      const dataDir = await dataFolder();
      const seed = await runScript('seed', ['--scale', '2'], dataDir);
      expect(seed.code).toBe(0);
      expect(seed.stdout).toContain(
        'No user can sign in yet: npm run user -- --email you@example.vn --role ADMIN, then npm run token -- --email you@example.vn',
      );

      const made = await runScript('user', ['--email', ' Bi.Thu@Example.VN ', '--role', 'admin'], dataDir);
      expect(made.stderr).toBe('');
      expect(made.code).toBe(0);
      expect(made.stdout).toMatch(/^Created user \d+, bi\.thu@example\.vn \("bi\.thu@example\.vn"\): ADMIN of the whole country\./);
      expect(made.stdout).toContain('npm run token -- --email bi.thu@example.vn');
      const token = await runScript('token', ['--email', 'bi.thu@example.vn'], dataDir);
      expect(token.code).toBe(0);

      const server = await startServer(dataDir);
      servers.push(server);
      expect(server.output.join('')).not.toContain('seeded a demo'); // the store had units: no demo users
      expect((await me(server.url, token.stdout.trim())).data?.me).toEqual({ email: 'bi.thu@example.vn', role: 'ADMIN', displayName: 'bi.thu@example.vn', scopeUnit: null });

      const busy = await runScript('user', ['--email', 'khac@example.vn', '--role', 'VIEWER'], dataDir);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain(`Refused: The data folder ${dataDir} is in use by the chibo server (pid ${server.pid}`);
      expect(busy.stderr).toContain(`Stop the server first (Ctrl-C in its terminal, or kill ${server.pid}), then run npm run user again`);
      expect(busy.stderr).toContain(`userCreate (or change one with userUpdate) in GraphiQL at ${server.url}`);
      await stopServer(server);

      const { users, audited } = await usersIn(dataDir);
      expect(users.map((user) => [user.email, user.role, user.scopeUnitId, user.active])).toEqual([['bi.thu@example.vn', 'ADMIN', null, true]]);
      expect(audited).toBe(1);
    },
  );

  it('updates the user with that email: role, scope by unit code, name, and back to the whole country; refuses bad options naming each, and writes nothing for them', { timeout: 300_000 }, async () => {
    const dataDir = await dataFolder();
    expect((await runScript('seed', ['--scale', '2'], dataDir)).code).toBe(0);
    expect((await runScript('user', ['--email', 'can.bo@example.vn', '--role', 'STAFF'], dataDir)).code).toBe(0);
    const [province] = await unitsIn(dataDir);

    const scoped = await runScript('user', ['--email', 'can.bo@example.vn', '--role', 'LEADER', '--unit', province!.code, '--name', '  Nguyễn   Thị Hoa '], dataDir);
    expect(scoped.stderr).toBe('');
    expect(scoped.stdout).toContain(
      `Updated user 1, can.bo@example.vn: role STAFF → LEADER; scope the whole country → ${province!.name} (${province!.code}) and the units under it; name "can.bo@example.vn" → "Nguyễn Thị Hoa".`,
    );
    const again = await runScript('user', ['--email', 'can.bo@example.vn', '--role', 'LEADER', '--unit', province!.code], dataDir);
    expect(again.stdout).toContain(`is already LEADER of ${province!.name} (${province!.code}) and the units under it: nothing to change.`);
    const national = await runScript('user', ['--email', 'can.bo@example.vn', '--role', 'ADMIN'], dataDir);
    expect(national.stdout).toContain(`scope ${province!.name} (${province!.code}) → the whole country. Now ADMIN of the whole country.`);

    const badEmail = await runScript('user', ['--email', 'can.bo@', '--role', 'ADMIN'], dataDir);
    expect([badEmail.code, badEmail.stderr.trim()]).toEqual([2, 'Refused: --email: must be an email address, got "can.bo@"']);
    const badRole = await runScript('user', ['--email', 'moi@example.vn', '--role', 'CHIEF'], dataDir);
    expect([badRole.code, badRole.stderr.trim()]).toEqual([2, 'Refused: --role: must be one of ADMIN, LEADER, STAFF, VIEWER, got "CHIEF"']);
    const badUnit = await runScript('user', ['--email', 'moi@example.vn', '--role', 'VIEWER', '--unit', 'XX-99'], dataDir);
    expect(badUnit.code).toBe(1);
    expect(badUnit.stderr).toContain(`Refused: --unit: no unit has the code "XX-99". Top units of the store: ${province!.code} (${province!.name})`);
    expect(badUnit.stdout).toBe('');

    const { users, audited } = await usersIn(dataDir);
    expect(users.map((user) => [user.email, user.role, user.scopeUnitId, user.displayName])).toEqual([['can.bo@example.vn', 'ADMIN', null, 'Nguyễn Thị Hoa']]);
    expect(audited).toBe(3); // made, changed twice; "nothing to change" wrote nothing
  });
});

/** The root units of the store in a data folder. */
async function unitsIn(dataDir: string) {
  const database = await openDatabase({ dataDir, command: 'the test' });
  try {
    return await database.prisma.orgUnit.findMany({ where: { parentId: null }, orderBy: { id: 'asc' } });
  } finally {
    await database.close();
  }
}

describe.skipIf(storeName === 'embedded')('the first administrator of a PostgreSQL store (DATABASE_URL)', () => {
  it('makes a user scoped to a unit by its code, whose token (minted beside an empty data folder) the app accepts', { timeout: 120_000 }, async () => {
    await seedProvince(store.current(), { scale: 2, seed: 3 });
    const province = await wholeStore().orgUnit.findFirstOrThrow({ where: { parentId: null } });
    const dataDir = await dataFolder();
    const env = { DATABASE_URL: store.url() };

    const made = await runScript('user', ['--email', 'tinh.uy@example.vn', '--role', 'LEADER', '--unit', province.code, '--name', 'Văn phòng Tỉnh ủy'], dataDir, env);
    expect(made.stderr).toBe('');
    expect(made.stdout).toContain(`: LEADER of ${province.name} (${province.code}) and the units under it.`);
    expect(await wholeStore().user.findUniqueOrThrow({ where: { email: 'tinh.uy@example.vn' } })).toMatchObject({ role: 'LEADER', scopeUnitId: province.id, displayName: 'Văn phòng Tỉnh ủy', active: true });
    expect(await wholeStore().auditLog.count({ where: { entity: 'User' } })).toBe(1);

    const token = await runScript('token', ['--email', 'tinh.uy@example.vn'], dataDir, env);
    expect(token.code).toBe(0);
    const response = await app.fetch('http://chibo.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.stdout.trim()}` },
      body: JSON.stringify({ query: '{ me { email role scopeUnit { code } } }' }),
    });
    expect(await response.json()).toEqual({ data: { me: { email: 'tinh.uy@example.vn', role: 'LEADER', scopeUnit: { code: province.code } } } });
  });
});
