import type { SocketModeReceiver } from '@slack/bolt';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp } from '../../adapters/slack/app.ts';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { Database } from '../../src/db.ts';
import { createLogger } from '../../src/log.ts';
import { backends, openTestDatabase } from '../support/databases.ts';

const API = 'http://slack-socket.test';
const HOOKS = 'http://hooks.slack-socket.test';

const command = (user: unknown, n: number) => ({
  token: 'legacy',
  team_id: 'T1',
  channel_id: 'CWORK',
  user_id: user,
  user_name: 'ann',
  command: '/overdue',
  text: '',
  api_app_id: 'A1',
  response_url: `${HOOKS}/commands/${n}`,
  trigger_id: `trigger-${n}`,
});

/**
 * Socket Mode envelopes as the socket client hands them to Bolt's receiver ('slack_event'): the same shape
 * checks as over HTTP, a malformed one acknowledged (so Slack does not redeliver it) and dropped.
 */
describe.each(backends())('Socket Mode envelopes on %s', (kind) => {
  let db: Database;
  let receiver: SocketModeReceiver;
  const answered: string[] = [];
  const users = async () => Number((await db.knex('users').count({ n: '*' }).first())?.n ?? 0);

  /** Emits one envelope; resolves with whether it was acknowledged within 3 s. */
  const deliver = (body: unknown) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 3000);
      receiver.client.emit('slack_event', {
        ack: async () => {
          clearTimeout(timer);
          resolve(true);
        },
        envelope_id: 'e1',
        type: 'slash_commands',
        body,
      });
    });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    nock.disableNetConnect();
    nock(API)
      .persist()
      .post(/^\/api\/.+/)
      .reply(200, { ok: true, user: { id: 'UANN', name: 'ann', profile: { display_name: 'Ann' } } });
    nock(HOOKS)
      .persist()
      .post(/.*/)
      .reply((uri) => {
        answered.push(uri);
        return [200, 'ok'];
      });
    const { app } = createSlackApp({
      ctx: {
        db: db.knex,
        clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
        policy: defaultPolicy,
        pageSize: 10,
      },
      config: {
        botToken: 'xoxb-test',
        signingSecret: undefined,
        appToken: 'xapp-test',
        apiUrl: `${API}/api/`,
        port: 0,
        channel: undefined,
        managers: [],
        viewers: [],
      },
      log: createLogger({ level: 'silent' }),
      botId: 'BBOT',
      botUserId: 'UBOT',
      apiRetries: 0,
    });
    // NOTE: the receiver is Bolt's private member; the socket itself is never opened here.
    receiver = (app as unknown as { receiver: SocketModeReceiver }).receiver;
  });
  afterAll(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await db?.close();
  });

  it.each([
    { what: 'a null body', body: null },
    { what: 'an array', body: [] },
    { what: 'a command by a user id of 5,000 characters', body: command('U'.repeat(5000), 1) },
    { what: 'a command by two user ids', body: command(['UANN', 'UBOB'], 2) },
    { what: 'an interaction of an unknown type', body: { type: 'nonsense', user: { id: 'UANN' } } },
  ])('acknowledges and drops $what, storing nothing', async ({ body }) => {
    const before = await users();
    answered.length = 0;
    expect(await deliver(body)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await users()).toBe(before);
    expect(answered).toEqual([]);
  });

  it('passes a well-formed command on to /overdue', async () => {
    answered.length = 0;
    expect(await deliver(command('UANN', 9))).toBe(true);
    for (let i = 0; i < 50 && answered.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(answered).toEqual(['/commands/9']);
  });
});
