import type { Clock } from '../clock.ts';
import type { Database } from '../db.ts';
import { timeSync } from '../metrics.ts';
import { DEMO_MAPPING_FILE, loadDemoLedger } from './demo.ts';
import { readMapping } from './mapping.ts';
import type { LedgerConfig, SyncConfig } from './settings.ts';
import { type LedgerSourceOptions, openLedgerSource } from './source.ts';
import { latestSyncState, type SyncProgress, type SyncSummary, syncLedger } from './sync.ts';
import type { LedgerSource } from './types.ts';

/** The ledger the settings name: the company's accounting database, or the demo ledger inside the bot DB. */
export async function openConfiguredLedger(
  config: { ledger: LedgerConfig },
  db: Database,
  clock: Clock,
): Promise<LedgerSource> {
  if (config.ledger.url) return openLedgerSource(await ledgerSourceOptions(config.ledger, config.ledger.url));
  await loadDemoLedger(db.knex, { today: clock.today() });
  return openLedgerSource({
    name: 'demo',
    botDb: db.knex,
    mappingSql: await readMapping(DEMO_MAPPING_FILE),
    batchSize: config.ledger.batchSize,
  });
}

/** How the company's ledger is read, from the settings: its URL, the mapping (or preset), parameters and zone. */
export async function ledgerSourceOptions(ledger: LedgerConfig, url: string): Promise<LedgerSourceOptions> {
  return {
    name: 'ledger',
    url,
    mappingSql: await readMapping(ledger.mappingFile ?? ''),
    batchSize: ledger.batchSize,
    params: ledger.params,
    preset: ledger.preset,
    timeZone: ledger.timeZone,
  };
}

/**
 * The ledger in English words for the sync's progress line and the log ("demo ledger", "ledger at
 * erp:3306/acme"): its source name ('ledger') is a key for sync state, and "(ledger ledger)" said nothing.
 * No user or password is shown. A person's message says `ledgerPlace` in their language.
 */
export function ledgerLabel(url: string | undefined): string {
  const place = ledgerPlace(url);
  return place.ledger === 'demo'
    ? 'demo ledger'
    : place.ledger === 'at'
      ? `ledger at ${place.where}`
      : 'ledger';
}

/**
 * Which ledger `url` names, for a message to say in a person's language (`cli.totals.head`): the demo
 * ledger, one at a host and database (no user or password), or one whose URL says no host.
 */
export function ledgerPlace(url: string | undefined): { ledger: 'demo' | 'at' | 'other'; where: string } {
  if (!url) return { ledger: 'demo', where: '' };
  try {
    const { host, pathname } = new URL(url);
    return host
      ? { ledger: 'at', where: `${host}${pathname === '/' ? '' : pathname}` }
      : { ledger: 'other', where: '' };
  } catch {
    return { ledger: 'other', where: '' };
  }
}

export type SyncMode = 'auto' | 'incremental' | 'full';

/** 'auto' runs a full reconcile when none ran within SYNC_FULL_EVERY_HOURS, an incremental sync otherwise. */
export async function chooseSyncMode(
  db: Database,
  source: LedgerSource,
  config: { sync: Pick<SyncConfig, 'fullEveryHours'> },
  clock: Clock,
): Promise<'incremental' | 'full'> {
  const state = await latestSyncState(db.knex, source.name);
  const lastFull = state?.lastFullAt?.getTime();
  if (lastFull === undefined) return 'full';
  const fullEveryMs = config.sync.fullEveryHours * 3_600_000;
  return fullEveryMs > 0 && clock.now().getTime() - lastFull >= fullEveryMs ? 'full' : 'incremental';
}

/** One sync of the configured ledger into the bot database. */
export async function runConfiguredSync(options: {
  config: { ledger: LedgerConfig; sync: SyncConfig };
  db: Database;
  source: LedgerSource;
  clock: Clock;
  mode: SyncMode;
  onProgress?: (p: SyncProgress) => void;
}): Promise<SyncSummary> {
  const { config, db, source, clock } = options;
  const mode = options.mode === 'auto' ? await chooseSyncMode(db, source, config, clock) : options.mode;
  return timeSync(source.name, mode, () =>
    syncLedger({
      db: db.knex,
      source,
      mode,
      clock,
      lookbackSeconds: config.ledger.lookbackSeconds,
      batchSize: config.ledger.batchSize,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    }),
  );
}
