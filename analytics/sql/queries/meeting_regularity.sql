-- Regularity of meetings (nền nếp sinh hoạt) in a year for a unit and each unit directly under
-- it: cell-months in which a cell existed (up to $last_month of the year, the snapshot's
-- as-of month for the current year), those with a regular or combined meeting, cells that met
-- every such month, thematic meetings, and meetings held apart from professional meetings.
-- Parameters: $unit_id, $year, $last_month.
WITH cell_months AS (
  SELECT u.id AS cell_id, m.month
    FROM "OrgUnit" u
   CROSS JOIN range(1, $last_month + 1) AS m(month)
   WHERE u.kind = 'CELL'
     AND u."validFrom" <= last_day(make_date($year, m.month, 1))
     AND (u."validTo" IS NULL OR u."validTo" >= make_date($year, m.month, 1))
),
held AS (
  SELECT cell_id, month,
         bool_or(fills_month)              AS regular,
         count(*) FILTER (WHERE is_thematic) AS thematic,
         count(*)                          AS meetings,
         count(*) FILTER (WHERE separate_from_professional) AS separate
    FROM meeting_fact
   WHERE year = $year AND month <= $last_month
   GROUP BY cell_id, month
),
per_cell AS (
  SELECT cm.cell_id,
         count(*)                                      AS months,
         count(*) FILTER (WHERE coalesce(h.regular, FALSE)) AS regular_months,
         coalesce(sum(h.thematic), 0)                  AS thematic,
         coalesce(sum(h.meetings), 0)                  AS meetings,
         coalesce(sum(h.separate), 0)                  AS separate
    FROM cell_months cm
    LEFT JOIN held h ON h.cell_id = cm.cell_id AND h.month = cm.month
   GROUP BY cm.cell_id
)
SELECT g.id                                                  AS unit_id,
       g.is_total                                            AS is_total,
       count(p.cell_id)                                      AS cells,
       coalesce(sum(p.months), 0)                            AS cell_months,
       coalesce(sum(p.regular_months), 0)                    AS regular_months,
       count(p.cell_id) FILTER (WHERE p.regular_months = p.months) AS cells_every_month,
       coalesce(sum(p.thematic), 0)                          AS thematic,
       coalesce(sum(p.meetings), 0)                          AS meetings,
       coalesce(sum(p.separate), 0)                          AS separate
  FROM unit_groups($unit_id) g
  LEFT JOIN unit_ancestor ua ON ua.ancestor_id = g.id
  LEFT JOIN per_cell p ON p.cell_id = ua.unit_id
 GROUP BY g.id, g.is_total;
