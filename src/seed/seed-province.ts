// Writes a deterministic demo province into a store: the same seed and scale give the same
// rows. Everything is written in one transaction, in bulk, streaming chunk by chunk so memory
// stays bounded however many cells are asked for.
import type { Database } from '../db/database.js';
import type { SqlSession } from '../db/sql-session.js';
import type { AttendanceBandRule } from '../features/meetings/attendance-points.js';
import { ChunkWriter, type ChunkSummary, type ScoringRules } from './activity.js';
import { BulkWriter, type RowSink } from './bulk-writer.js';
import { CopyWriter } from './copy-writer.js';
import { addDays, day } from './dates.js';
import { Ids } from './members.js';
import { Random } from './random.js';
import { buildPeriod, buildProvince, SOLE_PROVINCE, type Period, type ProvinceIdentity, type ProvincePlan } from './structure.js';
import * as T from './tables.js';
import { provinces as provinceNames } from './vocabulary.js';

export interface SeedOptions {
  /** Number of cells (chi bộ). */
  scale: number;
  seed?: number;
  fromYear?: number;
  toYear?: number;
  /** Empty every domain table first; otherwise a store that has units is refused. */
  reset?: boolean;
  /** Called after each chunk with the cells written so far. */
  onProgress?: (cellsDone: number, cellsTotal: number) => void;
  /** Provinces the cells are spread over, evenly (default 1: the demo province). */
  provinces?: number;
}

export interface SeedResult {
  rows: Record<string, number>;
  totalRows: number;
  milliseconds: number;
}

export class StoreNotEmptyError extends Error {
  constructor(units: number) {
    super(`the store already has ${units} units; run with --reset to empty it first`);
    this.name = 'StoreNotEmptyError';
  }
}

/** The default criteria set the migrations seed (Hướng dẫn 12-HD/BTCTW). */
export const DEFAULT_CRITERIA_SET = 'TW-12-HD-2018';

async function loadScoringRules(session: SqlSession): Promise<ScoringRules> {
  const sets = await session.query<{ id: number }>('SELECT "id" FROM "CriteriaSet" WHERE "code" = $1', [DEFAULT_CRITERIA_SET]);
  const set = sets[0];
  if (!set) throw new Error(`criteria set ${DEFAULT_CRITERIA_SET} is missing: run the migrations first`);
  const criteria = await session.query<{ id: number; code: string; maxPoints: string; requiredForGood: boolean; computation: string }>(
    'SELECT "id", "code", "maxPoints"::text AS "maxPoints", "requiredForGood", "computation"::text AS "computation" FROM "Criterion" WHERE "criteriaSetId" = $1 ORDER BY "position"',
    [set.id],
  );
  const attendanceBands = await session.query<{
    criterionId: number; points: string; minPresentPercent: string | null; minPresentInclusive: boolean; maxUnexcusedAbsences: number | null; source: string;
  }>(
    `SELECT b."criterionId", b."points"::text AS "points", b."minPresentPercent"::text AS "minPresentPercent", b."minPresentInclusive",
            b."maxUnexcusedAbsences", b."source"
       FROM "AttendanceBand" b JOIN "Criterion" c ON c."id" = b."criterionId" WHERE c."criteriaSetId" = $1 ORDER BY b."id"`,
    [set.id],
  );
  const bandsOf = (criterionId: number): AttendanceBandRule[] =>
    attendanceBands
      .filter((band) => band.criterionId === criterionId)
      .map((band) => ({
        points: Number(band.points),
        minPresentPercent: band.minPresentPercent === null ? null : Number(band.minPresentPercent),
        minPresentInclusive: band.minPresentInclusive,
        maxUnexcusedAbsences: band.maxUnexcusedAbsences,
        source: band.source,
      }));
  const bands = await session.query<{ level: 'GOOD' | 'FAIR' | 'AVERAGE' | 'POOR'; minScore: string }>(
    'SELECT "level"::text AS "level", "minScore"::text AS "minScore" FROM "LevelBand" WHERE "criteriaSetId" = $1',
    [set.id],
  );
  return {
    criteriaSetId: set.id,
    criteria: criteria.map((c) => ({
      id: c.id,
      code: c.code,
      maxPoints: Number(c.maxPoints),
      requiredForGood: c.requiredForGood,
      attendanceBands: c.computation === 'ATTENDANCE' ? bandsOf(c.id) : null,
    })),
    bands: bands.map((b) => ({ level: b.level, minScore: Number(b.minScore) })),
  };
}

