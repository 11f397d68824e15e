-- Measure facts: one row a meeting held in the period, with what meeting measures count.
-- Parameters: $from_year, $to_year, $last_month_index (the snapshot's year * 12 + month - 1).
SELECT f.cell_id                      AS unit_id,
       f.year, f.quarter, f.month,
       c.category                     AS cell_category,
       f.kind                         AS meeting_kind,
       f.cell_level                   AS quality_level,
       f.is_thematic,
       f.separate_from_professional   AS separate,
       f.expected, f.present, f.excused, f.unexcused,
       f.cell_score                   AS score,
       coalesce(v.visits, 0)          AS visits
  FROM meeting_fact f
  JOIN "OrgUnit" c ON c.id = f.cell_id
  LEFT JOIN (SELECT "meetingId" AS meeting_id, count(*) AS visits FROM "MeetingVisit" GROUP BY ALL) v
         ON v.meeting_id = f.meeting_id
 WHERE f.year BETWEEN $from_year AND $to_year
   AND month_index(f.year, f.month) <= $last_month_index
