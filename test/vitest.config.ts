import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  // One graphql module for the app and the tests: Pothos loads its CommonJS build, and two
  // copies of graphql refuse each other's types.
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    include: ['test/**/*.test.ts'],
    // Each file runs in its own process on its own fresh database (test/support/database.ts).
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tokens in tests are signed with this secret (test/support/auth.ts).
    env: { NODE_ENV: 'test', CHIBO_JWT_SECRET: 'test-secret-of-chibo-not-for-production-use' },
  },
});
