import type { Knex } from 'knex';
import type { ReceivableItem } from '../../src/collections/receivables-metrics.ts';

/**
 * The reference the SQL aggregates (src/ledger/receivable-aggregates.ts) are tested against: how the jobs
 * read the ledger before them, every item into memory. The synced invoices that matter for balances and sales since `since` (open ones, ones settled after it,
 * ones issued after it), per currency, in the shape the receivables metrics rebuild the past from.
 * Dates are in the business time zone.
 */
export async function loadReceivableItems(
  db: Knex,
  options: { since: string; timeZone: string },
): Promise<Map<string, ReceivableItem[]>> {
  const rows: Record<string, unknown>[] = await db('open_items')
    .where((q) =>
      q
        .where('status', 'open')
        .orWhere('issue_date', '>=', options.since)
        .orWhereRaw('(settled_at at time zone ?)::date >= ?::date', [options.timeZone, options.since]),
    )
    .select(
      'currency',
      'total_minor',
      'open_minor',
      db.raw("to_char(issue_date, 'YYYY-MM-DD') as issue_date"),
      db.raw("to_char(due_date, 'YYYY-MM-DD') as due_date"),
      db.raw("to_char(settled_at at time zone ?, 'YYYY-MM-DD') as settled_on", [options.timeZone]),
      // The open amount last went down when the ledger's payments say (paid_at), else at its last change.
      db.raw(
        "to_char(coalesce(ledger_paid_at, ledger_updated_at) at time zone ?, 'YYYY-MM-DD') as changed_on",
        [options.timeZone],
      ),
    );
  const byCurrency = new Map<string, ReceivableItem[]>();
  for (const r of rows) {
    const currency = String(r.currency);
    const list = byCurrency.get(currency) ?? [];
    list.push({
      issueDate: String(r.issue_date),
      dueDate: String(r.due_date),
      totalMinor: Number(r.total_minor),
      openMinor: Number(r.open_minor),
      settledOn: r.settled_on === null ? null : String(r.settled_on),
      changedOn: String(r.changed_on),
    });
    byCurrency.set(currency, list);
  }
  return new Map([...byCurrency.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
