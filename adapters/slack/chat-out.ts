/**
 * Slack as a ChatOut (src/outbox/chat-out.ts): scheduled posts go to the channel configured for their role
 * (SLACK_DIGEST_CHANNEL, SLACK_ALERTS_CHANNEL, SLACK_MEETING_CHANNEL, else SLACK_CHANNEL) or to a person's
 * DM. Each message carries the outbox key in its metadata, so after an uncertain failure `find` can look
 * for it in the conversation's history. The Web API client does not retry here: the outbox decides. Files
 * go into the message's thread in steps (file-steps.ts) the outbox records, so none is lost or doubled.
 * A post for an account's thread is a reply in the account's thread (its thread in SLACK_CHANNEL, else the
 * one it has elsewhere), started in SLACK_CHANNEL when the account has none yet (threads.ts).
 */
import type { LanguageConfig } from '../../src/i18n/settings.ts';
import { channelT } from '../../src/i18n/speech.ts';
import { webApi } from '@slack/bolt';
import type { Knex } from 'knex';
import type { SlackConfig } from '../../src/config.ts';
import {
  type ChatOut,
  ChatOutError,
  type Destination,
  type PostedRef,
  type PostProgress,
} from '../../src/outbox/chat-out.ts';
import { adoptAccountThread, threadForPosts } from '../../src/chat/account-threads.ts';
import type { Message } from '../../src/views/model.ts';
import { toBlockKit } from './block-kit.ts';
import { deliverFile } from './file-steps.ts';
import { ensureThread } from './threads.ts';

/** The metadata event type duebot stamps on scheduled posts. */
export const OUTBOX_EVENT_TYPE = 'duebot_outbox';

/** The key stamped on an account thread's parent that the outbox posts (found again after a failure). */
export const accountThreadKey = (accountId: number) => `account-thread:${accountId}`;

/** Platform error codes that no retry can fix. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'invalid_blocks',
  'msg_too_long',
  'user_not_found',
  'cant_update_message',
  'message_not_found',
  'edit_window_closed',
]);

/** A Slack Web API failure in the outbox's terms: 429 waits, 5xx and network faults may have posted. */
export function toChatOutError(error: unknown): ChatOutError {
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  const text = e.data?.error ?? (error instanceof Error ? error.message : String(error));
  switch (e.code) {
    case webApi.ErrorCode.RateLimitedError:
      return new ChatOutError(`slack: rate limited for ${e.retryAfter ?? 1} s`, {
        retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000,
      });
    case webApi.ErrorCode.PlatformError:
      return new ChatOutError(
        `slack: ${text}`,
        PERMANENT.has(text) ? { permanent: true } : { uncertain: true },
      );
    case webApi.ErrorCode.HTTPError:
      return new ChatOutError(`slack: HTTP ${e.statusCode ?? '?'}`, {
        ...((e.statusCode ?? 500) >= 500 ? { uncertain: true } : { permanent: true }),
      });
    default:
      return new ChatOutError(`slack: ${text}`, { uncertain: true });
  }
}

/** What the Slack ChatOut needs. */
export interface SlackChatOutOptions {
  /** A Web API client made with createOutboxClient (no retries of its own). */
  client: webApi.WebClient;
  db: Knex;
  config: Pick<SlackConfig, 'channel' | 'channels'>;
  /** Who reads which language: an account thread's first message is in its channel's language. */
  language?: LanguageConfig;
}

/** A Web API client for the outbox: no retries and 429s rejected, so the worker sees every failure. */
export function createOutboxClient(token: string, apiUrl?: string): webApi.WebClient {
  return new webApi.WebClient(token, {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 30_000,
  });
}

