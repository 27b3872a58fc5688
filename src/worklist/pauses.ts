import type { Knex } from 'knex';
import { addDays } from '../collections/dates.ts';
import type { PauseWhy } from '../collections/ladder.ts';
import { type Translator, translator } from '../i18n/translate.ts';
import { recordActivity } from './activity.ts';
import { itemsNamed, MAX_REASON } from './disputes.ts';
import { fail, ok, type Result } from './outcome.ts';
import { type Actor, requireRole } from './staff.ts';

/** The furthest a pause may end: a pause for longer is a decision to stop collecting, not a pause. */
export const MAX_PAUSE_DAYS = 365;

/** A pause in force: on the whole account (`itemId` null) or on one invoice. */
export interface ActivePause {
  id: number;
  accountId: number;
  itemId: number | null;
  invoice: string | null;
  reason: PauseWhy;
  /** The last day of the pause (chasing resumes the day after); null only on pauses made before ends were required. */
  until: string | null;
}

/**
 * A stored pause's why: duebot's own reason (`reason_note`, e.g. {"kind":"handed-over","agency":"..."},
 * PB-30) when it wrote one, else the words the person typed (`reason`).
 */
export function pauseWhy(row: { reason?: unknown; reason_note?: unknown }): PauseWhy {
  const note = typeof row.reason_note === 'string' ? parseNote(row.reason_note) : row.reason_note;
  if (
    note &&
    typeof note === 'object' &&
    (note as { kind?: unknown }).kind === 'handed-over' &&
    typeof (note as { agency?: unknown }).agency === 'string'
  )
    return { kind: 'handed-over', agency: (note as { agency: string }).agency };
  return row.reason === null || row.reason === undefined ? '' : String(row.reason);
}

