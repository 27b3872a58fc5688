import { type App, webApi } from '@slack/bolt';
import { type ChatAdapter, ChatStartError, runsUntilStopped } from '../../src/chat/adapter.ts';
import { applyRoleListsAtStart } from '../../src/chat/roles.ts';
import type { SlackConfig } from '../../src/config.ts';
import type { ChatOut } from '../../src/outbox/chat-out.ts';
import { dispatchContext, type Runtime } from '../../src/runtime.ts';
import { createSlackApp } from './app.ts';
import { createOutboxClient, createSlackChatOut } from './chat-out.ts';
import { slackRoleLists } from './identity.ts';

/** Slack could not be started with the settings given; the message names the setting to fix. */
export class SlackStartError extends ChatStartError {
  readonly code = 'slack_start_failed';
}

/** Where scheduled posts reach Slack: the Web API with the bot token, through the outbox. */
export function slackChatOut(runtime: Runtime, slack: SlackConfig): ChatOut {
  const client = createOutboxClient(slack.botToken, slack.apiUrl);
  return createSlackChatOut({
    client,
    db: runtime.db.knex,
    config: slack,
    language: runtime.config.language,
  });
}

/**
 * The Slack adapter from the runtime's settings: checks the bot token with auth.test (once, so Bolt never
 * needs to per event) and applies SLACK_MANAGERS / SLACK_VIEWERS to known users (both ways); `start`
 * serves HTTP mode (Slack's requests, /healthz, and the hosted routes on one port) or Socket Mode.
 */
export async function createSlackAdapter(runtime: Runtime): Promise<ChatAdapter> {
  const config = runtime.config.slack;
  if (!config)
    throw new SlackStartError('Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET.');
  const client = new webApi.WebClient(config.botToken, {
    ...(config.apiUrl
      ? { slackApiUrl: config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/` }
      : {}),
    retryConfig: { retries: 2 },
  });
  let botId: string;
  let botUserId: string;
  try {
    const auth = await client.auth.test();
    botUserId = String(auth.user_id ?? '');
    botId = String(auth.bot_id ?? '');
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
    throw new SlackStartError(
      `SLACK_BOT_TOKEN: Slack refused the token (${code}); copy the Bot User OAuth Token from OAuth & Permissions`,
    );
  }
  await applyRoleListsAtStart(runtime.db.knex, slackRoleLists(config), runtime.log);
  let app: App | undefined;
  return {
    platform: 'slack',
    chatOut: slackChatOut(runtime, config),
    routes: [],
    async start(hosted = []) {
      ({ app } = createSlackApp({
        ctx: dispatchContext(runtime),
        config,
        log: runtime.log,
        botId,
        botUserId,
        ...(hosted.length > 0 ? { extraRoutes: hosted } : {}),
      }));
      const mode = config.appToken ? 'socket' : 'http';
      if (mode === 'socket') await app.start();
      else await app.start(config.port);
      runtime.log.info(
        mode === 'socket'
          ? `Slack connected in Socket Mode; /healthz on port ${config.port}`
          : `Slack listening on port ${config.port} (Request URL: https://<your host>/slack/events; /healthz)`,
      );
      return { port: config.port, ended: runsUntilStopped(), ready: Promise.resolve() };
    },
    async stop() {
      await app?.stop();
    },
  };
}
