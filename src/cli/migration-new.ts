// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL that takes the database the committed migrations build to prisma/schema.prisma.
// `--check` writes nothing and fails when the two differ (CI's drift check).
//
// Prisma's own `migrate dev` cannot run here; its `db pull` and `migrate diff` can, through the
// in-memory PGlite configured in prisma/prisma.config.ts, which applies the migrations first.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const prismaBin = path.join(root, 'node_modules', '.bin', 'prisma');
const config = ['--config', 'prisma/prisma.config.ts'];

async function prismaStdout(args: string[]): Promise<string> {
  const { stdout } = await run(prismaBin, [...args, ...config], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  // The CLI prints where it loaded its config from on stdout.
  return stdout.replace(/^Loaded Prisma config from .*\n/m, '');
}

async function pendingSql(): Promise<string> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'chibo-migration-'));
  try {
    const applied = path.join(scratch, 'applied.prisma');
    const pulled = await prismaStdout(['db', 'pull', '--print']);
    // The datamodel starts at its first block; anything before it is the CLI's warnings.
    await writeFile(applied, pulled.slice(Math.max(0, pulled.search(/^(generator|datasource) /m))));
    const sql = await prismaStdout([
      'migrate', 'diff', '--from-schema-datamodel', applied,
      '--to-schema-datamodel', 'prisma/schema.prisma', '--script',
    ]);
    return /^-- This is an empty migration\.\s*$/.test(sql.trim()) ? '' : sql;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<void> {
  const check = argv.includes('--check');
  const name = argv.find((arg) => !arg.startsWith('--'));
  if (!check && (!name || !/^[a-z0-9_]+$/.test(name))) {
    throw new Error('Give the migration a name in lower case, digits and underscores: npm run db:migration -- add_term');
  }
  const sql = await pendingSql();
  if (check) {
    if (sql) {
      console.error('prisma/schema.prisma differs from what the migrations build:\n' + sql);
      process.exitCode = 1;
    } else {
      console.log('Migrations match prisma/schema.prisma.');
    }
    return;
  }
  if (!sql) {
    console.log('Nothing to migrate: the migrations already build prisma/schema.prisma.');
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = path.join(root, 'prisma', 'migrations', `${stamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'migration.sql'), sql);
  console.log(`Wrote ${path.relative(root, dir)}/migration.sql: review it, then npm run db:migrate.`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
