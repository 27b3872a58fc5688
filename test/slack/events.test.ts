import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeRef } from '../../src/views/action-ref.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedSlackAccounts } from './support/accounts.ts';
import { type Harness, startHarness } from './support/harness.ts';
import { slackProblems } from './support/limits-check.ts';

type Json = Record<string, unknown>;

describe.each(backends())('Slack events on %s', (kind) => {
  let db: Database;
  let slack: Harness;
  let ids: { north: number; dual: number };
  const parentTs = '1764000000.999999';

  const version = async (id: number) =>
    Number((await db.knex('account_state').where({ customer_id: id }).first('version'))?.version ?? 0);
  const notes = () => db.knex('activities').where({ customer_id: ids.north, kind: 'note' }).orderBy('id');
  const reply = (user: string, text: string, ts: string) => ({
    type: 'message',
    channel: 'CWORK',
    user,
    text,
    ts,
    thread_ts: parentTs,
  });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ids = await seedSlackAccounts(db);
    await db
      .knex('account_threads')
      .insert({ platform: 'slack', customer_id: ids.north, channel: 'CWORK', thread_ref: parentTs });
    slack = await startHarness(db);
  });
  afterAll(async () => {
    await slack?.close();
    await db?.close();
  });
  beforeEach(() => slack.reset());

  it('saves a staff reply in the account thread as a note and confirms it with a reaction', async () => {
    const res = await slack.event(
      reply('UBOB', 'Called <@UANN|ann>: they pay Friday &amp; want a copy', '1764000100.000001'),
      'Ev1',
    );
    expect(res.status).toBe(200);
    const saved = await notes();
    expect(saved).toHaveLength(1);
    expect(saved[0]?.details).toMatchObject({
      channel: 'note',
      notes: 'Called @ann: they pay Friday & want a copy',
    });
    expect(slack.calls('reactions.add')).toEqual([
      expect.objectContaining({ channel: 'CWORK', timestamp: '1764000100.000001', name: 'memo' }),
    ]);
  });

  it('applies a retried delivery of the same event once', async () => {
    const event = reply('UBOB', 'Left a voicemail', '1764000200.000001');
    await slack.event(event, 'Ev2');
    await slack.event(event, 'Ev2', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    await slack.event(event, 'Ev2', { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' });
    const saved = (await notes()).filter((n) => (n.details as Json).notes === 'Left a voicemail');
    expect(saved).toHaveLength(1);
    expect(slack.calls('reactions.add')).toHaveLength(1);
  });

  it('ignores the parent message, bot messages and threads that belong to no account', async () => {
    const before = (await notes()).length;
    await slack.event(
      { type: 'message', channel: 'CWORK', user: 'UBOB', text: 'parent', ts: parentTs, thread_ts: parentTs },
      'Ev3',
    );
    await slack.event({ ...reply('UBOB', 'from a bot', '1764000300.000001'), bot_id: 'BOTHER' }, 'Ev4');
    await slack.event({ ...reply('UBOB', 'elsewhere', '1764000300.000002'), thread_ts: '1.1' }, 'Ev5');
    await slack.event({ ...reply('UBOB', 'edited', '1764000300.000003'), subtype: 'message_changed' }, 'Ev6');
    expect((await notes()).length).toBe(before);
    expect(slack.calls('reactions.add')).toEqual([]);
  });

  it('tells a viewer privately that the note was not saved', async () => {
    const before = (await notes()).length;
    await slack.event(reply('UVIC', 'I think they paid', '1764000400.000001'), 'Ev7');
    expect((await notes()).length).toBe(before);
    const [answer] = slack.calls('chat.postEphemeral');
    expect(answer).toMatchObject({ channel: 'CWORK', user: 'UVIC', thread_ts: parentTs });
    expect(JSON.stringify(answer?.blocks)).toMatch(/not saved: Adding a note needs/);
  });

  it('draws App Home with the accounts the person owns, and redraws it after a click there', async () => {
    await slack.click(
      encodeRef({ v: 1, action: 'claim', accountId: ids.dual, stateVersion: await version(ids.dual) }),
      'UANN',
    );
    slack.reset();
    await slack.event(
      { type: 'app_home_opened', user: 'UANN', channel: 'DANN', tab: 'home', event_ts: '1' },
      'Ev8',
    );
    const [published] = slack.calls('views.publish');
    expect(published?.user_id).toBe('UANN');
    const view = published?.view as Json;
    expect(view.type).toBe('home');
    expect(slackProblems('home', view)).toEqual([]);
    expect(JSON.stringify(view.blocks)).toContain('Dual Currency Co');
    expect(JSON.stringify(view.blocks)).not.toContain('Northwind');

    slack.reset();
    const release = encodeRef({
      v: 1,
      action: 'release',
      accountId: ids.dual,
      stateVersion: await version(ids.dual),
    });
    await slack.click(release, 'UANN', { fromHome: true, overflow: true });
    expect(slack.responses).toEqual([]);
    const [again] = slack.calls('views.publish');
    expect(JSON.stringify(again?.view)).toContain('You own no accounts yet');
  });

  it('answers GET /healthz with the database state and the last sync time', async () => {
    await db
      .knex('sync_state')
      .insert({ source: 'demo', last_incremental_at: new Date('2026-11-22T01:00:00Z') });
    const res = await fetch(`${slack.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: true,
      database: 'ok',
      lastSync: '2026-11-22T01:00:00.000Z',
      ledger: { lastRead: '2026-11-22T01:00:00.000Z', stale: false, error: null },
    });
  });
});
