import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeRef } from '../../src/views/action-ref.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedSlackAccounts } from './support/accounts.ts';
import { type Harness, startHarness, type SubmittedView } from './support/harness.ts';

type View = { private_metadata: string; title: { text: string } };

/** Issue 13: a view_submission delivered again (Slack's retries, a double submit) takes effect once. */
describe.each(backends())('Slack form submissions once on %s', (kind) => {
  let db: Database;
  let slack: Harness;
  let ids: { north: number; dual: number };

  const version = async (id: number) =>
    Number((await db.knex('account_state').where({ customer_id: id }).first('version'))?.version ?? 0);
  const count = async (table: string, where: Record<string, unknown>) =>
    Number((await db.knex(table).where(where).count({ n: '*' }))[0]?.n ?? 0);
  const outcomes = (accountId: number) => count('activities', { customer_id: accountId, kind: 'outcome' });

  /** Clicks the account's button for `action` and returns the modal it filled in. */
  async function openForm(action: 'log' | 'reassign' | 'letter', accountId: number, user = 'UANN') {
    slack.reset();
    const ref = encodeRef({
      v: 1,
      action,
      accountId,
      stateVersion: await version(accountId),
      ...(action === 'letter' ? { template: 'reminder' } : {}),
    });
    await slack.click(ref, user);
    const view = (slack.calls('views.update').at(-1) ?? slack.calls('views.open').at(-1))?.view as View;
    expect(view?.private_metadata).toBeTruthy();
    return view;
  }

  const call = (view: View, values: Record<string, string>, id: string): SubmittedView => ({
    private_metadata: view.private_metadata,
    id,
    hash: `1764000000.${id}`,
    state: {
      values: Object.fromEntries(
        Object.entries(values).map(([field, value]) => [
          field,
          ['channel', 'result', 'owner'].includes(field)
            ? { [field]: { selected_option: { value } } }
            : { [field]: { value } },
        ]),
      ),
    },
  });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ids = await seedSlackAccounts(db);
    slack = await startHarness(db);
  });
  afterAll(async () => {
    await slack?.close();
    await db?.close();
  });
  beforeEach(() => slack.reset());

  it('stores one call when the same Log-call submission arrives three times (X-Slack-Retry-Num 1 and 2)', async () => {
    const before = await outcomes(ids.north);
    const view = await openForm('log', ids.north);
    const submitted = call(view, { channel: 'call', result: 'reached', notes: 'Retried call' }, 'VRETRY');
    const first = await slack.submit(submitted);
    expect(first.status).toBe(200);
    const answers: string[] = [];
    for (const retry of ['1', '2']) {
      const res = await slack.submit({
        ...submitted,
        headers: { 'x-slack-retry-num': retry, 'x-slack-retry-reason': 'http_timeout' },
      });
      expect(res.status).toBe(200);
      answers.push(await res.text());
    }
    expect(await outcomes(ids.north)).toBe(before + 1);
    for (const answer of answers) expect(answer).toMatch(/already submitted and recorded/);
    // The outcome went into the thread once.
    const inThread = slack.calls('chat.postMessage').filter((p) => p.thread_ts !== undefined);
    expect(inThread).toHaveLength(1);
  });

  it('stores one call when two deliveries of one submission arrive at once', async () => {
    const before = await outcomes(ids.dual);
    const view = await openForm('log', ids.dual);
    const submitted = call(view, { channel: 'call', result: 'no_answer' }, 'VTWICE');
    const answers = await Promise.all([
      slack.submit(submitted),
      slack.submit({ ...submitted, headers: { 'x-slack-retry-num': '1' } }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(await outcomes(ids.dual)).toBe(before + 1);
  });

  it('stores one promise when a promise is submitted twice', async () => {
    const before = await count('promises', { customer_id: ids.north });
    const view = await openForm('log', ids.north);
    const submitted = call(
      view,
      {
        channel: 'call',
        result: 'promised',
        promiseDate: '2026-11-30',
        promiseAmount: '5000',
        currency: 'CNY',
      },
      'VPROMISE',
    );
    await slack.submit(submitted);
    await slack.submit(submitted);
    expect(await count('promises', { customer_id: ids.north })).toBe(before + 1);
  });

  it('still takes a new submission of a new Log-call form', async () => {
    const before = await outcomes(ids.north);
    for (const id of ['VNEW1', 'VNEW2']) {
      const view = await openForm('log', ids.north);
      await slack.submit(call(view, { channel: 'email', result: 'reached' }, id));
    }
    expect(await outcomes(ids.north)).toBe(before + 2);
  });

  it('takes a submission again after its field errors were fixed in the same modal', async () => {
    const before = await outcomes(ids.dual);
    const view = await openForm('log', ids.dual);
    const wrong = await slack.submit(call(view, { channel: 'call', result: 'promised' }, 'VFIX'));
    expect(await wrong.text()).toMatch(/"response_action":"errors"/);
    await slack.submit(call(view, { channel: 'call', result: 'reached' }, 'VFIX'));
    expect(await outcomes(ids.dual)).toBe(before + 1);
  });

  it('lets a submission whose effect failed half-way be delivered again, and then stores it once', async () => {
    const before = await outcomes(ids.north);
    // The database refuses the activity row after the submission's key was taken (a fault half-way).
    await db.knex.raw(`
      CREATE FUNCTION duebot_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused for the test'; END $$`);
    await db.knex.raw(`
      CREATE TRIGGER duebot_test_refuse BEFORE INSERT ON activities
      FOR EACH ROW EXECUTE FUNCTION duebot_test_refuse()`);
    const view = await openForm('log', ids.north);
    const submitted = call(view, { channel: 'visit', result: 'reached' }, 'VFAULT');
    const failed = await slack.submit(submitted);
    expect(await failed.text()).toMatch(/Something went wrong/);
    await db.knex.raw('DROP TRIGGER duebot_test_refuse ON activities');
    await db.knex.raw('DROP FUNCTION duebot_test_refuse()');
    expect(await count('form_submissions', { key: 'slack:VFAULT:1764000000.VFAULT' })).toBe(0);
    await slack.submit({ ...submitted, headers: { 'x-slack-retry-num': '1' } });
    await slack.submit({ ...submitted, headers: { 'x-slack-retry-num': '2' } });
    expect(await outcomes(ids.north)).toBe(before + 1);
  });

  it('reassigns once when the Reassign form is delivered twice (PB-25)', async () => {
    // Ann becomes someone who can own accounts by using duebot; Mia (a manager) reassigns to her.
    await openForm('log', ids.dual, 'UANN');
    const ann = await db.knex('users').where({ platform: 'slack', platform_user_id: 'UANN' }).first('id');
    const before = await count('activities', { customer_id: ids.dual, kind: 'reassigned' });
    slack.reset();
    await slack.click(
      encodeRef({ v: 1, action: 'reassign', accountId: ids.dual, stateVersion: await version(ids.dual) }),
      'UMIA',
    );
    const view = slack.calls('views.open').at(-1)?.view as View;
    const submitted = call(view, { owner: String(ann.id) }, 'VREASSIGN');
    await slack.submit(submitted, 'UMIA');
    const again = await slack.submit({ ...submitted, headers: { 'x-slack-retry-num': '1' } }, 'UMIA');
    expect(await again.text()).toMatch(/already submitted and recorded/);
    expect(await count('activities', { customer_id: ids.dual, kind: 'reassigned' })).toBe(before + 1);
    expect(await count('claims', { customer_id: ids.dual, released_at: null })).toBe(1);
  });

  it('sends one letter when the letter preview is submitted twice', async () => {
    const chooser = await openForm('letter', ids.dual);
    const res = await slack.submit({
      private_metadata: chooser.private_metadata,
      state: { values: { template: { template: { selected_option: { value: 'reminder' } } } } },
    });
    const preview = ((await res.json()) as { view: View }).view;
    const before = await count('letters', { customer_id: ids.dual });
    const send: SubmittedView = {
      private_metadata: preview.private_metadata,
      id: 'VLETTER',
      hash: '1764000000.VLETTER',
      state: { values: {} },
    };
    await Promise.all([slack.submit(send), slack.submit({ ...send, headers: { 'x-slack-retry-num': '1' } })]);
    await slack.submit({ ...send, headers: { 'x-slack-retry-num': '2' } });
    expect(await count('letters', { customer_id: ids.dual })).toBe(before + 1);
  });
});
