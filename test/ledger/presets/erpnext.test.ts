/**
 * The ERPNext v15 preset (src/ledger/presets/erpnext.mysql.sql) on a real MariaDB/MySQL holding
 * ERPNext's own tables: one row per Payment Schedule row, amounts in the party account's currency,
 * drafts, cancelled invoices and returns left out, applied returns netted, paid_at from the Payment
 * Ledger, and a watermark that moves with payments. Synced through LEDGER_URL + LEDGER_MAPPING (the
 * preset with :company written in) and through LEDGER_PRESET=erpnext + LEDGER_PARAMS, as a site sets it.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db.ts';
import { MappingFileError } from '../../../src/ledger/mapping.ts';
import { backends, openTestDatabase } from '../../support/databases.ts';
import { ACME, BETA, createErpnextTables, loadErpnextRows, ple } from './erpnext-fixture.ts';
import {
  createMariadbDatabase,
  type ErpDatabase,
  openItems,
  presetSql,
  syncThroughSettings,
  withParams,
  readmeGrants,
  writeMappingFile,
  presetSyncInto,
} from './support.ts';

const serverUrl = process.env.TEST_MARIADB_URL ?? '';

/** Expected open items of Acme, by hand from the fixture's rows (amounts in minor units). */
const EXPECTED = {
  'ACC-SINV-2026-00001#1': ['ACC-SINV-2026-00001 (1/2)', '2026-10-01', 500000, 0, 'CNY', 'CUST-00001'],
  'ACC-SINV-2026-00001#2': ['ACC-SINV-2026-00001 (2/2)', '2026-11-01', 500000, 500000, 'CNY', 'CUST-00001'],
  // 4,000 paid: all of the first installment, 999.90 of the second; the last takes the rounding (-0.30).
  'ACC-SINV-2026-00002#1': ['ACC-SINV-2026-00002 (1/3)', '2026-10-15', 300010, 0, 'CNY', 'CUST-00001'],
  'ACC-SINV-2026-00002#2': ['ACC-SINV-2026-00002 (2/3)', '2026-11-15', 300010, 200020, 'CNY', 'CUST-00001'],
  'ACC-SINV-2026-00002#3': ['ACC-SINV-2026-00002 (3/3)', '2026-12-15', 299980, 299980, 'CNY', 'CUST-00001'],
  'ACC-SINV-2026-00003': ['ACC-SINV-2026-00003', '2026-10-15', 120000, 0, 'CNY', 'CUST-00002'],
  'ACC-SINV-2026-00004': ['ACC-SINV-2026-00004', '2026-10-31', 200000, 150000, 'CNY', 'CUST-00002'],
  'ACC-SINV-2026-00007': ['ACC-SINV-2026-00007', '2026-11-09', 150000, 150000, 'USD', 'CUST-00003'],
  // 100 USD booked to a CNY receivable: owed in CNY, rounded base total 712.00.
  'ACC-SINV-2026-00008': ['ACC-SINV-2026-00008', '2026-11-11', 71200, 71200, 'CNY', 'CUST-00001'],
  'ACC-SINV-2026-00010': ['ACC-SINV-2026-00010', '2026-10-08', 30000, 0, 'CNY', 'CUST-00002'],
} as const;

const expectedItems = (changes: Record<string, number> = {}) =>
  Object.fromEntries(
    Object.entries(EXPECTED).map(([id, [number, due, total, open, currency, account]]) => {
      const openMinor = changes[id] ?? open;
      return [
        id,
        {
          external_id: id,
          invoice_number: number,
          due_date: due,
          total_minor: total,
          open_minor: openMinor,
          currency,
          status: openMinor === 0 ? 'settled' : 'open',
          account,
        },
      ];
    }),
  );

