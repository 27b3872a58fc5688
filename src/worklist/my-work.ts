import type { Knex } from 'knex';
import { addDays } from '../collections/dates.ts';
import { allQueries } from '../db-queries.ts';
import { ownedAccounts } from './claims.ts';
import { listWorklist, type WorklistRow } from './list.ts';
import { type QuietAccount, quietAccounts, type QuietRule } from './status-updates.ts';

/** A follow-up someone set on one of their accounts (PB-12), due today or overdue. */
export interface FollowUpDue {
  accountId: number;
  name: string;
  dueOn: string;
}

/** A promise to pay (PB-20) on one of someone's accounts. */
export interface PromiseEntry {
  promiseId: number;
  accountId: number;
  name: string;
  amountMinor: number;
  paidMinor: number;
  currency: string;
  promisedDate: string;
  status: 'open' | 'partial' | 'broken';
}

/** The columns of a promise (`p`) and its customer (`c`) that a PromiseEntry is made from. */
export const PROMISE_COLUMNS = [
  'p.id',
  'p.customer_id',
  'c.name',
  'p.amount_minor',
  'p.paid_minor',
  'p.currency',
  'p.promised_date',
  'p.status',
] as const;

/** A row of PROMISE_COLUMNS as an entry (the personal worklist and the morning digest read the same). */
export function toPromiseEntry(p: Record<string, unknown>): PromiseEntry {
  return {
    promiseId: Number(p.id),
    accountId: Number(p.customer_id),
    name: String(p.name),
    amountMinor: Number(p.amount_minor),
    paidMinor: Number(p.paid_minor),
    currency: String(p.currency).trim(),
    promisedDate: String(p.promised_date),
    status: String(p.status) as PromiseEntry['status'],
  };
}

/** One person's day: what they own by priority, what they promised to chase, and promises due or missed. */
export interface MyWork {
  claimed: WorklistRow[];
  claimedTotal: number;
  followUps: FollowUpDue[];
  promisesDue: PromiseEntry[];
  promisesBroken: PromiseEntry[];
  /** PB-26: owned accounts with no status update for the set number of working days (empty without a rule). */
  quiet?: QuietAccount[];
  /** PB-15: late continuous-supply customers to call before their next delivery. */
  supplyCalls?: SupplyCall[];
}

/** PB-15: a late customer on continuous supply whose next delivery is within a week. */
export interface SupplyCall {
  accountId: number;
  name: string;
  /** The next delivery (the ledger's next_delivery_date). */
  deliveryOn: string;
  /** Overdue open amounts, one per currency. */
  overdue: { minor: number; currency: string }[];
}

/** PB-15: the call comes this many days before the next delivery. */
export const SUPPLY_CALL_DAYS = 7;

/**
 * PB-15: the owner's accounts whose next delivery is from today to a week ahead and that have something
 * overdue today: call and say supply may be paused. A customer paid up is not called.
 */
export async function supplyCalls(
  db: Knex,
  userId: number,
  today: string,
  limit = 20,
): Promise<SupplyCall[]> {
  const rows = await db('customers as c')
    .join('claims as cl', (j) => j.on('cl.customer_id', 'c.id').andOnNull('cl.released_at'))
    .join('open_items as o', 'o.customer_id', 'c.id')
    .where('cl.user_id', userId)
    .whereBetween('c.next_delivery_date', [today, addDays(today, SUPPLY_CALL_DAYS)])
    .where('o.status', 'open')
    .where('o.due_date', '<', today)
    .where('o.open_minor', '>', 0)
    .groupBy('c.id', 'c.name', 'c.next_delivery_date', 'o.currency')
    .orderBy([{ column: 'c.next_delivery_date' }, { column: 'c.id' }, { column: 'o.currency' }])
    .select('c.id', 'c.name', 'c.next_delivery_date', 'o.currency', db.raw('sum(o.open_minor) AS overdue'));
  const calls = new Map<number, SupplyCall>();
  for (const r of rows) {
    const id = Number(r.id);
    const date =
      r.next_delivery_date instanceof Date
        ? r.next_delivery_date.toISOString().slice(0, 10)
        : String(r.next_delivery_date);
    const call: SupplyCall = calls.get(id) ?? {
      accountId: id,
      name: String(r.name),
      deliveryOn: date,
      overdue: [],
    };
    call.overdue.push({ minor: Number(r.overdue), currency: String(r.currency).trim() });
    calls.set(id, call);
  }
  return [...calls.values()].slice(0, limit);
}

/** How far back a broken promise stays on someone's list (days after its date). */
export const BROKEN_PROMISE_DAYS = 14;

/**
 * A staff member's worklist (the Slack App Home, the Teams personal tab): accounts they own by priority
 * (PB-08, PB-25), follow-ups due by today, promises due by today and promises recently broken, and (with
 * a `quiet` rule) the accounts with no status update for too long (PB-26), and the late continuous-supply
 * customers to call before their next delivery (PB-15).
 * "Theirs" means accounts they own, plus promises they recorded themselves.
 */
export async function myWork(
  db: Knex,
  userId: number,
  today: string,
  limit = 20,
  quiet?: QuietRule,
): Promise<MyWork> {
  const followUpsOf = () =>
    db('account_state as st')
      .join('claims as cl', (j) => j.on('cl.customer_id', 'st.customer_id').andOnNull('cl.released_at'))
      .join('customers as c', 'c.id', 'st.customer_id')
      .where('cl.user_id', userId)
      .where('st.next_follow_up_on', '<=', today)
      .orderBy([{ column: 'st.next_follow_up_on' }, { column: 'c.id' }])
      .limit(limit)
      .select('c.id', 'c.name', 'st.next_follow_up_on');
  const promisesOf = () =>
    db('promises as p')
      .join('customers as c', 'c.id', 'p.customer_id')
      // The person's accounts from their claims (by index), not every claim joined to every due promise.
      .where((w) =>
        w.whereIn('p.customer_id', ownedAccounts(db, userId)).orWhere('p.created_by_user_id', userId),
      )
      .where((w) =>
        w
          .where((o) => o.where('p.status', 'open').where('p.promised_date', '<=', today))
          .orWhere((b) =>
            b
              .whereIn('p.status', ['broken', 'partial'])
              .where('p.promised_date', '>=', addDays(today, -BROKEN_PROMISE_DAYS)),
          ),
      )
      .orderBy([{ column: 'p.promised_date' }, { column: 'p.id' }])
      .limit(limit * 2)
      .select(...PROMISE_COLUMNS);
  // Each part is one statement of its own: side by side, the page waits for the slowest, not their sum.
  const [owned, followUps, promises, quietOnes, supply] = await allQueries(db, [
    () => listWorklist(db, { ownerUserId: userId }, { today, page: 1, pageSize: limit }),
    followUpsOf,
    promisesOf,
    () => (quiet ? quietAccounts(db, userId, today, quiet, limit) : Promise.resolve([])),
    () => supplyCalls(db, userId, today, limit),
  ] as const);
  const entries = promises.map(toPromiseEntry);
  return {
    quiet: quietOnes,
    supplyCalls: supply,
    claimed: owned.rows,
    claimedTotal: owned.total,
    followUps: followUps.map((f) => ({
      accountId: Number(f.id),
      name: f.name,
      dueOn: String(f.next_follow_up_on),
    })),
    promisesDue: entries.filter((e) => e.status === 'open').slice(0, limit),
    promisesBroken: entries.filter((e) => e.status !== 'open').slice(0, limit),
  };
}
