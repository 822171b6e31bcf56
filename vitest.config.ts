import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: e2e files start real servers and browsers, so keep parallelism modest.
    maxWorkers: 2,
  },
});
