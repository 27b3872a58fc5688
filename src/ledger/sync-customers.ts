/**
 * The customers half of a sync batch: upserts the customers a batch names and hands back their bot-DB
 * ids, remembering them for the rest of the run so that the open-items upsert needs no join (a hash join
 * over every customer per batch was most of a batch's time on a 50,000-customer ledger).
 */
import type { Knex } from 'knex';
import type { LedgerItem } from './types.ts';

/** Customers this run has written or found: external id -> the row they were written from and the bot-DB id. */
export type CustomerIds = Map<string, { from: LedgerItem; id: number }>;

/** True when two ledger rows give a customer the same fields (then there is nothing to write). */
const sameCustomer = (a: LedgerItem, b: LedgerItem): boolean =>
  a.customerName === b.customerName &&
  a.contactName === b.contactName &&
  a.contactEmail === b.contactEmail &&
  a.contactPhone === b.contactPhone &&
  a.salesRep === b.salesRep &&
  a.customerLocale === b.customerLocale;

// Writes only customers whose fields differ, and returns the id of every customer of the batch: the
// changed ones from the upsert, the others by an index lookup (`= ANY`, never a scan of all customers).
const CUSTOMERS_SQL = `
  WITH input AS (
    SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
      AS t(external_id, name, contact_name, contact_email, contact_phone, sales_rep, locale)
  ),
  up AS (
    INSERT INTO customers AS c (external_id, name, contact_name, contact_email, contact_phone, sales_rep, locale)
    SELECT * FROM input
    ON CONFLICT (external_id) DO UPDATE SET
      name = excluded.name, contact_name = excluded.contact_name, contact_email = excluded.contact_email,
      contact_phone = excluded.contact_phone, sales_rep = excluded.sales_rep, locale = excluded.locale,
      updated_at = now()
    WHERE (c.name, c.contact_name, c.contact_email, c.contact_phone, c.sales_rep, c.locale)
      IS DISTINCT FROM (excluded.name, excluded.contact_name, excluded.contact_email, excluded.contact_phone,
                        excluded.sales_rep, excluded.locale)
    RETURNING c.external_id, c.id
  )
  SELECT external_id, id, true AS changed FROM up
  UNION ALL
  SELECT c.external_id, c.id, false FROM customers c
  WHERE c.external_id = ANY(?::text[]) AND c.external_id NOT IN (SELECT external_id FROM up)`;

const rowsOf = (result: unknown) =>
  ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as {
    external_id: string;
    id: number | string;
    changed: boolean;
  }[];

/**
 * Makes sure every customer of `items` exists with the ledger's fields and that `known` holds its id;
 * returns how many customers changed. The latest row of a customer in the batch wins.
 */
export async function upsertCustomers(
  trx: Knex.Transaction,
  items: LedgerItem[],
  known: CustomerIds,
): Promise<number> {
  const pending = new Map<string, LedgerItem>();
  for (const item of items) {
    const seen = pending.get(item.customerId);
    if (seen) {
      if (seen.updatedAt.getTime() <= item.updatedAt.getTime()) pending.set(item.customerId, item);
      continue;
    }
    const cached = known.get(item.customerId);
    if (cached && sameCustomer(cached.from, item)) continue;
    pending.set(item.customerId, item);
  }
  if (pending.size === 0) return 0;
  const customers = [...pending.values()];
  const ids = customers.map((c) => c.customerId);
  const pick = (f: (i: LedgerItem) => string | null) => customers.map(f) as Knex.Value;
  const result = await trx.raw(CUSTOMERS_SQL, [
    ids,
    pick((i) => i.customerName),
    pick((i) => i.contactName),
    pick((i) => i.contactEmail),
    pick((i) => i.contactPhone),
    pick((i) => i.salesRep),
    pick((i) => i.customerLocale),
    ids,
  ]);
  let changed = 0;
  const found = new Map<string, number>();
  for (const row of rowsOf(result)) {
    found.set(row.external_id, Number(row.id));
    if (row.changed) changed += 1;
  }
  // NOTE: a customer another sync inserted after this statement's snapshot is neither returned by the
  // upsert nor visible to its lookup; a second statement (a new snapshot) sees it.
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    const late = await trx('customers').whereIn('external_id', missing).select('external_id', 'id');
    for (const row of late as { external_id: string; id: number | string }[]) {
      found.set(row.external_id, Number(row.id));
    }
  }
  for (const item of customers) {
    const id = found.get(item.customerId);
    if (id === undefined) throw new Error(`customer ${item.customerId} was neither written nor found`);
    known.set(item.customerId, { from: item, id });
  }
  return changed;
}
