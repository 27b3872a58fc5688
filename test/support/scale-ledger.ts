import type { Knex } from 'knex';

/**
 * A large bot database built in a few set-based statements (INSERT ... SELECT generate_series), for the
 * scale tests and `npm run bench -- scale`: accounts and their invoices as a sync leaves them (open ones
 * spread over the aging buckets, 24 months of settled history, part payments, three currencies), and the
 * assessed worklist (account_summary) in the shape the assessment writes it, and on request people's work
 * on it (claims, open promises, open disputes). Deterministic: the same options give the same ledger. 14,000 accounts with 4 invoices each take a few seconds on PostgreSQL.
 *
 * The worklist rows are derived in SQL, not by the assessment (src/collections/account.ts): the priority
 * is the open balance discounted by age, a stand-in with the same order of magnitude. Tests that check the
 * assessment itself use small seeded accounts.
 */
export interface ScaleLedgerOptions {
  accounts: number;
  /** Invoices per account (open and settled); 2M invoices over 1M accounts is 2. */
  invoicesPerAccount: number;
  /** The business date the ledger is as of (YYYY-MM-DD). */
  today: string;
  /** Prefix of the external ids, so two ledgers can share a database. */
  prefix?: string;
  /** Share (0..1) of accounts whose oldest open invoice is over 30 days overdue; default about 0.75. */
  overdueShare?: number;
  /** Claims, open promises and open disputes on part of the accounts (the scale benchmark); default none. */
  work?: boolean;
}

/** Pseudo-random 0..999 from two integers, the same in PGlite and PostgreSQL. */
const hash = (a: string, b: string) =>
  `((((${a})::bigint * 2654435761 + (${b})::bigint * 40503) % 1000003) % 1000)::int`;

