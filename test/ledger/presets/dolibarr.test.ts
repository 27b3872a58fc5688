/**
 * The Dolibarr 20 preset (src/ledger/presets/dolibarr.mysql.sql) on a real MariaDB/MySQL holding
 * Dolibarr's own tables: open amounts as getRemainToPay() computes them, drafts, abandoned invoices
 * and credit notes left out, applied credit notes netted, amounts in the invoice's currency, and a
 * watermark that moves with partial payments although llx_facture does not. Synced through
 * LEDGER_URL + LEDGER_MAPPING (the preset with :entity written in) and through LEDGER_PRESET=dolibarr +
 * LEDGER_PARAMS, as a company sets it.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db.ts';
import { MappingFileError } from '../../../src/ledger/mapping.ts';
import { backends, openTestDatabase } from '../../support/databases.ts';
import { mariadbAdmin } from '../../support/ledger-fixture.ts';
import { addPayment, createDolibarrTables, loadDolibarrRows } from './dolibarr-fixture.ts';
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

/** Entity 1's open items, by hand from the fixture's rows (amounts in minor units). */
const EXPECTED = {
  '1': ['FA2609-0001', '2026-10-01', 1000000, 600000, 'CNY', '1'],
  '2': ['FA2609-0002', '2026-10-15', 120000, 0, 'CNY', '2'],
  // 2,000 less the credit note of 500 applied to it.
  '3': ['FA2610-0003', '2026-10-31', 200000, 150000, 'CNY', '2'],
  // Invoiced in USD: owed in USD (1,500 less 500 paid), not in the company's CNY.
  '7': ['FA2610-0006', '2026-11-09', 150000, 100000, 'USD', '3'],
  '8': ['FA2610-0007', '2026-11-11', 80000, 80000, 'CNY', '1'],
  // Settled by a credit note alone and closed.
  '10': ['FA2610-0008', '2026-11-01', 30000, 0, 'CNY', '2'],
  '13': ['AC2610-0001', '2026-10-03', 40000, 0, 'CNY', '2'],
  // 1,000 less the deposit of 400 deducted from it.
  '14': ['FA2610-0009', '2026-11-19', 100000, 60000, 'CNY', '2'],
} as const;

const expectedItems = (changes: Record<string, number> = {}) =>
  Object.fromEntries(
    Object.entries(EXPECTED).map(([id, [number, due, total, open, currency, account]]) => {
      const openMinor = changes[id] ?? open;
      const item = { external_id: id, invoice_number: number, due_date: due, total_minor: total };
      return [
        id,
        { ...item, open_minor: openMinor, currency, status: openMinor === 0 ? 'settled' : 'open', account },
      ];
    }),
  );

