/**
 * The Teams transport: botbuilder's CloudAdapter behind POST /api/messages. Checks each request's Bot
 * Framework token (or, in local mode without an app id, accepts token-less requests from loopback only),
 * runs the bot, and answers with what the protocol wants: invoke responses and, for `deliveryMode:
 * expectReplies`, the replies themselves in the HTTP body. Transport only; the handlers live in bot.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type TurnContext,
} from 'botbuilder';
import type { DispatchContext } from '../../src/commands/dispatch.ts';
import type { TeamsConfig } from '../../src/config.ts';
import type { Logger } from '../../src/log.ts';
import { matchLocale } from '../../src/i18n/locale.ts';
import { companyT } from '../../src/i18n/speech.ts';
import { translator } from '../../src/i18n/translate.ts';
import { toCardActivity } from './adaptive-card.ts';
import { DuebotTeamsBot } from './bot.ts';
import { trouble } from './deliver.ts';
import { createFileLinker, type FileLinker } from './file-card.ts';
import { teamsRoleLists } from './identity.ts';
import { createLetterPdfHandler } from './letter-pdf.ts';
import type { Proactive } from './proactive.ts';

/** What createTeamsApp needs. */
export interface TeamsAppOptions {
  /** The dispatcher's context; roleLists is filled in from TEAMS_MANAGERS / TEAMS_VIEWERS. */
  ctx: DispatchContext;
  config: TeamsConfig;
  log: Logger;
}

/** The bot wired to duebot: a request handler for /api/messages and what proactive posts need. */
export interface TeamsApp {
  adapter: CloudAdapter;
  proactive: Proactive;
  /** True without an app id: no tokens, loopback only (Bot Framework Emulator, tests). */
  localMode: boolean;
  /** Handles one POST /api/messages (body parsed already, as `req.body`, or read here). */
  handle(req: IncomingMessage & { body?: unknown }, res: ServerResponse): Promise<void>;
  /** Handles one GET of a letter PDF by signed link (letter-pdf.ts). */
  serveLetterPdf(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Links for files of messages (a letter's PDF), for proactive posts too. */
  files: FileLinker;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const MAX_BODY = 1024 * 1024;
/** Errors of token validation that botbuilder lets through untranslated (jsonwebtoken's). */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

async function readBody(req: IncomingMessage & { body?: unknown }): Promise<unknown> {
  if (req.body !== undefined) return req.body;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new RangeError('body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res
    .writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' })
    .end(text);
}

/** How long Bot Framework should wait before redelivering while Microsoft's signing keys cannot be read. */
export const KEYS_RETRY_AFTER_SECONDS = 30;
/** botbuilder's words (openIdMetadata.ts) when Microsoft answered the metadata or keys with an error status. */
const KEYS_UNREADABLE = /^Failed to load (openID config|Keys):/;

/**
 * The HTTP status an error of processActivity stands for: 401 for every kind of bad token; 503 when the
 * token could not be checked because Microsoft's OpenID metadata or signing keys were unreachable (botbuilder
 * says so with a 500 AuthenticationError, "Failed to load ...", or node-fetch's FetchError): the sender should try again.
 */
export function statusOfError(error: unknown): number {
  const e = error as { name?: string; statusCode?: number; message?: string };
  if (e?.name && TOKEN_ERRORS.has(e.name)) return 401;
  if (e?.name === 'FetchError' || KEYS_UNREADABLE.test(e?.message ?? '')) return 503;
  if (e?.name === 'AuthenticationError' || typeof e?.statusCode === 'number') return e.statusCode ?? 401;
  return 500;
}

/** CloudAdapter with its turn processing reachable, so this transport decides the HTTP answers itself. */
class DuebotCloudAdapter extends CloudAdapter {
  /** Authenticates the request and runs the turn; the result is the invoke or expectReplies response. */
  runTurn(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** Builds the adapter and the bot for the settings. */
export function createTeamsApp(options: TeamsAppOptions): TeamsApp {
  const { config, log } = options;
  const localMode = !config.appId;
  const auth = new ConfigurationBotFrameworkAuthentication(
    localMode
      ? {}
      : {
          MicrosoftAppId: config.appId,
          MicrosoftAppPassword: config.appPassword,
          MicrosoftAppType: config.appType,
          ...(config.tenantId ? { MicrosoftAppTenantId: config.tenantId } : {}),
        },
  );
  const adapter = new DuebotCloudAdapter(auth);
  const proactive: Proactive = { adapter, appId: config.appId ?? '' };
  const links = options.ctx.letters?.links;
  const files = createFileLinker(links, options.ctx.clock);
  const bot = new DuebotTeamsBot({
    ctx: { ...options.ctx, roleLists: teamsRoleLists(config) },
    log: log.child({ component: 'teams' }),
    proactive,
    files,
    linkSecret: links?.secret,
  });
  const serveLetterPdf = createLetterPdfHandler({
    db: options.ctx.db,
    links,
    clock: options.ctx.clock,
    log: log.child({ component: 'letter-pdf' }),
    ...(options.ctx.language ? { language: options.ctx.language } : {}),
  });
  adapter.onTurnError = async (context, error) => {
    log.error({ err: error }, 'teams: unhandled error in a turn');
    // The person's language as the activity reports it, else the company's (no database read here: it may be why).
    const locale = matchLocale(context.activity?.locale) ?? companyT(options.ctx.language).locale;
    const t = translator(locale, { largeUnits: options.ctx.language?.largeUnits ?? false });
    await context.sendActivity(toCardActivity(trouble(t))).catch(() => undefined);
  };
  const logic = (context: TurnContext) => bot.run(context);

  return {
    adapter,
    proactive,
    localMode,
    files,
    serveLetterPdf,
    async handle(req, res) {
      if (localMode && !LOOPBACK.has(req.socket.remoteAddress ?? '')) {
        send(res, 401, 'Teams runs in local mode (no MicrosoftAppId): only loopback requests are accepted.');
        return;
      }
      let activity: Partial<Activity>;
      try {
        const body = await readBody(req);
        if (typeof body !== 'object' || body === null || typeof (body as Activity).type !== 'string') {
          send(res, 400, 'expected a Bot Framework activity (JSON object with a type)');
          return;
        }
        activity = body as Partial<Activity>;
      } catch {
        send(res, 400, 'expected a JSON body');
        return;
      }
      const authHeader = String(req.headers.authorization ?? '');
      try {
        const result = await adapter.runTurn(authHeader, activity as Activity, logic);
        send(res, result?.status ?? 200, result?.body);
      } catch (error) {
        const status = statusOfError(error);
        if (status === 401)
          log.warn({ reason: (error as Error).message }, 'teams: request refused (bad or missing token)');
        else if (status === 503) {
          log.warn({ reason: (error as Error).message }, "teams: Microsoft's signing keys unreachable");
          res.setHeader('retry-after', String(KEYS_RETRY_AFTER_SECONDS));
          send(
            res,
            503,
            'The token could not be checked: Microsoft’s signing keys are unreachable. Retry later.',
          );
          return;
        } else log.error({ err: error }, 'teams: request failed');
        send(res, status, status === 401 ? 'Unauthorized' : 'Internal error');
      }
    },
  };
}
