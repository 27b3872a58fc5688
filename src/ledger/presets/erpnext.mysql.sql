-- duebot ledger preset: ERPNext v15 (Frappe 15) on MariaDB / MySQL 8.
--
-- Copy this file as the starting point of your own LEDGER_MAPPING if you need to adapt it; the lines
-- starting "-- @" are read by duebot before any row is read:
-- @tables tabSales Invoice, tabPayment Schedule, tabPayment Ledger Entry, tabCustomer, tabContact, tabSales Team
-- @param company: SELECT DISTINCT company FROM `tabSales Invoice` WHERE docstatus = 1 ORDER BY company
--   (a site whose submitted invoices are all of one company needs no LEDGER_PARAMS: that company is
--   read; with several, set LEDGER_PARAMS=company=<its name>, in double quotes when it has a comma)
--
-- Parameters (written in the query with a leading colon; never in a comment, where a binder would
-- count them too)
--   watermark   bound by the sync: rows whose invoice or payments changed after it.
--   company     the ERPNext Company name (`tabCompany`.name, e.g. 'Acme (Shanghai) Co., Ltd.'), given
--               as LEDGER_PARAMS=company="Acme (Shanghai) Co., Ltd." or found by the @param line above.
--               duebot always binds a value; a copy run elsewhere with NULL reads every company.
--
-- One row per installment: a Sales Invoice with a Payment Schedule of several rows gives one row per
-- schedule row (id "ACC-SINV-2024-00001#2", number "ACC-SINV-2024-00001 (2/3)", the row's due date);
-- an invoice with one schedule row (or none) gives one row with the invoice's name as id and number.
--
-- What counts
--   * submitted invoices only (docstatus 1): drafts (0) and cancelled invoices (2) are not returned,
--     so a full sync settles an invoice that was cancelled after it was read;
--   * returns (credit notes, is_return = 1) are not items: a return made against an invoice already
--     lowered that invoice's outstanding_amount, which is what is read; a return that keeps its own
--     outstanding (update_outstanding_for_self = 1) is a credit, not a debt, and is left out;
--   * invoices already paid are returned with open_amount 0, so the sync settles them.
--
-- Amounts are in the currency the customer owes: the party account's currency. outstanding_amount
-- is kept in it by ERPNext; the totals are the invoice's own (rounded) totals when the invoice is in
-- that currency and the base_ (company currency) totals when it is not.
--
-- Installments: the invoice's paid part (total - outstanding_amount, i.e. payments, advances,
-- returns and write-offs) is spread over the schedule rows in the order ERPNext's Accounts
-- Receivable report uses: rows with a paid_amount (payments made against a named term) first, then
-- by due date. The last row takes any rounding difference between the schedule and the total.
-- (The report keeps a term paid in part by name at that part and gives the rest of the paid part to
-- the other terms; here such a term is filled first. Both agree when named payments pay whole terms.)
--
-- customer_time_zone and next_delivery_date are not returned (read as NULL): ERPNext keeps no time zone per customer and no
-- delivery plan, so PB-24 uses DUEBOT_CUSTOMER_TIME_ZONE(_OVERRIDES) and PB-15 plans no call.
-- paid_at: the posting date of the latest Payment Ledger Entry (payment, journal entry, return)
-- that lowered this installment's open amount (the invoice's own posting date when it was paid on
-- the invoice itself: POS payments, write-offs); NULL while nothing was paid on it.
--
-- updated_at (the watermark): the later of the invoice's `modified` and the latest `modified` of the
-- Payment Ledger Entries against it. ERPNext writes both in the server's local time: set the
-- ledger's time zone setting to that zone.
WITH
  -- The submitted sales invoices of the company that changed after the watermark.
  inv AS (
    SELECT
      si.name,
      si.customer,
      si.customer_name,
      si.posting_date,
      si.due_date,
      si.language,
      si.contact_person,
      si.contact_display,
      si.contact_email,
      si.contact_mobile,
      si.outstanding_amount,
      -- The currency of the receivable: the party account's, or the invoice's when none is set.
      COALESCE(NULLIF(si.party_account_currency, ''), si.currency) AS owed_currency,
      (COALESCE(NULLIF(si.party_account_currency, ''), si.currency) = si.currency) AS in_invoice_currency,
      CASE
        WHEN COALESCE(NULLIF(si.party_account_currency, ''), si.currency) = si.currency THEN
          CASE WHEN si.disable_rounded_total = 1 OR COALESCE(si.rounded_total, 0) = 0
               THEN si.grand_total ELSE si.rounded_total END
        ELSE
          CASE WHEN si.disable_rounded_total = 1 OR COALESCE(si.base_rounded_total, 0) = 0
               THEN si.base_grand_total ELSE si.base_rounded_total END
      END AS invoice_total,
      GREATEST(
        si.modified,
        COALESCE(
          (SELECT MAX(t.modified) FROM `tabPayment Ledger Entry` t
            WHERE t.against_voucher_type = 'Sales Invoice' AND t.against_voucher_no = si.name),
          si.modified)
      ) AS changed_at
    FROM (
      -- Invoices changed after the watermark, and invoices whose ledger entries did (both by the
      -- `modified` index Frappe gives every table).
      SELECT c.name FROM `tabSales Invoice` c WHERE c.modified > :watermark
      UNION
      SELECT w.against_voucher_no FROM `tabPayment Ledger Entry` w
       WHERE w.modified > :watermark AND w.against_voucher_type = 'Sales Invoice'
    ) changed
    JOIN `tabSales Invoice` si ON si.name = changed.name
    WHERE si.docstatus = 1
      AND si.is_return = 0
      AND (:company IS NULL OR si.company = :company)
  ),
  -- Each invoice's schedule rows in the invoice's owed currency, with their place in due-date order
  -- (k of n) and the amount scheduled before them in ERPNext's allocation order.
  sched AS (
    SELECT
      ps.parent AS invoice,
      ps.idx,
      ps.due_date,
      CASE WHEN inv.in_invoice_currency THEN ps.payment_amount ELSE ps.base_payment_amount END AS amount,
      -- PB-18: the installment's early-payment discount in the owed currency (a percentage of the
      -- installment, or an amount in the invoice's currency), NULL when it has none.
      CASE WHEN ps.discount_date IS NOT NULL AND ps.discount > 0 THEN ps.discount_date END AS discount_date,
      CASE
        WHEN ps.discount_date IS NULL OR ps.discount <= 0 THEN NULL
        WHEN ps.discount_type = 'Percentage' THEN
          ROUND(CASE WHEN inv.in_invoice_currency THEN ps.payment_amount ELSE ps.base_payment_amount END
                * ps.discount / 100, 2)
        WHEN inv.in_invoice_currency THEN ROUND(ps.discount, 2)
        ELSE ROUND(ps.discount * ps.base_payment_amount / NULLIF(ps.payment_amount, 0), 2)
      END AS discount_value,
      ROW_NUMBER() OVER (PARTITION BY ps.parent ORDER BY ps.due_date, ps.idx) AS k,
      COUNT(*) OVER (PARTITION BY ps.parent) AS n,
      ROW_NUMBER() OVER (PARTITION BY ps.parent ORDER BY ps.paid_amount DESC, ps.due_date, ps.idx) AS alloc_rank,
      COALESCE(SUM(CASE WHEN inv.in_invoice_currency THEN ps.payment_amount ELSE ps.base_payment_amount END)
        OVER (PARTITION BY ps.parent ORDER BY ps.paid_amount DESC, ps.due_date, ps.idx
              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS scheduled_before,
      SUM(CASE WHEN inv.in_invoice_currency THEN ps.payment_amount ELSE ps.base_payment_amount END)
        OVER (PARTITION BY ps.parent) AS scheduled_total
    FROM `tabPayment Schedule` ps
    JOIN inv ON inv.name = ps.parent
    WHERE ps.parenttype = 'Sales Invoice'
  ),
  -- One line per installment (or per invoice without a schedule), with its amount and paid part.
  line AS (
    SELECT
      inv.*,
      s.idx,
      COALESCE(s.due_date, inv.due_date) AS line_due_date,
      COALESCE(s.k, 1) AS k,
      COALESCE(s.n, 1) AS n,
      COALESCE(s.scheduled_before, 0) AS before_amount,
      s.discount_date,
      s.discount_value,
      CASE
        WHEN s.invoice IS NULL THEN inv.invoice_total
        -- The last row in allocation order absorbs the schedule's rounding difference.
        WHEN s.alloc_rank = s.n THEN s.amount + (inv.invoice_total - s.scheduled_total)
        ELSE s.amount
      END AS line_total,
      -- Paid on the whole invoice, in the owed currency.
      inv.invoice_total - inv.outstanding_amount AS invoice_paid
    FROM inv
    LEFT JOIN sched s ON s.invoice = inv.name
  ),
  -- Reductions of each invoice's open amount, oldest first, with their running total.
  paid AS (
    SELECT
      p.against_voucher_no AS invoice,
      p.posting_date,
      -p.amount_in_account_currency AS amount,
      SUM(-p.amount_in_account_currency)
        OVER (PARTITION BY p.against_voucher_no ORDER BY p.posting_date, p.creation, p.name) AS paid_upto
    FROM `tabPayment Ledger Entry` p
    JOIN inv ON inv.name = p.against_voucher_no
    WHERE p.against_voucher_type = 'Sales Invoice'
      AND p.delinked = 0
      AND p.amount_in_account_currency < 0
      -- The invoice's own entries (its amount, a write-off on it) are not payments.
      AND NOT (p.voucher_type = 'Sales Invoice' AND p.voucher_no = p.against_voucher_no)
  )
SELECT
  CASE WHEN l.n > 1 THEN CONCAT(l.name, '#', l.idx) ELSE l.name END AS invoice_id,
  CASE WHEN l.n > 1 THEN CONCAT(l.name, ' (', l.k, '/', l.n, ')') ELSE l.name END AS invoice_number,
  l.customer AS customer_id,
  COALESCE(NULLIF(c.customer_name, ''), NULLIF(l.customer_name, ''), l.customer) AS customer_name,
  l.posting_date AS issue_date,
  l.line_due_date AS due_date,
  l.line_total AS total,
  -- The installment's amount less what of the invoice's paid part falls on it.
  l.line_total - LEAST(GREATEST(l.invoice_paid - l.before_amount, 0), l.line_total) AS open_amount,
  l.owed_currency AS currency,
  l.changed_at AS updated_at,
  CASE
    WHEN LEAST(GREATEST(l.invoice_paid - l.before_amount, 0), l.line_total) > 0 THEN
      COALESCE(
        (SELECT MAX(p.posting_date) FROM paid p
          WHERE p.invoice = l.name
            AND p.paid_upto - p.amount < l.before_amount + l.line_total
            AND p.paid_upto > l.before_amount),
        (SELECT MAX(p.posting_date) FROM paid p WHERE p.invoice = l.name),
        -- Paid on the invoice itself (a POS payment, a write-off): the invoice's posting date.
        l.posting_date)
  END AS paid_at,
  -- The invoice's contact (or the customer's primary contact) as the Contact record has it now.
  COALESCE(NULLIF(ct.full_name, ''), NULLIF(l.contact_display, '')) AS contact_name,
  COALESCE(NULLIF(ct.email_id, ''), NULLIF(l.contact_email, '')) AS contact_email,
  COALESCE(NULLIF(ct.mobile_no, ''), NULLIF(ct.phone, ''), NULLIF(l.contact_mobile, '')) AS contact_phone,
  -- The invoice's sales team member with the largest share, else the customer's.
  COALESCE(
    (SELECT st.sales_person FROM `tabSales Team` st
      WHERE st.parenttype = 'Sales Invoice' AND st.parent = l.name
      ORDER BY st.allocated_percentage DESC, st.idx LIMIT 1),
    (SELECT st.sales_person FROM `tabSales Team` st
      WHERE st.parenttype = 'Customer' AND st.parent = l.customer
      ORDER BY st.allocated_percentage DESC, st.idx LIMIT 1)
  ) AS sales_rep,
  -- ERPNext's language codes ('zh', 'zh-TW', 'en-US') as duebot's locales ('zh-CN', 'zh-TW', 'en-US').
  CASE
    WHEN LOWER(COALESCE(NULLIF(l.language, ''), c.language)) IN ('zh', 'zh-cn', 'zh_cn') THEN 'zh-CN'
    ELSE REPLACE(NULLIF(COALESCE(NULLIF(l.language, ''), c.language), ''), '_', '-')
  END AS customer_locale,
  -- PB-18: the installment's early-payment discount from its Payment Schedule row (none: 0 and no date;
  -- an invoice without a schedule says nothing, and the global LETTER_EARLY_DISCOUNT applies).
  l.discount_date AS discount_until,
  CASE WHEN l.idx IS NULL THEN NULL ELSE COALESCE(l.discount_value, 0) END AS discount_amount,
  -- PB-16: no contract late-interest rate per customer in the ledger (a manager sets it in duebot).
  NULL AS interest_percent_per_day
FROM line l
LEFT JOIN `tabCustomer` c ON c.name = l.customer
LEFT JOIN `tabContact` ct ON ct.name = COALESCE(NULLIF(l.contact_person, ''), c.customer_primary_contact)