describe.skipIf(!serverUrl).each(backends())(
  'Dolibarr preset on MariaDB/MySQL, bot database on %s',
  { timeout: 120_000 },
  (kind) => {
    let erp: ErpDatabase;
    let bot: Database;
    let mapping: { file: string; remove(): Promise<void> };
    let sql: string;

    const direct = async (params: { entity: number | null }) => {
      const body = withParams(sql, params).replace(/:watermark/g, "'1970-01-01 00:00:00'");
      const [rows] = (await erp.db.raw(
        `SELECT m.*, CAST(m.paid_at AS CHAR) AS paid_text, CAST(m.updated_at AS CHAR) AS updated_text FROM (\n${body}\n) m`,
      )) as [Record<string, unknown>[]];
      return Object.fromEntries(rows.map((r) => [String(r.invoice_id), r]));
    };
    const sync = (mode: 'full' | 'incremental', now: string) =>
      syncThroughSettings({ db: bot, url: erp.url, mappingFile: mapping.file, now, mode });

    beforeAll(async () => {
      erp = await createMariadbDatabase(serverUrl, 'dolibarr');
      await createDolibarrTables(erp.db);
      await loadDolibarrRows(erp.db);
      sql = await presetSql('dolibarr.mysql.sql');
      mapping = await writeMappingFile(withParams(sql, { entity: 1 }));
      bot = await openTestDatabase(kind);
    });
    afterAll(async () => {
      await bot?.close();
      await mapping?.remove();
      await erp?.drop();
    });

    it('gives each invoice its paid_at from its payments and its watermark from the invoice and its payments', async () => {
      const rows = await direct({ entity: 1 });
      const seen = Object.fromEntries(
        Object.entries(rows).map(([id, r]) => [id, [r.paid_text, String(r.updated_text).slice(0, 19)]]),
      );
      expect(seen).toEqual({
        // The partial payment left llx_facture.tms at 2026-09-01: the payment's tms moves the row.
        '1': ['2026-09-25 00:00:00', '2026-09-25 10:05:00'],
        '2': ['2026-10-05 00:00:00', '2026-10-05 16:00:00'],
        // A credit note applied: no payment, no date.
        '3': [null, '2026-10-01 09:00:00'],
        '7': ['2026-10-30 00:00:00', '2026-10-30 11:00:00'],
        '8': [null, '2026-10-12 09:00:00'],
        // Closed by a credit note without payment: when it was closed.
        '10': ['2026-10-28 12:00:00', '2026-10-28 12:00:00'],
        '13': ['2026-10-03 00:00:00', '2026-10-03 15:00:00'],
        '14': [null, '2026-10-20 09:00:00'],
      });
      expect(rows['1']).toMatchObject({
        customer_name: '上海星河贸易有限公司',
        // The BILLING contact, not the SHIPPING one; the invoice's follow-up rep, not the customer's.
        contact_name: 'Fang Wang',
        contact_email: 'wang.fang@xinghe.example',
        contact_phone: '+86 138 0000 0001',
        sales_rep: 'Min Zhang',
        customer_locale: 'zh-CN',
      });
      expect(rows['8']).toMatchObject({ contact_name: '上海星河贸易有限公司', sales_rep: 'Wei Li' });
      expect(rows['2']).toMatchObject({
        contact_email: 'ap@northwind.example',
        contact_phone: '+44 20 7946 0000',
        sales_rep: null,
        customer_locale: 'en-GB',
      });
    });

    it('reads every entity when :entity is not set, and only the one named when it is', async () => {
      const all = await direct({ entity: null });
      expect(Object.keys(all).sort()).toEqual([...Object.keys(EXPECTED), '11'].sort());
      expect(all['11']).toMatchObject({ invoice_number: 'FA2610-0001', currency: 'EUR' });
      expect(Object.keys(await direct({ entity: 2 }))).toEqual(['11']);
    });

    it('syncs exactly the open items Dolibarr shows, picks up later payments, and a second sync changes nothing', async () => {
      const full = await sync('full', '2026-11-22T02:00:00Z');
      expect(full).toMatchObject({ rowsRead: 8, rowsSkipped: 0 });
      expect(await openItems(bot)).toEqual(expectedItems());
      const customer = await bot.knex('customers').where({ external_id: '1' }).first();
      expect(customer).toMatchObject({ name: '上海星河贸易有限公司', locale: 'zh-CN' });

      // A partial payment of 500 on FA2610-0003 (Dolibarr leaves llx_facture alone) and the rest of
      // FA2609-0001 (which closes it: paye 1, fk_statut 2).
      await addPayment(erp.db, {
        rowid: 10,
        invoice: 3,
        datep: '2026-11-20 00:00:00',
        tms: '2026-11-20 09:00:00',
        amount: 500,
      });
      await addPayment(erp.db, {
        rowid: 11,
        invoice: 1,
        datep: '2026-11-21 00:00:00',
        tms: '2026-11-21 10:00:00',
        amount: 6000,
      });
      await erp
        .db('llx_facture')
        .where({ rowid: 1 })
        .update({ paye: 1, fk_statut: 2, date_closing: '2026-11-21 10:00:00', tms: '2026-11-21 10:00:00' });

      const incremental = await sync('incremental', '2026-11-22T03:00:00Z');
      expect(incremental).toMatchObject({ rowsRead: 2, rowsChanged: 2, itemsSettled: 1 });
      expect(incremental.watermark?.toISOString()).toBe('2026-11-21T10:00:00.000Z');
      expect(await openItems(bot)).toEqual(expectedItems({ '1': 0, '3': 100000 }));

      const again = await sync('incremental', '2026-11-22T04:00:00Z');
      expect(again).toMatchObject({ rowsRead: 0, rowsChanged: 0, itemsSettled: 0 });
      const fullAgain = await sync('full', '2026-11-22T05:00:00Z');
      expect(fullAgain).toMatchObject({ rowsRead: 8, rowsChanged: 0, itemsSettled: 0, customersChanged: 0 });
    });

    it('a credit note applied later leaves no timestamp: the next full sync nets it', async () => {
      // The available credit note of 300 applied to FA2610-0007 (800): no row gets a newer tms.
      await erp.db('llx_societe_remise_except').whereNull('fk_facture').update({ fk_facture: 8 });
      expect(await sync('incremental', '2026-11-22T06:00:00Z')).toMatchObject({ rowsRead: 0 });
      expect(await sync('full', '2026-11-22T07:00:00Z')).toMatchObject({ rowsRead: 8, rowsChanged: 1 });
      expect((await openItems(bot))['8']).toMatchObject({ open_minor: 50000, status: 'open' });
    });

    it('keeps every paid_at when a bulk update moves every invoice tms', async () => {
      const before = await direct({ entity: 1 });
      await erp.db('llx_facture').update({ tms: '2026-11-22 08:00:00' });
      const after = await direct({ entity: 1 });
      for (const [id, row] of Object.entries(before)) {
        expect(after[id]?.paid_text, id).toBe(row.paid_text);
        expect(String(after[id]?.updated_text), id).toMatch(/^2026-11-22 08:00:00/);
      }
    });

    it("reads through a user with only the README's grants", async () => {
      const user = `duebot_l_${randomBytes(4).toString('hex')}`;
      const statements = (await readmeGrants('Dolibarr')).map((s) =>
        s.replaceAll(' dolibarr.', ` ${erp.name}.`).replaceAll('duebot_ledger', user),
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
          preset: 'dolibarr',
          params: 'entity=1',
          now: '2026-11-22T09:00:00Z',
          mode: 'full',
        });
        expect(summary).toMatchObject({
          rowsRead: Object.keys(await direct({ entity: 1 })).length,
          rowsSkipped: 0,
        });
        // The user cannot read what the README does not grant (llx_user's password hashes).
        const reader = await mariadbAdmin(url.toString());
        await expect(reader.raw('SELECT rowid, login FROM llx_user')).rejects.toThrow(/denied/);
        await reader.destroy();
      } finally {
        await other.close();
        await erp.db.raw(`DROP USER IF EXISTS '${user}'@'%'`);
      }
    });

    it('pointed at a database without Dolibarr in it, names the missing tables in one line before anything else', async () => {
      const empty = await createMariadbDatabase(serverUrl, 'empty');
      try {
        const error = await syncThroughSettings({
          db: bot,
          url: empty.url,
          preset: 'dolibarr',
          now: '2026-11-22T09:00:00Z',
          mode: 'full',
        }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MappingFileError);
        expect((error as Error).message).toBe(
          'LEDGER_PRESET=dolibarr: the accounting database has no table llx_facture, llx_paiement, llx_paiement_facture, llx_societe_remise_except, llx_societe, llx_socpeople, llx_element_contact, llx_c_type_contact, llx_societe_commerciaux, llx_const, llx_user (is LEDGER_URL the Dolibarr 20 database?)',
        );
      } finally {
        await empty.drop();
      }
    });
  },
);

