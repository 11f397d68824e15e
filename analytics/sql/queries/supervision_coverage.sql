-- Supervision of a year (dự sinh hoạt) for a unit and each unit directly under it: cells,
-- cells with at least one visit, visits, meetings attended by a working group or a committee
-- member, and thematic plans registered against thematic meetings held.
-- Parameters: $unit_id, $year.
WITH cells AS (
  SELECT id FROM "OrgUnit"
   WHERE kind = 'CELL'
     AND "validFrom" <= make_date($year, 12, 31)
     AND ("validTo" IS NULL OR "validTo" >= make_date($year, 1, 1))
),
visited AS (
  SELECT m."cellId" AS cell_id, m.id AS meeting_id, count(v.id) AS visits
    FROM "MeetingVisit" v JOIN "Meeting" m ON m.id = v."meetingId"
   WHERE m.year = $year
   GROUP BY m."cellId", m.id
)
SELECT g.id AS unit_id,
       g.is_total,
       (SELECT count(*) FROM cells c JOIN unit_ancestor ua ON ua.unit_id = c.id WHERE ua.ancestor_id = g.id) AS cells,
       (SELECT count(DISTINCT v.cell_id) FROM visited v JOIN unit_ancestor ua ON ua.unit_id = v.cell_id
         WHERE ua.ancestor_id = g.id)                                                                   AS cells_visited,
       (SELECT coalesce(sum(v.visits), 0) FROM visited v JOIN unit_ancestor ua ON ua.unit_id = v.cell_id
         WHERE ua.ancestor_id = g.id)                                                                   AS visits,
       (SELECT count(*) FROM visited v JOIN unit_ancestor ua ON ua.unit_id = v.cell_id
         WHERE ua.ancestor_id = g.id)                                                                   AS meetings_visited,
       (SELECT count(*) FROM meeting_fact f JOIN unit_ancestor ua ON ua.unit_id = f.cell_id
         WHERE ua.ancestor_id = g.id AND f.year = $year)                                                AS meetings,
       (SELECT count(*) FROM "ThematicPlanItem" i JOIN "ThematicPlan" p ON p.id = i."planId"
          JOIN unit_ancestor ua ON ua.unit_id = p."cellId"
         WHERE ua.ancestor_id = g.id AND p.year = $year AND p.status = 'APPROVED')                      AS plan_items,
       (SELECT count(*) FROM "ThematicPlanItem" i JOIN "ThematicPlan" p ON p.id = i."planId"
          JOIN "Meeting" m ON m."planItemId" = i.id
          JOIN unit_ancestor ua ON ua.unit_id = p."cellId"
         WHERE ua.ancestor_id = g.id AND p.year = $year AND p.status = 'APPROVED')                      AS plan_items_held
  FROM unit_groups($unit_id) g;
