/**
 * How fresh the snapshot of the ledger is: when it was last read, whether that is older than expected
 * (LEDGER_STALE_AFTER_MINUTES), and why syncs fail while they do. Kept in sync_state, so every replica
 * and /healthz see the same; lists, cards and the digest say so when the data is stale.
 */
import type { Knex } from 'knex';
import type { Clock } from '../clock.ts';
import { explainConnectionError } from '../doctor.ts';
import type { LedgerConfig, SyncConfig } from './settings.ts';

/** Why syncs fail, for people: the accounting database cannot be read, the mapping fails, or something else. */
export type SyncFailureKind = 'unreachable' | 'mapping' | 'other';

/** One failed sync in one line (doctor's wording for connection problems), never a stack. */
export interface SyncFailure {
  kind: SyncFailureKind;
  detail: string;
}

/** Where the snapshot stands, over every ledger source. */
export interface Freshness {
  /** Start of the latest successful read of the ledger; null before the first. */
  lastRead: Date | null;
  /** Older than expected, or never read while syncs fail. */
  stale: boolean;
  /** Since when syncs have been failing; null while they succeed. */
  failingSince: Date | null;
  /** The latest failure of the current outage; null while syncs succeed. */
  failure: (SyncFailure & { at: Date }) | null;
}

const firstLine = (text: string) => (text.split('\n')[0] ?? text).trim();

/** A sync's error as one line: doctor's explanation when the ledger could not be read. */
export function describeSyncFailure(
  error: unknown,
  config: { ledger: Pick<LedgerConfig, 'url'> },
): SyncFailure {
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; url?: unknown } | null;
  if (e?.code === 'ledger_read_failed') {
    const url = typeof e.url === 'string' && e.url ? e.url : (config.ledger.url ?? '');
    const { detail } = explainConnectionError(e.cause, 'LEDGER_URL', url);
    return { kind: 'unreachable', detail };
  }
  // A mapping that fails, or (ledger_mapping_unreadable) whose tables or parameters are missing.
  if (e?.code === 'ledger_mapping_invalid' || e?.code === 'ledger_mapping_unreadable')
    return { kind: 'mapping', detail: firstLine(String(e.message)) };
  return { kind: 'other', detail: firstLine(error instanceof Error ? error.message : String(error)) };
}

/** Records a failed sync of `source`; an outage starts at its first failure (kept until a sync succeeds). */
export async function recordSyncFailure(
  db: Knex,
  source: string,
  failure: SyncFailure,
  at: Date,
): Promise<void> {
  await db('sync_state')
    .insert({
      source,
      last_failure_at: at,
      last_error: failure.detail.slice(0, 500),
      last_error_kind: failure.kind,
      failing_since: at,
    })
    .onConflict('source')
    .merge({
      last_failure_at: at,
      last_error: failure.detail.slice(0, 500),
      last_error_kind: failure.kind,
      failing_since: db.raw('coalesce(sync_state.failing_since, excluded.failing_since)'),
    });
}

/** LEDGER_STALE_AFTER_MINUTES, or by default two sync intervals and 5 minutes; 0: never stale. */
export function staleAfterMinutes(config: {
  sync: Pick<SyncConfig, 'intervalMinutes' | 'staleAfterMinutes'>;
}): number {
  const { staleAfterMinutes: set, intervalMinutes } = config.sync;
  if (set !== undefined) return set;
  return intervalMinutes > 0 ? 2 * intervalMinutes + 5 : 0;
}

const at = (value: unknown) => (value ? new Date(value as string | Date) : null);
const KINDS: readonly string[] = ['unreachable', 'mapping', 'other'];

/** Reads the freshness of the snapshot as of `now`. */
export async function readFreshness(db: Knex, now: Date, staleAfter: number): Promise<Freshness> {
  const rows = await db('sync_state').select(
    'last_incremental_at',
    'last_full_at',
    'failing_since',
    'last_failure_at',
    'last_error',
    'last_error_kind',
  );
  let lastRead: Date | null = null;
  let failing: (typeof rows)[number] | null = null;
  for (const row of rows) {
    for (const read of [at(row.last_incremental_at), at(row.last_full_at)])
      if (read && (!lastRead || read > lastRead)) lastRead = read;
    if (row.failing_since && (!failing || at(row.last_failure_at)! > at(failing.last_failure_at)!))
      failing = row;
  }
  const failure = failing
    ? {
        kind: (KINDS.includes(String(failing.last_error_kind))
          ? failing.last_error_kind
          : 'other') as SyncFailureKind,
        detail: String(failing.last_error ?? ''),
        at: at(failing.last_failure_at) ?? now,
      }
    : null;
  const age = lastRead ? now.getTime() - lastRead.getTime() : Number.POSITIVE_INFINITY;
  const stale = lastRead ? staleAfter > 0 && age > staleAfter * 60_000 : failure !== null;
  return { lastRead, stale, failingSince: at(failing?.failing_since), failure };
}

/** What a view needs to say how old its data is: the snapshot's freshness as of `now`. */
export interface LedgerAge {
  freshness: Freshness;
  now: Date;
}

/**
 * The snapshot's age for a list, card or digest; undefined when nobody asked (no staleness setting given,
 * or LEDGER_STALE_AFTER_MINUTES=0): one read of sync_state, a row per ledger source.
 */
export async function ledgerAge(ctx: {
  db: Knex;
  clock: Clock;
  ledgerStaleAfterMinutes?: number | undefined;
}): Promise<LedgerAge | undefined> {
  const after = ctx.ledgerStaleAfterMinutes;
  if (!after) return undefined;
  const now = ctx.clock.now();
  return { freshness: await readFreshness(ctx.db, now, after), now };
}
