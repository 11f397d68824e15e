-- Cell ratings of a year, straight from the transactional store (no snapshot): for a unit and
-- each unit directly under it, cells existing that year, rated at each level, and missing.
-- Parameters: $1 unit id, $2 year.
WITH RECURSIVE /* include: unit_groups.sql */
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
