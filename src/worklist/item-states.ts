/**
 * What is going on with each open item of an account beyond its amount and age (PB-02): in a dispute
 * (PB-21), paused, in a payment plan (PB-17), promised (PB-20). Read in one place from the tables the
 * dispute, pause, plan and promise modules write, so the card (and anything else that lists items) shows
 * the same states, and a new kind of state is added here once.
 */
import type { Knex } from 'knex';
import { dateColumn } from '../collections/dates.ts';
import { currencyCode } from '../collections/money.ts';
import { parseInt8 } from '../db.ts';
import { rowsOf } from '../db-queries.ts';
import type { PauseWhy } from '../collections/ladder.ts';
import { pauseWhy } from './pauses.ts';

/** One state of an open item; an item can be in several at once (promised and paused). */
export type ItemState =
  | { kind: 'disputed'; disputeId: number; since: string; reason: string }
  | { kind: 'paused'; pauseId: number; until: string | null; reason: PauseWhy; wholeAccount: boolean }
  | { kind: 'plan'; planId: number; installmentNo: number | null; nextDate: string | null }
  | { kind: 'promised'; promiseId: number; date: string; amountMinor: number; currency: string };

/** The row sets of the one statement itemStates reads (JSON: ids as numbers, dates and amounts as text; amounts read with the int8 guard). */
interface ItemStateSets {
  items: { id: number }[];
  disputed: { open_item_id: number; id: number; reason: string; since: string }[];
  pauses: {
    id: number;
    open_item_id: number | null;
    reason: string;
    reason_note: string | null;
    until: string | null;
  }[];
  promised: {
    open_item_id: number;
    id: number;
    plan_id: number | null;
    installment_no: number | null;
    amount_minor: string;
    currency: string;
    promised_date: string;
  }[];
}

/** The order states are shown in: what stops chasing first. */
const ORDER: Record<ItemState['kind'], number> = { disputed: 0, paused: 1, plan: 2, promised: 3 };

/**
 * The states of every open item of an account as of `today` (business date), keyed by open item id.
 * Items with no state are absent. Four small reads in one statement, none of them per item.
 */
export async function itemStates(
  db: Knex,
  accountId: number,
  today: string,
  timeZone: string,
): Promise<Map<number, ItemState[]>> {
  // One statement, one round trip: a card reads this beside nine other things on a shared pool.
  const [sets] = await db.select({
    items: rowsOf(db, db('open_items').where({ customer_id: accountId, status: 'open' }).select('id')),
    disputed: rowsOf(
      db,
      db('dispute_items as di')
        .join('disputes as d', 'd.id', 'di.dispute_id')
        .join('open_items as oi', 'oi.id', 'di.open_item_id')
        .where({ 'oi.customer_id': accountId, 'di.active': true })
        .whereNull('d.resolved_at')
        .select(
          'di.open_item_id',
          'd.id',
          'd.reason',
          db.raw('(d.opened_at at time zone ?)::date::text as since', [timeZone]),
        ),
    ),
    pauses: rowsOf(
      db,
      db('pauses')
        .where({ customer_id: accountId })
        .whereNull('lifted_at')
        .where((q) => q.whereNull('until').orWhere('until', '>', today))
        .select('id', 'open_item_id', 'reason', 'reason_note', db.raw('until::text as until')),
      'r.id',
    ),
    promised: rowsOf(
      db,
      db('promises as p')
        .join('promise_items as pi', 'pi.promise_id', 'p.id')
        .where({ 'p.customer_id': accountId, 'p.status': 'open' })
        .select(
          'pi.open_item_id',
          'p.id',
          'p.plan_id',
          'p.installment_no',
          db.raw('p.amount_minor::text as amount_minor'),
          'p.currency',
          db.raw('p.promised_date::text as promised_date'),
        ),
      // ISO dates as text sort as the dates do.
      'r.promised_date, r.id',
    ),
  });
  const { items, disputed, pauses, promised } = sets as ItemStateSets;
  const states = new Map<number, ItemState[]>();
  const open = new Set(items.map((i) => Number(i.id)));
  const add = (itemId: number, state: ItemState) => {
    if (!open.has(itemId)) return;
    const list = states.get(itemId) ?? [];
    list.push(state);
    states.set(itemId, list);
  };
  for (const d of disputed)
    add(Number(d.open_item_id), {
      kind: 'disputed',
      disputeId: Number(d.id),
      since: dateColumn(d.since),
      reason: String(d.reason),
    });
  for (const p of pauses) {
    const state: ItemState = {
      kind: 'paused',
      pauseId: Number(p.id),
      until: p.until === null ? null : dateColumn(p.until),
      reason: pauseWhy(p),
      wholeAccount: p.open_item_id === null,
    };
    if (p.open_item_id === null) for (const id of open) add(id, state);
    else add(Number(p.open_item_id), state);
  }
  const plans = new Set<string>();
  for (const p of promised) {
    const itemId = Number(p.open_item_id);
    if (p.plan_id === null) {
      add(itemId, {
        kind: 'promised',
        promiseId: Number(p.id),
        date: dateColumn(p.promised_date),
        amountMinor: parseInt8(p.amount_minor),
        currency: currencyCode(p.currency),
      });
      continue;
    }
    // Installments come in date order: the first open one of a plan on an item is its next.
    const key = `${itemId}:${p.plan_id}`;
    if (plans.has(key)) continue;
    plans.add(key);
    add(itemId, {
      kind: 'plan',
      planId: Number(p.plan_id),
      installmentNo: p.installment_no === null ? null : Number(p.installment_no),
      nextDate: dateColumn(p.promised_date),
    });
  }
  for (const list of states.values()) list.sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
  return states;
}
