import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { createClock } from '../src/clock.ts';
import { knexForPostgres, migrate } from '../src/db.ts';
import { DEMO_MAPPING_FILE } from '../src/ledger/demo.ts';
import { inlineParameters, readMapping } from '../src/ledger/mapping.ts';
import { presetFile, WATERMARK_INDEXES } from '../src/ledger/presets.ts';
import { type LedgerSourceOptions, openLedgerSource } from '../src/ledger/source.ts';
import { syncLedger } from '../src/ledger/sync.ts';
import { recordSection } from './benchmarks-md.ts';
import { describeMachine, machineLine } from './machine.ts';
import { mb } from './stats.ts';
import { buildLargeLedger, touchInvoices } from './sync-ledger.ts';
import { buildOdooLedger, payOdooLines } from './sync-odoo-ledger.ts';

const CUSTOMERS = 50_000;
const INVOICES = 1_000_000;
const TOUCHED = 10_000;
/** Databases of this run: a suffix of their own, so that two runs on one server never drop each other's. */
const RUN = randomBytes(3).toString('hex');
const BOT_DB = `duebot_bench_bot_${RUN}`;
const TARGETS = { fullOverCopy: 5, peakRssMb: 300, incrementalSeconds: 1 };

function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Samples resident memory every 50 ms while a phase runs; returns its peak in bytes. */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; peakRss: number }> {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  try {
    const value = await work();
    const seconds = (performance.now() - started) / 1000;
    return { value, seconds, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

/** One ledger the benchmark syncs: the demo mapping's tables, or an Odoo database read by the odoo preset. */
interface BenchLedger {
  name: 'demo' | 'odoo';
  database: string;
  section: string;
  about: string[];
  /** Builds it; returns the number of rows the mapping returns. */
  build(db: Knex): Promise<number>;
  mappingSql(): Promise<string>;
  source: Partial<LedgerSourceOptions>;
  params: Record<string, string>;
  /** Changes `count` rows as a day's payments would (`round` 1: another day's rows); returns how many. */
  touch(db: Knex, count: number, rows: number, round?: number): Promise<number>;
  /**
   * Indexes the README asks an administrator to add for incremental syncs: the first incremental sync
   * runs without them (the ERP's own indexes, all a read-only user has), a second one with them.
   */
  watermarkIndexes?: readonly string[];
}

const ODOO_INVOICES = Number(process.env.BENCH_ODOO_INVOICES ?? 666_667);

const LEDGERS: BenchLedger[] = [
  {
    name: 'demo',
    database: `duebot_bench_ledger_${RUN}`,
    section: 'Sync',
    about: [
      'Ledger sync of 1,000,000 invoices (50,000 customers) from a Postgres ledger read through the demo',
      'mapping into a Postgres bot database, against the floor of the same query as `COPY ... TO STDOUT`',
      '(drained without parsing).',
    ],
    build: async (db) => {
      await buildLargeLedger(db, { customers: CUSTOMERS, invoices: INVOICES });
      return INVOICES;
    },
    mappingSql: () => readMapping(DEMO_MAPPING_FILE),
    source: {},
    params: {},
    touch: (db, count, rows) => touchInvoices(db, count, rows),
  },
  {
    name: 'odoo',
    database: `duebot_bench_odoo_${RUN}`,
    section: 'Sync (Odoo preset)',
    about: [
      `Ledger sync of an Odoo-shaped database (${ODOO_INVOICES.toLocaleString('en-US')} posted invoices, every other one in two`,
      'installments, a third paid and a third half paid by reconciles) read through LEDGER_PRESET=odoo into a',
      'Postgres bot database, against the floor of the same preset query as `COPY ... TO STDOUT`',
      "(drained without parsing). Incremental sync twice: with Odoo's own indexes (none on write_date), then",
      'with the three write_date indexes the README asks an administrator to add (each run pays other lines).',
    ],
    build: (db) => buildOdooLedger(db, { partners: CUSTOMERS, invoices: ODOO_INVOICES }),
    mappingSql: () => readMapping(presetFile('odoo', 'postgres')),
    source: { preset: 'odoo', params: { company_id: '1' } },
    params: { company_id: '1' },
    touch: (db, count, _rows, round) => payOdooLines(db, count, round),
    watermarkIndexes: WATERMARK_INDEXES.odoo,
  },
];

/** The floor: Postgres writes the mapping's rows as COPY text and we only drain the bytes. */
async function copyFloor(
  url: string,
  mappingSql: string,
  params: Record<string, string>,
): Promise<{ rows: number; bytes: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const sql = inlineParameters(mappingSql, { ...params, watermark: '-infinity' });
    const stream = client.query(copyTo(`COPY (${sql}) TO STDOUT`));
    let bytes = 0;
    let rows = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) rows++;
    }
    return { rows, bytes };
  } finally {
    await client.end();
  }
}

