/**
 * What happens around each sync attempt while the ledger may be down: the failure is recorded with its
 * one-line reason (sync_state), logged once per outage (again only when the reason changes), and once the
 * data is older than expected the bot's owner (the digest channel) is told once through the outbox, and
 * told again when a sync succeeds, in the digest channel's language. The outbox keys carry the outage's start, so replicas and restarts
 * tell nobody twice.
 */
import type { Knex } from 'knex';
import { type Clock, formatLocalTime } from '../clock.ts';
import {
  describeSyncFailure,
  type Freshness,
  readFreshness,
  recordSyncFailure,
  staleAfterMinutes,
  type SyncFailure,
} from '../ledger/freshness.ts';
import type { Logger } from '../log.ts';
import { enqueue } from '../outbox/outbox.ts';
import { formatAge, ledgerOutageView, ledgerRecoveredView } from '../views/freshness.ts';
import type { LedgerConfig } from '../ledger/settings.ts';
import type { JobSettings } from './settings.ts';
import { type JobLanguageSettings, roleT } from './speech.ts';

/** The outbox key of the notice that an outage began at `since`; `:recovered` ends it. */
export const outageKey = (since: Date) => `ledger-outage:${since.toISOString()}`;

/** What watching the syncs needs. */
export interface OutageDeps {
  db: Knex;
  clock: Clock;
  /** The ledger's address (for the failure's wording), when it is stale, and whether scheduled posts go out. */
  config: {
    ledger: Pick<LedgerConfig, 'url'>;
    sync: JobSettings['sync'];
    jobs: Pick<JobSettings['jobs'], 'enabled'>;
  } & JobLanguageSettings;
  log: Logger;
  /** The ledger source's name in sync_state ('ledger', 'demo'). */
  source: string;
}

/** Told before and after each sync attempt. */
export interface OutageWatch {
  /** Reads the freshness before an attempt, to know afterwards whether it ended an outage. */
  before(): Promise<Freshness | null>;
  /** A sync failed: record, log (once per reason), tell the owner once the data is stale; returns the failure. */
  failed(error: unknown, retryInMs: number | null): Promise<SyncFailure>;
  /** A sync succeeded after `before`: say so when it ended an outage. */
  succeeded(before: Freshness | null): Promise<void>;
}

const seconds = (ms: number) =>
  ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;

/** Watches the syncs of one ledger source. */
export function createOutageWatch(deps: OutageDeps): OutageWatch {
  const { db, clock, config, log } = deps;
  const staleAfter = staleAfterMinutes(config);
  /** The reason last logged in this outage: the same reason is not logged again. */
  let logged: string | null = null;
  const read = () => readFreshness(db, clock.now(), staleAfter);

  const snapshotText = (f: Freshness | null) => {
    if (!f?.lastRead) return 'no snapshot of it yet';
    const age = formatAge(clock.now().getTime() - f.lastRead.getTime());
    return `serving the snapshot read ${formatLocalTime(f.lastRead, clock.timeZone)} (${age} ago)`;
  };

  return {
    before: () => read().catch(() => null),

    async failed(error, retryInMs) {
      const failure = describeSyncFailure(error, config);
      const now = clock.now();
      let f: Freshness | null = null;
      try {
        await recordSyncFailure(db, deps.source, failure, now);
        f = await read();
        if (config.jobs.enabled && f.stale && f.failingSince) {
          await enqueue(
            db,
            [
              {
                key: outageKey(f.failingSince),
                to: { kind: 'channel', role: 'digest' },
                message: ledgerOutageView(f, now, clock.timeZone, roleT(config, 'digest')),
              },
            ],
            { now, locale: roleT(config, 'digest').locale },
          );
        }
      } catch {
        // The bot database fails too: the failure itself says so below.
      }
      const what = failure.kind === 'unreachable' ? 'the ledger is unreachable' : 'the ledger sync failed';
      const retry = retryInMs === null ? '' : `; retrying in ${seconds(retryInMs)}`;
      const line = `${what}: ${failure.detail}; ${snapshotText(f)}${retry}`;
      if (logged !== failure.detail) {
        logged = failure.detail;
        if (failure.kind === 'other') log.error({ err: error }, line);
        else log.warn(line);
      } else {
        log.debug(line);
      }
      return failure;
    },

    async succeeded(before) {
      const since = before?.failingSince;
      if (logged !== null || since) {
        const down = since ? ` after ${formatAge(clock.now().getTime() - since.getTime())}` : '';
        log.info(`the ledger is readable again${down}: the snapshot is current`);
      }
      logged = null;
      if (!since || !config.jobs.enabled) return;
      const told = await db('outbox')
        .where({ idempotency_key: outageKey(since) })
        .first('id');
      if (!told) return; // the outage never made the data stale: nobody was told
      await enqueue(
        db,
        [
          {
            key: `${outageKey(since)}:recovered`,
            to: { kind: 'channel', role: 'digest' },
            threadKey: outageKey(since),
            message: ledgerRecoveredView(since, clock.now(), clock.timeZone, roleT(config, 'digest')),
          },
        ],
        { now: clock.now(), locale: roleT(config, 'digest').locale },
      );
    },
  };
}
