-- A unit's meetings over time, straight from the transactional store: per year, quarter or
-- month ($4), the cell-months in which its cells existed and those with a regular meeting,
-- meetings, attendance, unexcused absences and the cells' own scoring. Months after
-- $5 (= year * 12 + month - 1) are left out.
-- Parameters: $1 unit id, $2 from year, $3 to year, $4 period (YEAR, QUARTER or MONTH), $5 last month index.
WITH subtree AS (
  SELECT u.id, u.kind, u."validFrom", u."validTo"
    FROM "OrgUnit" u JOIN "OrgUnit" root ON root.id = $1 AND u.path LIKE root.path || '%'
),
months AS (
  SELECT y AS year, m AS month, make_date(y, m, 1) AS first_day
    FROM generate_series($2::int, $3::int) AS y, generate_series(1, 12) AS m
   WHERE y * 12 + m - 1 <= $5::int
),
regular_held AS (
  SELECT DISTINCT "cellId" AS cell_id, year, month
    FROM "Meeting"
   WHERE kind IN ('REGULAR', 'COMBINED') AND year BETWEEN $2 AND $3
),
cell_months AS (
  SELECT mo.year, mo.month, count(*) AS cell_months, count(r.cell_id) AS regular_months
    FROM subtree s
    JOIN months mo ON s."validFrom" < mo.first_day + interval '1 month' AND (s."validTo" IS NULL OR s."validTo" >= mo.first_day)
    LEFT JOIN regular_held r ON r.cell_id = s.id AND r.year = mo.year AND r.month = mo.month
   WHERE s.kind = 'CELL'
   GROUP BY mo.year, mo.month
),
unexcused AS (
  SELECT a."meetingId" AS meeting_id, count(*) AS absences
    FROM "MeetingAbsence" a JOIN "Meeting" m ON m.id = a."meetingId"
   WHERE a.kind = 'UNEXCUSED' AND m.year BETWEEN $2 AND $3
   GROUP BY a."meetingId"
),
held AS (
  SELECT m.year, m.month,
         count(*)                                   AS meetings,
         sum(m."expectedCount")                     AS expected,
         sum(m."presentCount")                      AS present,
         coalesce(sum(x.absences), 0)               AS unexcused,
         count(s."totalScore")                      AS scored,
         sum(s."totalScore")                        AS score_sum,
         count(*) FILTER (WHERE s.level = 'GOOD')   AS good
    FROM "Meeting" m
    JOIN subtree t ON t.id = m."cellId"
    LEFT JOIN unexcused x ON x.meeting_id = m.id
    LEFT JOIN "MeetingAssessment" s ON s."meetingId" = m.id AND s.assessor = 'CELL'
   WHERE m.year BETWEEN $2 AND $3
   GROUP BY m.year, m.month
)
SELECT cm.year,
       CASE $4::text WHEN 'YEAR' THEN 0 WHEN 'QUARTER' THEN (cm.month - 1) / 3 + 1 ELSE cm.month END AS part,
       sum(cm.cell_months)                            AS cell_months,
       sum(cm.regular_months)                         AS regular_months,
       coalesce(sum(h.meetings), 0)                   AS meetings,
       coalesce(sum(h.expected), 0)                   AS expected,
       coalesce(sum(h.present), 0)                    AS present,
       coalesce(sum(h.unexcused), 0)                  AS unexcused,
       coalesce(sum(h.scored), 0)                     AS scored,
       sum(h.score_sum) / nullif(sum(h.scored), 0)    AS average_score,
       coalesce(sum(h.good), 0)                       AS good
  FROM cell_months cm
  LEFT JOIN held h ON h.year = cm.year AND h.month = cm.month
 GROUP BY 1, 2
 ORDER BY 1, 2;
