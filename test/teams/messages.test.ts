import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { assessSeeded, seedAccount } from '../support/seed.ts';
import { botAdded, message } from './support/activities.ts';
import { cardProblems, cardsOf } from './support/card-check.ts';
import { CHANNEL, channelToken, type Harness, startHarness } from './support/harness.ts';

const flat = (value: unknown) => JSON.stringify(value);

describe.each(backends())('Teams messages over HTTP on %s', (kind) => {
  let db: Database;
  let teams: Harness;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedAccount(db.knex, {
      name: 'Northwind Traders Ltd',
      items: [{ number: 'N-1', dueDate: '2026-10-10', totalMinor: 8_600_000 }],
    });
    await seedAccount(db.knex, {
      name: 'Old Debts Co',
      items: [{ number: 'O-1', dueDate: '2026-08-01', totalMinor: 3_000_000 }],
    });
    await assessSeeded(db.knex);
    teams = await startHarness(db);
  });
  afterAll(async () => {
    await teams?.close();
    await db?.close();
  });
  beforeEach(() => teams.reset());

  it('answers `overdue` in a 1:1 chat with the worklist as a valid Adaptive Card, through the connector', async () => {
    const activity = message('overdue');
    const res = await teams.post(activity);
    expect(res.status).toBe(200);
    expect(teams.calls).toHaveLength(1);
    const call = teams.calls[0];
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe(`/v3/conversations/a:chat-ann/activities/${String(activity.id)}`);
    expect(call?.authorization).toBe('Bearer bot-access-token');
    const [card] = cardsOf(call?.body);
    expect(cardProblems(card)).toEqual([]);
    expect(flat(card)).toContain('Northwind Traders Ltd');
    expect(flat(card)).toContain('Old Debts Co');
    expect(String(call?.body.summary)).toContain('overdue account');
  });

  it('strips the @mention in a channel, applies the filter and answers in the same thread', async () => {
    const res = await teams.post(message('overdue 90+', 'bob', { in: 'channel', thread: '1700000000009' }));
    expect(res.status).toBe(200);
    const call = teams.calls[0];
    expect(call?.path).toMatch(
      new RegExp(`^/v3/conversations/${CHANNEL};messageid=1700000000009/activities/`),
    );
    const card = cardsOf(call?.body)[0];
    expect(cardProblems(card)).toEqual([]);
    expect(flat(card)).toContain('Old Debts Co');
    expect(flat(card)).not.toContain('Northwind');
  });

  it('explains the grammar on `help` and on text it does not understand', async () => {
    await teams.post(message('help'));
    await teams.post(message('what is up'));
    expect(teams.calls).toHaveLength(2);
    expect(flat(teams.calls[0]?.body)).toContain('overdue');
    expect(flat(teams.calls[1]?.body)).toContain('I did not understand \\"what is up\\"');
  });

  it('returns the replies in the HTTP response for deliveryMode expectReplies, calling no connector', async () => {
    const res = await teams.post({ ...message('overdue'), deliveryMode: 'expectReplies' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities: unknown[] };
    expect(body.activities).toHaveLength(1);
    expect(cardProblems(cardsOf(body.activities[0])[0])).toEqual([]);
    expect(teams.calls).toEqual([]);
  });

  it('refuses missing, forged, expired and misaddressed tokens with 401 and changes nothing', async () => {
    const before = await db.knex('teams_conversations').count({ n: '*' }).first();
    const attempts = [
      await teams.post(message('overdue'), null),
      await teams.post(message('overdue'), await channelToken({ key: 'other' })),
      await teams.post(message('overdue'), await channelToken({ expiresIn: -3600 })),
      await teams.post(
        message('overdue'),
        await channelToken({ audience: '00000000-0000-4000-8000-000000000bad' }),
      ),
      await teams.post(message('overdue'), await channelToken({ serviceUrl: 'https://evil.test/' })),
      await teams.post(message('overdue'), await channelToken({ issuer: 'https://evil.test' })),
      await teams.post(message('overdue'), 'not-a-jwt'),
    ];
    expect(attempts.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401, 401]);
    expect(teams.calls).toEqual([]);
    const after = await db.knex('teams_conversations').count({ n: '*' }).first();
    expect(Number(after?.n)).toBe(Number(before?.n));
  });

  it('stores the conversation reference and says hello when added to a team', async () => {
    await teams.post(botAdded({ in: 'channel', thread: '1700000000100' }));
    const row = await db.knex('teams_conversations').where({ conversation_id: CHANNEL }).first();
    expect(row?.conversation_type).toBe('channel');
    expect(row?.service_url).toBe('https://smba.test/amer/');
    expect(JSON.parse(String(row?.reference)).conversation.id).toBe(CHANNEL);
    expect(flat(teams.calls[0]?.body)).toContain('duebot');
  });

  it('answers GET /healthz on the Teams server', async () => {
    const res = await fetch(`${teams.url}/healthz`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { database: string }).database).toBe('ok');
  });
});
