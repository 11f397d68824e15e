// `npm run user -- --email E --role ADMIN [--unit CODE] [--name "…"]`: makes a user, or updates
// the one with that email, on the configured store (the embedded data folder or DATABASE_URL),
// and says what it did. It is how the first administrator of a store comes to be: a store made
// by `npm run seed`, or a new PostgreSQL database, has no user who could sign in and make one.
//
// The user's access is stated whole: the role, and the unit whose subtree they see (--unit, a
// unit's code), or the whole country without --unit. The name is kept unless --name gives one;
// a deactivated user is made active again. Written through the users' service, as `userCreate`
// and `userUpdate` write: the same rules, and an entry in the audit log (by the system).
import { parseArgs } from 'node:util';
import { storeContext } from '../access/viewer-store.js';
import { loadConfig } from '../config.js';
import { migrateDatabase, type Database } from '../db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { createUser, updateUser, userEmail } from '../features/users/users.service.js';
import { Role } from '../generated/prisma/enums.js';
import { normalizeText } from '../text/vietnamese.js';
import { openStoreOrExit } from './open-store.js';
import { message, render } from '../text/messages.js';
import { issueMessage } from '../validation.js';

/** The options a service's input fields come from, so a refusal names what the person typed. */
const optionOf: Record<string, string> = { 'input.email': '--email', 'input.role': '--role', 'input.scopeUnitId': '--unit', 'input.displayName': '--name' };

/** Bad options: refused before the store is opened. */
function refuse(message: string): never {
  console.error(`Refused: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: { email: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' }, name: { type: 'string' } },
});
const roles = Object.values(Role);
if (values.email === undefined) refuse('--email: is required, the email the user signs in with (their tokens name it)');
const email = userEmail.safeParse(values.email);
if (!email.success) refuse(`--email: ${email.error.issues[0] ? render(issueMessage(email.error.issues[0]), 'en') : 'is not valid'}, got "${values.email}"`);
const role = values.role?.trim().toUpperCase();
if (!role || !roles.includes(role as Role)) {
  refuse(`--role: must be one of ${roles.join(', ')}${values.role === undefined ? '' : `, got "${values.role}"`}`);
}

const config = loadConfig();
const database = await openStoreOrExit(config, 'npm run user', {
  server: (holder) =>
    `Stop the server first (Ctrl-C in its terminal, or kill ${holder.pid}), then run npm run user again; or, signed in to it as an ADMIN, ` +
    `make the user with userCreate (or change one with userUpdate) in GraphiQL${holder.port === undefined ? '' : ` at http://localhost:${holder.port}/graphql`}.`,
  tool: () => 'Wait for it to finish, then run npm run user again.',
});
try {
  await migrateDatabase(database);
  console.log(await putUser(database, { email: email.data, role: role as Role, unitCode: values.unit?.trim(), name: values.name }));
  console.log(`Sign in: npm run token -- --email ${email.data}, and send the token as "Authorization: Bearer <token>".`);
} catch (error) {
  if (error instanceof ValidationError) {
    process.exitCode = 1;
    for (const issue of error.issues) {
      // An unknown unit code: name some that exist, so the next try can succeed.
      const hint = issue.message.code === 'NO_UNIT_WITH_CODE' ? `. ${await someUnitCodes(database)}` : '';
      console.error(`Refused: ${optionOf[issue.field] ?? issue.field}: ${render(issue.message, 'en')}${hint}`);
    }
  } else if (error instanceof ConflictError || error instanceof NotFoundError) {
    process.exitCode = 1;
    console.error(`Refused: ${error.message.replace(/^input\.\w+/, (field) => optionOf[field] ?? field)}`);
  } else {
    throw error;
  }
} finally {
  await database.close();
}

/** Makes or updates the user; answers what it did, for a person to read. */
async function putUser(database: Database, wanted: { email: string; role: Role; unitCode: string | undefined; name: string | undefined }): Promise<string> {
  const db = database.prisma;
  const ctx = storeContext(database, null);
  const unit = wanted.unitCode === undefined ? null : await db.orgUnit.findUnique({ where: { code: wanted.unitCode } });
  if (wanted.unitCode !== undefined && !unit) {
    throw ValidationError.of('input.scopeUnitId', message('NO_UNIT_WITH_CODE', { code: wanted.unitCode }));
  }
  const scope = unit ? `${unit.name} (${unit.code}) and the units under it` : 'the whole country';
  const existing = await db.user.findUnique({ where: { email: wanted.email }, include: { scopeUnit: true } });
  if (!existing) {
    const user = await createUser({
      ctx,
      input: { email: wanted.email, displayName: wanted.name ?? wanted.email.slice(0, 120), role: wanted.role, scopeUnitId: unit?.id ?? null },
      query: {},
    });
    return `Created user ${user.id}, ${user.email} ("${user.displayName}"): ${user.role} of ${scope}.`;
  }
  const changes = [
    existing.role !== wanted.role ? `role ${existing.role} → ${wanted.role}` : null,
    existing.scopeUnitId !== (unit?.id ?? null) ? `scope ${existing.scopeUnit ? `${existing.scopeUnit.name} (${existing.scopeUnit.code})` : 'the whole country'} → ${scope}` : null,
    wanted.name !== undefined && normalizeText(wanted.name) !== existing.displayName ? `name "${existing.displayName}" → "${normalizeText(wanted.name)}"` : null,
    existing.active ? null : 'active again (it was deactivated)',
  ].filter((change): change is string => change !== null);
  if (changes.length === 0) return `User ${existing.id}, ${existing.email}, is already ${existing.role} of ${scope}: nothing to change.`;
  await updateUser({
    ctx,
    input: { id: existing.id, role: wanted.role, scopeUnitId: unit?.id ?? null, displayName: wanted.name ?? null, active: true },
    query: {},
  });
  return `Updated user ${existing.id}, ${existing.email}: ${changes.join('; ')}. Now ${wanted.role} of ${scope}.`;
}

/** A hint for a code that names no unit: the codes of the top units, or that there are none yet. */
async function someUnitCodes(database: Database): Promise<string> {
  const roots = await database.prisma.orgUnit.findMany({ where: { parentId: null }, orderBy: { code: 'asc' }, take: 5 });
  if (roots.length === 0) return 'The store holds no unit yet: give none (the whole country), or write units first (npm run seed, or unitCreate).';
  return `Top units of the store: ${roots.map((root) => `${root.code} (${root.name})`).join(', ')}; unitByCode or units in GraphiQL list the others.`;
}
