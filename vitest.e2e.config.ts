import { defineConfig } from 'vitest/config';

// End-to-end checks that build and install the package or start a cluster scheduler:
// `npm run test:package` (test/package) and `npm run test:cluster` (test/cluster), each
// called by .ci/run; kept out of `npm test`, which runs in seconds per file.
export default defineConfig({
  test: {
    include: ['test/package/**/*.e2e.test.ts', 'test/cluster/**/*.e2e.test.ts'],
    testTimeout: 900_000,
    hookTimeout: 900_000,
    // One file at a time: both pack, install or schedule work that competes for the same cores.
    fileParallelism: false,
  },
});
