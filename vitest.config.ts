import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Collects every server's output and searches it for client addresses and keys at the end.
    globalSetup: ['test/support/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: e2e files start real servers and browsers, so keep parallelism modest.
    maxWorkers: 2,
  },
});
