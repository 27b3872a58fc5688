import type { Knex } from 'knex';
import { addDays } from '../collections/dates.ts';
import { recordActivity } from './activity.ts';
import { failSaying, ok, type Result } from './outcome.ts';
import { translator, type Translator } from '../i18n/translate.ts';
import { collectableItems, recordPromise } from './promises.ts';
import { type Actor, requireRole } from './staff.ts';

/** PB-17 defaults: three installments, the first 30%. */
export const PLAN_DEFAULTS = { installments: 3, firstPercent: 30, everyDays: 30 };

/**
 * Splits a total into installments: the first takes `firstPercent`, the rest share what is left evenly,
 * and the last absorbs the rounding, so the parts always add up to the total exactly.
 */
export function splitInstallments(totalMinor: number, installments: number, firstPercent: number): number[] {
  if (installments === 1) return [totalMinor];
  const first = Math.floor((totalMinor * firstPercent) / 100);
  const rest = totalMinor - first;
  const each = Math.floor(rest / (installments - 1));
  const parts = [first, ...Array.from({ length: installments - 1 }, () => each)];
  parts[parts.length - 1] = (parts.at(-1) ?? 0) + rest - each * (installments - 1);
  return parts;
}

/**
 * Agrees a payment plan over the account's open, undisputed items in one currency; installments are
 * promises. A refusal is a catalog message, its fields said in `t`'s language (the reader's).
 */
export async function createPaymentPlan(
  db: Knex,
  actor: Actor,
  accountId: number,
  input: {
    currency: string;
    firstDate: string;
    installments?: number;
    firstPercent?: number;
    everyDays?: number;
  },
  today: string,
  t: Translator = translator('en'),
): Promise<Result<{ planId: number; amounts: number[]; dates: string[] }>> {
  const allowed = requireRole(actor, ['collector', 'manager'], 'planAgree');
  if (!allowed.ok) return allowed;
  const installments = input.installments ?? PLAN_DEFAULTS.installments;
  const firstPercent = input.firstPercent ?? PLAN_DEFAULTS.firstPercent;
  const everyDays = input.everyDays ?? PLAN_DEFAULTS.everyDays;
  const fields: Record<string, string> = {};
  if (!Number.isInteger(installments) || installments < 1 || installments > 24)
    fields.installments = t.t('plan.field.installments');
  if (!(firstPercent > 0 && firstPercent < 100)) fields.firstPercent = t.t('plan.field.firstPercent');
  if (!Number.isInteger(everyDays) || everyDays < 1 || everyDays > 92)
    fields.everyDays = t.t('plan.field.everyDays');
  if (input.firstDate < today) fields.firstDate = t.t('plan.field.fromToday', { today });
  if (Object.keys(fields).length > 0) return failSaying('invalid_input', 'plan.invalid', {}, fields);
  return db.transaction(async (trx) => {
    const items = await collectableItems(trx, accountId, input.currency);
    const total = items.reduce((sum, i) => sum + Number(i.open_minor), 0);
    if (total === 0) {
      const { currency } = input;
      return failSaying<{ planId: number; amounts: number[]; dates: string[] }>(
        'invalid_input',
        'plan.error.nothingOpen',
        { currency },
        { currency: t.t('plan.field.noOpen', { currency }) },
      );
    }
    const amounts = splitInstallments(total, installments, firstPercent);
    const dates = amounts.map((_, i) => addDays(input.firstDate, i * everyDays));
    const [plan] = await trx('payment_plans')
      .insert({
        customer_id: accountId,
        created_by_user_id: actor.userId,
        total_minor: total,
        currency: input.currency,
      })
      .returning('id');
    const planId = Number(plan.id);
    for (const [i, amount] of amounts.entries()) {
      if (amount === 0) continue;
      const promised = await recordPromise(trx, actor, accountId, {
        promisedDate: dates[i] ?? input.firstDate,
        amountMinor: amount,
        currency: input.currency,
        planId,
        installmentNo: i + 1,
      });
      if (!promised.ok) throw new Error(`installment ${i + 1}: ${promised.error.message}`);
    }
    await recordActivity(trx, {
      accountId,
      actor,
      kind: 'plan_created',
      details: { planId, currency: input.currency, totalMinor: total, amounts, dates },
    });
    return ok({ planId, amounts, dates });
  });
}
