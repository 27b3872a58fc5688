/**
 * The ledger's settings (README, "Settings"): which accounting database is read through which mapping,
 * and how often and how much the sync reads. One fragment of the settings src/config.ts composes.
 */
import { z } from 'zod';
import { emptyAsUndefined, settingsFragment, wholeNumber } from '../settings-input.ts';

const ledgerUrl = z
  .string()
  .regex(/^(postgres(ql)?|mysql|mariadb):\/\/.+/, 'expected a postgres://, mysql:// or mariadb:// URL');

/** The ledger and sync settings by variable name. */
export const ledgerSettings = settingsFragment(
  {
    LEDGER_URL: z.preprocess(emptyAsUndefined, ledgerUrl.optional()),
    LEDGER_MAPPING: z.preprocess(emptyAsUndefined, z.string().optional()),
    LEDGER_LOOKBACK_SECONDS: wholeNumber({ min: 0, fallback: 300 }),
    SYNC_INTERVAL_MINUTES: wholeNumber({ min: 0, fallback: 15 }),
    SYNC_FULL_EVERY_HOURS: wholeNumber({ min: 0, fallback: 24 }),
    SYNC_RETRY_SECONDS: wholeNumber({
      min: 1,
      whole: 'expected a whole number of seconds',
      range: 'expected 1 second or more',
      fallback: 30,
    }),
    LEDGER_STALE_AFTER_MINUTES: wholeNumber({
      min: 0,
      whole: 'expected a whole number of minutes',
      range: 'expected a whole number of minutes, 0 (never) or more',
    }),
    SYNC_BATCH_SIZE: wholeNumber({ min: 1, max: 50_000, range: 'expected 1 to 50,000 rows', fallback: 2000 }),
  },
  (s) =>
    s.LEDGER_URL && !s.LEDGER_MAPPING
      ? [
          'LEDGER_MAPPING: found nothing, expected the path of a mapping SQL file when LEDGER_URL is set (see README, "Connecting your accounting database")',
        ]
      : [],
);

/** Which ledger is read, and how. */
export interface LedgerConfig {
  /** Unset: the demo ledger inside the bot database. */
  url: string | undefined;
  mappingFile: string | undefined;
  lookbackSeconds: number;
  batchSize: number;
}

/** When the ledger is read. */
export interface SyncConfig {
  intervalMinutes: number;
  fullEveryHours: number;
  /** The first wait before a failed sync is tried again; it doubles up to the sync interval. */
  retrySeconds: number;
  /** LEDGER_STALE_AFTER_MINUTES when set; unset: two sync intervals and 5 minutes (ledger/freshness.ts). */
  staleAfterMinutes: number | undefined;
}

/** The ledger's part of the settings, from its parsed variables. */
export function ledgerConfig(s: z.output<typeof ledgerSettings.schema>): {
  ledger: LedgerConfig;
  sync: SyncConfig;
} {
  return {
    ledger: {
      url: s.LEDGER_URL,
      mappingFile: s.LEDGER_MAPPING,
      lookbackSeconds: s.LEDGER_LOOKBACK_SECONDS,
      batchSize: s.SYNC_BATCH_SIZE,
    },
    sync: {
      intervalMinutes: s.SYNC_INTERVAL_MINUTES,
      fullEveryHours: s.SYNC_FULL_EVERY_HOURS,
      retrySeconds: s.SYNC_RETRY_SECONDS,
      staleAfterMinutes: s.LEDGER_STALE_AFTER_MINUTES,
    },
  };
}
