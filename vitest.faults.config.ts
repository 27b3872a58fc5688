import { defineConfig } from 'vitest/config';

/**
 * The fault suite (`npm run faults`): hostile input, kills and outages against the real stack. Slower than
 * the unit and integration tests, so `npm test` leaves it out and CI runs it after them, bounded in time.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Test databases are reused within a test file and dropped at its end (test/support/database-pool.ts).
    setupFiles: ['test/support/database-pool-setup.ts'],
    // PGlite is a 9 MB WebAssembly module: in a process that lives for one test file, V8's background
    // optimisation of it costs more CPU than it ever gives back (about 40% of a short PGlite workload).
    execArgv: ['--liftoff-only'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Kills and load measure time: one file at a time on a small machine, each file bounded.
    pool: 'forks',
    fileParallelism: false,
    teardownTimeout: 20_000,
  },
});
