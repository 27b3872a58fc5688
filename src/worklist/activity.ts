import type { Knex } from 'knex';
import type { Actor } from './staff.ts';

/** Kinds of activity rows; PB-03: every contact and state change leaves one, append-only. */
export type ActivityKind =
  | 'claimed'
  | 'released'
  | 'reassigned'
  | 'outcome'
  | 'promise_made'
  | 'promise_kept'
  | 'promise_partial'
  | 'promise_broken'
  | 'escalated'
  | 'dispute_opened'
  | 'dispute_resolved'
  /** An open dispute older than the set days was raised to the owner (once). */
  | 'dispute_raised'
  | 'plan_created'
  /** PB-17: an agreed plan replaced by a new one (the old one ends, never edited). */
  | 'plan_renegotiated'
  | 'plan_cancelled'
  | 'paused'
  | 'pause_lifted'
  /** A pause reached its end date; chasing resumed on its own. */
  | 'pause_ended'
  | 'note'
  | 'letter_requested'
  | 'role_changed'
  | 'letter_sent'
  | 'letter_prepared'
  | 'letter_failed'
  | 'letter_approval_requested'
  | 'letter_approved'
  | 'letter_rejected'
  /** Left in `sending` by a process that stopped: it may or may not have gone out (issue 6). */
  | 'letter_uncertain'
  /** A person checked the mailbox and marked an uncertain letter as sent. */
  | 'letter_marked_sent'
  /** A person chose to send an uncertain letter again. */
  | 'letter_sent_again'
  /** PB-24: asked for outside the customer's contact window; goes out when it opens. */
  | 'letter_queued'
  /** A queued letter stopped before it went out. */
  | 'letter_cancelled'
  /** A scheduled follow-up told the owner about the account (PB-20). */
  | 'owner_told'
  /** PB-28: a decision of the monthly credit meeting on the account. */
  | 'meeting_decision'
  /** A manager changed the account's terms (PB-06 exemption, PB-09 habitual late payer, PB-16 rate). */
  | 'terms_changed'
  /** PB-30: the account was handed over to a collection agency; internal chasing stops. */
  | 'handed_over';

/**
 * Appends an activity for an account and moves the account's state version on, so cards rendered
 * before this change are recognised as stale. Call inside the transaction that made the change.
 */
export async function recordActivity(
  trx: Knex.Transaction,
  entry: {
    accountId: number;
    actor: Actor | null;
    kind: ActivityKind;
    details?: Record<string, unknown>;
    /** When it happened on the business clock (Clock.businessNow); absent: the database's now. */
    at?: Date;
  },
): Promise<number> {
  const [row] = await trx('activities')
    .insert({
      customer_id: entry.accountId,
      actor_user_id: entry.actor?.userId ?? null,
      platform: entry.actor?.platform ?? 'system',
      kind: entry.kind,
      details: JSON.stringify(entry.details ?? {}),
      ...(entry.at ? { created_at: entry.at } : {}),
    })
    .returning('id');
  await bumpVersion(trx, entry.accountId);
  return Number(row.id);
}

/** Moves an account's state version on (creating its state row on first use); returns the new version. */
export async function bumpVersion(
  trx: Knex.Transaction,
  accountId: number,
  change: { set?: Record<string, unknown>; increment?: ('escalations' | 'stalls')[] } = {},
): Promise<number> {
  const set = change.set ?? {};
  const increments = change.increment ?? [];
  const inserted = Object.fromEntries(increments.map((column) => [column, 1]));
  const merged = Object.fromEntries(
    increments.map((column) => [column, trx.raw(`account_state.${column} + 1`)]),
  );
  const [row] = await trx('account_state')
    .insert({ customer_id: accountId, version: 1, ...set, ...inserted })
    .onConflict('customer_id')
    .merge({ version: trx.raw('account_state.version + 1'), ...set, ...merged })
    .returning('version');
  return Number(row.version);
}

/** The account's current state version (0 before anything happened to it). */
export async function stateVersion(db: Knex, accountId: number): Promise<number> {
  const row = await db('account_state').where({ customer_id: accountId }).first('version');
  return row ? Number(row.version) : 0;
}