describe.skipIf(!serverUrl).each(backends())(
  'ERPNext preset on MariaDB/MySQL, bot database on %s',
  { timeout: 120_000 },
  (kind) => {
    let erp: ErpDatabase;
    let bot: Database;
    let mapping: { file: string; remove(): Promise<void> };
    let sql: string;

    /** The preset's rows read directly, with paid_at and updated_at as text. */
    const direct = async (params: { company: string | null }) => {
      const body = withParams(sql, params).replace(/:watermark/g, "'1970-01-01 00:00:00'");
      const [rows] = (await erp.db.raw(
        `SELECT m.*, CAST(m.paid_at AS CHAR) AS paid_text, CAST(m.updated_at AS CHAR) AS updated_text,\n         CAST(m.discount_until AS CHAR) AS discount_until_text FROM (\n${body}\n) m`,
      )) as [Record<string, unknown>[]];
      return Object.fromEntries(rows.map((r) => [String(r.invoice_id), r]));
    };

    beforeAll(async () => {
      erp = await createMariadbDatabase(serverUrl, 'erpnext');
      await createErpnextTables(erp.db);
      await loadErpnextRows(erp.db);
      sql = await presetSql('erpnext.mysql.sql');
      mapping = await writeMappingFile(withParams(sql, { company: ACME }));
      bot = await openTestDatabase(kind);
    });
    afterAll(async () => {
      await bot?.close();
      await mapping?.remove();
      await erp?.drop();
    });

    it('gives each row its paid_at from the Payment Ledger and its watermark from the invoice and its payments', async () => {
      const rows = await direct({ company: ACME });
      const seen = Object.fromEntries(
        Object.entries(rows).map(([id, r]) => [id, [r.paid_text, String(r.updated_text).slice(0, 19)]]),
      );
      expect(seen).toEqual({
        // The receipt of 2026-09-20 was unreconciled (delinked): it paid nothing.
        'ACC-SINV-2026-00001#1': ['2026-09-28', '2026-09-28 10:00:00'],
        'ACC-SINV-2026-00001#2': [null, '2026-09-28 10:00:00'],
        // The reconciliation did not touch the invoice (modified 2026-09-15): its ledger entry moves the row.
        'ACC-SINV-2026-00002#1': ['2026-10-20', '2026-10-20 11:00:00'],
        'ACC-SINV-2026-00002#2': ['2026-10-20', '2026-10-20 11:00:00'],
        'ACC-SINV-2026-00002#3': [null, '2026-10-20 11:00:00'],
        'ACC-SINV-2026-00003': ['2026-10-05', '2026-10-05 16:00:00'],
        // The return applied on 2026-10-25 lowered the open amount.
        'ACC-SINV-2026-00004': ['2026-10-25', '2026-10-25 11:00:00'],
        'ACC-SINV-2026-00007': [null, '2026-10-10 09:00:00'],
        'ACC-SINV-2026-00008': [null, '2026-10-12 09:00:00'],
        // Paid on the invoice itself: its posting date.
        'ACC-SINV-2026-00010': ['2026-10-08', '2026-10-08 18:00:00'],
      });
      expect(rows['ACC-SINV-2026-00001#1']).toMatchObject({
        contact_name: 'Wang Fang',
        contact_email: 'wang.fang@xinghe.example',
        contact_phone: '+86 138 0000 0001',
        sales_rep: 'Zhang Min',
        customer_locale: 'zh-CN',
        customer_name: '上海星河贸易有限公司',
      });
      // No contact on the invoice: the customer's primary contact; no sales team: the customer's.
      expect(rows['ACC-SINV-2026-00008']).toMatchObject({ contact_name: 'Wang Fang', sales_rep: 'Li Wei' });
      expect(rows['ACC-SINV-2026-00004']).toMatchObject({ customer_locale: 'en-US', contact_name: null });
      expect(rows['ACC-SINV-2026-00007']).toMatchObject({ customer_locale: 'en' });
      // PB-18: each installment's own early-payment terms; none on a schedule row: 0 and no date.
      const terms = (id: string) => [
        rows[id]?.discount_until ? String(rows[id]?.discount_until_text ?? '') : null,
        rows[id]?.discount_amount === null ? null : Number(rows[id]?.discount_amount),
      ];
      expect(terms('ACC-SINV-2026-00002#3')).toEqual(['2026-12-05', 60]);
      expect(terms('ACC-SINV-2026-00001#2')).toEqual(['2026-10-20', 100]);
      expect(terms('ACC-SINV-2026-00002#1')).toEqual([null, 0]);
    });

    it('reads every company when :company is not set, and only the one named when it is', async () => {
      const all = await direct({ company: null });
      expect(Object.keys(all).sort()).toEqual([...Object.keys(EXPECTED), 'ACC-SINV-2026-00009'].sort());
      expect(all['ACC-SINV-2026-00009']).toMatchObject({ currency: 'HKD' });
      expect(Object.keys(await direct({ company: BETA }))).toEqual(['ACC-SINV-2026-00009']);
    });

    it('syncs exactly the open items ERPNext shows, picks up a later payment, and a second sync changes nothing', async () => {
      const sync = (mode: 'full' | 'incremental', now: string) =>
        syncThroughSettings({ db: bot, url: erp.url, mappingFile: mapping.file, now, mode });

      const full = await sync('full', '2026-11-22T02:00:00Z');
      expect(full).toMatchObject({ rowsRead: 10, rowsSkipped: 0 });
      expect(await openItems(bot)).toEqual(expectedItems());
      const customer = await bot.knex('customers').where({ external_id: 'CUST-00001' }).first();
      expect(customer).toMatchObject({ name: '上海星河贸易有限公司', locale: 'zh-CN' });

      // A payment of the rest of 00004 (the invoice's modified moves, as Payment Entry does) and a
      // partial payment of 500 USD on 00007 reconciled without touching the invoice.
      await erp.db('tabPayment Ledger Entry').insert([
        ple({
          voucherNo: 'ACC-PAY-2026-00010',
          against: 'ACC-SINV-2026-00004',
          posting: '2026-11-20',
          amount: '-1500',
          modified: '2026-11-20 09:00:00',
        }),
        ple({
          voucherNo: 'ACC-PAY-2026-00011',
          against: 'ACC-SINV-2026-00007',
          posting: '2026-11-21',
          amount: '-500',
          currency: 'USD',
          modified: '2026-11-21 15:30:00',
        }),
      ]);
      await erp
        .db('tabSales Invoice')
        .where({ name: 'ACC-SINV-2026-00004' })
        .update({ outstanding_amount: '0', status: 'Paid', modified: '2026-11-20 09:00:00' });
      await erp
        .db('tabSales Invoice')
        .where({ name: 'ACC-SINV-2026-00007' })
        .update({ outstanding_amount: '1000', status: 'Partly Paid' });

      const incremental = await sync('incremental', '2026-11-22T03:00:00Z');
      expect(incremental).toMatchObject({ rowsRead: 2, rowsChanged: 2, itemsSettled: 1 });
      expect(incremental.watermark?.toISOString()).toBe('2026-11-21T15:30:00.000Z');
      expect(await openItems(bot)).toEqual(
        expectedItems({ 'ACC-SINV-2026-00004': 0, 'ACC-SINV-2026-00007': 100000 }),
      );
      expect((await direct({ company: ACME }))['ACC-SINV-2026-00007']).toMatchObject({
        paid_text: '2026-11-21',
      });

      const again = await sync('incremental', '2026-11-22T04:00:00Z');
      expect(again).toMatchObject({ rowsRead: 0, rowsChanged: 0, itemsSettled: 0 });
      const fullAgain = await sync('full', '2026-11-22T05:00:00Z');
      expect(fullAgain).toMatchObject({ rowsRead: 10, rowsChanged: 0, itemsSettled: 0, customersChanged: 0 });
    });

    it('keeps every paid_at when a bulk update moves every invoice modified', async () => {
      const before = await direct({ company: ACME });
      await erp.db('tabSales Invoice').update({ modified: '2026-11-22 08:00:00' });
      const after = await direct({ company: ACME });
      for (const [id, row] of Object.entries(before)) {
        expect(after[id]?.paid_text, id).toBe(row.paid_text);
        expect(String(after[id]?.updated_text), id).toMatch(/^2026-11-22 08:00:00/);
      }
    });

    it('a cancelled invoice is settled by the next full sync', async () => {
      await erp
        .db('tabSales Invoice')
        .where({ name: 'ACC-SINV-2026-00008' })
        .update({ docstatus: 2, status: 'Cancelled', modified: '2026-11-22 10:00:00' });
      const full = await syncThroughSettings({
        db: bot,
        url: erp.url,
        mappingFile: mapping.file,
        now: '2026-11-22T06:00:00Z',
        mode: 'full',
      });
      expect(full).toMatchObject({ rowsRead: 9, itemsSettled: 1 });
      expect((await openItems(bot))['ACC-SINV-2026-00008']).toMatchObject({ status: 'settled' });
    });

    it("reads through a user with only the README's grants", async () => {
      const user = `duebot_l_${randomBytes(4).toString('hex')}`;
      const statements = (await readmeGrants('ERPNext')).map((s) =>
        s.replaceAll('_0123456789abcdef', erp.name).replaceAll('duebot_ledger', user),
      );
      const other = await openTestDatabase('pglite');
      try {
        for (const statement of statements) await erp.db.raw(statement);
        const url = new URL(erp.url);
        url.username = user;
        url.password = 'change-me';
        const summary = await syncThroughSettings({
          db: other,
          url: url.toString(),
          preset: 'erpnext',
          params: `company="${ACME}"`,
          now: '2026-11-22T09:00:00Z',
          mode: 'full',
        });
        expect(summary).toMatchObject({
          rowsRead: Object.keys(await direct({ company: ACME })).length,
          rowsSkipped: 0,
        });
      } finally {
        await other.close();
        await erp.db.raw(`DROP USER IF EXISTS '${user}'@'%'`);
      }
    });

    it('pointed at a database without ERPNext in it, names the missing tables in one line before anything else', async () => {
      const empty = await createMariadbDatabase(serverUrl, 'empty');
      try {
        const error = await syncThroughSettings({
          db: bot,
          url: empty.url,
          preset: 'erpnext',
          now: '2026-11-22T09:00:00Z',
          mode: 'full',
        }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MappingFileError);
        expect((error as Error).message).toBe(
          'LEDGER_PRESET=erpnext: the accounting database has no table tabSales Invoice, tabPayment Schedule, tabPayment Ledger Entry, tabCustomer, tabContact, tabSales Team (is LEDGER_URL the ERPNext v15 database?)',
        );
      } finally {
        await empty.drop();
      }
    });
  },
);

