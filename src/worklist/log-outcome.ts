import type { Knex } from 'knex';
import { z } from 'zod';
import { addDays, isIsoDate } from '../collections/dates.ts';
import { defaultEscalationPolicy } from '../collections/escalation.ts';
import { parseMoneyInput } from '../collections/money.ts';
import { translator, type Translator } from '../i18n/translate.ts';
import { readChoice } from '../views/choice.ts';
import { bumpVersion, recordActivity } from './activity.ts';
import { MAX_CONTACT, openDispute } from './disputes.ts';
import { fail, ok, type Result } from './outcome.ts';
import { collectableItems, recordPromise } from './promises.ts';
import { type Actor, requireRole } from './staff.ts';

/** How the contact happened (PB-03). */
export const CHANNELS = ['call', 'email', 'visit', 'note'] as const;
/**
 * What the customer said. `in_process`: "the payment is in process" with no concrete step (PB-14);
 * `cash_flow`: cannot pay in full now, which calls for a payment plan (PB-19, PB-17).
 */
export const RESULTS = [
  'reached',
  'no_answer',
  'voicemail',
  'promised',
  'in_process',
  'disputed',
  'refused',
  'paid',
  'wrong_contact',
  'cash_flow',
] as const;

export type Channel = (typeof CHANNELS)[number];
export type CallResult = (typeof RESULTS)[number];

/**
 * Follow-ups are at most a year ahead; 9999-12-31 is a typo or a test.
 */
export const MAX_DAYS_AHEAD = 365;

/**
 * PB-20: a promise to pay is by a near date; one further out than this (DUEBOT_PROMISE_HORIZON_DAYS) is not
 * a promise to chase but a payment plan (PB-17).
 */
export const DEFAULT_PROMISE_HORIZON_DAYS = 90;

/**
 * What logging reads besides the form: how far ahead a promise may be, and (PB-14, the policy file's
 * escalation.inProcessAnswers) how many "in process" answers without a concrete step escalate the account.
 */
export interface OutcomeRules {
  promiseHorizonDays?: number | undefined;
  inProcessAnswers?: number | undefined;
  /**
   * The language of the person filling in the form (privateT): its field errors are theirs to read.
   * Absent: English.
   */
  t?: Translator | undefined;
}

/**
 * What is wrong with a form date in the reader's language, or null for a real calendar date: the same
 * check as collections/dates.ts (2026-11-31 is refused, saying November has 30 days).
 */
function dateProblem(value: string, t: Translator): string | null {
  if (isIsoDate(value)) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return t.t('log.error.date_format');
  const [year, month] = [Number(m[1]), Number(m[2])];
  if (month < 1 || month > 12) return t.t('log.error.date_month', { value });
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return t.t('log.error.date_days', { value, month: String(month), year: String(year), days });
}
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** `no-answer`, `No answer` -> `no_answer` (choice.ts); anything else stays as typed, for zod to refuse. */
const spelling =
  <T extends string>(list: readonly T[]) =>
  (v: unknown) =>
    typeof v === 'string' ? (readChoice(list, v) ?? v) : v;

/**
 * The choices a select offers, as the form shows them ("Call, Email, Visit or Note"; 电话、邮件、拜访或备注):
 * only a value the form did not offer reaches this check, so the reader is pointed at the labels they see.
 */
const anyOf = (t: Translator, labels: string[]) =>
  new Intl.ListFormat(t.locale, { type: 'disjunction' }).format(labels);

/** The log-outcome form as it arrives from any platform (strings by field id), its errors in `t`'s language. */
function makeSchema(t: Translator) {
  /** A form date: a real calendar date, by the one check in collections/dates.ts. */
  const formDate = z.string().superRefine((v, ctx) => {
    const problem = dateProblem(v, t);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
  return z.object({
    channel: z.preprocess(
      spelling(CHANNELS),
      z.enum(CHANNELS, {
        error: t.t('log.error.choose_one', {
          choices: anyOf(
            t,
            CHANNELS.map((channel) => t.t('log.channel', { channel })),
          ),
        }),
      }),
    ),
    result: z.preprocess(
      spelling(RESULTS),
      z.enum(RESULTS, {
        error: t.t('log.error.choose_one', {
          choices: anyOf(
            t,
            RESULTS.map((result) => t.t('log.result', { result })),
          ),
        }),
      }),
    ),
    notes: z.preprocess(
      blankToUndefined,
      z
        .string()
        .max(4000, t.t('log.error.too_long', { max: 4000 }))
        .optional(),
    ),
    promiseDate: z.preprocess(blankToUndefined, formDate.optional()),
    promiseAmount: z.preprocess(blankToUndefined, z.string().optional()),
    currency: z.preprocess(
      (v) => (typeof v === 'string' ? blankToUndefined(v.trim().toUpperCase()) : v),
      z
        .string()
        .regex(/^[A-Z]{3}$/, t.t('log.error.currency_code'))
        .optional(),
    ),
    invoices: z.preprocess(blankToUndefined, z.string().optional()),
    /** PB-19: who in after-sales looks into a dispute. */
    afterSales: z.preprocess(
      blankToUndefined,
      z
        .string()
        .max(MAX_CONTACT, t.t('log.error.too_long', { max: MAX_CONTACT }))
        .optional(),
    ),
    nextFollowUp: z.preprocess(blankToUndefined, formDate.optional()),
  });
}

type FormSchema = ReturnType<typeof makeSchema>;

/** One schema per language (translators are made once per locale, so this stays small). */
const schemas = new Map<Translator, FormSchema>();

function schemaFor(t: Translator): FormSchema {
  let schema = schemas.get(t);
  if (!schema) schemas.set(t, (schema = makeSchema(t)));
  return schema;
}

export type OutcomeForm = z.infer<FormSchema>;

/** What logging an outcome did. */
export interface LoggedOutcome {
  /** The form as read (a result typed `no-answer` is `no_answer` here). */
  form: OutcomeForm;
  activityId: number;
  promiseId: number | null;
  disputeId: number | null;
  escalated: boolean;
}

function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    fields[key] ??= issue.message;
  }
  return fields;
}

