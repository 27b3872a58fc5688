/**
 * A real Teams server (express + botbuilder's CloudAdapter) on a loopback port, driven by activities carrying
 * JWTs signed by a test key. nock serves the Bot Framework OpenID metadata and keys that botbuilder's own
 * validation fetches, the Entra token endpoint for the bot's outgoing calls, and the connector (serviceUrl),
 * whose calls are recorded.
 */
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import nock from 'nock';
import { createTeamsApp, type TeamsApp } from '../../../adapters/teams/app.ts';
import { serveTeams } from '../../../adapters/teams/start.ts';
import { createFixedClock } from '../../../src/clock.ts';
import { defaultPolicy } from '../../../src/collections/account.ts';
import type { DispatchContext } from '../../../src/commands/dispatch.ts';
import type { TeamsConfig } from '../../../src/config.ts';
import type { Database } from '../../../src/db.ts';
import { createLogger } from '../../../src/log.ts';

export const APP_ID = '6f1c2a3b-0000-4000-8000-00000000a001';
export const TENANT = '72f988bf-0000-4000-8000-0000000000aa';
export const SERVICE_URL = 'https://smba.test/amer/';
export const BOT = { id: `28:${APP_ID}`, name: 'duebot' };
export const CHANNEL = '19:general@thread.tacv2';
export const TEAM = '19:team@thread.tacv2';

/** People on Teams: Teams user id, name and Entra object id. */
export const PEOPLE = {
  ann: { id: '29:ann', name: 'Ann', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001' },
  bob: { id: '29:bob', name: 'Bob', aadObjectId: 'bbbbbbbb-0000-4000-8000-000000000002' },
  mia: { id: '29:mia', name: 'Mia', aadObjectId: 'cccccccc-0000-4000-8000-000000000003' },
  vic: { id: '29:vic', name: 'Vic', aadObjectId: 'dddddddd-0000-4000-8000-000000000004' },
};
export type Person = keyof typeof PEOPLE;

/** One recorded connector call. */
export interface ConnectorCall {
  method: string;
  /** Decoded path below the serviceUrl, e.g. `/v3/conversations/a:1/activities/m1`. */
  path: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
}

export interface TokenOptions {
  key?: 'right' | 'other';
  expiresIn?: number;
  audience?: string;
  issuer?: string;
  serviceUrl?: string;
}

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let keys: { privateKey: PrivateKey; other: PrivateKey; jwk: JWK } | null = null;

async function testKeys() {
  if (!keys) {
    const right = await generateKeyPair('RS256');
    const other = await generateKeyPair('RS256');
    keys = { privateKey: right.privateKey, other: other.privateKey, jwk: await exportJWK(right.publicKey) };
  }
  return keys;
}

/** A Bot Framework channel token as Azure Bot Service signs it (issuer, audience = app id, serviceurl). */
export async function channelToken(options: TokenOptions = {}): Promise<string> {
  const k = await testKeys();
  const now = Math.floor(Date.now() / 1000);
  const exp = now + (options.expiresIn ?? 3600);
  return new SignJWT({ serviceurl: options.serviceUrl ?? SERVICE_URL })
    .setProtectedHeader({ alg: 'RS256', kid: 'duebot-test-key', typ: 'JWT' })
    .setIssuer(options.issuer ?? 'https://api.botframework.com')
    .setAudience(options.audience ?? APP_ID)
    .setIssuedAt(Math.min(now, exp - 60))
    .setNotBefore(Math.min(now, exp - 60))
    .setExpirationTime(exp)
    .sign(options.key === 'other' ? k.other : k.privateKey);
}

let sequence = 1000;
const next = () => String((sequence += 1));

/** A connector answer to give instead of success, once. */
export interface Failure {
  status: number;
  headers?: Record<string, string>;
}

/**
 * Microsoft's OpenID metadata and signing keys fail while `failure` is set: unreachable (a network error) or
 * an HTTP status, for both documents or only one.
 */
export const microsoftKeys: {
  failure: { status: 'unreachable' | number; document?: 'metadata' | 'keys' } | null;
} = { failure: null };

/** Intercepts Microsoft's endpoints; every connector call lands in `calls`, `failures` are answered first. */
export async function interceptMicrosoft(calls: ConnectorCall[], failures: Failure[] = []): Promise<void> {
  const k = await testKeys();
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost|192\.0\.2\.\d+)(:\d+)?$/);
  const keyEndpoint =
    (document: 'metadata' | 'keys', body: Record<string, unknown>) =>
    (
      _uri: string,
      _body: nock.Body,
      callback: (error: NodeJS.ErrnoException | null, result: nock.ReplyFnResult) => void,
    ) => {
      const failure = microsoftKeys.failure;
      if (failure?.document !== undefined && failure.document !== document) callback(null, [200, body]);
      else if (failure?.status === 'unreachable')
        callback(new Error('connect ECONNREFUSED (Microsoft unreachable)'), [0, '']);
      else if (failure) callback(null, [failure.status, 'Service Unavailable']);
      else callback(null, [200, body]);
    };
  nock('https://login.botframework.com')
    .persist()
    .get('/v1/.well-known/openidconfiguration')
    .reply(
      keyEndpoint('metadata', {
        issuer: 'https://api.botframework.com',
        jwks_uri: 'https://login.botframework.com/v1/.well-known/keys',
      }),
    )
    .get('/v1/.well-known/keys')
    .reply(
      keyEndpoint('keys', {
        keys: [{ ...k.jwk, kid: 'duebot-test-key', use: 'sig', endorsements: ['msteams', 'emulator'] }],
      }),
    );
  nock('https://login.microsoftonline.com')
    .persist()
    .post(/\/oauth2\/v2\.0\/token/)
    .reply(200, {
      token_type: 'Bearer',
      expires_in: 3600,
      ext_expires_in: 3600,
      access_token: 'bot-access-token',
    });
  const record = (method: string) =>
    function (this: nock.ReplyFnContext, uri: string, body: nock.Body): nock.ReplyFnResult {
      const path = decodeURIComponent(uri.replace(/^\/amer/, ''));
      const auth = this.req.headers.authorization;
      calls.push({
        method,
        path,
        body: (typeof body === 'string' && body ? JSON.parse(body) : body) as Record<string, unknown>,
        authorization: Array.isArray(auth) ? auth[0] : auth,
      });
      const failure = failures.shift();
      if (failure)
        return [failure.status, { error: { code: `status ${failure.status}` } }, failure.headers ?? {}];
      if (method === 'POST' && path === '/v3/conversations') {
        const id = next();
        return [
          200,
          {
            id: `${(body as { channelData?: { channel?: { id?: string } } }).channelData?.channel?.id};messageid=${id}`,
            activityId: id,
          },
        ];
      }
      return [200, { id: method === 'PUT' ? path.split('/').pop() : next() }];
    };
  nock('https://smba.test').persist().post(/.*/).reply(record('POST')).put(/.*/).reply(record('PUT'));
}

