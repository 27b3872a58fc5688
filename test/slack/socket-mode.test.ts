import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeRef } from '../../src/views/action-ref.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { ACK_DEADLINE_MS } from '../support/socket-mode-server.ts';
import { seedSlackAccounts } from './support/accounts.ts';
import { slashFields, type SubmittedView } from './support/payloads.ts';
import { channelSaw, clickerSaw } from './support/seen.ts';
import { type SocketHarness, startSocketHarness } from './support/socket-harness.ts';

type Json = Record<string, unknown>;
type View = { private_metadata: string };

/** A slash command's fields as Socket Mode delivers them (an object, not a form), with one field bent. */
const command = (n: number, bend: Record<string, unknown> = {}) => ({
  ...Object.fromEntries(slashFields('', 'UANN', 'CWORK', 9000 + n)),
  ...bend,
});

/** Issue 15: Socket Mode is a transport like HTTP, over a real WebSocket from a local Socket Mode server. */
describe.each(backends())('Slack over Socket Mode on %s', (kind) => {
  let db: Database;
  let slack: SocketHarness;
  let ids: { north: number; dual: number };
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  const version = async (id: number) =>
    Number((await db.knex('account_state').where({ customer_id: id }).first('version'))?.version ?? 0);
  const count = async (table: string, where: Json) =>
    Number((await db.knex(table).where(where).count({ n: '*' }))[0]?.n ?? 0);
  const ownerOf = async (id: number) =>
    (
      await db
        .knex('claims')
        .join('users', 'users.id', 'claims.user_id')
        .where({ customer_id: id })
        .whereNull('released_at')
        .select('platform_user_id')
    ).map((r) => String(r.platform_user_id));
  const ref = async (action: 'claim' | 'release' | 'log', accountId: number) =>
    encodeRef({ v: 1, action, accountId, stateVersion: await version(accountId) });
  const health = async () => {
    const res = await slack.health();
    return { status: res.status, body: (await res.json()) as Json & { socket: Json } };
  };

  /** Clicks Log call on the account's card and fills in the modal it opened. */
  async function logCall(accountId: number, id: string): Promise<SubmittedView> {
    await slack.click(await ref('log', accountId), 'UANN', { opensForm: true });
    const view = slack.calls('views.update').at(-1)?.view as View;
    expect(view?.private_metadata).toBeTruthy();
    return {
      private_metadata: view.private_metadata,
      id,
      hash: `1764000000.${id}`,
      state: {
        values: {
          channel: { channel: { selected_option: { value: 'call' } } },
          result: { result: { selected_option: { value: 'reached' } } },
          notes: { notes: { value: `Spoke to AP (${id})` } },
        },
      },
    };
  }

  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    db = await openTestDatabase(kind);
    ids = await seedSlackAccounts(db);
    slack = await startSocketHarness(db);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await slack?.close();
    await db?.close();
  });
  beforeEach(() => slack.reset());
  afterEach(() => {
    expect(slack.server.strayAcks).toEqual([]);
    expect(rejections).toEqual([]);
  });

  it('connects through apps.connections.open and hello, and /healthz says the socket is up', async () => {
    expect(slack.server.opened).toBe(1);
    expect(slack.server.connections).toBe(1);
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.socket).toMatchObject({ connected: true, reconnects: 0 });
    expect(Date.parse(String(body.socket.since))).not.toBeNaN();
  });

  it("answers /overdue privately; the envelope is acknowledged with its envelope_id within Slack's 3 s", async () => {
    const { envelopeId, ack } = await slack.slash('');
    expect(ack.envelopeId).toBe(envelopeId);
    expect(ack.attempt).toBe(1);
    expect(ack.latencyMs).toBeLessThan(ACK_DEADLINE_MS);
    expect(slack.responses).toHaveLength(1);
    expect(slack.responses[0]?.body.response_type).toBe('ephemeral');
    expect(clickerSaw(slack).join()).toContain('Northwind Traders Ltd');
    expect(channelSaw(slack)).toEqual([]);
  });

  it('claims an account from a card click and redraws the card for everyone (PB-25)', async () => {
    const { envelopeId, ack } = await slack.click(await ref('claim', ids.north));
    expect(ack.envelopeId).toBe(envelopeId);
    expect(ack.latencyMs).toBeLessThan(ACK_DEADLINE_MS);
    expect(await ownerOf(ids.north)).toEqual(['UANN']);
    const [card] = channelSaw(slack);
    expect(card).toContain('claimed by Ann');
    expect(card).toContain('"replace_original":true');
  });

  it('stores a Log call submitted in the modal, closes the modal and posts the outcome in the thread', async () => {
    const before = await count('activities', { customer_id: ids.dual, kind: 'outcome' });
    const view = await logCall(ids.dual, 'VSOCKLOG');
    slack.reset();
    const { ack } = await slack.submit(view);
    expect(ack.payload).toEqual({}); // an empty answer closes the modal
    expect(await count('activities', { customer_id: ids.dual, kind: 'outcome' })).toBe(before + 1);
    expect(channelSaw(slack).join()).toContain('Spoke to AP (VSOCKLOG)');
  });

  it('claims once when the acknowledgement of a click is lost and Slack delivers it again', async () => {
    const opened = slack.server.opened;
    const before = await count('activities', { customer_id: ids.dual, kind: 'claimed' });
    const { envelopeId, ack } = await slack.click(await ref('claim', ids.dual), 'UBOB', { loseAck: true });
    expect(slack.server.attempts(envelopeId)).toBe(2);
    expect(ack).toMatchObject({ envelopeId, attempt: 2 });
    expect(slack.server.opened).toBe(opened + 1); // the client asked for a new URL after the drop
    expect(await ownerOf(ids.dual)).toEqual(['UBOB']);
    expect(await count('activities', { customer_id: ids.dual, kind: 'claimed' })).toBe(before + 1);
    expect(channelSaw(slack)).toHaveLength(1);
  });

  it('shares /overdue post in the channel once when Slack delivers the command again', async () => {
    const { envelopeId } = await slack.slash('post', 'UANN', 'CWORK', { loseAck: true });
    expect(slack.server.attempts(envelopeId)).toBe(2);
    expect(slack.responses.filter((r) => r.body.response_type === 'in_channel')).toHaveLength(1);
  });

  it('stores a Log call once when its submission is delivered again after the socket dropped', async () => {
    const before = await count('activities', { customer_id: ids.north, kind: 'outcome' });
    const view = await logCall(ids.north, 'VSOCKAGAIN');
    slack.reset();
    const { envelopeId, ack } = await slack.submit(view, 'UANN', { loseAck: true });
    expect(slack.server.attempts(envelopeId)).toBe(2);
    expect(JSON.stringify(ack.payload)).toContain('already submitted and recorded');
    expect(await count('activities', { customer_id: ids.north, kind: 'outcome' })).toBe(before + 1);
    expect(channelSaw(slack).filter((s) => s.includes('Spoke to AP (VSOCKAGAIN)'))).toHaveLength(1);
  });

  it.each(['refresh_requested', 'warning'] as const)(
    'reconnects after a disconnect message (%s); an envelope sent meanwhile takes effect once',
    async (reason) => {
      const opened = slack.server.opened;
      const connections = slack.server.connections;
      const account = reason === 'warning' ? ids.north : ids.dual;
      await slack.click(await ref('release', account), (await ownerOf(account))[0]);
      expect(await ownerOf(account)).toEqual([]);
      const before = await count('activities', { customer_id: account, kind: 'claimed' });
      const claim = await ref('claim', account);
      slack.server.disconnect(reason);
      // Sent right behind the disconnect: it reaches a client that is closing, and is delivered again.
      const { envelopeId, ack } = await slack.click(claim, 'UMIA');
      expect(ack.envelopeId).toBe(envelopeId);
      expect(slack.server.attempts(envelopeId)).toBe(2);
      expect(slack.server.connections).toBe(connections + 1);
      expect(slack.server.opened).toBe(opened + 1);
      expect(await ownerOf(account)).toEqual(['UMIA']);
      expect(await count('activities', { customer_id: account, kind: 'claimed' })).toBe(before + 1);
      expect((await health()).body.socket).toMatchObject({ connected: true });
    },
  );

  it('reconnects after the socket is dropped and delivers a command that waited meanwhile', async () => {
    const connections = slack.server.connections;
    slack.server.drop();
    const { ack } = await slack.slash('mine');
    expect(ack.attempt).toBe(1);
    expect(slack.server.connections).toBe(connections + 1);
    expect(slack.responses).toHaveLength(1);
  });

  it('says on /healthz that the socket is down while it cannot reconnect, and healthy again once it has', async () => {
    const { reconnects } = slack.link.status();
    slack.server.refuseOpens(true);
    const opened = slack.server.opened;
    slack.server.drop();
    await slack.server.openedTimes(opened + 1); // a reconnect was tried and refused
    const down = await health();
    expect(down.status).toBe(200); // within the grace period
    expect(down.body.socket).toMatchObject({ connected: false });
    slack.server.refuseOpens(false);
    await slack.server.connected(slack.server.connections + 1);
    const up = await health();
    expect(up.body.socket).toMatchObject({ connected: true, reconnects: reconnects + 1 });
    expect(Date.parse(String(up.body.socket.since))).toBeGreaterThan(
      Date.parse(String(down.body.socket.since)),
    );
  });

  it.each([
    { what: 'a null payload', payload: null },
    { what: 'an array', payload: [] },
    {
      what: 'a command by a user id of 5,000 characters',
      payload: command(1, { user_id: 'U'.repeat(5000) }),
    },
    { what: 'a command by two user ids', payload: command(2, { user_id: ['UANN', 'UBOB'] }) },
    { what: 'an interaction of an unknown type', payload: { type: 'nonsense', user: { id: 'UANN' } } },
  ])('acknowledges and drops $what, storing nothing and answering nothing', async ({ payload }) => {
    const users = await count('users', {});
    const { ack } = await slack.deliver(
      payload !== null && 'command' in (payload as object) ? 'slash_commands' : 'interactive',
      payload,
    );
    expect(ack.payload).toEqual({});
    expect(await count('users', {})).toBe(users);
    expect(slack.responses).toEqual([]);
  });

  it('stays up through malformed messages on the socket and handles the next envelope', async () => {
    const connections = slack.server.connections;
    for (const text of [
      'not json',
      'null',
      '[1,2]',
      '{"type":"events_api","envelope_id":"no-payload"}',
      '{"type":"events_api","envelope_id":"no-event","payload":{"type":"event_callback"}}',
      '{"type":"slash_commands"}',
      `{"type":"interactive","envelope_id":"${'e'.repeat(500)}","payload":{}}`,
    ])
      slack.server.sendRaw(text);
    await Promise.all([slack.settled('no-payload'), slack.settled('no-event')]);
    const { ack } = await slack.slash('');
    // Acknowledged (so Slack does not deliver them again), before the command that followed them.
    expect(slack.server.otherAcks).toEqual(['no-payload', 'no-event']);
    expect(ack.attempt).toBe(1);
    expect(slack.responses).toHaveLength(1);
    expect(slack.server.connections).toBe(connections);
  });
});

/** Past its grace period a lost socket makes /healthz answer 503 (a 0 s grace here). */
describe('Slack Socket Mode health past the grace period', () => {
  let db: Database;
  let slack: SocketHarness;

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    slack = await startSocketHarness(db, { graceMs: 0 });
  });
  afterAll(async () => {
    await slack?.close();
    await db?.close();
  });

  it('answers 503 while the socket is down and 200 once it is back', async () => {
    slack.server.refuseOpens(true);
    const opened = slack.server.opened;
    slack.server.drop();
    await slack.server.openedTimes(opened + 1);
    const down = await slack.health();
    expect(down.status).toBe(503);
    const body = (await down.json()) as Json;
    expect(body).toMatchObject({ ok: false, database: 'ok', socket: { connected: false } });
    expect(String(body.reason)).toMatch(/Socket Mode connection to Slack has been down since/);
    slack.server.refuseOpens(false);
    await slack.server.connected(2);
    expect((await slack.health()).status).toBe(200);
  });
});
