/**
 * The sync's writes into the bot database: one multi-row upsert per batch (unnest of arrays) for
 * customers and open items that writes only rows whose content differs, and the full-sync reconcile.
 */
import type { Knex } from 'knex';
import type { LedgerItem } from './types.ts';

/** What one batch changed. */
export interface BatchResult {
  itemsChanged: number;
  customersChanged: number;
  /** Items that went from open to settled in this batch (PB: paid in the ledger). */
  itemsSettled: number;
}

/** One row per invoice (the latest change wins) so that a statement never updates a row twice. */
function latestPerKey(items: LedgerItem[], key: (item: LedgerItem) => string): LedgerItem[] {
  const latest = new Map<string, LedgerItem>();
  for (const item of items) {
    const seen = latest.get(key(item));
    if (!seen || seen.updatedAt.getTime() <= item.updatedAt.getTime()) latest.set(key(item), item);
  }
  return [...latest.values()];
}

const CUSTOMERS_SQL = `
  INSERT INTO customers AS c (external_id, name, contact_name, contact_email, contact_phone, sales_rep, locale)
  SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
  ON CONFLICT (external_id) DO UPDATE SET
    name = excluded.name, contact_name = excluded.contact_name, contact_email = excluded.contact_email,
    contact_phone = excluded.contact_phone, sales_rep = excluded.sales_rep, locale = excluded.locale,
    updated_at = now()
  WHERE (c.name, c.contact_name, c.contact_email, c.contact_phone, c.sales_rep, c.locale)
    IS DISTINCT FROM (excluded.name, excluded.contact_name, excluded.contact_email, excluded.contact_phone,
                      excluded.sales_rep, excluded.locale)
  RETURNING c.id`;

const ITEM_DIFFERS = `(o.customer_id, o.invoice_number, o.issue_date, o.due_date, o.total_minor, o.open_minor,
    o.currency, o.status)
  IS DISTINCT FROM (excluded.customer_id, excluded.invoice_number, excluded.issue_date, excluded.due_date,
    excluded.total_minor, excluded.open_minor, excluded.currency, excluded.status)`;

// An item with nothing left open is settled as of the ledger's change; one that opens again (a reversed
// payment or credit) goes back to open with no settled date (the open_items_settled constraint).
// Only rows whose content differs are written: unchanged rows keep their updated_at.
const ITEMS_SQL = `
  WITH input AS (
    SELECT t.*, c.id AS customer_id
    FROM unnest(?::text[], ?::text[], ?::text[], ?::date[], ?::date[], ?::bigint[], ?::bigint[], ?::text[],
                ?::timestamptz[])
      AS t(external_id, customer_external_id, invoice_number, issue_date, due_date, total_minor, open_minor,
           currency, ledger_updated_at)
    JOIN customers c ON c.external_id = t.customer_external_id
  ),
  old AS (SELECT o.external_id, o.status FROM open_items o JOIN input USING (external_id)),
  up AS (
    INSERT INTO open_items AS o (external_id, customer_id, invoice_number, issue_date, due_date, total_minor,
      open_minor, currency, ledger_updated_at, status, settled_at, last_seen_sync)
    SELECT external_id, customer_id, invoice_number, issue_date, due_date, total_minor, open_minor, currency,
      ledger_updated_at,
      CASE WHEN open_minor = 0 THEN 'settled' ELSE 'open' END,
      CASE WHEN open_minor = 0 THEN ledger_updated_at END,
      ?::bigint
    FROM input
    ON CONFLICT (external_id) DO UPDATE SET
      customer_id = excluded.customer_id, invoice_number = excluded.invoice_number,
      issue_date = excluded.issue_date, due_date = excluded.due_date, total_minor = excluded.total_minor,
      open_minor = excluded.open_minor, currency = excluded.currency,
      ledger_updated_at = excluded.ledger_updated_at,
      status = excluded.status,
      settled_at = CASE WHEN excluded.status = 'settled' AND o.status = 'settled' THEN o.settled_at
                        ELSE excluded.settled_at END,
      last_seen_sync = excluded.last_seen_sync,
      updated_at = now()
    WHERE ${ITEM_DIFFERS}
    RETURNING o.external_id, o.status
  )
  SELECT count(*) AS changed,
         count(*) FILTER (WHERE up.status = 'settled' AND old.status = 'open') AS settled
  FROM up LEFT JOIN old USING (external_id)`;