/**
 * Empties every domain table. The criteria sets the migrations seeded are configuration: they
 * are read first and put back with their ids (TRUNCATE … CASCADE would take them along, since
 * a criteria set may name the province that issued it).
 */
async function resetStore(session: SqlSession): Promise<void> {
  const sets = await session.query<Record<string, unknown>>('SELECT * FROM "CriteriaSet" WHERE "issuedByUnitId" IS NULL ORDER BY "id"');
  const ids = sets.map((set) => set.id as number);
  const criteria = await session.query<Record<string, unknown>>('SELECT * FROM "Criterion" WHERE "criteriaSetId" = ANY($1::int[]) ORDER BY "id"', [ids]);
  const bands = await session.query<Record<string, unknown>>('SELECT "criteriaSetId", "level"::text AS "level", "minScore" FROM "LevelBand" WHERE "criteriaSetId" = ANY($1::int[])', [ids]);
  const attendanceBands = await session.query<Record<string, unknown>>(
    'SELECT b.* FROM "AttendanceBand" b JOIN "Criterion" c ON c."id" = b."criterionId" WHERE c."criteriaSetId" = ANY($1::int[]) ORDER BY b."id"',
    [ids],
  );
  await session.exec(`TRUNCATE ${T.resetTables.map((name) => `"${name}"`).join(', ')} RESTART IDENTITY CASCADE`);
  for (const set of sets) {
    await session.query(
      'INSERT INTO "CriteriaSet" ("id", "code", "name", "issuedByUnitId", "decisionNumber", "validFrom", "validTo") VALUES ($1, $2, $3, NULL, $4, $5, $6)',
      [set.id, set.code, set.name, set.decisionNumber, set.validFrom, set.validTo],
    );
  }
  for (const c of criteria) {
    await session.query(
      'INSERT INTO "Criterion" ("id", "criteriaSetId", "code", "name", "position", "maxPoints", "requiredForGood", "computation") VALUES ($1, $2, $3, $4, $5, $6, $7, $8::"CriterionComputation")',
      [c.id, c.criteriaSetId, c.code, c.name, c.position, c.maxPoints, c.requiredForGood, c.computation],
    );
  }
  for (const b of attendanceBands) {
    await session.query(
      'INSERT INTO "AttendanceBand" ("id", "criterionId", "points", "minPresentPercent", "minPresentInclusive", "maxUnexcusedAbsences", "source") VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [b.id, b.criterionId, b.points, b.minPresentPercent, b.minPresentInclusive, b.maxUnexcusedAbsences, b.source],
    );
  }
  for (const b of bands) {
    await session.query('INSERT INTO "LevelBand" ("criteriaSetId", "level", "minScore") VALUES ($1, $2::"MeetingLevel", $3)', [b.criteriaSetId, b.level, b.minScore]);
  }
}

/** Moves every id sequence past the largest id written, so later inserts do not collide. */
async function syncSequences(session: SqlSession): Promise<void> {
  const tables = await session.query<{ table: string; sequence: string }>(`
    SELECT c.table_name AS "table", pg_get_serial_sequence(format('%I', c.table_name), 'id') AS "sequence"
      FROM information_schema.columns c
     WHERE c.table_schema = current_schema() AND c.column_name = 'id' AND c.column_default LIKE 'nextval%'`);
  for (const { table, sequence } of tables) {
    await session.query(`SELECT setval($1, COALESCE((SELECT max("id") FROM "${table}"), 0) + 1, false)`, [sequence]);
  }
}

