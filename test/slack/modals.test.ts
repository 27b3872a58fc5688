import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeRef } from '../../src/views/action-ref.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedSlackAccounts } from './support/accounts.ts';
import { type Harness, startHarness } from './support/harness.ts';
import { slackProblems } from './support/limits-check.ts';

type Json = Record<string, unknown>;
type View = { private_metadata: string; blocks: Json[]; title: { text: string } };

describe.each(backends())('Slack modals on %s', (kind) => {
  let db: Database;
  let slack: Harness;
  let ids: { north: number; dual: number };

  const version = async (id: number) =>
    Number((await db.knex('account_state').where({ customer_id: id }).first('version'))?.version ?? 0);
  const openedView = (): View => {
    const update = slack.calls('views.update').at(-1);
    return update?.view as View;
  };

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

  it('opens a loading modal with the trigger id at once, then fills in the log form', async () => {
    const ref = encodeRef({
      v: 1,
      action: 'log',
      accountId: ids.dual,
      stateVersion: await version(ids.dual),
    });
    await slack.click(ref, 'UANN', { responsePath: '/cards/dual', opensForm: true });
    const [opened] = slack.calls('views.open');
    expect(opened?.trigger_id).toMatch(/^trigger-/);
    expect(JSON.stringify(opened?.view)).toContain('Loading');
    expect(slack.api.findIndex((c) => c.method === 'views.open')).toBeLessThan(
      slack.api.findIndex((c) => c.method === 'views.update'),
    );
    const view = openedView();
    expect(slackProblems('modal', view as unknown as Json)).toEqual([]);
    const inputs = view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id);
    expect(inputs).toEqual([
      'channel',
      'result',
      'notes',
      'promiseDate',
      'promiseAmount',
      'currency',
      'invoices',
      'afterSales',
      'nextFollowUp',
    ]);
    expect(JSON.parse(view.private_metadata)).toMatchObject({
      responseUrl: 'http://hooks.slack.test/cards/dual',
      channel: 'CWORK',
    });
  });

  it('shows submission errors beside the fields and saves nothing', async () => {
    const ref = encodeRef({
      v: 1,
      action: 'log',
      accountId: ids.dual,
      stateVersion: await version(ids.dual),
    });
    await slack.click(ref, 'UANN', { responsePath: '/cards/dual', opensForm: true });
    const view = openedView();
    const before = await db.knex('activities').where({ customer_id: ids.dual }).count({ n: '*' });
    const res = await slack.submit({
      private_metadata: view.private_metadata,
      state: {
        values: {
          // Slack sends every input block, filled in or not.
          ...Object.fromEntries(
            view.blocks
              .filter((b) => b.type === 'input')
              .map((b) => [b.block_id, { [String(b.block_id)]: { value: null } }]),
          ),
          channel: { channel: { selected_option: { value: 'call' } } },
          result: { result: { selected_option: { value: 'promised' } } },
          promiseAmount: { promiseAmount: { value: '5k' } },
          currency: { currency: { selected_option: null } },
        },
      },
    });
    const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors).sort()).toEqual(['currency', 'promiseDate']);
    expect(body.errors.promiseDate).toMatch(/PB-19/);
    const after = await db.knex('activities').where({ customer_id: ids.dual }).count({ n: '*' });
    expect(after).toEqual(before);
  });

  it('closes the modal on success, posts the outcome in the account thread (started once) and redraws the card', async () => {
    for (const notes of ['Spoke to AP, invoice approved', 'Second call']) {
      slack.reset();
      const ref = encodeRef({
        v: 1,
        action: 'log',
        accountId: ids.north,
        stateVersion: await version(ids.north),
      });
      await slack.click(ref, 'UANN', { responsePath: '/cards/north', opensForm: true });
      const res = await slack.submit({
        private_metadata: openedView().private_metadata,
        state: {
          values: {
            channel: { channel: { selected_option: { value: 'call' } } },
            result: { result: { selected_option: { value: 'reached' } } },
            notes: { notes: { value: notes } },
          },
        },
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
      const posts = slack.calls('chat.postMessage');
      const reply = posts.find((p) => p.thread_ts !== undefined);
      expect(reply?.channel).toBe('CWORK');
      expect(JSON.stringify(reply?.blocks)).toContain(notes);
      const card = slack.responses.find((r) => r.path === '/cards/north');
      expect(card?.body.replace_original).toBe(true);
      expect(slackProblems('message', card?.body ?? {})).toEqual([]);
    }
    const threads = await db.knex('account_threads').where({ customer_id: ids.north });
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({ platform: 'slack', channel: 'CWORK' });
  });

  it('starts account threads in SLACK_CHANNEL when the form was opened from App Home', async () => {
    const ref = encodeRef({
      v: 1,
      action: 'log',
      accountId: ids.dual,
      stateVersion: await version(ids.dual),
    });
    await slack.click(ref, 'UANN', { fromHome: true, opensForm: true });
    await slack.submit({
      private_metadata: openedView().private_metadata,
      state: {
        values: {
          channel: { channel: { selected_option: { value: 'email' } } },
          result: { result: { selected_option: { value: 'no_answer' } } },
        },
      },
    });
    const posts = slack.calls('chat.postMessage');
    expect(posts.map((p) => p.channel)).toEqual(['CDEFAULT', 'CDEFAULT']);
  });

  it('offers the letters with the suggested one preselected, previews the chosen one, and posts the PDF in the thread on Send', async () => {
    const ref = encodeRef({
      v: 1,
      action: 'letter',
      accountId: ids.north,
      stateVersion: await version(ids.north),
      template: 'polite-reminder',
    });
    await slack.click(ref, 'UANN', { opensForm: true });
    const view = openedView();
    expect(slackProblems('modal', view as unknown as Json)).toEqual([]);
    const select = view.blocks[0] as { element: { initial_option: { value: string } } };
    expect(select.element.initial_option.value).toBe('polite-reminder');
    const before = await db.knex('letters').count({ n: '*' });
    const res = await slack.submit({
      private_metadata: view.private_metadata,
      title: view.title.text,
      state: { values: { template: { template: { selected_option: { value: 'reminder' } } } } },
    });
    const body = (await res.json()) as { response_action: string; view: View & { submit: { text: string } } };
    expect(body.response_action).toBe('update');
    expect(slackProblems('modal', body.view as unknown as Json)).toEqual([]);
    expect(body.view.submit.text).toBe('Prepare PDF');
    expect(JSON.stringify(body.view.blocks)).toMatch(/Friendly reminder: 1 open invoice/);
    expect(JSON.stringify(body.view.blocks)).toMatch(/nothing is e-mailed/);
    expect(await db.knex('letters').count({ n: '*' })).toEqual(before);

    slack.reset();
    const sent = await slack.submit({
      private_metadata: body.view.private_metadata,
      title: body.view.title.text,
      state: { values: {} },
    });
    expect(sent.status).toBe(200);
    const posts = slack.calls('chat.postMessage');
    const inThread = posts.find((p) => p.thread_ts);
    expect(JSON.stringify(inThread?.blocks)).toMatch(/NOT SENT/);
    const [asked] = slack.calls('files.getUploadURLExternal');
    expect(String(asked?.filename)).toMatch(/-reminder-2026-11-22\.pdf$/);
    expect(slack.uploads).toHaveLength(1);
    expect(slack.uploads[0]?.bytes).toBeGreaterThan(1000);
    const [completed] = slack.calls('files.completeUploadExternal');
    expect(completed).toMatchObject({ channel_id: 'CWORK', thread_ts: inThread?.thread_ts });
    const row = await db.knex('letters').where({ customer_id: ids.north }).first('status', 'template');
    expect(row).toEqual({ status: 'not_sent', template: 'reminder' });
  });

  it('tells a collector inside the modal that the formal demand needs a manager', async () => {
    const ref = encodeRef({ v: 1, action: 'letter', accountId: ids.north, template: 'reminder' });
    await slack.click(ref, 'UANN', { opensForm: true });
    const res = await slack.submit({
      private_metadata: openedView().private_metadata,
      state: { values: { template: { template: { selected_option: { value: 'formal-demand' } } } } },
    });
    const body = (await res.json()) as { view: Json };
    expect(JSON.stringify(body.view)).toMatch(
      /Sending the formal demand letter needs a manager; you are a collector/,
    );
  });

  it('tells a viewer inside the modal that sending letters needs another role', async () => {
    const ref = encodeRef({ v: 1, action: 'letter', accountId: ids.north, template: 'reminder' });
    await slack.click(ref, 'UVIC', { opensForm: true });
    // Refused at the first step: the loading modal shows why, and no letter can be chosen.
    expect(JSON.stringify(openedView())).toMatch(
      /Sending a letter needs a collector or a manager; you are a viewer/,
    );
    expect(JSON.stringify(openedView())).not.toContain('"template"');
  });
});
