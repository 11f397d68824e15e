// The demo-data generator: deterministic, and what it writes obeys the rules the server
// relies on. Every invariant is recounted here with SQL from the rows written, not with the
// generator's own helpers.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlSession } from '../src/db/sql-session.js';
import { seedProvince, StoreNotEmptyError } from '../src/seed/seed-province.js';
import { useFreshDatabase } from './support/database.js';

const store = useFreshDatabase();
const SCALE = 30;
const SEED = 7;

function query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<Row[]> {
  return store.current().withSession((session: SqlSession) => session.query<Row>(sql, params));
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const rows = await query<{ n: number }>(sql, params);
  return rows[0]?.n ?? 0;
}

const fingerprintTables = ['OrgUnit', 'UnitLineage', 'Member', 'MemberAssignment', 'MeetingExemption', 'Meeting', 'MeetingAbsence',
  'MeetingAssessment', 'AssessmentScore', 'UnitRating', 'MemberRating', 'AdmissionCandidate', 'CandidateStageChange', 'MeetingVisit'];

/** Row count and a hash of every row's text, per table. */
async function fingerprint(): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of fingerprintTables) {
    const [row] = await query<{ n: number; hash: string }>(`SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS hash FROM "${table}" t`);
    result[table] = `${row?.n}:${row?.hash}`;
  }
  return result;
}

// Members expected at a meeting: assigned to the cell that day, active that day, not exempt.
const expectedOn = (cell: string, day: string) => `
  FROM "MemberAssignment" a JOIN "Member" p ON p."id" = a."memberId"
 WHERE a."cellId" = ${cell} AND a."fromDate" <= ${day} AND (a."toDate" IS NULL OR a."toDate" > ${day})
   AND p."admittedOn" <= ${day}
   AND (p."status" IN ('PROBATIONARY', 'OFFICIAL') OR p."statusChangedOn" > ${day})
   AND NOT EXISTS (SELECT 1 FROM "MeetingExemption" e WHERE e."memberId" = p."id"
                    AND e."fromDate" <= ${day} AND (e."toDate" IS NULL OR e."toDate" >= ${day}))`;

beforeAll(async () => {
  const result = await seedProvince(store.current(), { scale: SCALE, seed: SEED });
  const seconds = result.milliseconds / 1000;
  console.log(`seed --scale ${SCALE}: ${result.totalRows} rows in ${seconds.toFixed(1)} s (${Math.round(result.totalRows / seconds)} rows/s)`);
});

