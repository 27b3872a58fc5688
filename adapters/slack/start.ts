import { type CustomRoute, webApi } from '@slack/bolt';
import { dispatchContext, type Runtime } from '../../src/runtime.ts';
import { createSlackApp } from './app.ts';
import { applyRoleListsAtStart } from '../../src/chat/roles.ts';
import { slackRoleLists } from './identity.ts';

/** Slack could not be started with the settings given; the message names the setting to fix. */
export class SlackStartError extends Error {
  readonly code = 'slack_start_failed';
}

/** A running Slack adapter. */
export interface RunningSlack {
  /** HTTP mode's port (Slack's requests and /healthz), or Socket Mode's health port. */
  port: number;
  mode: 'http' | 'socket';
  stop(): Promise<void>;
}

/**
 * Starts the Slack adapter from the runtime's settings: checks the bot token with auth.test (once, so
 * Bolt never needs to per event), applies SLACK_MANAGERS / SLACK_VIEWERS to known users (both ways), then
 * serves.
 */
export async function startSlack(
  runtime: Runtime,
  options: { extraRoutes?: CustomRoute[] } = {},
): Promise<RunningSlack> {
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
  const { app } = createSlackApp({
    ctx: dispatchContext(runtime),
    config,
    log: runtime.log,
    botId,
    botUserId,
    ...(options.extraRoutes ? { extraRoutes: options.extraRoutes } : {}),
  });
  const mode = config.appToken ? 'socket' : 'http';
  if (mode === 'socket') await app.start();
  else await app.start(config.port);
  runtime.log.info(
    mode === 'socket'
      ? `Slack connected in Socket Mode; /healthz on port ${config.port}`
      : `Slack listening on port ${config.port} (Request URL: https://<your host>/slack/events; /healthz)`,
  );
  return { port: config.port, mode, stop: () => app.stop().then(() => undefined) };
}
