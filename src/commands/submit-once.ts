/**
 * A form submission takes effect once (issue 13), like a click on a versioned card: the adapter names the
 * submission (a Slack view and its hash, a Teams dialog as drawn) and the dispatcher takes that key in the
 * bot database. A retried delivery finds the key taken and changes nothing; two deliveries at once meet on
 * the key's primary key; a submission whose effect failed or came back with field errors leaves no key,
 * so it can be sent again.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Reply } from './interaction.ts';
import { notice } from '../views/notices.ts';
import type { DispatchContext } from './account-actions.ts';
import { privateT } from '../i18n/speech.ts';

/** One delivery of a form: who the platform says it is, what it submits, from whom. */
export interface Submission {
  /** `<platform>:<identity>`; the same on every delivery of one submission, new for a new form. */
  key: string;
  ref: string;
  userId: string;
}

/** Longer identities are stored as their hash, so a key always fits an index entry. */
const MAX_KEY = 200;

/** The stored key of a submission: its platform and identity, hashed when long. */
export function submissionKey(platform: string, identity: string): string {
  const key = `${platform}:${identity}`;
  return key.length <= MAX_KEY ? key : `${platform}:sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/**
 * What a second delivery hears. Not the first answer again: that answer posts into the account's thread and
 * redraws the card, which would then happen twice.
 */
export const alreadyRecorded = (ctx: DispatchContext): Reply => ({
  kind: 'ephemeral',
  message: notice(privateT(ctx).t('card.form.alreadyRecorded')),
});

async function take(db: Knex, s: Submission): Promise<boolean> {
  const taken = await db('form_submissions')
    .insert({ key: s.key, ref: s.ref.slice(0, 500), platform_user_id: s.userId.slice(0, 200) })
    .onConflict('key')
    .ignore()
    .returning('key');
  return taken.length > 0;
}

/**
 * Runs a form's effect in one transaction with its key: a failure or field errors roll both back; a second
 * delivery waits on the key until the first commits (then it is taken) or rolls back (then it runs).
 * `onWorklistChanged` is told after the commit, so nothing reads the change before it is there.
 */
export async function onceInTransaction(
  ctx: DispatchContext,
  s: Submission,
  run: (ctx: DispatchContext) => Promise<Reply>,
): Promise<Reply> {
  let changed = false;
  const trx = await ctx.db.transaction();
  try {
    if (!(await take(trx, s))) {
      await trx.rollback();
      return alreadyRecorded(ctx);
    }
    const reply = await run({ ...ctx, db: trx, onWorklistChanged: () => (changed = true) });
    if (reply.kind === 'formErrors') await trx.rollback();
    else await trx.commit();
    if (changed) ctx.onWorklistChanged?.();
    return reply;
  } catch (error) {
    if (!trx.isCompleted()) await trx.rollback().catch(() => undefined);
    throw error;
  }
}

/**
 * For effects that must not sit inside a transaction (a letter's SMTP conversation: rolled back, it would
 * forget a letter that went out) and hold their own once-only key: a taken submission is answered as one,
 * and the key is taken after the effect, so a later retry hears the same.
 */
export async function onceAround(
  ctx: DispatchContext,
  s: Submission,
  run: (ctx: DispatchContext) => Promise<Reply>,
): Promise<Reply> {
  const seen = await ctx.db('form_submissions').where({ key: s.key }).first('key');
  if (seen) return alreadyRecorded(ctx);
  const reply = await run(ctx);
  if (reply.kind !== 'formErrors') await take(ctx.db, s);
  return reply;
}
