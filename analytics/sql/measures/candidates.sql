-- Measure facts: one row an admission candidate (đối tượng kết nạp) at their stage on the
-- snapshot's date; no period applies. Parameters: none.
SELECT a."cellId"    AS unit_id,
       c.category    AS cell_category,
       a.stage       AS candidate_stage
  FROM "AdmissionCandidate" a
  JOIN "OrgUnit" c ON c.id = a."cellId"
