import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/collections/account.ts';
import { createFixedClock } from '../../src/clock.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import type { Database } from '../../src/db.ts';
import { strFromU8, unzipSync } from 'fflate';
import { openMeeting } from '../../src/jobs/meeting.ts';
import { withGeneratedFiles } from '../../src/reports/agenda-file.ts';
import type { OutgoingPost } from '../../src/outbox/post.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import { refreshWorklist } from '../../src/worklist/assess.ts';
import type { Message, User } from '../../src/views/model.ts';
import type { Reply } from '../../src/commands/interaction.ts';
import { testConfig, testPolicy } from '../jobs/support.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

const today = '2026-12-01';
const settings = { minDaysOverdue: 30, months: 6 };
const textOf = (message: Message) => toFallbackText({ blocks: message.blocks });
const ann: User = { platform: 'shell', id: 'ann', name: 'Ann' };
const sam: User = { platform: 'slack', id: 'sam', name: 'Sam' };

function button(post: OutgoingPost | Message, label: string): string {
  const message = 'blocks' in post ? post : post.message;
  for (const b of message.blocks)
    if (b.type === 'actions') for (const x of b.buttons) if (x.label === label) return x.ref;
  throw new Error(`no ${label} button`);
}

function replaced(reply: Reply): Message {
  if (reply.kind !== 'replace')
    throw new Error(`expected a replace, got ${reply.kind}: ${JSON.stringify(reply)}`);
  return reply.message;
}

