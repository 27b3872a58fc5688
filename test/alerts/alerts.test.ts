import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toBlockKit } from '../../adapters/slack/block-kit.ts';
import { createFixedClock } from '../../src/clock.ts';
import { decodeRef } from '../../src/views/action-ref.ts';
import type { AlertSettings } from '../../src/config.ts';
import type { Database } from '../../src/db.ts';
import { checkAlerts, MAX_CROSSING_POSTS } from '../../src/jobs/alerts.ts';
import { withGeneratedFiles } from '../../src/reports/agenda-file.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import type { Message } from '../../src/views/model.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

const settings: AlertSettings = { thresholds: { CNY: 1000, USD: 200 }, minDaysOverdue: 1, jumpPercent: 0 };
const today = '2026-11-29';

/** Everything a text-only client would show of the message (its blocks, not the short notification). */
const textOf = (message: Message) => toFallbackText({ blocks: message.blocks });

function buttons(message: Message): string[] {
  return message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.label) : []));
}

describe.each(backends())('large-account alerts on %s (PB-07)', (kind) => {
  let db: Database;
  const clock = createFixedClock(`${today}T02:00:00Z`, 'Asia/Shanghai');
  beforeEach(async () => {
    db = await openTestDatabase(kind);
    clock.set(`${today}T02:00:00Z`);
    // The first check ever only takes stock (tested below); these tests start after it.
    await checkAlerts({ db: db.knex, today, timeZone: clock.timeZone, settings });
  });
  afterEach(async () => {
    await db?.close();
  });
  const run = () => checkAlerts({ db: db.knex, today: clock.today(), timeZone: clock.timeZone, settings });

  it('fires once per crossing and again after the account recovers and crosses again', async () => {
    const { accountId, itemIds } = await seedAccount(db.knex, {
      name: '苏州永信机械制造有限公司',
      items: [
        { dueDate: '2026-11-10', totalMinor: 600_00 },
        { dueDate: '2026-11-20', totalMinor: 300_00 },
        { dueDate: '2026-12-20', totalMinor: 900_00 }, // not yet due: never counts
      ],
    });
    expect(await run()).toEqual([]); // CNY 900 overdue, below 1,000

    await db.knex('open_items').where({ id: itemIds[1] }).update({ total_minor: 450_00, open_minor: 450_00 });
    const first = await run();
    expect(first).toHaveLength(1);
    expect(first[0]?.to).toEqual({ kind: 'channel', role: 'alerts' });
    expect(textOf(first[0]?.message as Message)).toContain(
      'CNY 1,050.00 overdue on the account, oldest 19 days',
    );
    expect(await run()).toEqual([]); // still above: nothing new
    expect(await run()).toEqual([]);

    await db.knex('open_items').where({ id: itemIds[0] }).update({ open_minor: 100_00 }); // part paid: 550
    expect(await run()).toEqual([]);
    const closed = await db.knex('alert_crossings').where({ customer_id: accountId });
    expect(closed.map((c) => c.recovered_at !== null)).toEqual([true]);

    await db.knex('open_items').where({ id: itemIds[0] }).update({ open_minor: 600_00 });
    const again = await run();
    expect(again).toHaveLength(1);
    expect(again[0]?.key).not.toBe(first[0]?.key);
    expect(await db.knex('alert_crossings').where({ customer_id: accountId })).toHaveLength(2);
  });

  it('announces a large invoice with its account in one post, with Claim and Log call', async () => {
    const { accountId } = await seedAccount(db.knex, {
      items: [{ number: 'INV-BIG', dueDate: '2026-10-01', totalMinor: 250_00, currency: 'USD' }],
    });
    const [post, ...rest] = await run();
    expect(rest).toEqual([]);
    expect(textOf(post?.message as Message)).toContain(
      'USD 250.00 overdue on the account, all of it invoice INV-BIG, oldest 59 days',
    );
    // A second large invoice while the account is still above: an invoice crossing of its own.
    await db.knex('open_items').insert({
      external_id: `X-${accountId}`,
      customer_id: accountId,
      invoice_number: 'INV-NEXT',
      issue_date: '2026-10-01',
      due_date: '2026-11-01',
      total_minor: 300_00,
      open_minor: 300_00,
      currency: 'USD',
      ledger_updated_at: new Date('2026-10-01T00:00:00Z'),
    });
    const [next, ...none] = await run();
    expect(none).toEqual([]);
    expect(textOf(next?.message as Message)).toContain('invoice INV-NEXT alone: USD 300.00, 28 days overdue');
    expect(textOf(next?.message as Message)).not.toContain('on the account');
    expect(buttons(post?.message as Message)).toEqual(['Claim', 'Log call', 'Open']);
    const refs = (post?.message as Message).blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
    expect(refs.map((b) => decodeRef(b.ref))).toMatchObject([
      { ok: true, value: { action: 'claim', accountId } },
      { ok: true, value: { action: 'log', accountId } },
      { ok: true, value: { action: 'open', accountId } },
    ]);
  });

  it('mentions the sales rep on Slack when the rep is a known staff user, and names an unknown one', async () => {
    await seedStaff(db.knex, 'Li Wei', 'sales', 'slack');
    await db.knex('users').where({ display_name: 'Li Wei' }).update({ platform_user_id: 'U0LIWEI' });
    const known = await seedAccount(db.knex, { items: [{ dueDate: '2026-11-01', totalMinor: 2000_00 }] });
    const unknown = await seedAccount(db.knex, { items: [{ dueDate: '2026-11-01', totalMinor: 3000_00 }] });
    await db.knex('customers').where({ id: known.accountId }).update({ sales_rep: 'li wei' });
    await db.knex('customers').where({ id: unknown.accountId }).update({ sales_rep: '张三' });
    const posts = await run();
    expect(posts).toHaveLength(2);
    const [k, u] = posts.map((p) => JSON.stringify(toBlockKit(p.message).blocks));
    expect(k).toContain('<@U0LIWEI>');
    expect(u).toContain('张三');
    expect(u).not.toContain('<@');
    expect(textOf(posts[0]?.message as Message)).toContain('Sales rep: @Li Wei');
  });

  it('takes stock once on the first check: one overview instead of an alert per account', async () => {
    await db.knex('alert_baseline').delete();
    await seedAccount(db.knex, {
      name: '上海华联贸易有限公司',
      items: [{ dueDate: '2026-11-01', totalMinor: 2000_00 }],
    });
    await seedAccount(db.knex, { items: [{ dueDate: '2026-11-20', totalMinor: 5000_00, currency: 'USD' }] });
    const [overview, ...rest] = await run();
    expect(rest).toEqual([]);
    expect(overview?.key).toBe('alert:baseline');
    const text = textOf(overview?.message as Message);
    expect(text).toContain('Large overdue balances: 2 already above the alert thresholds');
    expect(text).toContain('• 上海华联贸易有限公司: CNY 2,000.00 overdue, oldest 28 days');
    const recorded = await db.knex('alert_crossings').orderBy('id');
    expect(recorded).toHaveLength(4); // each account's balance and its one invoice
    expect(await run()).toEqual([]);
    // The second check records nothing twice and closes nothing still above.
    expect(await db.knex('alert_crossings').orderBy('id')).toEqual(recorded);
  });

  it('gives one overview and a file, not an alert per account, when more than 50 accounts cross at once', async () => {
    for (let i = 0; i < MAX_CROSSING_POSTS + 1; i++)
      await seedAccount(db.knex, {
        name: i === 0 ? '@SUM(1+1)' : `Account ${i}`,
        items: [{ dueDate: '2026-11-01', totalMinor: 2000_00 }],
      });
    const [overview, ...rest] = await run();
    expect(rest).toEqual([]);
    expect(overview?.key).toMatch(/^alert:overview:\d+$/);
    const text = textOf(overview?.message as Message);
    expect(text).toContain(
      'Large overdue balances: 51 accounts crossed the alert thresholds since the last check',
    );
    expect(text).toContain('CNY: 51 accounts, CNY 102,000 overdue');
    expect(text).toContain('… and 36 more');
    // The file is made when the outbox delivers the overview.
    const [file] = (await withGeneratedFiles(db.knex, overview?.message as Message)).files ?? [];
    const lines = Buffer.from(file?.data ?? [])
      .toString('utf8')
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    // Each account crossed twice: its balance and its one invoice.
    expect(lines).toHaveLength(1 + 2 * 51);
    expect(lines[0]).toBe('Account id,Account,Kind,Invoice,Currency,Overdue amount,Threshold,Days overdue');
    expect(lines.filter((l) => l.includes(",'@SUM(1+1),"))).toHaveLength(2);
    expect(await run()).toEqual([]); // recorded: the next check finds nothing new
  });

  it('ignores amounts fewer days overdue than the minimum', async () => {
    await seedAccount(db.knex, { items: [{ dueDate: '2026-11-25', totalMinor: 5000_00 }] });
    expect(
      await checkAlerts({
        db: db.knex,
        today: clock.today(),
        timeZone: clock.timeZone,
        settings: { ...settings, minDaysOverdue: 5 },
      }),
    ).toEqual([]);
    expect(
      await checkAlerts({
        db: db.knex,
        today: clock.today(),
        timeZone: clock.timeZone,
        settings: { ...settings, minDaysOverdue: 4 },
      }),
    ).toHaveLength(1);
  });

  it('announces a month-over-month jump of receivables once a month per currency', async () => {
    const jump = { ...settings, thresholds: {}, jumpPercent: 20 };
    const { accountId } = await seedAccount(db.knex, {
      items: [{ issueDate: '2026-10-01', dueDate: '2026-10-31', totalMinor: 1000_00 }],
    });
    await db
      .knex('open_items')
      .where({ customer_id: accountId })
      .update({ ledger_updated_at: '2026-10-01T02:00:00Z' });
    await seedAccount(db.knex, {
      items: [{ issueDate: '2026-11-10', dueDate: '2026-12-10', totalMinor: 150_00 }],
    });
    await db
      .knex('open_items')
      .where('issue_date', '2026-11-10')
      .update({ ledger_updated_at: '2026-11-10T02:00:00Z' });
    expect(
      await checkAlerts({ db: db.knex, today: clock.today(), timeZone: clock.timeZone, settings: jump }),
    ).toEqual([]); // +15 %

    await seedAccount(db.knex, {
      items: [{ issueDate: '2026-11-20', dueDate: '2026-12-20', totalMinor: 100_00 }],
    });
    await db
      .knex('open_items')
      .where('issue_date', '2026-11-20')
      .update({ ledger_updated_at: '2026-11-20T02:00:00Z' });
    const posts = await checkAlerts({
      db: db.knex,
      today: clock.today(),
      timeZone: clock.timeZone,
      settings: jump,
    });
    expect(posts.map((p) => p.key)).toEqual(['alert:jump:2026-11:CNY']);
    expect(textOf(posts[0]?.message as Message)).toContain(
      'Open receivables are CNY 1,250 on 29 Nov 2026, against CNY 1,000 on 29 Oct 2026: up 25.0%',
    );
    clock.set('2026-11-30T02:00:00Z');
    expect(
      await checkAlerts({ db: db.knex, today: clock.today(), timeZone: clock.timeZone, settings: jump }),
    ).toEqual([]);
  });

  if (kind === 'postgres') {
    it('posts a crossing once when three replicas check at the same moment', async () => {
      await seedAccount(db.knex, { items: [{ dueDate: '2026-11-01', totalMinor: 9000_00 }] });
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          db.knex.transaction((trx) =>
            checkAlerts({ db: trx, today: clock.today(), timeZone: clock.timeZone, settings }),
          ),
        ),
      );
      expect(results.flat()).toHaveLength(1);
    });

    it('opens nothing twice when a check waits for a concurrent one that has not committed yet', async () => {
      await seedAccount(db.knex, { items: [{ dueDate: '2026-11-01', totalMinor: 9000_00 }] });
      const check = (trx: Knex.Transaction) =>
        checkAlerts({ db: trx, today: clock.today(), timeZone: clock.timeZone, settings });
      const first = await db.knex.transaction();
      try {
        expect(await check(first)).toHaveLength(1);
        let secondDone = false;
        const second = db.knex.transaction(check).finally(() => {
          secondDone = true;
        });
        // The second check is waiting for a lock the first holds.
        await vi.waitFor(
          async () => {
            const { rows } = await db.knex.raw(
              `SELECT count(*)::int AS n FROM pg_stat_activity
               WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            );
            expect(rows[0].n).toBe(1);
          },
          { timeout: 30_000, interval: 20 },
        );
        expect(secondDone).toBe(false);
        await first.commit();
        expect(await second).toEqual([]);
      } finally {
        if (!first.isCompleted()) await first.rollback();
      }
      const open = await db.knex('alert_crossings').whereNull('recovered_at');
      expect(open.map((c) => c.kind).sort()).toEqual(['account', 'invoice']);
    });
  }
});
