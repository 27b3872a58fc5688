/**
 * PB-02: the account card tells the whole story (each open item's state, the payment history, promises
 * kept and broken) and the history is there in full, a page at a time, through the one dispatcher.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAdaptiveCard } from '../../adapters/teams/adaptive-card.ts';
import { jsonBytes, TEAMS_LIMITS } from '../../adapters/teams/limits.ts';
import { toBlockKit } from '../../adapters/slack/block-kit.ts';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import type { Reply } from '../../src/commands/interaction.ts';
import type { Database } from '../../src/db.ts';
import { decodeRef, encodeRef } from '../../src/views/action-ref.ts';
import { HISTORY_PAGE_SIZE } from '../../src/views/history-view.ts';
import type { Block, User } from '../../src/views/model.ts';
import { openDispute } from '../../src/worklist/disputes.ts';
import { itemStates } from '../../src/worklist/item-states.ts';
import { pauseChasing } from '../../src/worklist/pauses.ts';
import { createPaymentPlan } from '../../src/worklist/plans.ts';
import { recordPromise } from '../../src/worklist/promises.ts';
import type { Actor } from '../../src/worklist/staff.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { assessSeeded, seedAccount, seedStaff } from '../support/seed.ts';

const TODAY = '2026-11-22';
const ann: User = { platform: 'shell', id: 'ann', name: 'Ann' };

/** Everything a person reads in a reply's message, block by block. */
function textOf(reply: Reply): string {
  if (!('message' in reply)) return `(${reply.kind})`;
  const one = (b: Block): string => {
    switch (b.type) {
      case 'header':
      case 'text':
      case 'context':
        return b.text;
      case 'fields':
        return b.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
      case 'actions':
        return b.buttons.map((x) => `[${x.label}]`).join(' ');
      case 'pager':
        return `Page ${b.page} of ${b.pages} ${b.prevLabel ?? ''} ${b.nextLabel ?? ''}`;
      default:
        return '';
    }
  };
  return reply.message.blocks.map(one).join('\n');
}

const pagerOf = (reply: Reply) =>
  'message' in reply ? reply.message.blocks.find((b) => b.type === 'pager') : undefined;

