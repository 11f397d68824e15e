-- Measure facts: one row a visit to a meeting (dự sinh hoạt), by a working group or, without
-- one, a committee member. Parameters: $from_year, $to_year, $last_month_index.
SELECT m."cellId"                 AS unit_id,
       m.year,
       (m.month - 1) // 3 + 1     AS quarter,
       m.month,
       c.category                 AS cell_category,
       v."workingGroupId"         AS working_group_id,
       g.name                     AS working_group_name
  FROM "MeetingVisit" v
  JOIN "Meeting" m ON m.id = v."meetingId"
  JOIN "OrgUnit" c ON c.id = m."cellId"
  LEFT JOIN "WorkingGroup" g ON g.id = v."workingGroupId"
 WHERE m.year BETWEEN $from_year AND $to_year
   AND month_index(m.year, m.month) <= $last_month_index
