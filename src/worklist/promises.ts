import type { Knex } from 'knex';
import { currencyCode } from '../collections/money.ts';
import { bumpVersion, recordActivity } from './activity.ts';
import { disputedItemSql } from './disputes.ts';
import { type Translator, translator } from '../i18n/translate.ts';
import { failSaying, ok, type Result } from './outcome.ts';
import { type Actor, requireRole } from './staff.ts';

/** What a promise to pay covers (PB-20): an amount by a date, over one or more open items. */
export interface PromiseInput {
  promisedDate: string;
  amountMinor: number;
  currency: string;
  /** Open items the promise covers; all open, undisputed items in `currency` when absent. */
  itemIds?: number[] | undefined;
  planId?: number;
  installmentNo?: number;
}

/** Open, undisputed items of an account in one currency. */
export async function collectableItems(db: Knex, accountId: number, currency?: string) {
  const query = db('open_items')
    .where({ customer_id: accountId, status: 'open' })
    // PB-21: not held by a dispute (open, or awaiting its credit note).
    .whereRaw(`not ${disputedItemSql('open_items')}`)
    .orderBy('due_date')
    .select('id', 'invoice_number', 'open_minor', 'currency', 'due_date');
  if (currency) query.where({ currency });
  return query;
}

/** Records a promise inside the caller's transaction; checks the items belong to the account. */
export async function recordPromise(
  trx: Knex.Transaction,
  actor: Actor,
  accountId: number,
  input: PromiseInput,
  t: Translator = translator('en'),
): Promise<Result<{ promiseId: number }>> {
  const items = await collectableItems(trx, accountId, input.currency);
  const chosen = input.itemIds ? items.filter((i) => input.itemIds?.includes(Number(i.id))) : items;
  if (input.itemIds && chosen.length !== input.itemIds.length) {
    const among = items.map((i) => String(i.invoice_number));
    return failSaying(
      'invalid_input',
      'promise.error.notOpen',
      {},
      {
        invoices: t.t('promise.field.chooseAmong', {
          invoices: among.length > 0 ? among.join(', ') : 'none',
        }),
      },
    );
  }
  if (chosen.length === 0) {
    return failSaying(
      'invalid_input',
      'promise.error.noInvoices',
      { currency: input.currency },
      { amount: t.t('promise.field.noInvoices', { currency: input.currency }) },
    );
  }
  const [row] = await trx('promises')
    .insert({
      customer_id: accountId,
      created_by_user_id: actor.userId,
      promised_date: input.promisedDate,
      amount_minor: input.amountMinor,
      currency: input.currency,
      plan_id: input.planId ?? null,
      installment_no: input.installmentNo ?? null,
    })
    .returning('id');
  const promiseId = Number(row.id);
  await trx('promise_items').insert(
    chosen.map((i) => ({ promise_id: promiseId, open_item_id: i.id, open_minor_at_promise: i.open_minor })),
  );
  return ok({ promiseId });
}

/** A promise whose fate the ledger decided. */
export interface PromiseVerdict {
  promiseId: number;
  accountId: number;
  status: 'kept' | 'partial' | 'broken';
  amountMinor: number;
  paidMinor: number;
  currency: string;
  promisedDate: string;
  ownerUserId: number | null;
}

/**
 * PB-20: decides open promises from the synced ledger. A promise is kept once the covered items fell by
 * its amount (installments of a plan take payments in order); the day after its date it is partial or
 * broken, and a missed promise escalates the account (PB-14). Each promise is decided once.
 */
export async function evaluatePromises(db: Knex, today: string): Promise<PromiseVerdict[]> {
  const open = await db('promises')
    .where({ status: 'open' })
    .orderBy(['plan_id', 'installment_no', 'id'])
    .select('id', 'customer_id', 'promised_date', 'amount_minor', 'currency', 'plan_id', 'installment_no');
  const payments = await db('promise_items')
    .join('open_items', 'open_items.id', 'promise_items.open_item_id')
    .whereIn(
      'promise_items.promise_id',
      open.map((p) => p.id),
    )
    .groupBy('promise_items.promise_id')
    .select(
      'promise_items.promise_id',
      db.raw('sum(greatest(promise_items.open_minor_at_promise - open_items.open_minor, 0))::int8 as paid'),
    );
  const paidBy = new Map(payments.map((p) => [Number(p.promise_id), Number(p.paid)]));
  // Every installment of the plans concerned, decided ones too: a payment counts first against the
  // installments before (PB-17), also those a run on an earlier day already called kept.
  const planIds = [...new Set(open.filter((p) => p.plan_id !== null).map((p) => Number(p.plan_id)))];
  const installments =
    planIds.length === 0
      ? []
      : await db('promises')
          .whereIn('plan_id', planIds)
          .whereNot({ status: 'cancelled' })
          .select('plan_id', 'installment_no', 'amount_minor');
  const owedBefore = (planId: number, no: number) =>
    installments
      .filter((i) => Number(i.plan_id) === planId && Number(i.installment_no) < no)
      .reduce((sum, i) => sum + Number(i.amount_minor), 0);
  const verdicts: PromiseVerdict[] = [];
  for (const p of open) {
    let paid = paidBy.get(Number(p.id)) ?? 0;
    if (p.plan_id !== null) {
      // Installments share the plan's items: each takes what the earlier ones left over.
      paid = Math.max(0, paid - owedBefore(Number(p.plan_id), Number(p.installment_no)));
    }
    const amount = Number(p.amount_minor);
    const due = String(p.promised_date) < today;
    let status: PromiseVerdict['status'] | null = null;
    if (paid >= amount) status = 'kept';
    else if (due) status = paid > 0 ? 'partial' : 'broken';
    if (!status) continue;
    const credited = Math.min(paid, amount);
    const verdict = await db.transaction(async (trx) => {
      const changed = await trx('promises')
        .where({ id: p.id, status: 'open' })
        .update({ status, paid_minor: credited, resolved_at: trx.fn.now() });
      if (changed === 0) return null; // decided by someone else meanwhile
      const accountId = Number(p.customer_id);
      const details = {
        promiseId: Number(p.id),
        amountMinor: amount,
        paidMinor: credited,
        currency: p.currency,
      };
      await recordActivity(trx, { accountId, actor: null, kind: `promise_${status}`, details });
      if (status !== 'kept') {
        await bumpVersion(trx, accountId, { increment: ['escalations'] });
        await recordActivity(trx, {
          accountId,
          actor: null,
          kind: 'escalated',
          details: { cause: 'promise', promiseDate: String(p.promised_date), status },
        });
      }
      const owner = await trx('claims')
        .where({ customer_id: accountId })
        .whereNull('released_at')
        .first('user_id');
      return {
        promiseId: Number(p.id),
        accountId,
        status,
        amountMinor: amount,
        paidMinor: credited,
        currency: String(p.currency),
        promisedDate: String(p.promised_date),
        ownerUserId: owner ? Number(owner.user_id) : null,
      } satisfies PromiseVerdict;
    });
    if (verdict) verdicts.push(verdict);
  }
  return verdicts;
}