describe.each(backends())('the whole story of an account on %s', (kind) => {
  let db: Database;
  let ctx: DispatchContext;
  let collector: Actor;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ctx = {
      db: db.knex,
      clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
      policy: defaultPolicy,
      pageSize: 5,
    };
    collector = await seedStaff(db.knex, 'Ann');
  });
  afterAll(async () => {
    await db?.close();
  });

  const act = (interaction: Parameters<typeof dispatch>[1]) => dispatch(ctx, interaction);
  const show = (id: number) => act({ kind: 'command', text: `show #${id}`, user: ann, platform: 'shell' });
  const click = (ref: string) => act({ kind: 'action', ref, user: ann });

  /** An account with four open invoices, each put in another state, and two paid ones. */
  async function storied() {
    const { accountId, itemIds } = await seedAccount(db.knex, {
      name: 'Story Trading Ltd',
      items: [
        { number: 'ST-D', dueDate: '2026-09-01', totalMinor: 1_000_000 },
        { number: 'ST-P', dueDate: '2026-09-15', totalMinor: 2_000_000 },
        { number: 'ST-U', dueDate: '2026-10-01', totalMinor: 3_000_000, currency: 'USD' },
        { number: 'ST-Q', dueDate: '2026-10-10', totalMinor: 4_000_000 },
      ],
    });
    const [disputed, paused, planned, promised] = itemIds as [number, number, number, number];
    expect(
      (await openDispute(db.knex, collector, accountId, { itemIds: [disputed], reason: 'damaged' })).ok,
    ).toBe(true);
    expect(
      (
        await pauseChasing(
          db.knex,
          collector,
          accountId,
          { reason: 'away', until: '2026-12-20', invoices: 'ST-P' },
          TODAY,
        )
      ).ok,
    ).toBe(true);
    expect(
      (
        await createPaymentPlan(
          db.knex,
          collector,
          accountId,
          { currency: 'USD', firstDate: '2026-12-01' },
          TODAY,
        )
      ).ok,
    ).toBe(true);
    await db.knex.transaction(async (trx) => {
      const made = await recordPromise(trx, collector, accountId, {
        promisedDate: '2026-11-30',
        amountMinor: 4_000_000,
        currency: 'CNY',
        itemIds: [promised],
      });
      expect(made.ok).toBe(true);
    });
    await db.knex('open_items').insert([
      {
        external_id: `paid-late-${accountId}`,
        customer_id: accountId,
        invoice_number: 'ST-OLD1',
        issue_date: '2026-07-01',
        due_date: '2026-08-01',
        total_minor: 500_000,
        open_minor: 0,
        currency: 'CNY',
        ledger_updated_at: new Date('2026-08-13T02:00:00Z'),
        status: 'settled',
        settled_at: new Date('2026-08-13T02:00:00Z'), // 13 Aug in Shanghai: 12 days late
      },
      {
        external_id: `paid-early-${accountId}`,
        customer_id: accountId,
        invoice_number: 'ST-OLD2',
        issue_date: '2026-07-01',
        due_date: '2026-09-01',
        total_minor: 700_000,
        open_minor: 0,
        currency: 'CNY',
        ledger_updated_at: new Date('2026-08-30T02:00:00Z'),
        status: 'settled',
        settled_at: new Date('2026-08-30T02:00:00Z'),
      },
    ]);
    await db.knex('promises').insert([
      {
        customer_id: accountId,
        promised_date: '2026-08-10',
        amount_minor: 500_000,
        currency: 'CNY',
        status: 'kept',
        paid_minor: 500_000,
      },
      {
        customer_id: accountId,
        promised_date: '2026-09-20',
        amount_minor: 900_000,
        currency: 'CNY',
        status: 'broken',
        paid_minor: 0,
      },
    ]);
    // Opened on 2 Nov in Shanghai (the row takes the real time; the test's business day is 22 Nov).
    await db
      .knex('disputes')
      .where({ customer_id: accountId })
      .update({ opened_at: new Date('2026-11-02T02:00:00Z') });
    await assessSeeded(db.knex);
    return { accountId, itemIds: { disputed, paused, planned, promised } };
  }

  it('shows each open item with its state: disputed, paused, in a plan, promised', async () => {
    const { accountId } = await storied();
    const text = textOf(await show(accountId));
    expect(text).toMatch(/\*ST-D\*.*disputed since 2 Nov/);
    expect(text).toMatch(/\*ST-P\*.*paused until 20 Dec/);
    expect(text).toMatch(/\*ST-U\*.*in plan #\d+, next 1 Dec/);
    expect(text).toMatch(/\*ST-Q\*.*promised CNY 40,000\.00 by 30 Nov/);
  });

  it('shows the payment history with paid dates and days late, and the promises kept and broken', async () => {
    const { accountId } = await storied();
    const text = textOf(await show(accountId));
    expect(text).toMatch(/Payment history\*: 2 paid, 1 of them late/);
    expect(text).toMatch(/ST-OLD1 · CNY 5,000\.00 · due 1 Aug · paid 13 Aug · 12 days late/);
    expect(text).toMatch(/ST-OLD2 · CNY 7,000\.00 · due 1 Sep · paid 30 Aug · on time/);
    expect(text).toMatch(/Promises\*: 1 kept, 0 partly kept, 1 broken/);
    expect(text).toMatch(/promise of CNY 9,000\.00 by 20 Sep: broken/);
  });

  it('counts a whole-account pause on every open item, and forgets a pause once it ended', async () => {
    const { accountId, itemIds } = await seedAccount(db.knex, {
      items: [
        { number: 'WP-1', dueDate: '2026-10-01', totalMinor: 1_000_000 },
        { number: 'WP-2', dueDate: '2026-10-02', totalMinor: 1_000_000 },
      ],
    });
    await pauseChasing(
      db.knex,
      collector,
      accountId,
      { reason: 'insolvency check', until: '2026-11-25' },
      TODAY,
    );
    const now = await itemStates(db.knex, accountId, TODAY, 'Asia/Shanghai');
    for (const id of itemIds) expect(now.get(id)?.map((s) => s.kind)).toEqual(['paused']);
    const later = await itemStates(db.knex, accountId, '2026-11-25', 'Asia/Shanghai');
    expect(later.size).toBe(0);
  });

  it('pages through the whole history, not only the newest 30, with Older and Newer', async () => {
    const { accountId } = await seedAccount(db.knex, {
      name: 'Long Story Ltd',
      items: [{ dueDate: '2026-10-01', totalMinor: 1_000_000 }],
    });
    const total = HISTORY_PAGE_SIZE * 2 + 5;
    await db.knex('activities').insert(
      Array.from({ length: total }, (_, i) => ({
        customer_id: accountId,
        actor_user_id: collector.userId,
        platform: 'shell',
        kind: 'note',
        details: JSON.stringify({ notes: `entry ${i + 1}` }),
      })),
    );
    const first = await act({ kind: 'command', text: `history #${accountId}`, user: ann, platform: 'shell' });
    expect(first.kind).toBe('ephemeral');
    expect(textOf(first)).toMatch(new RegExp(`"entry ${total}"`));
    expect(textOf(first)).toMatch(`Entries 1-${HISTORY_PAGE_SIZE} of ${total}, newest first`);
    const pager1 = pagerOf(first);
    if (pager1?.type !== 'pager' || !pager1.nextRef) throw new Error('no Older on the first page');
    expect(pager1.prevRef).toBeUndefined();
    expect(pager1.nextLabel).toBe('Older');

    const second = await click(pager1.nextRef);
    expect(second.kind).toBe('replace');
    const pager2 = pagerOf(second);
    if (pager2?.type !== 'pager' || !pager2.nextRef || !pager2.prevRef) throw new Error('no pager on page 2');
    expect(pager2.prevLabel).toBe('Newer');
    const third = await click(pager2.nextRef);
    expect(textOf(third)).toMatch(`Entries ${HISTORY_PAGE_SIZE * 2 + 1}-${total} of ${total}`);
    expect(textOf(third)).toMatch(/"entry 1"$/m);
    const pager3 = pagerOf(third);
    expect(pager3?.type === 'pager' && pager3.nextRef).toBeFalsy();
    const back = await click(pager2.prevRef);
    expect(textOf(back)).toMatch(`Entries 1-${HISTORY_PAGE_SIZE} of ${total}`);
  });

  it('keeps a crowded card and a history page of long notes within Slack and Teams limits', async () => {
    const items = Array.from({ length: 20 }, (_, i) => ({
      number: `CROWDED-INVOICE-NUMBER-${String(i).padStart(4, '0')}`,
      dueDate: '2026-09-01',
      totalMinor: 1_000_000 + i,
    }));
    const { accountId, itemIds } = await seedAccount(db.knex, { name: 'Crowded Trading', items });
    await openDispute(db.knex, collector, accountId, { itemIds: itemIds.slice(0, 10), reason: 'x' });
    await pauseChasing(db.knex, collector, accountId, { reason: 'all', until: '2026-12-20' }, TODAY);
    await db.knex('activities').insert(
      Array.from({ length: 30 }, () => ({
        customer_id: accountId,
        platform: 'shell',
        kind: 'note',
        details: JSON.stringify({ notes: '长'.repeat(4000) }),
      })),
    );
    await assessSeeded(db.knex);
    const card = await show(accountId);
    const page = await act({ kind: 'command', text: `history #${accountId}`, user: ann, platform: 'shell' });
    const seen: string[] = [];
    for (const reply of [card, page]) {
      if (!('message' in reply)) throw new Error(`expected a message, got ${reply.kind}`);
      seen.push(JSON.stringify(toBlockKit(reply.message)));
      const slack = toBlockKit(reply.message);
      expect(slack.blocks.length).toBeLessThanOrEqual(50);
      expect(JSON.stringify(slack.blocks)).not.toMatch(/more not shown/);
      const teams = toAdaptiveCard(reply.message);
      expect(jsonBytes(teams)).toBeLessThanOrEqual(TEAMS_LIMITS.messageBytes);
      expect(JSON.stringify(teams)).not.toMatch(/more not shown/);
    }
    expect(seen[0]).toMatch(/Payment history/);
    expect(seen[1]).toMatch(/Older/);
  });

  it('answers a page past the last with the oldest page, saying so, and writes nothing', async () => {
    const { accountId } = await seedAccount(db.knex, {
      items: [{ dueDate: '2026-10-01', totalMinor: 1_000 }],
    });
    await db.knex('activities').insert({
      customer_id: accountId,
      platform: 'shell',
      kind: 'note',
      details: JSON.stringify({ notes: 'only entry' }),
    });
    const before = await db.knex('activities').count({ n: '*' }).first();
    const reply = await click(encodeRef({ v: 1, action: 'history', accountId, page: 999 }));
    expect(textOf(reply)).toMatch(/There is no page 999: the history has 1 page\. Here is the oldest\./);
    expect(textOf(reply)).toMatch(/"only entry"/);
    expect(await db.knex('activities').count({ n: '*' }).first()).toEqual(before);
  });

  it('refuses a tampered page (0, negative, not a number) with a clear answer', async () => {
    const { accountId } = await seedAccount(db.knex, {
      items: [{ dueDate: '2026-10-01', totalMinor: 1_000 }],
    });
    for (const page of ['0', '-1', 'x', '99999999999']) {
      const ref = `d1:history:a=${accountId}:p=${page}`;
      expect(decodeRef(ref).ok).toBe(false);
      const reply = await click(ref);
      expect(reply.kind).toBe('ephemeral');
      expect(textOf(reply)).toMatch(/action reference/);
    }
  });

  it('answers a history page of an account that does not exist without an error', async () => {
    const reply = await click(encodeRef({ v: 1, action: 'history', accountId: 987654321, page: 2 }));
    expect(textOf(reply)).toMatch(/There is no account #987654321/);
  });
});