function parseNote(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Pauses hold through their `until` day (inclusive), as the ladder reads them (collections/ladder.ts pauseActive). */
function inForce(q: Knex.QueryBuilder, today: string): void {
  q.whereNull('p.lifted_at').where((w) => w.whereNull('p.until').orWhere('p.until', '>=', today));
}

/** Pauses in force today: whole-account ones (itemId null) and per-invoice ones. */
export async function activePauses(db: Knex, accountIds: number[], today: string): Promise<ActivePause[]> {
  const rows: {
    id: string | number;
    customer_id: string | number;
    open_item_id: string | number | null;
    invoice_number: string | null;
    reason: string | null;
    reason_note: unknown;
    until: string | null;
  }[] = await db('pauses as p')
    .leftJoin('open_items as o', 'o.id', 'p.open_item_id')
    .whereIn('p.customer_id', accountIds)
    .modify(inForce, today)
    .orderBy('p.id')
    .select(
      'p.id',
      'p.customer_id',
      'p.open_item_id',
      'o.invoice_number',
      'p.reason',
      'p.reason_note',
      'p.until',
    );
  return rows.map((r) => ({
    id: Number(r.id),
    accountId: Number(r.customer_id),
    itemId: r.open_item_id === null ? null : Number(r.open_item_id),
    invoice: r.invoice_number === null ? null : String(r.invoice_number),
    reason: pauseWhy(r),
    until: r.until === null ? null : String(r.until),
  }));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** What is wrong with a typed date, in the reader's language, or null for a real YYYY-MM-DD date. */
export function untilProblem(value: string, t: Translator): string | null {
  if (!value) return t.t('pause.field.untilRequired');
  const m = ISO_DATE.exec(value);
  const said = { value, year: m?.[1] ?? '', monthName: '', days: 0 };
  if (!m) return t.t('pause.field.badDate', { ...said, problem: 'format' });
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return t.t('pause.field.badDate', { ...said, problem: 'month' });
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day >= 1 && day <= days) return null;
  // "February" in English; "2月" in Chinese (a month alone in `long` form is 二月 there).
  const monthName = new Intl.DateTimeFormat(t.locale === 'en' ? 'en-GB' : t.locale, {
    month: t.locale === 'en' ? 'long' : 'numeric',
    timeZone: 'UTC',
  }).format(Date.UTC(2000, month - 1, 1));
  return t.t('pause.field.badDate', { ...said, problem: 'days', monthName, days });
}

/** What the pause form sends, as typed: the end date, the reason, and optionally invoice numbers. */
export interface PauseInput {
  until: string;
  reason: string;
  /** Invoice numbers; blank pauses the whole account. */
  invoices?: string | undefined;
}

/**
 * Pauses chasing an account, or some of its invoices, until a date with a reason ("remind me later", "stop
 * dunning"): paused items keep aging but get no ladder steps, letters or nudges; chasing resumes on its own
 * the day after `until`. Something already paused is refused (un-pause it first), so a double submission
 * never stacks two pauses.
 */
export async function pauseChasing(
  db: Knex,
  actor: Actor,
  accountId: number,
  input: PauseInput,
  today: string,
  t: Translator = translator('en'),
): Promise<Result<{ pauseIds: number[]; until: string; invoices: string[] }>> {
  const allowed = requireRole(actor, ['collector', 'manager'], 'pause');
  if (!allowed.ok) return allowed;
  const fields: Record<string, string> = {};
  const until = input.until.trim();
  const reason = input.reason.trim();
  const latest = addDays(today, MAX_PAUSE_DAYS);
  const problem = untilProblem(until, t);
  if (problem) fields.until = problem;
  else if (until < today) fields.until = t.t('pause.field.past', { today, until });
  else if (until > latest) fields.until = t.t('pause.field.tooLate', { latest });
  if (!reason) fields.reason = t.t('pause.field.sayWhy');
  else if (reason.length > MAX_REASON)
    fields.reason = t.t('dispute.field.atMost', { max: String(MAX_REASON) });
  if (Object.keys(fields).length > 0) return fail('invalid_input', t.t('dispute.invalid.marked'), fields);

  return db.transaction(async (trx) => {
    const customer = await trx('customers').where({ id: accountId }).forUpdate().first('id');
    if (!customer) return fail('not_found', t.t('dispute.noAccount', { id: String(accountId) }));
    let items: { id: number; number: string }[] = [];
    if (input.invoices?.trim()) {
      const named = await itemsNamed(trx, accountId, input.invoices, t);
      if (!named.ok) return named;
      items = named.value;
    }
    const current = await activePauses(trx, [accountId], today);
    const whole = current.find((p) => p.itemId === null);
    if (whole)
      return fail('conflict', t.t('pause.invalid.wholePaused'), {
        [items.length > 0 ? 'invoices' : 'until']: t.t('pause.field.wholePaused', {
          hasUntil: whole.until ? 'yes' : 'no',
          until: whole.until ?? '',
        }),
      });
    const taken = current.filter((p) => items.some((i) => i.id === p.itemId));
    if (taken.length > 0)
      return fail('conflict', t.t('pause.invalid.taken'), {
        invoices: t.t('pause.field.taken', {
          list: taken
            .map((p) =>
              t.t('pause.field.takenItem', {
                invoice: p.invoice ?? '',
                hasUntil: p.until ? 'yes' : 'no',
                until: p.until ?? '',
              }),
            )
            .join(', '),
        }),
      });
    const targets: (number | null)[] = items.length > 0 ? items.map((i) => i.id) : [null];
    const rows: { id: string | number }[] = await trx('pauses')
      .insert(
        targets.map((itemId) => ({
          customer_id: accountId,
          open_item_id: itemId,
          reason,
          until,
          created_by_user_id: actor.userId,
        })),
      )
      .returning('id');
    const pauseIds = rows.map((r) => Number(r.id));
    const invoices = items.map((i) => i.number);
    await recordActivity(trx, {
      accountId,
      actor,
      kind: 'paused',
      details: { pauseIds, reason, until, invoices },
    });
    return ok({ pauseIds, until, invoices });
  });
}

/**
 * Un-pauses early: ends every pause in force on the account (the whole account and single invoices); chasing
 * resumes today. Nothing paused is refused, so a second click changes nothing.
 */
export async function liftPauses(
  db: Knex,
  actor: Actor,
  accountId: number,
  today: string,
  t: Translator = translator('en'),
): Promise<Result<{ pauseIds: number[] }>> {
  const allowed = requireRole(actor, ['collector', 'manager'], 'unpause');
  if (!allowed.ok) return allowed;
  return db.transaction(async (trx) => {
    const rows: { id: string | number }[] = await trx('pauses as p')
      .where('p.customer_id', accountId)
      .modify(inForce, today)
      .update({ lifted_at: trx.fn.now(), lifted_by_user_id: actor.userId })
      .returning('id');
    if (rows.length === 0) return fail('not_found', t.t('pause.nothingPaused'));
    const pauseIds = rows.map((r) => Number(r.id));
    await recordActivity(trx, { accountId, actor, kind: 'pause_lifted', details: { pauseIds } });
    return ok({ pauseIds });
  });
}

/**
 * Pauses whose last day is before `today` are ended (lifted with nobody named) and noted in the account's
 * history once, by a conditional update: chasing resumes on its own. Returns the accounts touched.
 */
export async function endLapsedPauses(
  trx: Knex.Transaction,
  today: string,
): Promise<{ accountId: number; until: string; pauseIds: number[] }[]> {
  const rows: { id: string | number; customer_id: string | number; until: string }[] = await trx('pauses')
    .whereNull('lifted_at')
    .whereNotNull('until')
    .where('until', '<', today)
    .update({ lifted_at: trx.fn.now() })
    .returning(['id', 'customer_id', 'until']);
  const byAccount = new Map<number, { until: string; pauseIds: number[] }>();
  for (const r of rows) {
    const accountId = Number(r.customer_id);
    const until = String(r.until);
    const entry = byAccount.get(accountId) ?? { until, pauseIds: [] };
    entry.pauseIds.push(Number(r.id));
    if (until > entry.until) entry.until = until;
    byAccount.set(accountId, entry);
  }
  const out = [...byAccount].map(([accountId, e]) => ({ accountId, ...e }));
  for (const e of out)
    await recordActivity(trx, {
      accountId: e.accountId,
      actor: null,
      kind: 'pause_ended',
      details: { pauseIds: e.pauseIds, until: e.until },
    });
  return out;
}
