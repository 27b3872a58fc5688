import type { Knex } from 'knex';
import type { Clock } from './clock.ts';
import { DeadlineExceeded, within } from './deadline.ts';
import { readFreshness } from './ledger/freshness.ts';

/** What GET /healthz reports, whichever chat adapters serve it. */
export interface Health {
  /** The bot can serve: its database answers. A stale ledger does not make it false (see `ledger`). */
  ok: boolean;
  database: 'ok' | 'unreachable';
  /** Why the database check failed, in one line; absent when it answered. */
  reason?: string;
  /** The latest finished sync of any ledger source, ISO time, or null before the first. */
  lastSync: string | null;
  /** The ledger snapshot: when it was last read, whether that is older than expected, and why syncs fail. */
  ledger: { lastRead: string | null; stale: boolean; error: string | null } | null;
}

/** What the health check reads: the bot database, the clock and LEDGER_STALE_AFTER_MINUTES. */
export interface HealthContext {
  db: Knex;
  clock?: Clock;
  ledgerStaleAfterMinutes?: number | undefined;
}

/** Longest the check waits for the bot database, so /healthz answers within 3 s whatever the database does. */
export const HEALTH_TIMEOUT_MS = 2500;

function failureReason(error: unknown): string {
  if (error instanceof DeadlineExceeded)
    return `the bot database did not answer within ${HEALTH_TIMEOUT_MS / 1000} s`;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'KnexTimeoutError' || (error as Error | null)?.name === 'KnexTimeoutError')
    return 'the bot database did not answer in time';
  return `the bot database cannot be reached${typeof code === 'string' ? ` (${code})` : ''}`;
}

/** Checks the bot database (within HEALTH_TIMEOUT_MS) and reads how fresh the ledger snapshot is. */
export async function checkHealth(ctx: HealthContext): Promise<Health> {
  const { db, clock, ledgerStaleAfterMinutes } = ctx;
  const now = clock?.now() ?? new Date();
  try {
    const f = await within(readFreshness(db, now, ledgerStaleAfterMinutes ?? 0), HEALTH_TIMEOUT_MS);
    const lastRead = f.lastRead?.toISOString() ?? null;
    return {
      ok: true,
      database: 'ok',
      lastSync: lastRead,
      ledger: { lastRead, stale: f.stale, error: f.failure?.detail ?? null },
    };
  } catch (error) {
    return { ok: false, database: 'unreachable', reason: failureReason(error), lastSync: null, ledger: null };
  }
}
