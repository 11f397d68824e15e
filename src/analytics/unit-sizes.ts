// How large each unit of a snapshot is: the cells in its subtree, and its depth. A figure's
// cost grows with the cells it adds up (a province's trend reads every cell-month of the
// province), so the serving path sends requests about large units to the slow lane. Read once
// a snapshot (its file never changes) from its unit table, in the fast lane: a few thousand
// rows, counted here.
import { runInLane } from './query-lanes.js';
import { withSnapshotConnection } from './snapshot-readers.js';

export interface UnitSize {
  /** Cells in the subtree, the unit itself included, dissolved ones too (their history is read). */
  cells: number;
  /** 0 for a root (the province), 1 for the units directly under it, … */
  depth: number;
}

const sizes = new Map<string, Promise<Map<number, UnitSize>>>();

/** The sizes of a snapshot file's units, by unit id. */
export function unitSizes(file: string): Promise<Map<number, UnitSize>> {
  let known = sizes.get(file);
  if (!known) {
    known = runInLane('fast', () => withSnapshotConnection(file, async (connection) => (await connection.runAndReadAll(`SELECT id, path, kind FROM "OrgUnit"`)).getRowsJson()))
      .then((rows) => count(rows as [number, string, string][]));
    sizes.set(file, known);
    known.catch(() => sizes.delete(file));
  }
  return known;
}

function count(rows: [number, string, string][]): Map<number, UnitSize> {
  const result = new Map<number, UnitSize>();
  for (const [id, path] of rows) result.set(Number(id), { cells: 0, depth: path.split('/').length - 3 });
  for (const [, path, kind] of rows) {
    if (kind !== 'CELL') continue;
    // "/1/5/23/": the cell and each unit above it.
    for (const part of path.split('/')) {
      const unit = part === '' ? undefined : result.get(Number(part));
      if (unit) unit.cells += 1;
    }
  }
  return result;
}

/** Forgets a snapshot's sizes (its file is deleted). */
export function forgetUnitSizes(file: string): void {
  sizes.delete(file);
}
