-- Measure facts: one row a cell and year in which it existed (for at least a day of the year):
-- its rating for the year (NULL when none is recorded), the months it existed up to the
-- snapshot's month (each due a regular meeting), whether it held a regular meeting in every
-- one of them, whether a superior attended one of its meetings, and whether it was recognised
-- as exemplary (trong sạch vững mạnh tiêu biểu), and the quality level of its meetings over the
-- year: the band that its average score over the year's scored meetings (up to the snapshot's
-- month, rounded to hundredths) reaches under the level bands of the criteria set its latest
-- scored meeting used — so a province that issues its own set, with its own bands, sets the rule.
-- Parameters: $from_year, $to_year, $last_month_index.
WITH years AS (
  SELECT y AS year FROM range($from_year, $to_year + 1) AS years(y)
),
cell_years AS (
  SELECT u.id AS cell_id, u.category, y.year
    FROM "OrgUnit" u CROSS JOIN years y
   WHERE u.kind = 'CELL'
     AND existed_between(u."validFrom", u."validTo", make_date(y.year, 1, 1), make_date(y.year, 12, 31))
),
due AS (
  SELECT cell_id, year, count(*) AS months, count(*) FILTER (WHERE regular) AS regular_months
    FROM cell_month_fact
   WHERE year BETWEEN $from_year AND $to_year AND month_index <= $last_month_index
   GROUP BY cell_id, year
),
visited AS (
  SELECT DISTINCT m."cellId" AS cell_id, m.year
    FROM "MeetingVisit" v JOIN "Meeting" m ON m.id = v."meetingId"
),
scored AS (
  SELECT cell_id, year,
         round(sum(cell_score) * 100 / count(*)) / 100          AS average_score,
         arg_max(criteria_set_id, [epoch(held_on), meeting_id])  AS criteria_set_id
    FROM meeting_fact
   WHERE cell_score IS NOT NULL AND year BETWEEN $from_year AND $to_year AND month_index(year, month) <= $last_month_index
   GROUP BY cell_id, year
),
meeting_quality AS (
  SELECT s.cell_id, s.year, arg_max(b.level, b."minScore") AS level
    FROM scored s
    JOIN "LevelBand" b ON b."criteriaSetId" = s.criteria_set_id AND b."minScore" <= s.average_score
   GROUP BY s.cell_id, s.year
),
exemplary AS (
  SELECT DISTINCT "unitId" AS cell_id, year
    FROM "Recognition"
   WHERE programme IN ('EXEMPLARY_ONE_YEAR', 'EXEMPLARY_FIVE_YEARS') AND "recognizedOn" IS NOT NULL
)
SELECT cy.cell_id                                         AS unit_id,
       cy.year,
       cy.category                                        AS cell_category,
       r.level                                            AS rating_level,
       coalesce(d.months, 0)                              AS due_months,
       coalesce(d.months > 0 AND d.months = d.regular_months, FALSE) AS every_month,
       v.cell_id IS NOT NULL                              AS visited,
       e.cell_id IS NOT NULL                              AS exemplary,
       q.level                                            AS meeting_quality
  FROM cell_years cy
  LEFT JOIN due d ON d.cell_id = cy.cell_id AND d.year = cy.year
  -- (unitId, year, period, periodIndex) is unique: one YEAR rating a cell and year.
  LEFT JOIN "UnitRating" r ON r."unitId" = cy.cell_id AND r.year = cy.year AND r.period = 'YEAR'
  LEFT JOIN visited v ON v.cell_id = cy.cell_id AND v.year = cy.year
  LEFT JOIN exemplary e ON e.cell_id = cy.cell_id AND e.year = cy.year
  LEFT JOIN meeting_quality q ON q.cell_id = cy.cell_id AND q.year = cy.year
