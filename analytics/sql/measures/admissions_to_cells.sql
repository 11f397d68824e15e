-- Measure facts: one row a member admitted in the period, placed in the cell they joined (their
-- first assignment), beside admissions.sql that places them at the committee that decided. A
-- member whose first assignment here was a transfer in was admitted elsewhere: no row.
-- Parameters: $from_year, $to_year, $last_month_index.
SELECT arg_min(a."cellId", a."fromDate")          AS unit_id,
       year(any_value(m."admittedOn"))            AS year,
       quarter(any_value(m."admittedOn"))         AS quarter,
       month(any_value(m."admittedOn"))           AS month,
       arg_min(c.category, a."fromDate")          AS cell_category
  FROM "Member" m
  JOIN "MemberAssignment" a ON a."memberId" = m.id
  JOIN "OrgUnit" c ON c.id = a."cellId"
 WHERE year(m."admittedOn") BETWEEN $from_year AND $to_year
   AND month_index(year(m."admittedOn"), month(m."admittedOn")) <= $last_month_index
 GROUP BY m.id
HAVING NOT arg_min(a."transferDistance" IS NOT NULL, a."fromDate")
