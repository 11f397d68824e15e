// Builds one DuckDB snapshot file: the store's tables copied as of one moment, then the
// dimension and fact tables of analytics/sql/build/*.sql, in file-name order.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Database } from '../db/database.js';
import { copyStore } from './copy-store.js';

const buildSqlDir = fileURLToPath(new URL('../../analytics/sql/build', import.meta.url));

/**
 * DuckDB's memory while it builds. Without a limit it keeps up to 80% of the machine's memory
 * as cache, so a build's peak grew with the data; with one, joins spill to `<file>.tmp` on disk
 * past it. The roll-ups' sorts do not spill as well: at 100,000 cells (7 million meetings) the
 * cell-month roll-up ran out at 256 MB, 1 GB and 2 GB, and built at 3 GB with a peak of 2.6 GB
 * (at 10,000 cells the peak stays under 1 GB). Insertion order is not kept where no ORDER BY
 * asks for it, so more of the work can spill.
 */
const BUILD_MEMORY_LIMIT = '3GB';

export interface BuildProgress {
  phase: string;
  rowsDone: number;
}

export async function buildSnapshotFile(options: {
  database: Database;
  file: string;
  onProgress: (progress: BuildProgress) => void;
}): Promise<Record<string, number>> {
  const instance = await DuckDBInstance.create(options.file, { memory_limit: BUILD_MEMORY_LIMIT, preserve_insertion_order: 'false' });
  const duck = await instance.connect();
  try {
    const counts = await copyStore(options.database, instance, ({ tables, rowsDone }) =>
      options.onProgress({ phase: `copy ${tables.join(', ')}`, rowsDone }),
    );
    const rowsDone = Object.values(counts).reduce((sum, count) => sum + count, 0);
    for (const name of (await readdir(buildSqlDir)).filter((file) => file.endsWith('.sql')).sort()) {
      options.onProgress({ phase: `build ${name.replace(/^\d+_|\.sql$/g, '')}`, rowsDone });
      await duck.run(await readFile(path.join(buildSqlDir, name), 'utf8'));
    }
    await duck.run('CHECKPOINT');
    return counts;
  } finally {
    duck.closeSync();
    instance.closeSync();
  }
}
