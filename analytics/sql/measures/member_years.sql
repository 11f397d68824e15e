-- Measure facts: one row a member, year and edge of the year — 1 January (at_start) and
-- 31 December — for each member on that day, placed in the cell they belonged to that day
-- (for a day still to come, the members who would be: no later event is recorded), with what
-- Biểu 3 counts of the membership that day: women, ethnic minorities, still probationary, age.
-- The headcount is a stock: over several years the engine reads it at the span's own edge.
-- Parameters: $from_year, $to_year.
WITH days AS (
  SELECT y.year, d.at_start, CASE WHEN d.at_start THEN make_date(y.year, 1, 1) ELSE make_date(y.year, 12, 31) END AS day
    FROM range($from_year, $to_year + 1) AS y(year)
   CROSS JOIN (VALUES (TRUE), (FALSE)) AS d(at_start)
)
SELECT arg_max(a."cellId", a."fromDate")   AS unit_id,
       d.year,
       d.at_start,
       arg_max(c.category, a."fromDate")   AS cell_category,
       any_value(m.gender) = 'FEMALE'      AS woman,
       any_value(m.ethnicity) <> 'Kinh'    AS ethnic_minority,
       any_value(m."officialOn" IS NULL OR m."officialOn" > d.day) AS probationary,
       any_value(age_on(m."birthDate", d.day)) AS age
  FROM days d
  JOIN "MemberAssignment" a
    ON a."fromDate" <= d.day AND (a."toDate" IS NULL OR a."toDate" > d.day)
  JOIN "Member" m ON m.id = a."memberId"
  JOIN "OrgUnit" c ON c.id = a."cellId"
 WHERE member_on(m."admittedOn", m.status, m."statusChangedOn", d.day)
 GROUP BY a."memberId", d.year, d.at_start
