/**
 * The answers people wait for, at one ledger size of `npm run bench -- scale`: `/overdue` (several filters,
 * first and later pages) and Claim from 50 concurrent people through the real Slack HTTP receiver with
 * correctly signed requests, against two floors measured in the same run: the transport floor (a bare Bolt
 * app on the same receiver and port answering the same requests with a fixed reply) and the query floor
 * (the page's own SQL alone, one request at a time). Also the account card and App Home, called directly,
 * against their SQL. The load itself is bench/slack-load.ts in a worker thread.
 */
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Knex } from 'knex';
import type { Clock } from '../src/clock.ts';
import type { Policy } from '../src/collections/account.ts';
import { accountCard, type DispatchContext } from '../src/commands/account-actions.ts';
import { myWorkMessage } from '../src/commands/my-work.ts';
import { LIST_COUNT_CAP, listWorklist, type WorklistFilter } from '../src/worklist/list.ts';
import { myWork } from '../src/worklist/my-work.ts';
import { loadSnapshots } from '../src/worklist/snapshots.ts';
import type { BotPlan, BotReport } from './scale-bot.ts';
import { type LoadPlan, type Sample, summarise } from './slack-load.ts';

const SECRET = 'bench-signing-secret-0123456789ab';
export const CLIENTS = 50;

/** What people type, with the worklist filter and page each one asks for (the query floor runs these). */
export const SCALE_FILTERS: { text: string; filter: WorklistFilter; page: number }[] = [
  { text: '', filter: {}, page: 1 },
  { text: 'unclaimed', filter: { unclaimed: true }, page: 1 },
  { text: '60+', filter: { minDays: 60 }, page: 1 },
  { text: '>40k', filter: { minAmountMajor: 40_000 }, page: 1 },
  { text: 'grade C', filter: { grade: 'C' }, page: 1 },
  { text: 'mine', filter: { ownerUserId: -1 }, page: 1 },
  { text: 'unclaimed 30+ >10k', filter: { unclaimed: true, minDays: 30, minAmountMajor: 10_000 }, page: 1 },
  { text: 'page 2', filter: {}, page: 2 },
  { text: '90+ page 40', filter: { minDays: 90 }, page: 40 },
  { text: 'customer Scale account 0001234', filter: { customer: 'Scale account 0001234' }, page: 1 },
];

/** p50 and p99 in milliseconds. */
export interface Latency {
  p50: number;
  p99: number;
  n: number;
}

export interface AnswerRows {
  /** Through Slack, under 50 concurrent people. */
  overdue: { ack: Latency; full: Latency };
  claim: { ack: Latency; full: Latency };
  transport: { ack: Latency; full: Latency };
  failed: number;
  /** The page's SQL alone, one at a time. */
  overdueQuery: Latency;
  claimQuery: Latency;
  card: Latency;
  cardQuery: Latency;
  home: Latency;
  homeQuery: Latency;
  /** The bot's own peak RSS under the load (its process alone: the load generator runs elsewhere). */
  peakRss: number;
  /** The transport floor's peak RSS (a bare Bolt app), for comparison. */
  floorPeakRss: number;
  /** CPU seconds the bot's process used (start, the load, and the report). */
  botCpuSeconds: number;
}

/** Starts the load worker (the fake Slack) and returns its URL and a way to run the load on an app. */
async function loadWorker(plan: LoadPlan): Promise<{
  slackUrl: string;
  run: (appUrl: string) => Promise<{ samples: Sample[]; seconds: number }>;
}> {
  // NOTE: a worker does not inherit tsx's loader; it registers it before importing the TypeScript file.
  const entry = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
    .then(({ register }) => { register(); return import(${JSON.stringify(new URL('./slack-load.ts', import.meta.url).href)}); })`;
  const worker = new Worker(entry, { eval: true, workerData: plan });
  const slackUrl = await new Promise<string>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { slackUrl: string }) => resolve(m.slackUrl));
  });
  return {
    slackUrl,
    run: async (appUrl) => {
      const result = new Promise<{ samples: Sample[]; seconds: number }>((resolve, reject) => {
        worker.once('error', reject);
        worker.once('message', (m: { samples: Sample[]; seconds: number }) => resolve(m));
      });
      worker.postMessage({ appUrl });
      try {
        return await result;
      } finally {
        await worker.terminate();
      }
    },
  };
}

/** The bot (duebot or the transport floor) in a child process, under the load: samples and its report. */
async function botLoad(
  mode: BotPlan['mode'],
  plan: LoadPlan,
  bot: Omit<BotPlan, 'mode' | 'slackUrl' | 'secret'>,
): Promise<{ samples: Sample[]; report: BotReport; port: number }> {
  const worker = await loadWorker(plan);
  const child = fork(fileURLToPath(new URL('./scale-bot.ts', import.meta.url)), [], {
    // BENCH_BOT_CPU_PROF=<dir>: the bot's CPU profile (node --cpu-prof) written there when it stops.
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_BOT_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_BOT_CPU_PROF}`]
        : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the ${mode} bot exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        resolve(m as T);
      });
    });
  try {
    const listening = next<{ port: number }>();
    const botPlan: BotPlan = { ...bot, mode, slackUrl: worker.slackUrl, secret: SECRET };
    child.send(botPlan);
    const { port } = await listening;
    const { samples } = await worker.run(`http://127.0.0.1:${port}`);
    const stopped = next<BotReport>();
    child.send('stop');
    const report = await stopped;
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
    return { samples, report, port };
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

/** `work` `rounds` times in turn (one at a time): its latencies. */
async function timed(rounds: number, work: (i: number) => Promise<unknown>): Promise<Latency> {
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await work(i);
    out.push(performance.now() - started);
  }
  return summarise(out);
}

