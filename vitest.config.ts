import { defineConfig } from 'vitest/config';

/**
 * Two suites, both run by `npm test`: the fast one (the core, input fixtures, golden
 * files, in-process end-to-end runs) and the slow one (every fixture read with one and
 * two threads, every documented example, spawned processes, a real browser).
 * `npm run test:fast` runs the first alone.
 */
const shared: { testTimeout: number; pool: 'threads'; isolate: boolean; globalSetup: string[] } = {
  // End-to-end tests start a node process each; two cores run them comfortably in parallel.
  testTimeout: 20_000,
  // Commands run in-process through an injected Io and keep no state between runs, so test
  // files can share one module graph per thread: loading src/ once per thread, not once per
  // file, halves the run (38 s to 21 s on 2 cores).
  pool: 'threads',
  isolate: false,
  globalSetup: ['test/setup.ts'],
};

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'fast', include: ['test/fast/**/*.test.ts'] } },
      { test: { ...shared, name: 'slow', include: ['test/slow/**/*.test.ts'] } },
    ],
  },
});
