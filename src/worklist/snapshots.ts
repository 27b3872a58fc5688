import type { Knex } from 'knex';
import type { AccountSnapshot, OpenItem, PromiseRecord, SettledItem } from '../collections/account.ts';
import type { Pause } from '../collections/ladder.ts';
import { parseInt8 } from '../db.ts';
import { rowsOf } from '../db-queries.ts';
import { clockStoppedSql, disputedItemSql } from './disputes.ts';
import { pauseWhy } from './pauses.ts';

/** How far back settled invoices are loaded by default: the playbook's grading window (PB-09). */
const HISTORY_MONTHS = 24;

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** The row sets of one snapshot statement as JSON gives them: dates 'YYYY-MM-DD', money as text. */
interface SnapshotSets {
  customers: { id: number; name: string; ledger_interest_percent: string | null }[];
  open: {
    id: number;
    customer_id: number;
    invoice_number: string;
    issue_date: string;
    due_date: string;
    total_minor: string;
    open_minor: string;
    currency: string;
    disputed: boolean;
    clock_stopped_days: number;
  }[];
  settled: {
    customer_id: number;
    invoice_number: string;
    due_date: string;
    total_minor: string;
    currency: string;
    paid_date: string;
  }[];
  promises: {
    customer_id: number;
    promised_date: string;
    amount_minor: string;
    currency: string;
    status: PromiseRecord['status'];
  }[];
  pauses: {
    customer_id: number;
    open_item_id: number | null;
    reason: string | null;
    reason_note: unknown;
    until: string | null;
  }[];
  states: {
    customer_id: number;
    escalations: number;
    interest_rate_per_day: string | null;
    key_account_exempt: boolean;
    habitual_late_payer: boolean;
    last_contact: string | null;
    escalated_on: string | null;
  }[];
  firsts: { customer_id: number; first_issue: string }[];
}

/**
 * PB-16: the customer's contract interest rate: the one a manager set in duebot, else the ledger's
 * (interest_percent_per_day, percent a day, as "0.03%"), else null (the policy's default applies).
 */
export function contractRate(manager: string | null, ledger: string | null): string | null {
  if (manager) return manager;
  return ledger ? `${ledger}%` : null;
}

/** JSON carries bigints as doubles: money travels as text and is read back with the int8 guard. */
const minor = (value: string | number): number => parseInt8(String(value));

/**
 * Builds the domain's view of accounts from the bot database: open items with disputes and pauses,
 * recent payment history, promises, escalations and the last contact, with dates in the business time zone.
 * One statement whatever the number of accounts (an account card needs one round trip, not seven).
 */
