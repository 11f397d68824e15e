-- Attendance and quality of a year's meetings for a unit and each unit directly under it:
-- present against expected (the exempt are not expected), absences, and the cells' own
-- scoring: average, how many scored at least $threshold, and how many reached each level.
-- Parameters: $unit_id, $year, $threshold.
SELECT g.id                                                    AS unit_id,
       g.is_total                                              AS is_total,
       count(f.meeting_id)                                     AS meetings,
       coalesce(sum(f.expected), 0)                            AS expected,
       coalesce(sum(f.present), 0)                             AS present,
       coalesce(sum(f.excused), 0)                             AS excused,
       coalesce(sum(f.unexcused), 0)                           AS unexcused,
       count(f.cell_score)                                     AS scored,
       -- Rounded to hundredths here, half up on the exact sum: the binary double of a mean
       -- such as 81.835 lies just below it and would round down to 81.83 afterwards.
       round(sum(f.cell_score) * 100 / nullif(count(f.cell_score), 0)) / 100 AS average_score,
       count(*) FILTER (WHERE f.cell_score >= $threshold)      AS at_least_threshold,
       count(*) FILTER (WHERE f.cell_level = 'GOOD')           AS good,
       count(*) FILTER (WHERE f.cell_level = 'FAIR')           AS fair,
       count(*) FILTER (WHERE f.cell_level = 'AVERAGE')        AS average,
       count(*) FILTER (WHERE f.cell_level = 'POOR')           AS poor
  FROM unit_groups($unit_id) g
  LEFT JOIN unit_ancestor ua ON ua.ancestor_id = g.id
  LEFT JOIN meeting_fact f ON f.cell_id = ua.unit_id AND f.year = $year
 GROUP BY g.id, g.is_total;
