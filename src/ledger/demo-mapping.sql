-- Mapping of the demo ledger (schema "ledger") to the columns duebot reads.
-- Copy this file as the starting point for your own accounting database.
-- Paid invoices (open_amount 0) are returned too, so the sync can mark them settled.
SELECT
  i.id AS invoice_id,
  i.number AS invoice_number,
  c.id AS customer_id,
  c.name AS customer_name,
  i.issue_date AS issue_date,
  i.due_date AS due_date,
  i.total AS total,
  i.open_amount AS open_amount,
  i.currency AS currency,
  i.updated_at AS updated_at,
  c.contact_name AS contact_name,
  c.contact_email AS contact_email,
  c.contact_phone AS contact_phone,
  c.sales_rep AS sales_rep,
  c.locale AS customer_locale
FROM ledger.invoices i
JOIN ledger.customers c ON c.id = i.customer_id
WHERE i.updated_at > :watermark
