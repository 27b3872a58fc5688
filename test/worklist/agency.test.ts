import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/collections/account.ts';
import { addDays } from '../../src/collections/dates.ts';
import type { Database } from '../../src/db.ts';
import { stateVersion } from '../../src/worklist/activity.ts';
import { handOver } from '../../src/worklist/agency.ts';
import { accountHistory } from '../../src/worklist/account-history.ts';
import { describeEntry } from '../../src/views/history-view.ts';
import { ladderReasonWords } from '../../src/views/ladder-words.ts';
import { translator, type Translator } from '../../src/i18n/translate.ts';
import { assessOne } from '../../src/worklist/assess.ts';
import { logOutcome } from '../../src/worklist/log-outcome.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

const TODAY = '2026-11-22';
const ctx = (db: Database) => ({
  db: db.knex,
  policy: defaultPolicy,
  today: TODAY,
  timeZone: 'Asia/Shanghai',
});

describe.each(backends())('hand-over to a collection agency on %s (PB-30)', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  const rows = (table: string, id: number) => db.knex(table).where({ customer_id: id });

  it('records agency, day, amount and the time spent before, and stops internal chasing', async () => {
    const mia = await seedStaff(db.knex, 'Mia', 'manager');
    const ann = await seedStaff(db.knex, 'Ann', 'collector');
    const { accountId } = await seedAccount(db.knex, {
      items: [
        { dueDate: addDays(TODAY, -95), totalMinor: 5_000_000 },
        { dueDate: addDays(TODAY, -40), totalMinor: 1_000_000, currency: 'USD' },
      ],
    });
    await logOutcome(db.knex, ann, accountId, { channel: 'call', result: 'no_answer' }, TODAY);
    await logOutcome(db.knex, ann, accountId, { channel: 'email', result: 'reached' }, TODAY);
    await logOutcome(
      db.knex,
      ann,
      accountId,
      { channel: 'note', result: 'reached', notes: 'internal' },
      TODAY,
    );
    expect((await assessOne(ctx(db), accountId))?.ladder.status).toBe('active');
    const done = await handOver(
      db.knex,
      mia,
      accountId,
      { agency: ' Acme Recovery ', note: 'fee 12%' },
      TODAY,
      undefined,
    );
    expect(done).toEqual({
      ok: true,
      value: {
        agency: 'Acme Recovery',
        handedOverOn: TODAY,
        amounts: { CNY: 5_000_000, USD: 1_000_000 },
        daysWorked: 95,
        contactAttempts: 2,
      },
    });
    const after = await assessOne(ctx(db), accountId);
    expect(after?.ladder).toMatchObject({ status: 'paused', nextAction: null });
    // duebot's own reason is kept by its kind, not as English, and said in each reader's language (issue 20).
    expect(after?.ladder.reason).toEqual({
      kind: 'paused',
      until: null,
      why: { kind: 'handed-over', agency: 'Acme Recovery' },
    });
    expect(await rows('pauses', accountId).first('reason', 'reason_note')).toEqual({
      reason: null,
      reason_note: { kind: 'handed-over', agency: 'Acme Recovery' },
    });
    const said = (t: Translator) => (after ? ladderReasonWords(t, after.ladder.reason) : '');
    expect(said(translator('en'))).toBe('Chasing paused: handed over to Acme Recovery (PB-30)');
    expect(said(translator('zh-CN'))).toBe('暂停催收：已移交给 Acme Recovery（PB-30）');
    expect(said(translator('zh-TW'))).toBe('暫停催收：已移交給 Acme Recovery（PB-30）');
    expect(await rows('agency_handovers', accountId)).toHaveLength(1);
    expect(await rows('activities', accountId).where({ kind: 'handed_over' })).toHaveLength(1);
    // PB-02: the file alone tells the agency's story.
    const file = await accountHistory(db.knex, accountId);
    const entry = file?.history.find((h) => h.kind === 'handed_over');
    expect(entry && describeEntry(entry)).toBe(
      'Mia handed the account over to Acme Recovery: CNY 50,000.00 + USD 10,000.00 after 95 days and 2 contact attempts (PB-30)',
    );
    // A second hand-over (a double click, another manager) says where it went and changes nothing.
    const again = await handOver(db.knex, mia, accountId, { agency: 'Other' }, TODAY, undefined);
    expect(again.ok ? '' : again.error.message).toBe(
      `This account was already handed over to Acme Recovery on ${TODAY}.`,
    );
    expect(await rows('pauses', accountId)).toHaveLength(1);
  });

  it('refuses a collector, a missing or oversized agency, a stale form, nothing open or no account; writes nothing', async () => {
    const mia = await seedStaff(db.knex, 'Mia', 'manager');
    const ann = await seedStaff(db.knex, 'Ann', 'collector');
    const { accountId } = await seedAccount(db.knex, {
      items: [{ dueDate: addDays(TODAY, -95), totalMinor: 100 }],
    });
    const collector = await handOver(db.knex, ann, accountId, { agency: 'X' }, TODAY, undefined);
    expect(collector.ok ? '' : collector.error.message).toMatch(/needs a manager/);
    const missing = await handOver(db.knex, mia, accountId, { agency: '  ' }, TODAY, undefined);
    expect(missing.ok ? {} : missing.error.fields).toEqual({ agency: 'name the agency' });
    const long = await handOver(
      db.knex,
      mia,
      accountId,
      { agency: 'x'.repeat(101), note: 'y'.repeat(1001) },
      TODAY,
      undefined,
    );
    expect(long.ok ? {} : long.error.fields).toEqual({
      agency: 'at most 100 characters',
      note: 'at most 1,000 characters',
    });
    const control = await handOver(db.knex, mia, accountId, { agency: 'A\u0007B' }, TODAY, undefined);
    expect(control.ok ? {} : control.error.fields).toEqual({ agency: 'one line, no control characters' });
    const version = await stateVersion(db.knex, accountId);
    const stale = await handOver(db.knex, mia, accountId, { agency: 'X' }, TODAY, version + 1);
    expect(stale.ok ? '' : stale.error.code).toBe('stale');
    const nobody = await handOver(db.knex, mia, 987_654_321, { agency: 'X' }, TODAY, undefined);
    expect(nobody.ok ? '' : nobody.error.code).toBe('not_found');
    const { accountId: paid } = await seedAccount(db.knex, {
      items: [{ dueDate: addDays(TODAY, -95), totalMinor: 100, openMinor: 0 }],
    });
    const empty = await handOver(db.knex, mia, paid, { agency: 'X' }, TODAY, undefined);
    expect(empty.ok ? '' : empty.error.message).toMatch(/Nothing is open/);
    for (const id of [accountId, paid]) {
      expect(await rows('agency_handovers', id)).toHaveLength(0);
      expect(await rows('pauses', id)).toHaveLength(0);
      expect(await rows('activities', id)).toHaveLength(0);
    }
  });
});
