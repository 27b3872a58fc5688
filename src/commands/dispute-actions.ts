/**
 * Disputes and pauses from a card, a typed command or a form (PB-21, PB-19, issue 16): open a dispute on
 * chosen invoices, resolve it, pause chasing until a date, un-pause. Forms are drawn in
 * src/views/dispute-forms.ts; the rules live in src/worklist/disputes.ts and pauses.ts. Forms, field
 * messages and refusals are in the reader's language; what the account's thread hears, in the place's.
 */
import { privateT, threadT } from '../i18n/speech.ts';
import type { Translator } from '../i18n/translate.ts';
import { disputeForm, pauseForm, resolveDisputeForm } from '../views/dispute-forms.ts';
import { type Message, typedText } from '../views/model.ts';
import { stateVersion } from '../worklist/activity.ts';
import { itemsNamed, openDispute, openDisputes, resolveDispute } from '../worklist/disputes.ts';
import { type Failure, failureText } from '../worklist/outcome.ts';
import { liftPauses, pauseChasing } from '../worklist/pauses.ts';
import { collectableItems } from '../worklist/promises.ts';
import type { Actor } from '../worklist/staff.ts';
import { accountCard, accountChanged, type DispatchContext } from './account-actions.ts';
import type { Reply } from './interaction.ts';
import { refuse } from './refuse.ts';
import { roleNeeded } from './roles.ts';

/** A refusal with field messages goes back beside the form's fields; anything else privately. */
const refusal = (error: Failure, t: Translator): Reply =>
  error.fields ? { kind: 'formErrors', errors: error.fields } : refuse(failureText(t, error));

const missing = (t: Translator, accountId: number) =>
  refuse(t.t('dispute.noAccount', { id: String(accountId) }));

async function accountName(ctx: DispatchContext, accountId: number): Promise<string | null> {
  const row = await ctx.db('customers').where({ id: accountId }).first('name');
  return row ? String(row.name) : null;
}

/** The change in the account's thread, with the card as it is now (its worklist row kept in step). */
async function toThread(ctx: DispatchContext, accountId: number, lines: string[]): Promise<Reply> {
  await accountChanged(ctx, accountId);
  const card = await accountCard(ctx, accountId);
  const message: Message = { blocks: [{ type: 'text', text: lines.join('\n') }] };
  return { kind: 'thread', accountId, message, ...(card ? { card } : {}) };
}

/** Opens the dispute form with the invoices that may be disputed. */
export async function openDisputeForm(ctx: DispatchContext, actor: Actor, accountId: number): Promise<Reply> {
  const t = privateT(ctx);
  const refused = roleNeeded(t, actor, ['collector', 'manager'], 'dispute');
  if (refused) return refused;
  const name = await accountName(ctx, accountId);
  if (name === null) return missing(t, accountId);
  const items = await collectableItems(ctx.db, accountId);
  if (items.length === 0) return refuse(t.t('dispute.nothingToDispute', { name }));
  return {
    kind: 'openForm',
    form: disputeForm(
      {
        accountId,
        name,
        version: await stateVersion(ctx.db, accountId),
        invoiceNumbers: items.map((i) => String(i.invoice_number)),
      },
      t,
    ),
  };
}

/** PB-21: opens the dispute; the thread hears which invoices left the ladder and that the rest is collected. */
export async function submitDispute(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  values: Record<string, string>,
): Promise<Reply> {
  const t = privateT(ctx);
  const refused = roleNeeded(t, actor, ['collector', 'manager'], 'dispute');
  if (refused) return refused;
  const fields: Record<string, string> = {};
  if (!values.reason?.trim()) fields.reason = t.t('dispute.field.sayWhat');
  const named = await itemsNamed(ctx.db, accountId, values.invoices ?? '', t);
  if (!named.ok) Object.assign(fields, named.error.fields);
  if (Object.keys(fields).length > 0 || !named.ok) return { kind: 'formErrors', errors: fields };
  const opened = await openDispute(
    ctx.db,
    actor,
    accountId,
    { itemIds: named.value.map((i) => i.id), reason: values.reason ?? '', contact: values.contact },
    t,
  );
  if (!opened.ok) return refusal(opened.error, privateT(ctx));
  const shared = threadT(ctx);
  const name = (await accountName(ctx, accountId)) ?? `#${accountId}`;
  const contact = values.contact?.trim() ?? '';
  return toThread(ctx, accountId, [
    shared.t('dispute.opened', {
      actor: actor.name,
      id: String(opened.value.disputeId),
      name,
      invoices: opened.value.invoices.join(', '),
      reason: typedText(values.reason?.trim() ?? ''),
    }),
    shared.t('dispute.openedNext', { hasContact: contact ? 'yes' : 'no', contact: typedText(contact) }),
  ]);
}

