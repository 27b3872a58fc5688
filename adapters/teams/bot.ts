/**
 * The Teams bot: typed `overdue ...` commands (1:1, or with an @mention in a channel), card clicks
 * (Action.Execute, and Action.Submit from older clients), dialogs, and the bookkeeping of where it was
 * added so it can post on its own later. Every handler answers; none lets an error reach Teams.
 */
import { channelT } from '../../src/i18n/speech.ts';
import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type FileConsentCardResponse,
  type InvokeResponse,
  type SearchInvokeResponse,
  type SearchInvokeValue,
  type TaskModuleRequest,
  type TaskModuleResponse,
  TeamsActivityHandler,
  TurnContext,
} from 'botbuilder';
import { dispatch } from '../../src/commands/dispatch.ts';
import { helpView, notice } from '../../src/views/notices.ts';
import { toCardActivity } from './adaptive-card.ts';
import { forgetConversation, rememberConversation } from './conversations.ts';
import { acceptFileConsent } from './file-consent.ts';
import {
  deliverInConversation,
  formActivity,
  invokeAnswer,
  readerT,
  type TeamsDeps,
  textAnswer,
  trouble,
} from './deliver.ts';
import { formOfSubmission, readDialogValues, submissionOf } from './dialog.ts';
import { sharedPlace, teamsUser } from './identity.ts';
import {
  confirmedOf,
  executeData,
  isFormSubmission,
  refOf,
  submissionData,
  typedCommand,
} from './interactions.ts';
import { fetchDialog, submitDialog } from './on-dialog.ts';
import { searchInvoke } from './on-search.ts';
import { accountForThread } from './threads.ts';

/** The greeting when duebot is added: in the channel's language there, else the installer's. */
async function welcome(deps: TeamsDeps, context: TurnContext) {
  const place = sharedPlace(context.activity);
  const t = place ? channelT(deps.ctx.language, place) : await readerT(deps, context.activity);
  return notice(t.t('teams.welcome'));
}

