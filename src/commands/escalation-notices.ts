/**
 * PB-14: an escalation raised by an interaction ("in process" twice with no concrete step) reaches the
 * account's owner and the owner's managers privately, through the outbox (once per escalation and person),
 * and the history says who was told. The account thread hears it from the reply that raised it.
 */
import { personT } from '../i18n/person.ts';
import type { LanguageConfig } from '../i18n/settings.ts';
import { companyT, sharedT } from '../i18n/speech.ts';
import type { Translator } from '../i18n/translate.ts';
import { enqueue } from '../outbox/outbox.ts';
import { drawnIn, type OutgoingPost } from '../outbox/post.ts';
import type { Message } from '../views/model.ts';
import { recordActivity } from '../worklist/activity.ts';
import type { Knex } from 'knex';
import { type EscalationMap, managersFor } from '../worklist/escalation.ts';

/** The private notice of an escalation to the account's owner, or to one of the owner's managers. */
export function escalationNotice(
  e: {
    name: string | null;
    accountId: number;
    /** PB-14: how many "in process" answers without a concrete step raised it. */
    inProcessTimes: number;
    owner: string | null;
    forManager: boolean;
  },
  t: Translator,
): Message {
  const name = e.name ?? t.t('escalation.account', { id: e.accountId });
  const why = t.t('escalation.reason.in_process', { times: e.inProcessTimes });
  return {
    blocks: [
      { type: 'text', text: t.t('escalation.headline', { name, reason: why }), tone: 'danger' },
      {
        type: 'text',
        text: e.forManager
          ? t.t('escalation.manager', { owner: e.owner ?? 'none' })
          : t.t('escalation.owner'),
      },
    ],
    fallbackText: t.t('escalation.fallback', { name }),
  };
}

/**
 * Tells the owner and their managers of an escalation, each in their own language (else the company's);
 * returns who was told ("Ann (owner), Mia") in the language of the place that asked (sharedT: the account's
 * thread hears it). The reason is kept by its cause (PB-14's count of "in process" answers), so each reader
 * (the notices, the history) reads it in their own language.
 */
export async function tellEscalation(
  ctx: {
    db: Knex;
    escalationManagers?: EscalationMap | undefined;
    language?: LanguageConfig | undefined;
    t?: Translator | undefined;
    tShared?: Translator | undefined;
  },
  escalation: { accountId: number; key: string; inProcessTimes: number },
): Promise<string[]> {
  const { accountId, key, inProcessTimes } = escalation;
  const [account, owner] = await Promise.all([
    ctx.db('customers').where({ id: accountId }).first('name'),
    ctx
      .db('claims as c')
      .join('users as u', 'u.id', 'c.user_id')
      .where('c.customer_id', accountId)
      .whereNull('c.released_at')
      .first('u.id', 'u.display_name'),
  ]);
  const ownerId = owner ? Number(owner.id) : null;
  const managers = await managersFor(ctx.db, ownerId, ctx.escalationManagers ?? {});
  const ownerName = owner ? String(owner.display_name) : null;
  const text = (forManager: boolean, t: Translator): Message =>
    drawnIn(
      escalationNotice(
        {
          name: account?.name ? String(account.name) : null,
          accountId,
          inProcessTimes,
          owner: ownerName,
          forManager,
        },
        t,
      ),
      t,
    );
  const posts: OutgoingPost[] = [];
  if (ownerId)
    posts.push({
      key: `${key}:owner`,
      to: { kind: 'user', userId: ownerId },
      message: text(false, await personT(ctx.db, ownerId, ctx.language)),
    });
  for (const m of managers)
    posts.push({
      key: `${key}:manager:${m.userId}`,
      to: { kind: 'user', userId: m.userId },
      message: text(true, await personT(ctx.db, m.userId, ctx.language)),
    });
  const added = await enqueue(ctx.db, posts, { locale: companyT(ctx.language).locale });
  const place = sharedT(ctx);
  const told = [
    ...(ownerName ? [place.t('escalation.told_owner', { name: ownerName })] : []),
    ...managers.map((m) => m.name),
  ];
  if (added.length > 0)
    await ctx.db.transaction((trx) =>
      recordActivity(trx, {
        accountId,
        actor: null,
        kind: 'owner_told',
        details: {
          cause: 'stalled',
          times: inProcessTimes,
          owner: ownerName,
          managers: managers.map((m) => m.name),
        },
      }),
    );
  return told;
}
