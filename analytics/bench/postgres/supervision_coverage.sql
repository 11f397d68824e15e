-- Supervision of a year, straight from the transactional store: for a unit and each unit
-- directly under it, cells existing that year, cells and meetings visited by a working group or
-- a committee member, visits, meetings held, and approved thematic plan topics against held.
-- Parameters: $1 unit id, $2 year.
WITH root AS (
  SELECT id, path, depth FROM "OrgUnit" WHERE id = $1
),
groups AS (
  SELECT id, TRUE AS is_total FROM root
  UNION ALL
  SELECT id, FALSE FROM "OrgUnit" WHERE "parentId" = $1
),
-- Each unit of the subtree counts for the root and for the child of the root it lies under:
-- the path segment after the root's own ("/1/4/17/" under "/1/" lies under child 4).
unit_group AS (
  SELECT u.id AS unit_id, u.kind, u."validFrom", u."validTo", g.group_id
    FROM root r
    JOIN "OrgUnit" u ON u.path LIKE r.path || '%'
   CROSS JOIN LATERAL (VALUES (r.id), (CASE WHEN u.id <> r.id THEN split_part(u.path, '/', r.depth + 3)::int END)) AS g(group_id)
   WHERE g.group_id IS NOT NULL
),
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