describe('seedProvince: structure', () => {
  it('writes one province, districts dissolved on 2025-06-30 and the asked number of cells', async () => {
    expect(await count(`SELECT count(*)::int AS n FROM "OrgUnit" WHERE "kind" = 'CELL'`)).toBe(SCALE);
    expect(await count(`SELECT count(*)::int AS n FROM "OrgUnit" WHERE "kind" = 'PROVINCE'`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM "OrgUnit" WHERE "kind" = 'DISTRICT' AND "validTo" IS DISTINCT FROM DATE '2025-06-30'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM "OrgUnit" WHERE "kind" = 'DISTRICT'`)).toBeGreaterThan(0);
  });

  it('keeps every path and depth in agreement with the parent', async () => {
    const wrong = await count(`
      SELECT count(*)::int AS n FROM "OrgUnit" u LEFT JOIN "OrgUnit" p ON p."id" = u."parentId"
       WHERE u."path" <> COALESCE(p."path", '/') || u."id" || '/' OR u."depth" <> COALESCE(p."depth" + 1, 0)`);
    expect(wrong).toBe(0);
  });

  it('records a MERGE for every dissolved commune, into a new commune under the province founded the next day', async () => {
    const dissolved = await query<{ id: number }>(`SELECT "id" FROM "OrgUnit" WHERE "kind" = 'GRASSROOTS' AND "validTo" IS NOT NULL ORDER BY "id"`);
    const merges = await query<{ fromUnitId: number; ok: boolean }>(`
      SELECT l."fromUnitId", (t."kind" = 'GRASSROOTS' AND t."validFrom" = l."effectiveOn" AND f."validTo" = l."effectiveOn" - 1
                              AND t."parentId" = (SELECT "id" FROM "OrgUnit" WHERE "kind" = 'PROVINCE')) AS ok
        FROM "UnitLineage" l JOIN "OrgUnit" f ON f."id" = l."fromUnitId" JOIN "OrgUnit" t ON t."id" = l."toUnitId"
       WHERE l."kind" = 'MERGE' ORDER BY l."fromUnitId"`);
    expect(dissolved.length).toBeGreaterThanOrEqual(2);
    expect(merges.map((m) => m.fromUnitId)).toEqual(dissolved.map((d) => d.id));
    expect(merges.every((m) => m.ok)).toBe(true);
    const sizes = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "UnitLineage" WHERE "kind" = 'MERGE' GROUP BY "toUnitId"`);
    expect(sizes.every((s) => s.n === 2 || s.n === 3)).toBe(true);
    // No cell hangs from a dissolved unit.
    expect(await count(`SELECT count(*)::int AS n FROM "OrgUnit" c JOIN "OrgUnit" p ON p."id" = c."parentId" WHERE c."kind" = 'CELL' AND p."validTo" IS NOT NULL`)).toBe(0);
  });

  it('refuses a store that already has units unless asked to reset', async () => {
    await expect(seedProvince(store.current(), { scale: 5, seed: 1 })).rejects.toBeInstanceOf(StoreNotEmptyError);
    expect(await count(`SELECT count(*)::int AS n FROM "OrgUnit" WHERE "kind" = 'CELL'`)).toBe(SCALE);
  });
});

describe('seedProvince: meetings', () => {
  it('stores as expectedCount exactly the members assigned, active and not exempt that day', async () => {
    const rows = await query<{ id: number; expectedCount: number; recount: number }>(`
      SELECT m."id", m."expectedCount", (SELECT count(*)::int ${expectedOn('m."cellId"', 'm."heldOn"')}) AS recount FROM "Meeting" m`);
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows.filter((row) => row.expectedCount !== row.recount)).toEqual([]);
  });

  it('stores presentCount as expected less absences, and every absentee was expected', async () => {
    expect(await count(`
      SELECT count(*)::int AS n FROM "Meeting" m
       WHERE m."presentCount" <> m."expectedCount" - (SELECT count(*) FROM "MeetingAbsence" a WHERE a."meetingId" = m."id")`)).toBe(0);
    expect(await count(`
      SELECT count(*)::int AS n FROM "MeetingAbsence" x JOIN "Meeting" m ON m."id" = x."meetingId"
       WHERE NOT EXISTS (SELECT 1 ${expectedOn('m."cellId"', 'm."heldOn"')} AND p."id" = x."memberId")`)).toBe(0);
  });

  it('holds at most one regular or combined meeting per cell and month', async () => {
    expect(await count(`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM "Meeting" WHERE "kind" IN ('REGULAR', 'COMBINED')
       GROUP BY "cellId", "year", "month" HAVING count(*) > 1) d`)).toBe(0);
  });

  it('gives every assessment the level its scores reach under the criteria set bands', async () => {
    const rows = await query<{ id: number; level: string; stored: string; total: string; sum: string; scored: number; criteria: number }>(`
      WITH s AS (
        SELECT a."id", a."criteriaSetId", a."level"::text AS stored, a."totalScore"::text AS total, sum(sc."points") AS sum,
               bool_and(NOT c."requiredForGood" OR sc."points" >= c."maxPoints") AS required, count(*)::int AS scored,
               (SELECT count(*)::int FROM "Criterion" k WHERE k."criteriaSetId" = a."criteriaSetId") AS criteria
          FROM "MeetingAssessment" a JOIN "AssessmentScore" sc ON sc."assessmentId" = a."id" JOIN "Criterion" c ON c."id" = sc."criterionId"
         GROUP BY a."id")
      SELECT s."id", s.stored, s.total, s.sum::text AS sum, s.scored, s.criteria,
             (SELECT b."level"::text FROM "LevelBand" b WHERE b."criteriaSetId" = s."criteriaSetId" AND b."minScore" <= s.sum
                 AND (b."level" <> 'GOOD' OR s.required) ORDER BY b."minScore" DESC LIMIT 1) AS level
        FROM s`);
    expect(rows.length).toBe(await count(`SELECT count(*)::int AS n FROM "MeetingAssessment"`));
    const wrong = rows.filter((row) => row.level !== row.stored || Number(row.total) !== Number(row.sum) || row.scored !== row.criteria);
    expect(wrong).toEqual([]);
    const levels = new Set(rows.map((row) => row.stored));
    expect(levels.has('GOOD') && levels.has('FAIR')).toBe(true);
  });

  it('gives every criterion computed from attendance the points its bands give for the meeting’s record', async () => {
    // The bands as the criteria set configures them, applied here in SQL: the most points among the bands whose
    // share ("over", or "at least" when inclusive; nobody expected counts as all present) and unexcused limit hold.
    const rows = await query<{ points: string; earned: string }>(`
      WITH r AS (
        SELECT sc."points", c."id" AS criterion, m."expectedCount" AS expected, m."presentCount" AS present,
               (SELECT count(*)::int FROM "MeetingAbsence" x WHERE x."meetingId" = m."id" AND x."kind" = 'UNEXCUSED') AS unexcused
          FROM "AssessmentScore" sc JOIN "Criterion" c ON c."id" = sc."criterionId"
          JOIN "MeetingAssessment" a ON a."id" = sc."assessmentId" JOIN "Meeting" m ON m."id" = a."meetingId"
         WHERE c."computation" = 'ATTENDANCE')
      SELECT r."points"::text AS points,
             COALESCE((SELECT max(b."points") FROM "AttendanceBand" b
                        WHERE b."criterionId" = r.criterion
                          AND (b."maxUnexcusedAbsences" IS NULL OR r.unexcused <= b."maxUnexcusedAbsences")
                          AND (b."minPresentPercent" IS NULL
                               OR (r.expected = 0 AND 100 >= b."minPresentPercent")
                               OR (r.expected > 0 AND b."minPresentInclusive" AND r.present * 100.0 >= b."minPresentPercent" * r.expected)
                               OR (r.expected > 0 AND NOT b."minPresentInclusive" AND r.present * 100.0 > b."minPresentPercent" * r.expected))),
                      0)::text AS earned
        FROM r`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row) => Number(row.points) !== Number(row.earned))).toEqual([]);
    // The record varies: some meetings earn full marks, some do not.
    const earned = new Set(rows.map((row) => Number(row.earned)));
    expect(earned.has(20) && [...earned].some((points) => points < 20)).toBe(true);
  });

  it('links held thematic meetings to items of an approved plan of the same cell, year and quarter', async () => {
    expect(await count(`
      SELECT count(*)::int AS n FROM "Meeting" m JOIN "ThematicPlanItem" i ON i."id" = m."planItemId" JOIN "ThematicPlan" p ON p."id" = i."planId"
       WHERE m."kind" <> 'THEMATIC' OR p."cellId" <> m."cellId" OR p."year" <> m."year" OR i."quarter" <> (m."month" + 2) / 3 OR p."status" <> 'APPROVED'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM "Meeting" WHERE "planItemId" IS NOT NULL`)).toBeGreaterThan(0);
  });

  it('varies between communes: the share of months with a regular meeting differs by 10 points or more', async () => {
    const shares = await query<{ code: string; share: number }>(`
      SELECT g."code", count(m."id")::float / (count(DISTINCT c."id") * 60) AS share
        FROM "OrgUnit" g JOIN "OrgUnit" c ON c."code" LIKE g."code" || '.%' AND c."kind" = 'CELL' AND c."validFrom" < DATE '2021-01-01'
        LEFT JOIN "Meeting" m ON m."cellId" = c."id" AND m."kind" IN ('REGULAR', 'COMBINED')
       WHERE g."kind" = 'GRASSROOTS' AND g."category" = 'HAMLET' AND g."validTo" IS NOT NULL
       GROUP BY g."code"`);
    const values = shares.map((row) => row.share);
    console.log('regular-meeting share per commune:', shares.map((row) => `${row.code} ${(row.share * 100).toFixed(1)}%`).join(', '));
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThanOrEqual(0.1);
  });

  it('flags some members with unexcused absences in three or more months of a year', async () => {
    expect(await count(`
      SELECT count(*)::int AS n FROM (
        SELECT x."memberId", m."year" FROM "MeetingAbsence" x JOIN "Meeting" m ON m."id" = x."meetingId"
         WHERE x."kind" = 'UNEXCUSED' GROUP BY x."memberId", m."year" HAVING count(DISTINCT m."month") >= 3) r`)).toBeGreaterThan(0);
  });
});