async function writeStructure(writer: RowSink, plan: ProvincePlan, ids: Ids): Promise<void> {
  const recordedAt = `${plan.period.start} 08:00:00`;
  for (const unit of plan.units) {
    await writer.add(T.OrgUnit, {
      id: unit.id, code: unit.code, name: unit.name, searchName: unit.searchName, sortKey: unit.sortKey, kind: unit.kind,
      category: unit.category, parentId: unit.parentId, path: unit.path, depth: unit.depth, validFrom: unit.validFrom, validTo: unit.validTo,
      createdAt: recordedAt, updatedAt: recordedAt,
    });
    const { movedFrom } = unit;
    if (movedFrom) {
      await writer.add(T.UnitPlacement, { id: ids.next('UnitPlacement'), unitId: unit.id, parentId: movedFrom.parentId, validFrom: unit.validFrom, validTo: addDays(movedFrom.on, -1) });
    }
    await writer.add(T.UnitPlacement, { id: ids.next('UnitPlacement'), unitId: unit.id, parentId: unit.parentId, validFrom: movedFrom?.on ?? unit.validFrom, validTo: null });
  }
  for (const merge of plan.merges) {
    for (const chunk of merge.from) {
      await writer.add(T.UnitLineage, {
        id: ids.next('UnitLineage'), kind: 'MERGE', fromUnitId: chunk.grassroots!.id, toUnitId: merge.unit.id,
        effectiveOn: merge.unit.validFrom, decisionNumber: plan.mergeDecision, note: 'Sắp xếp đơn vị hành chính cấp xã',
      });
    }
  }
  for (const group of plan.groups) {
    await writer.add(T.WorkingGroup, {
      id: group.id, name: group.name, decisionNumber: group.decisionNumber, formedByUnitId: group.formedByUnitId,
      formedOn: group.formedOn, dissolvedOn: group.dissolvedOn,
    });
    for (const member of group.members) {
      await writer.add(T.WorkingGroupMember, { id: ids.next('WorkingGroupMember'), groupId: group.id, fullName: member.fullName, role: member.role, memberId: null });
    }
    for (const cellId of group.cellIds) {
      await writer.add(T.WorkingGroupAssignment, { groupId: group.id, cellId, fromDate: group.formedOn, toDate: group.dissolvedOn });
    }
  }
}

/** The new communes are rated for the year of the merge from the cells they took over. */
async function writeMergedRatings(writer: RowSink, plan: ProvincePlan, ids: Ids, summaries: Map<number, ChunkSummary>, random: Random): Promise<void> {
  const year = 2025;
  for (const merge of plan.merges) {
    const scores = merge.from.map((chunk) => summaries.get(chunk.index)?.cellScores.get(year)).filter((s): s is number => s !== undefined);
    if (scores.length === 0) continue;
    const score = Math.round(Math.min(100, scores.reduce((a, b) => a + b, 0) / scores.length + random.normal(0, 2)) * 10) / 10;
    const level = score >= 92 ? 'EXCELLENT' : score >= 75 ? 'GOOD' : score >= 60 ? 'COMPLETED' : 'NOT_COMPLETED';
    await writer.add(T.UnitRating, {
      id: ids.next('UnitRating'), unitId: merge.unit.id, year, period: 'YEAR', periodIndex: 0, selfAssessedLevel: level, proposedLevel: level,
      level, score, ruleVersion: '124-QĐ/TW (2023)', notRatedReason: null, decidedByUnitId: plan.province.id, decidedOn: day(year + 1, 1, 20),
    });
  }
}

/**
 * The generator assigns every id itself and the tests check the references, so per-row
 * foreign-key triggers only slow the load (they are most of its time). Where the role may
 * (a superuser, as on the embedded store), they are skipped for this transaction, as
 * pg_dump's --disable-triggers does; elsewhere the checks simply run.
 */
async function skipForeignKeyChecks(session: SqlSession): Promise<void> {
  await session.exec('SAVEPOINT seed_replica_role');
  try {
    await session.exec('SET LOCAL session_replication_role = replica');
    await session.exec('RELEASE SAVEPOINT seed_replica_role');
  } catch {
    await session.exec('ROLLBACK TO SAVEPOINT seed_replica_role');
  }
}

/** The provinces of the store to be, each with its plan and its own random stream. */
export interface CountryPlan {
  period: Period;
  provinces: { plan: ProvincePlan; random: Random }[];
}

