// Labels of units: the id and name of a unit a record names — the committee that rated, formed,
// admitted or visited, a unit above the viewer's subtree, a unit merged into or out of it. The
// store decides which labels a viewer may read (the label view of src/access/row-security.ts);
// any other unit has none, and the field naming it reads null.
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { StoreContext } from '../../access/viewer-store.js';
import { builder } from '../../builder.js';
import { globalId } from '../../graphql/ids.js';
import { readUnitLabels, type UnitLabelRow } from './unit-labels.query.js';

export const UnitLabelRef = builder.objectRef<UnitLabelRow>('UnitLabel').implement({
  description:
    'A unit named by a record: its id and name only. Units you may see in full are read with node(id:) or unitByCode; a unit neither in nor above your subtree, nor merged into or out of it, has no label (null).',
  fields: (t) => ({
    id: t.id({ description: 'The Unit’s global id.', resolve: (label) => globalId('Unit', label.id) }),
    name: t.exposeString('name'),
  }),
});

/** Every label a request reads, in one query per tick, whichever field names the unit. */
const labelLoader = createContextCache(
  (ctx: StoreContext) =>
    new DataLoader<number, UnitLabelRow | null>(async (ids) => {
      const byId = new Map((await readUnitLabels(ctx.db, ids)).map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
);

/** The label of a unit by id; null without an id, or where the viewer may read none. */
export function unitLabel(ctx: StoreContext, unitId: number | null): Promise<UnitLabelRow | null> | null {
  return unitId === null ? null : labelLoader(ctx).load(unitId);
}

/** The labels of units by id, in the order given, leaving out those the viewer may not read. */
export async function unitLabels(ctx: StoreContext, unitIds: number[]): Promise<UnitLabelRow[]> {
  const labels = await labelLoader(ctx).loadMany(unitIds);
  return labels.filter((label): label is UnitLabelRow => label !== null && !(label instanceof Error));
}
