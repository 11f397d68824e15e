// The bench's command line: `npm run bench -- [--scale N] [--database-url URL] …`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Cells of the generated province (about 18 members each). */
  scale: number;
  /** Whether --scale was given (with --database-url it is only checked). */
  scaleGiven: boolean;
  /** Provinces the seeded cells are spread over (a national store); 1 by default. */
  provinces: number;
  /** An already seeded PostgreSQL database to reuse instead of chibo_bench_<scale>. */
  databaseUrl: string | undefined;
  /** A database on the PostgreSQL server where chibo_bench_<scale> is created. */
  postgresUrl: string;
  /** Timed requests per query over HTTP and on bare DuckDB. */
  samples: number;
  /** Timed runs per query on PostgreSQL (each takes much longer). */
  postgresSamples: number;
  /** Seconds of timed PostgreSQL runs per query after which sampling stops (at least 5 runs). */
  postgresBudgetSeconds: number;
  /** Untimed runs before the timed ones. */
  warmups: number;
  keepSnapshot: boolean;
  /** Where the table is written. */
  resultsFile: string;
  /** Folder of the snapshot files the bench builds. */
  snapshotDir: string | undefined;
  /** PostgreSQL's statement_timeout on the plain-SQL baselines, seconds. */
  postgresTimeoutSeconds: number;
  /** Seconds each load of the concurrency section (bench:serving) runs; 0 leaves the section out. */
  servingSeconds: number;
  /** Whether the province's term report is timed. */
  report: boolean;
  /** Only one section, written into the results file in place of its earlier version: `imports` (imports and single mutations). */
  only: 'imports' | undefined;
}

const usage = `npm run bench -- [--scale 1000 [--provinces 1]] [--database-url postgresql://…/db] [--postgres-url postgresql://…/postgres]
                    [--samples 60] [--postgres-samples 20] [--postgres-budget 60] [--warmups 3] [--keep-snapshot]
                    [--snapshot-dir DIR] [--out analytics/bench/RESULTS.md] [--postgres-timeout 60]
                    [--serving-seconds 10 (0: no concurrency section)] [--no-report] [--only imports]`;

function positiveWhole(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of at least 1, got "${raw}"\n${usage}`);
  return value;
}

export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string' },
      provinces: { type: 'string' },
      'database-url': { type: 'string' },
      'postgres-url': { type: 'string' },
      samples: { type: 'string' },
      'postgres-samples': { type: 'string' },
      'postgres-budget': { type: 'string' },
      warmups: { type: 'string' },
      'keep-snapshot': { type: 'boolean', default: false },
      'snapshot-dir': { type: 'string' },
      out: { type: 'string' },
      'postgres-timeout': { type: 'string' },
      'serving-seconds': { type: 'string' },
      'no-report': { type: 'boolean', default: false },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  if (values.only !== undefined && values.only !== 'imports') throw new Error(`--only takes "imports", got "${values.only}"\n${usage}`);
  return {
    scale: positiveWhole('scale', values.scale, 1000),
    scaleGiven: values.scale !== undefined,
    provinces: positiveWhole('provinces', values.provinces, 1),
    databaseUrl: values['database-url'],
    postgresUrl: values['postgres-url'] ?? process.env.CHIBO_BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    samples: positiveWhole('samples', values.samples, 60),
    postgresSamples: positiveWhole('postgres-samples', values['postgres-samples'], 20),
    postgresBudgetSeconds: positiveWhole('postgres-budget', values['postgres-budget'], 60),
    warmups: positiveWhole('warmups', values.warmups, 3),
    keepSnapshot: values['keep-snapshot'] ?? false,
    resultsFile: path.resolve(values.out ?? fileURLToPath(new URL('./RESULTS.md', import.meta.url))),
    snapshotDir: values['snapshot-dir'],
    postgresTimeoutSeconds: positiveWhole('postgres-timeout', values['postgres-timeout'], 60),
    servingSeconds: values['serving-seconds'] === '0' ? 0 : positiveWhole('serving-seconds', values['serving-seconds'], 10),
    report: !(values['no-report'] ?? false),
    only: values.only,
  };
}
