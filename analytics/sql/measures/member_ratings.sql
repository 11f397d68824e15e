-- Measure facts: one row a member's yearly rating, placed in the cell that rated them.
-- Parameters: $from_year, $to_year.
SELECT r."cellId"    AS unit_id,
       r.year,
       c.category    AS cell_category,
       r.level       AS rating_level
  FROM "MemberRating" r
  JOIN "OrgUnit" c ON c.id = r."cellId"
 WHERE r.period = 'YEAR'
   AND r.year BETWEEN $from_year AND $to_year
