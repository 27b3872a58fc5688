import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeRef } from '../../src/views/action-ref.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { assessSeeded, seedAccount } from '../support/seed.ts';
import { execute, message } from './support/activities.ts';
import { cardProblems, cardsOf } from './support/card-check.ts';
import { type Harness, PEOPLE, startHarness } from './support/harness.ts';

type Json = Record<string, unknown>;
const flat = (value: unknown) => JSON.stringify(value);

describe.each(backends())('Teams card actions (Action.Execute) on %s', (kind) => {
  let db: Database;
  let teams: Harness;
  const ids: Record<string, number> = {};

  const version = async (accountId: number) =>
    Number((await db.knex('account_state').where({ customer_id: accountId }).first('version'))?.version ?? 0);
  const claimRef = async (accountId: number) =>
    encodeRef({ v: 1, action: 'claim', accountId, stateVersion: await version(accountId) });
  const owners = (accountId: number) =>
    db
      .knex('claims')
      .join('users', 'users.id', 'claims.user_id')
      .where({ customer_id: accountId })
      .whereNull('released_at')
      .select('users.display_name');
  const claimedRows = (accountId: number) =>
    db.knex('activities').where({ customer_id: accountId, kind: 'claimed' });
  const invoke = async (activity: Json) => {
    const res = await teams.post(activity);
    expect(res.status).toBe(200);
    return (await res.json()) as { statusCode: number; type: string; value: unknown };
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    for (const [key, name] of [
      ['north', 'Northwind Traders Ltd'],
      ['twice', 'Double Click GmbH'],
      ['race', 'Race Condition AG'],
    ] as const) {
      ids[key] = (
        await seedAccount(db.knex, {
          name,
          items: [{ number: `${key}-1`, dueDate: '2026-10-01', totalMinor: 500_000 }],
        })
      ).accountId;
    }
    await assessSeeded(db.knex);
    teams = await startHarness(db);
  });
  afterAll(async () => {
    await teams?.close();
    await db?.close();
  });
  beforeEach(() => teams.reset());

  it('claims, answers with the redrawn card and updates the message for everyone; a second claimer is told who has it', async () => {
    const ref = await claimRef(ids.north ?? 0);
    const first = await invoke(execute(ref, 'ann', 'card-north'));
    expect(first.statusCode).toBe(200);
    expect(first.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardProblems(first.value)).toEqual([]);
    expect(flat(first.value)).toContain('claimed by Ann');
    expect(flat(first.value)).not.toContain('"title":"Claim"');
    const update = teams.calls.find((c) => c.method === 'PUT');
    expect(update?.path).toBe('/v3/conversations/a:chat-ann/activities/card-north');
    const shared = cardsOf(update?.body)[0];
    expect(cardProblems(shared)).toEqual([]);
    expect(flat(shared)).toContain('claimed by Ann');

    teams.reset();
    const second = await invoke(execute(ref, 'bob', 'card-north'));
    expect(second.statusCode).toBe(200);
    expect(second.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(flat(second.value)).toContain('out of date, so nothing was changed');
    expect(flat(second.value)).toContain('claimed by Ann');
    // Everyone else sees the current card, without the note meant for Bob.
    const refreshed = teams.calls.find((c) => c.method === 'PUT');
    expect(flat(refreshed?.body)).not.toContain('out of date');
    expect(await owners(ids.north ?? 0)).toEqual([{ display_name: 'Ann' }]);
  });

  it('applies a double Action.Execute once: one owner, one claim in the history', async () => {
    const ref = await claimRef(ids.twice ?? 0);
    const activity = execute(ref, 'ann', 'card-twice');
    const first = await invoke(activity);
    const again = await invoke({ ...activity }); // Teams' retry of the same invoke
    const click = await invoke(execute(ref, 'ann', 'card-twice')); // a second click on the same card
    for (const answer of [first, again, click]) {
      expect(answer.statusCode).toBe(200);
      expect(cardProblems(answer.value)).toEqual([]);
    }
    expect(await owners(ids.twice ?? 0)).toEqual([{ display_name: 'Ann' }]);
    expect(await claimedRows(ids.twice ?? 0)).toHaveLength(1);
  });

  it('gives one owner when two people claim at the same moment', async () => {
    const ref = await claimRef(ids.race ?? 0);
    const answers = await Promise.all([
      invoke(execute(ref, 'ann', 'r1')),
      invoke(execute(ref, 'bob', 'r2')),
      invoke(execute(ref, 'mia', 'r3')),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(await owners(ids.race ?? 0)).toHaveLength(1);
    expect(await claimedRows(ids.race ?? 0)).toHaveLength(1);
  });

  it('answers a click it cannot read with a 200 message, never an error', async () => {
    for (const ref of [
      'garbage',
      'd9:claim:a=1',
      encodeRef({ v: 1, action: 'claim', accountId: 999_999, stateVersion: 0 }),
    ]) {
      const answer = await invoke(execute(ref));
      expect(answer.statusCode).toBe(200);
      expect(answer.type).toBe('application/vnd.microsoft.activity.message');
      expect(typeof answer.value).toBe('string');
      expect(String(answer.value).length).toBeGreaterThan(10);
    }
    const missing = await teams.post({
      ...execute('x'),
      value: { action: { type: 'Action.Execute', verb: 'duebot', data: {} } },
    });
    const body = (await missing.json()) as Json;
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
  });

  it('pages the worklist in place with the pager buttons', async () => {
    const ref = encodeRef({ v: 1, action: 'page', page: 1, query: '' });
    const answer = await invoke(execute(ref));
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardProblems(answer.value)).toEqual([]);
    expect(flat(answer.value)).toContain('Overdue accounts on 2026-11-22');
  });

  it('handles the Action.Submit fallback of older clients as the same click, redrawing the card in place', async () => {
    await db
      .knex('claims')
      .where({ customer_id: ids.north ?? 0 })
      .update({ released_at: new Date() });
    const ref = encodeRef({ v: 1, action: 'open', accountId: ids.north ?? 0 });
    const res = await teams.post({ ...message(''), value: { ref }, replyToId: 'old-card' });
    expect(res.status).toBe(200);
    expect(teams.calls).toHaveLength(1);
    expect(cardProblems(cardsOf(teams.calls[0]?.body)[0])).toEqual([]);
    expect(flat(teams.calls[0]?.body)).toContain('Northwind Traders Ltd');
  });

  it('gives people the role TEAMS_MANAGERS names on first use', async () => {
    await teams.post(message('overdue', 'mia'));
    const mia = await db
      .knex('users')
      .where({ platform: 'teams', platform_user_id: PEOPLE.mia.aadObjectId })
      .first('role');
    expect(mia?.role).toBe('manager');
  });
});