/** A column of values as one array binding (pg and PGlite both send JS arrays as Postgres arrays). */
const column = <T>(rows: LedgerItem[], pick: (item: LedgerItem) => T): Knex.Value =>
  rows.map(pick) as Knex.Value;

function firstRow(result: unknown): Record<string, unknown> {
  const rows = (result as { rows?: Record<string, unknown>[] }).rows;
  return rows?.[0] ?? {};
}

/** A customer's fields as the ledger gave them, to skip customers already written in this run. */
const customerKey = (i: LedgerItem) =>
  JSON.stringify([
    i.customerName,
    i.contactName,
    i.contactEmail,
    i.contactPhone,
    i.salesRep,
    i.customerLocale,
  ]);

/**
 * Upserts one batch of valid items and their customers in the caller's transaction. `written` remembers
 * the customers this run already wrote (a customer has many invoices, spread over many batches).
 */
export async function writeBatch(
  trx: Knex.Transaction,
  items: LedgerItem[],
  runId: number,
  written: Map<string, string>,
): Promise<BatchResult> {
  if (items.length === 0) return { itemsChanged: 0, customersChanged: 0, itemsSettled: 0 };
  const customers = latestPerKey(items, (i) => i.customerId).filter(
    (c) => written.get(c.customerId) !== customerKey(c),
  );
  const customerResult =
    customers.length === 0
      ? { rows: [] }
      : await trx.raw(CUSTOMERS_SQL, [
          column(customers, (c) => c.customerId),
          column(customers, (c) => c.customerName),
          column(customers, (c) => c.contactName),
          column(customers, (c) => c.contactEmail),
          column(customers, (c) => c.contactPhone),
          column(customers, (c) => c.salesRep),
          column(customers, (c) => c.customerLocale),
        ]);
  for (const c of customers) written.set(c.customerId, customerKey(c));
  const unique = latestPerKey(items, (i) => i.invoiceId);
  const itemResult = await trx.raw(ITEMS_SQL, [
    column(unique, (i) => i.invoiceId),
    column(unique, (i) => i.customerId),
    column(unique, (i) => i.invoiceNumber),
    column(unique, (i) => i.issueDate),
    column(unique, (i) => i.dueDate),
    column(unique, (i) => i.totalMinor),
    column(unique, (i) => i.openMinor),
    column(unique, (i) => i.currency),
    column(unique, (i) => i.updatedAt.toISOString()),
    runId,
  ]);
  const counts = firstRow(itemResult);
  return {
    itemsChanged: Number(counts.changed ?? 0),
    itemsSettled: Number(counts.settled ?? 0),
    customersChanged: ((customerResult as { rows?: unknown[] }).rows ?? []).length,
  };
}

/**
 * Full sync: the invoice ids read are kept in a temporary table of the sync's own session (skipped
 * rows included: the ledger still has them), so the reconcile needs no write to unchanged items.
 */
export async function createSeenTable(trx: Knex.Transaction, table: string): Promise<void> {
  await trx.raw(`CREATE TEMPORARY TABLE ${table} (external_id text NOT NULL) ON COMMIT PRESERVE ROWS`);
}

/** Adds the invoice ids of one batch to the seen table. */
export async function markSeen(trx: Knex.Transaction, table: string, invoiceIds: string[]): Promise<void> {
  if (invoiceIds.length === 0) return;
  await trx.raw(`INSERT INTO ${table} (external_id) SELECT unnest(?::text[])`, [invoiceIds as Knex.Value]);
}

/** Full sync reconcile: every open item the ledger no longer returns is settled as of `at`. */
export async function settleUnseen(trx: Knex.Transaction, table: string, at: Date): Promise<number> {
  await trx.raw(`ANALYZE ${table}`);
  const result = await trx.raw(
    `UPDATE open_items o SET status = 'settled', settled_at = ?, updated_at = now()
     WHERE o.status = 'open' AND NOT EXISTS (SELECT 1 FROM ${table} s WHERE s.external_id = o.external_id)`,
    [at.toISOString()],
  );
  return Number((result as { rowCount?: unknown }).rowCount ?? 0);
}
