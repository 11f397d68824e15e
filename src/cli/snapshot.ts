// `npm run snapshot -- --label "Số liệu đại hội 2025"`: builds a snapshot of the configured
// store with a progress bar, and reports what it wrote.
import { parseArgs } from 'node:util';
import { storeContext } from '../access/viewer-store.js';
import { loadConfig } from '../config.js';
import { useDatabase } from '../db/client.js';
import { migrateDatabase, openConfiguredDatabase } from '../db/database.js';
import { ConflictError, ValidationError } from '../errors.js';
import { createSnapshot, whenBuilt } from '../features/snapshots/snapshots.service.js';

const { values } = parseArgs({ options: { label: { type: 'string' } } });
const label = values.label ?? `Snapshot ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`;

const config = loadConfig();
const database = await openConfiguredDatabase(config);
useDatabase(database);
try {
  await migrateDatabase(database);
  const started = Date.now();
  const snapshot = await createSnapshot({ ctx: storeContext(database, null), input: { label }, query: {} });
  const total = await database.withSession(async (s) => {
    const [row] = await s.query<{ n: string }>(
      `SELECT sum(n_live_tup)::text AS n FROM pg_stat_user_tables WHERE relname NOT IN ('User', 'ApiKey', 'AuditLog', 'Snapshot', '_prisma_migrations')`,
    );
    return Number(row?.n) || 0;
  });
  const timer = setInterval(async () => {
    const state = await database.prisma.snapshot.findUnique({ where: { id: snapshot.id } });
    if (!state) return;
    const done = Number(state.rowsDone);
    const share = total > 0 ? Math.min(1, done / total) : 0;
    const bar = '█'.repeat(Math.round(share * 30)).padEnd(30, '░');
    process.stderr.write(`\r${bar} ${(share * 100).toFixed(0).padStart(3)}%  ${done.toLocaleString('vi-VN')} rows  ${state.phase ?? ''}`.padEnd(100));
  }, 500);
  await whenBuilt(snapshot.id);
  clearInterval(timer);
  process.stderr.write('\n');
  const built = await database.prisma.snapshot.findUniqueOrThrow({ where: { id: snapshot.id } });
  if (built.status !== 'READY') throw new Error(`the build failed: ${built.error}`);
  const seconds = (Date.now() - started) / 1000;
  const rows = Number(built.rowsDone);
  console.log(
    `Snapshot ${built.id} "${built.label}": ${rows} rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s), ` +
      `${(Number(built.sizeBytes) / 1024 / 1024).toFixed(1)} MB at ${config.snapshotDir}`,
  );
} catch (error) {
  if (error instanceof ConflictError || error instanceof ValidationError) console.error(`Refused: ${error.message}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
