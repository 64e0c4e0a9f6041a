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
          exclude: ['tests/site/**', 'tests/e2e/**'],
          ...slow,
        },
      },
      {
        // Tests that read the built sample site share one build, made by the global setup.
        test: {
          name: 'site',
          include: ['tests/site/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          // Test builds write inside .test-builds/ (tests/support/build.ts), so they can run side by side.
          ...slow,
        },
      },
    ],
  },
});
