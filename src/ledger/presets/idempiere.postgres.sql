-- duebot ledger preset: iDempiere 12 on PostgreSQL.
--
-- Copy this file as the starting point of your own LEDGER_MAPPING if you need to adapt it.
-- Table names are unqualified: give duebot's database user iDempiere's schema as its search_path
-- (ALTER ROLE duebot_ledger SET search_path = adempiere), see README. The lines starting "-- @" are
-- read by duebot before any row is read (@tables: what the query and the two functions below read):
-- @tables c_invoice, c_doctype, c_invoicepayschedule, c_allocationhdr, c_allocationline, c_bpartner, c_currency, c_paymentterm, c_invoice_v, c_conversion_rate, c_conversiontype, ad_user
-- @param ad_client_id: SELECT DISTINCT ad_client_id FROM c_invoice WHERE issotrx = 'Y' AND docstatus IN ('CO', 'CL') ORDER BY ad_client_id
--   (a database whose completed sales invoices are all of one tenant needs no LEDGER_PARAMS; with
--   several, set LEDGER_PARAMS=ad_client_id=<id>)
--
-- Parameters (written in the query with a leading colon; never in a comment, where a binder would
-- count them too)
--   watermark      bound by the sync: rows whose invoice or allocations changed after it.
--   ad_client_id   the tenant (AD_Client_ID, e.g. 11 for GardenWorld), given as
--                  LEDGER_PARAMS=ad_client_id=1000000 or found by the @param line above. duebot
--                  always binds a value; a copy run elsewhere with NULL reads every tenant.
--
-- It calls two of iDempiere's own database functions, as its open-item view RV_OpenItem does:
--   invoiceopen(c_invoice_id, c_invoicepayschedule_id)  the open amount, in the invoice currency;
--   paymenttermduedate(c_paymentterm_id, dateinvoiced)  the due date of an invoice without schedule.
--
-- One row per installment: an invoice with a valid payment schedule (ispayschedulevalid = 'Y')
-- of several rows gives one row per C_InvoicePaySchedule row (id "1000123#1000456", number
-- "INV-1000 (2/3)", the row's due date and amount); any other invoice gives one row, id
-- c_invoice_id, number documentno.
--
-- What counts
--   * completed and closed sales invoices (issotrx 'Y', docstatus 'CO' or 'CL') whose document
--     type is an AR invoice (c_doctype.docbasetype 'ARI'): drafts, in-progress, voided ('VO') and
--     reversed ('RE') documents are not returned, nor AR credit memos ('ARC');
--   * a credit memo allocated to an invoice lowers its open amount (invoiceopen counts every
--     allocation line of the invoice); one not allocated is not an item;
--   * invoices in dispute (isindispute 'Y') are returned like any other.
--
-- customer_time_zone and next_delivery_date are not returned (read as NULL): iDempiere keeps no time zone per business partner and no
-- delivery plan, so PB-24 uses DUEBOT_CUSTOMER_TIME_ZONE(_OVERRIDES) and PB-15 plans no call.
-- paid_at: the transaction date (c_allocationhdr.datetrx) of the latest allocation that lowered this
-- installment's open amount, allocations taken oldest first over the installments in due-date order
-- as invoiceopen does; NULL while nothing was allocated to it. (Only the dating takes allocation
-- amounts as they are: an allocation in another currency than the invoice's may date the wrong
-- installment of the same invoice; the open amounts come from invoiceopen, which converts.)
--
-- updated_at (the watermark): the latest of the invoice's `updated` and its allocation lines' and
-- headers' `updated`: a partial allocation leaves c_invoice.updated unchanged. iDempiere stores
-- local time (timestamp without time zone): set the ledger's time zone setting to the server's zone.
WITH
  inv AS (
    SELECT
      i.c_invoice_id,
      i.documentno,
      i.c_bpartner_id,
      i.ad_user_id,
      i.salesrep_id,
      i.dateinvoiced,
      i.c_paymentterm_id,
      i.c_currency_id,
      i.grandtotal,
      i.ispayschedulevalid,
      GREATEST(
        i.updated,
        (SELECT MAX(GREATEST(al.updated, ah.updated))
           FROM c_allocationline al
           JOIN c_allocationhdr ah ON ah.c_allocationhdr_id = al.c_allocationhdr_id
          WHERE al.c_invoice_id = i.c_invoice_id)
      ) AS changed_at
    FROM (
      -- Invoices changed after the watermark, and those with an allocation line or header that did.
      -- Each branch compares one table's own `updated` (an OR of them, or a test per invoice, would read
      -- every invoice), so that an index on it serves: the README's iDempiere section gives them.
      SELECT c.c_invoice_id FROM c_invoice c WHERE c.updated > :watermark
      UNION
      SELECT wl.c_invoice_id FROM c_allocationline wl WHERE wl.updated > :watermark
      UNION
      SELECT wl.c_invoice_id
        FROM c_allocationhdr wh
        JOIN c_allocationline wl ON wl.c_allocationhdr_id = wh.c_allocationhdr_id
       WHERE wh.updated > :watermark
    ) changed
    JOIN c_invoice i ON i.c_invoice_id = changed.c_invoice_id
    JOIN c_doctype dt ON dt.c_doctype_id = i.c_doctype_id
    WHERE i.issotrx = 'Y'
      AND i.docstatus IN ('CO', 'CL')
      AND dt.docbasetype = 'ARI'
      AND (CAST(:ad_client_id AS numeric) IS NULL OR i.ad_client_id = CAST(:ad_client_id AS numeric))
  ),
  -- Valid schedule rows in due-date order, with the amount due before each (invoiceopen's order).
  sched AS (
    SELECT
      ps.c_invoice_id,
      ps.c_invoicepayschedule_id,
      ps.duedate,
      ps.dueamt,
      ps.discountdate,
      ps.discountamt,
      ROW_NUMBER() OVER w AS k,
      COUNT(*) OVER (PARTITION BY ps.c_invoice_id) AS n,
      COALESCE(SUM(ps.dueamt) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS due_before
    FROM c_invoicepayschedule ps
    JOIN inv ON inv.c_invoice_id = ps.c_invoice_id AND inv.ispayschedulevalid = 'Y'
    WHERE ps.isvalid = 'Y'
    WINDOW w AS (PARTITION BY ps.c_invoice_id ORDER BY ps.duedate, ps.c_invoicepayschedule_id)
  ),
  -- Allocations to each invoice, oldest first, with their running total.
  alloc AS (
    SELECT
      al.c_invoice_id,
      ah.datetrx,
      al.amount + al.discountamt + al.writeoffamt AS amount,
      SUM(al.amount + al.discountamt + al.writeoffamt) OVER (
        PARTITION BY al.c_invoice_id ORDER BY ah.datetrx, al.created, al.c_allocationline_id
      ) AS allocated_upto
    FROM c_allocationline al
    JOIN c_allocationhdr ah ON ah.c_allocationhdr_id = al.c_allocationhdr_id
    JOIN inv ON inv.c_invoice_id = al.c_invoice_id
    WHERE ah.isactive = 'Y'
  ),
  line AS (
    SELECT
      inv.*,
      s.c_invoicepayschedule_id,
      COALESCE(s.k, 1) AS k,
      COALESCE(s.n, 1) AS n,
      COALESCE(s.due_before, 0) AS due_before,
      COALESCE(s.dueamt, inv.grandtotal) AS line_total,
      s.discountdate,
      s.discountamt,
      COALESCE(CAST(s.duedate AS date),
               CAST(paymenttermduedate(inv.c_paymentterm_id, inv.dateinvoiced) AS date)) AS line_due_date,
      invoiceopen(inv.c_invoice_id, COALESCE(s.c_invoicepayschedule_id, 0)) AS line_open
    FROM inv
    LEFT JOIN sched s ON s.c_invoice_id = inv.c_invoice_id
  )
SELECT
  CASE WHEN l.n > 1 THEN l.c_invoice_id || '#' || l.c_invoicepayschedule_id
       ELSE CAST(l.c_invoice_id AS text) END AS invoice_id,
  CASE WHEN l.n > 1 THEN l.documentno || ' (' || l.k || '/' || l.n || ')' ELSE l.documentno END AS invoice_number,
  l.c_bpartner_id AS customer_id,
  bp.name AS customer_name,
  CAST(l.dateinvoiced AS date) AS issue_date,
  l.line_due_date AS due_date,
  l.line_total AS total,
  l.line_open AS open_amount,
  cur.iso_code AS currency,
  l.changed_at AS updated_at,
  CASE WHEN l.line_open < l.line_total THEN
    COALESCE(
      (SELECT MAX(a.datetrx) FROM alloc a
        WHERE a.c_invoice_id = l.c_invoice_id
          AND a.amount > 0
          AND a.allocated_upto - a.amount < l.due_before + l.line_total
          AND a.allocated_upto > l.due_before),
      (SELECT MAX(a.datetrx) FROM alloc a WHERE a.c_invoice_id = l.c_invoice_id))
  END AS paid_at,
  -- The invoice's contact, else the first active contact of the business partner.
  ct.name AS contact_name,
  ct.email AS contact_email,
  COALESCE(NULLIF(ct.phone, ''), NULLIF(ct.phone2, '')) AS contact_phone,
  COALESCE(rep.name, bprep.name) AS sales_rep,
  -- iDempiere's languages ('zh_CN', 'en_US') as duebot's locales ('zh-CN', 'en-US').
  REPLACE(NULLIF(bp.ad_language, ''), '_', '-') AS customer_locale,
  -- PB-18: an installment's early-payment discount from its schedule row (discountdate / discountamt, in
  -- the invoice's currency); a row without one: 0 and no date. An invoice without a schedule says
  -- nothing here, and the global LETTER_EARLY_DISCOUNT applies.
  CASE WHEN l.discountamt > 0 THEN CAST(l.discountdate AS date) END AS discount_until,
  CASE WHEN l.c_invoicepayschedule_id IS NULL THEN NULL
       WHEN l.discountamt > 0 THEN l.discountamt ELSE 0 END AS discount_amount,
  -- PB-16: no contract late-interest rate per customer in the ledger (a manager sets it in duebot).
  NULL AS interest_percent_per_day
FROM line l
JOIN c_bpartner bp ON bp.c_bpartner_id = l.c_bpartner_id
JOIN c_currency cur ON cur.c_currency_id = l.c_currency_id
LEFT JOIN ad_user ct ON ct.ad_user_id = COALESCE(
  l.ad_user_id,
  (SELECT u.ad_user_id FROM ad_user u
    WHERE u.c_bpartner_id = l.c_bpartner_id AND u.isactive = 'Y'
    ORDER BY u.ad_user_id LIMIT 1))
LEFT JOIN ad_user rep ON rep.ad_user_id = l.salesrep_id
LEFT JOIN ad_user bprep ON bprep.ad_user_id = bp.salesrep_id
