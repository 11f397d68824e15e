// The demo province `npm start` writes into an empty embedded store, so a first run has
// something to show.
import type { Database } from '../db/database.js';
import { seedProvince } from './seed-province.js';

export const DEMO_SCALE = 60;
export const DEMO_SEED = 1;

/** Seeds the demo into an empty store; answers whether it did. */
export async function seedDemoIfEmpty(database: Database): Promise<boolean> {
  const units = await database.prisma.orgUnit.count();
  if (units > 0) return false;
  const result = await seedProvince(database, { scale: DEMO_SCALE, seed: DEMO_SEED });
  console.log(`The store was empty: seeded a demo province of ${DEMO_SCALE} cells (${result.totalRows} rows in ${(result.milliseconds / 1000).toFixed(1)} s)`);
  return true;
}
