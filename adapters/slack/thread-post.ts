/**
 * An account-thread post that always lands somewhere the person can see. The thread lives in the channel
 * the click came from; when duebot may not post there (a public channel it is not in and cannot post to
 * without `chat:write.public`, a private channel or group DM it was never invited to) the post goes to
 * SLACK_CHANNEL, else to the person's DM with duebot, and the person is told where it went and why.
 */
import type { webApi } from '@slack/bolt';
import type { Knex } from 'knex';
import type { FileAttachment } from '../../src/views/model.ts';
import type { LanguageConfig } from '../../src/i18n/settings.ts';
import { channelT } from '../../src/i18n/speech.ts';
import { type Translator, translator } from '../../src/i18n/translate.ts';
import type { SlackBlock, SlackMessage } from './block-kit.ts';
import { postInThread } from './threads.ts';

/** Slack's answers that mean "duebot may not post in this conversation", not "try again". */
const NOT_A_MEMBER = new Set(['not_in_channel', 'channel_not_found']);

/** The Slack error code of a Web API failure, if it is one. */
function platformError(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** Where an account-thread post ended up, and the conversation it could not go to (with Slack's reason). */
export interface ThreadPlacement {
  channel: string;
  /** The thread's parent (a channel) or the message itself (a DM). */
  ts: string;
  /** True when the post went to the person's DM with duebot instead of a shared thread. */
  direct: boolean;
  refused?: { channel: string; code: string };
}

/** What a thread post needs. */
export interface ThreadPost {
  client: webApi.WebClient;
  db: Knex;
  accountId: number;
  message: SlackMessage;
  files: FileAttachment[];
  /** The person who clicked: their DM is the last resort. */
  userId: string;
  /** Where the thread should be (the click's channel), then SLACK_CHANNEL; duplicates and blanks skipped. */
  channels: (string | undefined)[];
  /** Who reads which language: a thread's first message is in its channel's language. */
  language?: LanguageConfig;
}

/** Files of a message (a letter's PDF) uploaded into the same thread through Slack's external upload. */
export async function uploadFiles(
  client: webApi.WebClient,
  channel: string,
  threadTs: string,
  files: FileAttachment[],
): Promise<void> {
  for (const file of files) {
    await client.filesUploadV2({
      channel_id: channel,
      thread_ts: threadTs,
      file: Buffer.from(file.data),
      filename: file.filename,
      title: file.title ?? file.filename,
    });
  }
}

/**
 * Posts into the account's thread in the first channel duebot may post in, else into the person's DM.
 * Any failure other than "not a member" is thrown as it came.
 */
export async function postToAccountThread(post: ThreadPost): Promise<ThreadPlacement> {
  let refused: ThreadPlacement['refused'];
  const tried = new Set<string>();
  for (const channel of post.channels) {
    if (!channel || tried.has(channel)) continue;
    tried.add(channel);
    try {
      const head = channelT(post.language, channel);
      const ts = await postInThread(post.db, post.client, post.accountId, channel, post.message, head);
      await uploadFiles(post.client, channel, ts, post.files);
      return { channel, ts, direct: false, ...(refused ? { refused } : {}) };
    } catch (error) {
      const code = platformError(error);
      if (!code || !NOT_A_MEMBER.has(code)) throw error;
      refused ??= { channel, code };
    }
  }
  const posted = await post.client.chat.postMessage({ channel: post.userId, ...post.message });
  const channel = posted.channel ?? post.userId;
  const ts = posted.ts ?? '';
  if (ts) await uploadFiles(post.client, channel, ts, post.files);
  return { channel, ts, direct: true, ...(refused ? { refused } : {}) };
}

/** Why duebot could not post in `channel`, and what the person can do about it (Slack mrkdwn). */
export function refusalReason(
  refused: { channel: string; code: string },
  t: Translator = translator('en'),
): string {
  const channel = `<#${refused.channel}>`;
  return refused.code === 'not_in_channel'
    ? t.t('slack.refused.notMember', { channel })
    : t.t('slack.refused.cannotSee', { channel });
}

/**
 * The private note after a post went elsewhere: where the thread is now (a link to it) and why. Slack
 * mrkdwn built here on purpose: the link and channel names are Slack's own markup.
 */
export function placementNote(
  placement: ThreadPlacement,
  permalink: string | undefined,
  t: Translator = translator('en'),
): SlackMessage {
  const refused = placement.refused;
  const direct = placement.direct ? 'yes' : 'no';
  // A link's label is a phrase of its own (Slack's <url|label>), not part of the sentence's grammar.
  const link = permalink ? `<${permalink}|${t.t('slack.placed.linkLabel', { direct })}>` : '';
  const text = [
    t.t('slack.placed', {
      direct,
      channel: `<#${placement.channel}>`,
      linked: link ? 'yes' : 'no',
      link,
    }),
    refused ? refusalReason(refused, t) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const blocks: SlackBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text } }];
  const plain = text.replace(/<#([A-Z0-9]+)>/g, '#$1').replace(/<[^>|]*\|([^>]*)>/g, '$1');
  return { text: plain, blocks };
}

/** A link to the placed message, or undefined when Slack cannot give one (the note then names the channel). */
export async function permalinkOf(
  client: webApi.WebClient,
  placement: ThreadPlacement,
): Promise<string | undefined> {
  if (!placement.ts) return undefined;
  try {
    const answer = await client.chat.getPermalink({ channel: placement.channel, message_ts: placement.ts });
    return answer.permalink;
  } catch {
    return undefined;
  }
}
