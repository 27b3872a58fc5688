/**
 * PB-14: an escalation raised by an interaction ("in process" twice with no concrete step) reaches the
 * account's owner and the owner's managers privately, through the outbox (once per escalation and person),
 * and the history says who was told. The account thread hears it from the reply that raised it.
 */
import { enqueue } from '../outbox/outbox.ts';
import type { OutgoingPost } from '../outbox/post.ts';
import { recordActivity } from '../worklist/activity.ts';
import type { Knex } from 'knex';
import { type EscalationMap, managersFor } from '../worklist/escalation.ts';

/** Tells the owner and their managers of an escalation; returns who was told ("Ann (owner), Mia"). */
export async function tellEscalation(
  ctx: { db: Knex; escalationManagers?: EscalationMap | undefined },
  escalation: { accountId: number; reason: string; key: string },
): Promise<string[]> {
  const { accountId, reason, key } = escalation;
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
  const name = String(account?.name ?? `account #${accountId}`);
  const text = (forManager: boolean) => ({
    blocks: [
      { type: 'text' as const, text: `*Escalated: ${name}*: ${reason} (PB-14).`, tone: 'danger' as const },
      {
        type: 'text' as const,
        text: forManager
          ? `It moved up to you as the owner's manager; owner: ${owner ? String(owner.display_name) : 'nobody'}.`
          : 'Call today and ask for a concrete step and date (PB-19).',
      },
    ],
    fallbackText: `Escalated: ${name}`,
  });
  const posts: OutgoingPost[] = [
    ...(ownerId
      ? [{ key: `${key}:owner`, to: { kind: 'user' as const, userId: ownerId }, message: text(false) }]
      : []),
    ...managers.map((m) => ({
      key: `${key}:manager:${m.userId}`,
      to: { kind: 'user' as const, userId: m.userId },
      message: text(true),
    })),
  ];
  const added = await enqueue(ctx.db, posts);
  const told = [...(owner ? [`${String(owner.display_name)} (owner)`] : []), ...managers.map((m) => m.name)];
  if (added.length > 0)
    await ctx.db.transaction((trx) =>
      recordActivity(trx, {
        accountId,
        actor: null,
        kind: 'owner_told',
        details: {
          reason,
          owner: owner ? String(owner.display_name) : null,
          managers: managers.map((m) => m.name),
        },
      }),
    );
  return told;
}
