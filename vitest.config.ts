import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds and browsers are slow on a 2-core machine; unit tests finish far inside this.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ['default'],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
  },
});
