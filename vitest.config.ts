import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  // docs/examples import the package by name, as a user would; in a clone that means the
  // sources (package.json's exports point at the built dist/).
  resolve: {
    alias: [
      { find: /^tulip-sim\/testing$/, replacement: fileURLToPath(new URL('./src/testing/index.ts', import.meta.url)) },
      { find: /^tulip-sim$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'docs/examples/**/*.test.ts'],
    // Packing, installing and cluster checks run apart (vitest.e2e.config.ts).
    exclude: [...configDefaults.exclude, '**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // tfjs keeps one global engine per process; forks keep test files isolated from each other.
    pool: 'forks',
  },
});
