import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DatabaseKind } from '../../src/db.ts';
import { DEMO_MAPPING_FILE, loadDemoLedger } from '../../src/ledger/demo.ts';
import { LEDGER_TERM_COLUMNS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from '../../src/ledger/types.ts';
import { backends, openTestDatabase } from '../support/databases.ts';

const TODAY = '2026-11-22';

async function fingerprint(db: Database): Promise<string> {
  const hash = createHash('sha256');
  const customers = await db.knex.raw('select * from ledger.customers order by id');
  const invoices = await db.knex.raw(
    'select id, number, customer_id, issue_date, due_date, total::text as total, open_amount::text as open_amount, currency, updated_at from ledger.invoices order by id',
  );
  hash.update(JSON.stringify(customers.rows));
  hash.update(JSON.stringify(invoices.rows));
  return hash.digest('hex');
}

async function withFreshDatabase<T>(kind: DatabaseKind, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openTestDatabase(kind);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

describe.each(backends())('demo ledger on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await loadDemoLedger(db.knex, { today: TODAY });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('builds the same ledger from the same seed and date', async () => {
    const again = await withFreshDatabase(kind, async (other) => {
      await loadDemoLedger(other.knex, { today: TODAY });
      return fingerprint(other);
    });
    expect(again).toBe(await fingerprint(db));
  });

  it('builds a different ledger from a different seed', async () => {
    const other = await withFreshDatabase(kind, async (fresh) => {
      await loadDemoLedger(fresh.knex, { today: TODAY, seed: 7 });
      return fingerprint(fresh);
    });
    expect(other).not.toBe(await fingerprint(db));
  });

  it('holds about 150 customers and 2,500 invoices', async () => {
    const { rows } = await db.knex.raw(
      'select (select count(*) from ledger.customers) as customers, (select count(*) from ledger.invoices) as invoices',
    );
    expect(Number(rows[0].customers)).toBe(150);
    expect(Number(rows[0].invoices)).toBeGreaterThanOrEqual(2000);
    expect(Number(rows[0].invoices)).toBeLessThanOrEqual(3200);
  });

  it('fills every aging bucket, including items over a year old (PB-04, PB-11)', async () => {
    const { rows } = await db.knex.raw(
      `select case
          when ?::date - due_date <= 0 then 'current'
          when ?::date - due_date <= 30 then '1-30'
          when ?::date - due_date <= 60 then '31-60'
          when ?::date - due_date <= 90 then '61-90'
          when ?::date - due_date <= 365 then '90+'
          else 'over a year' end as bucket,
        count(*) as n
       from ledger.invoices where open_amount > 0 group by 1`,
      [TODAY, TODAY, TODAY, TODAY, TODAY],
    );
    const buckets = Object.fromEntries(
      rows.map((r: { bucket: string; n: unknown }) => [r.bucket, Number(r.n)]),
    );
    for (const bucket of ['current', '1-30', '31-60', '61-90', '90+', 'over a year']) {
      expect(buckets[bucket], bucket).toBeGreaterThan(0);
    }
  });

  it('has CNY, USD and EUR invoices, partial payments and settled history paid late (PB-09)', async () => {
    const { rows } = await db.knex.raw(`
      select
        array(select distinct currency::text from ledger.invoices order by 1) as currencies,
        (select count(*) from ledger.invoices where open_amount > 0 and open_amount < total) as partial,
        (select count(*) from ledger.invoices where open_amount = 0 and updated_at::date > due_date) as paid_late,
        (select count(*) from ledger.invoices where open_amount < 0 or open_amount > total) as impossible`);
    expect(rows[0].currencies).toEqual(['CNY', 'EUR', 'USD']);
    expect(Number(rows[0].partial)).toBeGreaterThan(0);
    expect(Number(rows[0].paid_late)).toBeGreaterThan(100);
    expect(Number(rows[0].impossible)).toBe(0);
  });

  it('has a few large accounts whose open balance dwarfs the typical account (PB-07)', async () => {
    const { rows } = await db.knex.raw(`
      with balances as (
        select customer_id, sum(open_amount) as balance from ledger.invoices
        where open_amount > 0 group by customer_id)
      select max(balance) as largest, percentile_cont(0.5) within group (order by balance) as median,
        count(*) filter (where balance > 1000000) as large
      from balances`);
    expect(Number(rows[0].largest)).toBeGreaterThan(20 * Number(rows[0].median));
    expect(Number(rows[0].large)).toBeGreaterThanOrEqual(3);
  });

  it('names customers in English, Simplified and Traditional Chinese with matching locales', async () => {
    const { rows } = await db.knex.raw('select name, locale from ledger.customers');
    const names = rows as { name: string; locale: string }[];
    expect(names.map((c) => c.name)).toContain('Northwind Traders Ltd');
    expect(names.map((c) => c.name)).toContain('上海华联贸易有限公司');
    expect(new Set(names.map((c) => c.locale))).toEqual(new Set(['en', 'zh-CN', 'zh-TW']));
    expect(
      names.filter((c) => c.locale === 'zh-TW').every((c) => /股份有限公司|實業有限公司/.test(c.name)),
    ).toBe(true);
  });

  it('leaves an existing demo ledger alone on the second load', async () => {
    await db.knex.raw("update ledger.customers set name = 'Renamed Ltd' where id = 'C0001'");
    const result = await loadDemoLedger(db.knex, { today: TODAY });
    expect(result).toMatchObject({ created: false, customers: 150 });
    const { rows } = await db.knex.raw("select name from ledger.customers where id = 'C0001'");
    expect(rows[0].name).toBe('Renamed Ltd');
  });

  it('recreates the initial ledger on reset', async () => {
    const before = await withFreshDatabase(kind, async (other) => {
      await loadDemoLedger(other.knex, { today: TODAY });
      return fingerprint(other);
    });
    await db.knex.raw("delete from ledger.invoices where id = 'inv-000001'");
    const result = await loadDemoLedger(db.knex, { today: TODAY, reset: true });
    expect(result.created).toBe(true);
    expect(await fingerprint(db)).toBe(before);
  });

  it('maps every invoice, paid ones included, to the columns the sync requires', async () => {
    const sql = await readFile(DEMO_MAPPING_FILE, 'utf8');
    expect(sql).toContain(':watermark');
    const { rows } = await db.knex.raw(sql, { watermark: '1970-01-01T00:00:00Z' });
    const { count } = (await db.knex('ledger.invoices').count({ count: '*' }))[0] as { count: unknown };
    expect(rows).toHaveLength(Number(count));
    // The demo ledger has no payment records: no paid_at (its updated_at is the payment's time); nor
    // customer time zones or delivery dates (the settings' zone applies, PB-15 plans no call), nor
    // contract rates or discount terms (the policy's apply, PB-16 / PB-18).
    const absent: readonly string[] = [
      'paid_at',
      'customer_time_zone',
      'next_delivery_date',
      ...LEDGER_TERM_COLUMNS,
    ];
    const optional = OPTIONAL_COLUMNS.filter((c) => !absent.includes(c));
    expect(Object.keys(rows[0]).sort()).toEqual([...REQUIRED_COLUMNS, ...optional].sort());
    expect(rows.some((r: { open_amount: unknown }) => Number(r.open_amount) === 0)).toBe(true);
  });

  it('returns only rows changed after the watermark', async () => {
    const sql = await readFile(DEMO_MAPPING_FILE, 'utf8');
    const watermark = '2026-11-01T00:00:00Z';
    const { rows } = await db.knex.raw(sql, { watermark });
    const { rows: expected } = await db.knex.raw(
      'select count(*) as n from ledger.invoices where updated_at > ?',
      [watermark],
    );
    expect(rows.length).toBe(Number(expected[0].n));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r: { updated_at: Date }) => new Date(r.updated_at) > new Date(watermark))).toBe(true);
  });
});
