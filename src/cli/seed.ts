// `npm run seed -- --scale N [--seed S] [--from-year 2021 --to-year 2025] [--reset]`: writes a
// deterministic demo province of N cells into the configured store and reports what it wrote.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { migrateDatabase } from '../db/database.js';
import { seedProvince, StoreNotEmptyError } from '../seed/seed-province.js';
import { openStoreOrExit } from './open-store.js';

function wholeNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) {
    console.error(`--${name} must be a whole number, got "${raw}"`);
    process.exit(2);
  }
  return value;
}

const { values } = parseArgs({
  options: {
    scale: { type: 'string' },
    seed: { type: 'string' },
    'from-year': { type: 'string' },
    'to-year': { type: 'string' },
    reset: { type: 'boolean', default: false },
  },
});

const options = {
  scale: wholeNumber('scale', values.scale, 60),
  seed: wholeNumber('seed', values.seed, 1),
  fromYear: wholeNumber('from-year', values['from-year'], 2021),
  toYear: wholeNumber('to-year', values['to-year'], 2025),
  reset: values.reset ?? false,
};

const config = loadConfig();
const database = await openStoreOrExit(config, 'npm run seed', {
  server: (holder) => `Stop the server first (Ctrl-C in its terminal, or kill ${holder.pid}), then run the seed again.`,
  tool: () => 'Wait for it to finish, then run the seed again.',
});
try {
  await migrateDatabase(database);
  const where = database.kind === 'embedded' ? `embedded store in ${config.dataDir}` : 'PostgreSQL';
  console.log(`Seeding ${options.scale} cells, seed ${options.seed}, ${options.fromYear}–${options.toYear} into the ${where}…`);
  let lastReport = 0;
  const result = await seedProvince(database, {
    ...options,
    onProgress(done, total) {
      const now = Date.now();
      if (now - lastReport > 5000) {
        lastReport = now;
        console.log(`  ${done}/${total} cells`);
      }
    },
  });
  const width = Math.max(...Object.keys(result.rows).map((name) => name.length));
  for (const [table, count] of Object.entries(result.rows)) console.log(`  ${table.padEnd(width)} ${String(count).padStart(12)}`);
  const seconds = result.milliseconds / 1000;
  console.log(`${result.totalRows} rows in ${seconds.toFixed(1)} s (${Math.round(result.totalRows / seconds)} rows/s)`);
  const admin = await database.prisma.user.findFirst({ where: { role: 'ADMIN', active: true }, orderBy: { id: 'asc' } });
  console.log(
    admin
      ? `Sign in as an ADMIN of the store: npm run token -- --email ${admin.email}`
      : 'No user can sign in yet: npm run user -- --email you@example.vn --role ADMIN, then npm run token -- --email you@example.vn',
  );
} catch (error) {
  if (error instanceof StoreNotEmptyError) {
    console.error(`Refused: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await database.close();
}
