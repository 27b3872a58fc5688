import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { decodeRef } from '../../src/views/action-ref.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import type { Database } from '../../src/db.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import type { AccountRowBlock, Message, User } from '../../src/views/model.ts';
import type { Reply } from '../../src/commands/interaction.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { assessSeeded, seedAccount, seedStaff } from '../support/seed.ts';

const ann: User = { platform: 'shell', id: 'ann', name: 'Ann' };
const bob: User = { platform: 'shell', id: 'bob', name: 'Bob' };
const vic: User = { platform: 'shell', id: 'vic', name: 'Vic' };

const rows = (m: Message) => m.blocks.filter((b): b is AccountRowBlock => b.type === 'accountRow');
const text = (reply: Reply) => ('message' in reply ? toFallbackText(reply.message) : JSON.stringify(reply));
const message = (reply: Reply): Message => {
  if (!('message' in reply)) throw new Error(`expected a message, got ${reply.kind}`);
  return reply.message;
};

describe.each(backends())('the dispatcher on %s', (kind) => {
  let db: Database;
  let ctx: DispatchContext;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const clock = createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai');
    ctx = {
      db: db.knex,
      clock,
      policy: defaultPolicy,
      pageSize: 2,
    };
    await seedStaff(db.knex, 'Vic', 'viewer');
    const seeds = {
      north: {
        name: 'Northwind Traders Ltd',
        items: [{ number: 'N-1', dueDate: '2026-10-10', totalMinor: 8_600_000 }],
      },
      south: {
        name: 'Southwind Trading',
        items: [{ number: 'S-1', dueDate: '2026-09-01', totalMinor: 2_000_000 }],
      },
      hua: {
        name: '上海华联贸易有限公司',
        items: [{ number: 'H-1', dueDate: '2026-07-01', totalMinor: 1_200_000 }],
      },
    };
    for (const [key, seed] of Object.entries(seeds)) ids[key] = (await seedAccount(db.knex, seed)).accountId;
    await assessSeeded(db.knex);
  });
  afterAll(async () => {
    await db?.close();
  });

  const command = (t: string, user = ann) =>
    dispatch(ctx, { kind: 'command', text: t, user, platform: 'shell' });
  const click = (ref: string, user = ann) => dispatch(ctx, { kind: 'action', ref, user });
  const submit = (ref: string, values: Record<string, string>, user = ann) =>
    dispatch(ctx, { kind: 'submit', ref, values, user });

  it('answers /overdue privately with a page of accounts by priority and a pager', async () => {
    const reply = await command('');
    expect(reply.kind).toBe('ephemeral');
    const m = message(reply);
    expect(rows(m)).toHaveLength(2);
    expect(rows(m).map((r) => r.rowNumber)).toEqual([1, 2]);
    const pager = m.blocks.find((b) => b.type === 'pager');
    expect(pager).toMatchObject({ page: 1, pages: 2 });
    const next = await click((pager as { nextRef: string }).nextRef);
    expect(next.kind).toBe('replace');
    expect(rows(message(next)).map((r) => r.rowNumber)).toEqual([3]);
  });

  it('shares the list in the channel with `post`, and filters', async () => {
    const reply = await command('60+ post');
    expect(reply.kind).toBe('post');
    expect(
      rows(message(reply))
        .map((r) => r.customerName)
        .sort(),
    ).toEqual(['Southwind Trading', '上海华联贸易有限公司']);
  });

  it('names the word it did not understand and shows the help', async () => {
    const reply = await command('unclaimed bananas');
    expect(text(reply)).toMatch(/bananas/);
    const blocks = message(reply).blocks;
    expect(blocks.some((b) => b.type === 'text' && b.text.includes('Usage: /overdue'))).toBe(true);
  });

  it('lists the candidates when a typed name is ambiguous, and opens the card when it is not', async () => {
    expect(text(await command('show wind'))).toMatch(/"wind" matches 2 accounts/);
    const card = message(await command('show 华联'));
    expect(card.blocks[0]).toEqual({ type: 'header', text: '上海华联贸易有限公司' });
    expect(toFallbackText(card)).toMatch(/CNY 12,000\.00/);
  });

  it('claims once from a card: the card shows the owner, a second clicker is told who has it', async () => {
    const list = message(await command('customer Northwind'));
    const claimRef = rows(list)[0]?.actions.find((b) => b.label === 'Claim')?.ref ?? '';
    expect(decodeRef(claimRef)).toMatchObject({ ok: true, value: { action: 'claim', accountId: ids.north } });
    const [first, second] = await Promise.all([click(claimRef), click(claimRef, bob)]);
    // The loser is told who won, whether its click lost in the database or arrived after the win (then
    // on top of the fresh card).
    const replies = [first, second].map((reply) => JSON.stringify(reply));
    expect(replies.filter((t) => /Already claimed by (Ann|Bob)\./.test(t))).toHaveLength(1);
    expect(await db.knex('activities').where({ customer_id: ids.north, kind: 'claimed' })).toHaveLength(1);
    // A fresh card drawn now, clicked by someone else, says who owns it.
    const owner = (
      await db
        .knex('claims')
        .join('users', 'users.id', 'claims.user_id')
        .where({ customer_id: ids.north })
        .first('display_name')
    ).display_name;
    const other = owner === 'Ann' ? bob : ann;
    const refused = await command('claim Northwind', other);
    expect(text(refused)).toBe(`Already claimed by ${owner}.`);
  });

  it('answers a click on a stale card with the fresh state and applies nothing', async () => {
    const card = message(await command('show Southwind'));
    const actions = card.blocks.find((b) => b.type === 'actions');
    const claimRef =
      actions?.type === 'actions' ? actions.buttons.find((b) => b.label === 'Claim')?.ref : undefined;
    expect(claimRef).toBeDefined();
    await command('claim Southwind', bob);
    const reply = await click(claimRef ?? '');
    expect(reply.kind).toBe('replace');
    expect(JSON.stringify(reply)).toMatch(/out of date, so nothing was changed/);
    expect(JSON.stringify(reply)).toMatch(/Already claimed by Bob\. This card was out of date/);
    const claims = await db.knex('claims').where({ customer_id: ids.south });
    expect(claims).toHaveLength(1);
  });

  it('opens the log form, shows field errors beside the fields, and posts the outcome into the thread', async () => {
    const form = await command('log 华联');
    expect(form.kind).toBe('openForm');
    if (form.kind !== 'openForm') return;
    expect(form.form.fields.map((f) => f.id)).toEqual([
      'channel',
      'result',
      'notes',
      'promiseDate',
      'promiseAmount',
      'invoices',
      'afterSales',
      'nextFollowUp',
    ]);
    const bad = await submit(form.form.ref, { channel: 'call', result: 'promised', promiseDate: 'Friday' });
    expect(bad).toEqual({
      kind: 'formErrors',
      errors: { promiseDate: 'a date as YYYY-MM-DD', promiseAmount: 'required for a promise to pay' },
    });
    const good = await submit(form.form.ref, {
      channel: 'call',
      result: 'promised',
      promiseDate: '2026-11-27',
      promiseAmount: '5000',
      notes: 'pays Friday',
    });
    expect(good.kind).toBe('thread');
    expect(text(good)).toMatch(
      /Ann logged a call with 上海华联贸易有限公司: promised CNY 5,000\.00 by 2026-11-27/,
    );
  });

  it('refuses a viewer, naming the role needed, and records nothing', async () => {
    const reply = await command('claim 华联', vic);
    expect(text(reply)).toMatch(/needs a collector or a manager; you are a viewer/);
    const before = await db.knex('activities').count({ n: '*' });
    await command('letter 华联', vic);
    expect(await db.knex('activities').count({ n: '*' })).toEqual(before);
  });

  it('answers letter <customer> <template> with a preview to confirm, storing nothing yet', async () => {
    const before = await db.knex('letters').count({ n: '*' });
    const reply = await command('letter Northwind polite-reminder');
    expect(reply.kind).toBe('openForm');
    const form = reply.kind === 'openForm' ? reply.form : null;
    expect(form?.submitLabel).toBe('Prepare PDF');
    expect(toFallbackText(form?.intro ?? { blocks: [] })).toMatch(/^Preview: Payment reminder/);
    expect(await db.knex('letters').count({ n: '*' })).toEqual(before);
  });

  it('lets a manager reassign from the card menu, and refuses a collector naming the role (PB-25)', async () => {
    const mia: User = { platform: 'shell', id: 'mia', name: 'Mia' };
    await db
      .knex('users')
      .insert({ platform: 'shell', platform_user_id: 'mia', display_name: 'Mia', role: 'manager' })
      .onConflict(['platform', 'platform_user_id'])
      .merge({ role: 'manager' });
    const card = message(await command('show Southwind', mia));
    const menu = card.blocks.find((b) => b.type === 'actions');
    const reassignRef =
      menu?.type === 'actions' ? menu.menu?.find((m) => m.label === 'Reassign')?.ref : undefined;
    expect(reassignRef).toBeDefined();
    const refused = await click(reassignRef ?? '', ann);
    expect(text(refused)).toMatch(/Reassigning an account needs a manager; you are a collector/);
    const form = await click(reassignRef ?? '', mia);
    if (form.kind !== 'openForm') throw new Error(`expected a form, got ${form.kind}`);
    const annOption =
      form.form.fields[0]?.type === 'select'
        ? form.form.fields[0].options.find((o) => o.label === 'Ann')
        : undefined;
    expect(await submit(form.form.ref, { owner: 'x' }, mia)).toEqual({
      kind: 'formErrors',
      errors: { owner: 'choose the new owner' },
    });
    const done = await submit(form.form.ref, { owner: annOption?.value ?? '' }, mia);
    expect(JSON.stringify(done)).toMatch(/Mia reassigned this account from Bob to Ann/);
    const [activity] = await db.knex('activities').where({ customer_id: ids.south, kind: 'reassigned' });
    expect(activity.details).toEqual({ from: 'Bob', to: 'Ann' });
  });

  it('answers garbage button references without acting', async () => {
    expect(text(await click('not-a-ref'))).toMatch(/duebot does not know/);
    expect(text(await click('d9:claim:a=1'))).toMatch(/older or newer duebot/);
    expect(text(await submit('d1:claim', {}))).toMatch(/cannot be submitted/);
  });
});
