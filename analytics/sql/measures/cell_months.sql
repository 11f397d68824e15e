-- Measure facts: one row a month in which a cell existed (each should have a regular meeting),
-- up to the snapshot's month, read from the build's roll-up (cell_month_fact).
-- Parameters: $from_year, $to_year, $last_month_index.
SELECT cell_id       AS unit_id,
       year, quarter, month,
       category      AS cell_category,
       regular
  FROM cell_month_fact
 WHERE year BETWEEN $from_year AND $to_year
   AND month_index <= $last_month_index
