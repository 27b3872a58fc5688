/**
 * The Bolt app: HTTP mode (signing secret, one port for Slack's requests and /healthz) or Socket Mode
 * (app token). Transport only; the handlers live in on-interactive.ts and on-events.ts.
 */
import { App, type Logger as BoltLogger, type CustomRoute, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { DispatchContext } from '../../src/commands/dispatch.ts';
import type { SlackConfig } from '../../src/config.ts';
import type { Logger } from '../../src/log.ts';
import { metricsHandler } from '../../src/metrics.ts';
import { healthRoute } from './health.ts';
import { createIdentity, type SlackIdentity, slackRoleLists } from './identity.ts';
import { registerEvents } from './on-events.ts';
import { registerInteractive } from './on-interactive.ts';
import { registerOptions } from './on-options.ts';
import { guardReceiver } from './request-guard.ts';
import type { SocketLink } from './socket-link.ts';
import { createSocketReceiver, type SocketTuning } from './socket-mode.ts';

/** What createSlackApp needs. */
export interface SlackAppOptions {
  /** The dispatcher's context; roleLists is filled in from SLACK_MANAGERS / SLACK_VIEWERS. */
  ctx: DispatchContext;
  config: SlackConfig;
  log: Logger;
  /** From auth.test; given so Bolt never calls auth.test per event. */
  botId: string;
  botUserId: string;
  /**
   * Finish each request's work before answering HTTP. Production acknowledges first (false); tests set it
   * so every outgoing call has happened when the response arrives.
   */
  processBeforeResponse?: boolean;
  /** Web API retries on network errors and 5xx (429s always honour Retry-After). */
  apiRetries?: number;
  /** More routes on the same HTTP server (Teams' POST /api/messages when both adapters run). */
  extraRoutes?: CustomRoute[];
  /** Socket Mode's timings and settle hook (tests shorten them). */
  socket?: SocketTuning;
}

/** A Bolt app wired to duebot, plus the identity it uses. */
export interface SlackApp {
  app: App;
  identity: SlackIdentity;
  /** Socket Mode's connection state; absent in HTTP mode. */
  socket?: SocketLink;
}

function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.WARN;
  const child = log.child({ component: 'slack' });
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg: unknown[]) => child.debug(text(msg)),
    info: (...msg: unknown[]) => child.info(text(msg)),
    warn: (...msg: unknown[]) => child.warn(text(msg)),
    error: (...msg: unknown[]) => child.error(text(msg)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/**
 * The Bolt app for the settings, its receiver and routes, without duebot's handlers: Socket Mode when an app
 * token is set, HTTP otherwise. The scale benchmark's transport floor is this same app with a fixed reply,
 * so that it differs from duebot in the handlers alone. Two of its options decide the cost of every request
 * before any handler runs: botId and botUserId (without them Bolt calls auth.test on each request before it
 * is acknowledged, since token verification is off) and the guard in front of the HTTP receiver.
 */
export function createBoltApp(options: SlackAppOptions): { app: App; socket?: SocketLink } {
  const { config, log } = options;
  const socketMode = Boolean(config.appToken);
  const slackApiUrl = config.apiUrl
    ? config.apiUrl.endsWith('/')
      ? config.apiUrl
      : `${config.apiUrl}/`
    : undefined;
  const routes = (socket?: SocketLink): CustomRoute[] => [
    healthRoute(options.ctx, socket),
    { path: '/metrics', method: ['GET'], handler: metricsHandler(options.ctx.db) },
    ...(options.extraRoutes ?? []),
  ];
  const logger = boltLogger(log);
  // Our own receivers (Bolt would build the same ones) so that malformed requests stop before Bolt.
  const socket = socketMode
    ? createSocketReceiver({
        appToken: config.appToken ?? '',
        slackApiUrl,
        port: config.port,
        routes,
        logger,
        log,
        db: options.ctx.db,
        tuning: options.socket,
      })
    : undefined;
  const receiver =
    socket?.receiver ??
    guardReceiver(
      new HTTPReceiver({
        signingSecret: config.signingSecret ?? '',
        port: config.port,
        customRoutes: routes(),
        logger,
        processBeforeResponse: options.processBeforeResponse ?? false,
      }),
      { signingSecret: config.signingSecret ?? '', log },
    );
  const app = new App({
    token: config.botToken,
    botId: options.botId,
    botUserId: options.botUserId,
    tokenVerificationEnabled: false,
    logger,
    logLevel: LogLevel.WARN,
    clientOptions: {
      ...(slackApiUrl ? { slackApiUrl } : {}),
      retryConfig: { retries: options.apiRetries ?? 3, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    },
    receiver,
    ...(socketMode ? { socketMode: true, appToken: config.appToken } : {}),
  });
  app.error(async (error) => {
    log.error({ err: error }, 'slack: unhandled error in a listener');
  });
  return { app, ...(socket ? { socket: socket.link } : {}) };
}

/** Builds the Bolt app for the settings (createBoltApp) with duebot's handlers on it. */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config, log } = options;
  const { app, socket } = createBoltApp(options);
  const identity = createIdentity(app.client);
  const deps = {
    ctx: { ...options.ctx, roleLists: slackRoleLists(config) },
    identity,
    log,
    defaultChannel: config.channel,
  };
  registerInteractive(app, deps);
  registerOptions(app, deps);
  registerEvents(app, deps);
  return { app, identity, ...(socket ? { socket } : {}) };
}
