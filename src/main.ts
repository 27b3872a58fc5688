import { join } from 'node:path';
import { createShellChatOut } from '../adapters/shell/chat-out.ts';
import { type Clock, createClock } from './clock.ts';
import type { Policy } from './collections/account.ts';
import type { DispatchContext } from './commands/dispatch.ts';
import type { Config } from './config.ts';
import { type Database, migrate, openDatabase } from './db.ts';
import { createScheduledPosts } from './jobs/service.ts';
import { createOutageWatch, type OutageWatch } from './jobs/ledger-outage.ts';
import { ledgerLabel, openConfiguredLedger, runConfiguredSync, type SyncMode } from './ledger/configured.ts';
import { staleAfterMinutes } from './ledger/freshness.ts';
import { formatSyncSummary, type SyncSummary } from './ledger/sync.ts';
import type { LedgerSource } from './ledger/types.ts';
import type { Logger } from './log.ts';
import type { ChatOut } from './outbox/chat-out.ts';
import { buildPolicy } from './policy.ts';
import { createProgressLine } from './progress.ts';
import { refreshWorklist } from './worklist/assess.ts';
import { evaluatePromises, type PromiseVerdict } from './worklist/promises.ts';

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

/** Composition root: settings -> clock -> bot database (migrated) -> ledger source. */
export async function openRuntime(config: Config, log: Logger): Promise<Runtime> {
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

/** After the ledger moved: decide promises from it (PB-20), then reassess the worklist. */
export async function afterSync(runtime: Runtime): Promise<{ verdicts: PromiseVerdict[]; assessed: number }> {
  const today = runtime.clock.today();
  const verdicts = await evaluatePromises(runtime.db.knex, today);
  const { assessed } = await refreshWorklist({
    db: runtime.db.knex,
    policy: runtime.policy,
    today,
    timeZone: runtime.clock.timeZone,
  });
  if (verdicts.length > 0)
    runtime.log.info({ verdicts: verdicts.length }, 'promises decided from the ledger');
  return { verdicts, assessed };
}

/** Syncs once (drawing progress on a terminal), logs the one-line summary and refreshes the worklist. */
export async function syncNow(runtime: Runtime, mode: SyncMode): Promise<SyncSummary> {
  const progress = createProgressLine(process.stderr, `syncing ${ledgerLabel(runtime.config.ledger.url)}`);
  try {
    const summary = await runConfiguredSync({
      ...runtime,
      source: runtime.ledger,
      mode,
      onProgress: (p) =>
        progress.update(
          `${p.rowsRead.toLocaleString('en')} rows read${p.phase === 'writing' ? ', writing the changes' : ''}`,
        ),
    });
    progress.done();
    runtime.log.info(formatSyncSummary(summary));
    await afterSync(runtime);
    for (const hook of runtime.afterSyncHooks) {
      await hook().catch((error: unknown) => runtime.log.error({ err: error }, 'a post-sync step failed'));
    }
    return summary;
  } catch (error) {
    progress.done();
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
  };
}

/** The ledger could not be read at start and the bot database holds no snapshot to serve instead. */
export class NoSnapshotError extends Error {
  readonly code = 'ledger_no_snapshot';
  constructor(override readonly cause: unknown) {
    super('the ledger cannot be read and the bot database holds no snapshot of it yet');
  }
}

const isLedgerReadError = (error: unknown) =>
  (error as { code?: unknown } | null)?.code === 'ledger_read_failed';

/** How long to wait before retry `failures` (1, 2, ...): SYNC_RETRY_SECONDS doubling, up to the sync interval. */
export function retryDelayMs(config: Config, failures: number): number {
  const base = config.sync.retrySeconds * 1000;
  const cap = Math.max(base, (config.sync.intervalMinutes || 15) * 60_000);
  return Math.min(base * 2 ** Math.min(Math.max(0, failures - 1), 20), cap);
}

/**
 * The first sync of `start`. When the ledger cannot be read but a snapshot of it is held, the bot starts on
 * the snapshot (the failure logged in one line with its age) and returns 1: the failures so far, for
 * scheduleSync to retry. Without a snapshot it throws NoSnapshotError; other errors are thrown as they are.
 */
export async function syncAtStart(runtime: Runtime): Promise<number> {
  const before = await runtime.outage.before();
  try {
    await syncNow(runtime, 'auto');
    await runtime.outage.succeeded(before);
    return 0;
  } catch (error) {
    if (!isLedgerReadError(error)) throw error;
    if (!before?.lastRead) throw new NoSnapshotError((error as { cause?: unknown }).cause);
    await runtime.outage.failed(error, retryDelayMs(runtime.config, 1));
    return 1;
  }
}

/**
 * Keeps the bot database in step with the ledger every SYNC_INTERVAL_MINUTES, one sync at a time; a failed
 * sync is retried after SYNC_RETRY_SECONDS, doubling up to the interval, until one succeeds. `failures`:
 * how many failed just before (syncAtStart's answer).
 */
export function scheduleSync(runtime: Runtime, failures = 0): () => void {
  const intervalMs = runtime.config.sync.intervalMinutes * 60_000;
  let failed = failures;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const next = (ms: number) => {
    if (stopped || ms <= 0) return;
    timer = setTimeout(() => void attempt(), ms);
    timer.unref();
  };
  const attempt = async () => {
    const before = await runtime.outage.before();
    try {
      await syncNow(runtime, 'auto');
      failed = 0;
      await runtime.outage.succeeded(before).catch(() => undefined);
      next(intervalMs);
    } catch (error) {
      failed += 1;
      const delay = retryDelayMs(runtime.config, failed);
      await runtime.outage.failed(error, stopped ? null : delay);
      next(delay);
    }
  };
  next(failed > 0 ? retryDelayMs(runtime.config, failed) : intervalMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/**
 * Where scheduled posts go: every configured chat platform (Slack, and Teams given as `extra` because its
 * adapter is loaded only when on), otherwise the terminal.
 */
export async function chatOuts(runtime: Runtime, extra: ChatOut[] = []): Promise<ChatOut[]> {
  const outs = [...extra];
  const slack = runtime.config.slack;
  if (slack) {
    // Loaded only when Slack is on: Bolt takes seconds to import that a terminal start never needs.
    const { createOutboxClient, createSlackChatOut } = await import('../adapters/slack/chat-out.ts');
    const client = createOutboxClient(slack.botToken, slack.apiUrl);
    outs.push(createSlackChatOut({ client, db: runtime.db.knex, config: slack }));
  }
  if (outs.length > 0) return outs;
  return [
    createShellChatOut({
      db: runtime.db.knex,
      output: process.stdout,
      filesDir: join(runtime.config.dataDir, 'files'),
      color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
      width: process.stdout.columns ?? 100,
    }),
  ];
}

/**
 * Scheduled posts (scheduler and outbox worker) around `work`, stopped when it ends. Post-sync steps are
 * hooked in at once; `work` calls `begin` (after the first sync) to catch up and start ticking.
 */
export async function withScheduledPosts<T>(
  runtime: Runtime,
  work: (begin: () => Promise<void>) => Promise<T>,
  extraChatOuts: ChatOut[] = [],
): Promise<T> {
  if (!runtime.config.jobs.enabled) return work(async () => undefined);
  const posts = createScheduledPosts(
    { ...runtime, db: runtime.db.knex },
    await chatOuts(runtime, extraChatOuts),
  );
  runtime.afterSyncHooks.push(() => posts.afterSync());
  runtime.onWorklistChanged = () => posts.worklistChanged();
  try {
    return await work(() => posts.start());
  } finally {
    await posts.stop();
  }
}
