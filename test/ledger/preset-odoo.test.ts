import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { assessAccount, defaultPolicy } from '../../src/collections/account.ts';
import { type Database, knexForPostgres } from '../../src/db.ts';
import { ledgerSourceOptions } from '../../src/ledger/configured.ts';
import { loadReceivableItems } from '../support/receivable-history.ts';
import { presetFile, WATERMARK_INDEXES } from '../../src/ledger/presets.ts';
import { ledgerConfig, ledgerSettings } from '../../src/ledger/settings.ts';
import { openLedgerSource } from '../../src/ledger/source.ts';
import { syncLedger } from '../../src/ledger/sync.ts';
import { readFragment } from '../../src/settings-input.ts';
import { loadSnapshots } from '../../src/worklist/snapshots.ts';
import { buildOdooLedger } from '../../bench/sync-odoo-ledger.ts';
import { fullScanCheck } from '../../src/doctor.ts';
import { runDuebot } from '../support/cli.ts';
import { createServerDatabase, openTestDatabase } from '../support/databases.ts';
import { createOdooFixture, type OdooFixture } from '../support/odoo-fixture.ts';

const url = process.env.TEST_DATABASE_URL ?? '';
const STACK = /^\s+at /m;
const TODAY = '2026-12-07';
const clock = createFixedClock(new Date('2026-12-07T02:00:00Z'), 'Asia/Shanghai');

/** The ledger settings as duebot reads them from the environment, for the fixture's database. */
function settingsFor(env: Record<string, string>) {
  const read = readFragment(ledgerSettings, env);
  if (!read.ok) throw new Error(read.problems.join('\n'));
  if (read.combinationProblems.length > 0) throw new Error(read.combinationProblems.join('\n'));
  return ledgerConfig(read.values).ledger;
}

/** Company 1's items as the sync stores them, by receivable line. */
async function items(db: Knex) {
  const rows: Record<string, unknown>[] = await db('open_items as o')
    .join('customers as c', 'c.id', 'o.customer_id')
    .orderBy('o.invoice_number')
    .select(
      'o.external_id',
      'o.invoice_number',
      'c.external_id as customer',
      db.raw("to_char(o.due_date, 'YYYY-MM-DD') as due"),
      db.raw('o.total_minor::int as total'),
      db.raw('o.open_minor::int as open'),
      'o.currency',
      'o.status',
      db.raw(`to_char(o.settled_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as settled`),
    );
  return rows;
}

