// The demo province `npm start` writes into an empty embedded store, so a first run has
// something to show.
import type { Database } from '../db/database.js';
import { seedProvince } from './seed-province.js';

export const DEMO_SCALE = 60;
export const DEMO_SEED = 1;
/** `npm run token -- --email admin@chibo.local` signs in as the demo's administrator. */
export const DEMO_ADMIN_EMAIL = 'admin@chibo.local';

/** Seeds the demo into an empty store; answers whether it did. */
export async function seedDemoIfEmpty(database: Database): Promise<boolean> {
  const units = await database.prisma.orgUnit.count();
  if (units > 0) return false;
  const result = await seedProvince(database, { scale: DEMO_SCALE, seed: DEMO_SEED });
  await seedDemoUsers(database);
  console.log(`The store was empty: seeded a demo province of ${DEMO_SCALE} cells (${result.totalRows} rows in ${(result.milliseconds / 1000).toFixed(1)} s)`);
  return true;
}

/** One user of each role, so each can be tried: the province's ADMIN and VIEWER, a LEADER and a STAFF of one grassroots organisation. */
async function seedDemoUsers(database: Database): Promise<void> {
  const db = database.prisma;
  const province = await db.orgUnit.findFirstOrThrow({ where: { parentId: null }, orderBy: { id: 'asc' } });
  const grassroots = await db.orgUnit.findFirstOrThrow({ where: { kind: 'GRASSROOTS', validTo: null }, orderBy: { id: 'asc' } });
  await db.user.createMany({
    data: [
      { email: DEMO_ADMIN_EMAIL, displayName: 'Quản trị hệ thống', role: 'ADMIN', scopeUnitId: province.id },
      { email: 'xem@chibo.local', displayName: 'Người xem của Tỉnh ủy', role: 'VIEWER', scopeUnitId: province.id },
      { email: 'lanhdao@chibo.local', displayName: `Lãnh đạo ${grassroots.name}`, role: 'LEADER', scopeUnitId: grassroots.id },
      { email: 'canbo@chibo.local', displayName: `Cán bộ ${grassroots.name}`, role: 'STAFF', scopeUnitId: grassroots.id },
    ],
  });
}
