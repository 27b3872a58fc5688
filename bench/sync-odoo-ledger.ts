import type { Knex } from 'knex';
import { ODOO_SCHEMA } from '../test/support/odoo-fixture.ts';

/**
 * A large Odoo-shaped ledger (the tables and types of the odoo preset's test fixture) built in SQL:
 * `invoices` posted customer invoices, every other one with two installments (so about 1.5 receivable
 * lines per invoice), a third paid in full and a third half paid by reconciles, in three currencies, for
 * `partners` customers of one company; every fourth invoice has an early-payment discount. Every write_date is at least a day old (naive UTC, as Odoo keeps
 * it), so an incremental sync's lookback window holds only what the benchmark touches afterwards.
 */
export async function buildOdooLedger(
  db: Knex,
  sizes: { partners: number; invoices: number },
): Promise<number> {
  await db.raw(ODOO_SCHEMA);
  await db.raw(
    `insert into res_currency (id, name, active) values (1, 'CNY', true), (2, 'USD', true), (3, 'EUR', true)`,
  );
  await db.raw(`insert into res_company (id, name, currency_id) values (1, 'Bench Co', 1)`);
  await db.raw(
    `insert into res_partner (id, name, commercial_partner_id, type, email, phone, lang, active, is_company)
     select g, case g % 3 when 0 then 'Customer ' || g || ' Ltd' else '客户' || g || '贸易有限公司' end, g,
       'contact', 'ap' || g || '@example.com', '+1 555 ' || lpad((g % 10000)::text, 4, '0'),
       (array['en_US', 'zh_CN', 'zh_TW'])[1 + g % 3], true, true
     from generate_series(1, ?::int) g`,
    [sizes.partners],
  );
  await db.raw(`insert into res_partner (id, name, active) values (0, 'Li Na', true)`);
  await db.raw(
    `insert into res_users (id, login, partner_id, company_id, active) values (2, 'li.na', 0, 1, true)`,
  );
  await db.raw(
    `insert into account_move (id, name, move_type, state, partner_id, commercial_partner_id, invoice_date,
       invoice_date_due, currency_id, amount_total, amount_residual, payment_state, invoice_user_id, company_id,
       posted_before, write_date)
     select g, 'INV/2026/' || lpad(g::text, 7, '0'), 'out_invoice', 'posted', 1 + g % ?::int, 1 + g % ?::int,
       current_date - 1 - (g % 730), current_date - 1 - (g % 730) + 30 * (1 + g % 2), 1 + g % 7 % 3,
       t.total, t.total, 'not_paid', 2, 1, true,
       (now() at time zone 'UTC') - interval '1 day' - (g % 730) * interval '1 day' - (g % 86400) * interval '1 second'
     from generate_series(1, ?::int) g,
       lateral (select round(((g::bigint * 7919) % 5000000) / 100.0 + 10, 2) as total) t`,
    [sizes.partners, sizes.partners, sizes.invoices],
  );
  // Installment k of n: an equal share (the last takes the rounding); open: all, half or none.
  await db.raw(
    `insert into account_move_line (move_id, move_name, partner_id, company_id, currency_id, display_type,
       date_maturity, amount_currency, amount_residual, amount_residual_currency, balance, debit, credit,
       reconciled, parent_state, discount_date, discount_amount_currency, write_date)
     select m.id, m.name, m.partner_id, 1, m.currency_id, 'payment_term', m.invoice_date + 30 * k, s.amount,
       o.open, o.open, s.amount, s.amount, 0, o.open = 0, 'posted',
       -- Every fourth invoice on "2% within 10 days" terms (PB-18), as Odoo stores them per line.
       case when m.id % 4 = 0 then m.invoice_date + 10 end,
       case when m.id % 4 = 0 then round(s.amount * 0.98, 2) else 0 end, m.write_date
     from account_move m
     cross join lateral generate_series(1, 1 + m.id % 2) k
     cross join lateral (select case when k = 1 + m.id % 2
         then m.amount_total - round(m.amount_total / (1 + m.id % 2), 2) * (m.id % 2)
         else round(m.amount_total / (1 + m.id % 2), 2) end as amount) s
     cross join lateral (select case m.id % 3 when 0 then 0 when 1 then s.amount else round(s.amount / 2, 2) end as open) o`,
  );
  await db.raw(
    `insert into account_partial_reconcile (debit_move_id, credit_move_id, amount, debit_amount_currency,
       credit_amount_currency, max_date, company_id, write_date)
     select l.id, 0, l.amount_currency - l.amount_residual_currency, l.amount_currency - l.amount_residual_currency,
       l.amount_currency - l.amount_residual_currency, l.date_maturity - 3 + (l.id % 20)::int, 1, l.write_date
     from account_move_line l where l.amount_residual_currency < l.amount_currency`,
  );
  for (const table of ['account_move', 'account_move_line', 'account_partial_reconcile', 'res_partner'])
    await db.raw(`analyze ${table}`);
  const { rows } = (await db.raw('select count(*)::int as n from account_move_line')) as {
    rows: { n: number }[];
  };
  return rows[0]?.n ?? 0;
}

/**
 * Pays `count` open receivable lines spread over the ledger (every k-th open line, so that exactly
 * `count` change where the ledger has that many open), as a day of payments would in Odoo: a new
 * reconcile each, the line's residual rewritten (and its write_date with it); the invoice is not touched.
 * `round` picks another set of lines for a second day.
 */
export async function payOdooLines(db: Knex, count: number, round = 0): Promise<number> {
  const { rows } = (await db.raw(
    `select count(*)::int as n from account_move_line where amount_residual_currency >= 1`,
  )) as { rows: { n: number }[] };
  const step = Math.max(1, Math.floor((rows[0]?.n ?? 0) / count));
  // Round r pays other lines than round 0 (another place in every step), so its pages are not the ones
  // the previous incremental sync just read.
  const shift = (round * Math.max(1, Math.floor(step / 2))) % step;
  const chosen = `select id from (
      select id, row_number() over (order by id) as k from account_move_line where amount_residual_currency >= 1
    ) open where k % ?::int = ?::int limit ?::int`;
  await db.raw(
    `insert into account_partial_reconcile (debit_move_id, credit_move_id, amount, max_date, company_id, write_date)
     select id, 0, 1, current_date, 1, now() at time zone 'UTC' from (${chosen}) c`,
    [step, shift, count],
  );
  const result = await db.raw(
    `update account_move_line set amount_residual = amount_residual - 1,
       amount_residual_currency = amount_residual_currency - 1, write_date = now() at time zone 'UTC'
     where id in (${chosen})`,
    [step, shift, count],
  );
  return result.rowCount ?? 0;
}