export async function buildScaleLedger(
  db: Knex,
  options: ScaleLedgerOptions,
): Promise<{ accounts: number; invoices: number; open: number; overdue30: number }> {
  const prefix = options.prefix ?? 'S';
  const share = Math.round((options.overdueShare ?? 0.75) * 1000);
  await db.raw(
    `INSERT INTO customers (external_id, name, contact_email, sales_rep)
     SELECT ? || '-' || g, 'Scale account ' || lpad(g::text, 7, '0'), 'ap' || g || '@example.com',
            CASE WHEN g % 5 = 0 THEN 'Rep ' || (g % 17) END
     FROM generate_series(1, ?::int) g`,
    [prefix, options.accounts],
  );
  // Per invoice: h decides its age and state; the account's first invoice is open, and over 30 days
  // overdue for `share` of the accounts, so the meeting has the expected agenda.
  const h = hash('c.id', 'i');
  await db.raw(
    `INSERT INTO open_items (external_id, customer_id, invoice_number, issue_date, due_date, total_minor,
                             open_minor, currency, ledger_updated_at, status, settled_at)
     SELECT c.external_id || '-' || i, c.id, 'INV-' || c.id || '-' || i,
            x.issue, x.issue + 30, x.total,
            CASE WHEN x.settled THEN 0 WHEN x.h % 9 = 0 THEN x.total / 2 ELSE x.total END,
            CASE WHEN c.id % 10 < 7 THEN 'CNY' WHEN c.id % 10 < 9 THEN 'USD' ELSE 'EUR' END,
            CASE WHEN NOT x.settled AND x.h % 9 = 0 THEN (?::date - (x.h % 20))::timestamptz
                 ELSE (x.issue + 1)::timestamptz END,
            CASE WHEN x.settled THEN 'settled' ELSE 'open' END,
            CASE WHEN x.settled THEN (least(x.issue + 20 + x.h % 60, ?::date - 1))::timestamptz END
     FROM customers c
     CROSS JOIN generate_series(1, ?::int) i
     CROSS JOIN LATERAL (
       SELECT ${h} AS h,
              CASE WHEN i = 1 THEN
                     CASE WHEN ${hash('c.id', '7')} < ? THEN ?::date - 61 - (${h} % 400)
                          ELSE ?::date - 25 - (${h} % 35) END
                   ELSE ?::date - (${h} * 730 / 1000)::int END AS issue,
              (10000 + (${h} * 7919) % 5000000)::bigint AS total,
              (i > 1 AND ${h} * 730 / 1000 > 40 AND ${hash('i', 'c.id')} < 850) AS settled
     ) x
     WHERE c.external_id LIKE ? || '-%'`,
    [
      options.today,
      options.today,
      options.invoicesPerAccount,
      share,
      options.today,
      options.today,
      options.today,
      prefix,
    ],
  );
  await db.raw(
    `INSERT INTO account_summary (customer_id, assessed_on, name, main_currency, main_open_minor,
                                  main_open_major, open_by_currency, open_items, oldest_due, priority,
                                  priority_reasons, grade, key_account, credit_hold, blacklisted, ladder_step,
                                  next_action)
     SELECT o.customer_id, ?::date, c.name, min(o.currency), sum(o.open_minor), sum(o.open_minor) / 100.0,
            jsonb_build_object(min(o.currency), sum(o.open_minor)), count(*),
            min(o.due_date),
            sum(o.open_minor) / 100.0 * exp(-greatest(max(?::date - o.due_date), 0) / 365.0),
            jsonb_build_object('open', jsonb_build_object(min(o.currency), sum(o.open_minor)), 'missed', 0,
                               'lastMissed', null, 'window', false, 'tiny', false),
            chr(65 + (o.customer_id % 4)::int), o.customer_id % 50 = 0, false, false,
            CASE WHEN max(?::date - o.due_date) > 30 THEN 'reminder-2' END,
            CASE WHEN max(?::date - o.due_date) > 30 THEN jsonb_build_object('kind', 'step', 'step', 'L3') END
     FROM open_items o JOIN customers c ON c.id = o.customer_id
     WHERE o.status = 'open' AND c.external_id LIKE ? || '-%'
     GROUP BY o.customer_id, c.name
     ON CONFLICT (customer_id) DO NOTHING`,
    [options.today, options.today, options.today, options.today, prefix],
  );
  // Work in progress on the ledger, as people leave it: 50 collectors (Slack ids UB000..UB049, the people
  // of the load benchmark) own about one account in ten, one in twenty has an open promise on its first
  // invoice, one in a hundred a dispute open on it.
  if (options.work === true) {
    await db.raw(
      `INSERT INTO users (platform, platform_user_id, display_name, role)
       SELECT 'slack', 'UB' || lpad(g::text, 3, '0'), 'Collector UB' || lpad(g::text, 3, '0'), 'collector'
       FROM generate_series(0, 49) g
       ON CONFLICT (platform, platform_user_id) DO NOTHING`,
    );
    const mine = `c.external_id LIKE ? || '-%'`;
    await db.raw(
      `INSERT INTO claims (customer_id, user_id, claimed_at)
       SELECT c.id, u.id, (?::date - (c.id % 30)::int)::timestamptz
       FROM customers c
       JOIN users u ON u.platform = 'slack' AND u.platform_user_id = 'UB' || lpad((c.id % 50)::text, 3, '0')
       WHERE ${mine} AND ${hash('c.id', '11')} < 100
       ON CONFLICT DO NOTHING`,
      [options.today, prefix],
    );
    const first = `o.external_id = c.external_id || '-1' AND o.status = 'open'`;
    await db.raw(
      `WITH p AS (
         INSERT INTO promises (customer_id, promised_date, amount_minor, currency, status, created_at)
         SELECT c.id, ?::date + (c.id % 14)::int, o.open_minor, o.currency, 'open', (?::date - 3)::timestamptz
         FROM customers c JOIN open_items o ON o.customer_id = c.id AND ${first}
         WHERE ${mine} AND ${hash('c.id', '13')} < 50
         RETURNING id, customer_id, amount_minor
       )
       INSERT INTO promise_items (promise_id, open_item_id, open_minor_at_promise)
       SELECT p.id, o.id, p.amount_minor
       FROM p JOIN customers c ON c.id = p.customer_id JOIN open_items o ON o.customer_id = c.id AND ${first}`,
      [options.today, options.today, prefix],
    );
    await db.raw(
      `WITH d AS (
         INSERT INTO disputes (customer_id, reason, opened_at)
         SELECT c.id, 'Goods returned (scale fixture)', (?::date - 10)::timestamptz
         FROM customers c JOIN open_items o ON o.customer_id = c.id AND ${first}
         WHERE ${mine} AND ${hash('c.id', '17')} < 10
         RETURNING id, customer_id
       )
       INSERT INTO dispute_items (dispute_id, open_item_id, active)
       SELECT d.id, o.id, true
       FROM d JOIN customers c ON c.id = d.customer_id JOIN open_items o ON o.customer_id = c.id AND ${first}`,
      [options.today, prefix],
    );
  }
  const [counts] = (
    await db.raw(
      `SELECT (SELECT count(*) FROM customers WHERE external_id LIKE ? || '-%')::int AS accounts,
              (SELECT count(*) FROM open_items WHERE external_id LIKE ? || '-%')::int AS invoices,
              (SELECT count(*) FROM open_items WHERE external_id LIKE ? || '-%' AND status = 'open')::int AS open,
              (SELECT count(*) FROM account_summary WHERE oldest_due < ?::date - 30)::int AS overdue30`,
      [prefix, prefix, prefix, options.today],
    )
  ).rows as { accounts: number; invoices: number; open: number; overdue30: number }[];
  if (!counts) throw new Error('scale ledger: no counts');
  await db.raw('ANALYZE');
  return counts;
}
