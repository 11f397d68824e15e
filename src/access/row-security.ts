// The rows' rule of src/access/rules.ts as PostgreSQL row-level security, so the store itself
// answers every request as the viewer may see it, beneath every resolver: a relation added next
// year cannot forget the rule. Requests run as one of two database roles (VIEWER's may not write
// at all) with the viewer's scope in a transaction-local setting; start-up, commands and
// background jobs run as the owner of the tables, which row security does not bind.
//
// Generated from the table at every start-up where it changed (applyRowSecurity), on the
// embedded store and on a PostgreSQL server alike: PGlite is PostgreSQL.
import { createHash } from 'node:crypto';
import type { SqlSession } from '../db/sql-session.js';
import type { Prisma } from '../generated/prisma/client.js';
import { tables, type DatabaseRole, type RowRule } from './rules.js';

/** The transaction-local settings a request's queries run under (see viewer-store.ts). */
export const SCOPE_SETTING = 'chibo.scope_path';
export const USER_SETTING = 'chibo.user_id';
export const DATABASE_ROLES: readonly DatabaseRole[] = ['chibo_reader', 'chibo_writer'];

/** Where labels of units (id and name) are read from: see `labelView` below. */
export const LABEL_VIEW = 'UnitLabel';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

type Mode = 'read' | 'write';

/** The SQL condition of a rule over the row named `row`; `depth` keeps nested aliases apart. */
function condition(rule: RowRule, row: string, mode: Mode, depth = 0): string {
  const alias = (letter: string) => `${letter}${depth + 1}`;
  const inScope = (unitIdExpression: string) => {
    const u = alias('u');
    return `EXISTS (SELECT 1 FROM "OrgUnit" ${u} WHERE ${u}.id = ${unitIdExpression} AND starts_with(${u}."path", chibo_scope()))`;
  };
  switch (rule.kind) {
    case 'unit':
      return `starts_with(${row}."path", chibo_scope())`;
    case 'unitIn':
      return inScope(`${row}.${quote(rule.column)}`);
    case 'unitInOrNational':
      return `((${row}.${quote(rule.column)} IS NULL AND chibo_scope() = '/') OR ${inScope(`${row}.${quote(rule.column)}`)})`;
    case 'deciderIn': {
      const r = alias('r');
      const above = `(SELECT ${r}."parentId" FROM "OrgUnit" ${r} WHERE ${r}.id = ${row}.${quote(rule.rated)})`;
      const decider = `coalesce(${row}.${quote(rule.decider)}, ${above})`;
      // Nobody above a province: the centre decides, a viewer of the whole country.
      return `(CASE WHEN ${decider} IS NULL THEN chibo_scope() = '/' ELSE ${inScope(decider)} END)`;
    }
    case 'with': {
      if (mode === 'write') return `${writableFunction(rule.model)}(${row}.${quote(rule.column)})`;
      // The owner table's own policies apply inside the subquery: reading it is the read rule.
      const o = alias('o');
      return `EXISTS (SELECT 1 FROM ${quote(rule.model)} ${o} WHERE ${o}.id = ${row}.${quote(rule.column)})`;
    }
    case 'referredBy': {
      if (mode === 'write') throw new Error('a write rule cannot rest on rows that refer to the record');
      const r = alias('r');
      return `EXISTS (SELECT 1 FROM ${quote(rule.model)} ${r} WHERE ${r}.${quote(rule.column)} = ${row}.id)`;
    }
    case 'national':
      return `chibo_scope() = '/'`;
    case 'byViewer':
      return `${row}.${quote(rule.column)} = nullif(current_setting('${USER_SETTING}', true), '')::int`;
    case 'anyOf':
      return `(${rule.rules.map((each) => condition(each, row, mode, depth + 1)).join(' OR ')})`;
    case 'allOf':
      return `(${rule.rules.map((each) => condition(each, row, mode, depth + 1)).join(' AND ')})`;
    case 'everyone':
      return 'true';
  }
}

