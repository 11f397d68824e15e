-- The rows of a dashboard table and where each unit of the subtree counts, as CTEs that
-- the baselines include with /* include: unit_groups.sql */ right after their WITH.
-- Parameter: $1 unit id.
root AS (
  SELECT id, path, depth FROM "OrgUnit" WHERE id = $1
),
groups AS (
  SELECT id, TRUE AS is_total FROM root
  UNION ALL
  SELECT id, FALSE FROM "OrgUnit" WHERE "parentId" = $1
),
-- A unit merged away (sáp nhập) counts where its last successor stands today, following chains
-- of merges, as "today's structure" reads a dissolved commune's history.
merge_chain(unit_id, successor_id, hops) AS (
  SELECT "fromUnitId", "toUnitId", 1 FROM "UnitLineage" WHERE kind = 'MERGE'
  UNION ALL
  SELECT c.unit_id, l."toUnitId", c.hops + 1
    FROM merge_chain c JOIN "UnitLineage" l ON l."fromUnitId" = c.successor_id AND l.kind = 'MERGE'
   WHERE c.hops < 50
),
placed AS (
  SELECT u.id, u.kind, u."validFrom", u."validTo", coalesce(last.path, u.path) AS path, u.path AS tree_path
    FROM "OrgUnit" u
    LEFT JOIN LATERAL (
      SELECT s.path FROM merge_chain c JOIN "OrgUnit" s ON s.id = c.successor_id
       WHERE c.unit_id = u.id ORDER BY c.hops DESC LIMIT 1
    ) last ON TRUE
),
-- Each unit of the subtree counts for the root and for the child of the root it lies under:
-- the path segment after the root's own ("/1/4/17/" under "/1/" lies under child 4).
unit_group AS (
  SELECT u.id AS unit_id, u.kind, u."validFrom", u."validTo", g.group_id
    FROM root r
    JOIN placed u ON u.path LIKE r.path || '%'
   CROSS JOIN LATERAL (VALUES (r.id), (CASE WHEN u.id <> r.id THEN nullif(split_part(u.path, '/', r.depth + 3), '')::int END)) AS g(group_id)
   WHERE g.group_id IS NOT NULL
),
-- Plans stay where they were set: a target of a unit since merged away counts where that unit
-- stands in the tree, not with its successor (as the server reads admission targets).
target_group AS (
  SELECT u.id AS unit_id, g.group_id
    FROM root r
    JOIN placed u ON u.tree_path LIKE r.path || '%'
   CROSS JOIN LATERAL (VALUES (r.id), (CASE WHEN u.id <> r.id THEN nullif(split_part(u.tree_path, '/', r.depth + 3), '')::int END)) AS g(group_id)
   WHERE g.group_id IS NOT NULL
),
