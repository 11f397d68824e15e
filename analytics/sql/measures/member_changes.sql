-- Measure facts: one row a change in a member's standing in the period, placed in the cell
-- the member belonged to that day (their latest assignment begun by then): recognised as an
-- official member (công nhận chính thức), or gone — transferred out of the store, deceased,
-- removed (xóa tên), expelled (khai trừ) or left the Party (ra khỏi Đảng) — or restored to
-- membership (phục hồi đảng tịch). A restoration keeps the departure it ended, which still counts
-- on its day. The flows of the membership's ups and downs.
-- Parameters: $from_year, $to_year, $last_month_index.
WITH changes AS (
  SELECT id AS member_id, "officialOn" AS day, 'RECOGNISED_OFFICIAL' AS change
    FROM "Member" WHERE "officialOn" IS NOT NULL
  UNION ALL
  SELECT id, "statusChangedOn", status
    FROM "Member" WHERE status IN ('TRANSFERRED_OUT', 'DECEASED', 'REMOVED', 'EXPELLED', 'LEFT_PARTY') AND "statusChangedOn" IS NOT NULL
  UNION ALL
  SELECT "memberId", "previousStatusOn", "previousStatus" FROM "MembershipRestoration"
  UNION ALL
  SELECT "memberId", "restoredOn", 'RESTORED' FROM "MembershipRestoration"
)
SELECT arg_max(a."cellId", a."fromDate")   AS unit_id,
       year(any_value(ch.day))             AS year,
       quarter(any_value(ch.day))          AS quarter,
       month(any_value(ch.day))            AS month,
       arg_max(c.category, a."fromDate")   AS cell_category,
       ch.change
  FROM changes ch
  JOIN "MemberAssignment" a ON a."memberId" = ch.member_id AND a."fromDate" <= ch.day
  JOIN "OrgUnit" c ON c.id = a."cellId"
 WHERE year(ch.day) BETWEEN $from_year AND $to_year
   AND month_index(year(ch.day), month(ch.day)) <= $last_month_index
 GROUP BY ch.member_id, ch.change, ch.day
