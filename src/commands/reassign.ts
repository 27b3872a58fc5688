import type { Knex } from 'knex';
import { privateT } from '../i18n/speech.ts';
import type { Reply } from './interaction.ts';
import { currentOwner, reassignAccount } from '../worklist/claims.ts';
import type { Actor } from '../worklist/staff.ts';
import { accountCard, accountChanged, type DispatchContext } from './account-actions.ts';
import { reassignForm } from '../views/reassign-form.ts';
import { refuse } from './refuse.ts';
import { roleNeeded } from './roles.ts';
import { failureText } from '../worklist/outcome.ts';

/** Most choices one answer holds: Slack's options response and a Teams choice set both stop at 100. */
export const MAX_CHOICES = 100;

/** One choice of a select field. */
export interface Choice {
  value: string;
  label: string;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * PB-25: who can own an account (collectors and managers), by name, without `exceptUserId` (its owner
 * now). `query` narrows by a part of the name, in any case; at most MAX_CHOICES come back.
 */
export async function ownerChoices(
  db: Knex,
  options: { query?: string; exceptUserId?: number | undefined; limit?: number },
): Promise<Choice[]> {
  const query = options.query?.trim().toLowerCase() ?? '';
  const rows = await db('users')
    .whereIn('role', ['collector', 'manager'])
    .modify((q) => {
      if (query) q.whereRaw(`lower(display_name) LIKE ? ESCAPE '\\'`, [`%${escapeLike(query)}%`]);
      if (options.exceptUserId !== undefined) q.whereNot('id', options.exceptUserId);
    })
    .orderBy([{ column: 'display_name' }, { column: 'id' }])
    .limit(Math.max(1, Math.min(options.limit ?? MAX_CHOICES, MAX_CHOICES)))
    .select('id', 'display_name');
  return rows.map((r: { id: number | string; display_name: string }) => ({
    value: String(r.id),
    label: String(r.display_name),
  }));
}

/**
 * PB-25: a manager moves an account to another collector. The form lists the first MAX_CHOICES who can own
 * accounts; its field is searchable (people-search.ts), so with more staff than that every one can be chosen.
 */
export async function openReassignForm(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
): Promise<Reply> {
  const t = privateT(ctx);
  const refused = roleNeeded(t, actor, ['manager'], 'reassign');
  if (refused) return refused;
  const customer = await ctx.db('customers').where({ id: accountId }).first('name');
  if (!customer) return refuse(t.t('reassign.noAccount', { id: String(accountId) }));
  const owner = await currentOwner(ctx.db, accountId);
  const options = await ownerChoices(ctx.db, { exceptUserId: owner?.userId });
  if (options.length === 0) return refuse(t.t('reassign.nobodyElse'));
  return {
    kind: 'openForm',
    form: reassignForm({ id: accountId, name: String(customer.name) }, owner, options, t),
  };
}

/** Applies a submitted reassign form and shows the card with its new owner. */
export async function submitReassign(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  values: Record<string, string>,
): Promise<Reply> {
  const t = privateT(ctx);
  const refused = roleNeeded(t, actor, ['manager'], 'reassign');
  if (refused) return refused;
  const to = Number(values.owner);
  if (!Number.isSafeInteger(to) || to <= 0)
    return { kind: 'formErrors', errors: { owner: t.t('reassign.field.choose') } };
  const result = await reassignAccount(ctx.db, actor, accountId, to, t);
  if (!result.ok) {
    return result.error.code === 'forbidden'
      ? refuse(failureText(privateT(ctx), result.error))
      : { kind: 'formErrors', errors: { owner: failureText(privateT(ctx), result.error) } };
  }
  await accountChanged(ctx, accountId);
  const card = await accountCard(ctx, accountId);
  if (!card) return refuse(t.t('reassign.noAccount', { id: String(accountId) }));
  const previous = result.value.previousOwner;
  card.blocks.unshift({
    type: 'context',
    text: t.t('reassign.done', {
      actor: actor.name,
      hasFrom: previous ? 'yes' : 'no',
      from: previous?.name ?? '',
      owner: result.value.owner.name,
    }),
  });
  return { kind: 'ephemeral', message: card };
}
