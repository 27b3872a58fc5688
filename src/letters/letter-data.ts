/**
 * What a letter says, gathered from the bot database: the customer and contact, the open items with days
 * overdue and late interest (PB-16), a way to pay, and for the special letters the payment plan (PB-17),
 * the last call (PB-23) or the missed early-payment discount (PB-18). Every key is always present (null
 * or empty when unknown) because templates render in strict mode.
 */
import type { Knex } from 'knex';
import type { AccountAssessment } from '../collections/account.ts';
import { addDays, laterOf } from '../collections/dates.ts';
import { formatMoney, sumByCurrency } from '../collections/money.ts';
import type { MessageKey } from '../i18n/messages/en.ts';
import { type MessageValues, translator, type Translator } from '../i18n/translate.ts';
import type { LetterConfig, LetterLocale } from './settings.ts';
import { type LetterHistory, letterHistory } from './letter-history.ts';
import { PLAN_DEFAULTS, splitInstallments } from '../worklist/plans.ts';

/** One open item as a letter lists it. */
export interface LetterItem {
  number: string;
  issueDate: string;
  dueDate: string;
  daysOverdue: number;
  currency: string;
  openMinor: number;
  interestMinor: number;
}

/** Everything a letter template may use (templates/letters/README.md lists it for template authors). */
export interface LetterData {
  template: string;
  locale: LetterLocale;
  today: string;
  company: { name: string; address: string[]; registration: string };
  customer: { id: string; name: string; contact: string; email: string };
  sender: { name: string };
  items: LetterItem[];
  count: number;
  /** More than one item: for plurals in English templates. */
  many: boolean;
  totals: { currency: string; openMinor: number; interestMinor: number; dueMinor: number }[];
  maxDaysOverdue: number;
  interestRate: string;
  payBy: string;
  legalAction: { afterDays: number; on: string };
  payment: { link: string; bank: string[]; any: boolean };
  plan: {
    currency: string;
    totalMinor: number;
    count: number;
    agreed: boolean;
    /** The open items in the plan's currency. */
    items: LetterItem[];
    installments: { no: number; dueDate: string; amountMinor: number; currency: string }[];
  };
  /** PB-22: the earlier letters and calls, so a letter words its past from what is on record. */
  history: LetterHistory;
  call: {
    logged: boolean;
    /** Somebody at the customer was spoken to (not no answer, voicemail or a wrong contact). */
    reached: boolean;
    /** `call` or `visit`. */
    channel: string;
    date: string;
    by: string;
    result: string;
    notes: string;
    promiseDate: string;
    promiseAmount: string;
    nextFollowUp: string;
  };
  discount: {
    /** The global policy's terms (LETTER_EARLY_DISCOUNT), for invoices the ledger gives none. */
    percent: string;
    days: number;
    /** True when every item missed the policy's terms; false: some had their own from the ledger (PB-18). */
    policy: boolean;
    items: {
      number: string;
      issueDate: string;
      deadline: string;
      currency: string;
      amountMinor: number;
      /** The ledger's own terms for this invoice, not the policy's. */
      fromLedger: boolean;
    }[];
    totals: { currency: string; amountMinor: number }[];
  };
}

/** A letter that cannot be written for this account (no call to summarise, no discount missed). */
/** A letter with nothing true to say: `say` in a reader's language, the message its English (logs). */
export class LetterDataError extends Error {
  readonly code = 'letter_data';
  readonly say: (t: Translator) => string;
  constructor(key: MessageKey, values?: MessageValues) {
    const say = (t: Translator) => t.t(key, values);
    super(say(translator('en')));
    this.say = say;
  }
}

/** PB-22: legal action is announced for past 30 days overdue, never for a date already gone. */
const LEGAL_AFTER_DAYS = 30;
/** Days a letter gives to pay. */
const PAY_WITHIN_DAYS = 7;

/** A proposal's installments as stored (jsonb comes back parsed, or as text on some drivers). */
function proposedInstallments(stored: unknown): { dueDate: string; amountMinor: number }[] {
  const value: unknown = typeof stored === 'string' ? JSON.parse(stored) : stored;
  return Array.isArray(value) ? (value as { dueDate: string; amountMinor: number }[]) : [];
}

