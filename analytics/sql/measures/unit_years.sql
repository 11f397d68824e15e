-- Measure facts: one row an organisation below a district — grassroots committee, sub-committee,
-- cell — and year and edge of the year, 1 January (at_start) and 31 December, for each that
-- existed that day: the organisations of Biểu 5 at the start and end of a year. A grassroots
-- organisation (tổ chức cơ sở đảng) is a grassroots committee or a cell directly under a
-- district or province (chi bộ cơ sở); a cell under a grassroots committee is chi bộ trực thuộc.
-- Kinds and parents are today's. Parameters: $from_year, $to_year.
WITH days AS (
  SELECT y.year, d.at_start, CASE WHEN d.at_start THEN make_date(y.year, 1, 1) ELSE make_date(y.year, 12, 31) END AS day
    FROM range($from_year, $to_year + 1) AS y(year)
   CROSS JOIN (VALUES (TRUE), (FALSE)) AS d(at_start)
)
SELECT u.id                                          AS unit_id,
       d.year,
       d.at_start,
       u.category                                    AS cell_category,
       u.kind,
       is_grassroots(u.kind, p.kind)                 AS grassroots,
       u.kind = 'CELL' AND EXISTS (SELECT 1 FROM unit_ancestor a
                                    WHERE a.unit_id = u.id AND a.levels_up > 0 AND a.ancestor_kind = 'GRASSROOTS') AS under_committee
  FROM "OrgUnit" u
  LEFT JOIN "OrgUnit" p ON p.id = u."parentId"
  JOIN days d ON existed_between(u."validFrom", u."validTo", d.day, d.day)
 WHERE u.kind IN ('GRASSROOTS', 'SUB_COMMITTEE', 'CELL')
