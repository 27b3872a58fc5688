import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db.ts';
import { DEMO_MAPPING_FILE, loadDemoLedger } from '../../src/ledger/demo.ts';
import { readMapping } from '../../src/ledger/mapping.ts';
import { openLedgerSource } from '../../src/ledger/source.ts';
import { formatSyncSummary, latestSyncState, type SyncSummary, syncLedger } from '../../src/ledger/sync.ts';
import type { LedgerSource } from '../../src/ledger/types.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { createLedgerFixture, type LedgerFixture, openFixtureSource } from '../support/ledger-fixture.ts';

describe.each(backends())('ledger sync (%s)', (kind) => {
  let database: Database;
  let ledger: LedgerFixture;
  let source: LedgerSource;
  const clock = createFixedClock('2026-11-23T09:00:00Z');

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    ledger = await createLedgerFixture(database.knex);
  });
  afterEach(async () => {
    await source?.close();
    await database.close();
  });

  const open = async (batchSize = 100) => {
    source = await openFixtureSource(database, ledger.mappingSql(), batchSize);
    return source;
  };
  const sync = (mode: 'incremental' | 'full', extra: Partial<Parameters<typeof syncLedger>[0]> = {}) =>
    syncLedger({ db: database.knex, source, mode, clock, lookbackSeconds: 60, batchSize: 100, ...extra });
  const items = () =>
    database
      .knex('open_items')
      .select('external_id', 'open_minor', 'total_minor', 'status', 'settled_at', 'updated_at')
      .orderBy('external_id');
  const item = async (id: string) => (await items()).find((row) => row.external_id === id);

  it('copies customers and open items with amounts in minor units, and records the run', async () => {
    await ledger.addInvoices([
      { id: 'INV-1', total: '1234.50', open: '1000.05' },
      { id: 'INV-2', total: '800', open: '0', updatedAt: '2026-11-02T00:00:00Z' },
    ]);
    await open();
    const summary = await sync('full');
    expect(summary).toMatchObject({ rowsRead: 2, rowsChanged: 2, rowsSkipped: 0, customersChanged: 1 });
    expect(await item('INV-1')).toMatchObject({ total_minor: 123450, open_minor: 100005, status: 'open' });
    expect(await item('INV-2')).toMatchObject({ open_minor: 0, status: 'settled' });
    const customer = await database.knex('customers').where({ external_id: 'C1' }).first();
    expect(customer).toMatchObject({ name: 'Acme 有限公司', locale: 'zh-CN', sales_rep: 'Li Wei' });
    const run = await database.knex('sync_runs').where({ id: summary.runId }).first();
    expect(run).toMatchObject({ status: 'done', kind: 'full', rows_read: 2, rows_changed: 2 });
    const state = await latestSyncState(database.knex, 'test');
    expect(state?.watermark?.toISOString()).toBe('2026-11-02T00:00:00.000Z');
    expect(state?.lastFullAt?.toISOString()).toBe('2026-11-23T09:00:00.000Z');
  });

  it('reports 0 changed and rewrites nothing when the ledger did not change', async () => {
    await ledger.addInvoices([{ id: 'INV-1' }, { id: 'INV-2', open: '40.00' }, { id: 'INV-3', open: '0' }]);
    await open();
    await sync('full');
    const before = await items();
    const customersBefore = await database.knex('customers').select('updated_at');
    clock.set('2026-11-23T10:00:00Z');
    const again = await sync('incremental');
    const full = await sync('full');
    expect(again).toMatchObject({ rowsRead: 3, rowsChanged: 0, itemsSettled: 0, customersChanged: 0 });
    expect(full).toMatchObject({ rowsRead: 3, rowsChanged: 0, itemsSettled: 0, customersChanged: 0 });
    expect(await items()).toEqual(before);
    expect(await database.knex('customers').select('updated_at')).toEqual(customersBefore);
  });

  it('reads only rows changed since the watermark, less the lookback, in an incremental sync', async () => {
    await ledger.addInvoices([
      { id: 'INV-1', updatedAt: '2026-11-01T00:00:00Z' },
      { id: 'INV-2', updatedAt: '2026-11-10T00:00:00Z' },
    ]);
    await open();
    await sync('full');
    await ledger.updateInvoice('INV-1', { open: '25.00', updatedAt: '2026-11-20T00:00:00Z' });
    const summary = await sync('incremental');
    // INV-2 (at the old watermark) is read again within the lookback, unchanged.
    expect(summary).toMatchObject({ rowsRead: 2, rowsChanged: 1 });
    expect(summary.watermark?.toISOString()).toBe('2026-11-20T00:00:00.000Z');
    expect(await item('INV-1')).toMatchObject({ open_minor: 2500 });
  });

  it('keeps the watermark at the latest row read, so rows changed during a sync are read next time', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `INV-${String(i).padStart(2, '0')}`);
    await ledger.addInvoices(ids.map((id, i) => ({ id, updatedAt: `2026-11-0${1 + (i % 5)}T00:00:00Z` })));
    await open(3);
    let touched = false;
    const first = await sync('incremental', {
      batchSize: 3,
      onProgress: async () => {
        if (touched) return;
        touched = true;
        // Changed in the ledger after the cursor's snapshot: this sync cannot see it.
        await ledger.updateInvoice('INV-00', { open: '10.00', updatedAt: '2026-11-06T00:00:00Z' });
        await ledger.updateInvoice('INV-09', { open: '0', updatedAt: '2026-11-06T00:00:01Z' });
      },
    });
    expect(first.rowsRead).toBe(10);
    expect(first.watermark?.toISOString()).toBe('2026-11-05T00:00:00.000Z');
    expect(await item('INV-00')).toMatchObject({ open_minor: 10000 });

    const second = await sync('incremental', { batchSize: 3 });
    // The two changed rows, and INV-04 (at the old watermark) again within the lookback.
    expect(second).toMatchObject({ rowsRead: 3, rowsChanged: 2, itemsSettled: 1 });
    expect(second.watermark?.toISOString()).toBe('2026-11-06T00:00:01.000Z');
    const { rows } = await database.knex.raw(
      `select id, round(open_amount * 100)::bigint as open_minor from ${ledger.schema}.invoices order by id`,
    );
    const synced = (await items()).map((r) => ({ id: r.external_id, open_minor: Number(r.open_minor) }));
    expect(synced).toEqual(
      rows.map((r: { id: string; open_minor: unknown }) => ({ ...r, open_minor: Number(r.open_minor) })),
    );
  });

  it('settles open items the ledger no longer returns in a full sync, as of the sync (reconcile)', async () => {
    await ledger.addInvoices([{ id: 'INV-1' }, { id: 'INV-2' }, { id: 'INV-3', open: '0' }]);
    await open();
    await sync('full');
    await ledger.deleteInvoice('INV-2');
    clock.set('2026-11-24T08:00:00Z');
    expect(await sync('incremental')).toMatchObject({ itemsSettled: 0 });
    expect(await item('INV-2')).toMatchObject({ status: 'open' });
    const summary = await sync('full');
    expect(summary).toMatchObject({ itemsSettled: 1, rowsChanged: 0 });
    expect(await item('INV-2')).toMatchObject({ status: 'settled' });
    expect((await item('INV-2'))?.settled_at.toISOString()).toBe('2026-11-24T08:00:00.000Z');
    expect(await item('INV-1')).toMatchObject({ status: 'open', settled_at: null });
  });

  it('keeps items whose rows were skipped open in a full sync: the ledger still has them', async () => {
    await ledger.addInvoices([{ id: 'INV-1' }, { id: 'INV-2' }]);
    await open();
    await sync('full');
    await ledger.updateInvoice('INV-2', { currency: 'XXY', updatedAt: '2026-11-05T00:00:00Z' });
    const summary = await sync('full');
    expect(summary).toMatchObject({ itemsSettled: 0, rowsSkipped: 1 });
    expect(await item('INV-2')).toMatchObject({ status: 'open' });
  });

  it('settles an item paid in the ledger as of its change, and reopens it when the payment is reversed', async () => {
    await ledger.addInvoices([{ id: 'INV-1', total: '500.00', open: '500.00' }]);
    await open();
    await sync('full');
    await ledger.updateInvoice('INV-1', { open: '0', updatedAt: '2026-11-15T06:30:00Z' });
    expect(await sync('incremental')).toMatchObject({ rowsChanged: 1, itemsSettled: 1 });
    const settled = await item('INV-1');
    expect(settled).toMatchObject({ status: 'settled', open_minor: 0 });
    expect(settled?.settled_at.toISOString()).toBe('2026-11-15T06:30:00.000Z');

    await ledger.updateInvoice('INV-1', { open: '120.00', updatedAt: '2026-11-16T00:00:00Z' });
    expect(await sync('incremental')).toMatchObject({ rowsChanged: 1, itemsSettled: 0 });
    expect(await item('INV-1')).toMatchObject({ status: 'open', open_minor: 12000, settled_at: null });
  });

  it('skips bad rows, counts them by reason with their invoice ids, and syncs the rest', async () => {
    await ledger.addInvoices([
      { id: 'INV-1' },
      { id: 'INV-2', total: '10.00', open: '20.00' },
      { id: 'INV-3', currency: 'RMB' },
      { id: 'INV-4', total: '10.00', open: '11.00' },
    ]);
    await open();
    const summary = await sync('full');
    expect(summary).toMatchObject({ rowsRead: 4, rowsChanged: 1, rowsSkipped: 3 });
    const run = await database.knex('sync_runs').where({ id: summary.runId }).first();
    expect(run.skipped).toEqual({
      open_above_total: { count: 2, invoiceIds: ['INV-2', 'INV-4'] },
      unknown_currency: { count: 1, invoiceIds: ['INV-3'] },
    });
    expect((await items()).map((r) => r.external_id)).toEqual(['INV-1']);
  });

  it('keeps tabs, newlines, backslashes and Chinese in names exactly as the ledger has them', async () => {
    const name = 'Tab\there\nnext line C:\\AR\\ 客户 \\N';
    await ledger.addCustomer('C\t9', name);
    await ledger.addInvoices([{ id: 'INV\\1\tx', customerId: 'C\t9' }]);
    await open();
    expect(await sync('full')).toMatchObject({ rowsRead: 1, rowsChanged: 1, rowsSkipped: 0 });
    const customer = await database.knex('customers').where({ external_id: 'C\t9' }).first();
    expect(customer?.name).toBe(name);
    expect(await item('INV\\1\tx')).toMatchObject({ status: 'open' });
    expect(await sync('full')).toMatchObject({ rowsChanged: 0, customersChanged: 0, itemsSettled: 0 });
  });

  it('writes a few changes into many stored rows (looked up one by one) as a full sync would (one join)', async () => {
    const minute = (n: number) => new Date(Date.UTC(2026, 9, 1) + n * 60_000).toISOString();
    const customerIds = Array.from({ length: 1000 }, (_, n) => `K${String(n).padStart(4, '0')}`);
    await database.knex
      .withSchema(ledger.schema)
      .table('customers')
      .insert(customerIds.map((id) => ({ id, name: `Customer ${id}`, locale: 'en' })));
    await ledger.addInvoices(
      Array.from({ length: 2000 }, (_, n) => ({
        id: `INV-${String(n).padStart(4, '0')}`,
        customerId: customerIds[n % customerIds.length],
        total: '100.00',
        open: '100.00',
        updatedAt: minute(n),
      })),
    );
    await open(500);
    expect(await sync('full')).toMatchObject({ rowsChanged: 2000, customersChanged: 1000 });

    // A day's changes: a payment, a partial payment, a renamed customer and a new customer's invoice.
    await ledger.updateInvoice('INV-0007', { open: '0', updatedAt: '2026-12-01T00:00:00Z' });
    await ledger.updateInvoice('INV-1500', { open: '40.00', updatedAt: '2026-12-01T00:00:01Z' });
    await database.knex
      .withSchema(ledger.schema)
      .table('customers')
      .where({ id: 'K0500' })
      .update({ name: 'Renamed Ltd' });
    await ledger.updateInvoice('INV-0500', { updatedAt: '2026-12-01T00:00:02Z' });
    await ledger.addCustomer('NEW', 'New Customer');
    await ledger.addInvoices([
      { id: 'INV-NEW', customerId: 'NEW', total: '70.00', open: '70.00', updatedAt: '2026-12-01T00:00:03Z' },
    ]);
    const incremental = await sync('incremental');
    // The last invoice of the full sync is read again within the lookback, unchanged.
    expect(incremental).toMatchObject({ rowsRead: 5, rowsChanged: 3, itemsSettled: 1, customersChanged: 2 });
    expect(await item('INV-0007')).toMatchObject({ status: 'settled', open_minor: 0 });
    expect(await item('INV-1500')).toMatchObject({ status: 'open', open_minor: 4000 });
    expect(await item('INV-NEW')).toMatchObject({ status: 'open', open_minor: 7000 });
    const renamed = await database.knex('customers').where({ external_id: 'K0500' }).first();
    expect(renamed?.name).toBe('Renamed Ltd');
    const newItem = await database
      .knex('open_items as o')
      .join('customers as c', 'c.id', 'o.customer_id')
      .where('o.external_id', 'INV-NEW')
      .first('c.external_id');
    expect(newItem?.external_id).toBe('NEW');
    expect(await sync('full')).toMatchObject({ rowsRead: 2001, rowsChanged: 0, customersChanged: 0 });
  });

  it("writes a payment on its item's own page, where a first load left room (no index touched)", async () => {
    await ledger.addInvoices(
      Array.from({ length: 600 }, (_, n) => ({
        id: `INV-${String(n).padStart(4, '0')}`,
        total: '100.00',
        open: '100.00',
        updatedAt: '2026-11-01T00:00:00Z',
      })),
    );
    await open(500);
    await sync('full');
    /** The page an item's current version is on, and the pages of the table. */
    const page = async (id: string) => {
      const { rows } = (await database.knex.raw(
        `SELECT (ctid::text::point)[0]::int AS page, pg_relation_size('open_items') / 8192 AS pages
         FROM open_items WHERE external_id = ?`,
        [id],
      )) as { rows: { page: number; pages: string }[] };
      return rows[0];
    };
    const before = await page('INV-0100');
    expect(Number(before?.pages)).toBeGreaterThan(3); // a page in the middle, written full without the room
    await ledger.updateInvoice('INV-0100', { open: '40.00', updatedAt: '2026-12-01T00:00:00Z' });
    expect(await sync('incremental')).toMatchObject({ rowsChanged: 1 });
    expect(await item('INV-0100')).toMatchObject({ open_minor: 4000 });
    expect(await page('INV-0100')).toEqual(before);
  });

  it('writes the latest row when a mapping returns an invoice twice, and the latest fields of a customer', async () => {
    await ledger.addCustomer('C2', 'Beta GmbH');
    await ledger.addInvoices([
      { id: 'INV-1', customerId: 'C1', open: '10.00', updatedAt: '2026-11-01T00:00:00Z' },
      { id: 'INV-2', customerId: 'C2', open: '20.00', updatedAt: '2026-11-02T00:00:00Z' },
    ]);
    // Each invoice comes twice: as itself and, with a later change and a renamed customer, via a UNION.
    const base = ledger.mappingSql().replace(/WHERE i\.updated_at > :watermark\s*$/, '');
    const later = ledger
      .mappingSql({
        open_amount: 'i.open_amount / 2',
        updated_at: "i.updated_at + interval '1 day'",
        customer_name: "c.name || ' (renamed)'",
      })
      .replace(/WHERE i\.updated_at > :watermark\s*$/, '');
    source = await openFixtureSource(
      database,
      `SELECT * FROM (${base} UNION ALL ${later}) u WHERE u.updated_at > :watermark`,
      1,
    );
    const summary = await sync('full', { batchSize: 1 });
    expect(summary).toMatchObject({ rowsRead: 4, rowsChanged: 2, customersChanged: 2 });
    expect((await items()).map((r) => [r.external_id, Number(r.open_minor)])).toEqual([
      ['INV-1', 500],
      ['INV-2', 1000],
    ]);
    const names = await database.knex('customers').orderBy('external_id').pluck('name');
    expect(names).toEqual(['Acme 有限公司 (renamed)', 'Beta GmbH (renamed)']);
  });

  it('writes nothing when the read fails part way, also rows read before the failure', async () => {
    await ledger.addInvoices([{ id: 'INV-1' }, { id: 'INV-2' }, { id: 'INV-3' }]);
    source = await openFixtureSource(
      database,
      ledger.mappingSql({ total: "CASE WHEN i.id = 'INV-3' THEN 1 / (length(i.id) - 5) ELSE i.total END" }),
      1,
    );
    await expect(sync('incremental', { batchSize: 1 })).rejects.toThrow(/division by zero/);
    expect(await items()).toEqual([]);
    expect(await database.knex('customers').count({ n: '*' }).first()).toMatchObject({ n: 0 });
    expect(await latestSyncState(database.knex, 'test')).toBeNull();
  });

  it('records a failed run and settles nothing when the read fails part way', async () => {
    await ledger.addInvoices([{ id: 'INV-1' }, { id: 'INV-2' }]);
    await open();
    await sync('full');
    await source.close();
    // The second row makes the query fail while rows are being read.
    source = await openFixtureSource(
      database,
      ledger.mappingSql({ total: "CASE WHEN i.id = 'INV-2' THEN 1 / (length(i.id) - 5) ELSE i.total END" }),
      1,
    );
    await expect(sync('full', { batchSize: 1 })).rejects.toThrow(/division by zero/);
    const run = await database.knex('sync_runs').orderBy('id', 'desc').first();
    expect(run).toMatchObject({ status: 'failed', kind: 'full' });
    expect(run.error).toMatch(/division by zero/);
    expect((await items()).map((r) => r.status)).toEqual(['open', 'open']);
  });

  it('converges when a sync is run again after dying part way', async () => {
    await ledger.addInvoices(
      Array.from({ length: 7 }, (_, i) => ({ id: `INV-${i}`, open: `${i}.00`, total: '10.00' })),
    );
    await open(2);
    await expect(
      sync('incremental', {
        batchSize: 2,
        onProgress: ({ rowsRead }) => {
          if (rowsRead >= 4) throw new Error('process killed');
        },
      }),
    ).rejects.toThrow('process killed');
    expect(await latestSyncState(database.knex, 'test')).toBeNull();
    const rerun = await sync('incremental', { batchSize: 2 });
    expect(rerun.rowsRead).toBe(7);
    expect((await items()).map((r) => Number(r.open_minor))).toEqual([0, 100, 200, 300, 400, 500, 600]);
  });
});

