/**
 * ChatOut for Teams: how the outbox's scheduled posts (digest, alerts, the monthly meeting thread, private
 * notices) reach Teams. Channel posts go through the stored conversation reference of the channel; the
 * monthly thread starts a new channel conversation so its replies gather under it; private notices go to
 * the person's 1:1 chat with the bot; a post for an account's thread replies in the account's channel
 * conversation (the default channel's, else the one it has elsewhere), started in the default channel when
 * the account has none yet (threads.ts). Teams cannot search messages by a key, so `find` knows only what
 * duebot itself recorded after Teams accepted a post (a thread's root post is recorded in account_threads
 * as soon as Teams answers; one whose answer was lost may be posted again).
 */
import type { LanguageConfig } from '../../src/i18n/settings.ts';
import { channelT } from '../../src/i18n/speech.ts';
import type { ConversationReference } from 'botbuilder';
import type { Knex } from 'knex';
import { type ChatOut, ChatOutError, type Destination, type PostedRef } from '../../src/outbox/chat-out.ts';
import { threadForPosts } from '../../src/chat/account-threads.ts';
import type { Message } from '../../src/views/model.ts';
import { toCardActivity } from './adaptive-card.ts';
import { baseConversationId, findConversation, latestChannel, personalChat } from './conversations.ts';
import type { FileLinker } from './file-card.ts';
import {
  newChannelConversation,
  type Posted,
  type Proactive,
  sendTo,
  threadReference,
  updateIn,
} from './proactive.ts';
import { ensureThread } from './threads.ts';

const NO_CHANNEL = 'Teams: no channel to post in; add duebot to a team or set TEAMS_CHANNEL';

/** What the Teams ChatOut needs: the bot's adapter, the bot database and TEAMS_CHANNEL. */
export interface TeamsChatOutOptions {
  db: Knex;
  proactive: Proactive;
  /** TEAMS_CHANNEL; unset: the channel the bot was most recently added to or used in. */
  channel?: string | undefined;
  /** Links for files a post carries (see file-card.ts). */
  files?: FileLinker;
  /** Who reads which language: an account thread's first post is in its channel's language. */
  language?: LanguageConfig;
}

interface Target {
  conversationId: string;
  reference: Partial<ConversationReference>;
}

/** A connector failure in the outbox's terms: 429 waits, 4xx is permanent, 5xx and network errors uncertain. */
export function toChatOutError(error: unknown): ChatOutError {
  const e = error as {
    statusCode?: number;
    message?: string;
    response?: { headers?: { get?(name: string): string | undefined | null } };
  };
  const status = e?.statusCode;
  const message = `Teams: ${e?.message ?? String(error)}`;
  if (status === 429) {
    const header = e.response?.headers?.get?.('retry-after');
    const seconds = Number(header);
    return new ChatOutError(message, {
      retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000,
    });
  }
  if (status !== undefined && status >= 400 && status < 500)
    return new ChatOutError(message, { permanent: true });
  return new ChatOutError(message, { uncertain: true });
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof ChatOutError ? error : toChatOutError(error);
  }
}

/** The Teams implementation of ChatOut. */
export function createTeamsChatOut(options: TeamsChatOutOptions): ChatOut {
  const { db, proactive } = options;

  async function channelTarget(): Promise<Target | null> {
    if (options.channel) {
      const stored = (await findConversation(db, options.channel)) ?? (await latestChannel(db));
      if (!stored) return null;
      const conversation = {
        ...(stored.reference.conversation ?? {}),
        id: options.channel,
      } as ConversationReference['conversation'];
      return { conversationId: options.channel, reference: { ...stored.reference, conversation } };
    }
    const stored = await latestChannel(db);
    return stored ? { conversationId: stored.conversationId, reference: stored.reference } : null;
  }

  /** The account's thread for scheduled posts: a reference into it, started when it has none yet. */
  async function accountThread(
    accountId: number,
  ): Promise<{ channel: string; reference: Partial<ConversationReference> }> {
    const home = await channelTarget();
    if (!home) throw new ChatOutError(NO_CHANNEL, { permanent: true });
    const homeChannel = baseConversationId(home.conversationId);
    const stored = await threadForPosts(db, 'teams', accountId, homeChannel);
    if (stored) {
      const known =
        stored.channel === homeChannel
          ? home.reference
          : (await findConversation(db, stored.channel))?.reference;
      const base = known ?? home.reference;
      return { channel: stored.channel, reference: threadReference(base, stored.channel, stored.threadRef) };
    }
    const head = channelT(options.language, homeChannel);
    const root = await ensureThread(db, proactive, home.reference, homeChannel, accountId, head);
    return { channel: homeChannel, reference: threadReference(home.reference, homeChannel, root) };
  }

  async function target(to: Destination): Promise<Target | null> {
    if (to.kind === 'channel' || to.kind === 'account') return channelTarget();
    const user = await db('users').where({ id: to.userId, platform: 'teams' }).first('platform_user_id');
    if (!user) return null;
    const chat = await personalChat(db, String(user.platform_user_id));
    return chat ? { conversationId: chat.conversationId, reference: chat.reference } : null;
  }

  async function remember(key: string, posted: Posted, channel: string): Promise<void> {
    await db('teams_posts')
      .insert({ key, conversation_id: channel, activity_id: posted.activityId })
      .onConflict('key')
      .ignore();
  }

  return {
    platform: 'teams',
    async canDeliver(to) {
      return (await target(to)) !== null;
    },
    async post(to, message: Message, { key, thread, progress }) {
      // A file travels inside the card's activity (file-card.ts): the message there means all of it is.
      if (progress?.message) return progress.message;
      const found = await target(to);
      if (!found) {
        throw new ChatOutError(
          to.kind !== 'user'
            ? NO_CHANNEL
            : 'Teams: this person has no chat with duebot yet (they must open it or install the app once)',
          { permanent: true },
        );
      }
      const activity = toCardActivity(message, options.files);
      if (to.kind === 'account') {
        const account = await guarded(() => accountThread(to.accountId));
        const reply = await guarded(() => sendTo(proactive, account.reference, activity));
        await remember(key, reply, account.channel);
        return { platform: 'teams', channel: account.channel, id: reply.activityId };
      }
      const channel = baseConversationId(found.conversationId);
      const posted = await guarded(() => {
        if (thread)
          return sendTo(proactive, threadReference(found.reference, thread.channel, thread.id), activity);
        if (to.kind === 'channel' && to.role === 'meeting')
          return newChannelConversation(proactive, found.reference, channel, activity);
        return sendTo(proactive, found.reference, activity);
      });
      await remember(key, posted, thread?.channel ?? channel);
      return { platform: 'teams', channel: thread?.channel ?? channel, id: posted.activityId };
    },
    async update(ref: PostedRef, message: Message) {
      const stored = await findConversation(db, ref.channel);
      const fallback = stored ?? (await latestChannel(db));
      if (!fallback)
        throw new ChatOutError(`Teams: no stored conversation for ${ref.channel}`, { permanent: true });
      const conversation = {
        ...(fallback.reference.conversation ?? {}),
        id: ref.channel,
      } as ConversationReference['conversation'];
      await guarded(() =>
        updateIn(
          proactive,
          { ...fallback.reference, conversation },
          ref.id,
          toCardActivity(message, options.files),
        ),
      );
    },
    async find(_to, key, since) {
      const row = await db('teams_posts')
        .where({ key })
        .where('posted_at', '>=', since)
        .first('conversation_id', 'activity_id');
      return row
        ? { platform: 'teams', channel: String(row.conversation_id), id: String(row.activity_id) }
        : null;
    },
  };
}
