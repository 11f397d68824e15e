// Writes RESULTS.md: the machine, the dataset, the snapshot build, the ten queries side by
// side (HTTP, PostgreSQL, bare DuckDB), whether their figures agree, and the targets.
import { writeFile } from 'node:fs/promises';
import type { Agreement } from './agreement.js';
import type { Dataset, DatasetFacts, DashboardUnits } from './dataset.js';
import type { Machine } from './machine.js';
import type { ReportResult } from './report-bench.js';
import type { BuildResult } from './snapshot-build.js';
import { ratio, type LatencySummary } from './stats.js';
import { TARGETS, type TargetVerdict, type TimedQuery } from './targets.js';

export interface QueryOutcome extends TimedQuery {
  field: string;
  agreement: Agreement;
}

export interface GeneralOutcome {
  key: string;
  title: string;
  field: string;
  http: LatencySummary;
  /** Asks about every province of a national store at once. */
  wholeStore: boolean;
}

export interface BenchRun {
  startedAt: Date;
  command: string;
  /** The commit measured (the server and its analytics engine as of it). */
  commit: string;
  machine: Machine;
  loadAtEnd: number;
  versions: { postgres: string; duckdb: string };
  dataset: Dataset;
  facts: DatasetFacts;
  units: DashboardUnits;
  build: BuildResult;
  server: { emptyRequest: LatencySummary; peakRssBytes: number | null };
  settings: { samples: number; postgresSamples: number; postgresBudgetSeconds: number; minPostgresSamples: number; warmups: number; postgresTimeoutSeconds: number };
  queries: QueryOutcome[];
  general: GeneralOutcome[];
  /** The province's term report in every format, or null when left out. */
  report: ReportResult | null;
  /** bench:serving's report on this store and snapshot, or null when left out. */
  serving: string | null;
  verdicts: TargetVerdict[];
}

const thousands = (n: number) => n.toLocaleString('en');
const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0)) : '–');
const pair = (s: LatencySummary) => `${ms(s.p50)} / ${ms(s.p95)}`;
const factor = (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(1) : n.toFixed(0)}×` : '–');
const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const gibibytes = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
/** Load average per core above which the results say the machine was busy. */
const BUSY_LOAD_PER_CORE = 1.5;

/**
 * The build's time split where its reported phases can be trusted: the copy of the store's
 * tables (long phases, one a table), and everything after it (the dimension and fact tables,
 * the checkpoint, the checksum and the publication: short steps the build reports at most twice
 * a second, so their own durations would be guesses).
 */
function phaseSummary(build: BuildResult): string {
  const copy = build.phases.filter((p) => p.phase.startsWith('copy')).reduce((sum, p) => sum + p.seconds, 0);
  const start = build.phases.filter((p) => p.phase === 'starting').reduce((sum, p) => sum + p.seconds, 0);
  const after = Math.max(0, build.seconds - copy - start);
  const slowest = build.phases
    .filter((p) => p.phase.startsWith('copy'))
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, 3)
    // A phase may name several tables copied side by side ("copy Meeting, MemberRating").
    .map((p) => `${p.phase.replace(/^copy /, '')} (${p.seconds.toFixed(1)} s)`);
  return (
    `starting ${start.toFixed(1)} s, copying the store's tables ${copy.toFixed(1)} s (longest: ${slowest.join('; ')}), ` +
    `building the dimension and fact tables and publishing ${after.toFixed(1)} s`
  );
}

