-- Regularity of a year's meetings, straight from the transactional store: for a unit and each
-- unit directly under it, the months (1 to $3) in which each cell existed, those with a regular
-- or combined meeting, cells that met in all of them, and the meetings of those months.
-- Parameters: $1 unit id, $2 year, $3 last month counted (12 for a past year).
WITH RECURSIVE /* include: unit_groups.sql */
cell_months AS (
  SELECT u.id AS cell_id, m.month
    FROM "OrgUnit" u
   CROSS JOIN generate_series(1, $3::int) AS m(month)
   WHERE u.kind = 'CELL'
     AND u."validFrom" < make_date($2, m.month, 1) + interval '1 month'
     AND (u."validTo" IS NULL OR u."validTo" >= make_date($2, m.month, 1))
),
month_meetings AS (
  SELECT "cellId" AS cell_id, month,
         bool_or(kind IN ('REGULAR', 'COMBINED'))                 AS has_regular,
         count(*) FILTER (WHERE kind IN ('THEMATIC', 'COMBINED')) AS thematic,
         count(*)                                                 AS meetings,
         count(*) FILTER (WHERE "separateFromProfessional")       AS separate
    FROM "Meeting"
   WHERE year = $2 AND month <= $3
   GROUP BY "cellId", month
),
per_cell AS (
  SELECT cm.cell_id,
         count(*)                                AS months,
         count(*) FILTER (WHERE mm.has_regular)  AS regular_months,
         coalesce(sum(mm.thematic), 0)           AS thematic,
         coalesce(sum(mm.meetings), 0)           AS meetings,
         coalesce(sum(mm.separate), 0)           AS separate
    FROM cell_months cm
    LEFT JOIN month_meetings mm ON mm.cell_id = cm.cell_id AND mm.month = cm.month
   GROUP BY cm.cell_id
)
SELECT g.id                                                     AS unit_id,
       g.is_total,
       count(p.cell_id)                                         AS cells,
       coalesce(sum(p.months), 0)                               AS cell_months,
       coalesce(sum(p.regular_months), 0)                       AS regular_months,
       count(*) FILTER (WHERE p.regular_months = p.months)      AS cells_every_month,
       coalesce(sum(p.thematic), 0)                             AS thematic,
       coalesce(sum(p.meetings), 0)                             AS meetings,
       coalesce(sum(p.separate), 0)                             AS separate
  FROM groups g
  LEFT JOIN unit_group ug ON ug.group_id = g.id
  LEFT JOIN per_cell p ON p.cell_id = ug.unit_id
 GROUP BY g.id, g.is_total;
