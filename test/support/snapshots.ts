// Snapshots as a test asks for them: built through the API as the central test ADMIN, and
// waited for, so the next line reads a published (or failed) snapshot.
import { whenBuilt } from '../../src/features/snapshots/snapshots.service.js';
import { globalId, localId } from '../../src/graphql/ids.js';
import { graphql } from '../generated/index.js';
import { run } from './client.js';

const CreateSnapshot = graphql(`
  mutation SupportSnapshotCreate($label: String!) { snapshotCreate(input: { label: $label }) { ... on SnapshotCreateSuccess { data { id } } } }
`);
const DeleteSnapshot = graphql(`
  mutation SupportSnapshotDelete($id: ID!) { snapshotDelete(input: { id: $id }) { __typename } }
`);

/** Builds a snapshot and waits for its build to end; its local id. */
export async function publishSnapshot(label: string): Promise<number> {
  const created = await run(CreateSnapshot, { label });
  if (!('data' in created.snapshotCreate)) throw new Error(`snapshot "${label}" was not started: ${JSON.stringify(created.snapshotCreate)}`);
  const id = localId(created.snapshotCreate.data.id, 'Snapshot', 'id');
  await whenBuilt(id);
  return id;
}

/** snapshotDelete of a snapshot by its local id; the answer's type name. */
export async function deleteSnapshotById(id: number): Promise<string> {
  return (await run(DeleteSnapshot, { id: globalId('Snapshot', id) })).snapshotDelete.__typename;
}
