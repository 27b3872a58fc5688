/**
 * Slack's side of the wire for the Slack harnesses (HTTP and Socket Mode): the Web API (SLACK_API_URL),
 * response_url posts and file uploads, intercepted with nock and recorded. Inbound traffic on loopback stays
 * real.
 */
import nock from 'nock';

export const API = 'http://slack.test';
export const HOOKS = 'http://hooks.slack.test';
/** Where files.getUploadURLExternal tells the client to upload file bytes. */
export const FILES = 'http://files.slack.test';

/** Display names Slack's users.info gives; U_MIA is a manager and U_VIC a viewer by settings. */
export const NAMES: Record<string, string> = { UANN: 'Ann', UBOB: 'Bob', UMIA: 'Mia', UVIC: 'Vic' };
for (let i = 0; i < 60; i++) NAMES[`UC${i}`] = `Collector ${i}`;
NAMES.UTAI = 'Tai';
NAMES.USHA = 'Sha';
/** Slack languages of some people, given (as by Slack) only when users.info is asked with include_locale. */
export const SLACK_LOCALES: Record<string, string> = { UTAI: 'zh-TW', USHA: 'zh-CN' };

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

/** What Slack's side recorded, and how to forget it. */
export interface SlackRecord {
  api: ApiCall[];
  responses: ResponsePost[];
  /** File bytes uploaded to the upload URLs (path and size). */
  uploads: { path: string; bytes: number }[];
  calls(method: string): Record<string, unknown>[];
  /** Answers Web API calls with `answer` where it returns a body (Slack's errors); reset() forgets it. */
  answerWith(answer: ApiOverride): void;
  reset(): void;
  /** Removes the interceptors and lets the network through again. */
  stop(): void;
}

/** A Web API answer for a method the default answers do not know (apps.connections.open in Socket Mode). */
export type ApiOverride = (
  method: string,
  args: Record<string, unknown>,
) => Record<string, unknown> | undefined;

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
        ? {
            ok: true,
            user: {
              id,
              name: id.toLowerCase(),
              profile: { display_name: NAMES[id] },
              ...(args.include_locale === true || args.include_locale === 'true'
                ? { locale: SLACK_LOCALES[id] ?? 'en-US' }
                : {}),
            },
          }
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

/** Intercepts the Web API, response URLs and uploads; only loopback connections stay real. */
export function interceptSlack(override?: ApiOverride): SlackRecord {
  const api: ApiCall[] = [];
  const responses: ResponsePost[] = [];
  const uploads: { path: string; bytes: number }[] = [];
  let answer: ApiOverride | null = null;
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
      return [200, answer?.(method, args) ?? override?.(method, args) ?? apiReply(method, args)];
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
  return {
    api,
    responses,
    uploads,
    calls: (method) => api.filter((c) => c.method === method).map((c) => c.args),
    answerWith(fn) {
      answer = fn;
    },
    reset() {
      answer = null;
      api.length = 0;
      responses.length = 0;
      uploads.length = 0;
    },
    stop() {
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}