export interface Harness {
  url: string;
  app: TeamsApp;
  calls: ConnectorCall[];
  reset(): void;
  /** The next connector call is answered with this status (and headers) instead. */
  failNext(failure: Failure): void;
  /** POSTs an activity to /api/messages with `Authorization: Bearer <token>` (null: no header). */
  post(activity: Record<string, unknown>, token?: string | null): Promise<Response>;
  close(): Promise<void>;
}

/** The server with MicrosoftAppId set (real token validation), over `db`. */
export async function startHarness(
  db: Database,
  overrides: Partial<TeamsConfig> = {},
  host = '127.0.0.1',
  /** Replaces parts of the dispatcher's context (letter settings, a clock the test moves). */
  ctx: Partial<DispatchContext> = {},
): Promise<Harness> {
  const calls: ConnectorCall[] = [];
  const failures: Failure[] = [];
  await interceptMicrosoft(calls, failures);
  const config: TeamsConfig = {
    appId: APP_ID,
    appPassword: 'test-secret',
    appType: 'SingleTenant',
    tenantId: TENANT,
    port: 0,
    channel: undefined,
    managers: [PEOPLE.mia.aadObjectId],
    viewers: [],
    ...overrides,
  };
  const dispatch: DispatchContext = {
    db: db.knex,
    clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
    policy: defaultPolicy,
    pageSize: 10,
    ...ctx,
  };
  const app = createTeamsApp({ ctx: dispatch, config, log: createLogger({ level: 'silent' }) });
  const server = await serveTeams(app, dispatch, { port: 0, host });
  const url = `http://127.0.0.1:${server.port}`;
  return {
    url,
    app,
    calls,
    reset: () => {
      calls.length = 0;
      failures.length = 0;
    },
    failNext: (failure) => {
      failures.push(failure);
    },
    async post(activity, token) {
      const t = token === undefined ? await channelToken() : token;
      return fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(t ? { authorization: `Bearer ${t}` } : {}) },
        body: JSON.stringify(activity),
      });
    },
    async close() {
      await server.stop();
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}
