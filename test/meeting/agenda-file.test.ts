import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.ts';
import { openMeeting } from '../../src/jobs/meeting.ts';
import { agendaPages, withGeneratedFiles } from '../../src/reports/agenda-file.ts';
import type { Message } from '../../src/views/model.ts';
import { refreshWorklist } from '../../src/worklist/assess.ts';
import { testConfig, testPolicy } from '../jobs/support.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount } from '../support/seed.ts';

const today = '2026-12-01';

/**
 * PB-28 at scale: the file of a meeting over DUEBOT_MEETING_REPLIES accounts is made when the parent is
 * delivered, from the worklist by the agenda's definition: the accounts over the cutoff without a reply, in
 * the agenda's order (expected recovery, ties by account), numbered after the replies, read in pages.
 */
describe.each(backends())('the credit meeting file on %s (PB-28)', (kind) => {
  let db: Database;
  beforeEach(async () => {
    db = await openTestDatabase(kind);
  });
  afterEach(async () => {
    await db?.close();
  });

  it('lists the definition’s accounts beyond the replies, in order, however it is paged', async () => {
    // Twelve accounts on the agenda (31 to 42 days overdue on 1 Dec), one at exactly 30 days, one not due.
    const on: number[] = [];
    for (let i = 0; i < 12; i++) {
      const due = `2026-10-${String(31 - i).padStart(2, '0')}`;
      on.push((await seedAccount(db.knex, { items: [{ dueDate: due, totalMinor: 100_00 + i }] })).accountId);
    }
    const edge = await seedAccount(db.knex, { items: [{ dueDate: '2026-11-01', totalMinor: 999_00 }] });
    await seedAccount(db.knex, { items: [{ dueDate: '2026-12-20', totalMinor: 999_00 }] });
    const policy = await testPolicy(testConfig());
    await refreshWorklist({ db: db.knex, policy, today, timeZone: 'UTC' });
    // Worth most first, with ties that only the account id orders: 3, 3, 3, 2, 2, 1, ...
    const priorities = [3, 3, 3, 2, 2, 1, 1, 1, 0.5, 0.5, 0.25, 0.25];
    for (const [i, id] of on.entries())
      await db
        .knex('account_summary')
        .where({ customer_id: id })
        .update({ priority: priorities[11 - i] });
    await db.knex('account_summary').where({ customer_id: edge.accountId }).update({ priority: 100 });

    const posts = await db.knex.transaction((trx) =>
      openMeeting({
        db: trx,
        today,
        timeZone: 'UTC',
        settings: { minDaysOverdue: 30, months: 3, replies: 3 },
        chart: false,
      }),
    );
    const expected = (
      await db
        .knex('account_summary')
        .whereIn('customer_id', on)
        .orderBy([{ column: 'priority', order: 'desc' }, 'customer_id'])
        .pluck('customer_id')
    ).map(Number);
    // The three worth most are replies; the account at exactly 30 days is on no part of the agenda.
    expect(posts.slice(1).map((p) => p.key)).toEqual(
      expected.slice(0, 3).map((id) => `meeting:2026-12:account:${id}`),
    );
    const meetingId = Number((await db.knex('meetings').first('id')).id);

    const file = expected.slice(3).map((id, i) => [i + 4, id]);
    for (const pageSize of [1, 4, 9, 5000]) {
      const listed: number[][] = [];
      for await (const page of agendaPages(db.knex, meetingId, undefined, 'UTC', pageSize)) {
        expect(page.length).toBeLessThanOrEqual(pageSize);
        listed.push(...page.map((r) => [Number(r[0]), Number(r[1])]));
      }
      expect(listed, `pages of ${pageSize}`).toEqual(file);
    }
    // The CSV the outbox makes at delivery says the same, days counted as of the meeting's day.
    const made = await withGeneratedFiles(db.knex, posts[0]?.message as Message);
    const csv = made.files?.find((f) => f.mimeType === 'text/csv');
    const rows = Buffer.from(csv?.data ?? [])
      .toString('utf8')
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(','));
    expect(rows.map((r) => [Number(r[0]), Number(r[1])])).toEqual(file);
    const days = Object.fromEntries(rows.map((r) => [Number(r[1]), Number(r[7])]));
    expect(days[on[0] as number]).toBe(31);
    expect(days[on[8] as number]).toBe(39);
  });
});
