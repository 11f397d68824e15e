-- One row a meeting, with what the catalogue's regularity, attendance and quality figures need.
-- The cell's own assessment is the meeting's level; others are kept in assessment_fact.
CREATE TABLE meeting_fact AS
SELECT m.id                                             AS meeting_id,
       m."cellId"                                       AS cell_id,
       m.kind                                           AS kind,
       m.year                                           AS year,
       m.month                                          AS month,
       (m.month - 1) // 3 + 1                           AS quarter,
       m."heldOn"                                       AS held_on,
       m.kind IN ('REGULAR', 'COMBINED')                AS fills_month,
       m.kind IN ('THEMATIC', 'COMBINED')               AS is_thematic,
       m."separateFromProfessional"                     AS separate_from_professional,
       date_diff('minute', m."startsAt", m."endsAt")    AS minutes,
       m."expectedCount"                                AS expected,
       m."presentCount"                                 AS present,
       count(a."memberId") FILTER (WHERE a.kind = 'UNEXCUSED') AS unexcused,
       count(a."memberId") FILTER (WHERE a.kind = 'EXCUSED')   AS excused,
       any_value(s."totalScore")                        AS cell_score,
       any_value(s.level)                               AS cell_level
  FROM "Meeting" m
  LEFT JOIN "MeetingAbsence" a ON a."meetingId" = m.id
  LEFT JOIN "MeetingAssessment" s ON s."meetingId" = m.id AND s.assessor = 'CELL'
 GROUP BY ALL;