async function planOf(
  db: Knex,
  accountId: number,
  items: LetterItem[],
  today: string,
  planId: number | undefined,
) {
  const query = db('payment_plans').where({ customer_id: accountId });
  if (planId === undefined) query.where({ status: 'active' });
  else query.where({ id: planId });
  const plan = await query
    .orderBy('id', 'desc')
    .first('id', 'currency', 'total_minor', 'status', 'installments');
  if (plan && plan.status === 'proposed') {
    const currency = String(plan.currency).trim();
    const parts = proposedInstallments(plan.installments);
    return {
      currency,
      totalMinor: Number(plan.total_minor),
      count: parts.length,
      agreed: false,
      items: items.filter((i) => i.currency === currency),
      installments: parts.map((p, i) => ({
        no: i + 1,
        dueDate: p.dueDate,
        amountMinor: p.amountMinor,
        currency,
      })),
    };
  }
  if (plan) {
    const rows = await db('promises')
      .where({ plan_id: plan.id })
      .orderBy('installment_no')
      .select('installment_no', 'promised_date', 'amount_minor', 'currency');
    return {
      currency: String(plan.currency).trim(),
      totalMinor: Number(plan.total_minor),
      count: rows.length,
      agreed: true,
      items: items.filter((i) => i.currency === String(plan.currency).trim()),
      installments: rows.map((r) => ({
        no: Number(r.installment_no),
        dueDate: String(r.promised_date),
        amountMinor: Number(r.amount_minor),
        currency: String(r.currency),
      })),
    };
  }
  // PB-17: no plan agreed yet, so the letter proposes the default one in the largest currency.
  const totals = sumByCurrency(items.map((i) => ({ minor: i.openMinor, currency: i.currency })));
  const [currency = 'CNY', totalMinor = 0] = Object.entries(totals).sort((a, b) => b[1] - a[1])[0] ?? [];
  const parts =
    totalMinor > 0
      ? splitInstallments(totalMinor, PLAN_DEFAULTS.installments, PLAN_DEFAULTS.firstPercent)
      : [];
  return {
    currency,
    totalMinor,
    count: parts.length,
    agreed: false,
    items: items.filter((i) => i.currency === currency),
    installments: parts.map((amountMinor, i) => ({
      no: i + 1,
      dueDate: addDays(today, PAY_WITHIN_DAYS + i * PLAN_DEFAULTS.everyDays),
      amountMinor,
      currency,
    })),
  };
}

/**
 * The call a summary is about: the one named (PB-23, one summary per call), else the newest logged call or
 * visit (a summary follows a call, not a note or an e-mail).
 */
async function lastCall(
  db: Knex,
  accountId: number,
  timeZone: string,
  callId?: number,
): Promise<LetterData['call']> {
  const query = db('activities')
    .leftJoin('users', 'users.id', 'activities.actor_user_id')
    .where({ 'activities.customer_id': accountId, 'activities.kind': 'outcome' })
    .whereRaw(`activities.details->>'channel' IN ('call', 'visit')`);
  if (callId !== undefined) query.where('activities.id', callId);
  const row = await query
    .orderBy('activities.id', 'desc')
    .first(
      'activities.details',
      db.raw('(activities.created_at at time zone ?)::date::text as call_date', [timeZone]),
      'users.display_name',
    );
  const d = (row?.details ?? {}) as Record<string, unknown>;
  const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  // The promise the call recorded says the amount with its currency, as the customer agreed it.
  const promise =
    typeof d.promiseId === 'number'
      ? await db('promises')
          .where({ id: d.promiseId, customer_id: accountId })
          .first('amount_minor', 'currency')
      : undefined;
  const promised = promise
    ? formatMoney({ minor: Number(promise.amount_minor), currency: String(promise.currency).trim() })
    : d.promiseAmount
      ? `${s(d.currency)} ${s(d.promiseAmount)}`.trim()
      : '';
  return {
    logged: Boolean(row),
    reached: Boolean(row) && !['no_answer', 'voicemail', 'wrong_contact'].includes(s(d.result)),
    channel: s(d.channel) || 'call',
    // The business date of the call, as the collector and the customer know it.
    date: row ? String(row.call_date).slice(0, 10) : '',
    by: s(row?.display_name),
    result: s(d.result).replace(/_/g, ' '),
    notes: s(d.notes),
    promiseDate: s(d.promiseDate),
    promiseAmount: promised,
    nextFollowUp: s(d.nextFollowUp),
  };
}

async function missedDiscount(
  db: Knex,
  accountId: number,
  config: LetterConfig,
  today: string,
): Promise<LetterData['discount']> {
  const { basisPoints, days } = config.earlyDiscount;
  const rows = await db('open_items')
    .where({ customer_id: accountId, status: 'open' })
    .orderBy('issue_date')
    .select('invoice_number', 'issue_date', 'total_minor', 'currency', 'discount_until', 'discount_minor');
  // PB-18: an invoice's own terms where the ledger gives them (a discount, or none at all), else the policy's.
  const items = rows
    .flatMap((r) => {
      const base = {
        number: String(r.invoice_number),
        issueDate: String(r.issue_date),
        currency: String(r.currency),
      };
      if (r.discount_minor === null || r.discount_minor === undefined)
        return [
          {
            ...base,
            deadline: addDays(base.issueDate, days),
            amountMinor: Math.round((Number(r.total_minor) * basisPoints) / 10_000),
            fromLedger: false,
          },
        ];
      if (!r.discount_until) return [];
      return [
        {
          ...base,
          deadline: String(r.discount_until),
          amountMinor: Number(r.discount_minor),
          fromLedger: true,
        },
      ];
    })
    .filter((i) => i.deadline < today && i.amountMinor > 0);
  const totals = sumByCurrency(items.map((i) => ({ minor: i.amountMinor, currency: i.currency })));
  return {
    percent: `${basisPoints / 100}%`,
    days,
    policy: items.every((i) => !i.fromLedger),
    items,
    totals: Object.entries(totals).map(([currency, amountMinor]) => ({ currency, amountMinor })),
  };
}

