/**
 * PB-20: a promise marked kept by hand, through the one dispatcher: Mark kept (on the card, or typed
 * `kept <customer>`) opens the note form; its submit marks the promise kept once and says so in the thread.
 */
import { privateT, threadT } from '../i18n/speech.ts';
import { notice } from '../views/notices.ts';
import { promiseKeptForm, promiseLine } from '../views/promise-views.ts';
import { typedText } from '../views/model.ts';
import { refreshOne } from '../worklist/assess.ts';
import { keepPromiseByHand, markablePromises } from '../worklist/promises.ts';
import { type Actor, requireRole } from '../worklist/staff.ts';
import { accountCard, type DispatchContext } from './account-actions.ts';
import type { Reply } from './interaction.ts';
import { refuse } from './refuse.ts';
import { failureText } from '../worklist/outcome.ts';

/** Mark kept: the note form for the promise, or why it cannot be marked. */
export async function openKeptForm(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  promiseId: number | undefined,
): Promise<Reply> {
  const allowed = requireRole(actor, ['collector', 'manager'], 'promiseKept');
  if (!allowed.ok) return refuse(failureText(privateT(ctx), allowed.error));
  const t = privateT(ctx);
  const account = await ctx.db('customers').where({ id: accountId }).first('id', 'name');
  if (!account) return refuse(t.t('promise.error.no_account', { id: accountId }));
  const promises = await markablePromises(ctx.db, accountId);
  const chosen =
    promiseId === undefined
      ? promises.length === 1
        ? promises[0]
        : undefined
      : promises.find((p) => p.promiseId === promiseId);
  if (!chosen) {
    if (promiseId !== undefined) return { kind: 'ephemeral', message: notice(t.t('promise.error.gone')) };
    return promises.length === 0
      ? { kind: 'ephemeral', message: notice(t.t('promise.error.none')) }
      : refuse(
          [
            t.t('promise.error.several', { count: promises.length }),
            ...promises.map((p) => promiseLine(p, t)),
          ].join('\n'),
        );
  }
  return {
    kind: 'openForm',
    form: promiseKeptForm({ id: Number(account.id), name: String(account.name) }, chosen, t),
  };
}

/** The note submitted: the promise kept once, said in the account's thread. */
export async function submitKept(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  promiseId: number | undefined,
  values: Record<string, string>,
): Promise<Reply> {
  if (promiseId === undefined) return refuse(privateT(ctx).t('promise.error.no_promise_named'));
  const kept = await keepPromiseByHand(ctx.db, actor, accountId, promiseId, values.note ?? '', privateT(ctx));
  if (!kept.ok) {
    if (kept.error.fields) return { kind: 'formErrors', errors: kept.error.fields };
    return kept.error.code === 'conflict'
      ? { kind: 'ephemeral', message: notice(failureText(privateT(ctx), kept.error)) }
      : refuse(failureText(privateT(ctx), kept.error));
  }
  await refreshOne(
    { db: ctx.db, policy: ctx.policy, today: ctx.clock.today(), timeZone: ctx.clock.timeZone },
    accountId,
  );
  const card = await accountCard(ctx, accountId);
  const { status: _status, ...p } = kept.value;
  const shared = threadT(ctx);
  const line = promiseLine({ ...p, status: 'open' }, shared);
  return {
    kind: 'thread',
    accountId,
    message: notice(
      `${shared.t('promise.kept', { who: actor.name, line })}\n_${typedText((values.note ?? '').trim())}_`,
    ),
    ...(card ? { card } : {}),
  };
}
