/**
 * Disputes and pauses from a card, a typed command or a form (PB-21, PB-19, issue 16): open a dispute on
 * chosen invoices, resolve it, pause chasing until a date, un-pause. Forms are drawn in
 * src/views/dispute-forms.ts; the rules live in src/worklist/disputes.ts and pauses.ts.
 */
import { disputeForm, pauseForm, resolveDisputeForm } from '../views/dispute-forms.ts';
import { type Message, typedText } from '../views/model.ts';
import { stateVersion } from '../worklist/activity.ts';
import {
  itemsNamed,
  OUTCOME_LABELS,
  openDispute,
  openDisputes,
  resolveDispute,
} from '../worklist/disputes.ts';
import type { Failure } from '../worklist/outcome.ts';
import { liftPauses, pauseChasing } from '../worklist/pauses.ts';
import { collectableItems } from '../worklist/promises.ts';
import { type Actor, requireRole } from '../worklist/staff.ts';
import { accountCard, accountChanged, type DispatchContext } from './account-actions.ts';
import type { Reply } from './interaction.ts';
import { refuse } from './refuse.ts';

/** A refusal with field messages goes back beside the form's fields; anything else privately. */
const refusal = (error: Failure): Reply =>
  error.fields ? { kind: 'formErrors', errors: error.fields } : refuse(error.message);

const missing = (accountId: number) => refuse(`There is no account #${accountId}.`);

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
  const allowed = requireRole(actor, ['collector', 'manager'], 'Opening a dispute');
  if (!allowed.ok) return refuse(allowed.error.message);
  const name = await accountName(ctx, accountId);
  if (name === null) return missing(accountId);
  const items = await collectableItems(ctx.db, accountId);
  if (items.length === 0) return refuse(`${name} has no open invoice that is not already in a dispute.`);
  return {
    kind: 'openForm',
    form: disputeForm({
      accountId,
      name,
      version: await stateVersion(ctx.db, accountId),
      invoiceNumbers: items.map((i) => String(i.invoice_number)),
    }),
  };
}

/** PB-21: opens the dispute; the thread hears which invoices left the ladder and that the rest is collected. */
export async function submitDispute(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  values: Record<string, string>,
): Promise<Reply> {
  const fields: Record<string, string> = {};
  if (!values.reason?.trim()) fields.reason = 'say what the customer disputes';
  const named = await itemsNamed(ctx.db, accountId, values.invoices ?? '');
  if (!named.ok) Object.assign(fields, named.error.fields);
  if (Object.keys(fields).length > 0 || !named.ok) return { kind: 'formErrors', errors: fields };
  const opened = await openDispute(ctx.db, actor, accountId, {
    itemIds: named.value.map((i) => i.id),
    reason: values.reason ?? '',
    contact: values.contact,
  });
  if (!opened.ok) return refusal(opened.error);
  const name = (await accountName(ctx, accountId)) ?? 'the customer';
  const contact = values.contact?.trim() ? ` After-sales: ${typedText(values.contact.trim())}.` : '';
  return toThread(ctx, accountId, [
    `*${actor.name}* opened dispute #${opened.value.disputeId} with ${name} on ${opened.value.invoices.join(', ')}: _${typedText(values.reason?.trim() ?? '')}_`,
    `These invoices leave the ladder and the interest until it is resolved; the rest is still collected (PB-21).${contact}`,
  ]);
}

/** Opens the resolve form over the account's open disputes. */
export async function openResolveForm(ctx: DispatchContext, actor: Actor, accountId: number): Promise<Reply> {
  const allowed = requireRole(actor, ['collector', 'manager'], 'Resolving a dispute');
  if (!allowed.ok) return refuse(allowed.error.message);
  const name = await accountName(ctx, accountId);
  if (name === null) return missing(accountId);
  const disputes = await openDisputes(ctx.db, accountId, ctx.clock.timeZone);
  if (disputes.length === 0) return refuse(`${name} has no open dispute to resolve.`);
  return {
    kind: 'openForm',
    form: resolveDisputeForm({ accountId, name, version: await stateVersion(ctx.db, accountId) }, disputes),
  };
}

/** Resolves the chosen dispute, saying who and why in the thread. */
export async function submitResolve(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  values: Record<string, string>,
): Promise<Reply> {
  const id = /^\s*#?(\d{1,15})\s*$/.exec(values.dispute ?? '')?.[1];
  const resolved = await resolveDispute(ctx.db, actor, accountId, {
    disputeId: id === undefined ? 0 : Number(id),
    outcome: values.outcome ?? '',
    note: values.note ?? '',
  });
  if (!resolved.ok) return refusal(resolved.error);
  const { outcome, invoices } = resolved.value;
  const next =
    outcome === 'upheld_credit_note' || outcome === 'partially_credited'
      ? 'A credit note is expected: the invoices stay off the ladder until the ledger shows it.'
      : 'The invoices are back on the ladder from where they stood when the dispute opened (PB-21).';
  return toThread(ctx, accountId, [
    `*${actor.name}* resolved dispute #${id} on ${invoices.join(', ')}: ${OUTCOME_LABELS[outcome]}`,
    `Why: _${typedText(values.note?.trim() ?? '')}_`,
    next,
  ]);
}

/** Opens the pause form. */
export async function openPauseForm(ctx: DispatchContext, actor: Actor, accountId: number): Promise<Reply> {
  const allowed = requireRole(actor, ['collector', 'manager'], 'Pausing chasing');
  if (!allowed.ok) return refuse(allowed.error.message);
  const name = await accountName(ctx, accountId);
  if (name === null) return missing(accountId);
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
  const paused = await pauseChasing(
    ctx.db,
    actor,
    accountId,
    { until: values.until ?? '', reason: values.reason ?? '', invoices: values.invoices },
    ctx.clock.today(),
  );
  if (!paused.ok) return refusal(paused.error);
  const what = paused.value.invoices.length > 0 ? paused.value.invoices.join(', ') : 'the whole account';
  return toThread(ctx, accountId, [
    `*${actor.name}* paused chasing ${what} until ${paused.value.until}: _${typedText(values.reason?.trim() ?? '')}_`,
    `No ladder steps, letters or nudges for it until then; chasing resumes on its own the day after.`,
  ]);
}

/** Un-pauses early: every pause on the account ends now and chasing resumes today. */
export async function unpause(ctx: DispatchContext, actor: Actor, accountId: number): Promise<Reply> {
  const lifted = await liftPauses(ctx.db, actor, accountId, ctx.clock.today());
  if (!lifted.ok) return refuse(lifted.error.message);
  return toThread(ctx, accountId, [`*${actor.name}* un-paused chasing; it resumes today.`]);
}
