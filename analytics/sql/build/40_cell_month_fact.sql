-- One row a cell and month in which it existed (for at least a day), from the first cell's
-- founding to the end of the build's year (or of the last year with meetings): whether the
-- month had its regular meeting. Rolled up here once, so a question reads these narrow rows
-- (SMALLINT/INTEGER) rather than crossing every cell with every month of its period again;
-- questions stop at the snapshot's month ($last_month_index).
CREATE TABLE cell_month_fact AS
WITH bounds AS (
  SELECT (SELECT min(year("validFrom")) FROM "OrgUnit" WHERE kind = 'CELL') AS first_year,
         greatest(year(current_date), coalesce((SELECT max(year) FROM "Meeting"), 0)) AS last_year
),
months AS (
  SELECT y AS year, m AS month
    FROM bounds, unnest(generate_series(bounds.first_year, bounds.last_year)) AS years(y), range(1, 13) AS months(m)
),
regular AS (
  SELECT DISTINCT cell_id, year, month FROM meeting_fact WHERE fills_month
)
SELECT CAST(u.id AS INTEGER)                        AS cell_id,
       CAST(mo.year AS SMALLINT)                    AS year,
       CAST((mo.month - 1) // 3 + 1 AS SMALLINT)    AS quarter,
       CAST(mo.month AS SMALLINT)                   AS month,
       CAST(month_index(mo.year, mo.month) AS INTEGER) AS month_index,
       u.category                                   AS category,
       r.cell_id IS NOT NULL                        AS regular
  FROM "OrgUnit" u
  JOIN months mo ON existed_in_month(u."validFrom", u."validTo", mo.year, mo.month)
  LEFT JOIN regular r ON r.cell_id = u.id AND r.year = mo.year AND r.month = mo.month
 WHERE u.kind = 'CELL'
 -- A cell's months together, as in meeting_fact: a subtree's questions skip other cells' rows.
 ORDER BY u.id, mo.year, mo.month;
