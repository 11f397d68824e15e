// `npm run bench`: the analytics benchmark. Prepares a dataset, builds
// a snapshot, starts the real server, and times ten dashboard queries over HTTP, as plain SQL
// on PostgreSQL and as bare SQL on the snapshot file, checking that the figures agree; writes
// analytics/bench/RESULTS.md, then adds the section on imports and single mutations on the
// embedded store (import-bench.ts; `--only imports` runs that alone and replaces its section).
// Not a test: timings depend on the machine.
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { globalId } from '../../src/graphql/ids.js';
import { prepareAccess } from './bench-access.js';
import { dashboardQueries } from './dashboard-queries.js';
import { analyse, comparedUnits, dashboardUnits, describeDataset, prepareDataset } from './dataset.js';
import { generalQueries } from './general-queries.js';
import { openSnapshotFloor } from './duckdb-floor.js';
import { currentLoad, describeMachine } from './machine.js';
import { measureQuery, type Sampling } from './measure-query.js';
import { parseBenchOptions } from './options.js';
import { openPostgresBaseline } from './postgres-baseline.js';
import { repoRoot, runTypeScript } from './processes.js';
import { timeReport, type ReportResult } from './report-bench.js';
import { writeResults, type GeneralOutcome, type QueryOutcome } from './report.js';
import { startServer } from './server-runner.js';
import { buildSnapshot } from './snapshot-build.js';
import { summarise, timeRepeatedly } from './stats.js';
import { judgeTargets } from './targets.js';

/** Fewest timed PostgreSQL runs of a query, however long each takes. */
const MIN_POSTGRES_SAMPLES = 5;

const options = parseBenchOptions(process.argv.slice(2));
/** Imports and single mutations, on a fresh embedded store of their own: a section of the results file. */
const importsSection = () => runTypeScript('analytics/bench/import-bench.ts', ['--out', options.resultsFile], {});
if (options.only === 'imports') {
  await importsSection();
  process.exit(0);
}
/** The commit measured: the server's engine is whatever this commit holds. */
const commit = (() => {
  const git = (args: string[]) => spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).stdout?.trim() ?? '';
  const id = git(['rev-parse', '--short', 'HEAD']);
  return id ? `${id}${git(['status', '--porcelain', '--untracked-files=no']) ? ' (with uncommitted changes)' : ''}` : 'unknown';
})();
const startedAt = new Date();
const machine = describeMachine();
const clock = () => `[${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4)} s]`;
const say = (text: string) => console.log(`${clock()} ${text}`);
/** The command as run, without a password in a URL. */
const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.replace(/(\/\/[^:/@\s]+):[^@\s]+@/g, '$1:***@').trim();

say(`chibo analytics bench: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`);
const dataset = await prepareDataset(options);
say(`dataset: ${dataset.databaseName} (${dataset.origin}); analysing its tables`);
await analyse(dataset.databaseUrl);
const facts = await describeDataset(dataset.databaseUrl);
const units = await dashboardUnits(dataset.databaseUrl);
say(`${facts.cells} cells, ${facts.members} members, ${facts.meetings} meetings, ${facts.years.from}–${facts.years.to}`);

