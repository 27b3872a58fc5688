import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeRef } from '../../src/views/action-ref.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { assessSeeded, seedAccount } from '../support/seed.ts';
import { message, task } from './support/activities.ts';
import { cardProblems, cardsOf } from './support/card-check.ts';
import { CHANNEL, type Harness, startHarness } from './support/harness.ts';

type Json = Record<string, unknown>;
const flat = (value: unknown) => JSON.stringify(value);
type Continue = {
  task: { type: string; value: { title: string; card: { contentType: string; content: Json } } | string };
};

/** Every input of a card by id, with its current value. */
function inputs(card: Json): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const node of (card.body as Json[]) ?? [])
    if (String(node.type).startsWith('Input.')) out[String(node.id)] = node.value;
  return out;
}

describe.each(backends())('Teams dialogs (task modules) on %s', (kind) => {
  let db: Database;
  let teams: Harness;
  let north = 0;

  const dialog = async (activity: Json) => {
    const res = await teams.post(activity);
    expect(res.status).toBe(200);
    return (await res.json()) as Continue;
  };
  const openLog = async () => {
    const answer = await dialog(
      task('fetch', {
        ref: encodeRef({ v: 1, action: 'log', accountId: north, stateVersion: 0 }),
        msteams: { type: 'task/fetch' },
      }),
    );
    expect(answer.task.type).toBe('continue');
    const value = answer.task.value as Exclude<Continue['task']['value'], string>;
    return value.card.content;
  };
  /** Submits the dialog card as Teams does: the submit action's data plus the inputs. */
  const submit = (
    card: Json,
    values: Record<string, string>,
    where: Parameters<typeof task>[3] = { in: 'personal' },
  ) => {
    const data = ((card.actions as Json[])[0]?.data ?? {}) as Json;
    return dialog(task('submit', { ...data, ...values }, 'ann', where));
  };
  const outcomes = () =>
    db.knex('activities').where({ customer_id: north }).whereIn('kind', ['outcome', 'note']);

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    north = (
      await seedAccount(db.knex, {
        name: 'Northwind Traders Ltd',
        items: [{ number: 'N-1', dueDate: '2026-10-10', totalMinor: 8_600_000 }],
      })
    ).accountId;
    await assessSeeded(db.knex);
    teams = await startHarness(db);
  });
  afterAll(async () => {
    await teams?.close();
    await db?.close();
  });
  beforeEach(() => teams.reset());

  it('opens Log call as a dialog of inputs that parses and keeps within limits', async () => {
    const card = await openLog();
    expect(cardProblems(card)).toEqual([]);
    expect(Object.keys(inputs(card))).toEqual(
      expect.arrayContaining(['channel', 'result', 'notes', 'promiseDate', 'promiseAmount']),
    );
    expect((card.actions as Json[])[0]?.type).toBe('Action.Submit');
  });

  it('shows validation errors inside the dialog, keeps what was typed, and saves nothing', async () => {
    const card = await openLog();
    const answer = await submit(card, { channel: 'call', result: 'promised', notes: 'says next week' });
    expect(answer.task.type).toBe('continue');
    const again = (answer.task.value as Exclude<Continue['task']['value'], string>).card.content;
    expect(cardProblems(again)).toEqual([]);
    expect(flat(again)).toContain('required for a promise to pay');
    expect(inputs(again)).toMatchObject({ result: 'promised', notes: 'says next week' });
    expect(await outcomes()).toHaveLength(0);
    expect(teams.calls).toEqual([]);
  });

  it('saves a valid call log and posts it in the account’s thread of the channel, started once', async () => {
    const card = await openLog();
    const first = await submit(
      card,
      { channel: 'call', result: 'reached', notes: 'CFO confirms the invoice' },
      { in: 'channel' },
    );
    expect(first.task.type).toBe('message');
    expect(String(first.task.value)).toContain('thread');
    const created = teams.calls.filter((c) => c.path === '/v3/conversations');
    expect(created).toHaveLength(1);
    expect((created[0]?.body.channelData as Json).channel).toEqual({ id: CHANNEL });
    expect(cardProblems(cardsOf(created[0]?.body.activity)[0])).toEqual([]);
    const thread = await db.knex('account_threads').where({ platform: 'teams', customer_id: north }).first();
    expect(thread?.channel).toBe(CHANNEL);
    const reply = teams.calls.find(
      (c) => c.path === `/v3/conversations/${CHANNEL};messageid=${thread?.thread_ref}/activities`,
    );
    expect(flat(reply?.body)).toContain('CFO confirms the invoice');

    teams.reset();
    await submit(await openLog(), { channel: 'email', result: 'no_answer' }, { in: 'channel' });
    expect(teams.calls.filter((c) => c.path === '/v3/conversations')).toHaveLength(0);
    expect(
      teams.calls.filter((c) => c.path.includes(`;messageid=${thread?.thread_ref}/activities`)),
    ).toHaveLength(1);
    expect(await outcomes()).toHaveLength(2);
  });

  it('saves a reply that mentions the bot in an account thread as a note on the account', async () => {
    const thread = await db.knex('account_threads').where({ platform: 'teams', customer_id: north }).first();
    await teams.post(
      message('left a voicemail for the CFO', 'ann', { in: 'channel', thread: String(thread?.thread_ref) }),
    );
    const note = await db.knex('activities').where({ customer_id: north, kind: 'note' }).first('details');
    expect(flat(note?.details)).toContain('left a voicemail for the CFO');
    expect(flat(teams.calls[0]?.body)).toContain('Saved to the account');
  });

  it('opens Send letter with whatever the dispatcher answers, shown in the dialog', async () => {
    const answer = await dialog(
      task('fetch', {
        ref: encodeRef({ v: 1, action: 'letter', accountId: north, stateVersion: 0, template: 'demand' }),
        msteams: { type: 'task/fetch' },
      }),
    );
    expect(answer.task.type).toBe('continue');
    const card = (answer.task.value as Exclude<Continue['task']['value'], string>).card.content;
    expect(cardProblems(card)).toEqual([]);
    expect(flat(card)).toContain('letter');
  });

  it('shows the letter preview above the Send button of the Send letter dialog', async () => {
    const answer = await dialog(
      task('fetch', {
        ref: encodeRef({ v: 1, action: 'letter', accountId: north, stateVersion: 0, template: 'reminder' }),
        msteams: { type: 'task/fetch' },
      }),
    );
    // The same letter chooser as on Slack and in the shell, the card's suggestion preselected.
    const chooser = (answer.task.value as Exclude<Continue['task']['value'], string>).card.content;
    expect(cardProblems(chooser)).toEqual([]);
    expect(inputs(chooser).template).toBe('reminder');
    const choice = ((chooser.actions as Json[])[0]?.data ?? {}) as Json;
    const previewed = await dialog(task('submit', { ...choice, template: 'reminder' }));
    const card = (previewed.task.value as Exclude<Continue['task']['value'], string>).card.content;
    expect(cardProblems(card)).toEqual([]);
    const body = flat(card.body);
    expect(body).toContain('Northwind Traders Ltd');
    expect(body).toContain('N-1');
    const [send] = card.actions as { title: string; data: { duebot: { form: Json } } }[];
    expect(send?.title).toBe('Prepare PDF'); // no SMTP settings: the letter is prepared to send by hand
    expect(send?.data.duebot.form.intro).toBeUndefined(); // the preview is not carried back and forth
  });

  it('draws the form inline after a typed `overdue log …` and redraws it in place with the errors', async () => {
    await teams.post(message('overdue log Northwind'));
    const sent = teams.calls[0]?.body;
    const card = cardsOf(sent)[0] as Json;
    expect(cardProblems(card)).toEqual([]);
    expect(Object.keys(inputs(card))).toContain('result');
    teams.reset();
    const data = ((card.actions as Json[])[0]?.data ?? {}) as Json;
    await teams.post({
      ...message(''),
      value: { ...data, channel: 'call', result: 'disputed' },
      replyToId: 'form-card',
    });
    const update = teams.calls.find((c) => c.method === 'PUT');
    expect(update?.path).toBe('/v3/conversations/a:chat-ann/activities/form-card');
    expect(flat(update?.body)).toContain('name the disputed invoices');
    expect(cardProblems(cardsOf(update?.body)[0])).toEqual([]);
  });

  it('stores one call when the same dialog submit arrives twice, also at once (issue 13)', async () => {
    const before = (await outcomes()).length;
    const card = await openLog();
    const values = { channel: 'call', result: 'reached', notes: 'submitted twice' };
    const [first, second] = await Promise.all([submit(card, values), submit(card, values)]);
    const third = await submit(card, values);
    expect(await outcomes()).toHaveLength(before + 1);
    const answers = [first, second, third].map((a) => flat(a));
    expect(answers.filter((a) => a.includes('already submitted and recorded'))).toHaveLength(2);
  });

  it('takes a dialog again after its field errors were fixed', async () => {
    const before = (await outcomes()).length;
    const card = await openLog();
    const wrong = await submit(card, { channel: 'call', result: 'promised' });
    const redrawn = (wrong.task.value as Exclude<Continue['task']['value'], string>).card.content;
    await submit(redrawn, { channel: 'call', result: 'reached' });
    expect(await outcomes()).toHaveLength(before + 1);
  });

  it('stores one call when an inline form is submitted twice', async () => {
    const before = (await outcomes()).length;
    await teams.post(message('overdue log Northwind'));
    const card = cardsOf(teams.calls[0]?.body)[0] as Json;
    const data = ((card.actions as Json[])[0]?.data ?? {}) as Json;
    for (let i = 0; i < 2; i++)
      await teams.post({
        ...message(''),
        value: { ...data, channel: 'visit', result: 'reached' },
        replyToId: 'form-card',
      });
    expect(await outcomes()).toHaveLength(before + 1);
  });

  it('posts a hostile note with no mention and no link in the card, summary or answer (issue 13)', async () => {
    const card = await openLog();
    const hostile = '<at>Everyone</at> pay now [x](https://evil.example) @[Boss](teams:29:boss)';
    const answer = await submit(
      card,
      { channel: 'call', result: 'reached', notes: hostile },
      { in: 'channel' },
    );
    const posted = teams.calls.filter((c) => c.method === 'POST' && flat(c.body).includes('pay now'));
    expect(posted.length).toBeGreaterThan(0);
    // Whatever Teams reads as a link or a mention: `[label](url)` and an `<at>` tag.
    const live = /\]\s*\(https?:|<\/?at>/i;
    for (const call of posted) {
      const activity = (call.body.activity ?? call.body) as Json;
      expect(flat(cardsOf(activity))).not.toMatch(live);
      expect(String(activity.summary ?? '')).not.toMatch(live);
      expect(String(activity.text ?? '')).not.toMatch(live);
      expect(activity.entities ?? []).toEqual([]);
    }
    expect(String(answer.task.value)).toContain('pay now');
    expect(String(answer.task.value)).not.toMatch(live);
  });

  it('answers a dialog submission it cannot read inside the dialog', async () => {
    const answer = await dialog(task('submit', { nothing: 'here' }));
    expect(answer.task.type).toBe('continue');
    expect(flat(answer)).toContain('cannot be submitted');
  });
});