const present = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/** Fields a result cannot do without (a promise needs a date and an amount; a dispute, invoices and a reason). */
function requiredFor(values: Record<string, unknown>, t: Translator): Record<string, string> {
  const fields: Record<string, string> = {};
  if (values.result === 'promised') {
    if (!present(values.promiseDate)) fields.promiseDate = t.t('log.error.promise_date_required');
    if (!present(values.promiseAmount)) fields.promiseAmount = t.t('log.error.promise_amount_required');
  }
  if (values.result === 'disputed') {
    if (!present(values.invoices)) fields.invoices = t.t('log.error.invoices_required');
    if (!present(values.notes)) fields.notes = t.t('log.error.notes_required');
  }
  return fields;
}

/** The form's own checks (choices, dates, lengths), before anything is read from the database. */
function parseOutcomeForm(values: Record<string, unknown>, t: Translator): Result<OutcomeForm> {
  const parsed = schemaFor(t).safeParse(values);
  if (parsed.success) return ok(parsed.data);
  // Say everything that is wrong at once: also the fields this result needs but lacks.
  const result = spelling(RESULTS)(values.result);
  const fields = { ...requiredFor({ ...values, result }, t), ...fieldErrors(parsed.error) };
  return fail('invalid_input', t.t('log.error.fix_fields'), fields);
}

/** A log-outcome form that passed every check: what logging it writes. */
interface CheckedOutcome {
  form: OutcomeForm;
  itemIds: number[];
  currency: string | undefined;
  amountMinor: number | null;
}

/** The checks against the account as it is: its open invoices and currencies, today's date (PB-19, PB-20). */
async function checkAgainstAccount(
  db: Knex,
  accountId: number,
  form: OutcomeForm,
  today: string,
  rules: OutcomeRules = {},
): Promise<Result<CheckedOutcome>> {
  const t = rules.t ?? translator('en');
  const items = await collectableItems(db, accountId);
  const customer = await db('customers').where({ id: accountId }).first('id');
  if (!customer) return fail('not_found', t.t('log.error.no_account', { id: accountId }));
  const byNumber = new Map(items.map((i) => [String(i.invoice_number).toLowerCase(), i]));
  const fields = requiredFor(form, t);
  const chosen = (form.invoices ?? '')
    .split(/[,\s]+/)
    .filter(Boolean)
    .map((n) => ({ text: n, item: byNumber.get(n.toLowerCase()) }));
  const unknown = chosen.filter((c) => !c.item).map((c) => c.text);
  if (unknown.length > 0)
    fields.invoices = t.t('log.error.unknown_invoices', { invoices: unknown.join(', ') });
  const itemIds = chosen.flatMap((c) => (c.item ? [Number(c.item.id)] : []));

  const currencies = [...new Set(items.map((i) => String(i.currency)))];
  const currency = form.currency ?? (currencies.length === 1 ? currencies[0] : undefined);
  const latest = addDays(today, MAX_DAYS_AHEAD);
  const horizon = rules.promiseHorizonDays ?? DEFAULT_PROMISE_HORIZON_DAYS;
  const latestPromise = addDays(today, horizon);
  let amountMinor: number | null = null;
  if (form.result === 'promised') {
    if (form.promiseDate && form.promiseDate < today)
      fields.promiseDate = t.t('log.error.today_or_later', { today });
    if (form.promiseDate && form.promiseDate > latestPromise)
      fields.promiseDate = t.t('log.error.promise_too_far', { days: horizon, latest: latestPromise });
    if (!currency) {
      fields.currency = t.t('log.error.choose_currency', { currencies: currencies.join(', ') || 'none' });
    } else if (!currencies.includes(currency)) {
      fields.currency = t.t('log.error.nothing_in_currency', { currency });
    } else if (form.promiseAmount) {
      amountMinor = parseMoneyInput(form.promiseAmount, currency);
      const open = items
        .filter((i) => i.currency === currency && (itemIds.length === 0 || itemIds.includes(Number(i.id))))
        .reduce((sum, i) => sum + Number(i.open_minor), 0);
      if (amountMinor === null || amountMinor <= 0) {
        fields.promiseAmount = t.t('log.error.not_an_amount', { currency });
      } else if (amountMinor > open) {
        fields.promiseAmount = t.t('log.error.more_than_open', { open: t.money(open, currency) });
      }
    }
  }
  if (form.nextFollowUp && form.nextFollowUp < today)
    fields.nextFollowUp = t.t('log.error.today_or_later', { today });
  if (form.nextFollowUp && form.nextFollowUp > latest)
    fields.nextFollowUp = t.t('log.error.year_ahead', { latest });
  if (Object.keys(fields).length > 0) return fail('invalid_input', t.t('log.error.fix_fields'), fields);
  return ok({ form, itemIds, currency, amountMinor });
}

