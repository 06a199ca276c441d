import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Separate processes, not threads: test/helpers.ts cli() runs the CLI in-process and changes
    // directory (process.chdir is not available in worker threads).
    pool: 'forks',
    // One module cache per worker, not per test file: a fresh one cost each file about a CPU-second
    // (vitest, the helpers and dist/ loaded again). Tests leave no state behind: cli() restores the
    // streams, environment and directory it changes, and run() resets the language.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/summary-reporter.ts'],
    setupFiles: ['./test/setup.ts'],
  },
});
