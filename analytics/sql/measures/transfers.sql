-- Measure facts: one row a transfer (chuyển sinh hoạt đảng) at one of its ends, in the period:
-- IN at the cell a member moved to (a move within the store, or a transfer in from outside), OUT
-- at the cell they left (a move within the store, or out of the province), with how far it
-- reached (Biểu 1: same district, same province, other province) and the cell at the other end
-- (null outside the store): a move between two cells of one group is no transfer of that group.
-- Parameters: $from_year, $to_year, $last_month_index.
WITH moves AS (
  SELECT a."cellId" AS unit_id, a."fromDate" AS day, 'IN' AS direction, a."transferDistance" AS distance,
         (SELECT p."cellId" FROM "MemberAssignment" p
           WHERE p."memberId" = a."memberId" AND p."toDate" = a."fromDate" AND p.id <> a.id) AS other_unit_id,
         a.id AS move_id
    FROM "MemberAssignment" a
   WHERE a."transferDistance" IS NOT NULL
  UNION ALL
  SELECT p."cellId", n."fromDate", 'OUT', n."transferDistance", n."cellId", n.id
    FROM "MemberAssignment" n
    JOIN "MemberAssignment" p ON p."memberId" = n."memberId" AND p."toDate" = n."fromDate" AND p.id <> n.id
   WHERE n."transferDistance" IS NOT NULL
  UNION ALL
  SELECT arg_max(a."cellId", a."fromDate"), any_value(m."statusChangedOn"), 'OUT', 'OTHER_PROVINCE', NULL, -m.id
    FROM "Member" m
    JOIN "MemberAssignment" a ON a."memberId" = m.id AND a."fromDate" <= m."statusChangedOn"
   WHERE m.status = 'TRANSFERRED_OUT' AND m."statusChangedOn" IS NOT NULL
   GROUP BY m.id
)
SELECT t.unit_id,
       year(t.day)      AS year,
       quarter(t.day)   AS quarter,
       month(t.day)     AS month,
       c.category       AS cell_category,
       t.direction,
       t.distance,
       t.other_unit_id
  FROM moves t
  JOIN "OrgUnit" c ON c.id = t.unit_id
 WHERE year(t.day) BETWEEN $from_year AND $to_year
   AND month_index(year(t.day), month(t.day)) <= $last_month_index