/**
 * Every check logging would make, writing nothing: forms that ask field by field (the shell) check each
 * answer with it as it is typed, so what is refused at the end was never accepted on the way.
 */
export async function checkOutcome(
  db: Knex,
  accountId: number,
  values: Record<string, unknown>,
  today: string,
  rules: OutcomeRules = {},
): Promise<Result<CheckedOutcome>> {
  const parsed = parseOutcomeForm(values, rules.t ?? translator('en'));
  return parsed.ok ? checkAgainstAccount(db, accountId, parsed.value, today, rules) : parsed;
}

/**
 * Logs what a customer said (PB-03, PB-19, PB-20, PB-21): validates the form field by field, then in one
 * transaction writes the activity and any promise or dispute it implies. Invalid input writes nothing.
 */
export async function logOutcome(
  db: Knex,
  actor: Actor,
  accountId: number,
  values: Record<string, unknown>,
  today: string,
  rules: OutcomeRules = {},
  /** When the contact happened on the business clock (Clock.businessNow): the last contact and the history say it. */
  at?: Date,
): Promise<Result<LoggedOutcome>> {
  const parsed = parseOutcomeForm(values, rules.t ?? translator('en'));
  if (!parsed.ok) return parsed;
  const allowed =
    parsed.value.channel === 'note'
      ? requireRole(actor, ['collector', 'manager', 'sales'], 'note')
      : requireRole(actor, ['collector', 'manager'], 'logContact');
  if (!allowed.ok) return allowed;
  const checked = await checkAgainstAccount(db, accountId, parsed.value, today, rules);
  if (!checked.ok) return checked;
  const { form, itemIds, currency, amountMinor } = checked.value;

  return db.transaction(async (trx) => {
    let promiseId: number | null = null;
    let disputeId: number | null = null;
    let escalated = false;
    if (form.result === 'promised' && amountMinor !== null && currency && form.promiseDate) {
      const promised = await recordPromise(
        trx,
        actor,
        accountId,
        {
          promisedDate: form.promiseDate,
          amountMinor,
          currency,
          itemIds: itemIds.length > 0 ? itemIds : undefined,
        },
        rules.t,
      );
      if (!promised.ok) return promised;
      promiseId = promised.value.promiseId;
    }
    if (form.result === 'disputed') {
      const disputed = await openDispute(trx, actor, accountId, {
        itemIds,
        reason: form.notes ?? '',
        contact: form.afterSales,
        at,
      });
      if (!disputed.ok) return disputed;
      disputeId = disputed.value.disputeId;
    }
    const activityId = await recordActivity(trx, {
      accountId,
      actor,
      kind: form.channel === 'note' ? 'note' : 'outcome',
      details: { ...form, promiseId, disputeId },
      ...(at ? { at } : {}),
    });
    const set: Record<string, unknown> = {};
    // One clock: the contact is of the business date (DUEBOT_TODAY included), not the database's.
    if (form.channel !== 'note') set.last_contact_at = at ?? trx.fn.now();
    if (form.nextFollowUp) set.next_follow_up_on = form.nextFollowUp;
    if (form.result === 'promised') set.stalls = 0;
    const stalled = form.result === 'in_process';
    await bumpVersion(trx, accountId, { set, ...(stalled ? { increment: ['stalls' as const] } : {}) });
    if (stalled) {
      const state = await trx('account_state').where({ customer_id: accountId }).first('stalls');
      const times = rules.inProcessAnswers ?? defaultEscalationPolicy.inProcessAnswers;
      if (Number(state?.stalls ?? 0) >= times) {
        await bumpVersion(trx, accountId, { set: { stalls: 0 }, increment: ['escalations'] });
        await recordActivity(trx, {
          accountId,
          actor: null,
          kind: 'escalated',
          // Kept by its cause, said in each reader's language (history-view.ts).
          details: { cause: 'stalled', times },
          ...(at ? { at } : {}),
        });
        escalated = true;
      }
    }
    return ok({ form, activityId, promiseId, disputeId, escalated });
  });
}
