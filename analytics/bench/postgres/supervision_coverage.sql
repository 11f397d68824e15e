-- Supervision of a year, straight from the transactional store: for a unit and each unit
-- directly under it, cells existing that year, cells and meetings visited by a working group or
-- a committee member, visits, meetings held, and approved thematic plan topics against held.
-- Parameters: $1 unit id, $2 year.
WITH RECURSIVE /* include: unit_groups.sql */
cells AS (
  SELECT group_id, count(*) AS cells
    FROM unit_group
   WHERE kind = 'CELL' AND "validFrom" <= make_date($2, 12, 31) AND ("validTo" IS NULL OR "validTo" >= make_date($2, 1, 1))
   GROUP BY group_id
),
meetings AS (
  SELECT m.id, m."cellId" AS cell_id, count(v.id) AS visits
    FROM "Meeting" m LEFT JOIN "MeetingVisit" v ON v."meetingId" = m.id
   WHERE m.year = $2
   GROUP BY m.id, m."cellId"
),
meeting_figures AS (
  SELECT ug.group_id,
         count(DISTINCT m.cell_id) FILTER (WHERE m.visits > 0) AS cells_visited,
         sum(m.visits)                                         AS visits,
         count(*) FILTER (WHERE m.visits > 0)                  AS meetings_visited,
         count(*)                                              AS meetings
    FROM meetings m JOIN unit_group ug ON ug.unit_id = m.cell_id
   GROUP BY ug.group_id
),
plan_figures AS (
  SELECT ug.group_id, count(*) AS plan_items, count(m.id) AS plan_items_held
    FROM "ThematicPlan" p
    JOIN "ThematicPlanItem" i ON i."planId" = p.id
    LEFT JOIN "Meeting" m ON m."planItemId" = i.id
    JOIN unit_group ug ON ug.unit_id = p."cellId"
   WHERE p.year = $2 AND p.status = 'APPROVED'
   GROUP BY ug.group_id
)
SELECT g.id AS unit_id,
       g.is_total,
       coalesce(c.cells, 0)              AS cells,
       coalesce(mf.cells_visited, 0)     AS cells_visited,
       coalesce(mf.visits, 0)            AS visits,
       coalesce(mf.meetings_visited, 0)  AS meetings_visited,
       coalesce(mf.meetings, 0)          AS meetings,
       coalesce(pf.plan_items, 0)        AS plan_items,
       coalesce(pf.plan_items_held, 0)   AS plan_items_held
  FROM groups g
  LEFT JOIN cells c ON c.group_id = g.id
  LEFT JOIN meeting_figures mf ON mf.group_id = g.id
  LEFT JOIN plan_figures pf ON pf.group_id = g.id;
