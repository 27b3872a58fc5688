/**
 * How an account has paid so far (PB-02, PB-09): the invoices it settled, when and how late, from the
 * settled items the sync keeps, and the promises to pay it kept and broke (PB-20).
 */
import type { Knex } from 'knex';
import { dateColumn } from '../collections/dates.ts';
import { currencyCode } from '../collections/money.ts';
import { parseInt8 } from '../db.ts';
import { rowsOf } from '../db-queries.ts';

/** A paid invoice: its due date, the business date it was seen settled, and how many days late that was. */
export interface PaidInvoice {
  number: string;
  dueDate: string;
  paidDate: string;
  /** Days after the due date (0 or less: on time). */
  daysLate: number;
  totalMinor: number;
  currency: string;
}

/** A promise whose fate is known. */
export interface PromiseOutcome {
  date: string;
  amountMinor: number;
  paidMinor: number;
  currency: string;
  status: 'kept' | 'partial' | 'broken';
  /** An installment of a payment plan (PB-17). */
  installment: boolean;
}

/** The account's payment record: the newest paid invoices and promises, and how many there are in all. */
export interface PaymentRecord {
  paid: PaidInvoice[];
  paidCount: number;
  /** Paid invoices that were paid after their due date. */
  paidLateCount: number;
  promises: PromiseOutcome[];
  kept: number;
  partial: number;
  broken: number;
}

/** The row sets of the one statement paymentRecord reads (JSON: amounts as text, read with the int8 guard; counts as numbers). */
interface PaymentRecordSets {
  paid: {
    invoice_number: string;
    due_date: string;
    paid_date: string;
    days_late: number;
    total_minor: string;
    currency: string;
  }[];
  paidCounts: { n: number; late: number }[];
  promises: {
    promised_date: string;
    amount_minor: string;
    paid_minor: string;
    currency: string;
    status: string;
    plan_id: number | null;
  }[];
  promiseCounts: { status: string; n: number }[];
}

/** The newest `limit` paid invoices and decided promises of an account, with the counts of all of them. */
export async function paymentRecord(
  db: Knex,
  accountId: number,
  timeZone: string,
  limit = 5,
): Promise<PaymentRecord> {
  const paidDate = db.raw('(settled_at at time zone ?)::date', [timeZone]);
  // One statement, one round trip: a card reads this beside nine other things on a shared pool.
  const [sets] = await db.select({
    paid: rowsOf(
      db,
      db('open_items')
        .where({ customer_id: accountId, status: 'settled' })
        .orderBy([
          { column: 'settled_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(limit)
        .select(
          'invoice_number',
          db.raw('due_date::text as due_date'),
          db.raw('?::text as paid_date', [paidDate]),
          db.raw('(? - due_date)::int as days_late', [paidDate]),
          db.raw('total_minor::text as total_minor'),
          'currency',
          // The order of the newest first, kept in the array (its keys are not read).
          db.raw('settled_at as order_at'),
          db.raw('id as order_id'),
        ),
      'r.order_at DESC, r.order_id DESC',
    ),
    paidCounts: rowsOf(
      db,
      db('open_items')
        .where({ customer_id: accountId, status: 'settled' })
        .select(
          db.raw('count(*)::int as n'),
          db.raw('count(*) filter (where ? > due_date)::int as late', [paidDate]),
        ),
    ),
    promises: rowsOf(
      db,
      db('promises')
        .where({ customer_id: accountId })
        .whereIn('status', ['kept', 'partial', 'broken'])
        .orderBy([
          { column: 'promised_date', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(limit)
        .select(
          db.raw('promised_date::text as promised_date'),
          db.raw('amount_minor::text as amount_minor'),
          db.raw('paid_minor::text as paid_minor'),
          'currency',
          'status',
          'plan_id',
          db.raw('id as order_id'),
        ),
      'r.promised_date DESC, r.order_id DESC',
    ),
    promiseCounts: rowsOf(
      db,
      db('promises')
        .where({ customer_id: accountId })
        .groupBy('status')
        .select('status', db.raw('count(*)::int as n')),
    ),
  });
  const { paid, paidCounts: counted, promises, promiseCounts } = sets as PaymentRecordSets;
  const paidCounts = counted[0];
  const count = (status: string) => Number(promiseCounts.find((r) => r.status === status)?.n ?? 0);
  return {
    paid: paid.map((r) => ({
      number: String(r.invoice_number),
      dueDate: dateColumn(r.due_date),
      paidDate: dateColumn(r.paid_date),
      daysLate: Number(r.days_late),
      totalMinor: parseInt8(r.total_minor),
      currency: currencyCode(r.currency),
    })),
    paidCount: Number(paidCounts?.n ?? 0),
    paidLateCount: Number(paidCounts?.late ?? 0),
    promises: promises.map((r) => ({
      date: dateColumn(r.promised_date),
      amountMinor: parseInt8(r.amount_minor),
      paidMinor: parseInt8(r.paid_minor),
      currency: currencyCode(r.currency),
      status: r.status as PromiseOutcome['status'],
      installment: r.plan_id !== null,
    })),
    kept: count('kept'),
    partial: count('partial'),
    broken: count('broken'),
  };
}
