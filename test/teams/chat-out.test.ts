import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTeamsChatOut } from '../../adapters/teams/chat-out.ts';
import type { Database } from '../../src/db.ts';
import { type ChatOut, ChatOutError } from '../../src/outbox/chat-out.ts';
import type { Message } from '../../src/views/model.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { botAdded, message } from './support/activities.ts';
import { cardProblems, cardsOf } from './support/card-check.ts';
import { CHANNEL, type Harness, PEOPLE, startHarness } from './support/harness.ts';

const digest: Message = {
  blocks: [
    { type: 'header', text: 'Overdue digest for 2026-11-22' },
    { type: 'text', text: '*3 accounts* need a call today', tone: 'danger' },
  ],
};
const flat = (value: unknown) => JSON.stringify(value);

describe.each(backends())('Teams ChatOut through the connector on %s', (kind) => {
  let db: Database;
  let teams: Harness;
  let out: ChatOut;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    teams = await startHarness(db);
    out = createTeamsChatOut({ db: db.knex, proactive: teams.app.proactive });
  });
  afterAll(async () => {
    await teams?.close();
    await db?.close();
  });
  beforeEach(() => teams.reset());

  it('has nowhere to post before the bot was added anywhere, and says so permanently', async () => {
    expect(await out.canDeliver({ kind: 'channel', role: 'digest' })).toBe(false);
    const error = await out
      .post({ kind: 'channel', role: 'digest' }, digest, { key: 'k0' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatOutError);
    expect((error as ChatOutError).options.permanent).toBe(true);
    expect(teams.calls).toEqual([]);
  });

  it('posts the digest into the stored channel reference and edits it in place', async () => {
    await teams.post(botAdded({ in: 'channel' }));
    teams.reset();
    expect(await out.canDeliver({ kind: 'channel', role: 'digest' })).toBe(true);
    const ref = await out.post({ kind: 'channel', role: 'digest' }, digest, { key: 'digest:2026-11-22' });
    expect(teams.calls).toHaveLength(1);
    expect(teams.calls[0]?.path).toBe(`/v3/conversations/${CHANNEL}/activities`);
    expect(teams.calls[0]?.authorization).toBe('Bearer bot-access-token');
    expect(cardProblems(cardsOf(teams.calls[0]?.body)[0])).toEqual([]);
    expect(flat(teams.calls[0]?.body)).toContain('**3 accounts**');
    expect(ref).toMatchObject({ platform: 'teams', channel: CHANNEL });

    await out.update(ref, { blocks: [{ type: 'header', text: 'Overdue digest (updated)' }] });
    const put = teams.calls[1];
    expect(put?.method).toBe('PUT');
    expect(put?.path).toBe(`/v3/conversations/${CHANNEL}/activities/${ref.id}`);
    expect(flat(put?.body)).toContain('Overdue digest (updated)');

    expect(
      await out.find({ kind: 'channel', role: 'digest' }, 'digest:2026-11-22', new Date(Date.now() - 60_000)),
    ).toEqual(ref);
    expect(await out.find({ kind: 'channel', role: 'digest' }, 'never-posted', new Date(0))).toBeNull();
  });

  it('starts the monthly meeting thread as a new channel conversation and replies under it', async () => {
    const root = await out.post(
      { kind: 'channel', role: 'meeting' },
      { blocks: [{ type: 'header', text: 'Credit meeting, December' }] },
      { key: 'meeting:2026-12' },
    );
    const created = teams.calls[0];
    expect(created?.path).toBe('/v3/conversations');
    expect(created?.body).toMatchObject({ isGroup: true, channelData: { channel: { id: CHANNEL } } });
    expect(cardProblems(cardsOf(created?.body.activity)[0])).toEqual([]);
    expect(root.channel).toBe(CHANNEL);

    await out.post(
      { kind: 'channel', role: 'meeting' },
      { blocks: [{ type: 'text', text: 'Northwind: payment plan agreed' }] },
      { key: 'meeting:2026-12:1', thread: root },
    );
    expect(teams.calls[1]?.path).toBe(`/v3/conversations/${CHANNEL};messageid=${root.id}/activities`);
    expect(flat(teams.calls[1]?.body)).toContain('payment plan agreed');
  });

  it('sends a private notice to the person’s 1:1 chat with the bot', async () => {
    await teams.post(message('overdue', 'bob'));
    teams.reset();
    const bob = await db
      .knex('users')
      .where({ platform: 'teams', platform_user_id: PEOPLE.bob.aadObjectId })
      .first('id');
    const to = { kind: 'user' as const, userId: Number(bob?.id) };
    expect(await out.canDeliver(to)).toBe(true);
    await out.post(to, { blocks: [{ type: 'text', text: 'A promise is due today' }] }, { key: 'notice:1' });
    expect(teams.calls[0]?.path).toBe('/v3/conversations/a:chat-bob/activities');
    expect(await out.canDeliver({ kind: 'user', userId: 987_654 })).toBe(false);
  });

  it('reports throttling with Retry-After, and refusals as permanent', async () => {
    // The connector client itself waits out Retry-After three times; the fourth 429 reaches the outbox.
    for (let i = 0; i < 4; i++) teams.failNext({ status: 429, headers: { 'Retry-After': '1' } });
    const throttled = await out
      .post({ kind: 'channel', role: 'alerts' }, digest, { key: 'alert:1' })
      .catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(ChatOutError);
    expect((throttled as ChatOutError).options.retryAfterMs).toBe(1000);
    teams.failNext({ status: 403 });
    const refused = await out
      .post({ kind: 'channel', role: 'alerts' }, digest, { key: 'alert:2' })
      .catch((e: unknown) => e);
    expect((refused as ChatOutError).options.permanent).toBe(true);
    expect(await out.find({ kind: 'channel', role: 'alerts' }, 'alert:1', new Date(0))).toBeNull();
  });
});