/** The bot; `deps.ctx.roleLists` gives roles from TEAMS_MANAGERS / TEAMS_VIEWERS. */
export class DuebotTeamsBot extends TeamsActivityHandler {
  constructor(private readonly deps: TeamsDeps) {
    super();
    this.onTurn(async (context, next) => {
      if (context.activity.type !== 'installationUpdate' || context.activity.action !== 'remove') {
        await rememberConversation(
          deps.ctx.db,
          context.activity,
          TurnContext.getConversationReference(context.activity),
        ).catch((error: unknown) =>
          deps.log.warn({ err: error }, 'teams: could not store the conversation reference'),
        );
      }
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await forgetConversation(deps.ctx.db, context.activity.conversation.id);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const bot = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id === bot)) {
        await context
          .sendActivity(toCardActivity(await welcome(deps, context)))
          .catch((error: unknown) => deps.log.warn({ err: error }, 'teams: welcome failed'));
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      try {
        await this.message(context);
      } catch (error) {
        deps.log.error({ err: error }, 'teams: a message failed');
        const t = await readerT(deps, context.activity);
        await context.sendActivity(toCardActivity(trouble(t))).catch(() => undefined);
      }
      await next();
    });
  }

  private async message(context: TurnContext): Promise<void> {
    const { ctx } = this.deps;
    const activity = context.activity;
    const user = teamsUser(activity);
    const data = submissionData(activity.value);
    if (data && isFormSubmission(data)) return this.inlineSubmit(context, data);
    const clicked = refOf(data);
    if (clicked) {
      // Action.Submit from a client without Universal Actions: the same click, answered in the conversation.
      const confirmed = confirmedOf(data);
      const place = sharedPlace(activity);
      const reply = await dispatch(ctx, {
        kind: 'action',
        ref: clicked,
        user,
        ...(confirmed === undefined ? {} : { confirmed }),
        ...(place ? { channel: place } : {}),
      });
      return deliverInConversation(this.deps, context, reply, activity.replyToId);
    }
    const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
    const typed = typedCommand(text);
    // What duebot itself says here is private to the person who wrote (their language).
    const t = await readerT(this.deps, activity);
    if (typed.kind === 'help') {
      await context.sendActivity(toCardActivity(helpView(undefined, t)));
      return;
    }
    if (typed.kind === 'overdue') {
      const reply = await dispatch(ctx, {
        kind: 'command',
        text: typed.text,
        user,
        channel: sharedPlace(activity) ?? activity.conversation.id,
        platform: 'teams',
      });
      return deliverInConversation(this.deps, context, reply);
    }
    const accountId = await accountForThread(ctx.db, activity.conversation.id);
    if (accountId !== null && typed.text) {
      // PB-03: a reply in an account's thread is saved as a note on the account.
      const reply = await dispatch(ctx, { kind: 'note', accountId, text: typed.text, user });
      await context.sendActivity(
        reply.kind === 'none'
          ? t.t('teams.savedToHistory')
          : toCardActivity('message' in reply ? reply.message : trouble(t)),
      );
      return;
    }
    const problem = typed.text ? t.t('teams.notUnderstood', { text: typed.text.slice(0, 80) }) : undefined;
    await context.sendActivity(toCardActivity(helpView(problem, t)));
  }

  /** A form drawn inline in the conversation was submitted: errors redraw it in place. */
  private async inlineSubmit(context: TurnContext, data: Record<string, unknown>): Promise<void> {
    const ref = refOf(data) ?? '';
    const form = formOfSubmission(data);
    const values = readDialogValues(data);
    const submission = submissionOf(data);
    const reply = await dispatch(this.deps.ctx, {
      kind: 'submit',
      ref,
      user: teamsUser(context.activity),
      values,
      ...(submission ? { submission } : {}),
    });
    const cardId = context.activity.replyToId;
    if (reply.kind === 'formErrors' && form && cardId) {
      await context.updateActivity({
        ...formActivity({ ...form, errors: reply.errors }, values, submission),
        id: cardId,
      });
      return;
    }
    await deliverInConversation(this.deps, context, reply, cardId);
  }

  /** Action.Execute (Universal Actions): always `{statusCode: 200, type, value}`, never an error to Teams. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const data = executeData(context.activity) ?? value.action?.data;
    const ref = refOf(data);
    const t = await readerT(this.deps, context.activity);
    if (!ref) return textAnswer(notice(t.t('teams.noAction')));
    const confirmed = confirmedOf(data);
    try {
      const place = sharedPlace(context.activity);
      const reply = await dispatch(this.deps.ctx, {
        kind: 'action',
        ref,
        user: teamsUser(context.activity),
        ...(confirmed === undefined ? {} : { confirmed }),
        ...(place ? { channel: place } : {}),
      });
      return await invokeAnswer(this.deps, context, reply);
    } catch (error) {
      this.deps.log.error({ err: error }, 'teams: a card action failed');
      return textAnswer(trouble(t));
    }
  }

  /**
   * Teams sends an empty `queryText` when a typeahead opens before anything is typed; botbuilder's own
   * reading of the search invoke answers that with a 400 ("Missing queryText"), so the person sees an
   * error instead of the first names. Search invokes are read here, an empty query meaning "everyone".
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const { name, value } = context.activity;
    if (name !== 'application/search' || typeof value !== 'object' || value === null)
      return super.onInvokeActivity(context);
    const search = value as SearchInvokeValue;
    const queryText = typeof search.queryText === 'string' ? search.queryText : '';
    const body = await this.onSearchInvoke(context, { ...search, queryText });
    return { status: body.statusCode, body };
  }

  /** Typeahead in a dialog's searchable choice set (Reassign's new owner): on-search.ts. */
  protected override onSearchInvoke(
    context: TurnContext,
    value: SearchInvokeValue,
  ): Promise<SearchInvokeResponse> {
    return searchInvoke(this.deps, context, value);
  }

  /** A person allowed the letter PDF offered in their chat: upload it (file-consent.ts). */
  protected override async handleTeamsFileConsentAccept(
    context: TurnContext,
    response: FileConsentCardResponse,
  ): Promise<void> {
    try {
      const t = await readerT(this.deps, context.activity);
      await acceptFileConsent(this.deps.ctx.db, this.deps.linkSecret, context, response, t);
    } catch (error) {
      this.deps.log.error({ err: error }, 'teams: a file upload failed');
      const t = await readerT(this.deps, context.activity);
      await context.sendActivity(t.t('teams.file.uploadFailed')).catch(() => undefined);
    }
  }

  protected override async handleTeamsFileConsentDecline(): Promise<void> {
    // Declined: nothing to upload; the letter copy keeps its link.
  }

  protected override handleTeamsTaskModuleFetch(
    context: TurnContext,
    request: TaskModuleRequest,
  ): Promise<TaskModuleResponse> {
    return fetchDialog(this.deps, context, request.data);
  }

  protected override handleTeamsTaskModuleSubmit(
    context: TurnContext,
    request: TaskModuleRequest,
  ): Promise<TaskModuleResponse> {
    return submitDialog(this.deps, context, request.data);
  }
}
