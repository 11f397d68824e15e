// Where a single mutation's time goes on the embedded store: each layer a request passes
// through, timed alone the same number of times, so the differences between them are the cost
// of each layer (request and GraphQL, the transaction with its role and scope, the service's
// statements, the audit rows).
import type { Database } from '../../src/db/database.js';
import { summarise } from './stats.js';

export interface MutationPart {
  name: string;
  p50Ms: number;
  /** This process's CPU time a run, on average: the embedded store runs in it, so this is the work itself, whatever else loads the machine. */
  cpuMs: number;
}

export interface PartsSetup {
  database: Database;
  /** Sends a GraphQL request through the app as a client does; resolves when answered. */
  gql: (query: string, variables: unknown) => Promise<unknown>;
  /** The viewer the requests are authenticated as. */
  viewer: import('../../src/access/viewer.js').Viewer;
  /** A unit to create new cells under (its global id and local id). */
  parent: { globalId: string; id: number };
  samples: number;
}

/** Times `samples` runs of `work`: the p50 of the wall clock and the mean CPU time of this process. */
export async function timeRuns(name: string, samples: number, work: (i: number) => Promise<unknown>): Promise<MutationPart> {
  const times: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await work(i);
    times.push(performance.now() - started);
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { name, p50Ms: summarise(times).p50, cpuMs: (cpu.user + cpu.system) / 1000 / samples };
}

/** unitCreate's layers, from an empty request down to one statement. */
export async function unitCreateParts({ database, gql, viewer, parent, samples }: PartsSetup): Promise<MutationPart[]> {
  const { storeContext } = await import('../../src/access/viewer-store.js');
  const { write } = await import('../../src/db/write.js');
  const { createUnit } = await import('../../src/features/units/units.service.js');
  const ctx = storeContext(database, viewer);
  const tag = Date.now().toString(36);
  const parts: MutationPart[] = [];
  parts.push(await timeRuns('request with no work (`{ __typename }`: HTTP, token, GraphQL)', samples, () => gql('{ __typename }', {})));
  parts.push(await timeRuns('an empty write: transaction, role and scope (set_config)', samples, () => write(ctx, async () => null)));
  parts.push(
    await timeRuns('a write reading one unit by id', samples, () => write(ctx, (tx) => tx.orgUnit.findUnique({ where: { id: parent.id } }))),
  );
  parts.push(
    await timeRuns('a write inserting one audit row', samples, (i) =>
      write(ctx, (tx) => tx.auditLog.create({ data: { userId: viewer.userId, action: 'create', entity: 'Bench', entityId: `${tag}-${i}`, after: { i } } })),
    ),
  );
  parts.push(
    await timeRuns('createUnit service (no GraphQL)', samples, (i) =>
      createUnit({
        ctx,
        query: {},
        input: { code: `P-${tag}-S${i}`, name: `Chi bộ phần ${i}`, kind: 'CELL', category: 'HAMLET', parentId: parent.id, validFrom: new Date(Date.UTC(1990, 0, 1)) },
      }),
    ),
  );
  parts.push(
    await timeRuns('unitCreate through the app', samples, (i) =>
      gql('mutation($input: UnitCreateInput!) { unitCreate(input: $input) { __typename ... on UnitCreateSuccess { data { id } } } }', {
        input: { code: `P-${tag}-G${i}`, name: `Chi bộ đo ${i}`, kind: 'CELL', category: 'HAMLET', parentId: parent.globalId, validFrom: '1990-01-01' },
      }),
    ),
  );
  return parts;
}
