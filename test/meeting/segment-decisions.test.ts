import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import type { Reply } from '../../src/commands/interaction.ts';
import type { Database } from '../../src/db.ts';
import { openMeeting } from '../../src/jobs/meeting.ts';
import { encodeRef } from '../../src/views/action-ref.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import type { Message, User } from '../../src/views/model.ts';
import { agingBuckets } from '../../src/collections/aging.ts';
import { refreshWorklist } from '../../src/worklist/assess.ts';
import { openSegments, undecidedIn } from '../../src/worklist/segment-decisions.ts';
import { testConfig, testPolicy } from '../jobs/support.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

const today = '2026-12-01';
const ann: User = { platform: 'shell', id: 'ann', name: 'Ann' };
const vic: User = { platform: 'shell', id: 'vic', name: 'Vic' };
const textOf = (message: Message) => toFallbackText({ blocks: message.blocks });

function buttonRef(message: Message, label: RegExp): string {
  for (const b of message.blocks)
    if (b.type === 'actions') for (const x of b.buttons) if (label.test(x.label)) return x.ref;
  throw new Error(`no ${label} button in ${textOf(message)}`);
}

const messageOf = (reply: Reply): Message => {
  if (!('message' in reply)) throw new Error(`expected a message, got ${JSON.stringify(reply)}`);
  return reply.message;
};

