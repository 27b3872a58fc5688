/**
 * Neutral replies as Slack calls: replace the clicked message through its response_url (so everyone who
 * sees it sees the change), answer privately, post in the channel or in the account's thread, open a
 * modal. The one place that decides which Web API call a Reply becomes.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { RespondArguments, webApi } from '@slack/bolt';
import type { Knex } from 'knex';
import type { Reply } from '../../src/commands/interaction.ts';
import { confirmView } from '../../src/views/confirm-view.ts';
import type { Form, Message } from '../../src/views/model.ts';
import { notice } from '../../src/views/notices.ts';
import type { LanguageConfig } from '../../src/i18n/settings.ts';
import { type Translator, translator } from '../../src/i18n/translate.ts';
import { toBlockKit } from './block-kit.ts';
import { messageModal, toSlackModal } from './modal.ts';
import { permalinkOf, placementNote, postToAccountThread } from './thread-post.ts';

/** Where a reply goes: the interaction's response_url, channel, user and trigger. */
export interface ReplyTarget {
  client: webApi.WebClient;
  db: Knex;
  userId: string;
  /** Posts to the interaction's response_url; absent for clicks in App Home. */
  respond?: (message: RespondArguments) => Promise<unknown>;
  /** The channel the interaction happened in (absent in App Home). */
  channel?: string;
  /** Where account threads start when `channel` is absent or private (SLACK_CHANNEL). */
  defaultChannel?: string;
  /** Lets a reply open a modal (valid for 3 seconds after the interaction). */
  triggerId?: string;
  /** An already open modal (a loading view) that an openForm reply fills in. */
  viewId?: string;
  /** The response_url of the card a form is opened from, so submitting the form can redraw the card. */
  formOrigin?: string;
  /** Redraws the person's App Home tab (after a click there). */
  refreshHome?: () => Promise<void>;
  /** The reader's language, for what duebot itself says privately (modal buttons, notices). */
  t?: Translator;
  /** Who reads which language: an account thread's first message is in its channel's language. */
  language?: LanguageConfig;
}

const readerT = (target: Pick<ReplyTarget, 't'>): Translator => target.t ?? translator('en');

/** Keep-alive connections for response_url posts: Slack answers many of them from the same hosts. */
const AGENTS = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
const RESPONSE_URL_TIMEOUT_MS = 10_000;

/**
 * Posts a message to a response_url (the form Slack gives interactions), also after a modal closes.
 * Plain node:http over kept-alive connections: under load, global fetch cost more CPU per post than the
 * request's SQL. A status other than 2xx (an expired URL, a rate limit) is an error.
 */
export function postToResponseUrl(url: string, payload: RespondArguments): Promise<void> {
  const body = JSON.stringify(payload);
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(
      target,
      {
        method: 'POST',
        agent: secure ? AGENTS.https : AGENTS.http,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`response_url answered ${status}`));
        });
      },
    );
    req.on('error', reject);
    req.setTimeout(RESPONSE_URL_TIMEOUT_MS, () =>
      req.destroy(new Error('response_url did not answer in time')),
    );
    req.end(body);
  });
}

/** The channel an account thread lives in: where people are talking, or the configured one. */
export function threadChannel(target: Pick<ReplyTarget, 'channel' | 'defaultChannel'>): string | undefined {
  // Direct messages (D...) cannot hold a shared account thread.
  if (target.channel && !target.channel.startsWith('D')) return target.channel;
  return target.defaultChannel;
}

async function privately(target: ReplyTarget, message: Message): Promise<void> {
  const m = toBlockKit(message);
  if (target.respond) {
    await target.respond({ response_type: 'ephemeral', replace_original: false, ...m });
  } else {
    // App Home has no response_url: the app's messages tab is the private place.
    await target.client.chat.postMessage({ channel: target.userId, ...m });
  }
}

async function openForm(target: ReplyTarget, form: Form): Promise<void> {
  const view = toSlackModal(
    form,
    {
      ref: form.ref,
      ...(target.channel ? { channel: target.channel } : {}),
      ...(target.formOrigin ? { responseUrl: target.formOrigin } : {}),
    },
    form.intro,
    readerT(target),
  );
  if (target.viewId) {
    await target.client.views.update({ view_id: target.viewId, view });
    return;
  }
  if (!target.triggerId) {
    // A modal that already closed (a slow form) has nothing to open the next form in.
    await privately(target, notice(readerT(target).t('slack.form.cannotGoOn')));
    return;
  }
  try {
    await target.client.views.open({ trigger_id: target.triggerId, view });
  } catch {
    await privately(target, notice(readerT(target).t('slack.form.notOpened')));
  }
}

/** Carries out one reply. */
export async function deliver(reply: Reply, target: ReplyTarget): Promise<void> {
  switch (reply.kind) {
    case 'replace':
      // Everyone sees the redrawn card; the note (if any) only the person who clicked.
      if (target.respond) {
        await target.respond({ replace_original: true, ...toBlockKit(reply.message) });
        if (reply.note) await privately(target, notice(reply.note));
      } else if (target.refreshHome) {
        await target.refreshHome();
      } else {
        const note = reply.note ? [{ type: 'context' as const, text: reply.note }] : [];
        await privately(target, { ...reply.message, blocks: [...note, ...reply.message.blocks] });
      }
      return;
    case 'confirm':
      await privately(target, confirmView(reply.confirm));
      return;
    case 'ephemeral':
      if (target.viewId) {
        await target.client.views.update({
          view_id: target.viewId,
          view: messageModal('duebot', reply.message, readerT(target)),
        });
        return;
      }
      await privately(target, reply.message);
      return;
    case 'post': {
      const m = toBlockKit(reply.message);
      if (target.respond)
        await target.respond({ response_type: 'in_channel', replace_original: false, ...m });
      else if (target.channel) await target.client.chat.postMessage({ channel: target.channel, ...m });
      else await privately(target, reply.message);
      return;
    }
    case 'openForm':
      await openForm(target, reply.form);
      return;
    case 'thread': {
      const channel = threadChannel(target);
      if (!channel) {
        await privately(target, reply.message);
        return;
      }
      const placement = await postToAccountThread({
        client: target.client,
        db: target.db,
        accountId: reply.accountId,
        message: toBlockKit(reply.message),
        files: reply.message.files ?? [],
        userId: target.userId,
        channels: [channel, target.defaultChannel],
        ...(target.language ? { language: target.language } : {}),
      });
      if (placement.refused) {
        const note = placementNote(placement, await permalinkOf(target.client, placement), readerT(target));
        if (target.respond)
          await target.respond({ response_type: 'ephemeral', replace_original: false, ...note });
        else await target.client.chat.postMessage({ channel: target.userId, ...note });
      }
      return;
    }
    case 'formErrors':
      await privately(
        target,
        notice(
          Object.entries(reply.errors)
            .map(([field, message]) => `${field}: ${message}`)
            .join('\n'),
          { tone: 'danger' },
        ),
      );
      return;
    case 'none':
      return;
  }
}
