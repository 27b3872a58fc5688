/**
 * Neutral replies as Teams calls. The one place that decides what a Reply becomes: in a conversation
 * (typed commands, clicks from older clients), as an Action.Execute invoke answer, or inside a dialog.
 * Teams has no ephemeral messages: a short private answer goes into the invoke response (only the clicker
 * sees it), anything larger is answered in the conversation.
 */
import { channelT, companyT, speechFor } from '../../src/i18n/speech.ts';
import type { Translator } from '../../src/i18n/translate.ts';
import { teamsUser } from './identity.ts';
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import { TurnContext as Turn } from 'botbuilder';
import type { DispatchContext } from '../../src/commands/dispatch.ts';
import type { Logger } from '../../src/log.ts';
import type { Form, Message } from '../../src/views/model.ts';
import type { Reply } from '../../src/commands/interaction.ts';
import { confirmView } from '../../src/views/confirm-view.ts';
import { notice } from '../../src/views/notices.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import { CARD_CONTENT_TYPE, inertTeamsText, toAdaptiveCard, toCardActivity } from './adaptive-card.ts';
import { baseConversationId, channelDataOf } from './conversations.ts';
import { newSubmission, toDialogCard } from './dialog.ts';
import type { Proactive } from './proactive.ts';
import type { FileLinker } from './file-card.ts';
import { fileConsentActivity } from './file-consent.ts';
import { postInThread } from './threads.ts';

/** What the Teams handlers share. */
export interface TeamsDeps {
  ctx: DispatchContext;
  log: Logger;
  proactive: Proactive;
  /** Links for files a message carries (a letter's PDF), see file-card.ts. */
  files?: FileLinker;
  /** The link key; set, letter PDFs are also offered as files in personal chats (file-consent.ts). */
  linkSecret?: string | undefined;
}

/** The answer when duebot itself failed: nothing was changed, and Teams is told all is well (no retry). */
export const trouble = (t: Translator): Message => notice(t.t('teams.trouble'), { tone: 'danger' });

/**
 * The language of the person behind an activity (their own choice, else the Teams client's locale, else
 * the company's), for what duebot itself says to them; the company's when the database cannot say.
 */
export async function readerT(
  deps: Pick<TeamsDeps, 'ctx'>,
  activity: TurnContext['activity'],
): Promise<Translator> {
  const { ctx } = deps;
  return speechFor(ctx.db, teamsUser(activity), ctx.language, undefined).then(
    (speech) => speech.t,
    () => companyT(ctx.language),
  );
}

/** A short answer that fits a one-line invoke message: text and small print only. */
export function isNotice(message: Message): boolean {
  return message.blocks.every((b) => b.type === 'text' || b.type === 'context');
}

/** What the person who clicked sees of a redrawn card: the card with the note for them on top. */
export function forClicker(reply: Extract<Reply, { kind: 'replace' }>): Message {
  if (!reply.note) return reply.message;
  return { ...reply.message, blocks: [{ type: 'context', text: reply.note }, ...reply.message.blocks] };
}

const errorsText = (errors: Record<string, string>) =>
  Object.entries(errors)
    .map(([field, message]) => `${field}: ${message}`)
    .join('\n');

/** A form drawn inline in the conversation (when it cannot open as a dialog, e.g. after a typed command). */
export function formActivity(
  form: Form,
  values?: Record<string, string>,
  submission: string = newSubmission(),
) {
  const card = toDialogCard(form, values, submission);
  card.body.unshift({ type: 'TextBlock', text: form.title, size: 'Large', weight: 'Bolder', wrap: true });
  return {
    type: 'message' as const,
    summary: form.title,
    attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }],
  };
}

/** Posts into the account's thread of the channel the interaction is in; in a chat, into the chat. */
export async function postForAccount(
  deps: TeamsDeps,
  context: TurnContext,
  accountId: number,
  message: Message,
): Promise<'thread' | 'chat'> {
  const activity = context.activity;
  if (activity.conversation?.conversationType === 'channel') {
    const channelId = channelDataOf(activity).channel?.id ?? baseConversationId(activity.conversation.id);
    const reference = Turn.getConversationReference(activity);
    const head = channelT(deps.ctx.language, channelId); // the thread's first post: the channel's language
    await postInThread(
      deps.ctx.db,
      deps.proactive,
      reference,
      channelId,
      accountId,
      message,
      deps.files,
      head,
    );
    return 'thread';
  }
  await context.sendActivity(toCardActivity(message, deps.files));
  if (activity.conversation?.conversationType === 'personal' && deps.linkSecret) {
    for (const file of message.files ?? []) {
      const offer = fileConsentActivity(file, deps.linkSecret);
      if (offer) await context.sendActivity(offer);
    }
  }
  return 'chat';
}

