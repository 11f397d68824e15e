// Row security of the store, beneath every resolver: raw SQL as the request roles, with a
// commune's scope set as a request sets it, sees and changes only the rows the rule of
// src/access/rules.ts gives it. The expected rows come from the store read whole.
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_ROLES, LABEL_VIEW, SCOPE_SETTING, USER_SETTING } from '../src/access/row-security.js';
import { tables, type RowRule } from '../src/access/rules.js';
import type { SqlSession } from '../src/db/sql-session.js';
import { seedProvince } from '../src/seed/seed-province.js';
import { useFreshDatabase } from './support/database.js';
import { wholeStore } from './support/store.js';

const store = useFreshDatabase();

interface Unit {
  id: number;
  path: string;
  parentId: number | null;
}
let commune: Unit;
let foreignCell: Unit;

beforeAll(async () => {
  await seedProvince(store.current(), { scale: 24, seed: 11 });
  const db = wholeStore();
  const grassroots = await db.orgUnit.findMany({ where: { kind: 'GRASSROOTS', validTo: null }, orderBy: { id: 'asc' } });
  for (const unit of grassroots) {
    if ((await db.member.count({ where: { cell: { path: { startsWith: unit.path } } } })) > 0) {
      commune = unit;
      break;
    }
  }
  foreignCell = await db.orgUnit.findFirstOrThrow({ where: { kind: 'CELL', validTo: null, NOT: { path: { startsWith: commune.path } } } });
});

/** Runs `work` in a transaction as a request would: a request role, a scope, a user. */
async function asRequest<T>(
  settings: { role: (typeof DATABASE_ROLES)[number]; scope?: string | null; user?: number },
  work: (session: SqlSession) => Promise<T>,
): Promise<T> {
  return store.current().withSession(async (session) => {
    await session.exec('BEGIN');
    try {
      await session.query(`SELECT set_config('role', $1, true), set_config($2, $3, true), set_config($4, $5, true)`, [
        settings.role,
        SCOPE_SETTING,
        settings.scope ?? '',
        USER_SETTING,
        String(settings.user ?? ''),
      ]);
      return await work(session);
    } finally {
      await session.exec('ROLLBACK');
    }
  });
}

