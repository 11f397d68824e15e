// After `tsc` has compiled src/ into .build/src (npm run build): copies beside it the files the
// compiled code reads by their place relative to its own (the analytics SQL, the migrations,
// the printed schema), so `node .build/src/server.js` runs as `tsx src/server.ts` does.
import { cpSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const build = fileURLToPath(new URL('../../', import.meta.url));

for (const folder of ['analytics/sql', 'prisma/migrations', 'schema']) {
  rmSync(`${build}${folder}`, { recursive: true, force: true });
  cpSync(`${root}${folder}`, `${build}${folder}`, { recursive: true });
}