const latency = (samples: Sample[], pick: (s: Sample) => number | null): Latency =>
  summarise(samples.map(pick).filter((v): v is number => v !== null));

/** Measures the answers over the bot database `db` (assessed for the clock's day). */
export async function measureAnswers(options: {
  db: Knex;
  /** The bot database's URL: the bot opens its own pool on it, in its own process. */
  url: string;
  /** The settings the benchmark runs under (loadConfig's input), for the bot's process. */
  settings: Record<string, string>;
  clock: Clock;
  policy: Policy;
  seconds: number;
}): Promise<AnswerRows> {
  const { db, clock, policy } = options;
  const ctx: DispatchContext = { db, clock, policy, pageSize: 10 };
  // Claims go to accounts on the worklist; a sample of ids is enough (the full list at 1M is 8 MB).
  const accountIds = (
    await db.raw('SELECT customer_id FROM account_summary TABLESAMPLE SYSTEM (1) LIMIT 2000')
  ).rows.map((r: { customer_id: string }) => Number(r.customer_id)) as number[];
  if (accountIds.length === 0)
    accountIds.push(...(await db('account_summary').limit(100).pluck('customer_id')).map(Number));
  const plan: LoadPlan = {
    secret: SECRET,
    clients: CLIENTS,
    seconds: options.seconds,
    accountIds,
    filters: SCALE_FILTERS.map((f) => f.text),
  };
  const bot = { url: options.url, settings: options.settings, now: clock.now().toISOString() };
  {
    // The transport floor first, then duebot on the same port, each in a fresh process of its own.
    const floor = await botLoad('floor', plan, { ...bot, port: 0 });
    const { samples, report } = await botLoad('duebot', plan, { ...bot, port: floor.port });
    const ok = samples.filter((s) => s.status === 200 && s.fullMs !== null);
    const of = (kind: Sample['kind']) => ok.filter((s) => s.kind === kind);
    const owner = await db('users').where({ platform: 'slack', platform_user_id: 'UB001' }).first('id');
    const ownerId = Number(owner?.id ?? 0);
    const pick = (i: number) => accountIds[(i * 7919) % accountIds.length] ?? 1;
    const filters = SCALE_FILTERS.map((f) =>
      f.filter.ownerUserId === -1 ? { ...f, filter: { ...f.filter, ownerUserId: ownerId } } : f,
    );
    const today = clock.today();
    const snapshot = (id: number) =>
      loadSnapshots(db, [id], today, clock.timeZone, policy.grade.historyMonths);
    const quiet = {
      afterWorkingDays: policy.statusUpdateWorkingDays,
      calendar: policy.calendar,
      timeZone: clock.timeZone,
    };
    const user = (i: number) => ({
      platform: 'slack' as const,
      id: `UB${String(i % CLIENTS).padStart(3, '0')}`,
      name: `Collector UB${String(i % CLIENTS).padStart(3, '0')}`,
    });
    return {
      overdue: { ack: latency(of('overdue'), (s) => s.ackMs), full: latency(of('overdue'), (s) => s.fullMs) },
      claim: { ack: latency(of('claim'), (s) => s.ackMs), full: latency(of('claim'), (s) => s.fullMs) },
      transport: {
        ack: latency(floor.samples, (s) => s.ackMs),
        full: latency(floor.samples, (s) => s.fullMs),
      },
      botCpuSeconds: report.cpuSeconds,
      floorPeakRss: floor.report.peakRss,
      failed: samples.length - ok.length,
      overdueQuery: await timed(filters.length * 5, (i) => {
        const f = filters[i % filters.length] ?? { filter: {}, page: 1 };
        return listWorklist(db, f.filter, {
          today: clock.today(),
          page: f.page,
          pageSize: 10,
          countUpTo: LIST_COUNT_CAP,
        });
      }),
      // A claim's own SQL: the claim row written (and taken back) and the account's snapshot for its card.
      claimQuery: await timed(50, async (i) => {
        const id = pick(i + 1000);
        const taken = new Error('taken back');
        await db
          .transaction(async (trx) => {
            await trx.raw(
              `INSERT INTO claims (customer_id, user_id) SELECT ?, ? WHERE NOT EXISTS
               (SELECT 1 FROM claims WHERE customer_id = ? AND released_at IS NULL)`,
              [id, ownerId, id],
            );
            throw taken;
          })
          .catch((error: unknown) => {
            if (error !== taken) throw error;
          });
        await snapshot(id);
      }),
      card: await timed(50, (i) => accountCard(ctx, pick(i))),
      cardQuery: await timed(50, (i) => snapshot(pick(i))),
      home: await timed(50, (i) => myWorkMessage(ctx, user(i))),
      homeQuery: await timed(50, async (i) => {
        const row = await db('users')
          .where({ platform: 'slack', platform_user_id: user(i).id })
          .first('id');
        return myWork(db, Number(row?.id ?? 0), today, 20, quiet);
      }),
      peakRss: report.peakRss,
    };
  }
}