describe.each(backends())('credit meeting: decisions by segment on %s (PB-28, issue 19)', (kind) => {
  let db: Database;
  let ctx: DispatchContext;
  const clock = createFixedClock(`${today}T02:00:00Z`, 'Asia/Shanghai');
  const ids: number[] = [];

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    const policy = await testPolicy(testConfig());
    ctx = { db: db.knex, clock, policy, pageSize: 10 };
    await seedStaff(db.knex, 'Ann', 'collector', 'shell');
    await seedStaff(db.knex, 'Vic', 'viewer', 'shell');
    ids.length = 0;
    // Four accounts 31-60 days overdue (due 2026-10-20 .. 10-23) and one over 90 (due 2026-08-31).
    for (const [i, due] of ['2026-10-20', '2026-10-21', '2026-10-22', '2026-10-23', '2026-08-31'].entries()) {
      const account = await seedAccount(db.knex, {
        name: `Segment account ${i + 1}`,
        items: [{ issueDate: '2026-08-01', dueDate: due, totalMinor: (10 + i) * 100_00 }],
      });
      ids.push(account.accountId);
    }
    await refreshWorklist({ db: db.knex, policy, today, timeZone: 'Asia/Shanghai' });
  });
  afterEach(async () => {
    await db?.close();
  });

  let posted: Message[] = [];
  const openParent = async (): Promise<Message> => {
    const posts = await db.knex.transaction((trx) =>
      openMeeting({
        db: trx,
        today,
        timeZone: 'Asia/Shanghai',
        settings: { minDaysOverdue: 30, months: 3, replies: 1 },
        chart: false,
      }),
    );
    posted = posts.map((p) => p.message);
    return posts[0]?.message as Message;
  };
  const meetingId = async () => Number((await db.knex('meetings').first('id')).id);
  /** The account posted as the one reply (worth most), and the four of the file. */
  const split = async () => {
    const [reply] = (await db.knex('meeting_accounts').where({ in_thread: true }).pluck('customer_id')).map(
      Number,
    );
    return { reply: reply as number, file: ids.filter((id) => id !== reply) };
  };
  const segment = (dimension: 'grade' | 'bucket' | 'owner', value: string) => `${dimension}:${value}`;
  const bucketOf = (label: string) => String(agingBuckets().findIndex((b) => b.label === label));
  /** Presses "Apply" for a segment (confirmed), as the preview's button would. */
  const apply = (query: string, decision: string, user = ann) =>
    meetingId().then((m) =>
      dispatch(ctx, {
        kind: 'action',
        ref: encodeRef({ v: 1, action: 'segment-apply', meetingId: m, decision, stateVersion: 1, query }),
        user,
        confirmed: true,
      }),
    );
  const decisions = async () =>
    Object.fromEntries(
      (await db.knex('meeting_accounts').whereNotNull('decision').select('customer_id', 'decision')).map(
        (r) => [Number(r.customer_id), String(r.decision)],
      ),
    );
  const historyCount = async (id: number) =>
    (await db.knex('activities').where({ kind: 'meeting_decision', customer_id: id })).length;

  it('decides every undecided file account of a segment once, each in its history, after a preview and a confirm', async () => {
    const parent = await openParent();
    const opened = await dispatch(ctx, {
      kind: 'action',
      ref: buttonRef(parent, /Decide a segment/),
      user: ann,
    });
    if (opened.kind !== 'openForm') throw new Error(`expected the form, got ${opened.kind}`);
    const segments = opened.form.fields.find((f) => f.id === 'segment');
    const options = segments?.type === 'select' ? segments.options : [];
    // One account (worth most) is a reply; the other four are in the file: three 31-60 and one 90+, or so.
    const bucket = options.find((o) => o.label.startsWith('31-60 days overdue'));
    expect(bucket?.label).toMatch(/: \d undecided$/);
    const undecided = Number(bucket?.label.match(/(\d) undecided/)?.[1]);
    expect(undecided).toBeGreaterThan(0);

    const preview = await dispatch(ctx, {
      kind: 'submit',
      ref: opened.form.ref,
      user: ann,
      values: { segment: bucket?.value ?? '', decision: 'credit-hold' },
    });
    expect(preview.kind).toBe('ephemeral');
    expect(textOf(messageOf(preview))).toContain(
      `Credit hold for the ${undecided} undecided accounts of 31-60 days overdue`,
    );
    const apply = buttonRef(messageOf(preview), /^Apply to \d accounts$/);
    expect(await db.knex('meeting_accounts').whereNotNull('decision')).toHaveLength(0); // nothing yet

    // Asked first; a no changes nothing.
    expect((await dispatch(ctx, { kind: 'action', ref: apply, user: ann })).kind).toBe('confirm');
    await dispatch(ctx, { kind: 'action', ref: apply, user: ann, confirmed: false });
    expect(await db.knex('meeting_accounts').whereNotNull('decision')).toHaveLength(0);

    const done = await dispatch(ctx, { kind: 'action', ref: apply, user: ann, confirmed: true });
    expect(textOf(messageOf(done))).toContain(
      `Recorded Credit hold for ${undecided} accounts of 31-60 days overdue, by Ann`,
    );
    const decided = await db
      .knex('meeting_accounts')
      .whereNotNull('decision')
      .select('customer_id', 'in_thread', 'decision');
    expect(decided).toHaveLength(undecided);
    expect(decided.every((r) => r.decision === 'credit_hold' && !r.in_thread)).toBe(true);
    const history = await db
      .knex('activities')
      .where({ kind: 'meeting_decision' })
      .select('customer_id', 'details');
    expect(history.map((h) => Number(h.customer_id)).sort()).toEqual(
      decided.map((r) => Number(r.customer_id)).sort(),
    );
    // The reply in the thread is decided on its own, never by a segment.
    expect(
      await db.knex('meeting_accounts').where({ in_thread: true }).whereNotNull('decision'),
    ).toHaveLength(0);

    // A second click (a double click, a retried delivery) finds nothing left and changes nothing.
    const again = await dispatch(ctx, { kind: 'action', ref: apply, user: ann, confirmed: true });
    expect(textOf(messageOf(again))).toContain('Nothing left undecided in 31-60 days overdue');
    expect(await db.knex('activities').where({ kind: 'meeting_decision' })).toHaveLength(undecided);
    // The segment is no longer offered.
    const reopened = await dispatch(ctx, {
      kind: 'action',
      ref: buttonRef(parent, /Decide a segment/),
      user: ann,
    });
    const labels = reopened.kind === 'openForm' ? JSON.stringify(reopened.form.fields) : '';
    expect(labels).not.toContain('31-60 days overdue');
  });

  it('refuses a viewer, a segment not listed and a forged button, changing nothing', async () => {
    const parent = await openParent();
    const ref = buttonRef(parent, /Decide a segment/);
    const refused = await dispatch(ctx, { kind: 'action', ref, user: vic });
    expect(textOf(messageOf(refused))).toMatch(/viewer/i);
    const opened = await dispatch(ctx, { kind: 'action', ref, user: ann });
    if (opened.kind !== 'openForm') throw new Error('expected the form');
    const bad = await dispatch(ctx, {
      kind: 'submit',
      ref: opened.form.ref,
      user: ann,
      values: { segment: 'colour:red', decision: 'sell-the-debt' },
    });
    expect(bad).toEqual({
      kind: 'formErrors',
      errors: {
        segment: 'choose one of the segments listed',
        decision: 'choose one of the decisions listed',
      },
    });
    // A ref for a meeting that does not exist.
    const forged = 'd1:segment-apply:s=3:m=99999:o=agency:q=grade:';
    const answer = await dispatch(ctx, { kind: 'action', ref: forged, user: ann, confirmed: true });
    expect(textOf(messageOf(answer))).toContain('There is no such credit meeting');
    expect(await db.knex('meeting_accounts').whereNotNull('decision')).toHaveLength(0);
  });
  it('reaches the accounts on the agenda when it is taken: one paid in full since the opening is not decided', async () => {
    await openParent();
    const { file } = await split();
    // Every account of the file is unclaimed; one of them is paid in full after the opening.
    const paid = file[0] as number;
    await db
      .knex('open_items')
      .where({ customer_id: paid })
      .update({ status: 'settled', open_minor: 0, settled_at: new Date('2026-12-01T03:00:00Z') });
    await refreshWorklist({ db: db.knex, policy: ctx.policy, today, timeZone: 'Asia/Shanghai' });
    expect(await undecidedIn(db.knex, await meetingId(), { dimension: 'owner', value: '' })).toBe(3);
    const done = await apply(segment('owner', ''), 'keep-working');
    expect(textOf(messageOf(done))).toContain('Recorded Keep working for 3 accounts of unclaimed, by Ann');
    const decided = await decisions();
    expect(Object.keys(decided).map(Number).sort()).toEqual(file.slice(1).sort());
    expect(decided[paid]).toBeUndefined();
    expect(await historyCount(paid)).toBe(0);
    // Each row decided by segment carries a snapshot of the account at the decision (days as of the meeting).
    const row = await db.knex('meeting_accounts').where({ customer_id: file[1] }).first();
    expect(row).toMatchObject({ in_thread: false, position: null, revision: 1 });
    expect(row.snapshot).toMatchObject({ accountId: file[1], owner: null, daysOverdue: expect.any(Number) });
  });

  it('a segment decided twice decides once, and an overlapping segment changes no decision taken', async () => {
    await openParent();
    const { file } = await split();
    const late = bucketOf('31-60');
    const first = await apply(segment('bucket', late), 'credit-hold');
    expect(textOf(messageOf(first))).toMatch(/Recorded Credit hold for \d accounts of 31-60 days overdue/);
    const before = await decisions();
    expect(await apply(segment('bucket', late), 'agency')).toMatchObject({ kind: 'replace' });
    expect(await decisions()).toEqual(before);
    // Every file account is unclaimed: the owner segment reaches only those the bucket did not.
    const rest = file.filter((id) => before[id] === undefined);
    const second = await apply(segment('owner', ''), 'agency');
    expect(textOf(messageOf(second))).toContain(`Recorded Agency for ${rest.length} accounts of unclaimed`);
    const after = await decisions();
    for (const id of file) expect(after[id]).toBe(before[id] ?? 'agency');
    for (const id of file) expect(await historyCount(id)).toBe(1);
  });

  it('never overwrites a decision taken on a reply', async () => {
    const parent = await openParent();
    const { reply } = await split();
    const replyPost = posted[1] as Message;
    const decided = await dispatch(ctx, {
      kind: 'action',
      ref: buttonRef(replyPost, /^Payment plan$/),
      user: ann,
    });
    expect(decided.kind).toBe('replace');
    // The reply's account is unclaimed too, and in one of the buckets: neither segment touches it.
    for (const s of [
      segment('owner', ''),
      segment('bucket', bucketOf('31-60')),
      segment('bucket', bucketOf('90+')),
    ])
      await apply(s, 'lawyer-letter');
    const row = await db.knex('meeting_accounts').where({ customer_id: reply }).first();
    expect(row).toMatchObject({ decision: 'payment_plan', in_thread: true, revision: 1 });
    expect(await historyCount(reply)).toBe(1);
    // The form offers nothing more: every account of the file is decided.
    expect(await openSegments(db.knex, await meetingId())).toEqual([]);
    const form = await dispatch(ctx, {
      kind: 'action',
      ref: buttonRef(parent, /Decide a segment/),
      user: ann,
    });
    expect(form.kind).toBe('ephemeral');
  });

  if (kind === 'postgres') {
    it('records each account once when two people apply overlapping segments at the same moment', async () => {
      await openParent();
      const { file } = await split();
      await seedStaff(db.knex, 'Sam', 'sales', 'shell');
      const sam: User = { platform: 'shell', id: 'sam', name: 'Sam' };
      const answers = await Promise.all([
        apply(segment('owner', ''), 'credit-hold'),
        apply(segment('bucket', bucketOf('31-60')), 'payment-plan', sam),
      ]);
      const counts = answers.map((a) => Number(textOf(messageOf(a)).match(/for (\d+) accounts/)?.[1] ?? 0));
      expect((counts[0] ?? 0) + (counts[1] ?? 0)).toBe(file.length);
      expect(
        Object.keys(await decisions())
          .map(Number)
          .sort(),
      ).toEqual([...file].sort());
      for (const id of file) expect(await historyCount(id)).toBe(1);
      const versions = await db.knex('account_state').whereIn('customer_id', file).pluck('version');
      expect(versions.every((v) => Number(v) >= 1)).toBe(true);
    });
  }
});
