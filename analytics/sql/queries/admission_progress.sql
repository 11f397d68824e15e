-- Admissions of a year (kết nạp đảng viên) for a unit and each unit directly under it: the
-- unit's own target and the targets set below it (the outermost ones: a target set under a
-- unit with its own target is part of it), members admitted by units of the subtree,
-- the congress reports' breakdowns (women, ethnic minorities, Youth Union, aged 18–30), the
-- members of the subtree at the start of the year, and today's candidates by stage.
-- Parameters: $unit_id, $year.
WITH admitted AS (
  SELECT m.id, m."admittedByUnitId" AS unit_id, m.gender, m.ethnicity, m."youthUnionMember" AS youth,
         date_diff('year', m."birthDate", m."admittedOn")
           - CASE WHEN strftime(m."admittedOn", '%m%d') < strftime(m."birthDate", '%m%d') THEN 1 ELSE 0 END AS age
    FROM "Member" m
   WHERE year(m."admittedOn") = $year
),
start_members AS (
  -- Members whose cell on 1 January was in the subtree and who were members that day.
  SELECT DISTINCT a."memberId" AS member_id, a."cellId" AS cell_id
    FROM "MemberAssignment" a JOIN "Member" m ON m.id = a."memberId"
   WHERE a."fromDate" <= make_date($year, 1, 1)
     AND (a."toDate" IS NULL OR a."toDate" > make_date($year, 1, 1))
     AND m."admittedOn" <= make_date($year, 1, 1)
     AND (m.status IN ('PROBATIONARY', 'OFFICIAL') OR m."statusChangedOn" > make_date($year, 1, 1))
)
SELECT g.id AS unit_id,
       g.is_total,
       (SELECT t.target FROM "AdmissionTarget" t WHERE t."unitId" = g.id AND t.year = $year) AS own_target,
       -- A target set under a unit that has a target of its own is part of that one: counted once.
       (SELECT sum(t.target) FROM "AdmissionTarget" t JOIN unit_ancestor ua ON ua.unit_id = t."unitId"
         WHERE ua.ancestor_id = g.id AND ua.levels_up > 0 AND t.year = $year
           AND NOT EXISTS (SELECT 1 FROM unit_ancestor up JOIN "AdmissionTarget" up_target ON up_target."unitId" = up.ancestor_id
                            WHERE up.unit_id = t."unitId" AND up.levels_up BETWEEN 1 AND ua.levels_up - 1
                              AND up_target.year = $year))                                      AS targets_below,
       (SELECT count(*) FROM admitted x JOIN unit_ancestor ua ON ua.unit_id = x.unit_id WHERE ua.ancestor_id = g.id) AS admitted,
       (SELECT count(*) FROM admitted x JOIN unit_ancestor ua ON ua.unit_id = x.unit_id
         WHERE ua.ancestor_id = g.id AND x.gender = 'FEMALE')                                  AS women,
       (SELECT count(*) FROM admitted x JOIN unit_ancestor ua ON ua.unit_id = x.unit_id
         WHERE ua.ancestor_id = g.id AND x.ethnicity <> 'Kinh')                                AS ethnic_minorities,
       (SELECT count(*) FROM admitted x JOIN unit_ancestor ua ON ua.unit_id = x.unit_id
         WHERE ua.ancestor_id = g.id AND x.youth)                                              AS youth_union,
       (SELECT count(*) FROM admitted x JOIN unit_ancestor ua ON ua.unit_id = x.unit_id
         WHERE ua.ancestor_id = g.id AND x.age BETWEEN 18 AND 30)                              AS aged_18_to_30,
       (SELECT count(DISTINCT s.member_id) FROM start_members s JOIN unit_ancestor ua ON ua.unit_id = s.cell_id
         WHERE ua.ancestor_id = g.id)                                                          AS members_at_start,
       (SELECT count(*) FROM "AdmissionCandidate" c JOIN unit_ancestor ua ON ua.unit_id = c."cellId"
         WHERE ua.ancestor_id = g.id AND c.stage NOT IN ('ADMITTED', 'DROPPED'))               AS candidates_in_progress,
       (SELECT count(*) FROM "AdmissionCandidate" c JOIN unit_ancestor ua ON ua.unit_id = c."cellId"
         WHERE ua.ancestor_id = g.id AND c.stage = 'DECIDED')                                  AS candidates_decided
  FROM unit_groups($unit_id) g;