export function renderResults(run: BenchRun): string {
  const { machine, facts, build, dataset, units } = run;
  const mismatched = run.queries.filter((q) => q.agreement.mismatches.length > 0);
  const compared = run.queries.reduce((sum, q) => sum + q.agreement.compared, 0);
  const atProvinceScale = facts.cells >= TARGETS.provinceCells * 0.9;
  const lines: string[] = [];
  const push = (...text: string[]) => lines.push(...text);

  push(
    '# Analytics benchmark',
    '',
    `Written by \`npm run bench\` ([analytics/bench/](.)) on ${run.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; ` +
      'run it again to refresh this file. How each figure is measured is under [Method](#method).',
    '',
    `\`${run.command}\``,
    '',
    `Commit measured: \`${run.commit}\` — the server's analytics engine as of that commit. The bench asks the server over HTTP and the store in ` +
      'plain SQL only, so it runs unchanged against another engine.',
    '',
  );
  if (mismatched.length > 0) {
    push(
      `> **MISMATCH: ${mismatched.length} of ${run.queries.length} queries answered figures that differ from the same figures computed on PostgreSQL.** ` +
        'See [Figures agree?](#figures-agree). The timings below are of answers that are wrong somewhere.',
      '',
    );
  }

  push(
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| CPU | ${machine.cpu}, ${machine.cores} cores |`,
    `| memory | ${gibibytes(machine.memoryBytes)} |`,
    `| system | ${machine.system} |`,
    `| Node.js | ${machine.node} |`,
    `| PostgreSQL | ${run.versions.postgres} (same machine) |`,
    `| DuckDB | ${run.versions.duckdb} (@duckdb/node-api) |`,
    `| load average (1 min) | ${machine.load.toFixed(1)} at the start, ${run.loadAtEnd.toFixed(1)} at the end (other processes share the cores) |`,
    '',
    '## Dataset',
    '',
    '| | |',
    '|---|---|',
    `| database | \`${dataset.databaseName}\` (${
      dataset.origin === 'given' ? 'given with --database-url' : dataset.origin === 'reused' ? 'seeded by an earlier run, reused' : `seeded now in ${dataset.seedSeconds?.toFixed(0)} s`
    }) |`,
    `| scale | ${thousands(facts.cells)} cells (${thousands(facts.cellsToday)} today), ${thousands(facts.members)} members, ${thousands(facts.meetings)} meetings, ${facts.years.from}–${facts.years.to} |`,
    `| rows copied into the snapshot | ${thousands(build.rows)} |`,
    `| size on disk | store (PostgreSQL database, tables and indexes) ${gibibytes(facts.storeBytes)}; snapshot file ${mebibytes(build.sizeBytes)} |`,
    `| units asked about | ${units.province.name} (province) and ${units.commune.name} (its largest commune-level committee) |`,
    '',
    `Rows by table: ${Object.entries(build.rowCounts)
      .sort(([, a], [, b]) => b - a)
      .map(([table, n]) => `${table} ${thousands(n)}`)
      .join(', ')}.`,
    '',
    '## Snapshot build',
    '',
    '| build time | rows | rows/s | file size | peak RSS of the build process |',
    '|---:|---:|---:|---:|---:|',
    `| ${build.seconds.toFixed(1)} s | ${thousands(build.rows)} | ${thousands(Math.round(build.rows / build.seconds))} | ${mebibytes(build.sizeBytes)} | ${mebibytes(build.peakRssBytes)} |`,
    '',
    `Phases (as the build reports them, read every 0.25 s): ${phaseSummary(build)}.`,
    '',
    '## Dashboard queries',
    '',
    `Latency in milliseconds, p50 / p95, one request at a time: ${run.settings.samples} timed runs over HTTP and on bare DuckDB, ` +
      `taking turns, after ${run.settings.warmups} untimed warm-ups; then on PostgreSQL ${run.settings.postgresSamples} timed runs after one warm-up, or fewer ` +
      `(n, at least ${run.settings.minPostgresSamples}) once they have taken ${run.settings.postgresBudgetSeconds} s. ` +
      'The figures-agree column counts the figures compared.',
    '',
    '| # | query | GraphQL field | rows | HTTP (server) | PostgreSQL (plain SQL) | bare DuckDB (floor) | PostgreSQL ÷ HTTP | HTTP ÷ DuckDB | figures agree |',
    '|---:|---|---|---:|---:|---:|---:|---:|---:|---|',
    ...run.queries.map(
      (q, i) =>
        `| ${i + 1} | ${q.title} | \`${q.field}\` | ${q.rows} | ${pair(q.http)} | ` +
        (q.postgresTimedOut
          ? `timed out (> ${run.settings.postgresTimeoutSeconds} s) | ${pair(q.floor)} | ≥ ${factor(ratio(run.settings.postgresTimeoutSeconds * 1000, q.http.p50))} | `
          : `${pair(q.postgres)}${q.postgres.samples < run.settings.postgresSamples ? ` (n ${q.postgres.samples})` : ''} | ${pair(q.floor)} | ${factor(ratio(q.postgres.p50, q.http.p50))} | `) +
        `${factor(ratio(q.http.p50, q.floor.p50))} | ` +
        `${q.postgresTimedOut ? 'not compared (timed out)' : q.agreement.mismatches.length === 0 ? `yes (${q.agreement.compared})` : `**NO: ${q.agreement.mismatches.length} differ**`} |`,
    ),
    '',
    `An empty GraphQL request (\`{ __typename }\`) takes ${pair(run.server.emptyRequest)} ms over HTTP: the fixed cost in every figure. ` +
      (run.server.peakRssBytes === null ? '' : `The server's peak RSS over the run: ${mebibytes(run.server.peakRssBytes)}.`),
    '',
    '## General queries',
    '',
    `\`measures\` and \`unitComparison\`, over HTTP only (no one plain-SQL form to hold them against), ${run.settings.samples} timed runs after ${run.settings.warmups} warm-ups, ms:`,
    '',
    '| query | GraphQL field | HTTP p50 / p95 |',
    '|---|---|---:|',
    ...run.general.map((q) => `| ${q.title}${q.wholeStore ? ' (every province: the whole store)' : ''} | \`${q.field}\` | ${pair(q.http)} |`),
    '',
    '## Term report',
    '',
    ...(run.report === null
      ? ['Left out (--no-report).']
      : [
          `The term report of ${run.report.unitName} for ${run.report.fromYear}–${run.report.toYear} in every format (what \`reportCreate\` and ` +
            '`npm run report` make), in a process of its own on the snapshot just built:',
          '',
          '| ready in | reading the figures | charts and files | files | size | peak RSS of the report process |',
          '|---:|---:|---:|---:|---:|---:|',
          `| ${run.report.seconds.toFixed(1)} s | ${run.report.readSeconds.toFixed(1)} s | ${run.report.writeSeconds.toFixed(1)} s | ` +
            `${run.report.files} (${Object.entries(run.report.byFormat).map(([format, n]) => `${n} ${format}`).join(', ')}) | ` +
            `${(run.report.bytes / 1024).toFixed(0)} KiB | ${mebibytes(run.report.peakRssBytes)} |`,
        ]),
    '',
    '## Concurrency and the answer cache',
    '',
    ...(run.serving === null
      ? ['Left out (--serving-seconds 0).']
      : [
          'From `npm run bench:serving` run by the bench on the same store and snapshot (its own report, headings moved down a level):',
          '',
          ...run.serving
            .split('\n')
            .filter((line) => !line.startsWith('# '))
            .map((line) => (line.startsWith('#') ? `#${line}` : line)),
        ]),
    '',
    '## Figures agree?',
    '',
  );
  if (mismatched.length === 0) {
    push(
      `Yes: all ${thousands(compared)} figures the PostgreSQL queries compute (every count of every row — the unit and each unit under it, ` +
        'or each period of a trend — and the average score to its rounding) equal what the server answered.',
    );
  } else {
    push(`**No.** ${mismatched.length} queries differ (up to 10 differences shown for each):`, '');
    for (const q of mismatched) {
      push(`- **${q.key}** (${q.agreement.mismatches.length} of ${q.agreement.compared}): ${q.agreement.mismatches.slice(0, 10).join('; ')}`);
    }
  }

  const busiest = Math.max(machine.load, run.loadAtEnd);
  push(
    '',
    '## Targets',
    '',
    // A load above the cores means other processes took turns with the bench's.
    ...(busiest > machine.cores * BUSY_LOAD_PER_CORE
      ? [
          `**The machine was busy:** a load average of up to ${busiest.toFixed(1)} on ${machine.cores} cores, from other processes. Every ` +
            'timing here, the p95s most, is longer than on a machine running the bench alone; the ratios between columns suffer less.',
          '',
        ]
      : []),
    facts.cells >= TARGETS.largeCells
      ? `Judged against the targets for ${thousands(TARGETS.largeCells)} cells and more (build time and memory, a province's dashboard, the whole store's queries); this run has ${thousands(facts.cells)} cells.`
      : atProvinceScale
        ? `Stated for province scale (~${thousands(TARGETS.provinceCells)} cells, ~180,000 members, five years); this run is at that scale. The cache and concurrency targets are judged in the section above.`
        : `Stated for province scale (~${thousands(TARGETS.provinceCells)} cells); **this run has ${thousands(facts.cells)} cells**, so the verdicts below say little about it.`,
    '',
    '| target | met | measured |',
    '|---|---|---|',
    ...run.verdicts.map((v) => `| ${v.target} | ${v.met ? 'yes' : '**no**'} | ${v.measured} |`),
    '',
  );
  for (const v of run.verdicts.filter((verdict) => !verdict.met)) push(`- **${v.target}: not met.** ${v.why}`);
  push(
    '',
    '## Method',
    '',
    `- **Dataset.** \`npm run bench -- --scale N\` creates \`chibo_bench_N\` on the local PostgreSQL and seeds it with the project's generator ` +
      '(`src/seed`, seed 1, 2021–2025) unless it already holds N cells; `--database-url` reuses any seeded store instead. ' +
      '`ANALYZE` runs first so the planner has statistics.',
    "- **Snapshot build.** A child process calls the project's snapshot service (what `snapshotCreate` and `npm run snapshot` run) and waits " +
      "until the file is published; build time is from the request to READY, peak RSS is that process's `maxRSS`.",
    "- **Term report.** A child process reads the province's term report (the five years up to the dataset's last) through the project's report code " +
      'and writes every format (workbook, Word document, a CSV a table, each chart as SVG and PNG) into a temporary folder, removed after; ' +
      "ready in is from the start to the last file written, peak RSS is that process's `maxRSS`.",
    '- **HTTP (server).** The real server (`src/server.ts`, `NODE_ENV=production`) in a child process on a free port, over PostgreSQL and ' +
      'the snapshot just built, without its rate limit, signed in as `bench@chibo.local` (an ADMIN whose scope is the province, with a token ' +
      'signed by a secret made for the run); each figure is a POST to `/graphql` with the whole dashboard selection (units named, every count and share), ' +
      "timed from the request to the parsed JSON answer (Node's fetch, keep-alive).",
    '- **PostgreSQL (plain SQL).** The same figures written as one SQL query each on the transactional store ' +
      '(`analytics/bench/postgres/*.sql`, subtrees by the materialised path), run through `pg` on one connection: what a team without snapshots would run.',
    '- **bare DuckDB (floor).** The measure engine\'s own statements for the figure\'s fixed request, with the parameters the server binds, on the snapshot file ' +
      'opened read-only with `@duckdb/node-api` in the bench process: no HTTP, no GraphQL, no unit labels.',
    '- **Figures agree.** Every field the PostgreSQL query returns is compared with the server\'s answer for every row; a difference is printed ' +
      'loudly here and on the console and makes the bench exit with status 1.',
    '- p50/p95 interpolate linearly between ranks. PostgreSQL ÷ HTTP and HTTP ÷ DuckDB compare p50s.',
    '',
  );
  return lines.join('\n');
}

export async function writeResults(file: string, run: BenchRun): Promise<void> {
  await writeFile(file, renderResults(run));
}