/** Opens the resolve form over the account's open disputes. */
export async function openResolveForm(ctx: DispatchContext, actor: Actor, accountId: number): Promise<Reply> {
  const t = privateT(ctx);
  const refused = roleNeeded(t, actor, ['collector', 'manager'], 'resolve');
  if (refused) return refused;
  const name = await accountName(ctx, accountId);
  if (name === null) return missing(t, accountId);
  const disputes = await openDisputes(ctx.db, accountId, ctx.clock.timeZone);
  if (disputes.length === 0) return refuse(t.t('dispute.noOpen', { name }));
  return {
    kind: 'openForm',
    form: resolveDisputeForm(
      { accountId, name, version: await stateVersion(ctx.db, accountId) },
      disputes,
      t,
    ),
  };
}

/** Resolves the chosen dispute, saying who and why in the thread. */
export async function submitResolve(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  values: Record<string, string>,
): Promise<Reply> {
  const t = privateT(ctx);
  const refused = roleNeeded(t, actor, ['collector', 'manager'], 'resolve');
  if (refused) return refused;
  const id = /^\s*#?(\d{1,15})\s*$/.exec(values.dispute ?? '')?.[1];
  const resolved = await resolveDispute(
    ctx.db,
    actor,
    accountId,
    {
      disputeId: id === undefined ? 0 : Number(id),
      outcome: values.outcome ?? '',
      note: values.note ?? '',
    },
    t,
  );
  if (!resolved.ok) return refusal(resolved.error, privateT(ctx));
  const { outcome, invoices } = resolved.value;
  const shared = threadT(ctx);
  const credit = outcome === 'upheld_credit_note' || outcome === 'partially_credited';
  return toThread(ctx, accountId, [
    shared.t('dispute.resolved', {
      actor: actor.name,
      id: String(id),
      invoices: invoices.join(', '),
      outcome,
    }),
    shared.t('dispute.resolvedWhy', { note: typedText(values.note?.trim() ?? '') }),
    shared.t(credit ? 'dispute.creditExpected' : 'dispute.backOnLadder'),
  ]);
}

/** Opens the pause form. */
export async function openPauseForm(ctx: DispatchContext, actor: Actor, accountId: number): Promise<Reply> {
  const t = privateT(ctx);
  const refused = roleNeeded(t, actor, ['collector', 'manager'], 'pause');
  if (refused) return refused;
  const name = await accountName(ctx, accountId);
  if (name === null) return missing(t, accountId);
  const items = await ctx
    .db('open_items')
    .where({ customer_id: accountId, status: 'open' })
    .orderBy('due_date')
    .limit(50)
    .pluck('invoice_number');
  return {
    kind: 'openForm',
    form: pauseForm(
      { accountId, name, version: await stateVersion(ctx.db, accountId), invoiceNumbers: items.map(String) },
      ctx.clock.today(),
      t,
    ),
  };
}

/** Pauses chasing until the date; the thread says what is paused, until when, and why. */
export async function submitPause(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  values: Record<string, string>,
): Promise<Reply> {
  const t = privateT(ctx);
  const refused = roleNeeded(t, actor, ['collector', 'manager'], 'pause');
  if (refused) return refused;
  const paused = await pauseChasing(
    ctx.db,
    actor,
    accountId,
    { until: values.until ?? '', reason: values.reason ?? '', invoices: values.invoices },
    ctx.clock.today(),
    t,
  );
  if (!paused.ok) return refusal(paused.error, privateT(ctx));
  const shared = threadT(ctx);
  return toThread(ctx, accountId, [
    shared.t('pause.paused', {
      actor: actor.name,
      whole: paused.value.invoices.length > 0 ? 'no' : 'yes',
      invoices: paused.value.invoices.join(', '),
      until: paused.value.until,
      reason: typedText(values.reason?.trim() ?? ''),
    }),
    shared.t('pause.pausedNext'),
  ]);
}

/** Un-pauses early: every pause on the account ends now and chasing resumes today. */
export async function unpause(ctx: DispatchContext, actor: Actor, accountId: number): Promise<Reply> {
  const t = privateT(ctx);
  const refused = roleNeeded(t, actor, ['collector', 'manager'], 'unpause');
  if (refused) return refused;
  const lifted = await liftPauses(ctx.db, actor, accountId, ctx.clock.today(), t);
  if (!lifted.ok) return refuse(failureText(privateT(ctx), lifted.error));
  return toThread(ctx, accountId, [threadT(ctx).t('pause.unpaused', { actor: actor.name })]);
}
