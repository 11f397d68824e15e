-- Measure facts: one row a unit recognised under a programme for a year of the period (công
-- nhận: trong sạch vững mạnh toàn diện, chi bộ 4 tốt, tiêu biểu), counted for the year the
-- recognition is for, not the day of the decision. A registration not (yet) recognised is no row.
-- Parameters: $from_year, $to_year.
SELECT r."unitId"     AS unit_id,
       r.year,
       u.category     AS cell_category,
       r.programme
  FROM "Recognition" r
  JOIN "OrgUnit" u ON u.id = r."unitId"
 WHERE r."recognizedOn" IS NOT NULL
   AND r.year BETWEEN $from_year AND $to_year
