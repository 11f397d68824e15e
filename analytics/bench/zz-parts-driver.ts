import { loadConfig } from '../../src/config.js';
import { useDatabase } from '../../src/db/client.js';
import { migrateDatabase, openDatabase } from '../../src/db/database.js';
import { loadSigningKeys } from '../../src/auth/signing-keys.js';
import { mintToken } from '../../src/auth/tokens.js';
import { localId } from '../../src/graphql/ids.js';
import { unitCreateParts } from './mutation-parts.js';
process.env.CHIBO_JWT_SECRET ||= 'bench-secret-of-chibo-imports-not-for-production';
const config = loadConfig();
const database = await openDatabase({ inMemory: true });
await migrateDatabase(database);
useDatabase(database);
const { createApp } = await import('../../src/app.js');
const app = createApp({ config, development: true });
const email = 'bench-admin@chibo.test';
const admin = await database.prisma.user.create({ data: { email, displayName: 'Bench', role: 'ADMIN', scopeUnitId: null } });
const authorization = `Bearer ${await mintToken(await loadSigningKeys(config), config, email, 2)}`;
const gql = async (query: string, variables: unknown) => {
  const r = await app.fetch('http://bench/graphql', { method: 'POST', body: JSON.stringify({ query, variables }), headers: { authorization, 'content-type': 'application/json' } });
  const a = await r.json() as any; if (a.errors) throw new Error(JSON.stringify(a)); return a.data;
};
const p = await gql('mutation($input: UnitCreateInput!) { unitCreate(input: $input) { ... on UnitCreateSuccess { data { id } } } }', { input: { code: 'PB', name: 'Tỉnh', kind: 'PROVINCE', validFrom: '1990-01-01' } });
const gid = p.unitCreate.data.id;
const viewer = { userId: admin.id, email, apiKeyId: null, role: 'ADMIN' as const, scopeUnitId: null, scopePath: '/' };
for (let round = 0; round < 1; round++) {
  const parts = await unitCreateParts({ database, gql, viewer, parent: { globalId: gid, id: localId(gid, 'Unit', 'x') }, samples: 40 });
  for (const part of parts) console.log(part.p50Ms.toFixed(1).padStart(6), part.cpuMs.toFixed(1).padStart(6), part.name);
}
const { timeRuns } = await import('./mutation-parts.js');
const { storeContext } = await import('../../src/access/viewer-store.js');
const { write } = await import('../../src/db/write.js');
const ctx = storeContext(database, viewer);
const id = localId(gid, 'Unit', 'x');
for (const part of [
  await timeRuns('write + raw select', 40, () => write(ctx, (tx) => tx.$queryRaw`SELECT * FROM "OrgUnit" WHERE id = ${id}`)),
  await timeRuns('write + findUnique', 40, () => write(ctx, (tx) => tx.orgUnit.findUnique({ where: { id } }))),
  await timeRuns('write + 5 findUnique', 40, async () => write(ctx, async (tx) => { for (let k = 0; k < 5; k++) await tx.orgUnit.findUnique({ where: { id } }); })),
  await timeRuns('write + 5 raw', 40, async () => write(ctx, async (tx) => { for (let k = 0; k < 5; k++) await tx.$queryRaw`SELECT * FROM "OrgUnit" WHERE id = ${id}`; })),
  await timeRuns('owner: 5 findUnique', 40, async () => { for (let k = 0; k < 5; k++) await database.prisma.orgUnit.findUnique({ where: { id } }); }),
  await timeRuns('owner: 5 raw', 40, async () => { for (let k = 0; k < 5; k++) await database.prisma.$queryRaw`SELECT * FROM "OrgUnit" WHERE id = ${id}`; }),
]) console.log(part.p50Ms.toFixed(1).padStart(6), part.cpuMs.toFixed(1).padStart(6), part.name);
process.exit(0);
