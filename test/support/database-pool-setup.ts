import { afterAll } from 'vitest';
import { drainPool } from './database-pool.ts';

// Setup file (vitest configs): the databases a test file reused go when the file ends.
afterAll(drainPool, 60_000);
