// The dataset the bench measures: a PostgreSQL database given with --database-url, or
// chibo_bench_<scale> (chibo_bench_<scale>_<provinces>p) on the local server, created and seeded with the project's generator
// (src/seed) the first time and reused after.
import pg from 'pg';
import { runTypeScript } from './processes.js';

export interface Dataset {
  databaseUrl: string;
  databaseName: string;
  /** How the bench came by it: reused as given, reused from an earlier run, or seeded now. */
  origin: 'given' | 'reused' | 'seeded';
  seedSeconds: number | null;
}

export interface DatasetFacts {
  cells: number;
  cellsToday: number;
  members: number;
  meetings: number;
  years: { from: number; to: number };
  /** The store's database on disk (tables and indexes), bytes. */
  storeBytes: number;
}

/** A URL naming another database on the same server. */
function withDatabase(url: string, database: string): string {
  const next = new URL(url);
  next.pathname = `/${database}`;
  return next.toString();
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Cells in the store, or null when its schema has not been created yet. */
async function cellCount(url: string): Promise<number | null> {
  return withClient(url, async (client) => {
    const [exists] = (await client.query<{ table: string | null }>(`SELECT to_regclass('"OrgUnit"')::text AS table`)).rows;
    if (!exists?.table) return null;
    const [row] = (await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "OrgUnit" WHERE kind = 'CELL'`)).rows;
    return Number(row?.n ?? 0);
  });
}

export async function prepareDataset(options: {
  scale: number;
  scaleGiven: boolean;
  databaseUrl: string | undefined;
  postgresUrl: string;
  /** Provinces the cells are spread over when seeding (a national store); 1 by default. */
  provinces?: number;
}): Promise<Dataset> {
  if (options.databaseUrl) {
    const cells = await cellCount(options.databaseUrl);
    if (!cells) throw new Error(`${options.databaseUrl} holds no seeded store (no cells); seed it first with npm run seed`);
    if (options.scaleGiven && cells !== options.scale) console.warn(`--scale ${options.scale} asked, but the database given holds ${cells} cells: measuring those`);
    return { databaseUrl: options.databaseUrl, databaseName: new URL(options.databaseUrl).pathname.slice(1), origin: 'given', seedSeconds: null };
  }
  const provinces = options.provinces ?? 1;
  const databaseName = provinces === 1 ? `chibo_bench_${options.scale}` : `chibo_bench_${options.scale}_${provinces}p`;
  const databaseUrl = withDatabase(options.postgresUrl, databaseName);
  const exists = await withClient(options.postgresUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(databaseName)}`);
    return (found.rowCount ?? 0) > 0;
  });
  const cells = exists ? await cellCount(databaseUrl) : null;
  if (cells === options.scale) return { databaseUrl, databaseName, origin: 'reused', seedSeconds: null };
  if (cells) {
    throw new Error(`${databaseName} already holds ${cells} cells, not ${options.scale}; drop it (DROP DATABASE ${databaseName}) or pass --database-url`);
  }
  console.log(`Seeding ${options.scale} cells into ${databaseName} (reused on the next run)…`);
  const started = performance.now();
  await runTypeScript('src/cli/seed.ts', ['--scale', String(options.scale), '--provinces', String(provinces)], { DATABASE_URL: databaseUrl });
  return { databaseUrl, databaseName, origin: 'seeded', seedSeconds: (performance.now() - started) / 1000 };
}

/** The dataset's size in the terms of the targets (cells, members, years). */
export async function describeDataset(databaseUrl: string): Promise<DatasetFacts> {
  return withClient(databaseUrl, async (client) => {
    const [facts] = (
      await client.query<{ cells: string; cells_today: string; members: string; meetings: string; from_year: number; to_year: number; store_bytes: string }>(`
        SELECT (SELECT count(*) FROM "OrgUnit" WHERE kind = 'CELL')::text                        AS cells,
               (SELECT count(*) FROM "OrgUnit" WHERE kind = 'CELL' AND "validTo" IS NULL)::text  AS cells_today,
               (SELECT count(*) FROM "Member")::text                                              AS members,
               (SELECT count(*) FROM "Meeting")::text                                             AS meetings,
               (SELECT min(year) FROM "Meeting")                                                  AS from_year,
               (SELECT max(year) FROM "Meeting")                                                  AS to_year,
               pg_database_size(current_database())::text                                         AS store_bytes`)
    ).rows;
    if (!facts) throw new Error('the store answered nothing');
    return {
      cells: Number(facts.cells),
      cellsToday: Number(facts.cells_today),
      members: Number(facts.members),
      meetings: Number(facts.meetings),
      years: { from: facts.from_year, to: facts.to_year },
      storeBytes: Number(facts.store_bytes),
    };
  });
}

export interface DashboardUnits {
  province: { id: number; name: string };
  /** The biggest grassroots committee directly under the province today (a commune after the 2025 merges). */
  commune: { id: number; name: string };
}

/** The units the dashboard queries ask about: the province, and its biggest commune-level committee. */
export async function dashboardUnits(databaseUrl: string): Promise<DashboardUnits> {
  return withClient(databaseUrl, async (client) => {
    const [province] = (await client.query<{ id: number; name: string }>(`SELECT id, name FROM "OrgUnit" WHERE "parentId" IS NULL ORDER BY id LIMIT 1`)).rows;
    if (!province) throw new Error('the store has no root unit');
    const [commune] = (
      await client.query<{ id: number; name: string }>(
        `SELECT g.id, g.name
           FROM "OrgUnit" g JOIN "OrgUnit" c ON c.path LIKE g.path || '%' AND c.kind = 'CELL' AND c."validTo" IS NULL
          WHERE g."parentId" = $1 AND g.kind = 'GRASSROOTS' AND g."validTo" IS NULL
          GROUP BY g.id, g.name ORDER BY count(*) DESC, g.id LIMIT 1`,
        [province.id],
      )
    ).rows;
    if (!commune) throw new Error('the province has no grassroots committee with cells');
    return { province, commune };
  });
}

/** Refreshes the planner's statistics, as any database in service has them. */
export async function analyse(databaseUrl: string): Promise<void> {
  await withClient(databaseUrl, (client) => client.query('ANALYZE'));
}

/**
 * The units a comparison puts side by side: the store's provinces when it has several (a
 * national store), else the units under its one province today; at most 20.
 */
export async function comparedUnits(databaseUrl: string): Promise<{ scope: 'country' | 'province'; units: { id: number; name: string }[] }> {
  return withClient(databaseUrl, async (client) => {
    const roots = (await client.query<{ id: number; name: string }>(`SELECT id, name FROM "OrgUnit" WHERE "parentId" IS NULL ORDER BY id`)).rows;
    if (roots.length > 1) return { scope: 'country', units: roots.slice(0, 20) };
    const children = (
      await client.query<{ id: number; name: string }>(
        `SELECT id, name FROM "OrgUnit" WHERE "parentId" = $1 AND "validTo" IS NULL AND kind <> 'CELL' ORDER BY id LIMIT 20`,
        [roots[0]?.id ?? 0],
      )
    ).rows;
    return { scope: 'province', units: children };
  });
}
