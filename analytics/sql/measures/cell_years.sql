-- Measure facts: one row a cell and year in which it existed (up to the snapshot's month):
-- its rating for the year (NULL when none is recorded), whether it held a regular meeting in
-- every month it existed, whether a superior attended one of its meetings, and whether it was
-- recognised as exemplary (trong sạch vững mạnh tiêu biểu).
-- Parameters: $from_year, $to_year, $last_month_index.
WITH months AS (
  SELECT y AS year, m AS month
    FROM range($from_year, $to_year + 1) AS years(y), range(1, 13) AS months(m)
   WHERE month_index(y, m) <= $last_month_index
),
cell_months AS (
  SELECT u.id AS cell_id, u.category, mo.year, mo.month
    FROM "OrgUnit" u CROSS JOIN months mo
   WHERE u.kind = 'CELL'
     AND existed_in_month(u."validFrom", u."validTo", mo.year, mo.month)
),
regular AS (
  SELECT DISTINCT cell_id, year, month FROM meeting_fact WHERE fills_month
),
visited AS (
  SELECT DISTINCT m."cellId" AS cell_id, m.year
    FROM "MeetingVisit" v JOIN "Meeting" m ON m.id = v."meetingId"
),
exemplary AS (
  SELECT DISTINCT "unitId" AS cell_id, year
    FROM "Recognition"
   WHERE programme IN ('EXEMPLARY_ONE_YEAR', 'EXEMPLARY_FIVE_YEARS') AND "recognizedOn" IS NOT NULL
)
SELECT cm.cell_id                                     AS unit_id,
       cm.year,
       any_value(cm.category)                         AS cell_category,
       any_value(r.level)                             AS rating_level,
       count(*) = count(g.cell_id)                    AS every_month,
       bool_or(v.cell_id IS NOT NULL)                 AS visited,
       bool_or(e.cell_id IS NOT NULL)                 AS exemplary
  FROM cell_months cm
  LEFT JOIN regular g ON g.cell_id = cm.cell_id AND g.year = cm.year AND g.month = cm.month
  LEFT JOIN "UnitRating" r ON r."unitId" = cm.cell_id AND r.year = cm.year AND r.period = 'YEAR'
  LEFT JOIN visited v ON v.cell_id = cm.cell_id AND v.year = cm.year
  LEFT JOIN exemplary e ON e.cell_id = cm.cell_id AND e.year = cm.year
 GROUP BY cm.cell_id, cm.year
