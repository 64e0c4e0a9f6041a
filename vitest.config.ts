import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Node keeps the code it compiles on disk for the processes that follow: the suite starts node
// (CLIs, builds, astro) about a hundred times, and each then starts a third faster. Set before the
// workers start, so they and every process they spawn inherit it.
process.env['NODE_COMPILE_CACHE'] ??= path.resolve(import.meta.dirname, 'node_modules/.cache/node-compile');

// Builds and browsers are slow on a 2-core machine; unit tests finish far inside these limits.
const slow = { testTimeout: 120_000, hookTimeout: 300_000 };

export default defineConfig({
  test: {
    reporters: ['default'],
    pool: 'forks',
    // Two files at a time: a site test's build or browser is itself several processes, and on 2
    // cores more files side by side cost more CPU than they save (docs/performance.md: 4 workers
    // took 317 s of CPU and 161 s, 2 workers 269 s and 146 s).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/site/**', 'tests/e2e/**', 'tests/security/hostile-site.test.ts'],
          // Files share their worker's modules (zod, the parser, octokit) instead of importing them
          // afresh per file: a third less CPU for this project. Tests keep no state between files
          // (environment variables are passed to the code under test, never set globally).
          isolate: false,
          ...slow,
        },
      },
      {
        // Tests that read the built sample site wait for the one build the global setup starts
        // (`await sampleSite()`); test builds write inside .test-builds/ and can run side by side.
        test: {
          name: 'site',
          include: ['tests/site/**/*.test.ts', 'tests/e2e/**/*.test.ts', 'tests/security/hostile-site.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          // As in the unit project: files share their worker's modules (playwright, the HTML parser).
          isolate: false,
          ...slow,
        },
      },
    ],
  },
});
