import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createSlackApp } from '../adapters/slack/app.ts';
import { createClock } from '../src/clock.ts';
import { defaultPolicy } from '../src/collections/account.ts';
import { knexForPostgres, migrate } from '../src/db.ts';
import { DEMO_MAPPING_FILE } from '../src/ledger/demo.ts';
import { readMapping } from '../src/ledger/mapping.ts';
import { openLedgerSource } from '../src/ledger/source.ts';
import { syncLedger } from '../src/ledger/sync.ts';
import { createLogger } from '../src/log.ts';
import { refreshWorklist } from '../src/worklist/assess.ts';
import { recordSection } from './benchmarks-md.ts';
import { describeMachine, machineLine } from './machine.ts';
import type { LoadPlan, Sample } from './slack-load.ts';
import { summarise } from './slack-load.ts';
import { buildLargeLedger } from './sync-ledger.ts';

const CUSTOMERS = 50_000;
const INVOICES = 200_000;
const CLIENTS = 50;
const SECONDS = Number(process.env.BENCH_SLACK_SECONDS ?? 30);
const LEDGER_DB = 'duebot_bench_slack_ledger';
const BOT_DB = 'duebot_bench_slack_bot';
const SECRET = 'bench-signing-secret-0123456789ab';
const TARGETS = { ackP99Ms: 100, fullP99Ms: 500 };
/** The filters people type, from the whole list to narrow ones (see `/overdue help`). */
const FILTERS = [
  '',
  'unclaimed',
  '60+',
  '>50k',
  'grade C',
  'mine',
  'unclaimed 30+ >10k',
  'page 2',
  '90+',
  'customer 客户12',
];

function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');

/** Builds and syncs the 50,000-customer ledger and assesses the worklist, as `duebot start` would. */
async function prepare(base: string): Promise<{ botUrl: string; accounts: number }> {
  const admin = knexForPostgres(base, { min: 0, max: 1 });
  try {
    for (const name of [LEDGER_DB, BOT_DB]) {
      await admin.raw(`drop database if exists ${name} with (force)`);
      await admin.raw(`create database ${name}`);
    }
  } finally {
    await admin.destroy();
  }
  const ledgerUrl = databaseUrl(base, LEDGER_DB);
  const botUrl = databaseUrl(base, BOT_DB);
  const ledger = knexForPostgres(ledgerUrl, { min: 0, max: 1 });
  const bot = knexForPostgres(botUrl, { min: 0, max: 4 });
  try {
    await buildLargeLedger(ledger, { customers: CUSTOMERS, invoices: INVOICES });
    await migrate(bot);
    const clock = createClock({ timeZone: 'UTC' });
    const source = await openLedgerSource({
      name: 'bench',
      url: ledgerUrl,
      mappingSql: await readMapping(DEMO_MAPPING_FILE),
      batchSize: 10_000,
    });
    try {
      await syncLedger({ db: bot, source, mode: 'full', clock, lookbackSeconds: 300, batchSize: 10_000 });
    } finally {
      await source.close();
    }
    const { assessed } = await refreshWorklist({
      db: bot,
      policy: defaultPolicy,
      today: clock.today(),
      timeZone: clock.timeZone,
    });
    await bot.raw('analyze');
    return { botUrl, accounts: assessed };
  } finally {
    await ledger.destroy();
    await bot.destroy();
  }
}

