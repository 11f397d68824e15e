// Builds one snapshot of the store DATABASE_URL names, into CHIBO_SNAPSHOT_DIR, through the
// project's own service (the path of snapshotCreate and `npm run snapshot`), in a process of
// its own so that its peak memory is the build's. Prints the outcome as one JSON line.
import { storeContext } from '../../src/access/viewer-store.js';
import { loadConfig } from '../../src/config.js';
import { useDatabase } from '../../src/db/client.js';
import { migrateDatabase, openConfiguredDatabase } from '../../src/db/database.js';
import { createSnapshot, snapshotFile, whenBuilt } from '../../src/features/snapshots/snapshots.service.js';
import { BUILD_RESULT_MARK, type BuildResult } from './snapshot-build.js';

// The build records its phase in the store about twice a second; reading it as often gives
// each phase's duration to within half a second.
const WATCH_EVERY_MS = 250;
const PRINT_EVERY_MS = 5000;

const config = loadConfig();
const database = await openConfiguredDatabase(config);
useDatabase(database);
try {
  await migrateDatabase(database);
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const snapshot = await createSnapshot({ ctx: storeContext(database, null), input: { label: process.argv[2] ?? 'Benchmark' }, query: {} });
  const phaseStarts: { phase: string; at: number }[] = [];
  let lastPrint = 0;
  const watch = setInterval(async () => {
    const state = await database.prisma.snapshot.findUnique({ where: { id: snapshot.id }, select: { phase: true, rowsDone: true } });
    const phase = state?.phase ?? 'starting';
    if (phaseStarts.at(-1)?.phase !== phase) phaseStarts.push({ phase, at: elapsed() });
    if (performance.now() - lastPrint > PRINT_EVERY_MS) {
      lastPrint = performance.now();
      process.stderr.write(`  ${elapsed().toFixed(0).padStart(4)} s  ${phase}, ${state?.rowsDone ?? 0} rows\n`);
    }
  }, WATCH_EVERY_MS);
  await whenBuilt(snapshot.id);
  const seconds = elapsed();
  clearInterval(watch);
  const built = await database.prisma.snapshot.findUniqueOrThrow({ where: { id: snapshot.id } });
  if (built.status !== 'READY') throw new Error(`snapshot ${built.id} is ${built.status}: ${built.error ?? 'no reason given'}`);
  const result: BuildResult = {
    snapshotId: built.id,
    file: snapshotFile(built.id),
    asOf: built.asOf.toISOString(),
    seconds,
    rows: Number(built.rowsDone),
    rowCounts: (built.rowCounts ?? {}) as Record<string, number>,
    sizeBytes: Number(built.sizeBytes),
    // resourceUsage() reports kilobytes: the most this process (store reader, DuckDB, Node) ever held.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    phases: phaseStarts.map(({ phase, at }, i) => ({ phase, seconds: (phaseStarts[i + 1]?.at ?? seconds) - at })),
  };
  console.log(`${BUILD_RESULT_MARK}${JSON.stringify(result)}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
