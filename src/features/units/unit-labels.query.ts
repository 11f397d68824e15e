// Reading labels of units (id, name, kind) from the store's label view: the units a viewer may
// name without seeing them — those above the subtree, and those merged into or out of it.
import { LABEL_VIEW } from '../../access/row-security.js';
import type { Tx } from '../../access/viewer-store.js';
import { NotFoundError } from '../../errors.js';
import { Prisma, type UnitKind } from '../../generated/prisma/client.js';

export interface UnitLabelRow {
  id: number;
  name: string;
  kind: UnitKind;
}

/** The labels the viewer may read among these units, in no particular order. */
export function readUnitLabels(db: Pick<Tx, '$queryRaw'>, ids: readonly number[]): Promise<UnitLabelRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.$queryRaw<UnitLabelRow[]>`SELECT id, name, kind FROM ${Prisma.raw(`"${LABEL_VIEW}"`)} WHERE id IN (${Prisma.join(ids)})`;
}

/**
 * A unit a writer may name without seeing it whole — one of the subtree or a committee above
 * it (the district that admitted, the committee that visited) — else NotFoundError on `field`.
 */
export async function findNamedUnit(db: Pick<Tx, '$queryRaw'>, id: number, field: string): Promise<UnitLabelRow> {
  const [label] = await readUnitLabels(db, [id]);
  if (!label) throw new NotFoundError('unit', field, String(id));
  return label;
}
