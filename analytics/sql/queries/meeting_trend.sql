-- A unit's meetings over time, by year, quarter or month ($period): meetings, attendance,
-- the cells' scoring, and the cell-months with a regular meeting — the series of a trend chart.
-- Months after the snapshot's ($last_month_index = year * 12 + month - 1) are left out.
-- Parameters: $unit_id, $from_year, $to_year, $period, $last_month_index.
WITH subtree AS (
  SELECT unit_id FROM unit_ancestor WHERE ancestor_id = $unit_id
),
months AS (
  SELECT y AS year, m AS month
    FROM range($from_year, $to_year + 1) AS years(y), range(1, 13) AS months(m)
   WHERE y * 12 + m - 1 <= $last_month_index
),
cell_months AS (
  SELECT u.id AS cell_id, mo.year, mo.month
    FROM "OrgUnit" u JOIN subtree s ON s.unit_id = u.id CROSS JOIN months mo
   WHERE u.kind = 'CELL'
     AND u."validFrom" <= last_day(make_date(mo.year, mo.month, 1))
     AND (u."validTo" IS NULL OR u."validTo" >= make_date(mo.year, mo.month, 1))
),
regular AS (
  SELECT cm.year, cm.month, count(*) AS cell_months,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM meeting_fact f
                                         WHERE f.cell_id = cm.cell_id AND f.year = cm.year AND f.month = cm.month AND f.fills_month)) AS regular_months
    FROM cell_months cm
   GROUP BY cm.year, cm.month
),
held AS (
  SELECT f.year, f.month, count(*) AS meetings, sum(f.expected) AS expected, sum(f.present) AS present,
         sum(f.unexcused) AS unexcused, count(f.cell_score) AS scored, sum(f.cell_score) AS score_sum,
         count(*) FILTER (WHERE f.cell_level = 'GOOD') AS good
    FROM meeting_fact f JOIN subtree s ON s.unit_id = f.cell_id
    JOIN months mo ON mo.year = f.year AND mo.month = f.month
   GROUP BY f.year, f.month
)
-- Every month of the range makes its period's point, with or without cells that month.
SELECT mo.year,
       CASE $period WHEN 'YEAR' THEN 0 WHEN 'QUARTER' THEN (mo.month - 1) // 3 + 1 ELSE mo.month END AS part,
       coalesce(sum(r.cell_months), 0)    AS cell_months,
       coalesce(sum(r.regular_months), 0) AS regular_months,
       coalesce(sum(h.meetings), 0)     AS meetings,
       coalesce(sum(h.expected), 0)     AS expected,
       coalesce(sum(h.present), 0)      AS present,
       coalesce(sum(h.unexcused), 0)    AS unexcused,
       coalesce(sum(h.scored), 0)       AS scored,
       -- Rounded to hundredths here, half up on the exact sum (see meeting_attendance_quality.sql).
       round(sum(h.score_sum) * 100 / nullif(sum(h.scored), 0)) / 100 AS average_score,
       coalesce(sum(h.good), 0)         AS good
  FROM months mo
  LEFT JOIN regular r ON r.year = mo.year AND r.month = mo.month
  LEFT JOIN held h ON h.year = mo.year AND h.month = mo.month
 GROUP BY ALL
 ORDER BY mo.year, part;
