-- duebot ledger preset: Dolibarr 20 on MariaDB / MySQL (tables with the default prefix llx_).
--
-- Copy this file as the starting point of your own LEDGER_MAPPING if you need to adapt it (another
-- table prefix: replace every "llx_", here too); the lines starting "-- @" are read by duebot before
-- any row is read:
-- @tables llx_facture, llx_paiement, llx_paiement_facture, llx_societe_remise_except, llx_societe, llx_socpeople, llx_element_contact, llx_c_type_contact, llx_societe_commerciaux, llx_const, llx_user
-- @param entity: SELECT e.entity, COALESCE((SELECT c.value FROM llx_const c WHERE c.name = 'MAIN_INFO_SOCIETE_NOM' AND c.entity = e.entity ORDER BY c.rowid LIMIT 1), '') AS company FROM (SELECT DISTINCT f.entity FROM llx_facture f WHERE f.type IN (0, 1, 3, 5) AND f.fk_statut IN (1, 2)) e ORDER BY e.entity
--   (the entities with validated invoices, each with its company name: without the multi-company
--   module there is one and no LEDGER_PARAMS is needed; with several, set LEDGER_PARAMS=entity=<id>)
--
-- Parameters (written in the query with a leading colon; never in a comment, where a binder would
-- count them too)
--   watermark   bound by the sync: rows whose invoice or payments changed after it.
--   entity      the Dolibarr entity (company) id, llx_facture.entity, given as LEDGER_PARAMS=entity=1
--               or found by the @param line above. duebot always binds a value; a copy run elsewhere
--               with NULL reads every entity.
--
-- One row per invoice (Dolibarr has one due date per invoice, date_lim_reglement): id llx_facture.rowid,
-- number llx_facture.ref.
--
-- What counts
--   * validated (fk_statut 1) and closed (2) standard, replacement, deposit and situation invoices
--     (type 0, 1, 3, 5): drafts (0) and abandoned invoices (3, e.g. replaced) are not returned, nor
--     credit notes (type 2) and proformas (4);
--   * a closed invoice (paid, or closed with a discount or as bad debt: close_code) owes nothing;
--   * open amount as Dolibarr's getRemainToPay(): total_ttc less the payments (llx_paiement_facture)
--     less the credit notes, excess received and deposits applied to it (llx_societe_remise_except
--     rows with fk_facture = the invoice). A credit note not applied to any invoice is not an item.
--
-- Amounts are in the currency the customer was invoiced in: the multicurrency_* amounts when the
-- invoice's multicurrency_code is not the company currency (llx_const MAIN_MONNAIE), else the
-- company currency amounts. Dolibarr stores amounts as DOUBLE: they are rounded to 6 decimals here.
--
-- customer_time_zone and next_delivery_date are not returned (read as NULL): Dolibarr keeps no time zone per third party and no
-- delivery plan, so PB-24 uses DUEBOT_CUSTOMER_TIME_ZONE(_OVERRIDES) and PB-15 plans no call.
-- paid_at: the date of the latest payment (llx_paiement.datep); for an invoice closed without any
-- payment (settled by credit notes), when it was closed (date_closing).
--
-- updated_at (the watermark): the later of the invoice's tms and its payments' tms. A partial payment
-- does not touch llx_facture, so the payment's tms is what moves. Applying a credit note leaves no
-- newer timestamp anywhere: the periodic full sync (SYNC_FULL_EVERY_HOURS) picks that up.
SELECT
  f.rowid AS invoice_id,
  f.ref AS invoice_number,
  s.rowid AS customer_id,
  s.nom AS customer_name,
  f.datef AS issue_date,
  f.date_lim_reglement AS due_date,
  CASE WHEN x.foreign_currency THEN x.total_foreign ELSE x.total_main END AS total,
  CASE
    WHEN f.fk_statut = 2 THEN 0
    WHEN x.foreign_currency THEN x.total_foreign - x.paid_foreign - x.credited_foreign
    ELSE x.total_main - x.paid_main - x.credited_main
  END AS open_amount,
  CASE WHEN x.foreign_currency THEN f.multicurrency_code ELSE x.main_currency END AS currency,
  GREATEST(f.tms, COALESCE(x.payments_changed, f.tms)) AS updated_at,
  COALESCE(x.last_payment, CASE WHEN f.fk_statut = 2 THEN f.date_closing END) AS paid_at,
  -- The invoice's billing contact, else the customer's own e-mail and phone.
  COALESCE(NULLIF(TRIM(CONCAT_WS(' ', bc.firstname, bc.lastname)), ''), s.nom) AS contact_name,
  COALESCE(NULLIF(bc.email, ''), NULLIF(s.email, '')) AS contact_email,
  COALESCE(NULLIF(bc.phone_mobile, ''), NULLIF(bc.phone, ''), NULLIF(s.phone, '')) AS contact_phone,
  -- The invoice's internal "sales representative follow-up" contact, else the customer's sales rep.
  COALESCE(
    (SELECT NULLIF(TRIM(CONCAT_WS(' ', u.firstname, u.lastname)), '')
       FROM llx_element_contact ec
       JOIN llx_c_type_contact tc ON tc.rowid = ec.fk_c_type_contact
       JOIN llx_user u ON u.rowid = ec.fk_socpeople
      WHERE ec.element_id = f.rowid AND tc.element = 'facture' AND tc.source = 'internal'
        AND tc.code = 'SALESREPFOLL'
      ORDER BY ec.rowid LIMIT 1),
    (SELECT NULLIF(TRIM(CONCAT_WS(' ', u.firstname, u.lastname)), '')
       FROM llx_societe_commerciaux sc
       JOIN llx_user u ON u.rowid = sc.fk_user
      WHERE sc.fk_soc = s.rowid
      ORDER BY sc.rowid LIMIT 1)
  ) AS sales_rep,
  -- Dolibarr's languages ('zh_CN', 'fr_FR') as duebot's locales ('zh-CN', 'fr-FR').
  REPLACE(NULLIF(s.default_lang, ''), '_', '-') AS customer_locale,
  -- PB-18: Dolibarr keeps no early-payment discount terms per invoice: the global
  -- policy applies (LETTER_EARLY_DISCOUNT).
  NULL AS discount_until,
  NULL AS discount_amount,
  -- PB-16: no contract late-interest rate per customer in the ledger (a manager sets it in duebot).
  NULL AS interest_percent_per_day