/** A promise a person may mark kept by hand: open, or called missed while the ledger lagged. */
export interface MarkablePromise {
  promiseId: number;
  amountMinor: number;
  currency: string;
  promisedDate: string;
  status: string;
  installment: { planId: number; no: number } | null;
}

/** PB-20: the account's promises still open or missed (plan installments too), oldest first. */
export async function markablePromises(db: Knex, accountId: number): Promise<MarkablePromise[]> {
  const rows = await db('promises')
    .where({ customer_id: accountId })
    .whereIn('status', ['open', 'broken', 'partial'])
    .orderBy(['promised_date', 'id'])
    .select('id', 'amount_minor', 'currency', 'promised_date', 'status', 'plan_id', 'installment_no');
  return rows.map((r) => ({
    promiseId: Number(r.id),
    amountMinor: Number(r.amount_minor),
    currency: currencyCode(r.currency),
    promisedDate: String(r.promised_date),
    status: String(r.status),
    installment: r.plan_id === null ? null : { planId: Number(r.plan_id), no: Number(r.installment_no) },
  }));
}

/** Longest note on a promise kept by hand. */
export const MAX_KEPT_NOTE = 1000;

/**
 * PB-20: marks a promise kept by hand when the ledger lags (a bank slip, a remittance advice), with who and
 * why; once: a promise already kept (or no longer this account's) is refused and nothing is written.
 */
export async function keepPromiseByHand(
  db: Knex,
  actor: Actor,
  accountId: number,
  promiseId: number,
  note: string,
  t: Translator = translator('en'),
): Promise<Result<MarkablePromise>> {
  const allowed = requireRole(actor, ['collector', 'manager'], 'promiseKept');
  if (!allowed.ok) return allowed;
  const text = note.trim();
  if (text === '')
    return failSaying('invalid_input', 'promise.error.keptWhy', {}, { note: t.t('promise.field.keptWhy') });
  if (text.length > MAX_KEPT_NOTE)
    return failSaying(
      'invalid_input',
      'promise.error.noteTooLong',
      {},
      { note: t.t('promise.field.atMost', { max: MAX_KEPT_NOTE }) },
    );
  return db.transaction(async (trx) => {
    const [row] = await trx('promises')
      .where({ id: promiseId, customer_id: accountId })
      .whereIn('status', ['open', 'broken', 'partial'])
      .update({
        status: 'kept',
        paid_minor: trx.ref('amount_minor'),
        resolved_at: trx.fn.now(),
        kept_by_user_id: actor.userId,
        kept_note: text,
      })
      .returning(['id', 'amount_minor', 'currency', 'promised_date', 'plan_id', 'installment_no']);
    if (!row) {
      const now = await trx('promises').where({ id: promiseId, customer_id: accountId }).first('status');
      return now
        ? failSaying<MarkablePromise>('conflict', 'promise.error.already', { status: String(now.status) })
        : failSaying<MarkablePromise>('not_found', 'promise.error.notHere', { promiseId: String(promiseId) });
    }
    const kept: MarkablePromise = {
      promiseId,
      amountMinor: Number(row.amount_minor),
      currency: currencyCode(row.currency),
      promisedDate: String(row.promised_date),
      status: 'kept',
      installment:
        row.plan_id === null ? null : { planId: Number(row.plan_id), no: Number(row.installment_no) },
    };
    await recordActivity(trx, {
      accountId,
      actor,
      kind: 'promise_kept',
      details: {
        promiseId,
        amountMinor: kept.amountMinor,
        paidMinor: kept.amountMinor,
        currency: kept.currency,
        byHand: true,
        note: text,
      },
    });
    return ok(kept);
  });
}
