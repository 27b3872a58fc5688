/**
 * The iDempiere 12 preset (src/ledger/presets/idempiere.postgres.sql) on a real PostgreSQL holding
 * iDempiere's own tables in schema adempiere: one row per valid C_InvoicePaySchedule row, open
 * amounts from invoiceopen(), drafts, voided and reversed documents and credit memos left out,
 * allocated credit memos netted, and a watermark that moves with allocations although c_invoice
 * does not. Synced through LEDGER_URL + LEDGER_MAPPING (the preset with :ad_client_id written in) and
 * through LEDGER_PRESET=idempiere + LEDGER_PARAMS, as a company sets it (both read by COPY).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, knexForPostgres } from '../../../src/db.ts';
import { MappingFileError } from '../../../src/ledger/mapping.ts';
import { WATERMARK_INDEXES } from '../../../src/ledger/presets.ts';
import { openLedgerSource } from '../../../src/ledger/source.ts';
import { backends, openTestDatabase } from '../../support/databases.ts';
import {
  allocate,
  createIdempiereTables,
  loadIdempiereRows,
  OTHER_TENANT,
  TENANT,
} from './idempiere-fixture.ts';
import {
  createPostgresDatabase,
  type ErpDatabase,
  openItems,
  presetSql,
  syncThroughSettings,
  withParams,
  readmeGrants,
  writeMappingFile,
  presetSyncInto,
} from './support.ts';

const serverUrl = process.env.TEST_DATABASE_URL ?? '';

/** Tenant 11's open items, by hand from the fixture's rows (amounts in minor units). */
const EXPECTED = {
  '1000010#1000501': ['INV-1000 (1/2)', '2026-10-01', 500000, 0, 'USD', '1000002'],
  '1000010#1000502': ['INV-1000 (2/2)', '2026-11-01', 500000, 500000, 'USD', '1000002'],
  '1000011': ['INV-1001', '2026-10-15', 120000, 0, 'USD', '1000001'],
  // 2,000 less the credit memo of 500 allocated to it.
  '1000012': ['INV-1002', '2026-10-31', 200000, 150000, 'USD', '1000001'],
  '1000018': ['INV-1004', '2026-11-09', 150000, 150000, 'EUR', '1000003'],
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
  'iDempiere preset on PostgreSQL, bot database on %s',
  { timeout: 120_000 },
  (kind) => {
    let erp: ErpDatabase;
    let bot: Database;
    let mapping: { file: string; remove(): Promise<void> };
    let sql: string;
    /** Roles are the server's, not the database's: dropped after the database that granted to them. */
    const roles: string[] = [];

    const direct = async (params: { ad_client_id: number | null }) => {
      const body = withParams(sql, params).replace(/:watermark/g, "'1970-01-01 00:00:00'");
      const result: unknown = await erp.db.transaction(async (trx) => {
        await trx.raw('SET LOCAL search_path = adempiere');
        return trx.raw(
          `SELECT m.*, CAST(m.paid_at AS text) AS paid_text, CAST(m.updated_at AS text) AS updated_text,\n           CAST(m.discount_until AS text) AS discount_text FROM (\n${body}\n) m`,
        );
      });
      const rows = (result as { rows: Record<string, unknown>[] }).rows;
      return Object.fromEntries(rows.map((r) => [String(r.invoice_id), r]));
    };
    const sync = (mode: 'full' | 'incremental', now: string) =>
      syncThroughSettings({ db: bot, url: erp.url, mappingFile: mapping.file, now, mode });

    beforeAll(async () => {
      erp = await createPostgresDatabase(serverUrl, 'idempiere');
      await createIdempiereTables(erp.db, erp.name);
      await loadIdempiereRows(erp.db);
      sql = await presetSql('idempiere.postgres.sql');
      mapping = await writeMappingFile(withParams(sql, { ad_client_id: TENANT }));
      bot = await openTestDatabase(kind);
    });
    afterAll(async () => {
      await bot?.close();
      await mapping?.remove();
      await erp?.drop();
      for (const role of roles) await dropRole(serverUrl, role);
    });

    it('gives each row its paid_at from the allocations and its watermark from the invoice and its allocations', async () => {
      const rows = await direct({ ad_client_id: TENANT });
      const seen = Object.fromEntries(
        Object.entries(rows).map(([id, r]) => [id, [r.paid_text, String(r.updated_text)]]),
      );
      expect(seen).toEqual({
        // The allocation left c_invoice.updated at 2026-09-01: its own updated moves the rows.
        '1000010#1000501': ['2026-09-28 00:00:00', '2026-09-28 10:00:00'],
        '1000010#1000502': [null, '2026-09-28 10:00:00'],
        '1000011': ['2026-10-05 00:00:00', '2026-10-05 16:00:00'],
        // The credit memo's allocation of 2026-10-25 lowered the open amount.
        '1000012': ['2026-10-25 00:00:00', '2026-10-25 11:00:00'],
        '1000018': [null, '2026-10-10 09:00:00'],
      });
      expect(rows['1000010#1000501']).toMatchObject({
        customer_name: '上海星河贸易有限公司',
        contact_name: 'Wang Fang',
        contact_email: 'wang.fang@xinghe.example',
        contact_phone: '+86 138 0000 0001',
        sales_rep: 'Zhang Min',
        customer_locale: 'zh-CN',
      });
      // No contact or rep on the invoice: the partner's first contact and its sales rep.
      expect(rows['1000011']).toMatchObject({
        contact_name: 'Joe Block',
        contact_phone: '+1 555 0100',
        sales_rep: 'Li Wei',
        customer_locale: 'en-US',
      });
      expect(rows['1000018']).toMatchObject({ contact_name: null, sales_rep: null, customer_locale: null });
      // PB-18: each installment's own discount terms; none on a schedule row: 0 and no date; no schedule:
      // the ledger says nothing (the global policy applies).
      const terms = (id: string) => [rows[id]?.discount_text ?? null, rows[id]?.discount_amount ?? null];
      expect(terms('1000010#1000502')).toEqual(['2026-10-20', '100.00']);
      expect(terms('1000010#1000501')).toEqual([null, '0']);
      expect(terms('1000011')).toEqual([null, null]);
    });

    it("says an incremental read reads the tables its watermark compares whole without indexes on updated; the README's indexes can be made", async () => {
      const source = await openLedgerSource({
        name: 'idempiere',
        url: erp.url,
        mappingSql: withParams(sql, { ad_client_id: TENANT }),
        batchSize: 100,
      });
      const names = (WATERMARK_INDEXES.idempiere ?? []).map((s) => /EXISTS (\w+)/.exec(s)?.[1] ?? '');
      try {
        // The tables the watermark compares (the fixture, like iDempiere, has other tables it reads whole).
        const watermarked = async () =>
          ((await source.fullScans?.({ minRows: 0 })) ?? [])
            .map((s) => s.table)
            .filter((t) => ['c_allocationhdr', 'c_allocationline', 'c_invoice'].includes(t))
            .sort();
        expect(await watermarked()).toEqual(['c_allocationhdr', 'c_allocationline', 'c_invoice']);
        // The README's statements run against iDempiere's tables (in its schema, the administrator's
        // search_path). With rows this few the planner reads the tables whole whatever the indexes: the
        // odoo preset's test shows the difference on a larger database.
        for (const statement of WATERMARK_INDEXES.idempiere ?? [])
          await erp.db.raw(statement.replace(/ ON (\w+) /, ' ON adempiere.$1 '));
        const made = await erp.db.raw(
          `SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = 'adempiere' AND indexname = ANY(?)`,
          [names],
        );
        expect((made as { rows: { n: number }[] }).rows[0]?.n).toBe(names.length);
      } finally {
        for (const name of names) await erp.db.raw(`DROP INDEX IF EXISTS adempiere.${name}`);
        await source.close();
      }
    });

    it('reads every tenant when :ad_client_id is not set, and only the one named when it is', async () => {
      const all = await direct({ ad_client_id: null });
      expect(Object.keys(all).sort()).toEqual([...Object.keys(EXPECTED), '1000020'].sort());
      expect(Object.keys(await direct({ ad_client_id: OTHER_TENANT }))).toEqual(['1000020']);
    });

    it('syncs exactly the open items iDempiere shows, picks up later allocations, and a second sync changes nothing', async () => {
      const full = await sync('full', '2026-11-22T02:00:00Z');
      expect(full).toMatchObject({ rowsRead: 5, rowsSkipped: 0 });
      expect(await openItems(bot)).toEqual(expectedItems());
      const customer = await bot.knex('customers').where({ external_id: '1000002' }).first();
      expect(customer).toMatchObject({
        name: '上海星河贸易有限公司',
        locale: 'zh-CN',
        sales_rep: 'Zhang Min',
      });

      // The second installment of INV-1000 paid (the invoice becomes IsPaid: its updated moves), and
      // a partial allocation of 500 EUR to INV-1004 that leaves c_invoice alone.
      await allocate(erp.db, {
        id: 1000911,
        date: '2026-11-20',
        updated: '2026-11-20 09:00:00',
        lines: [{ invoice: 1000010, amount: '5000.00', payment: 1000811 }],
      });
      await erp
        .db('adempiere.c_invoice')
        .where({ c_invoice_id: 1000010 })
        .update({ ispaid: 'Y', updated: '2026-11-20 09:00:00' });
      await allocate(erp.db, {
        id: 1000912,
        date: '2026-11-21',
        updated: '2026-11-21 15:30:00',
        lines: [{ invoice: 1000018, amount: '500.00', payment: 1000812 }],
      });

      const incremental = await sync('incremental', '2026-11-22T03:00:00Z');
      // Both installments of INV-1000 are read again; only the second one's amounts changed.
      expect(incremental).toMatchObject({ rowsRead: 3, itemsSettled: 1 });
      expect(incremental.watermark?.toISOString()).toBe('2026-11-21T15:30:00.000Z');
      expect(await openItems(bot)).toEqual(expectedItems({ '1000010#1000502': 0, '1000018': 100000 }));
      const paid = await direct({ ad_client_id: TENANT });
      expect(paid['1000010#1000502']).toMatchObject({ paid_text: '2026-11-20 00:00:00' });
      expect(paid['1000010#1000501']).toMatchObject({ paid_text: '2026-09-28 00:00:00' });

      const again = await sync('incremental', '2026-11-22T04:00:00Z');
      expect(again).toMatchObject({ rowsRead: 0, rowsChanged: 0, itemsSettled: 0 });
      const fullAgain = await sync('full', '2026-11-22T05:00:00Z');
      expect(fullAgain).toMatchObject({ rowsRead: 5, rowsChanged: 0, itemsSettled: 0, customersChanged: 0 });
    });

    it('keeps every paid_at when a bulk update moves every invoice updated', async () => {
      const before = await direct({ ad_client_id: TENANT });
      await erp.db('adempiere.c_invoice').update({ updated: '2026-11-22 08:00:00' });
      const after = await direct({ ad_client_id: TENANT });
      for (const [id, row] of Object.entries(before)) {
        expect(after[id]?.paid_text, id).toBe(row.paid_text);
        expect(after[id]?.updated_text, id).toBe('2026-11-22 08:00:00');
      }
    });

    it('a voided invoice is settled by the next full sync', async () => {
      await erp
        .db('adempiere.c_invoice')
        .where({ c_invoice_id: 1000012 })
        .update({ docstatus: 'VO', updated: '2026-11-22 10:00:00' });
      const full = await sync('full', '2026-11-22T06:00:00Z');
      expect(full).toMatchObject({ rowsRead: 4, itemsSettled: 1 });
      expect((await openItems(bot))['1000012']).toMatchObject({ status: 'settled' });
    });

    it("reads through a role with only the README's grants", async () => {
      const role = `duebot_l_${randomBytes(4).toString('hex')}`;
      const statements = (await readmeGrants('iDempiere')).map((s) =>
        s.replaceAll('DATABASE idempiere', `DATABASE ${erp.name}`).replaceAll('duebot_ledger', role),
      );
      const other = await openTestDatabase('pglite');
      try {
        for (const statement of statements) await erp.db.raw(statement);
        const url = new URL(erp.url);
        url.username = role;
        url.password = 'change-me';
        const summary = await syncThroughSettings({
          db: other,
          url: url.toString(),
          preset: 'idempiere',
          params: `ad_client_id=${TENANT}`,
          now: '2026-11-22T09:00:00Z',
          mode: 'full',
        });
        expect(summary).toMatchObject({
          rowsRead: Object.keys(await direct({ ad_client_id: TENANT })).length,
          rowsSkipped: 0,
        });
      } finally {
        await other.close();
        roles.push(role);
      }
    });

    it('pointed at a database without iDempiere in it, names the missing tables in one line before anything else', async () => {
      const empty = await createPostgresDatabase(serverUrl, 'empty');
      try {
        const error = await syncThroughSettings({
          db: bot,
          url: empty.url,
          preset: 'idempiere',
          now: '2026-11-22T09:00:00Z',
          mode: 'full',
        }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MappingFileError);
        expect((error as Error).message).toBe(
          'LEDGER_PRESET=idempiere: the accounting database has no table c_invoice, c_doctype, c_invoicepayschedule, c_allocationhdr, c_allocationline, c_bpartner, c_currency, c_paymentterm, c_invoice_v, c_conversion_rate, c_conversiontype, ad_user (is LEDGER_URL the iDempiere 12 database?)',
        );
      } finally {
        await empty.drop();
      }
    });
  },
);