/** Letters that are not reminders: they go out on a paused account too (what a call agreed, PB-17, PB-23). */
const NOT_REMINDERS: readonly string[] = ['payment-plan', 'call-summary'];

/** Gathers the letter's data; throws LetterDataError when the template has nothing true to say. */
export async function letterData(
  db: Knex,
  input: {
    accountId: number;
    template: string;
    locale: LetterLocale;
    assessment: AccountAssessment;
    senderName: string;
    config: LetterConfig;
    today: string;
    /** The business time zone: the day a letter went or a call was made is the day there. */
    timeZone: string;
    /** PB-23: the call a call summary sums up (an outcome activity of this account). */
    callId?: number | undefined;
    /** PB-17: the plan the letter is about (a proposal in its preview, the plan just agreed); else the latest active one. */
    planId?: number;
  },
): Promise<LetterData> {
  const { accountId, assessment: a, config, today } = input;
  const customer = await db('customers').where({ id: accountId }).first();
  const dates = await db('open_items')
    .where({ customer_id: accountId, status: 'open' })
    .select('invoice_number', 'issue_date');
  const issued = new Map(dates.map((r) => [String(r.invoice_number), String(r.issue_date)]));
  // PB-21: disputed items are not chased, nor paused ones by a reminder; a letter before the due date lists what is open.
  const reminds = !NOT_REMINDERS.includes(input.template);
  const chased = a.items.filter((i) => !i.disputed && !(reminds && i.paused) && i.openMinor > 0);
  const overdue = chased.filter((i) => i.daysOverdue > 0);
  const items: LetterItem[] = (overdue.length > 0 ? overdue : chased)
    .map((i) => ({
      number: i.number,
      issueDate: issued.get(i.number) ?? i.dueDate,
      dueDate: i.dueDate,
      daysOverdue: Math.max(0, i.daysOverdue),
      currency: i.currency,
      openMinor: i.openMinor,
      interestMinor: i.interestMinor,
    }))
    .sort((x, y) => x.dueDate.localeCompare(y.dueDate) || x.number.localeCompare(y.number));
  const currencies = [...new Set(items.map((i) => i.currency))].sort();
  const totals = currencies.map((currency) => {
    const mine = items.filter((i) => i.currency === currency);
    const openMinor = mine.reduce((s, i) => s + i.openMinor, 0);
    const interestMinor = mine.reduce((s, i) => s + i.interestMinor, 0);
    return { currency, openMinor, interestMinor, dueMinor: openMinor + interestMinor };
  });
  const oldestDue = items[0]?.dueDate ?? today;
  const maxDaysOverdue = items.reduce((m, i) => Math.max(m, i.daysOverdue), 0);
  const payBy = addDays(today, PAY_WITHIN_DAYS);
  const call = await lastCall(db, accountId, input.timeZone, input.callId);
  const history = await letterHistory(db, accountId, input.timeZone);
  const discount = await missedDiscount(db, accountId, config, today);
  if (input.template === 'call-summary' && !call.logged && input.callId !== undefined)
    throw new LetterDataError('letter.cannot.callNotOnAccount', { id: input.callId });
  if (input.template === 'call-summary' && !call.logged) throw new LetterDataError('letter.cannot.noCall'); // PB-23
  if (input.template === 'missed-discount' && discount.items.length === 0)
    throw new LetterDataError('letter.cannot.noDiscount'); // PB-18
  if (items.length === 0 && reminds && a.items.some((i) => i.paused && !i.disputed && i.openMinor > 0))
    throw new LetterDataError('letter.cannot.pausedAndDisputed');
  if (items.length === 0) throw new LetterDataError('letter.cannot.nothingOpen');
  return {
    template: input.template,
    locale: input.locale,
    today,
    company: {
      name: config.company.name,
      address: config.company.address,
      registration: config.company.registration,
    },
    customer: {
      id: String(customer.external_id),
      name: String(customer.name),
      contact: String(customer.contact_name ?? '') || String(customer.name),
      email: String(customer.contact_email ?? ''),
    },
    sender: { name: input.senderName },
    items,
    count: items.length,
    many: items.length > 1,
    totals,
    maxDaysOverdue,
    interestRate: a.interest.ratePerDay,
    payBy,
    legalAction: {
      afterDays: LEGAL_AFTER_DAYS,
      on: laterOf(addDays(oldestDue, LEGAL_AFTER_DAYS), payBy),
    },
    payment: {
      link: config.payment.link,
      bank: config.payment.bank,
      any: Boolean(config.payment.link) || config.payment.bank.length > 0,
    },
    plan: await planOf(db, accountId, items, today, input.planId),
    history,
    call,
    discount,
  };
}
