import type { Knex } from 'knex';

/**
 * Every stored worklist column, by account, in a form toEqual compares exactly; all but assessed_on, the
 * day the row was last assessed, which the day turn leaves as it was on a row not due (PB-01).
 */
export async function storedWorklist(db: Knex): Promise<Record<string, unknown>[]> {
  const rows = await db('account_summary').select('*').orderBy('customer_id');
  return rows.map((r: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(r)
        .filter(([k]) => k !== 'assessed_on')
        .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
    ),
  );
}
