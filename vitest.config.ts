import { defineConfig } from 'vitest/config';

// Builds and browsers are slow on a 2-core machine; unit tests finish far inside these limits.
const slow = { testTimeout: 120_000, hookTimeout: 300_000 };

export default defineConfig({
  test: {
    reporters: ['default'],
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/site/**', 'tests/e2e/**', 'tests/security/hostile-site.test.ts'],
          ...slow,
        },
      },
      {
        // Tests that read the built sample site share one build, made by the global setup.
        test: {
          name: 'site',
          include: ['tests/site/**/*.test.ts', 'tests/e2e/**/*.test.ts', 'tests/security/hostile-site.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          // Astro writes its prerender bundle under <cwd>/.astro/, shared by builds started from the
          // repository root; one file at a time keeps concurrent test builds from deleting each other's.
          fileParallelism: false,
          ...slow,
        },
      },
    ],
  },
});