describe.skipIf(!serverUrl).each(backends())(
  'Dolibarr through LEDGER_PRESET=dolibarr and LEDGER_PARAMS, bot database on %s',
  { timeout: 120_000 },
  (kind) => {
    let erp: ErpDatabase;

    /** A sync through the preset into a fresh bot database: its summary (or error) and what it wrote. */
    const presetSync = (params?: string) =>
      presetSyncInto(kind, { url: erp.url, preset: 'dolibarr', params });

    beforeAll(async () => {
      erp = await createMariadbDatabase(serverUrl, 'dolibarr');
      await createDolibarrTables(erp.db);
      await loadDolibarrRows(erp.db);
    });
    afterAll(async () => {
      await erp?.drop();
    });

    it('with two entities and no LEDGER_PARAMS, names both with their company in one line and writes nothing', async () => {
      const { result, items, customers } = await presetSync();
      expect(result).toBeInstanceOf(MappingFileError);
      expect((result as MappingFileError).message).toBe(
        'LEDGER_PARAMS: LEDGER_PRESET=dolibarr needs entity, which is not set, and the database holds 2 (1 Acme Shanghai, 2 Acme Europe SARL)',
      );
      expect((result as MappingFileError).fix).toBe('set LEDGER_PARAMS=entity=<one of 1, 2>');
      expect(items).toEqual({});
      expect(customers).toBe(0);
    });

    it("with LEDGER_PARAMS naming an entity, syncs exactly that entity's open items", async () => {
      const one = await presetSync('entity=1');
      expect(one.result).toMatchObject({ rowsRead: 8, rowsSkipped: 0 });
      expect(one.items).toEqual(expectedItems());
      const two = await presetSync('entity=2');
      expect(two.result).toMatchObject({ rowsRead: 1, rowsSkipped: 0 });
      expect(two.items['11']).toMatchObject({
        invoice_number: 'FA2610-0001',
        currency: 'EUR',
        status: 'open',
      });
      expect(Object.keys(two.items)).toEqual(['11']);
    });

    it('refuses a parameter the preset does not take and an entity without invoices, writing nothing', async () => {
      const typo = await presetSync('company_id=1');
      expect((typo.result as Error).message).toBe(
        'LEDGER_PARAMS: company_id is not a parameter of LEDGER_PRESET=dolibarr (it takes entity)',
      );
      // Read, it would return no row, and a full sync would settle every item.
      const unknown = await presetSync('entity=3');
      expect((unknown.result as Error).message).toBe(
        'LEDGER_PARAMS: entity=3 is not in the database, which holds 2 (1 Acme Shanghai, 2 Acme Europe SARL)',
      );
      for (const run of [typo, unknown]) expect([run.items, run.customers]).toEqual([{}, 0]);
    });

    it('a database with one entity (no multi-company module) needs no parameter', async () => {
      await erp.db('llx_facture').where({ entity: 2 }).delete();
      const { result, items } = await presetSync();
      expect(result).toMatchObject({ rowsRead: 8, rowsSkipped: 0 });
      expect(items).toEqual(expectedItems());
    });
  },
);
