// `npm run seed -- --scale N [--provinces P | --national] [--workers W] [--seed S]
// [--from-year 2021 --to-year 2025] [--reset]`: writes a deterministic world of N cells (one
// demo province, or P provinces) into the configured store and reports what it wrote. A
// PostgreSQL server is written with COPY from W threads side by side.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { migrateDatabase } from '../db/database.js';
import { defaultWorkers, seedWithCopy } from '../seed/seed-copy.js';
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
    provinces: { type: 'string' },
    national: { type: 'boolean', default: false },
    workers: { type: 'string' },
  },
});

/** The country's size: its 34 provinces and about 300,000 cells. */
const NATIONAL = { provinces: 34, scale: 300_000 };

const options = {
  scale: wholeNumber('scale', values.scale, values.national ? NATIONAL.scale : 60),
  provinces: wholeNumber('provinces', values.provinces, values.national ? NATIONAL.provinces : 1),
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
  const workers = wholeNumber('workers', values.workers, defaultWorkers());
  const how = config.databaseUrl ? `, COPY from ${workers} writer${workers === 1 ? '' : 's'}` : '';
  console.log(`Seeding ${options.scale} cells in ${options.provinces} province${options.provinces === 1 ? '' : 's'}, seed ${options.seed}, ${options.fromYear}–${options.toYear} into the ${where}${how}…`);
  let lastReport = 0;
  const onProgress = (done: number, total: number) => {
    const now = Date.now();
    if (now - lastReport > 5000) {
      lastReport = now;
      console.log(`  ${done}/${total} cells`);
    }
  };
  const result = config.databaseUrl
    ? await seedWithCopy(database, { ...options, databaseUrl: config.databaseUrl, workers, onProgress })
    : await seedProvince(database, { ...options, onProgress });
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
