import type { Knex } from 'knex';

/** Open receivables of one currency, as synced. */
export interface CurrencyTotals {
  currency: string;
  openItems: number;
  openMinor: number;
  overdueItems: number;
  overdueMinor: number;
  customers: number;
}

/** Totals of open items per currency (never mixed), with what is overdue as of `today`. */
export async function openTotals(db: Knex, today: string): Promise<CurrencyTotals[]> {
  const rows = await db('open_items')
    .where({ status: 'open' })
    .groupBy('currency')
    .orderBy('currency')
    .select(
      'currency',
      db.raw('count(*)::int8 as open_items'),
      db.raw('coalesce(sum(open_minor), 0)::int8 as open_minor'),
      db.raw('count(*) filter (where due_date < ?::date)::int8 as overdue_items', [today]),
      db.raw('coalesce(sum(open_minor) filter (where due_date < ?::date), 0)::int8 as overdue_minor', [
        today,
      ]),
      db.raw('count(distinct customer_id)::int8 as customers'),
    );
  return rows.map((r: Record<string, unknown>) => ({
    currency: String(r.currency),
    openItems: Number(r.open_items),
    openMinor: Number(r.open_minor),
    overdueItems: Number(r.overdue_items),
    overdueMinor: Number(r.overdue_minor),
    customers: Number(r.customers),
  }));
}
