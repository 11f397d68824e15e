-- For a unit merged away (sáp nhập), the unit it lives on in now, following chains of merges,
-- so a dissolved commune's history can be counted under today's structure.
CREATE TABLE unit_successor AS
WITH RECURSIVE chain(unit_id, successor_id, effective_on, hops) AS (
  SELECT "fromUnitId", "toUnitId", "effectiveOn", 1
    FROM "UnitLineage" WHERE kind = 'MERGE'
  UNION ALL
  SELECT chain.unit_id, l."toUnitId", l."effectiveOn", chain.hops + 1
    FROM chain JOIN "UnitLineage" l ON l."fromUnitId" = chain.successor_id AND l.kind = 'MERGE'
   WHERE chain.hops < 50
)
SELECT unit_id, arg_max(successor_id, hops) AS successor_id, max(effective_on) AS merged_on
  FROM chain
 GROUP BY unit_id;
