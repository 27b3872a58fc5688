/**
 * PB-17 payment plans as a collector agrees them: a proposal (installments as typed, checked against what
 * is open), recorded when the customer agrees (each installment a promise, PB-20), ended by a cancel or a
 * renegotiation that replaces it. Plans are never edited: each change is a new row and an activity (PB-03).
 * One active plan per account and currency (a unique index), so two people recording at once cannot both win.
 */
import type { Knex } from 'knex';
import { addDays } from '../collections/dates.ts';
import { currencyCode, formatMoney, parseMoneyInput } from '../collections/money.ts';
import { bumpVersion, recordActivity } from './activity.ts';
import { type Translator, translator } from '../i18n/translate.ts';
import { failSaying, ok, type Result } from './outcome.ts';
import { untilProblem } from './pauses.ts';
import { PLAN_DEFAULTS, splitInstallments } from './plans.ts';
import { collectableItems, recordPromise } from './promises.ts';
import { type Actor, requireRole } from './staff.ts';

/** Most installments the plan form offers (rows left blank are not installments). */
export const MAX_FORM_INSTALLMENTS = 6;
/** Days from today to a proposed plan's first installment. */
const FIRST_AFTER_DAYS = 7;

/** One installment: an amount by a date. */
export interface Installment {
  dueDate: string;
  amountMinor: number;
}

/** A plan to show in the form: the open amount in one currency split the PB-17 way. */
export interface PlanDraft {
  currency: string;
  openMinor: number;
  installments: Installment[];
  /** The active plan a new one would replace (renegotiation), or null. */
  replacesPlanId: number | null;
}

const ROLES_THAT_AGREE = ['collector', 'manager'] as const;

/** The currencies the account has open, undisputed items in (a plan is per currency). */
export async function planCurrencies(db: Knex, accountId: number): Promise<string[]> {
  const items = await collectableItems(db, accountId);
  return [...new Set(items.map((i) => currencyCode(i.currency)))];
}

async function openIn(db: Knex, accountId: number, currency: string): Promise<number> {
  const items = await collectableItems(db, accountId, currency);
  return items.reduce((sum, i) => sum + Number(i.open_minor), 0);
}

async function activePlan(db: Knex, accountId: number, currency: string) {
  return db('payment_plans')
    .where({ customer_id: accountId, currency, status: 'active' })
    .first('id', 'agreed_by_user_id');
}

/** The default proposal (PB-17: three installments, the first 30%) over what is open in `currency`. */
export async function draftPlan(
  db: Knex,
  accountId: number,
  currency: string,
  today: string,
): Promise<Result<PlanDraft>> {
  const openMinor = await openIn(db, accountId, currency);
  if (openMinor === 0) return failSaying('invalid_input', 'plan.error.nothingOpen', { currency });
  const amounts = splitInstallments(openMinor, PLAN_DEFAULTS.installments, PLAN_DEFAULTS.firstPercent);
  const installments = amounts.map((amountMinor, i) => ({
    amountMinor,
    dueDate: addDays(today, FIRST_AFTER_DAYS + i * PLAN_DEFAULTS.everyDays),
  }));
  const active = await activePlan(db, accountId, currency);
  return ok({ currency, openMinor, installments, replacesPlanId: active ? Number(active.id) : null });
}

const blank = (v: string | undefined) => v === undefined || v.trim() === '';

/**
 * Reads the plan form (`amount1`, `date1`, ... as typed): every row both or neither, amounts of the
 * currency, dates real, today or later and in order, and the installments adding up to the open amount
 * exactly. Each problem is named by its field; nothing is read from or written to the database.
 */
