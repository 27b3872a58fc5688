import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The fault suite runs on its own (`npm run faults`, vitest.faults.config.ts).
    exclude: ['test/faults/**', '**/node_modules/**'],
    globalSetup: ['test/support/global-setup.ts'],
    // Test databases are reused within a test file and dropped at its end (test/support/database-pool.ts).
    setupFiles: ['test/support/database-pool-setup.ts'],
    // PGlite is a 9 MB WebAssembly module: in a process that lives for one test file, V8's background
    // optimisation of it costs more CPU than it ever gives back (about 40% of a short PGlite workload).
    execArgv: ['--liftoff-only'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
