-- Measure facts: one row a member and year with unexcused absences (vắng không lý do) in at
-- least three months of the year (up for removal under the Party Charter), placed in the cell
-- of their last such absence that year. Parameters: $from_year, $to_year, $last_month_index.
SELECT arg_max(m."cellId", m."heldOn")   AS unit_id,
       m.year,
       arg_max(c.category, m."heldOn")   AS cell_category,
       a."memberId"                      AS member_id
  FROM "MeetingAbsence" a
  JOIN "Meeting" m ON m.id = a."meetingId"
  JOIN "OrgUnit" c ON c.id = m."cellId"
 WHERE a.kind = 'UNEXCUSED'
   AND m.year BETWEEN $from_year AND $to_year
   AND month_index(m.year, m.month) <= $last_month_index
 GROUP BY a."memberId", m.year
HAVING count(DISTINCT m.month) >= removal_threshold_months()
