-- Cell ratings of a year, straight from the transactional store (no snapshot): for a unit and
-- each unit directly under it, cells existing that year, rated at each level, and missing.
-- Parameters: $1 unit id, $2 year.
WITH root AS (
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
ratings AS (
  SELECT "unitId" AS unit_id, level FROM "UnitRating" WHERE year = $2 AND period = 'YEAR'
)
SELECT g.id                                                       AS unit_id,
       g.is_total,
       count(ug.unit_id)                                          AS cells,
       count(*) FILTER (WHERE r.level <> 'NOT_RATED')             AS rated,
       count(ug.unit_id) - count(r.level)                         AS missing,
       count(*) FILTER (WHERE r.level = 'NOT_RATED')              AS not_rated,
       count(*) FILTER (WHERE r.level = 'EXCELLENT')              AS excellent,
       count(*) FILTER (WHERE r.level IN ('EXCELLENT', 'GOOD'))   AS good_or_better,
       count(*) FILTER (WHERE r.level = 'COMPLETED')              AS completed,
       count(*) FILTER (WHERE r.level = 'NOT_COMPLETED')          AS not_completed
  FROM groups g
  LEFT JOIN unit_group ug
         ON ug.group_id = g.id AND ug.kind = 'CELL'
        AND ug."validFrom" <= make_date($2, 12, 31) AND (ug."validTo" IS NULL OR ug."validTo" >= make_date($2, 1, 1))
  LEFT JOIN ratings r ON r.unit_id = ug.unit_id
 GROUP BY g.id, g.is_total;