describe.each(backends())('monthly credit meeting on %s (PB-28)', (kind) => {
  let db: Database;
  let policy: Policy;
  let ctx: DispatchContext;
  const clock = createFixedClock(`${today}T02:00:00Z`, 'Asia/Shanghai');
  let late: { accountId: number };
  let later: { accountId: number };

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    policy = await testPolicy(testConfig());
    ctx = { db: db.knex, clock, policy, pageSize: 10 };
    await seedStaff(db.knex, 'Ann', 'collector', 'shell');
    await seedStaff(db.knex, 'Sam', 'sales', 'slack');
    // CNY: A issued 09-15 (due 10-15) 600.00 and B issued 10-20 (due 10-25) 900.00, both open.
    late = await seedAccount(db.knex, {
      name: '苏州永信机械制造有限公司',
      items: [
        { issueDate: '2026-09-15', dueDate: '2026-10-15', totalMinor: 600_00 },
        { issueDate: '2026-10-20', dueDate: '2026-10-25', totalMinor: 900_00 },
      ],
    });
    later = await seedAccount(db.knex, {
      name: 'Maple Leaf Components LLC',
      items: [{ issueDate: '2026-08-01', dueDate: '2026-08-31', totalMinor: 50_00, currency: 'USD' }],
    });
    await seedAccount(db.knex, {
      name: 'Recent Ltd',
      items: [{ issueDate: '2026-11-01', dueDate: '2026-11-21', totalMinor: 70_00, currency: 'USD' }],
    });
    await db.knex('customers').where({ id: late.accountId }).update({ sales_rep: 'Sam' });
    await db.knex('customers').where({ id: later.accountId }).update({ sales_rep: 'Jane Doe' });
  });
  afterEach(async () => {
    await db?.close();
  });

  // The worklist is assessed after each sync; the meeting reads it as it stands.
  const open = async () => {
    await refreshWorklist({ db: db.knex, policy, today, timeZone: 'Asia/Shanghai' });
    return db.knex.transaction((trx) =>
      openMeeting({ db: trx, today, timeZone: 'Asia/Shanghai', settings, chart: false }),
    );
  };

  it('posts the parent and one threaded reply per account over 30 days, once a month', async () => {
    const posts = await open();
    expect(posts.map((p) => [p.key, p.threadKey ?? null])).toEqual([
      ['meeting:2026-12', null],
      [`meeting:2026-12:account:${later.accountId}`, 'meeting:2026-12'],
      [`meeting:2026-12:account:${late.accountId}`, 'meeting:2026-12'],
    ]);
    expect(posts.every((p) => p.to.kind === 'channel' && p.to.role === 'meeting')).toBe(true);
    expect(await open()).toEqual([]);

    const parent = textOf(posts[0]?.message as Message);
    expect(parent).toContain('Accounts over 30 days: 2');
    expect(parent).toContain('Open receivables: CNY 1,500.00 + USD 120.00');
    expect(parent).toContain('Over 90 days: CNY 0.0% · USD 41.7%');
    // By hand: Nov ends at 1,500.00 with no November sales: 30 days; October's 900.00: 31 days, 600.00
    // left; all of September's 600.00: 30 days -> 91 days. CEI: (1,500 + 0 - 1,500) / (1,500 + 0 - 0) = 0 %.
    expect(parent).toContain('2026-11: DSO 91.0 days · CEI 0.0%');
    expect(parent.match(/^2026-0[6-9]|^2026-1[01]/gm)).toHaveLength(12); // six months, two currencies
    expect(parent).toContain('CEI = (opening balance + credit sales - closing balance)');

    const reply = textOf(posts[2]?.message as Message);
    expect(reply).toContain('苏州永信机械制造有限公司');
    expect(reply).toContain('CNY 1,500.00');
    expect(reply).toContain('47 days overdue');
    expect(reply).toContain('Sales rep: @Sam');
    expect(reply).toContain('Owner: unclaimed');
    expect(reply).toContain('Last contact: none yet');
    expect(textOf(posts[1]?.message as Message)).toContain('Sales rep: Jane Doe');
  });

  it('records decisions from finance and sales, the change naming both, and refuses a stale click', async () => {
    const posts = await open();
    const reply = posts[2] as OutgoingPost;
    const first = replaced(
      await dispatch(ctx, { kind: 'action', ref: button(reply, 'Payment plan'), user: ann }),
    );
    expect(textOf(first)).toMatch(/Decision: Payment plan, by Ann on 2026-12-01 \d\d:\d\d/);

    const second = replaced(
      await dispatch(ctx, { kind: 'action', ref: button(first, 'Credit hold'), user: sam }),
    );
    expect(textOf(second)).toContain('Decision: Credit hold, by Sam');
    expect(textOf(second)).toContain('(changed from Payment plan by Ann)');

    // Ann clicks on the reply she saw before Sam's change: nothing changes, she sees Sam's decision.
    // (Agency is asked about first; she says yes.) The note is hers only, the reply shows the decision.
    const agency = button(first, 'Agency');
    const stale = await dispatch(ctx, { kind: 'action', ref: agency, user: ann, confirmed: true });
    expect(stale).toMatchObject({
      kind: 'replace',
      note: 'Sam decided Credit hold meanwhile, so nothing was changed. Click again to change it.',
    });
    expect(textOf(replaced(stale))).toContain('Decision: Credit hold, by Sam');

    const row = await db.knex('meeting_accounts').where({ customer_id: late.accountId }).first();
    expect(row).toMatchObject({ decision: 'credit_hold', previous_decision: 'payment_plan', revision: 2 });
    const activities = await db
      .knex('activities')
      .where({ customer_id: late.accountId, kind: 'meeting_decision' })
      .orderBy('id');
    expect(activities.map((a) => [a.details.decision, a.details.previous ?? null])).toEqual([
      ['payment_plan', null],
      ['credit_hold', 'payment_plan'],
    ]);
  });

  it('posts the summary in the thread once, when the last account is decided', async () => {
    const posts = await open();
    const summaries = () => db.knex('outbox').where('idempotency_key', 'meeting:2026-12:summary');
    const agency = button(posts[1] as OutgoingPost, 'Agency');
    // Handing an account to an agency is asked about first; a no decides nothing.
    const asked = await dispatch(ctx, { kind: 'action', ref: agency, user: sam });
    expect(asked).toMatchObject({
      kind: 'confirm',
      confirm: { ref: agency, yes: 'Agency', question: expect.stringMatching(/^Agency for .+\?$/) },
    });
    await dispatch(ctx, { kind: 'action', ref: agency, user: sam, confirmed: false });
    expect(await db.knex('meeting_accounts').whereNotNull('decision')).toHaveLength(0);
    await dispatch(ctx, { kind: 'action', ref: agency, user: sam, confirmed: true });
    expect(await summaries()).toHaveLength(0);
    const done = replaced(
      await dispatch(ctx, {
        kind: 'action',
        ref: button(posts[2] as OutgoingPost, 'Keep working'),
        user: ann,
      }),
    );
    const [summary, ...more] = await summaries();
    expect(more).toEqual([]);
    expect(summary.thread_key).toBe('meeting:2026-12');
    expect(JSON.stringify(summary.payload)).toContain('Keep working 1 · Agency 1');
    await dispatch(ctx, { kind: 'action', ref: button(done, 'Payment plan'), user: sam }); // a change afterwards
    expect(await summaries()).toHaveLength(1);
  });

  it('over DUEBOT_MEETING_REPLIES accounts: replies for the ones worth most, the others in a file, complete when the replies are decided', async () => {
    await refreshWorklist({ db: db.knex, policy, today, timeZone: 'Asia/Shanghai' });
    // The ledger's name of an account is data: a would-be formula lands in the file as text.
    await db.knex('customers').where({ id: later.accountId }).update({ name: '=HYPERLINK("x","y")' });
    await db
      .knex('account_summary')
      .where({ customer_id: later.accountId })
      .update({ name: '=HYPERLINK("x","y")' });
    // The less overdue account is worth more (PB-08): it gets the reply, the most overdue goes to the file.
    await db.knex('account_summary').where({ customer_id: late.accountId }).update({ priority: 1_000_000 });
    await db.knex('account_summary').where({ customer_id: later.accountId }).update({ priority: 10 });
    const worthMost = { customer_id: late.accountId };
    const other = later;
    const posts = await db.knex.transaction((trx) =>
      openMeeting({
        db: trx,
        today,
        timeZone: 'Asia/Shanghai',
        settings: { ...settings, replies: 1 },
        chart: false,
      }),
    );
    expect(posts.map((p) => p.key)).toEqual([
      'meeting:2026-12',
      `meeting:2026-12:account:${worthMost.customer_id}`,
    ]);
    const parent = posts[0]?.message as Message;
    const text = textOf(parent);
    expect(text).toContain('Accounts over 30 days: 2');
    expect(text).toContain('The 1 accounts worth most (by expected recovery, PB-08) follow as replies');
    expect(text).toContain(
      'The other 1 are listed in the attached files credit-meeting-2026-12-accounts.xlsx, credit-meeting-2026-12-accounts.csv',
    );
    expect(text).toMatch(/By days overdue\*?: 31-60: 1 \(CNY 1,500\.00\) · 90\+: 1 \(USD 50\.00\)/);
    expect(text).toMatch(/By owner\*?: unclaimed: 2 \(CNY 1,500\.00 \+ USD 50\.00\)/);
    // The files are named, not carried: the outbox makes them from the agenda when it delivers the parent.
    expect(parent.files).toBeUndefined();
    expect(parent.generatedFiles?.map((f) => f.filename)).toEqual([
      'credit-meeting-2026-12-accounts.xlsx',
      'credit-meeting-2026-12-accounts.csv',
    ]);
    const made = await withGeneratedFiles(db.knex, parent);
    const [xlsx, file, ...others] = made.files ?? [];
    expect(others).toEqual([]);
    expect(made.generatedFiles).toBeUndefined();
    expect(file?.mimeType).toBe('text/csv');
    const csv = Buffer.from(file?.data ?? []).toString('utf8');
    const lines = csv
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Position,Account id,Account,Expected recovery,Currency,Open amount,Other currencies,Days overdue,Bucket,Grade,Owner,Sales rep,Ladder step,Next action,Last contact',
    );
    // The XLSX has the same columns and rows; the would-be formula is an inline string, never a formula.
    expect(xlsx?.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const sheet = strFromU8(
      unzipSync(xlsx?.data ?? new Uint8Array())['xl/worksheets/sheet1.xml'] ?? new Uint8Array(),
    );
    const rows = [...sheet.matchAll(/<row>(.*?)<\/row>/g)].map((m) =>
      [
        ...(m[1] ?? '').matchAll(/<c[^>]*?(?:\/>|>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>)/g),
      ].map((c) => c[1] ?? c[2] ?? ''),
    );
    expect(rows[0]?.join(',')).toBe(lines[0]);
    expect(rows).toHaveLength(2);
    expect(rows[1]?.slice(0, 3)).toEqual(['2', String(other.accountId), '=HYPERLINK("x","y")']);
    expect(sheet).not.toContain('<f>');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^2,${other.accountId},`));
    expect(lines[1]).toContain(`,"'=HYPERLINK(""x"",""y"")",10,USD,50.00,,`);
    // The meeting stores its agenda's definition and a row for the reply only: the file's account is read
    // from the worklist by the definition when the file is made (PB-28).
    expect((await db.knex('meeting_accounts').pluck('customer_id')).map(Number)).toEqual([
      worthMost.customer_id,
    ]);
    expect(await db.knex('meetings').first('cutoff', 'agenda_order', 'accounts', 'replies')).toEqual({
      cutoff: '2026-10-31',
      agenda_order: 'recovery',
      accounts: 2,
      replies: 1,
    });

    // Deciding the one reply completes the meeting; the file's account does not hold it open.
    const summaries = () => db.knex('outbox').where('idempotency_key', 'meeting:2026-12:summary');
    await dispatch(ctx, { kind: 'action', ref: button(posts[1] as OutgoingPost, 'Payment plan'), user: ann });
    const [summary] = await summaries();
    expect(JSON.stringify(summary?.payload)).toContain('every reply has a decision');
    expect(JSON.stringify(summary?.payload)).toContain(
      '1 more accounts of this meeting are in its attached file',
    );
  });

  it('refuses a viewer clearly and changes nothing', async () => {
    const posts = await open();
    await seedStaff(db.knex, 'Vic', 'viewer');
    const reply = await dispatch(ctx, {
      kind: 'action',
      ref: button(posts[1] as OutgoingPost, 'Credit hold'),
      user: { platform: 'shell', id: 'vic', name: 'Vic' },
    });
    expect(reply.kind).toBe('ephemeral');
    expect(textOf((reply as { message: Message }).message)).toContain(
      'Deciding on accounts in the credit meeting needs a collector, a manager or sales; you are a viewer.',
    );
    expect(await db.knex('meeting_accounts').whereNotNull('decision')).toHaveLength(0);
  });

  if (kind === 'postgres') {
    it('takes two simultaneous clicks on the same reply once', async () => {
      const posts = await open();
      const ref = button(posts[1] as OutgoingPost, 'Credit hold');
      const other = button(posts[1] as OutgoingPost, 'Payment plan');
      const replies = await Promise.all([
        dispatch(ctx, { kind: 'action', ref, user: ann }),
        dispatch(ctx, { kind: 'action', ref: other, user: sam }),
      ]);
      const rows = await db
        .knex('activities')
        .where({ customer_id: later.accountId, kind: 'meeting_decision' });
      expect(rows).toHaveLength(1);
      // The one who lost hears it in a note of their own; both see the reply as it now is.
      replies.forEach(replaced);
      const notes = replies.map((r) => (r.kind === 'replace' ? (r.note ?? '') : ''));
      expect(notes.filter((t) => t.includes('nothing was changed'))).toHaveLength(1);
    });
  }
});