describe('sync of the demo ledger', () => {
  it('reads the demo mapping from the bot database and settles paid invoices (PB-09 history)', async () => {
    const database = await openTestDatabase('pglite');
    try {
      const demo = await loadDemoLedger(database.knex, { today: '2026-11-23' });
      const source = await openLedgerSource({
        name: 'demo',
        botDb: database.knex,
        mappingSql: await readMapping(DEMO_MAPPING_FILE),
        batchSize: 500,
      });
      const clock = createFixedClock('2026-11-23T09:00:00Z');
      const summary = await syncLedger({
        db: database.knex,
        source,
        mode: 'full',
        clock,
        lookbackSeconds: 300,
        batchSize: 500,
      });
      expect(summary).toMatchObject({ rowsRead: demo.invoices, rowsSkipped: 0, rowsChanged: demo.invoices });
      const counted = await database.knex('customers').count({ n: '*' }).first();
      expect(Number(counted?.n)).toBe(demo.customers);
      const again = await syncLedger({
        db: database.knex,
        source,
        mode: 'incremental',
        clock,
        lookbackSeconds: 300,
        batchSize: 500,
      });
      expect(again.rowsChanged).toBe(0);
    } finally {
      await database.close();
    }
  });
});

describe('formatSyncSummary', () => {
  const summary: SyncSummary = {
    runId: 1,
    source: 'ledger',
    mode: 'incremental',
    rowsRead: 2514,
    rowsChanged: 37,
    customersChanged: 2,
    rowsSkipped: 3,
    itemsSettled: 4,
    accountsChanged: 3,
    skipped: {
      unknown_currency: { count: 1, invoiceIds: ['INV-4'] },
      open_above_total: { count: 2, invoiceIds: ['INV-1', 'INV-9'] },
    },
    watermark: null,
    durationMs: 1234,
  };

  it('says in one line what was read, changed, settled and skipped, by reason with invoice ids', () => {
    expect(formatSyncSummary(summary)).toBe(
      'sync (incremental): 2,514 rows read, 37 changed, 4 settled, 3 skipped ' +
        '(2 open_above_total: INV-1, INV-9; 1 unknown_currency: INV-4) in 1.2s',
    );
  });

  it('lists a few invoice ids per reason and counts the rest', () => {
    const many = {
      ...summary,
      rowsSkipped: 1200,
      skipped: { bad_amount: { count: 1200, invoiceIds: Array.from({ length: 20 }, (_, i) => `I${i}`) } },
    };
    expect(formatSyncSummary(many)).toContain(
      '1,200 skipped (1,200 bad_amount: I0, I1, I2, I3, I4 and 1,195 more)',
    );
    expect(formatSyncSummary({ ...summary, rowsSkipped: 0, skipped: {} })).toContain(
      '4 settled, 0 skipped in',
    );
  });
});