const snapshotDir = options.snapshotDir ?? path.join(os.tmpdir(), 'chibo-bench', dataset.databaseName);
await mkdir(snapshotDir, { recursive: true });
say(`building a snapshot into ${snapshotDir}`);
const build = await buildSnapshot({ databaseUrl: dataset.databaseUrl, snapshotDir, label: `Benchmark ${startedAt.toISOString().slice(0, 16)}` });
say(
  `snapshot ${build.snapshotId}: ${build.rows} rows in ${build.seconds.toFixed(1)} s (${Math.round(build.rows / build.seconds)} rows/s), ` +
    `${(build.sizeBytes / 2 ** 20).toFixed(0)} MiB, peak RSS ${(build.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
);

// A store of several provinces is read as the whole country; one province, as its own dashboard.
const compared = await comparedUnits(dataset.databaseUrl);
const benchScope = compared.scope === 'country' ? null : units.province.id;
const access = await prepareAccess(dataset.databaseUrl, benchScope);
const server = await startServer({ databaseUrl: dataset.databaseUrl, snapshotDir, env: access.serverEnv, authorization: access.authorization });
const floor = await openSnapshotFloor(build.file);
const postgres = await openPostgresBaseline(dataset.databaseUrl, options.postgresTimeoutSeconds);
let exitCode = 0;
try {
  say(`server up at ${server.endpoint}`);
  const sampling: Sampling = {
    warmups: options.warmups,
    samples: options.samples,
    postgresSamples: options.postgresSamples,
    postgresBudgetMs: options.postgresBudgetSeconds * 1000,
    minPostgresSamples: MIN_POSTGRES_SAMPLES,
  };
  const emptyRequest = summarise(await timeRepeatedly(() => server.graphql('{ __typename }'), { warmups: sampling.warmups, samples: sampling.samples }));
  const queries = dashboardQueries(units, facts.years, { id: build.snapshotId, asOf: new Date(build.asOf) });
  const outcomes: QueryOutcome[] = [];
  for (const query of queries) {
    const outcome = await measureQuery(query, { server, floor, postgres }, sampling);
    const { http, postgres: postgresTimes, floor: floorTimes, agreement } = outcome;
    outcomes.push(outcome);
    say(
      `${query.key.padEnd(22)} HTTP ${http.p50.toFixed(1)}/${http.p95.toFixed(1)} ms  PostgreSQL ${postgresTimes.p50.toFixed(0)}/${postgresTimes.p95.toFixed(0)} ms  ` +
        `DuckDB ${floorTimes.p50.toFixed(1)}/${floorTimes.p95.toFixed(1)} ms  ` +
        (agreement.mismatches.length === 0 ? `agree (${agreement.compared} figures)` : `MISMATCH (${agreement.mismatches.length})`),
    );
    if (agreement.mismatches.length > 0) {
      exitCode = 1;
      console.error(`\n!!! MISMATCH in ${query.key}: the server's figures differ from PostgreSQL's !!!`);
      for (const mismatch of agreement.mismatches.slice(0, 20)) console.error(`    ${mismatch}`);
      console.error('');
    }
  }
  // The general queries: `measures` on the province, `unitComparison` of the provinces (a
  // national store) or of the units under the province; `measures` on each root when several.
  const general = generalQueries(units.province, compared.units, facts.years, build.snapshotId, 'province');
  const generalOutcomes: GeneralOutcome[] = [];
  for (const query of general) {
    const http = summarise(await timeRepeatedly(() => server.graphql(query.document, query.variables), { warmups: sampling.warmups, samples: sampling.samples }));
    generalOutcomes.push({ key: query.key, title: query.title, field: query.field, http, wholeStore: compared.scope === 'country' && query.field === 'unitComparison' });
    say(`${query.key.padEnd(32)} HTTP ${http.p50.toFixed(1)}/${http.p95.toFixed(1)} ms`);
  }
  const peakRssBytes = await server.peakRssBytes();

  // The province's term report, every format: the five years up to the dataset's last.
  let report: ReportResult | null = null;
  if (options.report) {
    const toYear = facts.years.to;
    report = await timeReport({ databaseUrl: dataset.databaseUrl, snapshotDir, snapshotId: build.snapshotId, unitId: units.province.id, fromYear: toYear - 4, toYear });
    say(
      `${'term report'.padEnd(22)} ready in ${report.seconds.toFixed(1)} s (figures ${report.readSeconds.toFixed(1)} s, files ${report.writeSeconds.toFixed(1)} s), ` +
        `${report.files} files, peak RSS ${(report.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
    );
  }

  // Concurrency and the answer cache: bench:serving, on this store and this snapshot.
  let serving: string | null = null;
  if (options.servingSeconds > 0) {
    const servingFile = path.join(snapshotDir, `serving-${startedAt.getTime()}.md`);
    say(`concurrency: npm run bench:serving, ${options.servingSeconds} s a load`);
    await runTypeScript('analytics/bench/serving-bench.ts', ['--database-url', dataset.databaseUrl, '--snapshot-dir', snapshotDir, '--seconds', String(options.servingSeconds), '--out', servingFile], {});
    serving = await readFile(servingFile, 'utf8');
    await rm(servingFile, { force: true });
    // bench:serving signs the same user in as the province's: give the bench its scope back.
    await prepareAccess(dataset.databaseUrl, benchScope);
  }

  const verdicts = judgeTargets({
    buildSeconds: build.seconds,
    buildRows: build.rows,
    buildPhases: build.phases,
    queries: outcomes,
    emptyRequest,
    cells: facts.cells,
    buildPeakRssBytes: build.peakRssBytes,
    postgresTimeoutMs: options.postgresTimeoutSeconds * 1000,
    whole: generalOutcomes.filter((q) => q.wholeStore),
    report,
  });
  await writeResults(options.resultsFile, {
    startedAt,
    command,
    commit,
    machine,
    loadAtEnd: currentLoad(),
    versions: { postgres: await postgres.version(), duckdb: await floor.version() },
    dataset,
    facts,
    units,
    build,
    server: { emptyRequest, peakRssBytes },
    settings: {
      samples: options.samples,
      postgresSamples: options.postgresSamples,
      postgresBudgetSeconds: options.postgresBudgetSeconds,
      minPostgresSamples: MIN_POSTGRES_SAMPLES,
      warmups: options.warmups,
      postgresTimeoutSeconds: options.postgresTimeoutSeconds,
    },
    queries: outcomes,
    general: generalOutcomes,
    report,
    serving,
    verdicts,
  });
  for (const verdict of verdicts) say(`${verdict.met ? 'met    ' : 'NOT MET'}  ${verdict.target}: ${verdict.measured}`);
  say(`wrote ${path.relative(process.cwd(), options.resultsFile)}`);
  say('imports and single mutations: analytics/bench/import-bench.ts');
  await importsSection();
  if (exitCode !== 0) console.error('!!! Some figures did not agree with PostgreSQL: see RESULTS.md !!!');
} finally {
  floor.close();
  await postgres.close();
  if (!options.keepSnapshot) {
    await server
      .graphql('mutation BenchDone($id: ID!) { snapshotDelete(input: { id: $id }) { __typename } }', {
        id: globalId('Snapshot', build.snapshotId),
      })
      .catch((error: unknown) => console.error(`could not delete snapshot ${build.snapshotId}: ${String(error)}`));
  }
  await server.stop();
}
process.exitCode = exitCode;
