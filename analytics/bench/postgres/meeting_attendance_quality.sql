-- Attendance and quality of a year's meetings, straight from the transactional store: for a
-- unit and each unit directly under it, present against expected, absences, and the cells' own
-- scoring (average, at least $3, each level).
-- Parameters: $1 unit id, $2 year, $3 threshold score.
WITH RECURSIVE /* include: unit_groups.sql */
absences AS (
  SELECT a."meetingId" AS meeting_id,
         count(*) FILTER (WHERE a.kind = 'EXCUSED')   AS excused,
         count(*) FILTER (WHERE a.kind = 'UNEXCUSED') AS unexcused
    FROM "MeetingAbsence" a JOIN "Meeting" m ON m.id = a."meetingId"
   WHERE m.year = $2
   GROUP BY a."meetingId"
),
meetings AS (
  SELECT m.id, m."cellId" AS cell_id, m."expectedCount" AS expected, m."presentCount" AS present,
         coalesce(a.excused, 0) AS excused, coalesce(a.unexcused, 0) AS unexcused,
         s."totalScore" AS score, s.level
    FROM "Meeting" m
    LEFT JOIN absences a ON a.meeting_id = m.id
    LEFT JOIN "MeetingAssessment" s ON s."meetingId" = m.id AND s.assessor = 'CELL'
   WHERE m.year = $2
)
SELECT g.id                                          AS unit_id,
       g.is_total,
       count(m.id)                                   AS meetings,
       coalesce(sum(m.expected), 0)                  AS expected,
       coalesce(sum(m.present), 0)                   AS present,
       coalesce(sum(m.excused), 0)                   AS excused,
       coalesce(sum(m.unexcused), 0)                 AS unexcused,
       count(m.score)                                AS scored,
       avg(m.score)                                  AS average_score,
       count(*) FILTER (WHERE m.score >= $3)         AS at_least_threshold,
       count(*) FILTER (WHERE m.level = 'GOOD')      AS good,
       count(*) FILTER (WHERE m.level = 'FAIR')      AS fair,
       count(*) FILTER (WHERE m.level = 'AVERAGE')   AS average,
       count(*) FILTER (WHERE m.level = 'POOR')      AS poor
  FROM groups g
  LEFT JOIN unit_group ug ON ug.group_id = g.id
  LEFT JOIN meetings m ON m.cell_id = ug.unit_id
 GROUP BY g.id, g.is_total;
