import type { Knex } from 'knex';
import { type Translator, translator } from '../i18n/translate.ts';
import { recordActivity } from './activity.ts';
import { fail, ok, type Result } from './outcome.ts';
import { type Actor, requireRole } from './staff.ts';

/**
 * How a dispute ends. In the customer's favour (`upheld_credit_note`, `partially_credited`): a credit
 * note is expected, so the items stay off the ladder until the ledger shows it. Not (`rejected_collect`,
 * `withdrawn`): the items go back on the ladder from where they stood when the dispute opened (PB-21).
 */
export const DISPUTE_OUTCOMES = [
  'upheld_credit_note',
  'rejected_collect',
  'withdrawn',
  'partially_credited',
] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/** Outcomes after which a credit note is awaited rather than the money. */
const CREDIT_EXPECTED: readonly DisputeOutcome[] = ['upheld_credit_note', 'partially_credited'];

/** Longest reason, resolution note and contact kept (a reason is a sentence or two, not a file). */
export const MAX_REASON = 2000;
export const MAX_CONTACT = 200;

/**
 * PB-21: SQL that is true while an open item (table alias `o`) is held by a dispute: an open one, or one
 * resolved in the customer's favour whose credit note the ledger does not show yet (the open amount has not
 * fallen below what it was at the resolution). The worklist, alerts and promises all read it.
 */
export function disputedItemSql(alias: string): string {
  return `exists (select 1 from dispute_items di where di.open_item_id = ${alias}.id and (di.active or (di.credit_expected_minor is not null and ${alias}.open_minor >= di.credit_expected_minor)))`;
}

/**
 * PB-21: days an open item's (alias `o`) clock stood still in disputes resolved against the customer, from the
 * later of the opening and the due date to the resolution, in the business time zone (binding: the zone,
 * twice). The ladder and the interest pick up from there.
 */
export function clockStoppedSql(alias: string): string {
  return `coalesce((select sum(greatest(0, (ds.resolved_at at time zone ?)::date - greatest((ds.opened_at at time zone ?)::date, ${alias}.due_date)))
    from dispute_items di join disputes ds on ds.id = di.dispute_id
    where di.open_item_id = ${alias}.id and ds.resolved_at is not null and di.credit_expected_minor is null), 0)::int`;
}

/**
 * Open items of an account a typed list of invoice numbers names; an unknown or closed one is named (in
 * the language of `t`, the reader's).
 */
export async function itemsNamed(
  db: Knex,
  accountId: number,
  text: string,
  t: Translator = translator('en'),
): Promise<Result<{ id: number; number: string }[]>> {
  const words = [...new Set(text.split(/[,;\s、，；]+/).filter(Boolean))];
  if (words.length === 0)
    return fail('invalid_input', t.t('dispute.invalid.names'), {
      invoices: t.t('dispute.field.nameInvoices'),
    });
  if (words.length > 200)
    return fail('invalid_input', t.t('dispute.invalid.tooMany'), {
      invoices: t.t('dispute.field.tooManyInvoices'),
    });
  const rows: { id: string | number; invoice_number: string; status: string }[] = await db('open_items')
    .where({ customer_id: accountId })
    .whereRaw('lower(invoice_number) = any(?::text[])', [words.map((w) => w.toLowerCase())])
    .select('id', 'invoice_number', 'status');
  const byNumber = new Map(rows.map((r) => [r.invoice_number.toLowerCase(), r]));
  const unknown = words.filter((w) => !byNumber.has(w.toLowerCase()));
  if (unknown.length > 0)
    return fail('invalid_input', t.t('dispute.invalid.notOfAccount'), {
      invoices: t.t('dispute.field.notOfAccount', { invoices: unknown.join(', ') }),
    });
  const closed = rows.filter((r) => r.status !== 'open').map((r) => r.invoice_number);
  if (closed.length > 0)
    return fail('invalid_input', t.t('dispute.invalid.notOpen'), {
      invoices: t.t('dispute.field.notOpen', { invoices: closed.join(', ') }),
    });
  return ok(rows.map((r) => ({ id: Number(r.id), number: r.invoice_number })));
}

/**
 * PB-21 / PB-19: a dispute on chosen invoices stops interest and the ladder for those items only;
 * the rest of the account is still collected. An invoice is in at most one open dispute.
 */
