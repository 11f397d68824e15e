// A small store of two provinces (enough cells each for communes to merge), as `npm run seed -- --provinces N` writes it: with COPY
// from two writer threads on PostgreSQL, with the one-connection writer on the embedded store.
// The seed skips the per-row foreign-key triggers, so every foreign key is checked here from
// the catalogue, and the counts and rules are recounted with SQL, not with the generator.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlSession } from '../src/db/sql-session.js';
import { seedWithCopy } from '../src/seed/seed-copy.js';
import { seedProvince } from '../src/seed/seed-province.js';
import { storeName, useFreshDatabase } from './support/database.js';

const store = useFreshDatabase();
const SCALE = 90;
const PROVINCES = 2;

function query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<Row[]> {
  return store.current().withSession((session: SqlSession) => session.query<Row>(sql, params));
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const rows = await query<{ n: number }>(sql, params);
  return rows[0]?.n ?? 0;
}

beforeAll(async () => {
  const url = store.url();
  if (url) await seedWithCopy(store.current(), { scale: SCALE, provinces: PROVINCES, seed: 3, databaseUrl: url, workers: 2 });
  else await seedProvince(store.current(), { scale: SCALE, provinces: PROVINCES, seed: 3 });
}, 120_000);

describe(`seed --provinces ${PROVINCES} (${storeName})`, () => {
  it('writes the provinces as roots, and the cells asked for spread over them', async () => {
    const provinces = await query<{ id: number; code: string; cells: number }>(`
      SELECT p."id", p."code", (SELECT count(*)::int FROM "OrgUnit" c WHERE c."kind" = 'CELL' AND c."path" LIKE p."path" || '%') AS cells
        FROM "OrgUnit" p WHERE p."parentId" IS NULL ORDER BY p."id"`);
    expect(provinces).toHaveLength(PROVINCES);
    expect(new Set(provinces.map((p) => p.code)).size).toBe(PROVINCES);
    expect(provinces.map((p) => p.cells).sort()).toEqual([45, 45]);
    expect(await count(`SELECT count(*)::int AS n FROM "OrgUnit" WHERE "kind" = 'PROVINCE' AND "parentId" IS NOT NULL`)).toBe(0);
  });

  it('holds every foreign key, though the load skipped their triggers', async () => {
    const keys = await query<{ child: string; parent: string; columns: string[]; referenced: string[] }>(`
      SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
             array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
             array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS referenced
        FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`);
    expect(keys.length).toBeGreaterThan(20);
    const broken: string[] = [];
    for (const key of keys) {
      const notNull = key.columns.map((column) => `c."${column}" IS NOT NULL`).join(' AND ');
      const match = key.columns.map((column, i) => `p."${key.referenced[i]}" = c."${column}"`).join(' AND ');
      const orphans = await count(`SELECT count(*)::int AS n FROM ${key.child} c WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${key.parent} p WHERE ${match})`);
      if (orphans > 0) broken.push(`${key.child}(${key.columns.join(', ')}) → ${key.parent}: ${orphans}`);
    }
    expect(broken).toEqual([]);
  });

  it('keeps paths, depths and Vietnamese names (NFC) of every unit', async () => {
    expect(await count(`
      SELECT count(*)::int AS n FROM "OrgUnit" u LEFT JOIN "OrgUnit" p ON p."id" = u."parentId"
       WHERE u."path" <> COALESCE(p."path", '/') || u."id" || '/' OR u."depth" <> COALESCE(p."depth" + 1, 0)`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM "OrgUnit" WHERE "name" <> normalize("name", NFC)`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM "Member" WHERE "fullName" <> normalize("fullName", NFC)`)).toBe(0);
  });

  it('gives every province its members, meetings with absences and assessments, ratings, candidates and working groups', async () => {
    const perProvince = await query<{ members: number; meetings: number; absences: number; assessed: number; ratings: number; candidates: number; visits: number; lineage: number }>(`
      SELECT (SELECT count(*)::int FROM "Member" m JOIN "OrgUnit" c ON c."id" = m."cellId" WHERE c."path" LIKE p."path" || '%') AS members,
             (SELECT count(*)::int FROM "Meeting" m JOIN "OrgUnit" c ON c."id" = m."cellId" WHERE c."path" LIKE p."path" || '%') AS meetings,
             (SELECT count(*)::int FROM "MeetingAbsence" a JOIN "Meeting" m ON m."id" = a."meetingId" JOIN "OrgUnit" c ON c."id" = m."cellId" WHERE c."path" LIKE p."path" || '%') AS absences,
             (SELECT count(*)::int FROM "MeetingAssessment" s JOIN "Meeting" m ON m."id" = s."meetingId" JOIN "OrgUnit" c ON c."id" = m."cellId" WHERE c."path" LIKE p."path" || '%') AS assessed,
             (SELECT count(*)::int FROM "UnitRating" r JOIN "OrgUnit" c ON c."id" = r."unitId" WHERE c."path" LIKE p."path" || '%') AS ratings,
             (SELECT count(*)::int FROM "AdmissionCandidate" a JOIN "OrgUnit" c ON c."id" = a."cellId" WHERE c."path" LIKE p."path" || '%') AS candidates,
             (SELECT count(*)::int FROM "MeetingVisit" v JOIN "Meeting" m ON m."id" = v."meetingId" JOIN "OrgUnit" c ON c."id" = m."cellId" WHERE c."path" LIKE p."path" || '%') AS visits,
             (SELECT count(*)::int FROM "UnitLineage" l JOIN "OrgUnit" t ON t."id" = l."toUnitId" WHERE t."path" LIKE p."path" || '%') AS lineage
        FROM "OrgUnit" p WHERE p."parentId" IS NULL ORDER BY p."id"`);
    for (const province of perProvince) {
      for (const [what, n] of Object.entries(province)) expect(n, what).toBeGreaterThan(0);
    }
  });

  it('expects at each meeting exactly the members assigned, active and not exempt that day', async () => {
    expect(await count(`
      SELECT count(*)::int AS n FROM "Meeting" m
       WHERE m."expectedCount" <> (
         SELECT count(*) FROM "MemberAssignment" a JOIN "Member" p ON p."id" = a."memberId"
          WHERE a."cellId" = m."cellId" AND a."fromDate" <= m."heldOn" AND (a."toDate" IS NULL OR a."toDate" > m."heldOn")
            AND p."admittedOn" <= m."heldOn" AND (p."status" IN ('PROBATIONARY', 'OFFICIAL') OR p."statusChangedOn" > m."heldOn")
            AND NOT EXISTS (SELECT 1 FROM "MeetingExemption" e WHERE e."memberId" = p."id" AND e."fromDate" <= m."heldOn" AND (e."toDate" IS NULL OR e."toDate" >= m."heldOn")))`)).toBe(0);
  });

  it('counts absences and attendance consistently: present plus absent is expected', async () => {
    expect(await count(`
      SELECT count(*)::int AS n FROM "Meeting" m
       WHERE m."presentCount" + (SELECT count(*) FROM "MeetingAbsence" a WHERE a."meetingId" = m."id") <> m."expectedCount"`)).toBe(0);
  });

  it('numbers party cards by province, each once', async () => {
    expect(await count(`
      SELECT count(*)::int AS n FROM "Member" m JOIN "OrgUnit" c ON c."id" = m."cellId"
        JOIN "OrgUnit" p ON p."parentId" IS NULL AND c."path" LIKE p."path" || '%'
       WHERE m."partyCardNumber" IS NOT NULL AND m."partyCardNumber" NOT LIKE p."code" || '%'`)).toBe(0);
    expect(await count(`SELECT (count("partyCardNumber") - count(DISTINCT "partyCardNumber"))::int AS n FROM "Member"`)).toBe(0);
  });

  it('moves every id sequence past the ids written, so the next insert does not collide', async () => {
    const [row] = await query<{ id: number }>(`INSERT INTO "AdmissionTarget" ("unitId", "year", "target") SELECT "id", 2030, 1 FROM "OrgUnit" WHERE "parentId" IS NULL ORDER BY "id" LIMIT 1 RETURNING "id"`);
    expect(row!.id).toBeGreaterThan(await count(`SELECT max("id")::int AS n FROM "AdmissionTarget" WHERE "year" <> 2030`));
  });
});
