/**
 * The one composition root: a running duebot's entry points side by side. The chat adapters (Slack and
 * Teams as the settings turn them on, else the terminal shell), the scheduled posts that reach them, and
 * the sync that keeps the bot database in step with the ledger. src/cli.ts calls in here; no adapter does.
 */
import { createShellAdapter, shellChatOut } from '../adapters/shell/start.ts';
import type { ChatAdapter } from './chat/adapter.ts';
import type { Job } from './jobs/job.ts';
import { scheduleLine } from './jobs/next-runs.ts';
import { createJobs } from './jobs/registry.ts';
import { createScheduledPosts } from './jobs/service.ts';
import type { Knex } from 'knex';
import { companyT } from './i18n/speech.ts';
import type { Translator } from './i18n/translate.ts';
import { ledgerPlace } from './ledger/configured.ts';
import { openTotals } from './ledger/totals.ts';
import type { ChatOut } from './outbox/chat-out.ts';
import type { Runtime } from './runtime.ts';
import { scheduleSync, syncAtStart } from './sync-loop.ts';

/** How a `--dry-run` job command shows the posts it would make: as the terminal shell shows them. */
export { printPosts } from '../adapters/shell/posts.ts';

/**
 * `duebot start`: the chat adapters and their scheduled posts, the first sync (on the snapshot when the
 * ledger cannot be read), the open totals, the sync schedule, then serving until SIGINT or SIGTERM.
 */
export async function start(runtime: Runtime): Promise<void> {
  const adapters = await chatAdapters(runtime);
  // Built once: the greeting lists the same jobs the scheduler runs.
  const jobs = createJobs(runtime.config);
  await withScheduledPosts(
    runtime,
    async (beginScheduledPosts) => {
      // A ledger that cannot be read is logged in one line; the bot serves its snapshot and retries.
      const failures = await syncAtStart(runtime);
      await printTotals(runtime);
      if (runtime.config.jobs.enabled) {
        const line = scheduleLine(
          jobs,
          runtime.clock,
          runtime.policy.calendar,
          companyT(runtime.config.language),
        );
        runtime.io.stdout.write(`${line}\n`);
      }
      const stopSync = scheduleSync(runtime, failures);
      try {
        // Catch-up and delivery begin once the adapters serve (the shell: once it has greeted).
        await serveChat(runtime, adapters, beginScheduledPosts);
      } finally {
        stopSync();
      }
    },
    adapters.map((adapter) => adapter.chatOut),
    jobs,
  );
}

/** `duebot shell`: the terminal shell alone, no scheduled posts. */
export async function shell(runtime: Runtime): Promise<void> {
  await serveChat(runtime, [await createShellAdapter(runtime)]);
}

/** The chat adapters the settings turn on, listed side by side: Slack, Teams; the shell when neither is. */
export async function chatAdapters(runtime: Runtime): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  if (runtime.config.slack) {
    // Loaded only when on, like Teams: Bolt takes seconds to import that a terminal start never needs.
    const { createSlackAdapter } = await import('../adapters/slack/start.ts');
    adapters.push(await createSlackAdapter(runtime));
  }
  const teams = await loadTeams(runtime);
  if (teams) adapters.push(teams);
  if (adapters.length === 0) adapters.push(await createShellAdapter(runtime));
  return adapters;
}

/** Teams when it is configured, loaded only then: botbuilder takes a second or more to import. */
async function loadTeams(runtime: Runtime): Promise<ChatAdapter | undefined> {
  if (!runtime.config.teams) return undefined;
  const module = await import('../adapters/teams/start.ts');
  return module.createTeamsAdapter(runtime);
}

/**
 * The adapters until SIGINT or SIGTERM (or the shell's input ends). One HTTP port serves them all: the
 * first adapter's server hosts the others' routes (Teams' /api/messages on Slack's port when both run).
 */
