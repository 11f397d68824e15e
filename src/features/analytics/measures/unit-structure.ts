// The unit tree figures are grouped by, as the SQL of a CTE named `tree`: one row per unit and
// each of its ancestors (itself included), with the ancestor's parent, kind, depth and parent's kind.
//
// - Today's structure (the default): the tree in the snapshot, except that a unit merged away
//   (sáp nhập) stands where the unit it lives on in now stands, so a dissolved commune's own
//   figures (its ratings, its admissions) count under the commune it merged into.
// - The structure on a date: each unit under the parent it had that day (UnitPlacement), so a
//   district abolished in 2025 still gathers its communes' cells for every year. A unit that did
//   not exist that day stands where it stood nearest to it.

/** Today's structure, with merged units standing in their successor's place. */
const todaySql = `
  SELECT u.id AS unit_id, a.id AS ancestor_id, a."parentId" AS ancestor_parent_id, a.kind AS ancestor_kind, a.depth AS ancestor_depth,
         p.kind AS ancestor_parent_kind
    FROM "OrgUnit" u
    LEFT JOIN unit_successor s ON s.unit_id = u.id
    JOIN unit_ancestor ua ON ua.unit_id = coalesce(s.successor_id, u.id)
    JOIN "OrgUnit" a ON a.id = ua.ancestor_id
    LEFT JOIN "OrgUnit" p ON p.id = a."parentId"
  UNION
  SELECT u.id, u.id, u."parentId", u.kind, u.depth, p.kind FROM "OrgUnit" u LEFT JOIN "OrgUnit" p ON p.id = u."parentId"`;

/** The structure on $structure_on (an ISO date), from each unit's placements. */
const onDateSql = `
  SELECT up.unit_id, up.ancestor_id, e.parent_id AS ancestor_parent_id, a.kind AS ancestor_kind,
         max(up.steps) OVER (PARTITION BY up.unit_id) - up.steps AS ancestor_depth, p.kind AS ancestor_parent_kind
    FROM placement_up up
    JOIN placement_edge e ON e.unit_id = up.ancestor_id
    JOIN "OrgUnit" a ON a.id = up.ancestor_id
    LEFT JOIN "OrgUnit" p ON p.id = e.parent_id`;

/** The CTEs the on-date tree needs before it (each unit's parent that day, then the walk up). */
const onDateHelpers = `
  placement_edge AS (
    SELECT "unitId" AS unit_id, "parentId" AS parent_id
      FROM "UnitPlacement"
   QUALIFY row_number() OVER (
             PARTITION BY "unitId"
             ORDER BY CASE WHEN "validFrom" > CAST($structure_on AS DATE) THEN date_diff('day', CAST($structure_on AS DATE), "validFrom")
                           WHEN "validTo" < CAST($structure_on AS DATE) THEN date_diff('day', "validTo", CAST($structure_on AS DATE))
                           ELSE 0 END,
                      "validFrom" DESC) = 1
  ),
  placement_up(unit_id, ancestor_id, steps) AS (
    SELECT unit_id, unit_id, 0 FROM placement_edge
    UNION ALL
    SELECT up.unit_id, e.parent_id, up.steps + 1
      FROM placement_up up JOIN placement_edge e ON e.unit_id = up.ancestor_id
     WHERE e.parent_id IS NOT NULL AND up.steps < 30
  ),`;

/** The CTEs (to follow `WITH RECURSIVE`) that define `tree` for the structure asked for. */
export function treeCtes(structureOn: string | null): string {
  return structureOn === null ? `tree AS (${todaySql})` : `${onDateHelpers}\n  tree AS (${onDateSql})`;
}

/**
 * Whether a `tree` row's ancestor is of the level $unit_level. A grassroots organisation (tổ chức
 * cơ sở đảng) is a GRASSROOTS unit or a cell directly under a district or province (chi bộ cơ sở).
 */
export const levelMatch = `(ancestor_kind = $unit_level
  OR ($unit_level = 'GRASSROOTS' AND is_grassroots(ancestor_kind, ancestor_parent_kind)))`;
