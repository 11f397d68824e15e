-- Each unit with every unit above it (and itself, levels_up = 0): figures of a subtree join here.
-- A unit's path ("/1/4/17/") names its ancestors' ids from the root down, so each is found by
-- its id (an equality join) rather than by comparing every path with every other.
CREATE TABLE unit_ancestor AS
WITH step AS (
  SELECT u.id, u.depth, u.path, CAST(ancestor.id AS INTEGER) AS ancestor_id
    FROM "OrgUnit" u, unnest(string_split(trim(u.path, '/'), '/')) AS ancestor(id)
)
SELECT step.id            AS unit_id,
       a.id               AS ancestor_id,
       a.kind             AS ancestor_kind,
       step.depth - a.depth AS levels_up
  FROM step
  JOIN "OrgUnit" a ON a.id = step.ancestor_id AND starts_with(step.path, a.path);
