-- Each unit with every unit above it (and itself, levels_up = 0): figures of a subtree join here.
CREATE TABLE unit_ancestor AS
SELECT u.id          AS unit_id,
       a.id          AS ancestor_id,
       a.kind        AS ancestor_kind,
       u.depth - a.depth AS levels_up
  FROM "OrgUnit" u
  JOIN "OrgUnit" a ON starts_with(u.path, a.path);
