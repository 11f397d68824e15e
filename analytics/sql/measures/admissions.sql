-- Measure facts: one row a member admitted in the period (kết nạp), placed in the unit that
-- admitted them, with the congress reports' breakdowns.
-- Parameters: $from_year, $to_year, $last_month_index.
SELECT m."admittedByUnitId"                       AS unit_id,
       year(m."admittedOn")                       AS year,
       quarter(m."admittedOn")                    AS quarter,
       month(m."admittedOn")                      AS month,
       u.category                                 AS cell_category,
       m.gender = 'FEMALE'                        AS woman,
       m.ethnicity <> 'Kinh'                      AS ethnic_minority,
       m."youthUnionMember"                       AS youth_union,
       age_on(m."birthDate", m."admittedOn") BETWEEN 18 AND 30 AS aged_18_to_30
  FROM "Member" m
  JOIN "OrgUnit" u ON u.id = m."admittedByUnitId"
 WHERE year(m."admittedOn") BETWEEN $from_year AND $to_year
   AND month_index(year(m."admittedOn"), month(m."admittedOn")) <= $last_month_index
