/**
 * A real Bolt HTTP server on a loopback port, driven by requests signed exactly as Slack signs them.
 * Outgoing Web API calls (to SLACK_API_URL) and response_url posts are intercepted with nock and recorded.
 */
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { createSlackApp } from '../../../adapters/slack/app.ts';
import type { ViewState } from '../../../adapters/slack/modal.ts';
import { createFixedClock } from '../../../src/clock.ts';
import { defaultPolicy } from '../../../src/collections/account.ts';
import type { DispatchContext } from '../../../src/commands/dispatch.ts';
import type { SlackConfig } from '../../../src/config.ts';
import type { Database } from '../../../src/db.ts';
import { createLogger, type Logger } from '../../../src/log.ts';

export const SECRET = '8f742231b10e8888abcd99yyyzzz85a5'.replace(/[yz]/g, 'e');
export const API = 'http://slack.test';
export const HOOKS = 'http://hooks.slack.test';
/** Where files.getUploadURLExternal tells the client to upload file bytes. */
export const FILES = 'http://files.slack.test';

/** Display names Slack's users.info gives; U_MIA is a manager and U_VIC a viewer by settings. */
export const NAMES: Record<string, string> = { UANN: 'Ann', UBOB: 'Bob', UMIA: 'Mia', UVIC: 'Vic' };
for (let i = 0; i < 60; i++) NAMES[`UC${i}`] = `Collector ${i}`;

/** One recorded Web API call: method name and arguments (JSON arguments parsed). */
export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
}

/** One recorded response_url post. */
export interface ResponsePost {
  path: string;
  body: Record<string, unknown>;
}