export async function openDispute(
  db: Knex,
  actor: Actor,
  accountId: number,
  /** `at`: when it was raised on the business clock (Clock.businessNow); absent: the database's now. */
  input: { itemIds: number[]; reason: string; contact?: string | undefined; at?: Date | undefined },
  t: Translator = translator('en'),
): Promise<Result<{ disputeId: number; invoices: string[] }>> {
  const allowed = requireRole(actor, ['collector', 'manager'], 'dispute');
  if (!allowed.ok) return allowed;
  const reason = input.reason.trim();
  const contact = input.contact?.trim() || null;
  const atMost = (max: number) => t.t('dispute.field.atMost', { max: String(max) });
  if (!reason)
    return fail('invalid_input', t.t('dispute.invalid.sayWhat'), { reason: t.t('dispute.field.required') });
  if (reason.length > MAX_REASON)
    return fail('invalid_input', t.t('dispute.invalid.reasonLong'), { reason: atMost(MAX_REASON) });
  if (contact && contact.length > MAX_CONTACT)
    return fail('invalid_input', t.t('dispute.invalid.contactLong'), { contact: atMost(MAX_CONTACT) });
  if (input.itemIds.length === 0) {
    return fail('invalid_input', t.t('dispute.invalid.choose'), {
      invoices: t.t('dispute.field.chooseInvoices'),
    });
  }
  const itemIds = [...new Set(input.itemIds)];
  return db.transaction(async (trx) => {
    const items = await trx('open_items')
      .where({ customer_id: accountId, status: 'open' })
      .whereIn('id', itemIds)
      .orderBy('invoice_number')
      .select('id', 'invoice_number')
      .forUpdate();
    if (items.length !== itemIds.length) {
      return fail('invalid_input', t.t('dispute.invalid.onlyOpen'), {
        invoices: t.t('dispute.field.onlyOpen'),
      });
    }
    const busy = await trx('dispute_items')
      .join('open_items', 'open_items.id', 'dispute_items.open_item_id')
      .whereIn('dispute_items.open_item_id', itemIds)
      .where('dispute_items.active', true)
      .select('open_items.invoice_number', 'dispute_items.dispute_id');
    if (busy.length > 0) {
      const list = busy
        .map((b) =>
          t.t('dispute.field.busyItem', { invoice: String(b.invoice_number), id: String(b.dispute_id) }),
        )
        .join(', ');
      return fail('conflict', t.t('dispute.invalid.busy', { list }), {
        invoices: t.t('dispute.field.busy', { list }),
      });
    }
    const [row] = await trx('disputes')
      .insert({ customer_id: accountId, reason, contact, opened_by_user_id: actor.userId })
      .returning('id');
    const disputeId = Number(row.id);
    await trx('dispute_items').insert(itemIds.map((id) => ({ dispute_id: disputeId, open_item_id: id })));
    const invoices = items.map((i) => String(i.invoice_number));
    await recordActivity(trx, {
      accountId,
      actor,
      kind: 'dispute_opened',
      details: { disputeId, reason, contact, invoices },
      ...(input.at ? { at: input.at } : {}),
    });
    return ok({ disputeId, invoices });
  });
}

/** An open dispute as a card and the resolve form list it. */
export interface OpenDispute {
  id: number;
  reason: string;
  contact: string | null;
  openedOn: string;
  openedBy: string | null;
  invoices: string[];
}

/** The account's open disputes, oldest first. */
export async function openDisputes(db: Knex, accountId: number, timeZone: string): Promise<OpenDispute[]> {
  const rows = await db('disputes as d')
    .leftJoin('users as u', 'u.id', 'd.opened_by_user_id')
    .where('d.customer_id', accountId)
    .whereNull('d.resolved_at')
    .orderBy('d.id')
    .select(
      'd.id',
      'd.reason',
      'd.contact',
      'u.display_name as opened_by',
      db.raw(`to_char(d.opened_at at time zone ?, 'YYYY-MM-DD') as opened_on`, [timeZone]),
      db.raw(
        `(select coalesce(json_agg(o.invoice_number order by o.invoice_number), '[]'::json)
            from dispute_items di join open_items o on o.id = di.open_item_id where di.dispute_id = d.id) as invoices`,
      ),
    );
  return rows.map((r) => ({
    id: Number(r.id),
    reason: String(r.reason),
    contact: r.contact === null ? null : String(r.contact),
    openedOn: String(r.opened_on),
    openedBy: r.opened_by === null ? null : String(r.opened_by),
    invoices: (typeof r.invoices === 'string' ? JSON.parse(r.invoices) : r.invoices) as string[],
  }));
}

/**
 * Closes a dispute with its outcome and why (who: the actor). Against the customer, its items are chased
 * again from where they stood; in the customer's favour they wait for the credit note. A dispute already
 * resolved, or of another account, is refused naming the field and nothing changes: two people resolving
 * at once, or a double click, resolve it once.
 */
