/**
 * Account terms only a manager sets: the PB-06 exemption from key-account status (honoured below 60 days
 * only, aging.ts), the PB-09 habitual late payer mark (pre-due reminders whatever the grade) and the PB-16
 * contract interest rate that overrides the default. Each change is an activity with the reason (PB-03).
 */
import type { Knex } from 'knex';
import { z } from 'zod';
import { MAX_RATE_PERCENT_PER_DAY, parseDailyRate } from '../collections/interest.ts';
import { type Translator, translator } from '../i18n/translate.ts';
import { readChoice } from '../views/choice.ts';
import { bumpVersion, recordActivity, stateVersion } from './activity.ts';
import { fail, ok, type Result } from './outcome.ts';
import { type Actor, requireRole } from './staff.ts';

/** The terms as stored. */
export interface AccountTerms {
  keyAccountExempt: boolean;
  habitualLatePayer: boolean;
  /** PB-16: the contract's daily rate ("0.03%"), or null for the default. */
  interestRatePerDay: string | null;
}

export { MAX_RATE_PERCENT_PER_DAY };

const YES_NO = ['yes', 'no'] as const;
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** Yes and no as typed in any of our languages, besides the option values themselves. */
const YES_NO_WORDS: Readonly<Record<string, (typeof YES_NO)[number]>> = {
  是: 'yes',
  否: 'no',
};

/** The terms form as it arrives from any platform (strings by field id), its messages in `t`'s language. */
function termsSchema(t: Translator) {
  const yesNo = z.preprocess(
    (v) => (typeof v === 'string' ? (readChoice(YES_NO, v) ?? YES_NO_WORDS[v.trim()] ?? v) : v),
    z.enum(YES_NO, { error: t.t('terms.field.yesNo') }),
  );
  return z.object({
    keyAccountExempt: yesNo,
    habitualLatePayer: yesNo,
    interestRate: z.preprocess(
      blank,
      z
        .string()
        .max(20, t.t('terms.field.atMost', { max: '20' }))
        .optional()
        .superRefine((v, ctx) => {
          if (v === undefined) return;
          const rate = parseDailyRate(v);
          if (!rate) ctx.addIssue({ code: 'custom', message: t.t('terms.field.rate') });
          else if (parseFloat(rate.text) > MAX_RATE_PERCENT_PER_DAY)
            ctx.addIssue({
              code: 'custom',
              message: t.t('terms.field.rateMax', { max: String(MAX_RATE_PERCENT_PER_DAY) }),
            });
        }),
    ),
    reason: z.preprocess(
      blank,
      z.string({ error: t.t('terms.field.reason') }).max(500, t.t('terms.field.atMost', { max: '500' })),
    ),
  });
}

/** The account's terms now (defaults before anything was set). */
export async function readTerms(db: Knex, accountId: number): Promise<AccountTerms> {
  const row = await db('account_state')
    .where({ customer_id: accountId })
    .first('key_account_exempt', 'habitual_late_payer', 'interest_rate_per_day');
  return {
    keyAccountExempt: Boolean(row?.key_account_exempt),
    habitualLatePayer: Boolean(row?.habitual_late_payer),
    interestRatePerDay: row?.interest_rate_per_day ? String(row.interest_rate_per_day) : null,
  };
}

/**
 * A manager sets an account's terms from the submitted form. `drawnAt` is the account version the form was
 * opened at: a form left open while someone else changed the terms is refused (stale), never applied over
 * their change. Bad input names the field and writes nothing.
 */
export async function setTerms(
  db: Knex,
  actor: Actor,
  accountId: number,
  values: Record<string, unknown>,
  drawnAt: number | undefined,
  t: Translator = translator('en'),
): Promise<Result<{ before: AccountTerms; after: AccountTerms }>> {
  const allowed = requireRole(actor, ['manager'], 'terms');
  if (!allowed.ok) return allowed;
  // Any issue the schema does not word itself (a value of the wrong type) is still said in `t`'s language.
  const parsed = termsSchema(t).safeParse(values, { error: () => t.t('terms.field.invalid') });
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? 'form')] ??= issue.message;
    return fail('invalid_input', t.t('terms.invalid'), fields);
  }
  const form = parsed.data;
  const rate = form.interestRate === undefined ? null : (parseDailyRate(form.interestRate)?.text ?? null);
  const after: AccountTerms = {
    keyAccountExempt: form.keyAccountExempt === 'yes',
    habitualLatePayer: form.habitualLatePayer === 'yes',
    interestRatePerDay: rate,
  };
  return db.transaction(async (trx) => {
    const customer = await trx('customers').where({ id: accountId }).first('id');
    if (!customer) return fail('not_found', t.t('terms.noAccount', { id: String(accountId) }));
    // Lock the state row (made first if need be) so two managers saving at once are judged in turn.
    await trx('account_state').insert({ customer_id: accountId }).onConflict('customer_id').ignore();
    await trx.raw('SELECT 1 FROM account_state WHERE customer_id = ? FOR UPDATE', [accountId]);
    const versionNow = await stateVersion(trx, accountId);
    if (drawnAt !== undefined && drawnAt !== versionNow) return fail('stale', t.t('terms.stale'));
    const before = await readTerms(trx, accountId);
    await bumpVersion(trx, accountId, {
      set: {
        key_account_exempt: after.keyAccountExempt,
        habitual_late_payer: after.habitualLatePayer,
        interest_rate_per_day: after.interestRatePerDay,
      },
    });
    await recordActivity(trx, {
      accountId,
      actor,
      kind: 'terms_changed',
      details: { before, after, reason: form.reason.trim() },
    });
    return ok({ before, after });
  });
}