describe.skipIf(!serverUrl).each(backends())(
  'ERPNext through LEDGER_PRESET=erpnext and LEDGER_PARAMS, bot database on %s',
  { timeout: 120_000 },
  (kind) => {
    let erp: ErpDatabase;

    /** A sync through the preset into a fresh bot database: its summary (or error) and what it wrote. */
    const presetSync = (params?: string) => presetSyncInto(kind, { url: erp.url, preset: 'erpnext', params });

    beforeAll(async () => {
      erp = await createMariadbDatabase(serverUrl, 'erpnext');
      await createErpnextTables(erp.db);
      await loadErpnextRows(erp.db);
    });
    afterAll(async () => {
      await erp?.drop();
    });

    it('with two companies and no LEDGER_PARAMS, names both in one line and writes nothing', async () => {
      const { result, items, customers } = await presetSync();
      expect(result).toBeInstanceOf(MappingFileError);
      // The company with a comma in its name is listed (and to be set) in double quotes.
      expect((result as MappingFileError).message).toBe(
        'LEDGER_PARAMS: LEDGER_PRESET=erpnext needs company, which is not set, and the database holds 2 ("Acme (Shanghai) Co., Ltd.", Beta Trading (HK) Ltd.)',
      );
      expect((result as MappingFileError).fix).toBe(
        'set LEDGER_PARAMS=company=<one of "Acme (Shanghai) Co., Ltd.", Beta Trading (HK) Ltd.>',
      );
      expect(items).toEqual({});
      expect(customers).toBe(0);
    });

    it("with LEDGER_PARAMS naming a company, syncs exactly that company's open items", async () => {
      const acme = await presetSync(`company="${ACME}"`);
      expect(acme.result).toMatchObject({ rowsRead: 10, rowsSkipped: 0 });
      expect(acme.items).toEqual(expectedItems());
      const beta = await presetSync(`company=${BETA}`);
      expect(beta.result).toMatchObject({ rowsRead: 1, rowsSkipped: 0 });
      expect(Object.keys(beta.items)).toEqual(['ACC-SINV-2026-00009']);
      expect(beta.items['ACC-SINV-2026-00009']).toMatchObject({ currency: 'HKD', status: 'open' });
    });

    it('refuses a parameter the preset does not take, a company the site does not have and a name cut at its comma, writing nothing', async () => {
      const typo = await presetSync(`company_id=1`);
      expect((typo.result as Error).message).toBe(
        'LEDGER_PARAMS: company_id is not a parameter of LEDGER_PRESET=erpnext (it takes company)',
      );
      // Read, it would return no row, and a full sync would settle every item.
      const unknown = await presetSync('company=Acme Ltd');
      expect(unknown.result).toBeInstanceOf(MappingFileError);
      expect((unknown.result as Error).message).toBe(
        'LEDGER_PARAMS: company=Acme Ltd is not in the database, which holds 2 ("Acme (Shanghai) Co., Ltd.", Beta Trading (HK) Ltd.)',
      );
      // Unquoted, the comma ends the value: " Ltd." is no name=value pair.
      const cut = await presetSync(`company=${ACME}`);
      expect((cut.result as Error).message).toMatch(/^LEDGER_PARAMS: found .*expected name=value pairs/);
      for (const run of [typo, unknown, cut]) expect([run.items, run.customers]).toEqual([{}, 0]);
    });

    it('a site with one company needs no parameter', async () => {
      await erp.db('tabSales Invoice').where({ company: BETA }).delete();
      const { result, items } = await presetSync();
      expect(result).toMatchObject({ rowsRead: 10, rowsSkipped: 0 });
      expect(items).toEqual(expectedItems());
    });
  },
);