const count = async (session: SqlSession, sql: string, params: unknown[] = []) =>
  Number((await session.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) rows`, params))[0]?.n);

describe('row security of the store', () => {
  it('covers every table of the schema: the rule names each model, and a table it does not name shows nothing', async () => {
    const rows = await store
      .current()
      .withSession((s) => s.query<{ name: string; secured: boolean }>(`SELECT relname AS name, relrowsecurity AS secured FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'`));
    expect(rows.filter((row) => !row.secured).map((row) => row.name)).toEqual([]);
    const models = rows.map((row) => row.name).filter((name) => name !== '_prisma_migrations');
    expect(models.sort()).toEqual(Object.keys(tables).sort());
    // The migrations' own table is the owner's: no request reads it.
    await asRequest({ role: 'chibo_writer', scope: '/' }, async (session) => {
      await expect(session.query('SELECT 1 FROM "_prisma_migrations"')).rejects.toThrow(/permission denied/);
    });
  });

  it('has an index for every column the rule looks rows up by, so a policy never scans a table per row', async () => {
    const lookups = new Set<string>();
    const collect = (rule: RowRule): void => {
      if (rule.kind === 'referredBy') lookups.add(`${rule.model}.${rule.column}`);
      if (rule.kind === 'anyOf' || rule.kind === 'allOf') rule.rules.forEach(collect);
    };
    for (const table of Object.values(tables)) [table.read, table.write, table.insert, table.appendOnly].forEach((rule) => rule && collect(rule));
    expect(lookups.size).toBeGreaterThan(0);
    const leading = await store.current().withSession((s) =>
      s.query<{ lookup: string }>(
        `SELECT t.relname || '.' || a.attname AS lookup
           FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
           JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
          WHERE t.relnamespace = 'public'::regnamespace`,
      ),
    );
    const indexed = new Set(leading.map((row) => row.lookup));
    expect([...lookups].filter((lookup) => !indexed.has(lookup))).toEqual([]);
  });

  it("shows a commune's roles only the rows of its subtree, in raw SQL too", async () => {
    const db = wholeStore();
    const inside = {
      units: await db.orgUnit.count({ where: { path: { startsWith: commune.path } } }),
      meetings: await db.meeting.count({ where: { cell: { path: { startsWith: commune.path } } } }),
      absences: await db.meetingAbsence.count({ where: { meeting: { cell: { path: { startsWith: commune.path } } } } }),
      ratings: await db.memberRating.count({ where: { cell: { path: { startsWith: commune.path } } } }),
    };
    expect(inside.meetings).toBeGreaterThan(0);
    expect(await db.orgUnit.count()).toBeGreaterThan(inside.units);
    for (const role of DATABASE_ROLES) {
      await asRequest({ role, scope: commune.path }, async (session) => {
        expect(await count(session, 'SELECT 1 FROM "OrgUnit"'), role).toBe(inside.units);
        expect(await count(session, 'SELECT 1 FROM "Meeting"'), role).toBe(inside.meetings);
        expect(await count(session, 'SELECT 1 FROM "MeetingAbsence"'), role).toBe(inside.absences);
        expect(await count(session, 'SELECT 1 FROM "MemberRating"'), role).toBe(inside.ratings);
        expect(await count(session, 'SELECT 1 FROM "Meeting" WHERE "cellId" = $1', [foreignCell.id]), role).toBe(0);
      });
    }
  });

  it('shows nothing to a request whose scope was never set (default deny)', async () => {
    await asRequest({ role: 'chibo_writer', scope: null }, async (session) => {
      // Configuration everyone reads (criteria sets and their parts, the snapshot list) aside.
      const scoped = Object.entries(tables).filter(([, rule]) => rule.read.kind !== 'everyone').map(([name]) => name);
      for (const table of scoped) {
        expect(await count(session, `SELECT 1 FROM "${table}"`), table).toBe(0);
      }
      expect(await count(session, `SELECT 1 FROM "${LABEL_VIEW}"`)).toBe(0);
    });
  });

  it('names units above the subtree by label, and no unit beside it', async () => {
    const above = commune.path.split('/').filter(Boolean).map(Number).filter((id) => id !== commune.id);
    await asRequest({ role: 'chibo_reader', scope: commune.path }, async (session) => {
      const labels = await session.query<{ id: number }>(`SELECT id FROM "${LABEL_VIEW}" WHERE id = ANY($1::int[])`, [[...above, foreignCell.id]]);
      expect(labels.map((label) => label.id).sort()).toEqual([...above].sort());
      // The units above are labels, not rows of the tree.
      expect(await count(session, 'SELECT 1 FROM "OrgUnit" WHERE id = ANY($1::int[])', [above])).toBe(0);
    });
  });

  it("refuses every write to the reader role, and the writer's writes outside the subtree", async () => {
    const db = wholeStore();
    const myCell = await db.orgUnit.findFirstOrThrow({ where: { kind: 'CELL', validTo: null, path: { startsWith: commune.path } } });
    const insertMeeting = `INSERT INTO "Meeting" ("cellId", kind, year, month, "heldOn", "startsAt", "endsAt", topic, "expectedCount", "presentCount", "updatedAt")
                           VALUES ($1, 'EXTRAORDINARY', 2024, 3, '2024-03-09', '2024-03-09 01:00', '2024-03-09 03:00', 'Kiểm tra', 0, 0, now())`;
    await asRequest({ role: 'chibo_reader', scope: commune.path }, async (session) => {
      await expect(session.query(insertMeeting, [myCell.id])).rejects.toThrow(/permission denied/);
    });
    await asRequest({ role: 'chibo_writer', scope: commune.path }, async (session) => {
      await expect(session.query(insertMeeting, [foreignCell.id])).rejects.toThrow(/row-level security/);
    });
    await asRequest({ role: 'chibo_writer', scope: commune.path }, async (session) => {
      expect(await session.query(`UPDATE "OrgUnit" SET name = name WHERE id = $1 RETURNING 1`, [foreignCell.id])).toEqual([]);
    });
    // A commune cannot move one of its cells out of its subtree.
    await asRequest({ role: 'chibo_writer', scope: commune.path }, async (session) => {
      const moved = `${foreignCell.path}${myCell.id}/`;
      await expect(session.query(`UPDATE "OrgUnit" SET path = $1 WHERE id = $2`, [moved, myCell.id])).rejects.toThrow(/row-level security/);
    });
    await asRequest({ role: 'chibo_writer', scope: commune.path }, async (session) => {
      expect(await session.query(`${insertMeeting} RETURNING 1`, [myCell.id])).toHaveLength(1);
    });
  });

  it('keeps the audit log append-only for requests: an entry of the viewer’s own, never a change', async () => {
    const db = wholeStore();
    const user = await db.user.create({ data: { email: 'rls-audit@chibo.test', displayName: 'Kiểm tra', role: 'STAFF', scopeUnitId: commune.id } });
    await db.auditLog.create({ data: { userId: user.id, action: 'create', entity: 'Meeting', entityId: '1' } });
    const insert = `INSERT INTO "AuditLog" ("userId", action, entity, "entityId") VALUES ($1, 'update', 'Meeting', '1')`;
    await asRequest({ role: 'chibo_writer', scope: commune.path, user: user.id }, async (session) => {
      await session.query(insert, [user.id]);
    });
    await asRequest({ role: 'chibo_writer', scope: commune.path, user: user.id }, async (session) => {
      await expect(session.query(insert, [user.id + 1])).rejects.toThrow(/row-level security/);
    });
    await asRequest({ role: 'chibo_writer', scope: commune.path, user: user.id }, async (session) => {
      await expect(session.query(`UPDATE "AuditLog" SET action = 'x'`)).rejects.toThrow(/permission denied/);
    });
    await asRequest({ role: 'chibo_writer', scope: commune.path, user: user.id }, async (session) => {
      await expect(session.query(`DELETE FROM "AuditLog"`)).rejects.toThrow(/permission denied/);
    });
  });
});
