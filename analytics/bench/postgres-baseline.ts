// The same figures the way a team without snapshots computes them: plain SQL on the
// transactional PostgreSQL (analytics/bench/postgres/<name>.sql), one connection, parameters
// bound by the driver.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const sqlDir = new URL('./postgres/', import.meta.url);

const readSql = async (name: string) => (await readFile(fileURLToPath(new URL(`${name}.sql`, sqlDir)), 'utf8')).trim();

/** The CTEs several baselines share (postgres/unit_groups.sql) put in place of their include mark. */
async function withIncludes(sql: string): Promise<string> {
  const marks = [...sql.matchAll(/\/\* include: (\w+)\.sql \*\//g)];
  let included = sql;
  for (const [mark, name] of marks) included = included.replace(mark, `\n${await readSql(name!)}\n`);
  return included;
}

export interface PostgresBaseline {
  run(name: string, params: readonly (string | number)[]): Promise<Record<string, unknown>[]>;
  version(): Promise<string>;
  close(): Promise<void>;
}

/** Whether PostgreSQL cancelled the statement for running past statement_timeout. */
export function isStatementTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '57014';
}

export async function openPostgresBaseline(databaseUrl: string, timeoutSeconds: number): Promise<PostgresBaseline> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  // A pathological plan is cut off and reported as timed out, rather than hanging the run.
  await client.query(`SET statement_timeout = ${Math.round(timeoutSeconds * 1000)}`);
  // PostgreSQL's JIT compiles these plans for about a second before running them, more than
  // most of them then take; a team serving dashboards from PostgreSQL would turn it off.
  await client.query('SET jit = off');
  const sqlCache = new Map<string, string>();
  const sqlOf = async (name: string) => {
    let sql = sqlCache.get(name);
    if (sql === undefined) {
      sql = await withIncludes((await readSql(name)).replace(/;$/, ''));
      sqlCache.set(name, sql);
    }
    return sql;
  };
  return {
    async run(name, params) {
      return (await client.query<Record<string, unknown>>(await sqlOf(name), [...params])).rows;
    },
    async version() {
      const [version] = (await client.query<{ server_version: string }>('SHOW server_version')).rows;
      const [workMem] = (await client.query<{ work_mem: string }>('SHOW work_mem')).rows;
      return `${version?.server_version ?? ''}; work_mem ${workMem?.work_mem ?? '?'}, JIT off for the plain-SQL figures, statement_timeout ${timeoutSeconds} s`;
    },
    close: () => client.end(),
  };
}