/** The numeric fields of a sync summary, for the console. */
function numbers(summary: unknown): string {
  if (typeof summary !== 'object' || summary === null) return String(summary);
  return Object.entries(summary)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

/**
 * Full and incremental ledger sync of 1,000,000 rows against the COPY floor: the demo mapping's ledger,
 * then an Odoo database through the odoo preset (BENCH_SYNC=demo or odoo runs one of them).
 */
export async function runSyncBenchmark(): Promise<void> {
  const only = process.env.BENCH_SYNC;
  for (const ledger of LEDGERS) if (!only || only === ledger.name) await runLedgerBenchmark(ledger);
}

async function runLedgerBenchmark(bench: BenchLedger): Promise<void> {
  const LEDGER_DB = bench.database;
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const batchSize = Number(process.env.BENCH_BATCH_SIZE ?? 2000);
  const admin = knexForPostgres(base, { min: 0, max: 1 });
  const ledgerUrl = databaseUrl(base, LEDGER_DB);
  const botUrl = databaseUrl(base, BOT_DB);
  const machine = describeMachine();
  const serverVersion = String((await admin.raw('show server_version')).rows[0].server_version);
  console.log(`sync benchmark on ${machineLine(machine, [`PostgreSQL ${serverVersion}`])}`);
  console.log(`batch size ${batchSize}`);

  for (const name of [LEDGER_DB, BOT_DB]) {
    await admin.raw(`drop database if exists ${name} with (force)`);
    await admin.raw(`create database ${name}`);
  }
  const ledger = knexForPostgres(ledgerUrl, { min: 0, max: 2 });
  const bot = knexForPostgres(botUrl, { min: 0, max: 10 });
  try {
    const build = await measured(() => bench.build(ledger));
    const ROWS = build.value;
    console.log(
      `${bench.name} ledger built: ${ROWS} rows, ${CUSTOMERS} customers in ${build.seconds.toFixed(1)} s`,
    );
    await migrate(bot);
    const mappingSql = await bench.mappingSql();
    const clock = createClock({ timeZone: 'UTC' });
    const source = () =>
      openLedgerSource({ name: 'bench', url: ledgerUrl, mappingSql, batchSize, ...bench.source });

    // The floor is the best of three runs: it is what the server can do, not what a busy moment allowed.
    let copy = await measured(() => copyFloor(ledgerUrl, mappingSql, bench.params));
    for (let run = 0; run < 3; run++) {
      const again = run === 0 ? copy : await measured(() => copyFloor(ledgerUrl, mappingSql, bench.params));
      console.log(
        `COPY floor: ${again.value.rows} rows, ${mb(again.value.bytes)} MB in ${again.seconds.toFixed(2)} s ` +
          `(${Math.round(again.value.rows / again.seconds)} rows/s)`,
      );
      if (again.seconds < copy.seconds) copy = again;
    }

    // Reading through the source alone separates fetching and parsing from writing the bot DB.
    const readOnly = await measured(async () => {
      const s = await source();
      let rows = 0;
      try {
        for await (const batch of s.changedSince(null)) rows += batch.length;
      } finally {
        await s.close();
      }
      return rows;
    });
    console.log(`source read only: ${readOnly.value} rows in ${readOnly.seconds.toFixed(2)} s`);

    /** One sync, with the time spent reading (and staging) apart from writing, and this process's CPU time. */
    const phases = { readSeconds: 0, writeSeconds: 0, cpuSeconds: 0 };
    const sync = async (mode: 'full' | 'incremental') => {
      const s = await source();
      const started = performance.now();
      const cpu = process.cpuUsage();
      let writing = started;
      try {
        return await syncLedger({
          db: bot,
          source: s,
          mode,
          clock,
          lookbackSeconds: 300,
          batchSize,
          onProgress: ({ phase }) => {
            if (phase === 'writing') writing = performance.now();
          },
        });
      } finally {
        const used = process.cpuUsage(cpu);
        phases.readSeconds = (writing - started) / 1000;
        phases.writeSeconds = (performance.now() - writing) / 1000;
        phases.cpuSeconds = (used.user + used.system) / 1e6;
        await s.close();
      }
    };
    const full = await measured(() => sync('full'));
    const fullPhases = { ...phases };
    console.log(`full sync (empty bot DB): ${full.seconds.toFixed(2)} s, ${numbers(full.value)}`);
    const reconcile = await measured(() => sync('full'));
    const reconcilePhases = { ...phases };
    console.log(
      `full sync (nothing changed): ${reconcile.seconds.toFixed(2)} s, ${numbers(reconcile.value)}`,
    );

    /** The tables the incremental read scans whole (its plan, nothing run), for the console and the table. */
    const scans = async (): Promise<string> => {
      const s = await source();
      try {
        const found = (await s.fullScans?.({ minRows: 0 })) ?? [];
        return found.map((f) => f.table).join(', ') || 'none';
      } finally {
        await s.close();
      }
    };
    const scannedBefore = await scans();
    const touched = await bench.touch(ledger, TOUCHED, ROWS, 0);
    const incremental = await measured(() => sync('incremental'));
    /** Where an incremental sync's time went: the ledger read (and staging) against the bot DB's writes. */
    const split = () => `${phases.readSeconds.toFixed(2)} s / ${phases.writeSeconds.toFixed(2)} s`;
    const incrementalSplit = split();
    console.log(
      `incremental after ${touched} updates: ${incremental.seconds.toFixed(2)} s, ${numbers(incremental.value)}; read whole: ${scannedBefore}`,
    );
    let indexed: {
      seconds: number;
      split: string;
      build: number;
      mb: number;
      touched: number;
      scanned: string;
    } | null = null;
    if (bench.watermarkIndexes) {
      const statements = bench.watermarkIndexes;
      const build = await measured(async () => {
        for (const statement of statements) await ledger.raw(statement);
      });
      const { rows: sized } = (await ledger.raw(
        `select coalesce(sum(pg_relation_size(indexrelid)), 0)::float8 as bytes from pg_index
          where left(indexrelid::regclass::text, 7) = 'duebot_'`,
      )) as { rows: { bytes: number }[] };
      const scanned = await scans();
      const again = await bench.touch(ledger, TOUCHED, ROWS, 1);
      const run = await measured(() => sync('incremental'));
      const runSplit = split();
      console.log(
        `with the write_date indexes (built in ${build.seconds.toFixed(1)} s): incremental after ${again} updates: ` +
          `${run.seconds.toFixed(2)} s, ${numbers(run.value)}; read whole: ${scanned}`,
      );
      indexed = {
        split: runSplit,
        seconds: run.seconds,
        build: build.seconds,
        mb: mb(sized[0]?.bytes ?? 0),
        touched: again,
        scanned,
      };
    }

    const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const peakMb = mb(Math.max(full.peakRss, reconcile.peakRss, incremental.peakRss));
    const ratio = full.seconds / copy.seconds;
    const reconcileRatio = reconcile.seconds / copy.seconds;
    const rate = (seconds: number) => Math.round(ROWS / seconds).toLocaleString('en-US');
    const rows: [string, string, string, string][] = [
      [
        `COPY floor (mapping query, ${ROWS.toLocaleString('en-US')} rows, best of 3)`,
        `${copy.seconds.toFixed(2)} s (${rate(copy.seconds)} rows/s)`,
        '',
        '',
      ],
      [
        'source read only (fetch, no writes)',
        `${readOnly.seconds.toFixed(2)} s (${rate(readOnly.seconds)} rows/s)`,
        '',
        '',
      ],
      ['full sync, empty bot DB', `${full.seconds.toFixed(2)} s (${rate(full.seconds)} rows/s)`, '', ''],
      [
        'of which: read, check and stage / write',
        `${fullPhases.readSeconds.toFixed(2)} s / ${fullPhases.writeSeconds.toFixed(2)} s`,
        '',
        '',
      ],
      ['duebot CPU time during the full sync', `${fullPhases.cpuSeconds.toFixed(2)} s`, '', ''],
      [
        'full sync / COPY',
        `${ratio.toFixed(1)}x`,
        `<= ${TARGETS.fullOverCopy}x`,
        verdict(ratio <= TARGETS.fullOverCopy),
      ],
      [
        'full sync, nothing changed',
        `${reconcile.seconds.toFixed(2)} s (${rate(reconcile.seconds)} rows/s)`,
        '',
        '',
      ],
      [
        'of which: read, check and stage / write',
        `${reconcilePhases.readSeconds.toFixed(2)} s / ${reconcilePhases.writeSeconds.toFixed(2)} s`,
        '',
        '',
      ],
      [
        'full sync, nothing changed / COPY',
        `${reconcileRatio.toFixed(1)}x`,
        `<= ${TARGETS.fullOverCopy}x`,
        verdict(reconcileRatio <= TARGETS.fullOverCopy),
      ],
      [
        'peak RSS during sync (50 ms samples)',
        `${peakMb} MB (maxRSS ${maxRssMb} MB)`,
        `< ${TARGETS.peakRssMb} MB`,
        verdict(peakMb < TARGETS.peakRssMb && maxRssMb < TARGETS.peakRssMb),
      ],
      [
        `incremental sync, ${touched.toLocaleString('en-US')} rows changed` +
          (indexed ? ` (${bench.name}'s own indexes; read whole: ${scannedBefore})` : ''),
        `${incremental.seconds.toFixed(2)} s`,
        `< ${TARGETS.incrementalSeconds} s`,
        verdict(incremental.seconds < TARGETS.incrementalSeconds),
      ],
      ['of which: read, check and stage / write', incrementalSplit, '', ''],
      ...(indexed
        ? ([
            [
              `the README's write_date indexes: built, size`,
              `${indexed.build.toFixed(1)} s, ${indexed.mb} MB`,
              '',
              '',
            ],
            [
              `incremental sync, ${indexed.touched.toLocaleString('en-US')} rows changed (with them; read whole: ${indexed.scanned})`,
              `${indexed.seconds.toFixed(2)} s`,
              `< ${TARGETS.incrementalSeconds} s`,
              verdict(indexed.seconds < TARGETS.incrementalSeconds),
            ],
            ['of which: read, check and stage / write', indexed.split, '', ''],
          ] satisfies [string, string, string, string][])
        : []),
    ];
    console.log('');
    for (const [what, value, target, result] of rows) {
      console.log(`${result.padEnd(4)}  ${what.padEnd(42)} ${value.padEnd(30)} ${target}`);
    }
    await recordSection(
      bench.section,
      [
        ...bench.about,
        'The sync reads by COPY and checks every row in duebot. Into the empty bot',
        'database (the first load) it copies the rows straight into open_items and customers in one transaction;',
        'into a populated one it stages them by COPY and writes the changes in one transaction at the end.',
        '"duebot CPU time" is the benchmark process itself; both databases run on the same machine and share',
        'its cores with it.',
        `Run with \`npm run bench -- sync\` (BENCH_DATABASE_URL, default the local server; batch size ${batchSize}).`,
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
    console.log(`\nrecorded in BENCHMARKS.md (section "${bench.section}")`);
  } finally {
    await ledger.destroy();
    await bot.destroy();
    for (const name of [LEDGER_DB, BOT_DB]) await admin.raw(`drop database if exists ${name} with (force)`);
    await admin.destroy();
  }
}
