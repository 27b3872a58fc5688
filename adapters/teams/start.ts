/**
 * Starting the Teams adapter: on its own HTTP server (POST /api/messages and GET /healthz on PORT), or as
 * one more route on Slack's server when both adapters run, so one port serves everything.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import {
  type ChatAdapter,
  ChatStartError,
  type HttpRoute,
  runsUntilStopped,
} from '../../src/chat/adapter.ts';
import { applyRoleListsAtStart } from '../../src/chat/roles.ts';
import { checkHealth, type HealthContext } from '../../src/health.ts';
import { LETTER_PDF_PATH } from '../../src/letters/letter-links.ts';
import { metricsHandler } from '../../src/metrics.ts';
import { dispatchContext, type Runtime } from '../../src/runtime.ts';
import type { ChatOut } from '../../src/outbox/chat-out.ts';
import { createTeamsApp, type TeamsApp } from './app.ts';
import { createTeamsChatOut } from './chat-out.ts';
import { teamsRoleLists } from './identity.ts';

/** The path Azure Bot Service posts activities to (the bot's messaging endpoint). */
export const MESSAGES_PATH = '/api/messages';

/** Teams could not be started with the settings given; the message names the setting to fix. */
export class TeamsStartError extends ChatStartError {
  readonly code = 'teams_start_failed';
}

/** Builds the Teams app from the runtime's settings, applies the role lists, and says how it runs. */
export async function createTeams(runtime: Runtime): Promise<TeamsApp> {
  const config = runtime.config.teams;
  if (!config)
    throw new TeamsStartError(
      'Teams is not configured: set MicrosoftAppId (or TEAMS_ENABLED=1 for local mode).',
    );
  await applyRoleListsAtStart(runtime.db.knex, teamsRoleLists(config), runtime.log);
  const app = createTeamsApp({ ctx: dispatchContext(runtime), config, log: runtime.log });
  if (app.localMode)
    runtime.log.warn(
      'Teams in local mode (TEAMS_ENABLED=1 without MicrosoftAppId): requests to /api/messages are accepted without a token, from loopback addresses only (Bot Framework Emulator)',
    );
  return app;
}

/** Where scheduled posts reach Teams: TEAMS_CHANNEL or the channel the bot was last added to. */
export function teamsChatOut(app: TeamsApp, runtime: Runtime): ChatOut {
  return createTeamsChatOut({
    db: runtime.db.knex,
    proactive: app.proactive,
    channel: runtime.config.teams?.channel,
    files: app.files,
    language: runtime.config.language,
  });
}

/**
 * Teams' routes for a server someone else runs (Slack's, when both adapters are on): POST /api/messages
 * and the signed letter PDF links.
 */
export function teamsRoutes(app: TeamsApp): HttpRoute[] {
  return [
    {
      path: MESSAGES_PATH,
      method: ['POST'],
      handler: (req, res) => {
        void app.handle(req, res);
      },
    },
    {
      path: LETTER_PDF_PATH,
      method: ['GET', 'HEAD'],
      handler: (req, res) => {
        void app.serveLetterPdf(req, res);
      },
    },
  ];
}

/** A running Teams server. */
export interface RunningTeams {
  port: number;
  stop(): Promise<void>;
}

/**
 * Teams on its own HTTP server: POST /api/messages, GET /letters/<id>.pdf (signed links), /healthz and
 * /metrics, and `hosted` routes of another adapter.
 */
export async function serveTeams(
  app: TeamsApp,
  health: HealthContext,
  options: { port: number; host?: string; hosted?: HttpRoute[] },
): Promise<RunningTeams> {
  const server = express();
  server.disable('x-powered-by');
  server.post(MESSAGES_PATH, express.json({ limit: '1mb' }), (req, res) => {
    void app.handle(req, res);
  });
  server.get(LETTER_PDF_PATH, (req, res) => {
    void app.serveLetterPdf(req, res);
  });
  server.get('/healthz', async (_req, res) => {
    const result = await checkHealth(health);
    res.status(result.ok ? 200 : 503).json(result);
  });
  server.get('/metrics', metricsHandler(health.db));
  for (const route of options.hosted ?? []) {
    server.all(route.path, (req, res, next) => {
      if (route.method.includes(req.method)) route.handler(req, res);
      else next();
    });
  }
  const listening = await new Promise<Server>((resolve, reject) => {
    const s = server.listen(options.port, options.host ?? '0.0.0.0', (error?: Error) =>
      error ? reject(error) : resolve(s),
    );
  });
  const port = (listening.address() as AddressInfo).port;
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        listening.closeAllConnections();
        listening.close(() => resolve());
      }),
  };
}

/**
 * The Teams adapter from the runtime's settings (TEAMS_MANAGERS / TEAMS_VIEWERS applied): its routes for
 * the server of another adapter, or `start` on its own port (PORT).
 */
export async function createTeamsAdapter(runtime: Runtime): Promise<ChatAdapter> {
  const app = await createTeams(runtime);
  const port = runtime.config.teams?.port ?? 0;
  let served: RunningTeams | undefined;
  return {
    platform: 'teams',
    chatOut: teamsChatOut(app, runtime),
    routes: teamsRoutes(app),
    async start(hosted = []) {
      served = await serveTeams(app, dispatchContext(runtime), { port, hosted });
      runtime.log.info(
        `Teams listening on port ${served.port} (messaging endpoint https://<your host>/api/messages; /healthz)`,
      );
      return { port: served.port, ended: runsUntilStopped(), ready: Promise.resolve() };
    },
    async stop() {
      await served?.stop();
    },
  };
}
