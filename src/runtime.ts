/**
 * What a running duebot holds (settings, clock, bot database, ledger) and how it is opened: the one
 * runtime every entry point (the commands, each chat adapter, the scheduled posts) is given.
 */
import { type Clock, createClock } from './clock.ts';
import type { Policy } from './collections/account.ts';
import type { DispatchContext } from './commands/dispatch.ts';
import type { Config } from './config.ts';
import { type Database, migrate, openDatabase } from './db.ts';
import { createOutageWatch, type OutageWatch } from './jobs/ledger-outage.ts';
import { openConfiguredLedger } from './ledger/configured.ts';
import { staleAfterMinutes } from './ledger/freshness.ts';
import type { LedgerSource } from './ledger/types.ts';
import type { Logger } from './log.ts';
import { buildPolicy } from './policy.ts';
import { processIo, type StdIo } from './std-io.ts';

/** Everything a running duebot holds: settings, clock, bot database and the ledger it reads. */
export interface Runtime {
  config: Config;
  clock: Clock;
  log: Logger;
  policy: Policy;
  db: Database;
  ledger: LedgerSource;
  /** Run after each sync (scheduled posts: after-sync jobs, the digest redrawn); set by `start`. */
  afterSyncHooks: (() => Promise<unknown>)[];
  /** Called after a claim, release or reassignment (the digest is redrawn); set by `start`. */
  onWorklistChanged?: () => void;
  /** Records, logs and announces failed syncs once per outage (jobs/ledger-outage.ts). */
  outage: OutageWatch;
  /** The streams and environment of the command it runs for: what it prints, the shell's terminal. */
  io: StdIo;
  close(): Promise<void>;
}

/** A database named by a setting could not be reached; `cause` is the driver's error. */
export class ConnectionError extends Error {
  readonly code = 'connection_failed';
  constructor(
    readonly variable: 'DATABASE_URL' | 'LEDGER_URL',
    readonly url: string,
    override readonly cause: unknown,
  ) {
    super(`${variable}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

const isDriverError = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && !['ledger_mapping_invalid', 'ledger_mapping_unreadable'].includes(code);
};

/** Opens the runtime: settings -> clock -> bot database (migrated) -> ledger source. */
export async function openRuntime(config: Config, log: Logger, io: StdIo = processIo()): Promise<Runtime> {
  const clock = createClock({ timeZone: config.timeZone, today: config.today });
  const policy = await buildPolicy(config);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(db.knex).catch((error: unknown) => {
      throw isDriverError(error)
        ? new ConnectionError('DATABASE_URL', config.databaseUrl ?? '', error)
        : error;
    });
    if (applied.length > 0) log.info({ applied }, 'bot database migrated');
    const ledger = await openConfiguredLedger(config, db, clock).catch((error: unknown) => {
      throw isDriverError(error) && config.ledger.url
        ? new ConnectionError('LEDGER_URL', config.ledger.url, error)
        : error;
    });
    return {
      config,
      clock,
      log,
      policy,
      db,
      ledger,
      afterSyncHooks: [],
      outage: createOutageWatch({ db: db.knex, clock, config, log, source: ledger.name }),
      io,
      close: async () => {
        await ledger.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

/** What the dispatcher needs from the runtime. */
export function dispatchContext(runtime: Runtime): DispatchContext {
  return {
    db: runtime.db.knex,
    clock: runtime.clock,
    policy: runtime.policy,
    pageSize: runtime.config.pageSize,
    onWorklistChanged: () => runtime.onWorklistChanged?.(),
    letters: runtime.config.letters,
    ledgerStaleAfterMinutes: staleAfterMinutes(runtime.config),
    language: runtime.config.language,
    escalationManagers: runtime.config.jobs.escalationManagers,
    threadChannels: {
      ...(runtime.config.slack?.channel ? { slack: runtime.config.slack.channel } : {}),
      ...(runtime.config.teams?.channel ? { teams: runtime.config.teams.channel } : {}),
    },
    promiseHorizonDays: runtime.config.collections.promiseHorizonDays,
  };
}
