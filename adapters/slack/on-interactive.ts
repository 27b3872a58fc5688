/**
 * /overdue, button clicks and modal submissions. Each is acknowledged at once; the work runs after the
 * acknowledgement and answers through the response_url, so a slow database never trips Slack's 3 s.
 * Only modal submissions wait for the dispatcher before acknowledging: field errors travel in the ack.
 */
import type { App, BlockAction, RespondArguments } from '@slack/bolt';
import { dispatch } from '../../src/commands/dispatch.ts';
import type { Reply } from '../../src/commands/interaction.ts';
import { notice } from '../../src/views/notices.ts';
import { companyT, speechFor } from '../../src/i18n/speech.ts';
import type { Translator } from '../../src/i18n/translate.ts';
import type { User } from '../../src/views/model.ts';
import { ACTION_PREFIX, toBlockKit } from './block-kit.ts';
import { deliver, postToResponseUrl, type ReplyTarget, threadChannel } from './deliver.ts';
import type { SlackDeps } from './deps.ts';
import { publishHome } from './home.ts';
import { type ClickedElement, clickedOnCard, clickKind, refOfAction } from './interactions.ts';
import {
  FORM_CALLBACK_ID,
  messageModal,
  readMetadata,
  readViewState,
  toSlackErrors,
  toSlackModal,
  type ViewState,
} from './modal.ts';

/** duebot itself failed: nothing was changed (in the reader's language). */
const trouble = (t: Translator) => notice(t.t('slack.trouble'), { tone: 'danger' });

/** After the change was saved but its thread post failed: it is in the account's history all the same. */
const unposted = (t: Translator) => notice(t.t('slack.unposted'), { tone: 'danger' });

/** Loading view shown the instant a modal-opening button is clicked (the trigger id lives 3 s). */
const loading = (title: string, t: Translator) =>
  messageModal(title, { blocks: [{ type: 'context', text: t.t('slack.loading') }] }, t);

/**
 * `work` with the reader's language looked up beside it, not before it: one round trip to the database
 * less to wait. `read` gets the language once `work` has settled, also when it failed (so the trouble
 * notice is in the reader's language); one that cannot be read is the company's.
 */
async function besideReader<T>(
  reader: Promise<Translator>,
  work: Promise<T>,
  read: (t: Translator) => void,
): Promise<T> {
  try {
    return await work;
  } finally {
    read(await reader);
  }
}

