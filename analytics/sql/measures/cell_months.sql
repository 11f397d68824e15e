-- Measure facts: one row a month in which a cell existed (each should have a regular meeting),
-- up to the snapshot's month. Parameters: $from_year, $to_year, $last_month_index.
WITH months AS (
  SELECT y AS year, m AS month
    FROM range($from_year, $to_year + 1) AS years(y), range(1, 13) AS months(m)
   WHERE month_index(y, m) <= $last_month_index
),
regular AS (
  SELECT DISTINCT cell_id, year, month FROM meeting_fact WHERE fills_month
)
SELECT u.id                       AS unit_id,
       mo.year,
       (mo.month - 1) // 3 + 1    AS quarter,
       mo.month,
       u.category                 AS cell_category,
       r.cell_id IS NOT NULL      AS regular
  FROM "OrgUnit" u
 CROSS JOIN months mo
  LEFT JOIN regular r ON r.cell_id = u.id AND r.year = mo.year AND r.month = mo.month
 WHERE u.kind = 'CELL'
   AND existed_in_month(u."validFrom", u."validTo", mo.year, mo.month)
