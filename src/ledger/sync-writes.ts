/**
 * The sync's writes into the bot database: one multi-row upsert per batch (unnest of a handful of array
 * parameters) for customers and open items that writes only rows whose content differs, and the
 * full-sync reconcile.
 */
import type { Knex } from 'knex';
import { type CustomerIds, upsertCustomers } from './sync-customers.ts';
import type { LedgerItem } from './types.ts';

/** What one batch changed. */
export interface BatchResult {
  itemsChanged: number;
  customersChanged: number;
  /** Items that went from open to settled in this batch (PB: paid in the ledger). */
  itemsSettled: number;
}

/** One row per invoice (the latest change wins) so that a statement never updates a row twice. */
function latestPerInvoice(items: LedgerItem[]): LedgerItem[] {
  const latest = new Map<string, LedgerItem>();
  for (const item of items) {
    const seen = latest.get(item.invoiceId);
    if (!seen || seen.updatedAt.getTime() <= item.updatedAt.getTime()) latest.set(item.invoiceId, item);
  }
  return latest.size === items.length ? items : [...latest.values()];
}

const ITEM_COLUMNS = `customer_id, invoice_number, issue_date, due_date, total_minor, open_minor, currency, status`;

// An item with nothing left open is settled as of the ledger's change; one that opens again (a reversed
// payment or credit) goes back to open with no settled date (the open_items_settled constraint).
// Rows equal to the stored item are dropped before the upsert (`changed`), so an unchanged ledger costs
// one index lookup per row and no write or row lock; the upsert's WHERE still guards against a
// concurrent sync having written the same item meanwhile.
const ITEMS_SQL = `
  WITH input AS (
    SELECT t.*, CASE WHEN t.open_minor = 0 THEN 'settled' ELSE 'open' END AS status
    FROM unnest(?::text[], ?::bigint[], ?::text[], ?::date[], ?::date[], ?::bigint[], ?::bigint[], ?::text[],
                ?::timestamptz[])
      AS t(external_id, customer_id, invoice_number, issue_date, due_date, total_minor, open_minor, currency,
           ledger_updated_at)
  ),
  old AS (
    SELECT o.external_id, ${ITEM_COLUMNS.replace(/(\w+)/g, 'o.$1')}
    FROM open_items o WHERE o.external_id = ANY(?::text[])
  ),
  changed AS (
    SELECT i.*, old.status AS old_status
    FROM input i LEFT JOIN old ON old.external_id = i.external_id
    WHERE old.external_id IS NULL
       OR (${ITEM_COLUMNS.replace(/(\w+)/g, 'old.$1')}) IS DISTINCT FROM (${ITEM_COLUMNS.replace(/(\w+)/g, 'i.$1')})
  ),
  up AS (
    INSERT INTO open_items AS o (external_id, customer_id, invoice_number, issue_date, due_date, total_minor,
      open_minor, currency, ledger_updated_at, status, settled_at, last_seen_sync)
    SELECT external_id, customer_id, invoice_number, issue_date, due_date, total_minor, open_minor, currency,
      ledger_updated_at, status, CASE WHEN status = 'settled' THEN ledger_updated_at END, ?::bigint
    FROM changed
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
    WHERE (${ITEM_COLUMNS.replace(/(\w+)/g, 'o.$1')})
      IS DISTINCT FROM (${ITEM_COLUMNS.replace(/(\w+)/g, 'excluded.$1')})
    RETURNING o.external_id, o.status
  )
  SELECT count(*) AS changed,
         count(*) FILTER (WHERE up.status = 'settled' AND changed.old_status = 'open') AS settled
  FROM up JOIN changed USING (external_id)`;

function firstRow(result: unknown): Record<string, unknown> {
  const rows = (result as { rows?: Record<string, unknown>[] }).rows;
  return rows?.[0] ?? {};
}

/**
 * Upserts one batch of valid items and their customers in the caller's transaction. `customers`
 * remembers the customers this run already wrote and their ids (a customer has many invoices, spread
 * over many batches).
 */
export async function writeBatch(
  trx: Knex.Transaction,
  items: LedgerItem[],
  runId: number,
  customers: CustomerIds,
): Promise<BatchResult> {
  if (items.length === 0) return { itemsChanged: 0, customersChanged: 0, itemsSettled: 0 };
  const customersChanged = await upsertCustomers(trx, items, customers);
  const unique = latestPerInvoice(items);
  const n = unique.length;
  const ids = new Array<string>(n);
  const customerIds = new Array<number>(n);
  const numbers = new Array<string>(n);
  const issued = new Array<string>(n);
  const due = new Array<string>(n);
  const totals = new Array<number>(n);
  const open = new Array<number>(n);
  const currencies = new Array<string>(n);
  const updated = new Array<string>(n);
  for (let k = 0; k < n; k++) {
    const i = unique[k] as LedgerItem;
    ids[k] = i.invoiceId;
    customerIds[k] = customers.get(i.customerId)?.id ?? 0;
    numbers[k] = i.invoiceNumber;
    issued[k] = i.issueDate;
    due[k] = i.dueDate;
    totals[k] = i.totalMinor;
    open[k] = i.openMinor;
    currencies[k] = i.currency;
    updated[k] = i.updatedAt.toISOString();
  }
  const itemResult = await trx.raw(ITEMS_SQL, [
    ...([ids, customerIds, numbers, issued, due, totals, open, currencies, updated, ids] as Knex.Value[]),
    runId,
  ]);
  const counts = firstRow(itemResult);
  return {
    itemsChanged: Number(counts.changed ?? 0),
    itemsSettled: Number(counts.settled ?? 0),
    customersChanged,
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
