/**
 * PB-28: the credit meeting's aging chart, drawn when the outbox delivers the meeting's parent post, not in
 * the meeting's transaction (the chart library takes seconds to load and draw): from the bucket totals the
 * parent states (carried in the post) and the most overdue accounts on the agenda, read from the worklist
 * by the agenda's definition (worklist/meeting-agenda.ts), days counted as of the meeting's day.
 */
import type { Knex } from 'knex';
import { agingBuckets, bucketFor } from '../collections/aging.ts';
import { currencyDigits } from '../collections/money.ts';
import { AGENDA_WHERE, agendaDefinition } from '../worklist/meeting-agenda.ts';
import type { FileAttachment, GeneratedChart } from '../views/model.ts';

/** The accounts the chart draws: the most overdue (it shows 25, and says "top" when there are more). */
async function chartAccounts(db: Knex, meetingId: number): Promise<{ name: string; days: number }[]> {
  const def = await agendaDefinition(db, meetingId);
  if (!def) return [];
  const { rows } = (await db.raw(
    `SELECT c.name, :heldOn::date - s.oldest_due AS days
     FROM account_summary s JOIN customers c ON c.id = s.customer_id
     WHERE ${AGENDA_WHERE}
     ORDER BY s.oldest_due, s.customer_id
     LIMIT 26`,
    { cutoff: def.cutoff, heldOn: def.heldOn },
  )) as { rows: { name: string; days: number }[] };
  return rows.map((r) => ({ name: String(r.name), days: Number(r.days) }));
}

/** Draws the chart a meeting's parent names (a PNG). */
export async function meetingChartFile(db: Knex, file: GeneratedChart): Promise<FileAttachment> {
  const buckets = agingBuckets();
  const accounts = await chartAccounts(db, file.meetingId);
  // Loaded when a chart is drawn (monthly), not at every start: vega and resvg take seconds to import.
  const { renderAgingChart } = await import('./aging-chart.ts');
  const title = file.title ?? file.filename;
  const data = await renderAgingChart({
    title,
    bucketOrder: buckets.map((b) => b.label),
    buckets: file.aging.flatMap((a) =>
      buckets.map((b) => ({
        currency: a.currency,
        bucket: b.label,
        amount: (a.buckets[b.id] ?? 0) / 10 ** currencyDigits(a.currency),
      })),
    ),
    accounts: accounts.map((a) => ({ name: a.name, days: a.days, bucket: bucketFor(a.days, buckets).label })),
  });
  return { filename: file.filename, mimeType: 'image/png', data, title };
}
