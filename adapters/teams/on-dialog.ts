/**
 * Dialogs (task modules): `task/fetch` hands a button that opens a form or asks first to the dispatcher and
 * shows its answer (the form, or the confirm step), `task/submit` hands the filled-in form (or the answer to
 * the confirm step) to the dispatcher. Field errors redraw the dialog with the typed
 * values kept and the messages under their fields; whatever else the dispatcher answers is shown in the dialog.
 */
import type { TaskModuleResponse as BotTaskModuleResponse, TurnContext } from 'botbuilder';
import { dispatch } from '../../src/commands/dispatch.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import type { Form } from '../../src/views/model.ts';
import type { Reply } from '../../src/commands/interaction.ts';
import { confirmView } from '../../src/views/confirm-view.ts';
import { notice } from '../../src/views/notices.ts';
import { forClicker, type TeamsDeps, postForAccount, readerT, trouble } from './deliver.ts';
import {
  continueWith,
  dialogMessage,
  formOfSubmission,
  readDialogValues,
  submissionOf,
  type TaskModuleResponse,
} from './dialog.ts';
import { teamsUser } from './identity.ts';
import { confirmedOf, refOf, submissionData } from './interactions.ts';
import { inertTeamsText, toCardActivity } from './adaptive-card.ts';

const said = (text: string): TaskModuleResponse => ({
  task: { type: 'message', value: inertTeamsText(text) },
});

async function answer(
  deps: TeamsDeps,
  context: TurnContext,
  reply: Reply,
  title: string,
  form?: Form | null,
  values?: Record<string, string>,
  submission?: string,
): Promise<TaskModuleResponse> {
  const t = await readerT(deps, context.activity);
  switch (reply.kind) {
    case 'openForm':
      return continueWith(reply.form, undefined, undefined, t);
    case 'formErrors':
      if (form) return continueWith({ ...form, errors: reply.errors }, values, submission, t);
      return dialogMessage(title, notice(Object.values(reply.errors).join('\n'), { tone: 'danger' }));
    case 'confirm':
      return dialogMessage(reply.confirm.title, confirmView(reply.confirm));
    case 'replace': {
      // The card the dialog was opened from is redrawn for everyone; the dialog shows it with the note.
      const cardId = context.activity.replyToId;
      if (cardId)
        await context
          .updateActivity({ ...toCardActivity(reply.message, deps.files), id: cardId })
          .catch((error: unknown) => deps.log.warn({ err: error }, 'teams: could not update the card'));
      return dialogMessage(title, forClicker(reply));
    }
    case 'ephemeral':
      return dialogMessage(title, reply.message);
    case 'post':
      await context.sendActivity(toCardActivity(reply.message, deps.files));
      return said(t.t('teams.posted'));
    case 'thread': {
      const where = await postForAccount(deps, context, reply.accountId, reply.message);
      const text = toFallbackText(reply.message);
      return said(t.t('teams.savedAnd', { where, text }));
    }
    case 'none':
      return said(t.t('teams.saved'));
  }
}

const asBot = (r: TaskModuleResponse) => r as unknown as BotTaskModuleResponse;

/** `task/fetch`: the button's ref goes to the dispatcher; a form opens as the dialog. */
export async function fetchDialog(
  deps: TeamsDeps,
  context: TurnContext,
  data: unknown,
): Promise<BotTaskModuleResponse> {
  const ref = refOf(data);
  const t = await readerT(deps, context.activity);
  if (!ref) return asBot(dialogMessage('duebot', notice(t.t('teams.noAction'), { tone: 'danger' })));
  try {
    const reply = await dispatch(deps.ctx, { kind: 'action', ref, user: teamsUser(context.activity) });
    return asBot(await answer(deps, context, reply, 'duebot'));
  } catch (error) {
    deps.log.error({ err: error }, 'teams: opening a dialog failed');
    return asBot(dialogMessage('duebot', trouble(t)));
  }
}

/** The answer to a confirm step shown in the dialog: the click again, with `confirmed`. */
async function answerConfirm(
  deps: TeamsDeps,
  context: TurnContext,
  ref: string,
  confirmed: boolean,
): Promise<BotTaskModuleResponse> {
  try {
    const user = teamsUser(context.activity);
    const reply = await dispatch(deps.ctx, { kind: 'action', ref, user, confirmed });
    return asBot(await answer(deps, context, reply, 'duebot'));
  } catch (error) {
    deps.log.error({ err: error }, 'teams: a confirm step failed');
    return asBot(dialogMessage('duebot', trouble(await readerT(deps, context.activity))));
  }
}

/** `task/submit`: the filled-in form goes to the dispatcher; errors keep the dialog open. */
export async function submitDialog(
  deps: TeamsDeps,
  context: TurnContext,
  data: unknown,
): Promise<BotTaskModuleResponse> {
  const fields = submissionData(data);
  const ref = refOf(fields);
  const t = await readerT(deps, context.activity);
  if (!fields || !ref) return asBot(dialogMessage('duebot', notice(t.t('teams.formGone'))));
  const confirmed = confirmedOf(fields);
  if (confirmed !== undefined) return answerConfirm(deps, context, ref, confirmed);
  const form = formOfSubmission(fields);
  const values = readDialogValues(fields);
  // A retried invoke or a second press of Submit carries the same drawing of the form: it takes effect once.
  const submission = submissionOf(fields);
  try {
    const reply = await dispatch(deps.ctx, {
      kind: 'submit',
      ref,
      user: teamsUser(context.activity),
      values,
      ...(submission ? { submission } : {}),
    });
    return asBot(await answer(deps, context, reply, form?.title ?? 'duebot', form, values, submission));
  } catch (error) {
    deps.log.error({ err: error }, 'teams: a dialog submission failed');
    return asBot(dialogMessage(form?.title ?? 'duebot', trouble(t)));
  }
}
