-- duebot's built-in mapping for Odoo 17 and 18 on PostgreSQL (LEDGER_PRESET=odoo).
--
-- Copy it into your own LEDGER_MAPPING file to adapt it; the lines starting "-- @" are read by duebot
-- before any row is read:
-- @tables account_move, account_move_line, account_partial_reconcile, res_partner, res_users, res_currency, res_company
-- @param company_id: SELECT id, name FROM res_company ORDER BY id
--   (a database with one company needs no LEDGER_PARAMS; with several, set LEDGER_PARAMS=company_id=<id>)
-- @updated_at: transaction start
--   (Odoo stamps write_date with its transaction's start, cr.now(): an incremental sync starts where no
--   transaction still running at the last read can have written, instead of looking back a fixed time)
--
-- One row per installment: the receivable lines of a posted customer invoice (account_move_line with
-- display_type 'payment_term', one per due date of its payment terms), numbered as Odoo's aged
-- receivable shows them, "INV/2024/00001 (1/2)"; an invoice with one due date keeps its plain number.
-- Read:
-- - customer invoices only (move_type 'out_invoice', state 'posted'): drafts, cancelled invoices and
--   credit notes ('out_refund') are not read. A credit note applied to an invoice has already lowered
--   the residual of the invoice's lines (Odoo reconciles them), so it is netted; one not applied stays
--   a credit in Odoo and is not a reminder's business;
-- - amounts in the currency the customer owes, the invoice's: the line's amount_currency (total) and
--   amount_residual_currency (open), with that currency's ISO code (res_currency.name);
-- - the customer is the invoice's commercial partner (the company, not the contact); the contact is the
--   invoice's partner, or the company's invoice address (a child contact of type 'invoice');
-- - the salesperson is the invoice's invoice_user_id (a res_users row, whose name is its partner's);
-- - the customer's language (res_partner.lang, e.g. zh_CN) as duebot's locale (zh-CN; en_US -> en);
-- - the customer's time zone (res_partner.tz, an IANA name such as Asia/Shanghai) for PB-24's contact
--   window; no next_delivery_date (PB-15): Odoo keeps no delivery plan per customer;
-- - paid_at: the latest payment or credit note reconciled with the line (account_partial_reconcile
--   max_date; Odoo keeps it as a date, given here at noon UTC so that it is the same day in duebot's
--   time zone);
-- - the early-payment discount of each installment (discount_until, discount_amount; PB-18);
-- - updated_at, the watermark: the latest of the invoice's, the line's and its reconciles' write_date
--   (naive UTC, as Odoo stores it), so that a payment is read even where it moved only the reconcile.
-- An installment is returned when it changed (its updated_at is newer than the watermark): its
-- number (k/n) is counted here among all the invoice's receivable lines, so the installments of the
-- invoice that did not change need not be read again. Their numbers change only when the invoice's
-- lines do (a new due date, another payment term), which Odoo writes on the invoice as well (its due
-- date, its reset to draft), and then every installment is returned; a full sync reads them all.
-- Paid installments are returned too (open 0): the sync marks them settled.
--
-- The watermark read: each branch of `changed` compares one table's own write_date with the watermark (never
-- the greatest of several, which no index can serve), so that with an index on each (Odoo creates none on
-- write_date; the README's Odoo section gives the three an administrator may add, and `duebot doctor`
-- says when they are missing) an incremental sync reads only what changed instead of every line. All
-- the rest is looked up by keys Odoo indexes: ids, account_move_line.move_id, debit_move_id,
-- res_partner.parent_id. What belongs to the invoice (its number, customer, contact, salesperson,
-- language) is looked up once per invoice, not once per installment.
WITH moved_lines AS MATERIALIZED (
  -- Receivable lines newer than the watermark.
  SELECT l.id, l.move_id
  FROM account_move_line l
  WHERE l.display_type = 'payment_term' AND l.write_date > :watermark
),
reconciled_lines AS MATERIALIZED (
  -- Lines with a newer reconcile that did not move the line itself (those are in moved_lines already):
  -- only their invoice is still to be found.
  SELECT r.debit_move_id AS id
  FROM account_partial_reconcile r
  WHERE r.write_date > :watermark
  EXCEPT
  SELECT id FROM moved_lines
),
changed AS (
  -- Invoices with anything newer than the watermark: the invoice, a receivable line, a reconcile.
  SELECT m.id AS move_id
  FROM account_move m
  WHERE m.move_type = 'out_invoice' AND m.write_date > :watermark
  UNION
  SELECT move_id FROM moved_lines
  UNION
  SELECT l.move_id
  FROM reconciled_lines
  JOIN account_move_line l ON l.id = reconciled_lines.id
),
invoices AS (
  -- The changed invoices of the company, in id order (the order their rows and lines lie in).
  SELECT m.id, m.name, m.invoice_date, m.write_date, m.commercial_partner_id, m.partner_id, m.invoice_user_id
  FROM (SELECT move_id FROM changed ORDER BY move_id) changed
  JOIN account_move m ON m.id = changed.move_id
  WHERE m.move_type = 'out_invoice'
    AND m.state = 'posted'
    AND m.company_id = :company_id
),
installments AS (
  SELECT
    l.id,
    l.move_id,
    l.date_maturity,
    l.amount_currency,
    l.amount_residual_currency,
    l.currency_id,
    l.write_date,
    l.discount_date,
    l.discount_amount_currency,
    row_number() OVER (PARTITION BY l.move_id ORDER BY l.date_maturity, l.id) AS k,
    count(*) OVER (PARTITION BY l.move_id) AS n
  FROM invoices
  JOIN account_move_line l ON l.move_id = invoices.id
  WHERE l.display_type = 'payment_term' AND l.parent_state = 'posted'
),
changed_installments AS (
  -- The installments to return: those that changed themselves (the line, or a reconcile of it) and
  -- every installment of an invoice that changed. The others are as the bot already has them.
  SELECT i.*
  FROM installments i
  JOIN invoices m ON m.id = i.move_id
  WHERE m.write_date > :watermark
    OR i.write_date > :watermark
    OR i.id IN (SELECT id FROM reconciled_lines)
),
billing AS (
  -- The invoice address of each customer read (its first active child contact of type 'invoice'),
  -- looked up by parent_id for those customers only.
  SELECT DISTINCT ON (c.parent_id) c.parent_id, c.name, c.email, c.phone, c.mobile
  FROM res_partner c
  WHERE c.type = 'invoice' AND c.active
    AND c.parent_id IN (SELECT commercial_partner_id FROM invoices)
  ORDER BY c.parent_id, c.id
),
invoice_facts AS MATERIALIZED (
  -- Once per invoice (MATERIALIZED: else the planner looks them up again for every installment).
  SELECT
    m.id,
    m.name,
    m.invoice_date,
    m.write_date,
    cp.id AS customer_id,
    cp.name AS customer_name,
    cp.lang,
    cp.tz,
    contact.name AS contact_name,
    contact.email AS contact_email,
    coalesce(nullif(contact.phone, ''), contact.mobile) AS contact_phone,
    rep.name AS sales_rep
  FROM invoices m
  JOIN res_partner cp ON cp.id = m.commercial_partner_id
  LEFT JOIN res_partner p ON p.id = m.partner_id
  -- The company's invoice address, when the invoice is addressed to the company itself.
  LEFT JOIN billing ON billing.parent_id = cp.id AND p.id = cp.id
  CROSS JOIN LATERAL (
    SELECT
      coalesce(billing.name, p.name) AS name,
      coalesce(billing.email, p.email) AS email,
      coalesce(billing.phone, p.phone) AS phone,
      coalesce(billing.mobile, p.mobile) AS mobile
  ) contact
  LEFT JOIN res_users u ON u.id = m.invoice_user_id
  LEFT JOIN res_partner rep ON rep.id = u.partner_id
),
reconciles AS (
  -- For an invoice's receivable line (a debit), payments and applied credit notes are the credit side.
  SELECT r.debit_move_id AS line_id, max(r.max_date) AS paid_on, max(r.write_date) AS write_date
  FROM account_partial_reconcile r
  JOIN changed_installments i ON i.id = r.debit_move_id
  GROUP BY r.debit_move_id
)
SELECT
  i.id AS invoice_id,
  m.name || CASE WHEN i.n > 1 THEN ' (' || i.k || '/' || i.n || ')' ELSE '' END AS invoice_number,
  m.customer_id,
  m.customer_name,
  m.invoice_date AS issue_date,
  i.date_maturity AS due_date,
  i.amount_currency AS total,
  i.amount_residual_currency AS open_amount,
  cur.name AS currency,
  greatest(m.write_date, i.write_date, rec.write_date) AS updated_at,
  (rec.paid_on + time '12:00') AS paid_at,
  m.contact_name,
  m.contact_email,
  m.contact_phone,
  m.sales_rep,
  CASE
    WHEN m.lang IS NULL THEN NULL
    WHEN m.lang LIKE 'en\_%' THEN 'en'
    WHEN m.lang IN ('zh_TW', 'zh_HK') THEN 'zh-TW'
    ELSE replace(split_part(m.lang, '@', 1), '_', '-')
  END AS customer_locale,
  -- PB-18: the installment's early-payment discount as Odoo computed it from the payment terms
  -- (account_payment_term early_discount / discount_percentage / discount_days): the line's last
  -- discount day and the amount to pay by then (discount_amount_currency); none: 0 and no date.
  i.discount_date AS discount_until,
  CASE WHEN i.discount_date IS NULL THEN 0 ELSE i.amount_currency - i.discount_amount_currency END
    AS discount_amount,
  -- PB-16: Odoo keeps no contract late-interest rate per customer (a manager sets it in duebot).
  NULL::numeric AS interest_percent_per_day,
  nullif(m.tz, '') AS customer_time_zone
FROM changed_installments i
JOIN invoice_facts m ON m.id = i.move_id
JOIN res_currency cur ON cur.id = i.currency_id
LEFT JOIN reconciles rec ON rec.line_id = i.id
