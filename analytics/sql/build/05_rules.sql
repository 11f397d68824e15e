-- The rules of the domain the figures share, written once as macros; every fact table and
-- measure family reads them, none spells a rule out again. Where the store's TypeScript keeps
-- the same rule (the removal threshold, the grassroots organisation), test/engine-rules.test.ts
-- checks that the two agree.

-- A month as one number (year * 12 + month - 1): a period's end and the snapshot's month compare as integers.
CREATE MACRO month_index(y, m) AS CAST(y AS INTEGER) * 12 + CAST(m AS INTEGER) - 1;

-- A unit existed in a period when it was founded by its last day and not dissolved before its first.
CREATE MACRO existed_between(valid_from, valid_to, first_day, last_day) AS
  valid_from <= last_day AND (valid_to IS NULL OR valid_to >= first_day);

-- A cell existed in a month of a year (for at least a day of it).
CREATE MACRO existed_in_month(valid_from, valid_to, y, m) AS
  existed_between(valid_from, valid_to, make_date(CAST(y AS BIGINT), CAST(m AS BIGINT), 1), last_day(make_date(CAST(y AS BIGINT), CAST(m AS BIGINT), 1)));

-- A regular or combined meeting is the month's regular meeting (sinh hoạt thường kỳ).
CREATE MACRO fills_month(kind) AS kind IN ('REGULAR', 'COMBINED');
-- A thematic or combined meeting is a thematic one (sinh hoạt chuyên đề).
CREATE MACRO is_thematic(kind) AS kind IN ('THEMATIC', 'COMBINED');

-- A grassroots organisation (tổ chức cơ sở đảng): a GRASSROOTS unit, or a cell directly under a
-- district or province (chi bộ cơ sở).
CREATE MACRO is_grassroots(kind, parent_kind) AS
  kind = 'GRASSROOTS' OR (kind = 'CELL' AND coalesce(parent_kind IN ('DISTRICT', 'PROVINCE'), FALSE));

-- Age in whole years on a day (a birthday counts from its day).
CREATE MACRO age_on(birth_date, day) AS
  date_diff('year', birth_date, day) - CASE WHEN strftime(day, '%m%d') < strftime(birth_date, '%m%d') THEN 1 ELSE 0 END;

-- Up for removal under the Party Charter: unexcused absences in this many months of a year.
CREATE MACRO removal_threshold_months() AS 3;

-- A member was a member on a day: admitted by then, and not gone (their status changed after it).
CREATE MACRO member_on(admitted_on, status, status_changed_on, day) AS
  admitted_on <= day AND (status IN ('PROBATIONARY', 'OFFICIAL') OR status_changed_on > day);

-- A candidate still on the way to admission (neither admitted nor dropped).
CREATE MACRO candidate_in_progress(stage) AS stage NOT IN ('ADMITTED', 'DROPPED');

-- The rating levels of "good or better" (hoàn thành tốt nhiệm vụ trở lên).
CREATE MACRO good_or_better(level) AS level IN ('EXCELLENT', 'GOOD');
