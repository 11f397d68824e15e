// Prisma CLI configuration (generate, migrate diff). Paths are relative to this folder.
// Prisma 6.19 with the JS engine works offline; its migrate commands do not, so migrations
// are applied by src/db/migrate.ts (README, "Adding a migration").
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { defineConfig } from 'prisma/config';
import { migrate } from '../src/db/migrate.js';
import { pgliteSession } from '../src/db/sql-session.js';

// The CLI needs a URL even for `generate`; without one it tries to download an engine.
process.env.DATABASE_URL ??= 'postgresql://localhost:5432/chibo';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: './schema.prisma',
  // `migrate diff` connects through this adapter: an in-memory PGlite, so no server is needed.
  // It holds the schema that the committed migrations build, which is what a new migration
  // is the difference from (src/cli/migration-new.ts).
  adapter: async () => {
    const pglite = new PGlite();
    await migrate(pgliteSession(pglite));
    return new PrismaPGlite(pglite);
  },
});