/**
 * Whether the viewer may write the record of `model` with an id: the owner table's write rule,
 * evaluated by a function that runs as the tables' owner. A policy that read the owner table
 * itself would bring in the owner's read policy, which may refer back to the first table (a
 * working group is read through its assignments, an assignment written through its group):
 * PostgreSQL refuses such a cycle. The function sees every row, so its rule must stand alone.
 */
const writableFunction = (model: string) => `chibo_may_write_${model.toLowerCase()}`;

function writableFunctionStatement(model: Prisma.ModelName): string {
  const rule = tables[model].write ?? tables[model].appendOnly;
  if (!rule) throw new Error(`${model} is written through by another table's rule but has no write rule itself`);
  const body = `SELECT EXISTS (SELECT 1 FROM ${quote(model)} w WHERE w.id = $1 AND ${condition(rule, 'w', 'write')})`;
  return `CREATE OR REPLACE FUNCTION ${writableFunction(model)}(id int) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$ ${body} $$`;
}

/** The owner tables that write rules refer to, each once. */
function writeOwners(rule: RowRule | undefined): Prisma.ModelName[] {
  if (!rule) return [];
  if (rule.kind === 'with') return [rule.model, ...writeOwners(tables[rule.model].write)];
  if (rule.kind === 'anyOf' || rule.kind === 'allOf') return rule.rules.flatMap(writeOwners);
  return [];
}

/**
 * A unit's label — its id and name (and its kind, for the rules that ask which committee
 * above is the grassroots one) — is shown where a record names a unit the viewer may not
 * otherwise see: a committee above the subtree now or before (who rated, formed, admitted,
 * visited: a district abolished in 2025 still decided its communes' 2024 ratings), or a unit
 * merged into or out of the subtree. A security-barrier view owned by the tables' owner reads
 * every unit and lets through only those; any other unit has no label, as if it did not exist.
 */
const labelView = `
CREATE VIEW ${quote(LABEL_VIEW)} WITH (security_barrier = true) AS
SELECT u.id, u.name, u.kind::text AS kind
  FROM "OrgUnit" u
 WHERE starts_with(u."path", chibo_scope())
    OR starts_with(chibo_scope(), u."path")
    OR EXISTS (SELECT 1
                 FROM "UnitPlacement" pl
                 JOIN "OrgUnit" c ON c.id = pl."unitId"
                 JOIN "OrgUnit" fp ON fp.id = pl."parentId"
                WHERE starts_with(c."path", chibo_scope())
                  AND starts_with(fp."path", u."path"))
    OR EXISTS (SELECT 1
                 FROM "UnitLineage" l
                 JOIN "OrgUnit" o ON o.id = CASE WHEN l."fromUnitId" = u.id THEN l."toUnitId" ELSE l."fromUnitId" END
                WHERE (l."fromUnitId" = u.id OR l."toUnitId" = u.id)
                  AND starts_with(o."path", chibo_scope()))`;

