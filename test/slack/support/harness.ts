/**
 * A real Bolt HTTP server on a loopback port, driven by requests signed exactly as Slack signs them.
 * Outgoing Web API calls (to SLACK_API_URL) and response_url posts are intercepted with nock and recorded.
 */
// NOTE: first, so nock patches node:http before the adapter binds http.request (deliver.ts) at import.
import { API, interceptSlack, type SlackRecord } from './slack-api.ts';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createSlackApp, type SlackApp } from '../../../adapters/slack/app.ts';
import type { SocketTuning } from '../../../adapters/slack/socket-mode.ts';
import { createFixedClock } from '../../../src/clock.ts';
import { defaultPolicy } from '../../../src/collections/account.ts';
import type { DispatchContext } from '../../../src/commands/dispatch.ts';
import type { LetterConfig, SlackConfig } from '../../../src/config.ts';
import type { Database } from '../../../src/db.ts';
import { createLogger, type Logger } from '../../../src/log.ts';
import {
  type ClickOptions,
  clickPayload,
  eventBody,
  slashForm,
  type SubmittedView,
  submissionPayload,
} from './payloads.ts';

export { type ClickOptions, slashFields, slashForm, type SubmittedView } from './payloads.ts';
export { API, type ApiCall, FILES, HOOKS, NAMES, type ResponsePost } from './slack-api.ts';

export const SECRET = '8f742231b10e8888abcd99yyyzzz85a5'.replace(/[yz]/g, 'e');

export interface Harness extends Omit<SlackRecord, 'stop'> {
  url: string;
  /** POSTs a body signed with `secret` (default the right one) and `age` seconds old. */
  post(body: string, contentType: string, options?: SignOptions): Promise<Response>;
  slash(text: string, user?: string, channel?: string): Promise<Response>;
  click(ref: string, user?: string, options?: ClickOptions): Promise<Response>;
  submit(view: SubmittedView, user?: string): Promise<Response>;
  /** What the person typed into a modal's external_select (block `blockId`): Slack's options request. */
  suggest(privateMetadata: string, blockId: string, value: string, user?: string): Promise<Response>;
  event(event: Record<string, unknown>, eventId: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export interface SignOptions {
  secret?: string;
  ageSeconds?: number;
  /** The timestamp header exactly as sent (and signed), instead of now minus ageSeconds. */
  timestamp?: string;
  omit?: 'signature' | 'timestamp';
  headers?: Record<string, string>;
}

/** Extra ways to start the harness: the fault suite gives a logger that records what the app logs. */
export interface HarnessOptions {
  log?: Logger;
  /** Letter settings (an SMTP server, so letters are e-mailed); absent: letters are not e-mailed. */
  letters?: LetterConfig;
  /** Replaces parts of the dispatcher's context (letter settings). */
  ctx?: Partial<DispatchContext>;
}

export function sign(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/**
 * The app every Slack harness drives, over `db` with the clock at 2026-11-22 in Shanghai, UMIA a manager and
 * UVIC a viewer by settings: HTTP with the test signing secret, or Socket Mode when an app token is given.
 */
export function harnessApp(
  db: Database,
  options: {
    pageSize?: number;
    log?: Logger;
    appToken?: string;
    socket?: SocketTuning;
    letters?: LetterConfig;
    ctx?: Partial<DispatchContext>;
  } = {},
): SlackApp {
  const config: SlackConfig = {
    botToken: 'xoxb-test',
    signingSecret: options.appToken ? undefined : SECRET,
    appToken: options.appToken,
    apiUrl: `${API}/api/`,
    port: 0,
    channel: 'CDEFAULT',
    managers: ['UMIA'],
    viewers: ['UVIC'],
  };
  return createSlackApp({
    ctx: {
      db: db.knex,
      clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
      policy: defaultPolicy,
      pageSize: options.pageSize ?? 10,
      ...(options.letters ? { letters: options.letters } : {}),
      ...options.ctx,
    },
    config,
    log: options.log ?? createLogger({ level: 'silent' }),
    botId: 'BBOT',
    botUserId: 'UBOT',
    processBeforeResponse: true,
    apiRetries: 0,
    ...(options.socket ? { socket: options.socket } : {}),
  });
}

/** Starts the app on a free loopback port over `db` with Slack's Web API and response URLs intercepted. */
export async function startHarness(
  db: Database,
  pageSize = 10,
  options: HarnessOptions = {},
): Promise<Harness> {
  const record = interceptSlack();
  const { app } = harnessApp(db, {
    pageSize,
    ...(options.log ? { log: options.log } : {}),
    ...(options.letters ? { letters: options.letters } : {}),
    ...(options.ctx ? { ctx: options.ctx } : {}),
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as unknown as { address(): AddressInfo };
  const url = `http://127.0.0.1:${server.address().port}`;

  const post = (body: string, contentType: string, options: SignOptions = {}) => {
    const ts = options.timestamp ?? String(Math.floor(Date.now() / 1000) - (options.ageSeconds ?? 0));
    const headers: Record<string, string> = { 'content-type': contentType, ...(options.headers ?? {}) };
    if (options.omit !== 'timestamp') headers['x-slack-request-timestamp'] = ts;
    if (options.omit !== 'signature') headers['x-slack-signature'] = sign(options.secret ?? SECRET, ts, body);
    // A bounded wait: a request that crashed the receiver would otherwise never be answered.
    return fetch(`${url}/slack/events`, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(10_000),
    });
  };
  const form = 'application/x-www-form-urlencoded';
  const interactive = (payload: Record<string, unknown>, headers?: Record<string, string>) =>
    post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), form, {
      ...(headers ? { headers } : {}),
    });

  return {
    url,
    api: record.api,
    responses: record.responses,
    uploads: record.uploads,
    calls: record.calls,
    answerWith: record.answerWith,
    reset: record.reset,
    post,
    slash(text, user = 'UANN', channel = 'CWORK') {
      return post(slashForm(text, user, channel).toString(), form);
    },
    click(ref, user = 'UANN', options = {}) {
      return interactive(clickPayload(ref, user, options));
    },
    submit(view, user = 'UANN') {
      return interactive(submissionPayload(view, user), view.headers);
    },
    suggest(privateMetadata, blockId, value, user = 'UANN') {
      return interactive({
        type: 'block_suggestion',
        team: { id: 'T1', domain: 'acme' },
        user: { id: user, name: user.toLowerCase(), team_id: 'T1' },
        api_app_id: 'A1',
        token: 'legacy',
        container: { type: 'view', view_id: 'VMODAL' },
        action_id: blockId,
        block_id: blockId,
        value,
        view: { id: 'VMODAL', type: 'modal', callback_id: 'duebot-form', private_metadata: privateMetadata },
      });
    },
    event(event, eventId, headers = {}) {
      return post(JSON.stringify(eventBody(event, eventId)), 'application/json', { headers });
    },
    async close() {
      await app.stop();
      record.stop();
    },
  };
}
