-- The rows of a dashboard table: a unit (the total) and each unit directly under it.
CREATE MACRO unit_groups(root_id) AS TABLE
  SELECT id, TRUE AS is_total FROM "OrgUnit" WHERE id = root_id
  UNION ALL
  SELECT id, FALSE AS is_total FROM "OrgUnit" WHERE "parentId" = root_id;
