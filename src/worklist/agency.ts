/**
 * PB-30: handing an account over to a collection agency. Records which agency, when, the amount handed
 * over (the open balance per currency) and the time the company spent before (days since the oldest open
 * due date, contact attempts on record), and stops internal chasing with an account pause, so the ladder
 * and the follow-ups leave the account alone. Once per account: a second try says when it went and where.
 */
import type { Knex } from 'knex';
import { z } from 'zod';
import { daysBetween } from '../collections/dates.ts';
import type { PauseWhy } from '../collections/ladder.ts';
import { currencyCode } from '../collections/money.ts';
import { type Translator, translator } from '../i18n/translate.ts';
import { recordActivity, stateVersion } from './activity.ts';
import { fail, ok, type Result } from './outcome.ts';
import { type Actor, requireRole } from './staff.ts';

/** What was handed over. */
export interface Handover {
  agency: string;
  handedOverOn: string;
  /** Open amount per currency, minor units. */
  amounts: Record<string, number>;
  daysWorked: number;
  contactAttempts: number;
}

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** The hand-over form (strings by field id), its messages in `t`'s language. */
const formSchema = (t: Translator) =>
  z.object({
    agency: z.preprocess(
      blank,
      z
        .string({ error: t.t('agency.field.name') })
        .trim()
        .max(100, t.t('agency.field.atMost', { max: t.number(100) }))
        .refine((v) => ![...v].some((ch) => ch.charCodeAt(0) < 0x20), t.t('agency.field.oneLine')),
    ),
    note: z.preprocess(
      blank,
      z
        .string()
        .max(1000, t.t('agency.field.atMost', { max: t.number(1000) }))
        .optional(),
    ),
  });

/** Hands the account over; bad input names the field and writes nothing. */
export async function handOver(
  db: Knex,
  actor: Actor,
  accountId: number,
  values: Record<string, unknown>,
  today: string,
  drawnAt: number | undefined,
  t: Translator = translator('en'),
): Promise<Result<Handover>> {
  const allowed = requireRole(actor, ['manager'], 'handOver');
  if (!allowed.ok) return allowed;
  const parsed = formSchema(t).safeParse(values, { error: () => t.t('agency.field.invalid') });
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? 'form')] ??= issue.message;
    return fail('invalid_input', t.t('agency.invalid'), fields);
  }
  const { agency, note } = parsed.data;
  return db.transaction(async (trx) => {
    const customer = await trx('customers').where({ id: accountId }).forUpdate().first('id');
    if (!customer) return fail('not_found', t.t('agency.noAccount', { id: String(accountId) }));
    const earlier = await trx('agency_handovers').where({ customer_id: accountId }).first();
    if (earlier)
      return fail(
        'conflict',
        t.t('agency.already', { agency: String(earlier.agency), date: String(earlier.handed_over_on) }),
      );
    if (drawnAt !== undefined && drawnAt !== (await stateVersion(trx, accountId)))
      return fail('stale', t.t('agency.stale'));
    const open = await trx('open_items')
      .where({ customer_id: accountId, status: 'open' })
      .where('open_minor', '>', 0)
      .select('due_date', 'open_minor', 'currency');
    if (open.length === 0) return fail('invalid_input', t.t('agency.nothingOpen'));
    const amounts: Record<string, number> = {};
    for (const r of open)
      amounts[currencyCode(r.currency)] = (amounts[currencyCode(r.currency)] ?? 0) + Number(r.open_minor);
    const oldest = open.map((r) => String(r.due_date)).sort()[0] ?? today;
    const daysWorked = Math.max(0, daysBetween(oldest, today));
    const [counted] = await trx('activities')
      .where({ customer_id: accountId })
      .where((q) =>
        q
          .whereIn('kind', ['letter_sent', 'letter_marked_sent'])
          .orWhere((o) => o.where('kind', 'outcome').whereRaw(`details->>'channel' <> 'note'`)),
      )
      .count({ n: '*' });
    const contactAttempts = Number(counted?.n ?? 0);
    // duebot's own reason, kept by its kind and said in each reader's language (ladder-words.ts).
    const reasonNote: PauseWhy = { kind: 'handed-over', agency };
    const [pause] = await trx('pauses')
      .insert({
        customer_id: accountId,
        reason: null,
        reason_note: JSON.stringify(reasonNote),
        created_by_user_id: actor.userId,
      })
      .returning('id');
    await trx('agency_handovers').insert({
      customer_id: accountId,
      agency,
      note: note ?? null,
      amounts: JSON.stringify(amounts),
      handed_over_on: today,
      days_worked: daysWorked,
      contact_attempts: contactAttempts,
      pause_id: Number(pause.id),
      by_user_id: actor.userId,
    });
    const handover: Handover = { agency, handedOverOn: today, amounts, daysWorked, contactAttempts };
    await recordActivity(trx, {
      accountId,
      actor,
      kind: 'handed_over',
      details: { ...handover, note: note ?? null },
    });
    return ok(handover);
  });
}
