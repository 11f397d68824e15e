-- One row a meeting, with what the catalogue's regularity, attendance and quality figures need.
-- The cell's own assessment is the meeting's level; others are kept in assessment_fact.
-- Absences are counted per meeting first, so the join that follows is one to one. Counts are
-- SMALLINT/INTEGER, not DuckDB's BIGINT or HUGEINT: narrow columns scan many times faster.
CREATE TABLE meeting_fact AS
WITH absence AS (
  SELECT "meetingId"                               AS meeting_id,
         CAST(count(*) FILTER (WHERE kind = 'UNEXCUSED') AS SMALLINT) AS unexcused,
         CAST(count(*) FILTER (WHERE kind = 'EXCUSED') AS SMALLINT)   AS excused
    FROM "MeetingAbsence"
   GROUP BY "meetingId"
)
SELECT m.id                                             AS meeting_id,
       m."cellId"                                       AS cell_id,
       m.kind                                           AS kind,
       m.year                                           AS year,
       m.month                                          AS month,
       CAST((m.month - 1) // 3 + 1 AS SMALLINT)         AS quarter,
       m."heldOn"                                       AS held_on,
       fills_month(m.kind)                              AS fills_month,
       is_thematic(m.kind)                              AS is_thematic,
       m."separateFromProfessional"                     AS separate_from_professional,
       CAST(date_diff('minute', m."startsAt", m."endsAt") AS INTEGER) AS minutes,
       m."expectedCount"                                AS expected,
       m."presentCount"                                 AS present,
       coalesce(a.unexcused, 0::SMALLINT)               AS unexcused,
       coalesce(a.excused, 0::SMALLINT)                 AS excused,
       s."totalScore"                                   AS cell_score,
       s.level                                          AS cell_level,
       s."criteriaSetId"                                AS criteria_set_id
  FROM "Meeting" m
  LEFT JOIN absence a ON a.meeting_id = m.id
  -- (meetingId, assessor) is unique: at most one CELL assessment a meeting.
  LEFT JOIN "MeetingAssessment" s ON s."meetingId" = m.id AND s.assessor = 'CELL'
 -- A cell's rows together: a question about a subtree joins on its cells, whose smallest and
 -- largest ids DuckDB can pass down to the scan (join filter pushdown), skipping other cells.
 ORDER BY m."cellId", m.year, m.month;