describe.skipIf(!url)('odoo preset on PostgreSQL (Odoo 17/18 tables)', () => {
  let odoo: OdooFixture;
  let bot: Database;

  const open = async (env: Record<string, string> = {}) => {
    const ledger = settingsFor({ LEDGER_URL: odoo.db.url, LEDGER_PRESET: 'odoo', ...env });
    return openLedgerSource(await ledgerSourceOptions(ledger, odoo.db.url));
  };
  const sync = async (
    mode: 'full' | 'incremental',
    db: Database = bot,
    env = { LEDGER_PARAMS: 'company_id=1' },
  ) => {
    const source = await open(env);
    try {
      return await syncLedger({ db: db.knex, source, mode, clock, lookbackSeconds: 0, batchSize: 3 });
    } finally {
      await source.close();
    }
  };
  const line = (key: string) => String(odoo.lines[key]);

  beforeAll(async () => {
    odoo = await createOdooFixture();
    bot = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    await bot?.close();
    await odoo?.drop();
  });

  it('ships the mapping file where the package has it, named by the preset and dialect', async () => {
    const ledger = settingsFor({ LEDGER_URL: 'postgres://u@h/odoo', LEDGER_PRESET: 'Odoo' });
    expect(ledger.preset).toBe('odoo');
    expect(ledger.mappingFile).toMatch(/src\/ledger\/presets\/odoo\.postgres\.sql$/);
    const sql = await readFile(ledger.mappingFile ?? '', 'utf8');
    expect(sql).toContain('-- @tables account_move,');
  });

  it('reads one row per installment, exactly what Odoo says is open, in the currency owed', async () => {
    const summary = await sync('full');
    expect(summary.rowsSkipped).toBe(0);
    expect(summary.rowsRead).toBe(7);
    // Hand-computed from the fixture: drafts, cancelled invoices, credit notes and company 2 are not read;
    // INV/2026/00004's applied credit note of 150 is netted; INV/2026/00005's unapplied one is not.
    expect(await items(bot.knex)).toEqual([
      {
        external_id: line('inv1a'),
        invoice_number: 'INV/2026/00001 (1/2)',
        customer: '10',
        due: '2026-10-31',
        total: 50000,
        open: 0,
        currency: 'CNY',
        status: 'settled',
        settled: '2026-10-28 12:00',
      },
      {
        external_id: line('inv1b'),
        invoice_number: 'INV/2026/00001 (2/2)',
        customer: '10',
        due: '2026-11-30',
        total: 50000,
        open: 50000,
        currency: 'CNY',
        status: 'open',
        settled: null,
      },
      {
        external_id: line('inv2'),
        invoice_number: 'INV/2026/00002',
        customer: '10',
        due: '2026-11-04',
        total: 80000,
        open: 50000,
        currency: 'CNY',
        status: 'open',
        settled: null,
      },
      {
        external_id: line('inv3'),
        invoice_number: 'INV/2026/00003',
        customer: '10',
        due: '2026-11-05',
        total: 60000,
        open: 0,
        currency: 'CNY',
        status: 'settled',
        settled: '2026-11-10 12:00',
      },
      {
        external_id: line('inv4'),
        invoice_number: 'INV/2026/00004',
        customer: '10',
        due: '2026-11-06',
        total: 40000,
        open: 25000,
        currency: 'CNY',
        status: 'open',
        settled: null,
      },
      {
        external_id: line('inv5'),
        invoice_number: 'INV/2026/00005',
        customer: '10',
        due: '2026-11-07',
        total: 30000,
        open: 30000,
        currency: 'CNY',
        status: 'open',
        settled: null,
      },
      {
        external_id: line('inv7'),
        invoice_number: 'INV/2026/00007',
        customer: '20',
        due: '2026-11-10',
        total: 100000,
        open: 100000,
        currency: 'EUR',
        status: 'open',
        settled: null,
      },
    ]);
    // DSO/CEI rebuild past balances from when an open amount last went down: INV/2026/00002's partial
    // payment of 11-05 (paid_at), not its last change (11-12).
    const history = await loadReceivableItems(bot.knex, { since: '2026-10-01', timeZone: 'Asia/Shanghai' });
    const partial = history.get('CNY')?.find((i) => i.dueDate === '2026-11-04');
    expect(partial).toMatchObject({ openMinor: 50000, settledOn: null, changedOn: '2026-11-05' });
    const customers = await bot
      .knex('customers')
      .orderBy('external_id')
      .select(
        'external_id',
        'name',
        'contact_name',
        'contact_email',
        'contact_phone',
        'sales_rep',
        'locale',
        'time_zone',
      );
    expect(customers).toEqual([
      {
        external_id: '10',
        name: '上海远航贸易有限公司',
        // The company's invoice address; its phone is empty, so its mobile.
        contact_name: '王芳',
        contact_email: 'wang.fang@yuanhang.example',
        contact_phone: '+86 139 0000 0001',
        sales_rep: 'Li Wei',
        locale: 'zh-CN',
        // PB-24: res_partner.tz; the other partner has none (the settings' zone applies).
        time_zone: 'Asia/Shanghai',
      },
      {
        external_id: '20',
        name: 'Berliner Maschinenbau GmbH',
        contact_name: 'Berliner Maschinenbau GmbH',
        contact_email: 'ap@bmb.example',
        contact_phone: '+49 30 1234',
        sales_rep: 'Li Wei',
        locale: 'en',
        time_zone: null,
      },
    ]);
  });

  it('PB-18: reads the early-payment discount of each installment as Odoo computed it, none where it has none', async () => {
    await sync('full');
    const rows = await bot
      .knex('open_items')
      .orderBy('external_id')
      .select('external_id', 'discount_minor')
      .select(bot.knex.raw(`to_char(discount_until, 'YYYY-MM-DD') AS until`));
    const byLine = new Map(rows.map((r) => [String(r.external_id), [r.until, Number(r.discount_minor)]]));
    // INV/2026/00002: 2% of 800 until 10-15 (the line's discount_date, 800 - discount_amount_currency 784).
    expect(byLine.get(line('inv2'))).toEqual(['2026-10-15', 1600]);
    // Every other installment: Odoo says no discount (0, no date), so the global policy does not apply.
    for (const key of ['inv1a', 'inv1b', 'inv3', 'inv4', 'inv5', 'inv7'])
      expect(byLine.get(line(key)), key).toEqual([null, 0]);
  });
  it('changes nothing on a second sync, incremental or full', async () => {
    const before = await items(bot.knex);
    const incremental = await sync('incremental');
    expect([incremental.rowsRead, incremental.rowsChanged, incremental.customersChanged]).toEqual([0, 0, 0]);
    const full = await sync('full');
    expect([full.rowsChanged, full.customersChanged, full.itemsSettled]).toEqual([0, 0, 0]);
    expect(await items(bot.knex)).toEqual(before);
  });

  it('picks up a later payment that moved only the reconcile, by an incremental sync', async () => {
    // 200 of the second installment, 12-01: neither the invoice nor its line gets a new write_date.
    await odoo.pay(odoo.lines.inv1b as number, 200, '2026-12-01', '2026-12-01 10:00:00');
    /** The transaction that last wrote each of the invoice's two items (a rewrite changes it). */
    const writers = () =>
      bot
        .knex('open_items')
        .whereIn('external_id', [line('inv1a'), line('inv1b')])
        .orderBy('external_id')
        .select('external_id', bot.knex.raw('xmin::text as writer'));
    const before = await writers();
    const first = await sync('incremental');
    // Only the paid installment is read (the other one did not change), numbered among both, and only
    // it is written: the first installment's row is the one stored before.
    expect([first.rowsRead, first.rowsChanged]).toEqual([1, 1]);
    const after = await writers();
    expect(after.find((r) => r.external_id === line('inv1a'))).toEqual(
      before.find((r) => r.external_id === line('inv1a')),
    );
    expect(after.find((r) => r.external_id === line('inv1b'))).not.toEqual(
      before.find((r) => r.external_id === line('inv1b')),
    );
    const paid = (await items(bot.knex)).find((i) => i.external_id === line('inv1b'));
    expect(paid).toMatchObject({ invoice_number: 'INV/2026/00001 (2/2)', open: 30000, status: 'open' });
    await odoo.pay(odoo.lines.inv1b as number, 300, '2026-12-02', '2026-12-02 10:00:00', { touchLine: true });
    const second = await sync('incremental');
    expect([second.rowsChanged, second.itemsSettled]).toEqual([1, 1]);
    const settled = (await items(bot.knex)).find((i) => i.external_id === line('inv1b'));
    expect(settled).toMatchObject({ open: 0, status: 'settled', settled: '2026-12-02 12:00' });
    expect(await sync('incremental')).toMatchObject({ rowsChanged: 0 });
  });

  it("reads the same rows with the README's write_date indexes as without them", async () => {
    const source = await open({ LEDGER_PARAMS: 'company_id=1' });
    const read = async (since: Date | null) => {
      const rows: unknown[] = [];
      for await (const batch of source.changedSince(since)) rows.push(...batch);
      return rows.map((r) => JSON.stringify(r)).sort();
    };
    const since = new Date('2026-11-01T00:00:00Z');
    const names = (WATERMARK_INDEXES.odoo ?? []).map((sql) => /EXISTS (\w+)/.exec(sql)?.[1] ?? '');
    try {
      const [everything, changed] = [await read(null), await read(since)];
      expect(changed.length).toBeGreaterThan(0);
      for (const statement of WATERMARK_INDEXES.odoo ?? []) await odoo.knex.raw(statement);
      expect(await read(null)).toEqual(everything);
      expect(await read(since)).toEqual(changed);
    } finally {
      for (const name of names) await odoo.knex.raw(`DROP INDEX IF EXISTS ${name}`);
      await source.close();
    }
  });

  it("an incremental read of a larger database reads the three tables whole with Odoo's own indexes, none with the README's", async () => {
    // 20,000 invoices (30,000 receivable lines): enough rows for the planner to look rows up by index
    // where it can, as it does on a real database; a handful of rows it reads whole whatever the indexes.
    const large = await createServerDatabase({ template: null, prefix: 'duebot_odoo_large' });
    const db = knexForPostgres(large.url, { min: 0, max: 1 });
    try {
      await buildOdooLedger(db, { partners: 500, invoices: 20_000 });
      const ledger = settingsFor({
        LEDGER_URL: large.url,
        LEDGER_PRESET: 'odoo',
        LEDGER_PARAMS: 'company_id=1',
      });
      const source = await openLedgerSource(await ledgerSourceOptions(ledger, large.url));
      try {
        const scanned = async () =>
          ((await source.fullScans?.({ minRows: 1000 })) ?? []).map((s) => s.table).sort();
        expect(await scanned()).toEqual(['account_move', 'account_move_line', 'account_partial_reconcile']);
        // What a sync reads from a table that small is too little for doctor to warn about.
        expect(await source.fullScans?.()).toEqual([]);
        for (const statement of WATERMARK_INDEXES.odoo ?? []) await db.raw(statement);
        expect(await scanned()).toEqual([]);
      } finally {
        await source.close();
      }
    } finally {
      await db.destroy();
      await large.drop();
    }
  });

  it('doctor: names the tables an incremental sync would read whole, and for a preset the indexes to add', () => {
    expect(fullScanCheck([], 'odoo')).toBeNull();
    const odooCheck = fullScanCheck(
      [
        { table: 'account_move_line', rows: 1_000_001 },
        { table: 'account_move', rows: 666_667 },
      ],
      'odoo',
    );
    expect(odooCheck).toMatchObject({
      name: 'incremental sync',
      ok: true,
      detail:
        "warning: every incremental sync reads account_move_line (1,000,001 rows), account_move (666,667 rows) in full, however few rows changed: no index serves the mapping's comparisons with the watermark",
    });
    expect(odooCheck?.fix).toMatch(
      /^an administrator of the database \(duebot's read-only user cannot\) may add/,
    );
    for (const statement of WATERMARK_INDEXES.odoo ?? []) expect(odooCheck?.fix).toContain(statement);
    // A mapping of one's own: how to write it so that an index serves.
    expect(fullScanCheck([{ table: 'ar_invoices', rows: 200_000 }], undefined)?.fix).toMatch(
      /^index the columns the mapping compares with :watermark/,
    );
  });

  it("reads an invoice's installments again, renumbered, when Odoo rewrites its due dates", async () => {
    expect(await sync('incremental')).toMatchObject({ rowsRead: 0 });
    const number = async (key: string) =>
      (await items(bot.knex)).find((i) => i.external_id === line(key))?.invoice_number;
    expect([await number('inv1a'), await number('inv1b')]).toEqual([
      'INV/2026/00001 (1/2)',
      'INV/2026/00001 (2/2)',
    ]);
    // The first installment now falls due after the second: Odoo writes the line and, recomputing the
    // invoice's due date, the invoice; the second installment's own row does not move.
    const at = '2026-12-06 12:00:00';
    const [{ move_id: move }] = await odoo
      .knex('account_move_line')
      .where({ id: odoo.lines.inv1a })
      .update({ date_maturity: '2026-12-31', write_date: at })
      .returning('move_id');
    await odoo.knex('account_move').where({ id: move }).update({ write_date: at });
    const renumbered = await sync('incremental');
    expect([renumbered.rowsRead, renumbered.rowsChanged]).toEqual([2, 2]);
    expect([await number('inv1a'), await number('inv1b')]).toEqual([
      'INV/2026/00001 (2/2)',
      'INV/2026/00001 (1/2)',
    ]);
    // Put back as it was, for the tests that follow.
    await odoo
      .knex('account_move_line')
      .where({ id: odoo.lines.inv1a })
      .update({ date_maturity: '2026-10-31' });
    expect(await sync('full')).toMatchObject({ rowsChanged: 2 });
  });

  it('dates payments by paid_at: grades stay the same when Odoo rewrites every row', async () => {
    const grades = async (db: Database) => {
      const ids = (await db.knex('customers').orderBy('external_id').pluck('id')).map(Number);
      const snapshots = await loadSnapshots(db.knex, ids, TODAY, 'Asia/Shanghai');
      return snapshots.map((s) => ({
        grade: assessAccount(s, defaultPolicy, TODAY).grade.reason,
        paid: s.settledItems.map((i) => `${i.number} ${i.paidDate}`).sort(),
      }));
    };
    const before = await grades(bot);
    // Paid on 10-28 (due 10-31), 11-10 (due 11-05) and 12-02 (due 11-30), in the business zone.
    expect(before[0]?.paid).toEqual([
      'INV/2026/00001 (1/2) 2026-10-28',
      'INV/2026/00001 (2/2) 2026-12-02',
      'INV/2026/00003 2026-11-10',
    ]);
    // A recompute after an upgrade: every write_date moves to the same instant.
    for (const table of ['account_move', 'account_move_line', 'account_partial_reconcile'])
      await odoo.knex(table).update({ write_date: '2026-12-06 23:00:00' });
    const bumped = await sync('incremental');
    expect(bumped.rowsRead).toBe(7);
    expect(bumped.rowsChanged).toBe(0);
    expect(await grades(bot)).toEqual(before);
    // A bot database loaded from scratch after the rewrite sees the same payment dates and grades.
    const fresh = await openTestDatabase('postgres');
    try {
      await sync('full', fresh);
      expect(await grades(fresh)).toEqual(before);
    } finally {
      await fresh.close();
    }
  });

  it('finds the single company itself, and names the choices where there are several', async () => {
    const source = await open();
    try {
      await expect(source.validate()).rejects.toThrow(
        'LEDGER_PARAMS: LEDGER_PRESET=odoo needs company_id, which is not set, and the database holds 2 (1 Acme Shanghai, 2 Acme Hong Kong)',
      );
    } finally {
      await source.close();
    }
    const typo = await open({ LEDGER_PARAMS: 'compnay_id=1' });
    try {
      await expect(typo.validate()).rejects.toThrow(
        'LEDGER_PARAMS: compnay_id is not a parameter of LEDGER_PRESET=odoo (it takes company_id)',
      );
    } finally {
      await typo.close();
    }
    // A company the database does not hold would read no row (and a full sync would settle everything).
    const missing = await open({ LEDGER_PARAMS: 'company_id=9' });
    try {
      await expect(missing.validate()).rejects.toThrow(
        'LEDGER_PARAMS: company_id=9 is not in the database, which holds 2 (1 Acme Shanghai, 2 Acme Hong Kong)',
      );
    } finally {
      await missing.close();
    }
    const hk = await open({ LEDGER_PARAMS: 'company_id=2' });
    try {
      expect(await hk.inspect?.()).toMatchObject({ params: { company_id: '2' }, rows: 1 });
    } finally {
      await hk.close();
    }
    // One company left: no parameter needed.
    await odoo.knex('res_company').where({ id: 2 }).delete();
    try {
      const single = await open();
      try {
        const read = await single.inspect?.();
        expect(read).toMatchObject({ params: { company_id: '1' }, rows: 7 });
        expect(read?.columns).toContain('paid_at');
      } finally {
        await single.close();
      }
    } finally {
      await odoo.knex('res_company').insert({ id: 2, name: 'Acme Hong Kong', currency_id: 2 });
    }
  });

  it('refuses an unknown preset, a preset on the wrong engine and a malformed parameter in one line each', () => {
    const problems = (env: Record<string, string>) => {
      const read = readFragment(ledgerSettings, env);
      return read.ok ? read.combinationProblems : read.problems;
    };
    expect(problems({ LEDGER_URL: 'postgres://u@h/erp', LEDGER_PRESET: 'sap' })).toEqual([
      'LEDGER_PRESET: found "sap", expected one of the built-in presets: odoo, erpnext, dolibarr or idempiere',
    ]);
    expect(problems({ LEDGER_URL: 'mysql://u@h/erp', LEDGER_PRESET: 'odoo' })).toEqual([
      'LEDGER_PRESET: found odoo, but the odoo preset reads Odoo 17/18 on PostgreSQL, and LEDGER_URL names a MySQL/MariaDB database',
    ]);
    expect(
      problems({ LEDGER_URL: 'postgres://u@h/erp', LEDGER_PRESET: 'odoo', LEDGER_MAPPING: 'x.sql' }),
    ).toEqual([
      'LEDGER_PRESET: found odoo and LEDGER_MAPPING too, expected one of them (a preset is a built-in mapping)',
    ]);
    expect(problems({ LEDGER_PARAMS: 'company_id' })[0]).toMatch(
      /^LEDGER_PARAMS: found "company_id", expected name=value pairs/,
    );
    expect(problems({ LEDGER_PARAMS: 'company_id=1,company_id=2' })[0]).toMatch(/company_id is given twice/);
    expect(problems({ LEDGER_PARAMS: 'watermark=1' })[0]).toMatch(/besides watermark/);
    expect(problems({ LEDGER_PARAMS: `company_id=${'9'.repeat(201)}` })[0]).toMatch(/up to 200 characters/);
    expect(problems({ LEDGER_PARAMS: 'company_id=' })[0]).toMatch(/expected a value for company_id/);
  });

  it('says in one line, before reading, that a database has no Odoo tables, and that a parameter is missing', async () => {
    const empty = await createServerDatabase({ template: null, prefix: 'duebot_noodoo' });
    const botDb = await createServerDatabase();
    try {
      const env = (ledgerUrl: string) => ({
        DATABASE_URL: botDb.url,
        LEDGER_URL: ledgerUrl,
        LEDGER_PRESET: 'odoo',
        DUEBOT_SCHEDULER: 'off',
      });
      const [noTables, noParam, unknown] = await Promise.all([
        runDuebot(['sync'], { env: env(empty.url) }),
        runDuebot(['sync'], { env: env(odoo.db.url) }),
        runDuebot(['sync'], { env: { ...env(odoo.db.url), LEDGER_PRESET: 'sap' } }),
      ]);
      expect(noTables.code).toBe(2);
      expect(noTables.stderr).toMatch(
        /^duebot: accounting database: LEDGER_PRESET=odoo: the accounting database has no table account_move, account_move_line, account_partial_reconcile, res_partner, res_users, res_currency, res_company \(is LEDGER_URL the Odoo 17\/18 database\?\)\n {2}fix: /,
      );
      expect(noParam.code).toBe(2);
      expect(noParam.stderr).toMatch(
        /^duebot: accounting database: LEDGER_PARAMS: LEDGER_PRESET=odoo needs company_id, .*\n {2}fix: set LEDGER_PARAMS=company_id=<one of 1, 2>\n/,
      );
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/LEDGER_PRESET: found "sap", expected one of the built-in presets/);
      for (const run of [noTables, noParam, unknown]) expect(run.stderr).not.toMatch(STACK);
      // Nothing was read, so nothing was written.
      const written = knexForPostgres(botDb.url, { min: 0, max: 1 });
      try {
        expect(Number((await written('open_items').count({ n: '*' }))[0]?.n)).toBe(0);
      } finally {
        await written.destroy();
      }
    } finally {
      await empty.drop();
      await botDb.drop();
    }
  });

  it('doctor shows the preset, its parameters and the rows a sync would read', async () => {
    const botDb = await createServerDatabase();
    try {
      const doctor = await runDuebot(['doctor'], {
        env: {
          DATABASE_URL: botDb.url,
          LEDGER_URL: odoo.db.url,
          LEDGER_PRESET: 'odoo',
          LEDGER_PARAMS: 'company_id=1',
        },
      });
      expect(doctor.stdout).toMatch(
        /ok {4}accounting database: .*: reachable, preset odoo returns every column, parameters company_id=1, a full sync would read 7 rows/,
      );
      expect(doctor.stdout).not.toMatch(/payment dates/);
      // Seven rows are read whole in a moment: no warning about indexes.
      expect(doctor.stdout).not.toMatch(/incremental sync/);
      // A copy adapted without paid_at: doctor says grades are approximate.
      const dir = await mkdtemp(join(tmpdir(), 'duebot-odoo-'));
      try {
        const own = join(dir, 'mapping.sql');
        const sql = await readFile(presetFile('odoo', 'postgres'), 'utf8');
        await writeFile(own, sql.replace(/^.*AS paid_at,\n/m, ''));
        const warned = await runDuebot(['doctor'], {
          env: {
            DATABASE_URL: botDb.url,
            LEDGER_URL: odoo.db.url,
            LEDGER_MAPPING: own,
            LEDGER_PARAMS: 'company_id=1',
          },
        });
        expect(warned.stdout).toMatch(
          /ok {4}accounting database: .*: reachable, mapping returns every column/,
        );
        expect(warned.stdout).toMatch(
          /ok {4}payment dates: warning: the mapping returns no paid_at, so grades, credit hold, blacklist and DSO\/CEI date payments by each row's last change/,
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    } finally {
      await botDb.drop();
    }
  });
});
