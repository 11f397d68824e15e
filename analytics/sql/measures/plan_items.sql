-- Measure facts: one row a topic of an approved thematic plan (kế hoạch sinh hoạt chuyên đề)
-- and whether a thematic meeting held it. Parameters: $from_year, $to_year.
SELECT p."cellId"                                             AS unit_id,
       p.year,
       i.quarter,
       c.category                                             AS cell_category,
       EXISTS (SELECT 1 FROM "Meeting" m WHERE m."planItemId" = i.id) AS held
  FROM "ThematicPlanItem" i
  JOIN "ThematicPlan" p ON p.id = i."planId"
  JOIN "OrgUnit" c ON c.id = p."cellId"
 WHERE p.status = 'APPROVED'
   AND p.year BETWEEN $from_year AND $to_year
