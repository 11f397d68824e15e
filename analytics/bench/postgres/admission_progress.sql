-- Admissions of a year against target, straight from the transactional store: for a unit and
-- each unit directly under it, its own target and the targets below it, members admitted by
-- units of the subtree with the congress reports' breakdowns, the members on 1 January, and
-- today's candidates in progress.
-- Parameters: $1 unit id, $2 year.
WITH RECURSIVE /* include: unit_groups.sql */
targets AS (
  SELECT ug.group_id, sum(t.target) FILTER (WHERE t."unitId" <> ug.group_id) AS targets_below
    FROM "AdmissionTarget" t JOIN target_group ug ON ug.unit_id = t."unitId"
   WHERE t.year = $2
   GROUP BY ug.group_id
),
admitted AS (
  SELECT ug.group_id,
         count(*)                                                                          AS admitted,
         count(*) FILTER (WHERE m.gender = 'FEMALE')                                       AS women,
         count(*) FILTER (WHERE m.ethnicity <> 'Kinh')                                     AS ethnic_minorities,
         count(*) FILTER (WHERE m."youthUnionMember")                                      AS youth_union,
         count(*) FILTER (WHERE extract(year FROM age(m."admittedOn", m."birthDate")) BETWEEN 18 AND 30) AS aged_18_to_30
    FROM "Member" m JOIN unit_group ug ON ug.unit_id = m."admittedByUnitId"
   WHERE m."admittedOn" >= make_date($2, 1, 1) AND m."admittedOn" < make_date($2 + 1, 1, 1)
   GROUP BY ug.group_id
),
members_at_start AS (
  SELECT ug.group_id, count(DISTINCT a."memberId") AS members_at_start
    FROM "MemberAssignment" a
    JOIN "Member" m ON m.id = a."memberId"
    JOIN unit_group ug ON ug.unit_id = a."cellId"
   WHERE a."fromDate" <= make_date($2, 1, 1)
     AND (a."toDate" IS NULL OR a."toDate" > make_date($2, 1, 1))
     AND m."admittedOn" <= make_date($2, 1, 1)
     AND (m.status IN ('PROBATIONARY', 'OFFICIAL') OR m."statusChangedOn" > make_date($2, 1, 1))
   GROUP BY ug.group_id
),
candidates AS (
  SELECT ug.group_id, count(*) AS candidates_in_progress, count(*) FILTER (WHERE c.stage = 'DECIDED') AS candidates_decided
    FROM "AdmissionCandidate" c JOIN unit_group ug ON ug.unit_id = c."cellId"
   WHERE c.stage NOT IN ('ADMITTED', 'DROPPED')
   GROUP BY ug.group_id
)
SELECT g.id AS unit_id,
       g.is_total,
       own.target                                  AS own_target,
       tg.targets_below,
       coalesce(ad.admitted, 0)                    AS admitted,
       coalesce(ad.women, 0)                       AS women,
       coalesce(ad.ethnic_minorities, 0)           AS ethnic_minorities,
       coalesce(ad.youth_union, 0)                 AS youth_union,
       coalesce(ad.aged_18_to_30, 0)               AS aged_18_to_30,
       coalesce(st.members_at_start, 0)            AS members_at_start,
       coalesce(ca.candidates_in_progress, 0)      AS candidates_in_progress,
       coalesce(ca.candidates_decided, 0)          AS candidates_decided
  FROM groups g
  LEFT JOIN "AdmissionTarget" own ON own."unitId" = g.id AND own.year = $2
  LEFT JOIN targets tg ON tg.group_id = g.id
  LEFT JOIN admitted ad ON ad.group_id = g.id
  LEFT JOIN members_at_start st ON st.group_id = g.id
  LEFT JOIN candidates ca ON ca.group_id = g.id;
