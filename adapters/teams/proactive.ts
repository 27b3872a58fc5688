/**
 * Posting without an incoming activity: into a stored conversation, as a reply in a channel thread, as a
 * new channel conversation (a thread of its own), and editing a posted message in place. Used by the
 * outbox's ChatOut and by the account threads.
 */
import { type Activity, type CloudAdapter, type ConversationReference, TurnContext } from 'botbuilder';
import type { CardActivity } from './adaptive-card.ts';

/** What proactive calls need: the adapter and the bot's app id ('' in local mode). */
export interface Proactive {
  adapter: CloudAdapter;
  appId: string;
}

/**
 * Runs `work` in a proactive turn and lets its error out: botbuilder would hand it to onTurnError and
 * report success, and the outbox must know a post failed.
 */
async function inTurn(
  p: Proactive,
  reference: Partial<ConversationReference>,
  work: (context: TurnContext) => Promise<void>,
): Promise<void> {
  let failure: { error: unknown } | null = null;
  await p.adapter.continueConversationAsync(p.appId, reference, async (context: TurnContext) => {
    try {
      await work(context);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw (failure as { error: unknown }).error;
}

/** A message Teams accepted: the conversation it is in and its activity id. */
export interface Posted {
  conversationId: string;
  activityId: string;
}

/** Sends into the conversation of `reference` (a thread when its conversation id has `;messageid=`). */
export async function sendTo(
  p: Proactive,
  reference: Partial<ConversationReference>,
  activity: CardActivity | Partial<Activity>,
): Promise<Posted> {
  let posted: Posted | null = null;
  await inTurn(p, reference, async (context) => {
    const outgoing = TurnContext.applyConversationReference(
      { ...activity } as Partial<Activity>,
      TurnContext.getConversationReference(context.activity),
    );
    // NOTE: botbuilder would make this a reply to its made-up continuation activity id; post it instead.
    delete outgoing.replyToId;
    const [sent] = await context.adapter.sendActivities(context, [outgoing]);
    posted = { conversationId: String(context.activity.conversation.id), activityId: sent?.id ?? '' };
  });
  if (!posted) throw new Error('Teams accepted no message');
  return posted;
}

/** The reference of a reply thread under a channel post. */
export function threadReference(
  reference: Partial<ConversationReference>,
  channelId: string,
  rootActivityId: string,
): Partial<ConversationReference> {
  const { activityId: _reply, ...rest } = reference; // a new post in the thread, not a reply to one message
  return {
    ...rest,
    conversation: {
      ...(reference.conversation ?? { isGroup: true, conversationType: 'channel', name: '' }),
      id: `${channelId};messageid=${rootActivityId}`,
    } as ConversationReference['conversation'],
  };
}

/**
 * Starts a new conversation in a team channel with `activity` as its first post, so replies gather under
 * it (the monthly meeting thread, an account's thread). Teams answers with `19:...;messageid=<id>`.
 */
export async function newChannelConversation(
  p: Proactive,
  reference: Partial<ConversationReference>,
  channelId: string,
  activity: CardActivity | Partial<Activity>,
): Promise<Posted> {
  const serviceUrl = reference.serviceUrl;
  if (!serviceUrl) throw new Error('the stored conversation has no serviceUrl');
  const tenantId = reference.conversation?.tenantId;
  let conversationId: string | null = null;
  await p.adapter.createConversationAsync(
    p.appId,
    'msteams',
    serviceUrl,
    // NOTE: undefined (not '') lets botbuilder pick the cloud's own OAuth scope; its typings say string.
    undefined as unknown as string,
    {
      isGroup: true,
      bot: reference.bot ?? { id: p.appId, name: 'duebot' },
      channelData: { channel: { id: channelId }, ...(tenantId ? { tenant: { id: tenantId } } : {}) },
      activity: activity as Activity,
      ...(tenantId ? { tenantId } : {}),
      members: [],
    },
    async (context: TurnContext) => {
      conversationId = String(context.activity.conversation.id);
    },
  );
  if (!conversationId) throw new Error('Teams created no conversation');
  const id: string = conversationId;
  const activityId = /;messageid=(\d+|[^;]+)$/.exec(id)?.[1] ?? id;
  return { conversationId: id, activityId };
}

/** Replaces a posted message in place (for everyone who sees it). */
export async function updateIn(
  p: Proactive,
  reference: Partial<ConversationReference>,
  activityId: string,
  activity: CardActivity,
): Promise<void> {
  await inTurn(p, reference, async (context) => {
    await context.updateActivity({ ...activity, id: activityId });
  });
}
