-- Cell ratings of a year (xếp loại chi bộ) for a unit and each unit directly under it:
-- cells existing that year, how many were rated at each level, and how many have no rating
-- (reported apart, never counted as failures). Grouped by the structure in the snapshot.
-- Parameters: $unit_id, $year.
WITH cells AS (
  SELECT id FROM "OrgUnit"
   WHERE kind = 'CELL'
     AND "validFrom" <= make_date($year, 12, 31)
     AND ("validTo" IS NULL OR "validTo" >= make_date($year, 1, 1))
)
SELECT g.id                                                        AS unit_id,
       g.is_total                                                  AS is_total,
       count(c.id)                                                 AS cells,
       count(r.id) FILTER (WHERE r.level <> 'NOT_RATED')           AS rated,
       count(c.id) - count(r.id)                                   AS missing,
       count(r.id) FILTER (WHERE r.level = 'NOT_RATED')            AS not_rated,
       count(r.id) FILTER (WHERE r.level = 'EXCELLENT')            AS excellent,
       count(r.id) FILTER (WHERE r.level IN ('EXCELLENT', 'GOOD')) AS good_or_better,
       count(r.id) FILTER (WHERE r.level = 'COMPLETED')            AS completed,
       count(r.id) FILTER (WHERE r.level = 'NOT_COMPLETED')        AS not_completed
  FROM unit_groups($unit_id) g
  LEFT JOIN unit_ancestor ua ON ua.ancestor_id = g.id
  LEFT JOIN cells c ON c.id = ua.unit_id
  LEFT JOIN "UnitRating" r ON r."unitId" = c.id AND r.year = $year AND r.period = 'YEAR'
 GROUP BY g.id, g.is_total;