describe('seedProvince: members and admissions', () => {
  it('gives party cards only to members who became official, each card once', async () => {
    expect(await count(`SELECT count(*)::int AS n FROM "Member" WHERE ("partyCardNumber" IS NULL) <> ("officialOn" IS NULL)`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM "Member" WHERE "status" = 'PROBATIONARY' AND "admittedOn" <= DATE '2024-12-31'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM "Member" WHERE "status" = 'PROBATIONARY'`)).toBeGreaterThan(0);
  });

  it('keeps each member in at most one cell at a time, and Member.cellId is the last one', async () => {
    expect(await count(`
      SELECT count(*)::int AS n FROM "MemberAssignment" a JOIN "MemberAssignment" b ON a."memberId" = b."memberId" AND a."id" < b."id"
       WHERE a."fromDate" < COALESCE(b."toDate", DATE '9999-12-31') AND b."fromDate" < COALESCE(a."toDate", DATE '9999-12-31')`)).toBe(0);
    expect(await count(`
      SELECT count(*)::int AS n FROM "Member" p
       WHERE p."cellId" <> (SELECT a."cellId" FROM "MemberAssignment" a WHERE a."memberId" = p."id" ORDER BY a."fromDate" DESC LIMIT 1)`)).toBe(0);
  });

  it('looks like a real membership: about 40% women, mostly Kinh, some exempt', async () => {
    const [row] = await query<{ women: number; kinh: number; exempt: number }>(`
      SELECT avg(("gender" = 'FEMALE')::int)::float AS women, avg(("ethnicity" = 'Kinh')::int)::float AS kinh,
             (SELECT count(DISTINCT "memberId")::int FROM "MeetingExemption") AS exempt FROM "Member"`);
    expect(row!.women).toBeGreaterThan(0.3);
    expect(row!.women).toBeLessThan(0.5);
    expect(row!.kinh).toBeGreaterThan(0.7);
    expect(row!.exempt).toBeGreaterThan(0);
  });

  it('admits close to each grassroots target, recording the admitting committee and an ADMITTED candidate', async () => {
    const rows = await query<{ target: number; actual: number }>(`
      SELECT t."target", (SELECT count(*)::int FROM "Member" p WHERE p."admittedByUnitId" = t."unitId"
                            AND extract(year FROM p."admittedOn") = t."year") AS actual
        FROM "AdmissionTarget" t JOIN "OrgUnit" u ON u."id" = t."unitId"
       -- A commune merged on 1 July admits into the new commune from then on.
       WHERE u."validTo" IS NULL OR u."validTo" >= make_date(t."year", 12, 31)`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => Math.abs(row.actual - row.target) <= 3)).toBe(true);
    expect(await count(`
      SELECT count(*)::int AS n FROM "Member" p WHERE p."admittedOn" >= DATE '2021-01-01'
         AND NOT EXISTS (SELECT 1 FROM "AdmissionCandidate" c WHERE c."memberId" = p."id" AND c."stage" = 'ADMITTED')`)).toBe(0);
  });
});

describe('seedProvince: determinism', () => {
  it('writes the same rows again from the same seed, and other rows from another seed', async () => {
    const before = await fingerprint();
    await seedProvince(store.current(), { scale: SCALE, seed: SEED, reset: true });
    expect(await fingerprint()).toEqual(before);
    await seedProvince(store.current(), { scale: SCALE, seed: SEED + 1, reset: true });
    expect((await fingerprint()).Member).not.toEqual(before.Member);
  });

  it('keeps the default criteria set through a reset and moves sequences past the ids written', async () => {
    expect(await count(`SELECT count(*)::int AS n FROM "Criterion" c JOIN "CriteriaSet" s ON s."id" = c."criteriaSetId" WHERE s."code" = 'TW-12-HD-2018'`)).toBe(5);
    // Its attendance criterion stays computed, with its three bands.
    expect(await count(`
      SELECT count(*)::int AS n FROM "AttendanceBand" b JOIN "Criterion" c ON c."id" = b."criterionId" JOIN "CriteriaSet" s ON s."id" = c."criteriaSetId"
       WHERE s."code" = 'TW-12-HD-2018' AND c."code" = 'ATTENDANCE' AND c."computation" = 'ATTENDANCE'`)).toBe(3);
    const [row] = await query<{ next: number; max: number }>(`SELECT nextval(pg_get_serial_sequence('"Meeting"', 'id'))::int AS next, (SELECT max("id")::int FROM "Meeting") AS max`);
    expect(row!.next).toBeGreaterThan(row!.max);
  });
});
