-- Measure facts: one row an admission target (chỉ tiêu kết nạp) of a unit for a year of the
-- period. A plan, not a fact: a unit's own target stands for its whole subtree, so the engine
-- counts a target only where no unit between it and the group has one the same year.
-- Parameters: $from_year, $to_year.
SELECT t."unitId"    AS unit_id,
       t.year,
       u.category    AS cell_category,
       t.target
  FROM "AdmissionTarget" t
  JOIN "OrgUnit" u ON u.id = t."unitId"
 WHERE t.year BETWEEN $from_year AND $to_year