/** Carries out a reply in the conversation; `replaceId` is the card a click came from. */
export async function deliverInConversation(
  deps: TeamsDeps,
  context: TurnContext,
  reply: Reply,
  replaceId?: string,
): Promise<void> {
  switch (reply.kind) {
    case 'replace':
      // A conversation has no private answers: everyone gets the card, the clicker's note is left out.
      if (replaceId)
        await context.updateActivity({ ...toCardActivity(reply.message, deps.files), id: replaceId });
      else await context.sendActivity(toCardActivity(reply.message, deps.files));
      return;
    case 'confirm':
      await context.sendActivity(toCardActivity(confirmView(reply.confirm)));
      return;
    case 'ephemeral':
    case 'post':
      await context.sendActivity(toCardActivity(reply.message, deps.files));
      return;
    case 'openForm':
      await context.sendActivity(formActivity(reply.form));
      return;
    case 'formErrors':
      await context.sendActivity(toCardActivity(notice(errorsText(reply.errors), { tone: 'danger' })));
      return;
    case 'thread':
      await postForAccount(deps, context, reply.accountId, reply.message);
      return;
    case 'none':
      return;
  }
}

const messageAnswer = (text: string): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.activity.message',
  // NOTE: Teams wants the text itself as the value; botbuilder's typing says an object.
  value: inertTeamsText(text) as unknown as Record<string, unknown>,
});

/** The invoke answer carrying a card (Teams redraws the clicked card with it). */
export const cardAnswer = (message: Message): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: CARD_CONTENT_TYPE,
  value: toAdaptiveCard(message) as unknown as Record<string, unknown>,
});

/** A one-line invoke answer. */
export const textAnswer = (message: Message): AdaptiveCardInvokeResponse =>
  messageAnswer(toFallbackText(message));

/**
 * Turns a reply to an Action.Execute into the invoke answer, always `{statusCode: 200, type, value}`.
 * A redrawn card is also written into the message for everyone (Claim shows the new owner to all).
 */
export async function invokeAnswer(
  deps: TeamsDeps,
  context: TurnContext,
  reply: Reply,
): Promise<AdaptiveCardInvokeResponse> {
  const t = await readerT(deps, context.activity);
  switch (reply.kind) {
    case 'replace': {
      const replyToId = context.activity.replyToId;
      if (replyToId) {
        await context
          .updateActivity({ ...toCardActivity(reply.message, deps.files), id: replyToId })
          .catch((error: unknown) =>
            deps.log.warn({ err: error }, 'teams: could not update the card for everyone'),
          );
      }
      // The invoke answer is what the clicker sees: the card with their note.
      return cardAnswer(forClicker(reply));
    }
    case 'confirm':
      // Only buttons drawn before they said they ask first get here: the question replaces the card for the clicker.
      return cardAnswer(confirmView(reply.confirm));
    case 'ephemeral':
      if (isNotice(reply.message)) return textAnswer(reply.message);
      await context.sendActivity(toCardActivity(reply.message, deps.files));
      return messageAnswer(t.t('teams.answeredBelow'));
    case 'post':
      await context.sendActivity(toCardActivity(reply.message, deps.files));
      return messageAnswer(t.t('teams.posted'));
    case 'openForm':
      return {
        statusCode: 200,
        type: CARD_CONTENT_TYPE,
        value: formActivity(reply.form).attachments[0]?.content as unknown as Record<string, unknown>,
      };
    case 'formErrors':
      return messageAnswer(errorsText(reply.errors));
    case 'thread': {
      const where = await postForAccount(deps, context, reply.accountId, reply.message);
      return messageAnswer(t.t(where === 'thread' ? 'teams.postedInThread' : 'teams.done'));
    }
    case 'none':
      return messageAnswer(t.t('teams.done'));
  }
}
