-- Measure facts: one row a member and year, for each member on 1 January of the year (the
-- base the admissions of the year are compared with), placed in the cell they belonged to
-- that day (for a year still to come, the members who would be: no later event is recorded).
-- Parameters: $from_year, $to_year.
SELECT arg_max(a."cellId", a."fromDate")   AS unit_id,
       y.year,
       arg_max(c.category, a."fromDate")   AS cell_category
  FROM range($from_year, $to_year + 1) AS y(year)
  JOIN "MemberAssignment" a
    ON a."fromDate" <= make_date(y.year, 1, 1) AND (a."toDate" IS NULL OR a."toDate" > make_date(y.year, 1, 1))
  JOIN "Member" m ON m.id = a."memberId"
  JOIN "OrgUnit" c ON c.id = a."cellId"
 WHERE member_on(m."admittedOn", m.status, m."statusChangedOn", make_date(y.year, 1, 1))
 GROUP BY a."memberId", y.year
