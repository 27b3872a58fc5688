import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { doctorReport } from '../../src/doctor.ts';
import { translator } from '../../src/i18n/translate.ts';
import type { Database } from '../../src/db.ts';
import { readMapping, stampsTransactionStart } from '../../src/ledger/mapping.ts';
import { presetFile } from '../../src/ledger/presets.ts';
import { openLedgerSource } from '../../src/ledger/source.ts';
import { latestSyncState, syncLedger } from '../../src/ledger/sync.ts';
import { createServerDatabase, openTestDatabase } from '../support/databases.ts';
import { createOdooFixture, type OdooFixture } from '../support/odoo-fixture.ts';

const url = process.env.TEST_DATABASE_URL ?? '';
const clock = createFixedClock(new Date('2026-12-07T02:00:00Z'), 'Asia/Shanghai');

/**
 * Where an incremental sync of a PostgreSQL ledger stamped at transaction start (the odoo preset) starts:
 * not a fixed lookback before the watermark, but where no transaction still running at the last read
 * can have written. Odoo stamps write_date with its transaction's start (cr.now()), so a transaction
 * that began before a read and commits after it writes rows older than what the read saw.
 */
describe.skipIf(!url)('incremental sync from the ledger horizon (odoo preset on PostgreSQL)', () => {
  let odoo: OdooFixture;
  let bot: Database;
  let mappingSql: string;

  const sync = async (mode: 'full' | 'incremental', lookbackSeconds: number, ledgerUrl = odoo.db.url) => {
    const source = await openLedgerSource({
      name: 'ledger',
      url: ledgerUrl,
      mappingSql,
      batchSize: 100,
      preset: 'odoo',
      params: { company_id: '1' },
    });
    try {
      return await syncLedger({ db: bot.knex, source, mode, clock, lookbackSeconds, batchSize: 100 });
    } finally {
      await source.close();
    }
  };
  /** company 1's item of a receivable line: its open amount in minor units. */
  const open = async (line: number) => {
    const row = await bot
      .knex('open_items')
      .where({ external_id: String(line) })
      .first('open_minor');
    return Number(row?.open_minor);
  };
  /** Pays `amount` of a line in `session`'s transaction the way Odoo does: both rows stamped with its start. */
  const pay = (id: number, line: number, amount: number) => [
    `INSERT INTO account_partial_reconcile (id, debit_move_id, credit_move_id, amount, debit_amount_currency,
       credit_amount_currency, max_date, company_id, create_date, write_date)
     VALUES (${id}, ${line}, 9000, ${amount}, ${amount}, ${amount}, '2026-12-06', 1,
       now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')`,
    `UPDATE account_move_line SET amount_residual = amount_residual - ${amount},
       amount_residual_currency = amount_residual_currency - ${amount}, write_date = now() AT TIME ZONE 'UTC'
     WHERE id = ${line}`,
  ];

  beforeAll(async () => {
    mappingSql = await readMapping(presetFile('odoo', 'postgres'));
    odoo = await createOdooFixture();
    bot = await openTestDatabase('postgres');
    await sync('full', 0);
  });
  afterAll(async () => {
    await bot?.close();
    await odoo?.drop();
  });

  it('the odoo preset says its updated_at is the start of the transaction that wrote it; a mapping without the line does not', () => {
    expect(stampsTransactionStart(mappingSql)).toBe(true);
    expect(stampsTransactionStart(mappingSql.replace(/^-- @updated_at.*$/m, ''))).toBe(false);
  });

  it('picks up a payment committed after a read that passed its older stamp, with no lookback at all', async () => {
    const [inv5, inv1b] = [odoo.lines.inv5 as number, odoo.lines.inv1b as number];
    const [inv5Before, inv1bBefore] = [await open(inv5), await open(inv1b)];
    // A second session of the Odoo server: it begins (and so stamps) before the payment the sync reads
    // first, and commits only after that sync. It has written nothing yet, so no transaction id either.
    const late = new pg.Client({ connectionString: odoo.db.url });
    await late.connect();
    try {
      await late.query('BEGIN');
      const { rows } = await late.query<{ began: Date }>('SELECT now() AS began');
      const began = rows[0]?.began as Date;
      // Another session pays inv5 and commits: the sync reads it, and its watermark passes `late`'s start.
      await odoo.knex.transaction(async (trx) => {
        for (const statement of pay(90001, inv5, 100)) await trx.raw(statement);
      });
      const first = await sync('incremental', 0);
      expect([first.rowsRead, first.rowsChanged]).toEqual([1, 1]);
      expect(await open(inv5)).toBe(inv5Before - 10000);
      const running = await latestSyncState(bot.knex, 'ledger');
      expect(running?.watermark?.getTime()).toBeGreaterThan(began.getTime());
      // While `late` runs, the next read starts before it began.
      expect(running?.readFrom?.getTime()).toBeLessThan(began.getTime());

      // `late` pays inv1b, stamped with its start (older than the watermark), and commits.
      for (const statement of pay(90002, inv1b, 200)) await late.query(statement);
      await late.query('COMMIT');
    } finally {
      await late.end();
    }
    // Read from before `late` began: its payment, and inv5's again (unchanged, not written).
    const second = await sync('incremental', 0);
    expect([second.rowsRead, second.rowsChanged]).toEqual([2, 1]);
    expect(await open(inv1b)).toBe(inv1bBefore - 20000);

    // Nothing runs any more: the next read starts after the last row read, where a lookback of five
    // minutes read the rows of both payments again.
    const state = await latestSyncState(bot.knex, 'ledger');
    expect(state?.readFrom?.getTime()).toBe((state?.watermark?.getTime() ?? 0) + 1);
    const third = await sync('incremental', 300);
    expect([third.rowsRead, third.rowsChanged]).toEqual([0, 0]);
  });

  it("looks back LEDGER_LOOKBACK_SECONDS where the ledger's user may not see when the other sessions began", async () => {
    // A read-only user without pg_read_all_stats: PostgreSQL hides other users' sessions from it.
    const role = `duebot_reader_${randomBytes(4).toString('hex')}`;
    await odoo.knex.raw(`CREATE ROLE ${role} LOGIN`);
    await odoo.knex.raw(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
    const reader = new URL(odoo.db.url);
    reader.username = role;
    reader.password = '';
    // Another user's session in the Odoo database while the sync reads.
    const other = new pg.Client({ connectionString: odoo.db.url });
    await other.connect();
    const doctorDb = await createServerDatabase();
    try {
      const [inv5, before] = [odoo.lines.inv5 as number, await open(odoo.lines.inv5 as number)];
      await odoo.knex.transaction(async (trx) => {
        for (const statement of pay(90003, inv5, 50)) await trx.raw(statement);
      });
      // Doctor says why, and what to grant; once granted, the ledger can tell and doctor says nothing.
      const blindness = async () => {
        const source = await openLedgerSource({
          name: 'ledger',
          url: reader.toString(),
          mappingSql,
          batchSize: 100,
          preset: 'odoo',
          params: { company_id: '1' },
        });
        try {
          return await source.horizonBlindness?.();
        } finally {
          await source.close();
        }
      };
      expect(await blindness()).toEqual(['sessions_hidden']);
      const env = {
        DATABASE_URL: doctorDb.url,
        LEDGER_URL: reader.toString(),
        LEDGER_PRESET: 'odoo',
        LEDGER_PARAMS: 'company_id=1',
        LEDGER_LOOKBACK_SECONDS: '120',
      };
      const config = loadConfig(env);
      if (!config.ok) throw new Error(config.problems.join('\n'));
      const { text, ok } = await doctorReport(config.config, env, translator('en'));
      expect(ok, text).toBe(true);
      expect(text).toContain(
        `ok    incremental sync start: warning: each incremental sync reads the last 120 seconds (LEDGER_LOOKBACK_SECONDS) again, instead of starting where no ledger transaction still running can have written, because ${role} cannot see other users' sessions (it is not a member of pg_read_all_stats)\n` +
          `        fix: an administrator of the database may run GRANT pg_read_all_stats TO ${role} (README, "Connecting your ERP")\n`,
      );
      const superuser = await openLedgerSource({
        name: 'ledger',
        url: odoo.db.url,
        mappingSql,
        batchSize: 100,
        preset: 'odoo',
        params: { company_id: '1' },
      });
      try {
        expect(await superuser.horizonBlindness?.()).toEqual([]);
      } finally {
        await superuser.close();
      }
      // A mapping without the header line has no horizon to tell.
      const plain = await openLedgerSource({
        name: 'ledger',
        url: reader.toString(),
        mappingSql: mappingSql.replace(/^-- @updated_at.*$/m, ''),
        batchSize: 100,
        preset: 'odoo',
        params: { company_id: '1' },
      });
      try {
        expect(await plain.horizonBlindness?.()).toBeNull();
      } finally {
        await plain.close();
      }

      const read = await sync('incremental', 0, reader.toString());
      expect([read.rowsRead, read.rowsChanged]).toEqual([1, 1]);
      expect(await open(inv5)).toBe(before - 5000);
      expect((await latestSyncState(bot.knex, 'ledger'))?.readFrom).toBeNull();
      // The lookback applies again: the last five minutes are read once more (the payment just read).
      const again = await sync('incremental', 300, reader.toString());
      expect(again.rowsRead).toBeGreaterThan(0);
      expect(again.rowsChanged).toBe(0);

      await odoo.knex.raw(`GRANT pg_read_all_stats TO ${role}`);
      expect(await blindness()).toEqual([]);
      const granted = await doctorReport(config.config, env, translator('en'));
      expect(granted.text).not.toContain('incremental sync start');
    } finally {
      await other.end();
      await doctorDb.drop();
      await odoo.knex.raw(`DROP OWNED BY ${role}`);
      await odoo.knex.raw(`DROP ROLE ${role}`);
    }
  });
});
