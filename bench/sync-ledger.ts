import type { Knex } from 'knex';

/**
 * Builds a large ledger with the demo ledger's tables (so the demo mapping reads it) entirely in SQL:
 * generate_series, not rows sent one by one from Node. Every row's updated_at is at least a day old, so
 * an incremental sync's lookback window holds only what the benchmark touches afterwards.
 */
export async function buildLargeLedger(
  db: Knex,
  sizes: { customers: number; invoices: number },
): Promise<void> {
  await db.raw('drop schema if exists ledger cascade');
  await db.raw('create schema ledger');
  await db.raw(`
    create table ledger.customers (
      id text not null, name text not null, contact_name text, contact_email text, contact_phone text,
      sales_rep text, locale text)`);
  await db.raw(`
    create table ledger.invoices (
      id text not null, number text not null, customer_id text not null, issue_date date not null,
      due_date date not null, total numeric(18, 2) not null, open_amount numeric(18, 2) not null,
      currency char(3) not null, updated_at timestamptz not null)`);
  await db.raw(
    `insert into ledger.customers
     select 'C' || lpad(g::text, 6, '0'),
       case g % 3 when 0 then 'Customer ' || g || ' Ltd' when 1 then '客户' || g || '贸易有限公司'
         else '客戶' || g || '股份有限公司' end,
       'AP Contact ' || g, 'ap' || g || '@example.com', '+1 555 ' || lpad((g % 10000)::text, 4, '0'),
       (array['Alice Chen', 'Bob Miller', '李娜', 'David Wong'])[1 + g % 4],
       (array['en', 'zh-CN', 'zh-TW'])[1 + g % 3]
     from generate_series(1, ?::int) g`,
    [sizes.customers],
  );
  // Issue dates spread over two years; about a third paid, a third open, a third partly paid.
  await db.raw(
    `insert into ledger.invoices
     select 'inv-' || lpad(g::text, 7, '0'), 'INV-' || lpad(g::text, 7, '0'),
       'C' || lpad((1 + g % ?::int)::text, 6, '0'),
       current_date - 1 - (g % 730), current_date - 1 - (g % 730) + 30,
       t.total,
       case g % 3 when 0 then 0 when 1 then t.total else round(t.total / 2, 2) end,
       (array['CNY', 'USD', 'EUR'])[1 + g % 7 % 3],
       now() - interval '1 day' - (g % 730) * interval '1 day' - (g % 86400) * interval '1 second'
     from generate_series(1, ?::int) g,
       lateral (select round(((g::bigint * 7919) % 5000000) / 100.0 + 10, 2) as total) t`,
    [sizes.customers, sizes.invoices],
  );
  await db.raw('alter table ledger.customers add primary key (id)');
  await db.raw('alter table ledger.invoices add primary key (id)');
  await db.raw('create index invoices_updated_at on ledger.invoices (updated_at)');
  await db.raw('analyze ledger.customers');
  await db.raw('analyze ledger.invoices');
}

/** Pays half of the open amount of `count` invoices spread over the ledger, as a day of payments would. */
export async function touchInvoices(db: Knex, count: number, total: number): Promise<number> {
  const step = Math.max(1, Math.floor(total / count));
  const result = await db.raw(
    `update ledger.invoices set open_amount = round(open_amount / 2, 2), updated_at = now()
     where id in (select 'inv-' || lpad((g * ?::int)::text, 7, '0') from generate_series(1, ?::int) g)`,
    [step, count],
  );
  return result.rowCount ?? 0;
}
