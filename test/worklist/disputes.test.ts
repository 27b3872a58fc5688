import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { Database } from '../../src/db.ts';
import { checkAlerts } from '../../src/jobs/alerts.ts';
import { assessOne } from '../../src/worklist/assess.ts';
import { itemsNamed, openDispute, resolveDispute } from '../../src/worklist/disputes.ts';
import type { Actor } from '../../src/worklist/staff.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

const TZ = 'Asia/Shanghai';
const today = '2026-11-22';
let unique = 0;
const tag = () => `${Date.now().toString(36)}${(unique += 1)}`;

describe.each(backends())('disputes on %s (PB-21)', (kind) => {
  let db: Database;
  let ann: Actor;
  let bob: Actor;
  let vic: Actor;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ann = await seedStaff(db.knex, 'Ann');
    bob = await seedStaff(db.knex, 'Bob');
    vic = await seedStaff(db.knex, 'Vic', 'viewer');
  });
  afterAll(async () => {
    await db?.close();
  });

  const assess = async (accountId: number, day = today) => {
    const a = await assessOne({ db: db.knex, policy: defaultPolicy, today: day, timeZone: TZ }, accountId);
    if (!a) throw new Error(`no account ${accountId}`);
    return a;
  };
  const disputesOf = (accountId: number) => db.knex('disputes').where({ customer_id: accountId });
  const open = async (accountId: number, numbers: string, reason = 'damaged goods', who = ann) => {
    const named = await itemsNamed(db.knex, accountId, numbers);
    if (!named.ok) throw new Error(named.error.message);
    const opened = await openDispute(db.knex, who, accountId, {
      itemIds: named.value.map((i) => i.id),
      reason,
    });
    if (!opened.ok) throw new Error(opened.error.message);
    return opened.value.disputeId;
  };
  /** Two invoices: A long overdue (over a year unpaid) and large, B recent and small. */
  const twoInvoices = async () => {
    const t = tag();
    const { accountId, itemIds } = await seedAccount(db.knex, {
      items: [
        { number: `A-${t}`, dueDate: '2025-10-01', totalMinor: 2_000_00 },
        { number: `B-${t}`, dueDate: '2026-11-01', totalMinor: 500_00 },
      ],
    });
    return { accountId, itemIds, a: `A-${t}`, b: `B-${t}`, t };
  };

  it('a disputed invoice is absent from the ladder, interest, alerts and grade while the rest of the account is chased', async () => {
    const settings = { thresholds: { CNY: 1000 }, minDaysOverdue: 1, jumpPercent: 0 };
    const alerts = () => checkAlerts({ db: db.knex, today, timeZone: TZ, settings });
    await alerts(); // the first check only takes stock of what is above already
    const { accountId, a, b, t } = await twoInvoices();
    // The same account without invoice A, for the grade it would have.
    const twin = await seedAccount(db.knex, {
      items: [{ number: `B2-${t}`, dueDate: '2026-11-01', totalMinor: 500_00 }],
    });
    const crossings = () =>
      db.knex('alert_crossings').where({ customer_id: accountId }).whereNull('recovered_at').orderBy('kind');

    const before = await assess(accountId);
    expect(before.ladder.anchorDueDate).toBe('2025-10-01');
    expect(before.blacklist.set).toBe(true);
    expect(before.items.find((i) => i.number === a)?.interestMinor).toBeGreaterThan(0);
    await alerts();
    expect((await crossings()).map((c) => c.kind)).toEqual(['account', 'invoice']);

    await open(accountId, a);
    const after = await assess(accountId);
    const itemA = after.items.find((i) => i.number === a);
    const itemB = after.items.find((i) => i.number === b);
    // Interest: nothing on A, B still accrues (21 days at 0.05% on 500.00 = 5.25).
    expect(itemA).toMatchObject({ disputed: true, interestMinor: 0 });
    expect(itemB).toMatchObject({ disputed: false, interestMinor: 5_25 });
    expect(after.interest.byCurrency).toEqual({ CNY: 5_25 });
    // Ladder: anchored on B, which is still chased.
    expect(after.ladder.anchorDueDate).toBe('2026-11-01');
    expect(after.ladder.status).toBe('active');
    expect(after.ladder.nextAction).not.toBeNull();
    expect(after.maxDaysOverdue).toBe(21);
    // Grade: as if A were not there.
    const twinGrade = (await assess(twin.accountId)).grade;
    expect(after.grade).toEqual(twinGrade);
    expect(after.blacklist.set).toBe(false);
    // Alerts: both crossings end (500.00 left is below 1,000) and nothing new is announced.
    const posts = await alerts();
    expect(posts.filter((p) => JSON.stringify(p.message).includes(a))).toEqual([]);
    expect(await crossings()).toEqual([]);
  });

  it('opens a dispute only on open invoices of this account, refusing anything else by field and writing nothing', async () => {
    const { accountId, itemIds, a, b } = await twoInvoices();
    const other = await twoInvoices();
    await db
      .knex('open_items')
      .where({ id: itemIds[1] })
      .update({ status: 'settled', open_minor: 0, settled_at: new Date() });
    const named = async (text: string) => {
      const r = await itemsNamed(db.knex, accountId, text);
      return r.ok ? r.value : r.error.fields;
    };
    expect(await named('NOPE-1')).toEqual({ invoices: 'not invoices of this account: NOPE-1' });
    expect(await named(other.a)).toEqual({ invoices: `not invoices of this account: ${other.a}` });
    expect(await named(b)).toEqual({ invoices: `not open any more: ${b}` });
    expect(await named(' , ')).toEqual({ invoices: 'name at least one invoice' });
    expect(await named(`${a.toLowerCase()}, ${a}`)).toEqual([{ id: itemIds[0], number: a }]);

    const attempt = (input: { itemIds: number[]; reason: string; contact?: string }, who = ann) =>
      openDispute(db.knex, who, accountId, input).then((r) =>
        r.ok ? 'opened' : (r.error.fields ?? r.error.code),
      );
    expect(await attempt({ itemIds: [itemIds[0] ?? 0], reason: '  ' })).toEqual({ reason: 'required' });
    expect(await attempt({ itemIds: [itemIds[0] ?? 0], reason: 'x'.repeat(2001) })).toEqual({
      reason: 'at most 2000 characters',
    });
    expect(await attempt({ itemIds: [itemIds[0] ?? 0], reason: 'ok', contact: 'y'.repeat(201) })).toEqual({
      contact: 'at most 200 characters',
    });
    expect(await attempt({ itemIds: [], reason: 'ok' })).toEqual({ invoices: 'choose at least one invoice' });
    expect(await attempt({ itemIds: [other.itemIds[0] ?? 0], reason: 'ok' })).toEqual({
      invoices: 'only open invoices of this account can be disputed',
    });
    expect(await attempt({ itemIds: [itemIds[1] ?? 0], reason: 'ok' })).toEqual({
      invoices: 'only open invoices of this account can be disputed',
    });
    expect(await attempt({ itemIds: [itemIds[0] ?? 0], reason: 'ok' }, vic)).toBe('forbidden');
    expect(await disputesOf(accountId)).toEqual([]);
    expect(await db.knex('activities').where({ customer_id: accountId })).toEqual([]);
  });

  it('opens one dispute when two people dispute the same invoice at once', async () => {
    const { accountId, itemIds } = await twoInvoices();
    const both = await Promise.all(
      [ann, bob].map((who) =>
        openDispute(db.knex, who, accountId, { itemIds: [itemIds[0] ?? 0], reason: 'late' }),
      ),
    );
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    const lost = both.find((r) => !r.ok);
    expect(lost?.ok === false && lost.error.fields?.invoices).toMatch(/^already disputed: A-/);
    expect(await disputesOf(accountId)).toHaveLength(1);
  });

  it('resolves a dispute once, recording who and why; a second resolve or another account’s dispute is refused by field', async () => {
    const { accountId, a } = await twoInvoices();
    const other = await twoInvoices();
    const disputeId = await open(accountId, a);
    const resolve = (
      input: { disputeId: number; outcome: string; note: string },
      id = accountId,
      who = ann,
    ) =>
      resolveDispute(db.knex, who, id, input).then((r) =>
        r.ok ? r.value : (r.error.fields ?? r.error.code),
      );

    expect(await resolve({ disputeId, outcome: 'maybe', note: '' })).toEqual({
      outcome: 'choose one of the outcomes in the list',
      note: 'say why it was resolved this way',
    });
    expect(await resolve({ disputeId, outcome: 'withdrawn', note: 'ok' }, other.accountId)).toEqual({
      dispute: `#${disputeId} is not a dispute of this account`,
    });
    expect(await resolve({ disputeId: 0, outcome: 'withdrawn', note: 'ok' })).toEqual({
      dispute: 'choose the dispute',
    });
    expect(await resolve({ disputeId, outcome: 'withdrawn', note: 'ok' }, accountId, vic)).toBe('forbidden');
    expect((await disputesOf(accountId))[0]?.resolved_at).toBeNull();

    // Two people resolve at once: one wins, the other hears who did it and when.
    const both = await Promise.all(
      [ann, bob].map((who) =>
        resolveDispute(db.knex, who, accountId, {
          disputeId,
          outcome: 'rejected_collect',
          note: `${who.name}: photos show it intact`,
        }),
      ),
    );
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    const winner = both[0]?.ok ? 'Ann' : 'Bob';
    const lost = both.find((r) => !r.ok);
    expect(lost?.ok === false && lost.error.fields?.dispute).toMatch(
      new RegExp(
        `^#${disputeId} was already resolved by ${winner} on \\d{4}-\\d\\d-\\d\\d \\(rejected collect\\)$`,
      ),
    );
    const [row] = await disputesOf(accountId);
    expect(row).toMatchObject({
      outcome: 'rejected_collect',
      resolution_note: `${winner}: photos show it intact`,
    });
    const kinds = (await db.knex('activities').where({ customer_id: accountId }).orderBy('id')).map(
      (r) => r.kind,
    );
    expect(kinds).toEqual(['dispute_opened', 'dispute_resolved']);
  });

  it('after a dispute against the customer, the items pick up on the ladder and interest where they stood', async () => {
    const t = tag();
    const { accountId } = await seedAccount(db.knex, {
      items: [{ number: `C-${t}`, dueDate: '2026-10-01', totalMinor: 1_000_00 }],
    });
    const disputeId = await open(accountId, `C-${t}`);
    const resolved = await resolveDispute(db.knex, ann, accountId, {
      disputeId,
      outcome: 'rejected_collect',
      note: 'delivery note signed',
    });
    expect(resolved.ok).toBe(true);
    // Opened on 11 Oct, resolved on 11 Nov: 31 days the clock stood still.
    await db
      .knex('disputes')
      .where({ id: disputeId })
      .update({ opened_at: '2026-10-11T04:00:00Z', resolved_at: '2026-11-11T04:00:00Z' });
    const a = await assess(accountId);
    expect(a.maxDaysOverdue).toBe(52); // PB-01: calendar days since the due date, as ever
    expect(a.ladder.day).toBe(21); // 52 - 31
    expect(a.items[0]?.interestMinor).toBe(10_50); // 21 days at 0.05% on 1,000.00
    expect(a.items[0]?.disputed).toBe(false);
  });

  it('in the customer’s favour, the items wait off the ladder for the credit note, then the rest is chased', async () => {
    const { accountId, itemIds, a, b } = await twoInvoices();
    await db
      .knex('open_items')
      .where({ id: itemIds[1] })
      .update({ status: 'settled', open_minor: 0, settled_at: new Date() });
    const disputeId = await open(accountId, a);
    const resolved = await resolveDispute(db.knex, ann, accountId, {
      disputeId,
      outcome: 'upheld_credit_note',
      note: 'wrong price invoiced',
    });
    expect(resolved.ok && resolved.value).toEqual({ outcome: 'upheld_credit_note', invoices: [a] });
    const waiting = await assess(accountId);
    expect(waiting.items[0]).toMatchObject({ number: a, disputed: true, interestMinor: 0 });
    expect(waiting.ladder.status).toBe('disputed');
    // A new dispute on it is possible (the first is resolved), but nothing is chased meanwhile.
    expect(b).toBeTruthy();
    // The credit note: 1,500.00 credited, 500.00 left to collect.
    await db.knex('open_items').where({ id: itemIds[0] }).update({ open_minor: 500_00 });
    const chased = await assess(accountId);
    expect(chased.items[0]).toMatchObject({ number: a, disputed: false, openMinor: 500_00 });
    expect(chased.ladder.status).toBe('active');
  });
});