export function readPlanForm(
  values: Record<string, string>,
  plan: { currency: string; openMinor: number; today: string },
  t: Translator = translator('en'),
): Result<Installment[]> {
  const { currency, openMinor, today } = plan;
  const fields: Record<string, string> = {};
  const installments: Installment[] = [];
  let previous: string | null = null;
  let lastAmountField = 'amount1';
  for (let n = 1; n <= MAX_FORM_INSTALLMENTS; n += 1) {
    const amountText = values[`amount${n}`];
    const dateText = values[`date${n}`]?.trim();
    if (blank(amountText) && blank(dateText)) continue;
    if (blank(amountText)) fields[`amount${n}`] = t.t('plan.field.noAmount', { n });
    if (blank(dateText)) fields[`date${n}`] = t.t('plan.field.noDate', { n });
    const amountMinor = blank(amountText) ? null : parseMoneyInput(amountText ?? '', currency);
    if (!blank(amountText) && (amountMinor === null || amountMinor <= 0))
      fields[`amount${n}`] = t.t('plan.field.badAmount', { currency });
    lastAmountField = `amount${n}`;
    if (dateText) {
      const problem = untilProblem(dateText, t);
      if (problem) fields[`date${n}`] = problem;
      else if (dateText < today) fields[`date${n}`] = t.t('plan.field.past', { today: t.date(today) });
      else if (previous !== null && dateText <= previous)
        fields[`date${n}`] = t.t('plan.field.order', { previous: t.date(previous) });
      if (!problem) previous = dateText;
    }
    if (amountMinor !== null && amountMinor > 0 && dateText)
      installments.push({ amountMinor, dueDate: dateText });
  }
  if (Object.keys(fields).length === 0 && installments.length === 0) fields.amount1 = t.t('plan.field.none');
  if (Object.keys(fields).length === 0) {
    const sum = installments.reduce((s, i) => s + i.amountMinor, 0);
    if (sum !== openMinor)
      fields[lastAmountField] = t.t('plan.field.sum', {
        sum: t.money(sum, currency),
        open: t.money(openMinor, currency),
      });
  }
  if (Object.keys(fields).length > 0) return failSaying('invalid_input', 'plan.invalid', {}, fields);
  return ok(installments);
}

const staleNew = (currency: string) => failSaying<never>('stale', 'plan.error.staleNew', { currency });
const staleOld = (planId: number) =>
  failSaying<never>('stale', 'plan.error.staleOld', { planId: String(planId) });

/** Whether the plan the form was opened against is still the account's active plan in the currency. */
async function stillCurrent(
  db: Knex,
  accountId: number,
  currency: string,
  replacesPlanId: number | null,
): Promise<Result<null>> {
  const active = await activePlan(db, accountId, currency);
  if (replacesPlanId === null) return active ? staleNew(currency) : ok(null);
  if (!active || Number(active.id) !== replacesPlanId) return staleOld(replacesPlanId);
  return ok(null);
}

/**
 * Proposes a plan: checks the form and stores the proposal (not yet a plan: no promises, no history) for
 * the preview the customer agrees to. Bad input and a stale form write nothing.
 */
export async function proposePlan(
  db: Knex,
  actor: Actor,
  accountId: number,
  input: { currency: string; replacesPlanId: number | null; values: Record<string, string> },
  today: string,
  t: Translator = translator('en'),
): Promise<Result<{ proposalId: number; totalMinor: number; installments: Installment[] }>> {
  const allowed = requireRole(actor, [...ROLES_THAT_AGREE], 'planAgree');
  if (!allowed.ok) return allowed;
  const openMinor = await openIn(db, accountId, input.currency);
  if (openMinor === 0)
    return failSaying('invalid_input', 'plan.error.nothingOpen', { currency: input.currency });
  const read = readPlanForm(input.values, { currency: input.currency, openMinor, today }, t);
  if (!read.ok) return read;
  const current = await stillCurrent(db, accountId, input.currency, input.replacesPlanId);
  if (!current.ok) return current;
  const [row] = await db('payment_plans')
    .insert({
      customer_id: accountId,
      created_by_user_id: actor.userId,
      total_minor: openMinor,
      currency: input.currency,
      status: 'proposed',
      installments: JSON.stringify(read.value),
      replaces_plan_id: input.replacesPlanId,
    })
    .returning('id');
  return ok({ proposalId: Number(row.id), totalMinor: openMinor, installments: read.value });
}

/** A plan recorded as agreed. */
export interface AgreedPlan {
  planId: number;
  currency: string;
  totalMinor: number;
  installments: Installment[];
  replacedPlanId: number | null;
}

