import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeRef } from '../../src/views/action-ref.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { assessSeeded, seedAccount, seedManyStaff } from '../support/seed.ts';
import { task } from './support/activities.ts';
import { cardProblems } from './support/card-check.ts';
import {
  BOT,
  type Harness,
  PEOPLE,
  type Person,
  SERVICE_URL,
  startHarness,
  TENANT,
} from './support/harness.ts';

type Json = Record<string, unknown>;
type SearchAnswer = { type: string; value: { results: { title: string; value: string }[] } };

/** Teams' `application/search` invoke, as a dynamic typeahead Input.ChoiceSet sends it. */
function searchInvoke(dataset: string, queryText: string, person: Person, top = 15): Json {
  return {
    type: 'invoke',
    name: 'application/search',
    id: `search-${queryText.length}-${person}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: PEOPLE[person],
    recipient: BOT,
    conversation: { id: `a:chat-${person}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    value: { queryText, queryOptions: { skip: 0, top }, dataset },
  };
}

/** Issue 15: Reassign can choose every staff member on Teams too (typeahead over all of them). */
describe.each(backends())('Teams Reassign over 150 staff on %s', (kind) => {
  let db: Database;
  let teams: Harness;
  let account = 0;
  let staff: number[] = [];
  let card: Json = {};
  let dataset = '';

  const search = async (queryText: string, person: Person = 'mia', top?: number) => {
    const res = await teams.post(searchInvoke(dataset, queryText, person, top));
    expect(res.status).toBe(200);
    const body = (await res.json()) as SearchAnswer;
    expect(body.type).toBe('application/vnd.microsoft.search.searchResponse');
    return body.value.results;
  };
  const owner = async () =>
    Number(
      (await db.knex('claims').where({ customer_id: account }).whereNull('released_at').first('user_id'))
        ?.user_id ?? 0,
    );

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    account = (
      await seedAccount(db.knex, {
        name: 'Northwind Traders Ltd',
        items: [{ number: 'N-1', dueDate: '2026-10-10', totalMinor: 8_600_000 }],
      })
    ).accountId;
    await assessSeeded(db.knex);
    staff = await seedManyStaff(db.knex, 150);
    teams = await startHarness(db);
    const res = await teams.post(
      task(
        'fetch',
        { ref: encodeRef({ v: 1, action: 'reassign', accountId: account }), msteams: { type: 'task/fetch' } },
        'mia',
      ),
    );
    const answer = (await res.json()) as { task: { value: { card: { content: Json } } } };
    card = answer.task.value.card.content;
    const choiceSet = (card.body as Json[]).find((n) => n.type === 'Input.ChoiceSet') ?? {};
    expect(choiceSet.style).toBe('filtered');
    expect((choiceSet.choices as unknown[]).length).toBeLessThanOrEqual(100);
    const query = choiceSet['choices.data'] as { type: string; dataset: string };
    expect(query.type).toBe('Data.Query');
    dataset = query.dataset;
  });
  afterAll(async () => {
    await teams?.close();
    await db?.close();
  });

  it('draws the dialog within Teams limits with a typeahead over every staff member', () => {
    expect(cardProblems(card)).toEqual([]);
  });

  it('offers the first names when the typeahead opens with nothing typed (an empty query)', async () => {
    expect(await search('')).toHaveLength(15);
    const res = await teams.post({ ...searchInvoke(dataset, '', 'mia'), value: { dataset } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as SearchAnswer).value.results.length).toBeGreaterThan(0);
  });

  it('finds the 150th staff member by name and reassigns the account to them', async () => {
    const results = await search('Staff 150');
    expect(results).toEqual([{ title: 'Staff 150', value: String(staff[149]) }]);
    expect(await search('Staff')).toHaveLength(15);
    expect(await search('Staff', 'mia', 500)).toHaveLength(100);
    const data = ((card.actions as Json[])[0]?.data ?? {}) as Json;
    const res = await teams.post(task('submit', { ...data, owner: results[0]?.value ?? '' }, 'mia'));
    expect(res.status).toBe(200);
    expect(await owner()).toBe(staff[149]);
  });

  it('finds nothing for a collector, an oversized query or a dataset that names no searchable form', async () => {
    expect(await search('Staff', 'ann')).toEqual([]);
    expect(await search('S'.repeat(5000))).toEqual([]);
    dataset = `owner ${encodeRef({ v: 1, action: 'log', accountId: account })}`;
    expect(await search('Staff')).toEqual([]);
  });
});