export async function loadSnapshots(
  db: Knex,
  accountIds: number[],
  today: string,
  timeZone: string,
  /** Settled invoices this many months back (the policy's grade.historyMonths; PB-09/10/11 judge by them). */
  historyMonths: number = HISTORY_MONTHS,
): Promise<AccountSnapshot[]> {
  if (accountIds.length === 0) return [];
  const [sets] = await db.select({
    customers: rowsOf(
      db,
      db('customers').whereIn('id', accountIds).select('id', 'name', 'ledger_interest_percent'),
    ),
    open: rowsOf(
      db,
      db('open_items')
        .whereIn('customer_id', accountIds)
        .where('status', 'open')
        .select(
          'id',
          'customer_id',
          'invoice_number',
          'issue_date',
          'due_date',
          db.raw('total_minor::text as total_minor'),
          db.raw('open_minor::text as open_minor'),
          'currency',
          // PB-21: held by a dispute (open, or awaiting its credit note), and days its clock stood still.
          db.raw(`${disputedItemSql('open_items')} as disputed`),
          db.raw(`${clockStoppedSql('open_items')} as clock_stopped_days`, [timeZone, timeZone]),
        ),
    ),
    settled: rowsOf(
      db,
      db('open_items')
        .whereIn('customer_id', accountIds)
        .where('status', 'settled')
        .whereRaw(`settled_at >= (?::date - make_interval(months => ?))`, [
          today,
          Math.max(0, Math.trunc(historyMonths)),
        ])
        .select(
          'customer_id',
          'invoice_number',
          'due_date',
          db.raw('total_minor::text as total_minor'),
          'currency',
          db.raw('(settled_at at time zone ?)::date as paid_date', [timeZone]),
        ),
    ),
    promises: rowsOf(
      db,
      db('promises')
        .whereIn('customer_id', accountIds)
        .select(
          'customer_id',
          'promised_date',
          db.raw('amount_minor::text as amount_minor'),
          'currency',
          'status',
        ),
    ),
    pauses: rowsOf(
      db,
      db('pauses')
        .whereIn('customer_id', accountIds)
        .whereNull('lifted_at')
        .where((q) => q.whereNull('until').orWhere('until', '>=', today))
        .select('customer_id', 'open_item_id', 'reason', 'reason_note', 'until'),
    ),
    states: rowsOf(
      db,
      db('account_state')
        .whereIn('customer_id', accountIds)
        .select(
          'customer_id',
          'escalations',
          'interest_rate_per_day',
          'key_account_exempt',
          'habitual_late_payer',
          db.raw('(last_contact_at at time zone ?)::date as last_contact', [timeZone]),
          db.raw(
            `(select (max(a.created_at) at time zone ?)::date from activities a
               where a.customer_id = account_state.customer_id and a.kind = 'escalated') as escalated_on`,
            [timeZone],
          ),
        ),
    ),
    firsts: rowsOf(
      db,
      db('open_items')
        .whereIn('customer_id', accountIds)
        .groupBy('customer_id')
        .select('customer_id', db.raw('min(issue_date) as first_issue')),
    ),
  });
  const { customers, open, settled, promises, pauses, states, firsts } = sets as SnapshotSets;

  const openBy = groupBy(open, (r) => Number(r.customer_id));
  const settledBy = groupBy(settled, (r) => Number(r.customer_id));
  const promisesBy = groupBy(promises, (r) => Number(r.customer_id));
  const pausesBy = groupBy(pauses, (r) => Number(r.customer_id));
  const stateBy = new Map(states.map((s) => [Number(s.customer_id), s]));
  const firstBy = new Map(firsts.map((f) => [Number(f.customer_id), String(f.first_issue)]));
  const toPause = (p: SnapshotSets['pauses'][number]): Pause => ({
    reason: pauseWhy(p),
    until: p.until,
  });

  return customers.map((c): AccountSnapshot => {
    const id = Number(c.id);
    const customerPauses = pausesBy.get(id) ?? [];
    const accountPause = customerPauses.find((p) => p.open_item_id === null);
    const itemPauses = new Map(
      customerPauses.filter((p) => p.open_item_id !== null).map((p) => [Number(p.open_item_id), toPause(p)]),
    );
    const state = stateBy.get(id);
    return {
      accountId: String(id),
      customerName: c.name,
      firstInvoiceDate: firstBy.get(id) ?? null,
      openItems: (openBy.get(id) ?? []).map((i): OpenItem => ({
        id: String(i.id),
        number: i.invoice_number,
        issueDate: i.issue_date,
        dueDate: i.due_date,
        totalMinor: minor(i.total_minor),
        openMinor: minor(i.open_minor),
        currency: i.currency,
        disputed: Boolean(i.disputed),
        pause: itemPauses.get(Number(i.id)) ?? null,
        ...(Number(i.clock_stopped_days) > 0 ? { clockStoppedDays: Number(i.clock_stopped_days) } : {}),
      })),
      settledItems: (settledBy.get(id) ?? []).map((s): SettledItem => ({
        number: s.invoice_number,
        dueDate: s.due_date,
        paidDate: String(s.paid_date),
        totalMinor: minor(s.total_minor),
        currency: s.currency,
      })),
      promises: (promisesBy.get(id) ?? []).map((p): PromiseRecord => ({
        promisedDate: p.promised_date,
        amountMinor: minor(p.amount_minor),
        currency: p.currency,
        status: p.status,
      })),
      lastContactDate: state?.last_contact ? String(state.last_contact) : null,
      escalations: Number(state?.escalations ?? 0),
      escalatedOn: state?.escalated_on ? String(state.escalated_on) : null,
      pause: accountPause ? toPause(accountPause) : null,
      // PB-16: a manager's contract rate wins over the one the ledger keeps (percent a day).
      interestRatePerDay: contractRate(state?.interest_rate_per_day ?? null, c.ledger_interest_percent),
      keyAccountExempt: state?.key_account_exempt === true,
      habitualLatePayer: state?.habitual_late_payer === true,
    };
  });
}
