// Rules about the unit tree that the store's services and the snapshot's SQL both apply. The
// snapshot's copy is the macro is_grassroots in analytics/sql/build/05_rules.sql; a test checks
// that the two agree.
import type { UnitKind } from '../../generated/prisma/client.js';

/** The kinds a cell may sit directly under and be a grassroots organisation itself (chi bộ cơ sở). */
export const GRASSROOTS_CELL_PARENTS: readonly UnitKind[] = ['DISTRICT', 'PROVINCE'];

/** A grassroots organisation (tổ chức cơ sở đảng): a GRASSROOTS unit, or a cell directly under a district or province. */
export function isGrassrootsOrganisation(kind: UnitKind | string, parentKind: UnitKind | string | null | undefined): boolean {
  return kind === 'GRASSROOTS' || (kind === 'CELL' && parentKind != null && (GRASSROOTS_CELL_PARENTS as readonly string[]).includes(parentKind));
}