/** 50 people using /overdue and Claim for 30 s against a real Bolt HTTP app over a real Postgres. */
export async function runSlackBenchmark(): Promise<void> {
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const machine = describeMachine();
  const started = performance.now();
  // BENCH_KEEP=1 keeps the synced databases after the run and reuses them next time (to iterate faster).
  const keep = process.env.BENCH_KEEP === '1';
  const reuse = keep && (await databaseExists(base, BOT_DB));
  const { botUrl, accounts } = reuse ? await reused(base) : await prepare(base);
  console.log(
    `slack benchmark on ${machineLine(machine)}\nledger of ${CUSTOMERS} customers synced, ${accounts} accounts on the worklist ` +
      `(${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
  const db = knexForPostgres(botUrl, { min: 0, max: 10 });
  const serverVersion = String((await db.raw('show server_version')).rows[0].server_version);
  const accountIds = (await db('account_summary').select('customer_id')).map((r) => Number(r.customer_id));

  const plan: LoadPlan = { secret: SECRET, clients: CLIENTS, seconds: SECONDS, accountIds, filters: FILTERS };
  // NOTE: a worker does not inherit tsx's loader; it registers it before importing the TypeScript file.
  const entry = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
    .then(({ register }) => { register(); return import(${JSON.stringify(new URL('./slack-load.ts', import.meta.url).href)}); })`;
  const worker = new Worker(entry, { eval: true, workerData: plan });
  const slackUrl = await new Promise<string>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { slackUrl: string }) => resolve(m.slackUrl));
  });
  const clock = createClock({ timeZone: 'UTC' });
  const { app } = createSlackApp({
    ctx: { db, clock, policy: defaultPolicy, pageSize: 10 },
    config: {
      botToken: 'xoxb-bench',
      signingSecret: SECRET,
      appToken: undefined,
      apiUrl: `${slackUrl}/api/`,
      port: 0,
      channel: 'CWORK',
      managers: [],
      viewers: [],
    },
    log: createLogger({ level: 'silent' }),
    botId: 'BBOT',
    botUserId: 'UBOT',
    // Production HTTP mode: acknowledge first, work after.
    processBeforeResponse: false,
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as unknown as {
    address(): { port: number };
  };
  const appUrl = `http://127.0.0.1:${server.address().port}`;
  const result = new Promise<{ samples: Sample[]; seconds: number }>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { samples: Sample[]; seconds: number }) => resolve(m));
  });
  worker.postMessage({ appUrl });
  const { samples, seconds } = await result;
  await app.stop();
  await worker.terminate();
  await db.destroy();

  const ok = samples.filter((s) => s.status === 200);
  const ack = summarise(ok.map((s) => s.ackMs));
  const answered = ok.filter((s) => s.fullMs !== null);
  const full = summarise(answered.map((s) => s.fullMs ?? 0));
  const byKind = (kind: Sample['kind']) =>
    summarise(answered.filter((s) => s.kind === kind).map((s) => s.fullMs ?? 0));
  const overdue = byKind('overdue');
  const claims = byKind('claim');
  const failed = samples.length - answered.length;
  const rate = answered.length / seconds;
  const rows: [string, string, string, string][] = [
    ['acknowledgement p50', ms(ack.p50), '', ''],
    ['acknowledgement p99', ms(ack.p99), `< ${TARGETS.ackP99Ms} ms`, verdict(ack.p99 < TARGETS.ackP99Ms)],
    ['full response p50', ms(full.p50), '', ''],
    [
      'full response p99',
      ms(full.p99),
      `< ${TARGETS.fullP99Ms} ms`,
      verdict(full.p99 < TARGETS.fullP99Ms && failed === 0),
    ],
    ['full response p50 / p99, `/overdue`', `${ms(overdue.p50)} / ${ms(overdue.p99)}`, '', ''],
    ['full response p50 / p99, Claim', `${ms(claims.p50)} / ${ms(claims.p99)}`, '', ''],
    [
      'throughput (fully answered)',
      `${rate.toFixed(1)} requests/s (${answered.length} in ${seconds.toFixed(1)} s)`,
      '',
      '',
    ],
    ['not acknowledged with 200, or no response in 10 s', String(failed), '0', verdict(failed === 0)],
  ];
  console.log('');
  for (const [what, value, target, verdictText] of rows) {
    console.log(`${verdictText.padEnd(4)}  ${what.padEnd(48)} ${value.padEnd(40)} ${target}`);
  }
  await recordSection(
    'Slack',
    [
      `${CLIENTS} concurrent people send correctly signed \`/overdue\` commands (${FILTERS.length} filters in turn) and Claim`,
      `clicks (one request in three) for ${SECONDS} s to a real Bolt HTTP app on loopback (acknowledging first, as in`,
      `production), over a Postgres bot database holding a synced ${CUSTOMERS.toLocaleString('en-US')}-customer ledger`,
      `(${INVOICES.toLocaleString('en-US')} invoices, ${accounts.toLocaleString('en-US')} accounts on the worklist). A local HTTP server plays Slack's Web API and the`,
      'response URLs; each person waits for the answer before the next request. Acknowledgement: until the HTTP 200',
      'from /slack/events; full response: until the response_url post reaches the fake Slack.',
      'Run with `npm run bench -- slack` (BENCH_DATABASE_URL, default the local server).',
      '',
      `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      `- Machine: ${machineLine(machine)}`,
      `- PostgreSQL ${serverVersion} on the same machine`,
      '',
      '| measurement | value | target | result |',
      '| --- | --- | --- | --- |',
      ...rows.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n'),
  );
  console.log('\nrecorded in BENCHMARKS.md (section "Slack")');
  if (keep) return;
  const admin = knexForPostgres(base, { min: 0, max: 1 });
  for (const name of [LEDGER_DB, BOT_DB]) await admin.raw(`drop database if exists ${name} with (force)`);
  await admin.destroy();
}

async function databaseExists(base: string, name: string): Promise<boolean> {
  const admin = knexForPostgres(base, { min: 0, max: 1 });
  try {
    return (await admin.raw('select 1 from pg_database where datname = ?', [name])).rows.length > 0;
  } finally {
    await admin.destroy();
  }
}

/**
 * The databases a kept run left (accounts claimed then are answered with their fresh card), brought up
 * to the current schema.
 */
async function reused(base: string): Promise<{ botUrl: string; accounts: number }> {
  const botUrl = databaseUrl(base, BOT_DB);
  const bot = knexForPostgres(botUrl, { min: 0, max: 1 });
  try {
    await migrate(bot);
    const row = await bot('account_summary').count({ n: '*' }).first();
    return { botUrl, accounts: Number(row?.n) };
  } finally {
    await bot.destroy();
  }
}