export async function serveChat(
  runtime: Runtime,
  adapters: ChatAdapter[],
  whenServing: () => Promise<void> = async () => undefined,
): Promise<void> {
  const [host, ...guests] = adapters;
  if (!host) return;
  const signal = stopSignal();
  try {
    const started = await host.start(guests.flatMap((guest) => guest.routes));
    if (guests.some((guest) => guest.platform === 'teams'))
      runtime.log.info(
        `Teams on the same port ${started.port}: messaging endpoint https://<your host>/api/messages`,
      );
    await started.ready;
    // Not awaited before serving (the shell's prompt must not wait for a catch-up); a failure still ends start.
    const serving = whenServing().then(() => new Promise<never>(() => undefined));
    const stoppedBy = await Promise.race([signal.wait, started.ended.then(() => null), serving]);
    if (stoppedBy) runtime.log.info(`stopping on ${stoppedBy}`);
  } finally {
    for (const adapter of adapters) await adapter.stop();
    signal.dispose();
  }
}

/** Resolves on the first SIGINT or SIGTERM, so `start` can close everything cleanly. */
function stopSignal(): { wait: Promise<NodeJS.Signals>; dispose(): void } {
  let done: (signal: NodeJS.Signals) => void = () => undefined;
  const wait = new Promise<NodeJS.Signals>((resolve) => {
    done = resolve;
  });
  const onSignal = (signal: NodeJS.Signals) => done(signal);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    wait,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** The open and overdue totals per currency, printed at start and after `duebot demo`. */
export async function printTotals(runtime: Runtime): Promise<void> {
  // Nobody in particular reads a command's output: the company's language (DUEBOT_LOCALE).
  const lines = await totalsLines(
    runtime.db.knex,
    runtime.clock.today(),
    runtime.config.ledger.url,
    companyT(runtime.config.language),
  );
  runtime.io.stdout.write(`${lines.join('\n')}\n`);
}

/** The lines of `printTotals` in `t`'s language: a heading naming the ledger, then one line per currency. */
export async function totalsLines(
  db: Knex,
  today: string,
  ledgerUrl: string | undefined,
  t: Translator,
): Promise<string[]> {
  const totals = await openTotals(db, today);
  const out = [t.t('cli.totals.head', { date: today, ...ledgerPlace(ledgerUrl) })];
  if (totals.length === 0) out.push(`  ${t.t('cli.totals.none')}`);
  for (const total of totals) {
    const line = t.t('cli.totals.line', {
      open: t.money(total.openMinor, total.currency),
      openItems: total.openItems,
      customers: total.customers,
      overdue: t.money(total.overdueMinor, total.currency),
      overdueItems: total.overdueItems,
    });
    out.push(`  ${line}`);
  }
  return out;
}

/**
 * Where the posts of a job command go: every configured chat platform (Slack, and Teams given as `extra`
 * because its adapter is loaded only when on), otherwise the terminal.
 */
export async function chatOuts(runtime: Runtime, extra: ChatOut[] = []): Promise<ChatOut[]> {
  const outs = [...extra];
  const slack = runtime.config.slack;
  if (slack) {
    const { slackChatOut } = await import('../adapters/slack/start.ts');
    outs.push(slackChatOut(runtime, slack));
  }
  return outs.length > 0 ? outs : [shellChatOut(runtime)];
}

/**
 * Scheduled posts (scheduler and outbox worker running `jobs`) around `work`, stopped when it ends,
 * delivering through `outs`. Post-sync steps are hooked in at once; `work` calls `begin` (after the first sync) to catch up
 * and start ticking.
 */
export async function withScheduledPosts<T>(
  runtime: Runtime,
  work: (begin: () => Promise<void>) => Promise<T>,
  outs: ChatOut[],
  jobs: Job[],
): Promise<T> {
  if (!runtime.config.jobs.enabled) return work(async () => undefined);
  const posts = createScheduledPosts({ ...runtime, db: runtime.db.knex, jobs }, outs);
  runtime.afterSyncHooks.push(() => posts.afterSync());
  runtime.onWorklistChanged = () => posts.worklistChanged();
  try {
    return await work(() => posts.start());
  } finally {
    await posts.stop();
  }
}