describe.skipIf(!serverUrl).each(backends())(
  'iDempiere through LEDGER_PRESET=idempiere and LEDGER_PARAMS, bot database on %s',
  { timeout: 120_000 },
  (kind) => {
    let erp: ErpDatabase;

    /** A sync through the preset into a fresh bot database: its summary (or error) and what it wrote. */
    const presetSync = (params?: string) =>
      presetSyncInto(kind, { url: erp.url, preset: 'idempiere', params });

    beforeAll(async () => {
      erp = await createPostgresDatabase(serverUrl, 'idempiere');
      await createIdempiereTables(erp.db, erp.name);
      await loadIdempiereRows(erp.db);
    });
    afterAll(async () => {
      await erp?.drop();
    });

    it('with two tenants and no LEDGER_PARAMS, names both in one line and writes nothing', async () => {
      const { result, items, customers } = await presetSync();
      expect(result).toBeInstanceOf(MappingFileError);
      expect((result as MappingFileError).message).toBe(
        `LEDGER_PARAMS: LEDGER_PRESET=idempiere needs ad_client_id, which is not set, and the database holds 2 (${TENANT}, ${OTHER_TENANT})`,
      );
      expect((result as MappingFileError).fix).toBe(
        `set LEDGER_PARAMS=ad_client_id=<one of ${TENANT}, ${OTHER_TENANT}>`,
      );
      expect(items).toEqual({});
      expect(customers).toBe(0);
    });

    it("with LEDGER_PARAMS naming a tenant, syncs exactly that tenant's open items", async () => {
      const gardenWorld = await presetSync(`ad_client_id=${TENANT}`);
      expect(gardenWorld.result).toMatchObject({ rowsRead: 5, rowsSkipped: 0 });
      expect(gardenWorld.items).toEqual(expectedItems());
      const other = await presetSync(`ad_client_id=${OTHER_TENANT}`);
      expect(other.result).toMatchObject({ rowsRead: 1, rowsSkipped: 0 });
      expect(Object.keys(other.items)).toEqual(['1000020']);
      expect(other.items['1000020']).toMatchObject({ invoice_number: 'INV-2000', status: 'open' });
    });

    it('refuses a parameter the preset does not take, a tenant without invoices and a non-number, writing nothing', async () => {
      const typo = await presetSync('ad_client=11');
      expect((typo.result as Error).message).toBe(
        'LEDGER_PARAMS: ad_client is not a parameter of LEDGER_PRESET=idempiere (it takes ad_client_id)',
      );
      // Read, they would return no row (or fail the cast), and a full sync would settle every item.
      const unknown = await presetSync('ad_client_id=0');
      expect((unknown.result as Error).message).toBe(
        `LEDGER_PARAMS: ad_client_id=0 is not in the database, which holds 2 (${TENANT}, ${OTHER_TENANT})`,
      );
      const word = await presetSync('ad_client_id=GardenWorld');
      expect((word.result as Error).message).toMatch(
        /^LEDGER_PARAMS: ad_client_id=GardenWorld is not in the database/,
      );
      for (const run of [typo, unknown, word]) expect([run.items, run.customers]).toEqual([{}, 0]);
    });

    it('a database with one tenant besides System needs no parameter', async () => {
      await erp.db('adempiere.c_invoice').where({ ad_client_id: OTHER_TENANT }).delete();
      const { result, items } = await presetSync();
      expect(result).toMatchObject({ rowsRead: 5, rowsSkipped: 0 });
      expect(items).toEqual(expectedItems());
    });
  },
);

async function dropRole(serverUrl: string, role: string): Promise<void> {
  const admin = knexForPostgres(serverUrl, { min: 0, max: 1 });
  try {
    await admin.raw(`DROP ROLE IF EXISTS ${role}`);
  } finally {
    await admin.destroy();
  }
}