/** Slack's side of scheduled posts. */
export function createSlackChatOut(options: SlackChatOutOptions): ChatOut {
  const { client, db, config } = options;
  const dms = new Map<number, string>();

  async function slackUser(userId: number): Promise<string | null> {
    const row = await db('users').where({ id: userId, platform: 'slack' }).first('platform_user_id');
    return row ? String(row.platform_user_id) : null;
  }

  /** The account's thread for scheduled posts, started in SLACK_CHANNEL when it has none yet. */
  async function accountThread(accountId: number): Promise<{ channel: string; ts: string }> {
    const channel = config.channel;
    if (!channel) throw new ChatOutError('slack: no SLACK_CHANNEL for account threads', { permanent: true });
    const stored = await threadForPosts(db, 'slack', accountId, channel);
    if (stored) return { channel: stored.channel, ts: stored.threadRef };
    const metadata = { event_type: OUTBOX_EVENT_TYPE, event_payload: { key: accountThreadKey(accountId) } };
    const t = channelT(options.language, channel);
    return { channel, ts: await ensureThread(db, client, accountId, channel, metadata, t) };
  }

  /** The message stamped with `key` in `channel` (or in the thread `threadTs`) since `oldest`, if any. */
  async function findKeyed(channel: string, key: string, oldest: string, threadTs?: string) {
    let cursor: string | undefined;
    do {
      const page = threadTs
        ? await client.conversations.replies({
            channel,
            ts: threadTs,
            oldest,
            include_all_metadata: true,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          })
        : await client.conversations.history({
            channel,
            oldest,
            include_all_metadata: true,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          });
      const hit = (page.messages ?? []).find(
        (m) =>
          m.metadata?.event_type === OUTBOX_EVENT_TYPE &&
          (m.metadata.event_payload as Record<string, unknown> | undefined)?.key === key,
      );
      if (hit?.ts) return hit.ts;
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return null;
  }

  async function channelFor(to: Destination): Promise<string> {
    if (to.kind === 'account') return (await accountThread(to.accountId)).channel;
    if (to.kind === 'channel') {
      const channel = config.channels?.[to.role] ?? config.channel;
      if (!channel) throw new ChatOutError(`slack: no channel set for ${to.role} posts`, { permanent: true });
      return channel;
    }
    const cached = dms.get(to.userId);
    if (cached) return cached;
    const user = await slackUser(to.userId);
    if (!user) throw new ChatOutError(`slack: user #${to.userId} has no Slack identity`, { permanent: true });
    const opened = await client.conversations.open({ users: user }).catch((error: unknown) => {
      throw toChatOutError(error);
    });
    const id = opened.channel?.id;
    if (!id) throw new ChatOutError('slack: conversations.open returned no channel', { uncertain: false });
    dms.set(to.userId, id);
    return id;
  }

  return {
    platform: 'slack',
    async canDeliver(to) {
      if (to.kind === 'channel') return Boolean(config.channels?.[to.role] ?? config.channel);
      if (to.kind === 'account') return Boolean(config.channel);
      return (await slackUser(to.userId)) !== null;
    },
    async post(to, message: Message, postOptions): Promise<PostedRef> {
      const files = message.files ?? [];
      let progress: PostProgress = postOptions.progress ?? {};
      const record = async (next: PostProgress) => {
        progress = next;
        await postOptions.record?.(next);
      };
      try {
        let ref = progress.message;
        if (!ref) {
          const account = to.kind === 'account' ? await accountThread(to.accountId) : null;
          const channel = account?.channel ?? (await channelFor(to));
          const threadTs = account?.ts ?? postOptions.thread?.id;
          const { text, blocks } = toBlockKit(message);
          const posted = await client.chat.postMessage({
            channel,
            text,
            blocks,
            ...(threadTs ? { thread_ts: threadTs } : {}),
            metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { key: postOptions.key } },
          });
          const ts = posted.ts;
          if (!ts) throw new ChatOutError('slack: chat.postMessage returned no ts', { uncertain: true });
          ref = { platform: 'slack', channel: posted.channel ?? channel, id: ts };
          if (files.length > 0) await record({ ...progress, message: ref });
        }
        const where = { channel: ref.channel, threadTs: ref.id };
        for (const [index, file] of files.entries()) {
          await deliverFile(client, where, file, progress.files?.[index] ?? null, (state) => {
            const states = files.map((_, i) => progress.files?.[i] ?? null);
            states[index] = state;
            return record({ ...progress, files: states });
          });
        }
        return ref;
      } catch (error) {
        throw error instanceof ChatOutError ? error : toChatOutError(error);
      }
    },
    async update(ref, message) {
      const { text, blocks } = toBlockKit(message);
      await client.chat.update({ channel: ref.channel, ts: ref.id, text, blocks }).catch((error: unknown) => {
        throw toChatOutError(error);
      });
    },
    async find(to, key, since, replyTo) {
      const oldest = String(Math.floor(since.getTime() / 1000) - 60);
      try {
        let thread = replyTo ? { channel: replyTo.channel, ts: replyTo.id } : undefined;
        if (to.kind === 'account') {
          const home = config.channel;
          if (!home) return null;
          const stored = await threadForPosts(db, 'slack', to.accountId, home);
          if (stored) thread = { channel: stored.channel, ts: stored.threadRef };
          else {
            // The parent may have reached Slack on an attempt that failed before it was recorded: adopt it.
            // With no parent there was no reply either.
            const parent = await findKeyed(home, accountThreadKey(to.accountId), oldest);
            if (!parent) return null;
            const place = { platform: 'slack', channel: home };
            thread = { channel: home, ts: await adoptAccountThread(db, place, to.accountId, parent) };
          }
        }
        const channel = thread?.channel ?? (await channelFor(to));
        const ts = await findKeyed(channel, key, oldest, thread?.ts);
        return ts ? { platform: 'slack', channel, id: ts } : null;
      } catch (error) {
        throw error instanceof ChatOutError ? error : toChatOutError(error);
      }
    },
  };
}