/** Who each of `count` provinces is: one is the demo province; more are the country's, in turn. */
export function provinceIdentity(index: number, count: number): ProvinceIdentity {
  if (count === 1) return SOLE_PROVINCE;
  const [name, code] = provinceNames[index % provinceNames.length] as readonly [string, string];
  const round = Math.floor(index / provinceNames.length);
  return { index, count, name: round === 0 ? name : `${name} ${round + 1}`, code: round === 0 ? code : `${code}${round + 1}` };
}

export function planCountry(options: Pick<SeedOptions, 'scale' | 'seed' | 'fromYear' | 'toYear' | 'provinces'>): CountryPlan {
  const seed = options.seed ?? 1;
  const count = options.provinces ?? 1;
  const period = buildPeriod(options.fromYear ?? 2021, options.toYear ?? 2025);
  if (!Number.isInteger(options.scale) || options.scale < 1) throw new Error(`scale must be a whole number of cells, at least 1 (got ${options.scale})`);
  if (!Number.isInteger(count) || count < 1 || count > options.scale) throw new Error(`provinces must be a whole number from 1 to the number of cells (got ${count})`);
  if (period.toYear < period.fromYear) throw new Error(`the years run backwards: ${period.fromYear} to ${period.toYear}`);
  const provinces = [];
  for (let index = 0; index < count; index++) {
    const cells = Math.floor(options.scale / count) + (index < options.scale % count ? 1 : 0);
    // One province keeps the stream it always had, so its rows are the same as before.
    const label = count === 1 ? `province:${options.scale}:${period.fromYear}-${period.toYear}` : `country:${options.scale}:${count}:${period.fromYear}-${period.toYear}:${index}`;
    const random = new Random(seed, label);
    provinces.push({ plan: buildProvince(random.fork('structure'), cells, period, provinceIdentity(index, count)), random });
  }
  return { period, provinces };
}

/** Opens the store for seeding: refuses a store with units unless asked to reset it, then reads the scoring rules. */
async function prepareStore(session: SqlSession, options: SeedOptions): Promise<ScoringRules> {
  const [{ units }] = (await session.query<{ units: number }>('SELECT count(*)::int AS units FROM "OrgUnit"')) as [{ units: number }];
  if (units > 0) {
    if (!options.reset) throw new StoreNotEmptyError(units);
    await resetStore(session);
  }
  return loadScoringRules(session);
}

function totals(rows: Record<string, number>, started: number): SeedResult {
  return { rows, totalRows: Object.values(rows).reduce((a, b) => a + b, 0), milliseconds: performance.now() - started };
}

/**
 * Seeds the store in one transaction over one connection, with COPY. A PostgreSQL server
 * reached by URL is written faster by `seedWithCopy` (seed-copy.ts), several writers side by side.
 */
export async function seedProvince(database: Database, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const country = planCountry(options);

  return database.withSession(async (session) => {
    await session.exec('BEGIN');
    try {
      const rules = await prepareStore(session, options);
      await skipForeignKeyChecks(session);
      // COPY where the store has it (both do); INSERT … unnest otherwise.
      const writer = session.copyFrom ? new CopyWriter(session, T.seededTables) : new BulkWriter(session, T.seededTables);
      const ids = new Ids();
      for (const { plan } of country.provinces) await writeStructure(writer, plan, ids);
      let cellsDone = 0;
      for (const { plan, random } of country.provinces) {
        const summaries = new Map<number, ChunkSummary>();
        for (const chunk of plan.chunks) {
          const chunkWriter = new ChunkWriter(writer, random.fork(`chunk:${chunk.index}`), ids, plan, chunk, rules);
          summaries.set(chunk.index, await chunkWriter.write());
          cellsDone += chunk.cells.length;
          options.onProgress?.(cellsDone, options.scale);
        }
        if (country.period.reorganisation) await writeMergedRatings(writer, plan, ids, summaries, random.fork('merged'));
      }
      await writer.flush();
      await syncSequences(session);
      await session.exec('COMMIT');
      return totals(writer.counts(), started);
    } catch (error) {
      await session.exec('ROLLBACK');
      throw error;
    }
  });
}

export { loadScoringRules, prepareStore, skipForeignKeyChecks, syncSequences, totals, writeMergedRatings, writeStructure };