export async function resolveDispute(
  db: Knex,
  actor: Actor,
  accountId: number,
  input: { disputeId: number; outcome: string; note: string },
  t: Translator = translator('en'),
): Promise<Result<{ outcome: DisputeOutcome; invoices: string[] }>> {
  const allowed = requireRole(actor, ['collector', 'manager'], 'resolve');
  if (!allowed.ok) return allowed;
  const fields: Record<string, string> = {};
  const outcome = DISPUTE_OUTCOMES.find((o) => o === input.outcome);
  if (!outcome) fields.outcome = t.t('dispute.field.outcome');
  const note = input.note.trim();
  if (!note) fields.note = t.t('dispute.field.sayWhy');
  else if (note.length > MAX_REASON) fields.note = t.t('dispute.field.atMost', { max: String(MAX_REASON) });
  if (!Number.isSafeInteger(input.disputeId) || input.disputeId <= 0)
    fields.dispute = t.t('dispute.field.choose');
  if (Object.keys(fields).length > 0 || !outcome)
    return fail('invalid_input', t.t('dispute.invalid.marked'), fields);
  return db.transaction(async (trx) => {
    const [dispute] = await trx('disputes')
      .where({ id: input.disputeId, customer_id: accountId })
      .whereNull('resolved_at')
      .update({
        resolved_at: trx.fn.now(),
        resolved_by_user_id: actor.userId,
        outcome,
        resolution_note: note,
      })
      .returning(['id']);
    if (!dispute) {
      const found = await trx('disputes as d')
        .leftJoin('users as u', 'u.id', 'd.resolved_by_user_id')
        .where('d.id', input.disputeId)
        .first('d.customer_id', 'd.resolved_at', 'd.outcome', 'u.display_name as resolved_by');
      const id = String(input.disputeId);
      if (!found || Number(found.customer_id) !== accountId)
        return fail('invalid_input', t.t('dispute.invalid.notThisAccount', { id }), {
          dispute: t.t('dispute.field.notThisAccount', { id }),
        });
      const said = {
        id,
        date: new Date(found.resolved_at).toISOString().slice(0, 10),
        hasBy: found.resolved_by ? 'yes' : 'no',
        by: String(found.resolved_by ?? ''),
        outcome: String(found.outcome),
      };
      return fail('conflict', t.t('dispute.invalid.alreadyResolved', said), {
        dispute: t.t('dispute.field.alreadyResolved', said),
      });
    }
    const credit = CREDIT_EXPECTED.includes(outcome);
    await trx('dispute_items')
      .where({ dispute_id: input.disputeId })
      .update({
        active: false,
        ...(credit
          ? {
              credit_expected_minor: trx('open_items')
                .whereRaw('open_items.id = dispute_items.open_item_id')
                .select('open_minor'),
            }
          : {}),
      });
    const invoices = (
      await trx('dispute_items as di')
        .join('open_items as o', 'o.id', 'di.open_item_id')
        .where('di.dispute_id', input.disputeId)
        .orderBy('o.invoice_number')
        .pluck('o.invoice_number')
    ).map(String);
    await recordActivity(trx, {
      accountId,
      actor,
      kind: 'dispute_resolved',
      details: { disputeId: input.disputeId, outcome, note, invoices },
    });
    return ok({ outcome, invoices });
  });
}

/** An open dispute older than the set days, with whom to tell. */
export interface AgedDispute extends OpenDispute {
  accountId: number;
  accountName: string;
  ownerUserId: number | null;
  owner: string | null;
}

/**
 * Open disputes opened at least `days` days before `today` and not raised yet: each is marked raised here
 * (a conditional update, so two runs raise it once) and returned to be told to its owner.
 */
export async function raiseAgedDisputes(
  trx: Knex.Transaction,
  days: number,
  today: string,
  timeZone: string,
): Promise<AgedDispute[]> {
  const raised: { id: string | number }[] = await trx('disputes')
    .whereNull('resolved_at')
    .whereNull('raised_at')
    .whereRaw(`(opened_at at time zone ?)::date <= ?::date - ?::int`, [timeZone, today, days])
    .update({ raised_at: trx.fn.now() })
    .returning('id');
  if (raised.length === 0) return [];
  const ids = raised.map((r) => Number(r.id));
  const accounts: {
    customer_id: string | number;
    name: string;
    owner_id: number | null;
    owner: string | null;
  }[] = await trx('disputes as d')
    .join('customers as c', 'c.id', 'd.customer_id')
    .leftJoin('claims as cl', (j) => j.on('cl.customer_id', 'd.customer_id').andOnNull('cl.released_at'))
    .leftJoin('users as u', 'u.id', 'cl.user_id')
    .whereIn('d.id', ids)
    .distinct('d.customer_id', 'c.name', 'u.id as owner_id', 'u.display_name as owner');
  const out: AgedDispute[] = [];
  for (const a of accounts) {
    const accountId = Number(a.customer_id);
    for (const d of await openDisputes(trx, accountId, timeZone)) {
      if (!ids.includes(d.id)) continue;
      out.push({
        ...d,
        accountId,
        accountName: String(a.name),
        ownerUserId: a.owner_id === null ? null : Number(a.owner_id),
        owner: a.owner === null ? null : String(a.owner),
      });
    }
  }
  return out.sort((x, y) => x.id - y.id);
}
