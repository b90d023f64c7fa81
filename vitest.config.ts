import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests start a node process each; two cores run them comfortably in parallel.
    testTimeout: 20_000,
  },
});