/** Every statement that puts the rule in place, in order; idempotent over an earlier version. */
export function rowSecurityStatements(): string[] {
  const roles = DATABASE_ROLES.join(', ');
  const statements: string[] = [
    // Without a scope set, nothing: a query that escaped the request's settings sees no row.
    `CREATE OR REPLACE FUNCTION chibo_scope() RETURNS text LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('${SCOPE_SETTING}', true), '') $$`,
    `DROP VIEW IF EXISTS ${quote(LABEL_VIEW)}`,
    labelView,
    `GRANT SELECT ON ${quote(LABEL_VIEW)} TO ${roles}`,
    `GRANT USAGE ON SCHEMA public TO ${roles}`,
    `GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO chibo_writer`,
  ];
  const owners = new Set(Object.values(tables).flatMap((rule) => [...writeOwners(rule.write), ...writeOwners(rule.insert)]));
  for (const model of owners) statements.push(writableFunctionStatement(model));
  for (const [model, rule] of Object.entries(tables)) {
    const table = quote(model);
    const read = condition(rule.read, table, 'read');
    statements.push(`CREATE POLICY chibo_read ON ${table} FOR SELECT TO ${roles} USING (${read})`, `GRANT SELECT ON ${table} TO ${roles}`);
    if (rule.write) {
      const write = condition(rule.write, table, 'write');
      const insert = rule.insert ? condition(rule.insert, table, 'write') : write;
      statements.push(
        `CREATE POLICY chibo_insert ON ${table} FOR INSERT TO chibo_writer WITH CHECK (${insert})`,
        `CREATE POLICY chibo_update ON ${table} FOR UPDATE TO chibo_writer USING (${write}) WITH CHECK (${write})`,
        `CREATE POLICY chibo_delete ON ${table} FOR DELETE TO chibo_writer USING (${write})`,
        `GRANT INSERT, UPDATE, DELETE ON ${table} TO chibo_writer`,
      );
    } else if (rule.appendOnly) {
      statements.push(
        `CREATE POLICY chibo_insert ON ${table} FOR INSERT TO chibo_writer WITH CHECK (${condition(rule.appendOnly, table, 'write')})`,
        `GRANT INSERT ON ${table} TO chibo_writer`,
      );
    }
  }
  return statements;
}

/** What a store's rule was made from: the statements and the tables they cover. */
function versionOf(statements: string[], tableNames: string[]): string {
  return createHash('sha256').update(statements.join(';\n')).update(tableNames.join(',')).digest('hex').slice(0, 32);
}

/**
 * Creates the two request roles when the cluster lacks them (they are shared by every database
 * of a server) and lets the connecting user act as them.
 */
const createRoles = DATABASE_ROLES.map(
  (role) => `
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
    BEGIN
      CREATE ROLE ${role} NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- another database of the same server made it at the same moment
    END;
  END IF;
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AND NOT pg_has_role(current_user, '${role}', 'MEMBER') THEN
    EXECUTE format('GRANT ${role} TO %I', current_user);
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE EXCEPTION 'chibo needs the database role ${role}: as an administrator run CREATE ROLE ${role} NOLOGIN; GRANT ${role} TO %', current_user;
END $$`,
);

/**
 * Puts the rule in place when it is missing or differs from this code's: every table of the
 * schema gets row security (a table without policies shows no row to a request: default deny),
 * the policies and grants of `tables`, and the label view. Runs in one transaction; the caller
 * holds the migration lock, so concurrent start-ups do it once.
 */
export async function applyRowSecurity(session: SqlSession): Promise<boolean> {
  const statements = rowSecurityStatements();
  const tableNames = (
    await session.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
  ).map((row) => row.name);
  const version = versionOf(statements, tableNames);
  // The version in place is the body of a function the last run left; none on a new store.
  const [current] = await session.query<{ body: string }>(`SELECT prosrc AS body FROM pg_proc WHERE proname = 'chibo_row_security_version'`);
  if (current?.body.includes(`'${version}'`)) return false;

  await session.exec('BEGIN');
  try {
    for (const statement of createRoles) await session.exec(statement);
    const policies = await session.query<{ table: string; name: string }>(
      `SELECT tablename AS table, policyname AS name FROM pg_policies WHERE schemaname = 'public' AND policyname LIKE 'chibo\\_%'`,
    );
    for (const policy of policies) await session.exec(`DROP POLICY ${quote(policy.name)} ON ${quote(policy.table)}`);
    for (const table of tableNames) {
      await session.exec(`ALTER TABLE ${quote(table)} ENABLE ROW LEVEL SECURITY`);
      await session.exec(`REVOKE ALL ON ${quote(table)} FROM ${DATABASE_ROLES.join(', ')}`);
    }
    for (const statement of statements) await session.exec(statement);
    await session.exec(
      `CREATE OR REPLACE FUNCTION chibo_row_security_version() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT '${version}'::text $$`,
    );
    await session.exec('COMMIT');
  } catch (error) {
    await session.exec('ROLLBACK');
    throw error;
  }
  return true;
}