/** Thrown inside the transaction to roll it back when the plan being replaced ended meanwhile. */
class StalePlan extends Error {
  constructor(readonly planId: number) {
    super(`plan ${planId} ended meanwhile`);
  }
}

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';

/**
 * Records a proposal as agreed by the customer: the proposal becomes the active plan, each installment a
 * promise (PB-17, PB-20), a replaced plan ends as renegotiated with its open installments cancelled. Once:
 * a second click finds the plan recorded and changes nothing; a proposal overtaken by another person's
 * plan, or by payments that changed the open amount, is refused and writes nothing.
 */
export async function agreePlan(
  db: Knex,
  actor: Actor,
  accountId: number,
  proposalId: number,
  today: string,
): Promise<Result<AgreedPlan>> {
  const allowed = requireRole(actor, [...ROLES_THAT_AGREE], 'planAgree');
  if (!allowed.ok) return allowed;
  try {
    return await db.transaction(async (trx) => {
      const proposal = await trx('payment_plans')
        .where({ id: proposalId, customer_id: accountId })
        .forUpdate()
        .first('id', 'status', 'currency', 'total_minor', 'installments', 'replaces_plan_id');
      if (!proposal)
        return failSaying<AgreedPlan>('not_found', 'plan.error.noPlan', { planId: String(proposalId) });
      if (proposal.status !== 'proposed')
        return failSaying<AgreedPlan>('conflict', 'plan.error.alreadyAgreed', {
          planId: String(proposalId),
          status: String(proposal.status),
        });
      const currency = currencyCode(proposal.currency);
      const installments = (
        typeof proposal.installments === 'string' ? JSON.parse(proposal.installments) : proposal.installments
      ) as Installment[];
      const replaces = proposal.replaces_plan_id === null ? null : Number(proposal.replaces_plan_id);
      const current = await stillCurrent(trx, accountId, currency, replaces);
      if (!current.ok) return current;
      const openMinor = await openIn(trx, accountId, currency);
      if (openMinor !== Number(proposal.total_minor))
        return failSaying<AgreedPlan>('stale', 'plan.error.openChanged', {
          currency,
          open: formatMoney({ minor: openMinor, currency }),
        });
      if ((installments[0]?.dueDate ?? today) < today)
        return failSaying<AgreedPlan>('stale', 'plan.error.firstPast', {
          date: String(installments[0]?.dueDate),
        });
      if (replaces !== null) {
        const ended = await trx('payment_plans')
          .where({ id: replaces, status: 'active' })
          .update({
            status: 'renegotiated',
            ended_at: trx.fn.now(),
            ended_by_user_id: actor.userId,
            end_reason: `replaced by plan #${proposalId}`,
          });
        // Another renegotiation of the same plan committed first: roll back, as a stale form.
        if (ended === 0) throw new StalePlan(replaces);
        await trx('promises')
          .where({ plan_id: replaces, status: 'open' })
          .update({ status: 'cancelled', resolved_at: trx.fn.now() });
      }
      await trx('payment_plans')
        .where({ id: proposalId })
        .update({ status: 'active', agreed_at: trx.fn.now(), agreed_by_user_id: actor.userId });
      for (const [i, installment] of installments.entries()) {
        const promised = await recordPromise(trx, actor, accountId, {
          promisedDate: installment.dueDate,
          amountMinor: installment.amountMinor,
          currency,
          planId: proposalId,
          installmentNo: i + 1,
        });
        if (!promised.ok) throw new Error(`installment ${i + 1}: ${promised.error.message}`);
      }
      await recordActivity(trx, {
        accountId,
        actor,
        kind: replaces === null ? 'plan_created' : 'plan_renegotiated',
        details: {
          planId: proposalId,
          currency,
          totalMinor: openMinor,
          amounts: installments.map((i) => i.amountMinor),
          dates: installments.map((i) => i.dueDate),
          ...(replaces === null ? {} : { replacesPlanId: replaces }),
        },
      });
      return ok({
        planId: proposalId,
        currency,
        totalMinor: openMinor,
        installments,
        replacedPlanId: replaces,
      });
    });
  } catch (error) {
    // Two people recording plans in one currency at the same moment: the index lets one through.
    if (isUniqueViolation(error)) return staleNew('this currency');
    if (error instanceof StalePlan) return staleOld(error.planId);
    throw error;
  }
}

