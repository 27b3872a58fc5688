/**
 * The odoo preset's incremental sync of 10,000 changed installments, repeated on one ledger, against
 * the COPY floor of the same preset query from the same starting point, measured before and after
 * each sync (the first read after the payments pays for pages no query has read yet). Building the
 * 1M-line ledger and loading it takes minutes; this keeps both databases, so that each measurement
 * of a change to the sync takes seconds. Not part of `npm run bench`, and writes no BENCHMARKS.md.
 *
 *   node --import tsx bench/sync-odoo-incremental.ts build   # ledger, bot database, first load, indexes
 *   node --import tsx bench/sync-odoo-incremental.ts run     # BENCH_ROUNDS rounds (default 3)
 *   node --import tsx bench/sync-odoo-incremental.ts drop
 *
 * BENCH_DATABASE_URL: the server (default the local one); BENCH_ODOO_RUN names the pair of databases
 * (default "keep"). Each round prints the sync's time, its phases (ms from its start: the ledger read
 * asked for, its first and last batch, writing) and the floor before and after.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { createClock } from '../src/clock.ts';
import { knexForPostgres, migrate } from '../src/db.ts';
import { inlineParameters, readMapping } from '../src/ledger/mapping.ts';
import { presetFile, WATERMARK_INDEXES } from '../src/ledger/presets.ts';
import { openLedgerSource } from '../src/ledger/source.ts';
import { latestSyncState, syncLedger } from '../src/ledger/sync.ts';
import type { LedgerBatch, LedgerSource } from '../src/ledger/types.ts';
import { buildOdooLedger, payOdooLines } from './sync-odoo-ledger.ts';

const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const run = (process.env.BENCH_ODOO_RUN ?? 'keep').replace(/\W/g, '');
const names = { ledger: `duebot_bench_odoo_incr_${run}`, bot: `duebot_bench_odoo_incr_bot_${run}` };
const batchSize = Number(process.env.BENCH_BATCH_SIZE ?? 2000);
const params = { company_id: '1' };
const CHANGED = 10_000;

function databaseUrl(name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The preset query from `watermark` as COPY text, drained without parsing: seconds to the first and last byte. */
async function copyFloor(
  mappingSql: string,
  watermark: string,
): Promise<{ rows: number; first: number; all: number }> {
  const client = new pg.Client({ connectionString: databaseUrl(names.ledger) });
  const started = performance.now();
  await client.connect();
  try {
    const sql = inlineParameters(mappingSql, { ...params, watermark });
    const stream = client.query(copyTo(`COPY (${sql}) TO STDOUT`));
    let rows = 0;
    let first = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      first ||= performance.now() - started;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) rows++;
    }
    return { rows, first: first / 1000, all: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

/** The source with the times (ms from `since`) its read was asked for, gave its first and its last batch. */
function timed(source: LedgerSource, marks: Record<string, number>, since: () => number): LedgerSource {
  return {
    ...source,
    horizon: () => source.horizon?.() ?? null,
    batches(watermark: Date | null): AsyncGenerator<LedgerBatch> {
      const inner = source.batches(watermark);
      return (async function* () {
        marks.asked = since();
        for await (const batch of inner) {
          marks.first ??= since();
          yield batch;
        }
        marks.last = since();
      })();
    },
  };
}

async function main(): Promise<void> {
  const mode = process.argv[2] ?? 'run';
  const admin = knexForPostgres(base, { min: 0, max: 1 });
  try {
    if (mode !== 'run') {
      for (const name of [names.ledger, names.bot])
        await admin.raw(`drop database if exists ${name} with (force)`);
      if (mode === 'drop') return;
      for (const name of [names.ledger, names.bot]) await admin.raw(`create database ${name}`);
    }
  } finally {
    await admin.destroy();
  }
  const mappingSql = await readMapping(presetFile('odoo', 'postgres'));
  const ledger = knexForPostgres(databaseUrl(names.ledger), { min: 0, max: 2 });
  const bot = knexForPostgres(databaseUrl(names.bot), { min: 0, max: 10 });
  const clock = createClock({ timeZone: 'UTC' });
  const sync = async (mode: 'full' | 'incremental') => {
    const source = await openLedgerSource({
      name: 'bench',
      url: databaseUrl(names.ledger),
      mappingSql,
      batchSize,
      preset: 'odoo',
      params,
    });
    const started = performance.now();
    const since = () => Math.round(performance.now() - started);
    const marks: Record<string, number> = {};
    try {
      const summary = await syncLedger({
        db: bot,
        source: timed(source, marks, since),
        mode,
        clock,
        lookbackSeconds: 300,
        batchSize,
        onProgress: ({ phase }) => {
          if (phase === 'writing') marks.writing ??= since();
        },
      });
      return { summary, marks, seconds: (performance.now() - started) / 1000 };
    } finally {
      await source.close();
    }
  };
  try {
    if (mode === 'build') {
      const rows = await buildOdooLedger(ledger, { partners: 50_000, invoices: 666_667 });
      await migrate(bot);
      const first = await sync('full');
      console.log(`${rows} receivable lines; first load ${first.seconds.toFixed(1)} s`);
      for (const statement of WATERMARK_INDEXES.odoo ?? []) await ledger.raw(statement);
      await ledger.raw('vacuum analyze');
      await bot.raw('vacuum analyze');
      return;
    }
    const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
    for (let round = 0; round < rounds; round++) {
      const changed = await payOdooLines(ledger, CHANGED, 1 + (round % 5));
      const state = await latestSyncState(bot, 'bench');
      const from = state?.readFrom ?? new Date((state?.watermark?.getTime() ?? 0) - 300_000);
      const watermark = from.toISOString().replace('T', ' ').replace('Z', '');
      const before = await copyFloor(mappingSql, watermark);
      const result = await sync('incremental');
      const after = await copyFloor(mappingSql, watermark);
      const floor = Math.min(before.all, after.all);
      console.log(
        `${changed} changed, ${result.summary.rowsRead} read: sync ${result.seconds.toFixed(2)} s ` +
          `${JSON.stringify(result.marks)}; floor ${before.all.toFixed(2)} s before (first byte ` +
          `${before.first.toFixed(2)}), ${after.all.toFixed(2)} s after; sync / floor ${(result.seconds / floor).toFixed(2)}x`,
      );
    }
  } finally {
    await ledger.destroy();
    await bot.destroy();
  }
}

await main();