/** Registers /overdue, the card buttons and the modal submissions on a Bolt app. */
export function registerInteractive(app: App, deps: SlackDeps): void {
  const { ctx, identity, log } = deps;
  const readerT = (user: User): Promise<Translator> =>
    speechFor(ctx.db, user, ctx.language, undefined).then(
      (speech) => speech.t,
      () => companyT(ctx.language),
    );

  app.command('/overdue', async ({ command, ack, client }) => {
    await ack();
    const respond = (m: RespondArguments) => postToResponseUrl(command.response_url, m);
    let t = companyT(ctx.language);
    const target: ReplyTarget = {
      client,
      db: ctx.db,
      userId: command.user_id,
      respond,
      channel: command.channel_id,
      triggerId: command.trigger_id,
      ...(deps.defaultChannel ? { defaultChannel: deps.defaultChannel } : {}),
    };
    try {
      const user = await identity.user(command.user_id, command.user_name);
      const reply = await besideReader(
        readerT(user),
        dispatch(ctx, {
          kind: 'command',
          text: command.text ?? '',
          user,
          channel: command.channel_id,
          platform: 'slack',
        }),
        (reader) => {
          t = reader;
        },
      );
      Object.assign(target, { t, ...(ctx.language ? { language: ctx.language } : {}) });
      await deliver(reply, target);
    } catch (error) {
      log.error({ err: error }, 'slack: /overdue failed');
      await respond({ response_type: 'ephemeral', ...toBlockKit(trouble(t)) }).catch(() => undefined);
    }
  });

  app.action<BlockAction>(
    { type: 'block_actions', action_id: new RegExp(`^${ACTION_PREFIX}`) },
    async (args) => {
      const { body, ack, client } = args;
      await ack();
      const action = args.action as ClickedElement;
      const ref = refOfAction(action);
      if (!ref) return;
      const fromHome = body.container?.type === 'view' && body.view?.type === 'home';
      const channel = body.channel?.id;
      const { opensForm, confirmed } = clickKind(action);
      let viewId: string | undefined;
      let t = companyT(ctx.language);
      try {
        // The person first (users.info is cached), so even the loading view is in their language.
        const user = await identity.user(body.user.id, body.user.name);
        // A card in a channel is redrawn in the channel's language; a private reply in the reader's.
        const shared = channel && !fromHome && body.container?.is_ephemeral !== true ? channel : undefined;
        const answer = () =>
          dispatch(ctx, {
            kind: 'action',
            ref,
            user,
            ...(confirmed === undefined ? {} : { confirmed }),
            ...(shared ? { channel: shared } : {}),
          });
        let reply: Reply;
        if (opensForm) {
          t = (await speechFor(ctx.db, user, ctx.language, undefined)).t;
          const opened = await client.views.open({
            trigger_id: body.trigger_id,
            view: loading(action.text?.text ?? action.selected_option?.text?.text ?? 'duebot', t),
          });
          viewId = opened.view?.id;
          reply = await answer();
        } else {
          // No loading view to draw first: the reader's language is looked up beside the answer.
          reply = await besideReader(readerT(user), answer(), (reader) => {
            t = reader;
          });
        }
        const target: ReplyTarget = {
          client,
          db: ctx.db,
          userId: body.user.id,
          ...(!fromHome && body.response_url
            ? { respond: (m: RespondArguments) => postToResponseUrl(body.response_url, m) }
            : {}),
          ...(channel ? { channel } : {}),
          ...(deps.defaultChannel ? { defaultChannel: deps.defaultChannel } : {}),
          ...(viewId ? { viewId } : { triggerId: body.trigger_id }),
          ...(clickedOnCard(action) && body.response_url ? { formOrigin: body.response_url } : {}),
          ...(fromHome ? { refreshHome: () => publishHome(deps, client, body.user.id) } : {}),
          t,
          ...(ctx.language ? { language: ctx.language } : {}),
        };
        await deliver(reply, target);
        if (fromHome && reply.kind !== 'replace') await publishHome(deps, client, body.user.id);
      } catch (error) {
        log.error({ err: error }, 'slack: click failed');
        if (viewId)
          await client.views
            .update({ view_id: viewId, view: messageModal('duebot', trouble(t), t) })
            .catch(() => undefined);
        else
          await args
            .respond({ response_type: 'ephemeral', replace_original: false, ...toBlockKit(trouble(t)) })
            .catch(() => undefined);
      }
    },
  );

  app.view(FORM_CALLBACK_ID, async ({ ack, body, view, client }) => {
    const meta = readMetadata(view.private_metadata);
    const readerOf = async (user: User) =>
      speechFor(ctx.db, user, ctx.language, undefined).then(
        (speech) => speech.t,
        () => companyT(ctx.language), // the database is down: the form's answer says so
      );
    let t = companyT(ctx.language);
    if (!meta) {
      t = await readerOf(await identity.user(body.user.id, body.user.name));
      await ack({
        response_action: 'update',
        view: messageModal('duebot', notice(t.t('slack.formTooOld')), t),
      });
      return;
    }
    const values = readViewState(view.state as ViewState);
    const sendsLetter = meta.slow === true;
    let reply: Reply | undefined;
    try {
      // A slow form (a letter: render, PDF, SMTP) can outlast Slack's 3 s: close the modal first, answer after.
      if (sendsLetter) await ack();
      const user = await identity.user(body.user.id, body.user.name);
      t = await readerOf(user);
      // A retried delivery (X-Slack-Retry-Num) carries the same view and hash: it takes effect once.
      const submission = view.hash ? `${view.id}:${view.hash}` : view.id;
      reply = await dispatch(ctx, { kind: 'submit', ref: meta.ref, user, values, submission });
      if (sendsLetter) {
        await deliver(reply, {
          client,
          db: ctx.db,
          userId: body.user.id,
          ...(meta.channel ? { channel: meta.channel } : {}),
          ...(deps.defaultChannel ? { defaultChannel: deps.defaultChannel } : {}),
          t,
          ...(ctx.language ? { language: ctx.language } : {}),
        });
        return;
      }
      if (reply.kind === 'formErrors') {
        await ack({
          response_action: 'errors',
          errors: toSlackErrors(reply.errors, Object.keys(view.state.values)),
        });
        return;
      }
      if (reply.kind === 'ephemeral' || reply.kind === 'replace') {
        await ack({ response_action: 'update', view: messageModal(view.title.text, reply.message, t) });
        return;
      }
      if (reply.kind === 'openForm') {
        // The next step in the same modal (the letter chooser's answer is the letter's preview).
        const next = toSlackModal(
          reply.form,
          {
            ref: reply.form.ref,
            ...(meta.channel ? { channel: meta.channel } : {}),
            ...(meta.responseUrl ? { responseUrl: meta.responseUrl } : {}),
          },
          reply.form.intro,
          t,
        );
        await ack({ response_action: 'update', view: next });
        return;
      }
      await ack(); // closes the modal
      const target: ReplyTarget = {
        client,
        db: ctx.db,
        userId: body.user.id,
        ...(meta.channel ? { channel: meta.channel } : {}),
        ...(deps.defaultChannel ? { defaultChannel: deps.defaultChannel } : {}),
        t,
        ...(ctx.language ? { language: ctx.language } : {}),
      };
      await deliver(reply, target);
      if (reply.kind === 'thread' && reply.card && meta.responseUrl)
        await postToResponseUrl(meta.responseUrl, {
          replace_original: true,
          ...toBlockKit(reply.card),
        }).catch((error: unknown) => log.warn({ err: error }, 'slack: could not refresh the card'));
      if (reply.kind === 'thread' && !threadChannel(target))
        log.warn('slack: no channel for the account thread; set SLACK_CHANNEL');
    } catch (error) {
      log.error({ err: error }, 'slack: form submission failed');
      // Once dispatch answered, the change (an e-mailed letter, a logged call) is saved: never say otherwise.
      if (sendsLetter || reply?.kind === 'thread')
        await client.chat
          .postMessage({
            channel: body.user.id,
            ...toBlockKit(reply?.kind === 'thread' ? unposted(t) : trouble(t)),
          })
          .catch(() => undefined);
      else
        await ack({ response_action: 'update', view: messageModal('duebot', trouble(t), t) }).catch(
          () => undefined,
        );
    }
  });
}