/** Cancels an active plan (PB-17): its open installments stop being promises; recorded, never edited. */
export async function cancelPlan(
  db: Knex,
  actor: Actor,
  accountId: number,
  planId: number,
): Promise<Result<{ planId: number; currency: string }>> {
  const allowed = requireRole(actor, [...ROLES_THAT_AGREE], 'planCancel');
  if (!allowed.ok) return allowed;
  return db.transaction(async (trx) => {
    const [plan] = await trx('payment_plans')
      .where({ id: planId, customer_id: accountId, status: 'active' })
      .update({
        status: 'cancelled',
        ended_at: trx.fn.now(),
        ended_by_user_id: actor.userId,
        end_reason: 'cancelled',
      })
      .returning(['id', 'currency']);
    if (!plan) {
      const now = await trx('payment_plans').where({ id: planId, customer_id: accountId }).first('status');
      if (!now)
        return failSaying<{ planId: number; currency: string }>('not_found', 'plan.error.noPlan', {
          planId: String(planId),
        });
      return failSaying<{ planId: number; currency: string }>('conflict', 'plan.error.alreadyEnded', {
        planId: String(planId),
        status: String(now.status),
      });
    }
    const cancelled = await trx('promises')
      .where({ plan_id: planId, status: 'open' })
      .update({ status: 'cancelled', resolved_at: trx.fn.now() });
    const currency = currencyCode(plan.currency);
    await recordActivity(trx, {
      accountId,
      actor,
      kind: 'plan_cancelled',
      details: { planId, currency, openInstallmentsCancelled: cancelled },
    });
    await bumpVersion(trx, accountId);
    return ok({ planId, currency });
  });
}

/** Where an active plan stands (PB-17), for the account card. */
export interface PlanState {
  planId: number;
  currency: string;
  totalMinor: number;
  count: number;
  paid: number;
  missed: number;
  nextDate: string | null;
  nextAmountMinor: number | null;
}

/** The account's active plans with their installments counted. */
export async function planStates(db: Knex, accountId: number): Promise<PlanState[]> {
  const rows = await db('payment_plans as pp')
    .join('promises as p', 'p.plan_id', 'pp.id')
    .where({ 'pp.customer_id': accountId, 'pp.status': 'active' })
    .orderBy(['pp.id', 'p.installment_no'])
    .select('pp.id', 'pp.currency', 'pp.total_minor', 'p.status', 'p.promised_date', 'p.amount_minor');
  const states = new Map<number, PlanState>();
  for (const r of rows) {
    const id = Number(r.id);
    const s = states.get(id) ?? {
      planId: id,
      currency: currencyCode(r.currency),
      totalMinor: Number(r.total_minor),
      count: 0,
      paid: 0,
      missed: 0,
      nextDate: null,
      nextAmountMinor: null,
    };
    s.count += 1;
    if (r.status === 'kept') s.paid += 1;
    if (r.status === 'broken' || r.status === 'partial') s.missed += 1;
    if (r.status === 'open' && s.nextDate === null) {
      s.nextDate = String(r.promised_date);
      s.nextAmountMinor = Number(r.amount_minor);
    }
    states.set(id, s);
  }
  return [...states.values()];
}

/** "Payment plan CNY 100,000.00: 2 of 3 paid, next 2026-12-20 (CNY 35,000.00)". */
export function planStateLine(s: PlanState): string {
  const money = (minor: number) => formatMoney({ minor, currency: s.currency });
  const next =
    s.nextDate && s.nextAmountMinor !== null ? `, next ${s.nextDate} (${money(s.nextAmountMinor)})` : '';
  const missed = s.missed > 0 ? `, ${s.missed} missed` : '';
  return `Payment plan ${money(s.totalMinor)}: ${s.paid} of ${s.count} paid${missed}${next}`;
}

/** The card's plan lines: one per active plan (PB-17). */
export async function planLines(db: Knex, accountId: number): Promise<string[]> {
  return (await planStates(db, accountId)).map(planStateLine);
}
