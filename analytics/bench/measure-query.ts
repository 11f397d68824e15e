// One dashboard query measured three ways — over HTTP through the server and as its own SQL on
// the bare snapshot (in alternation, so their ratio is fair on a shared machine), then as plain
// SQL on PostgreSQL — after checking that the server's figures equal PostgreSQL's.
import { compareTables, tableFromAnswer, tableFromRows } from './agreement.js';
import type { DashboardQuery } from './dashboard-queries.js';
import type { SnapshotFloor } from './duckdb-floor.js';
import { isStatementTimeout, type PostgresBaseline } from './postgres-baseline.js';
import type { QueryOutcome } from './report.js';
import type { RunningServer } from './server-runner.js';
import { summarise, timeAlternately, timeRepeatedly } from './stats.js';

export interface Sampling {
  warmups: number;
  samples: number;
  postgresSamples: number;
  postgresBudgetMs: number;
  minPostgresSamples: number;
}

export async function measureQuery(
  query: DashboardQuery,
  tools: { server: RunningServer; floor: SnapshotFloor; postgres: PostgresBaseline },
  sampling: Sampling,
): Promise<QueryOutcome> {
  const { server, floor, postgres } = tools;
  const ask = () => server.graphql(query.document, query.variables);
  const askStore = () => postgres.run(query.postgres.name, query.postgres.params);

  const answer = tableFromAnswer(query.shape, (await ask())[query.field]);
  // A baseline cut off by the statement timeout has no figures to compare and no timings.
  const timedOut = (error: unknown) => {
    if (isStatementTimeout(error)) return null;
    throw error;
  };
  const storeRows = await askStore().catch(timedOut);
  const agreement = storeRows ? compareTables(tableFromRows(query.shape, storeRows), answer) : { compared: 0, mismatches: [] };

  const timing = { warmups: sampling.warmups, samples: sampling.samples };
  const [httpSamples, floorSamples] = await timeAlternately(ask, await floor.prepare(query.duckdb.name, query.duckdb.params), timing);
  const http = summarise(httpSamples);
  const floorTimes = summarise(floorSamples);
  // The agreement check already ran it once: one more warm-up is enough for PostgreSQL.
  const postgresSamples = storeRows
    ? await timeRepeatedly(askStore, {
      warmups: 1,
      samples: sampling.postgresSamples,
      budgetMs: sampling.postgresBudgetMs,
      minSamples: sampling.minPostgresSamples,
    }).catch(timedOut)
    : null;
  const postgresTimes = summarise(postgresSamples ?? []);
  return {
    key: query.key,
    title: query.title,
    field: query.field,
    rows: answer.size,
    agreement,
    http,
    floor: floorTimes,
    postgres: postgresTimes,
    postgresTimedOut: postgresSamples === null,
  };
}