export interface Harness {
  url: string;
  api: ApiCall[];
  responses: ResponsePost[];
  /** File bytes uploaded to the upload URLs (path and size). */
  uploads: { path: string; bytes: number }[];
  calls(method: string): Record<string, unknown>[];
  reset(): void;
  /** POSTs a body signed with `secret` (default the right one) and `age` seconds old. */
  post(body: string, contentType: string, options?: SignOptions): Promise<Response>;
  slash(text: string, user?: string, channel?: string): Promise<Response>;
  click(ref: string, user?: string, options?: ClickOptions): Promise<Response>;
  submit(view: SubmittedView, user?: string): Promise<Response>;
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

export interface ClickOptions {
  blockId?: string;
  overflow?: boolean;
  fromHome?: boolean;
  responsePath?: string;
  channel?: string;
  /** The button says it opens a form (block-kit.ts draws `duebot-form-N`). */
  opensForm?: boolean;
  /** The click answers a confirm: Slack's own dialog said yes, or a confirm step's Yes / Cancel was clicked. */
  confirmed?: boolean;
}

export interface SubmittedView {
  private_metadata: string;
  state: ViewState;
  title?: string;
  /** The view's id and hash; a new view each submit unless given (give both to deliver one view again). */
  id?: string;
  hash?: string;
  /** Extra request headers, e.g. Slack's X-Slack-Retry-Num on a redelivery. */
  headers?: Record<string, string>;
}

/** Extra ways to start the harness: the fault suite gives a logger that records what the app logs. */
export interface HarnessOptions {
  log?: Logger;
  /** Replaces parts of the dispatcher's context (letter settings). */
  ctx?: Partial<DispatchContext>;
}

/** The form fields of a `/overdue` slash command, as Slack sends them (the fuzzer garbles them). */
export function slashFields(text: string, user: string, channel: string, n: number): [string, string][] {
  return [
    ['token', 'legacy'],
    ['team_id', 'T1'],
    ['team_domain', 'acme'],
    ['channel_id', channel],
    ['channel_name', 'collections'],
    ['user_id', user],
    ['user_name', user.toLowerCase()],
    ['command', '/overdue'],
    ['text', text],
    ['api_app_id', 'A1'],
    ['response_url', `${HOOKS}/commands/${n}`],
    ['trigger_id', `trigger-${n}`],
  ];
}

export function sign(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

const parseArgs = (raw: string): Record<string, unknown> => {
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
};

let sequence = 0;

function apiReply(method: string, args: Record<string, unknown>): Record<string, unknown> {
  sequence += 1;
  switch (method) {
    case 'users.info': {
      const id = String(args.user);
      return NAMES[id]
        ? { ok: true, user: { id, name: id.toLowerCase(), profile: { display_name: NAMES[id] } } }
        : { ok: false, error: 'user_not_found' };
    }
    case 'views.open':
    case 'views.update':
    case 'views.publish':
      return { ok: true, view: { id: String(args.view_id ?? `V${sequence}`) } };
    case 'chat.postMessage':
      return { ok: true, channel: args.channel, ts: `1764000000.${String(sequence).padStart(6, '0')}` };
    case 'files.getUploadURLExternal':
      return { ok: true, upload_url: `${FILES}/upload/v1/F${sequence}`, file_id: `F${sequence}` };
    case 'chat.postEphemeral':
      return { ok: true, message_ts: `1764000000.${String(sequence).padStart(6, '0')}` };
    default:
      return { ok: true };
  }
}

/** The fields of an /overdue slash command as Slack sends them (a test may repeat or bend one). */
export function slashForm(text: string, user = 'UANN', channel = 'CWORK'): URLSearchParams {
  sequence += 1;
  return new URLSearchParams(slashFields(text, user, channel, sequence));
}

/** Starts the app on a free loopback port over `db` with Slack's Web API and response URLs intercepted. */
export async function startHarness(
  db: Database,
  pageSize = 10,
  options: HarnessOptions = {},
): Promise<Harness> {
  const api: ApiCall[] = [];
  const responses: ResponsePost[] = [];
  const uploads: { path: string; bytes: number }[] = [];
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  nock(API)
    .persist()
    .post(/^\/api\/.+/)
    .reply((uri, body) => {
      const method = uri.replace(/^\/api\//, '');
      const args = parseArgs(
        typeof body === 'string' ? body : new URLSearchParams(body as Record<string, string>).toString(),
      );
      api.push({ method, args });
      return [200, apiReply(method, args)];
    });
  nock(FILES)
    .persist()
    .post(/.*/)
    .reply((uri, body) => {
      const bytes =
        typeof body === 'string' ? Buffer.byteLength(body, 'latin1') : Buffer.from(body as Buffer).length;
      uploads.push({ path: uri, bytes });
      return [200, 'OK - 1'];
    });
  nock(HOOKS)
    .persist()
    .post(/.*/)
    .reply((uri, body) => {
      responses.push({
        path: uri,
        body: (typeof body === 'string' ? JSON.parse(body) : body) as Record<string, unknown>,
      });
      return [200, 'ok'];
    });
  const config: SlackConfig = {
    botToken: 'xoxb-test',
    signingSecret: SECRET,
    appToken: undefined,
    apiUrl: `${API}/api/`,
    port: 0,
    channel: 'CDEFAULT',
    managers: ['UMIA'],
    viewers: ['UVIC'],
  };
  const { app } = createSlackApp({
    ctx: {
      db: db.knex,
      clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
      policy: defaultPolicy,
      pageSize,
      ...options.ctx,
    },
    config,
    log: options.log ?? createLogger({ level: 'silent' }),
    botId: 'BBOT',
    botUserId: 'UBOT',
    processBeforeResponse: true,
    apiRetries: 0,
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
    api,
    responses,
    uploads,
    calls: (method) => api.filter((c) => c.method === method).map((c) => c.args),
    reset() {
      api.length = 0;
      responses.length = 0;
      uploads.length = 0;
    },
    post,
    slash(text, user = 'UANN', channel = 'CWORK') {
      return post(slashForm(text, user, channel).toString(), form);
    },
    click(ref, user = 'UANN', options = {}) {
      sequence += 1;
      const kind =
        options.confirmed === true
          ? 'yes-'
          : options.confirmed === false
            ? 'no-'
            : options.opensForm
              ? 'form-'
              : '';
      const actionId = `duebot-${kind}0`;
      const element = options.overflow
        ? {
            type: 'overflow',
            action_id: actionId,
            block_id: options.blockId ?? 'actions-5',
            selected_option: { text: { type: 'plain_text', text: 'x' }, value: ref },
            action_ts: '1',
          }
        : {
            type: 'button',
            action_id: actionId,
            block_id: options.blockId ?? 'actions-5',
            value: ref,
            text: { type: 'plain_text', text: 'x' },
            action_ts: '1',
          };
      const channel = options.channel ?? 'CWORK';
      return interactive({
        type: 'block_actions',
        team: { id: 'T1', domain: 'acme' },
        user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T1' },
        api_app_id: 'A1',
        token: 'legacy',
        trigger_id: `trigger-${sequence}`,
        actions: [element],
        ...(options.fromHome
          ? {
              container: { type: 'view', view_id: 'VHOME' },
              view: { id: 'VHOME', type: 'home', blocks: [], state: { values: {} } },
            }
          : {
              container: {
                type: 'message',
                message_ts: '1764000000.000001',
                channel_id: channel,
                is_ephemeral: false,
              },
              channel: { id: channel, name: 'collections' },
              message: { ts: '1764000000.000001', type: 'message', text: 'card' },
              response_url: `${HOOKS}${options.responsePath ?? `/actions/${sequence}`}`,
            }),
      });
    },
    submit(view, user = 'UANN') {
      sequence += 1;
      return interactive(
        {
          type: 'view_submission',
          team: { id: 'T1', domain: 'acme' },
          user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T1' },
          api_app_id: 'A1',
          token: 'legacy',
          trigger_id: `trigger-${sequence}`,
          view: {
            id: view.id ?? `VMODAL${sequence}`,
            hash: view.hash ?? `1764000000.${sequence}`,
            type: 'modal',
            callback_id: 'duebot-form',
            private_metadata: view.private_metadata,
            title: { type: 'plain_text', text: view.title ?? 'Log a contact' },
            state: view.state,
            blocks: [],
          },
        },
        view.headers,
      );
    },
    event(event, eventId, headers = {}) {
      const body = JSON.stringify({
        token: 'legacy',
        team_id: 'T1',
        api_app_id: 'A1',
        type: 'event_callback',
        event_id: eventId,
        event_time: 1764000000,
        authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
        event,
      });
      return post(body, 'application/json', { headers });
    },
    async close() {
      await app.stop();
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}
