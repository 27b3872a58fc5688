import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeRef } from '../../src/views/action-ref.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedManyStaff } from '../support/seed.ts';
import { seedSlackAccounts } from './support/accounts.ts';
import { type Harness, startHarness } from './support/harness.ts';
import { slackOptionsProblems, slackProblems } from './support/limits-check.ts';

type Json = Record<string, unknown>;
type Options = { options: { text: { text: string }; value: string }[] };

/** Issue 15: Reassign can choose every staff member, not only the first 100 (Slack's static_select limit). */
describe.each(backends())('Slack Reassign over 150 staff on %s', (kind) => {
  let db: Database;
  let slack: Harness;
  let account = 0;
  let staff: number[] = [];
  let metadata = '';

  const owner = async () =>
    Number(
      (await db.knex('claims').where({ customer_id: account }).whereNull('released_at').first('user_id'))
        ?.user_id ?? 0,
    );
  const suggest = async (value: string, user = 'UMIA') => {
    const res = await slack.suggest(metadata, 'owner', value, user);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Options;
    expect(slackOptionsProblems(body as unknown as Json)).toEqual([]);
    return body.options;
  };
  const submitOwner = (value: string) =>
    slack.submit(
      { private_metadata: metadata, state: { values: { owner: { owner: { selected_option: { value } } } } } },
      'UMIA',
    );

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    account = (await seedSlackAccounts(db)).north;
    staff = await seedManyStaff(db.knex, 150);
    await db
      .knex('users')
      .where({ id: staff[149] })
      .update({ display_name: `Staff 150 ${'長'.repeat(90)}` });
    slack = await startHarness(db);
    await slack.click(encodeRef({ v: 1, action: 'reassign', accountId: account }), 'UMIA', {
      overflow: true,
    });
    const view = (slack.calls('views.update').at(-1) ?? slack.calls('views.open').at(-1))?.view as Json;
    expect(slackProblems('modal', view)).toEqual([]);
    const select = JSON.stringify(view.blocks);
    expect(select).toContain('"type":"external_select"');
    expect(select).toContain('"min_query_length":0');
    metadata = String(view.private_metadata);
  });
  afterAll(async () => {
    await slack?.close();
    await db?.close();
  });
  beforeEach(() => slack.reset());

  it('offers the first 100 on an empty search, and finds the 150th by name, cut to 75 characters', async () => {
    expect(await suggest('')).toHaveLength(100);
    const found = await suggest('staff 150');
    expect(found.map((o) => o.value)).toEqual([String(staff[149])]);
    expect(found[0]?.text.text.length).toBeLessThanOrEqual(75);
  });

  it('reassigns the account to the 150th staff member chosen from the search', async () => {
    const [chosen] = await suggest('Staff 150');
    const res = await submitOwner(chosen?.value ?? '');
    expect(res.status).toBe(200);
    expect(await owner()).toBe(staff[149]);
  });

  it('shows a collector no names, and an oversized or %-wildcard search nothing unexpected', async () => {
    expect(await suggest('Staff', 'UANN')).toEqual([]);
    expect(await suggest('S'.repeat(5000))).toEqual([]);
    expect(await suggest('%')).toEqual([]);
  });

  it('refuses a new owner submitted directly who is not staff that can own accounts, changing nothing', async () => {
    const before = await owner();
    const sales = await db.knex('users').insert(
      {
        platform: 'slack',
        platform_user_id: 'USALES',
        display_name: 'Sal',
        role: 'sales',
      },
      'id',
    );
    for (const value of [String(Number(sales[0]?.id ?? sales[0])), '99999999', '1 OR 1=1']) {
      const res = await submitOwner(value);
      const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
      expect(body.response_action).toBe('errors');
      expect(body.errors.owner).toMatch(/only collectors and managers|no staff user|choose the new owner/);
    }
    expect(await owner()).toBe(before);
  });
});