FROM llx_facture f
JOIN llx_societe s ON s.rowid = f.fk_soc
JOIN (
  -- Per invoice: its totals, what was paid and credited in both currencies, and its payments' dates.
  SELECT
    i.rowid,
    (SELECT c.value FROM llx_const c
      WHERE c.name = 'MAIN_MONNAIE' AND c.entity IN (0, i.entity)
      ORDER BY c.entity DESC LIMIT 1) AS main_currency,
    (COALESCE(i.multicurrency_code, '') <> ''
      AND i.multicurrency_code <> COALESCE(
        (SELECT c.value FROM llx_const c
          WHERE c.name = 'MAIN_MONNAIE' AND c.entity IN (0, i.entity)
          ORDER BY c.entity DESC LIMIT 1), '')) AS foreign_currency,
    CAST(i.total_ttc AS DECIMAL(24, 6)) AS total_main,
    CAST(i.multicurrency_total_ttc AS DECIMAL(24, 6)) AS total_foreign,
    COALESCE((SELECT SUM(CAST(pf.amount AS DECIMAL(24, 6))) FROM llx_paiement_facture pf
               WHERE pf.fk_facture = i.rowid), 0) AS paid_main,
    COALESCE((SELECT SUM(CAST(pf.multicurrency_amount AS DECIMAL(24, 6))) FROM llx_paiement_facture pf
               WHERE pf.fk_facture = i.rowid), 0) AS paid_foreign,
    COALESCE((SELECT SUM(CAST(rc.amount_ttc AS DECIMAL(24, 6)))
                FROM llx_societe_remise_except rc
                JOIN llx_facture src ON src.rowid = rc.fk_facture_source
               WHERE rc.fk_facture = i.rowid AND src.type IN (0, 2, 3, 5)), 0) AS credited_main,
    COALESCE((SELECT SUM(CAST(rc.multicurrency_amount_ttc AS DECIMAL(24, 6)))
                FROM llx_societe_remise_except rc
                JOIN llx_facture src ON src.rowid = rc.fk_facture_source
               WHERE rc.fk_facture = i.rowid AND src.type IN (0, 2, 3, 5)), 0) AS credited_foreign,
    (SELECT MAX(p.datep) FROM llx_paiement_facture pf JOIN llx_paiement p ON p.rowid = pf.fk_paiement
      WHERE pf.fk_facture = i.rowid) AS last_payment,
    (SELECT MAX(p.tms) FROM llx_paiement_facture pf JOIN llx_paiement p ON p.rowid = pf.fk_paiement
      WHERE pf.fk_facture = i.rowid) AS payments_changed
  FROM (
    -- Invoices changed after the watermark, and those with a payment that did. Each branch compares one
    -- table's own tms (an OR of them would read every invoice), so that an index on it serves: Dolibarr
    -- has idx_facture_tms; the README's Dolibarr section gives the one on llx_paiement.
    SELECT c.rowid FROM llx_facture c WHERE c.tms > :watermark
    UNION
    SELECT wpf.fk_facture
      FROM llx_paiement wp
      JOIN llx_paiement_facture wpf ON wpf.fk_paiement = wp.rowid
     WHERE wp.tms > :watermark
  ) changed
  JOIN llx_facture i ON i.rowid = changed.rowid
  WHERE i.type IN (0, 1, 3, 5)
    AND i.fk_statut IN (1, 2)
    AND (:entity IS NULL OR i.entity = :entity)
) x ON x.rowid = f.rowid
-- The invoice's external billing contact (the first one when there are several).
LEFT JOIN llx_socpeople bc ON bc.rowid = (
  SELECT ec.fk_socpeople
    FROM llx_element_contact ec
    JOIN llx_c_type_contact tc ON tc.rowid = ec.fk_c_type_contact
   WHERE ec.element_id = f.rowid AND tc.element = 'facture' AND tc.source = 'external'
     AND tc.code = 'BILLING'
   ORDER BY ec.rowid LIMIT 1)
