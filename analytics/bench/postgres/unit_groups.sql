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
-- Each unit of the subtree counts for the root and for the child of the root it lies under:
-- the path segment after the root's own ("/1/4/17/" under "/1/" lies under child 4).
unit_group AS (
  SELECT u.id AS unit_id, u.kind, u."validFrom", u."validTo", g.group_id
    FROM root r
    JOIN "OrgUnit" u ON u.path LIKE r.path || '%'
   CROSS JOIN LATERAL (VALUES (r.id), (CASE WHEN u.id <> r.id THEN split_part(u.path, '/', r.depth + 3)::int END)) AS g(group_id)
   WHERE g.group_id IS NOT NULL
),
