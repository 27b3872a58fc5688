import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261207_320_agenda_and_crossing_writes.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { Database } from '../../src/db.ts';
import { checkAlerts } from '../../src/jobs/alerts.ts';
import { openMeeting } from '../../src/jobs/meeting.ts';
import { meetingAccounts } from '../../src/worklist/meeting-decisions.ts';
import { refreshWorklist } from '../../src/worklist/assess.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { columnNames, indexDefs } from '../support/indexes.ts';
import { seedAccount } from '../support/seed.ts';

/**
 * PB-28 / PB-07 at scale (320): an agenda row no longer stores its reply's key (the meeting's key and the
 * account, unique as they are) and neither agenda rows nor crossings check a foreign key per row to
 * customers, meetings or open items; down brings the column (filled) and the keys back, up drops them again.
 */
describe.each(backends())('the agenda and crossing writes migration on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  const today = '2026-12-01';
  const columns = () => columnNames(db.knex, 'meeting_accounts');
  const foreignKeys = async (table: string) =>
    (
      await db.knex.raw(
        `SELECT conname FROM pg_constraint WHERE conrelid = ?::regclass AND contype = 'f' ORDER BY conname`,
        [table],
      )
    ).rows.map((r: { conname: string }) => r.conname);

  it('derives the reply key, drops the per-row foreign keys, and both come back with down', async () => {
    const { accountId } = await seedAccount(db.knex, {
      items: [{ issueDate: '2026-09-01', dueDate: '2026-10-01', totalMinor: 900_00 }],
    });
    await refreshWorklist({ db: db.knex, policy: defaultPolicy, today, timeZone: 'UTC' });
    const posts = await db.knex.transaction((trx) =>
      openMeeting({
        db: trx,
        today,
        timeZone: 'UTC',
        settings: { minDaysOverdue: 30, months: 6 },
        chart: false,
      }),
    );
    await db.knex.transaction((trx) =>
      checkAlerts({
        db: trx,
        today,
        timeZone: 'UTC',
        settings: { thresholds: { CNY: 500 }, minDaysOverdue: 1, jumpPercent: 0 },
      }),
    );
    const crossings = await db.knex('alert_crossings').pluck('kind');
    expect(crossings.sort()).toEqual(['account', 'invoice']);

    // After the migrations: no stored key, yet the row's key is the reply's post key.
    expect(await columns()).not.toContain('post_key');
    const meetingId = Number((await db.knex('meetings').first('id')).id);
    const [row] = await meetingAccounts(db.knex, meetingId, accountId);
    expect(row?.postKey).toBe(`meeting:2026-12:account:${accountId}`);
    expect(posts.map((p) => p.key)).toContain(row?.postKey);
    expect(await foreignKeys('meeting_accounts')).toEqual([
      'meeting_accounts_decided_by_user_id_foreign',
      'meeting_accounts_previous_by_user_id_foreign',
    ]);
    expect(await foreignKeys('alert_crossings')).toEqual([]);

    await down(db.knex);
    expect(await columns()).toContain('post_key');
    expect(await db.knex('meeting_accounts').pluck('post_key')).toEqual([
      `meeting:2026-12:account:${accountId}`,
    ]);
    expect(await foreignKeys('meeting_accounts')).toEqual([
      'meeting_accounts_customer_id_foreign',
      'meeting_accounts_decided_by_user_id_foreign',
      'meeting_accounts_meeting_id_foreign',
      'meeting_accounts_previous_by_user_id_foreign',
    ]);
    expect(await foreignKeys('alert_crossings')).toEqual([
      'alert_crossings_customer_id_foreign',
      'alert_crossings_open_item_id_foreign',
    ]);
    expect(await indexDefs(db.knex, 'meeting_accounts', 'meeting_accounts_post_key_unique')).toHaveLength(1);
    await expect(
      db.knex('meeting_accounts').insert({
        meeting_id: meetingId,
        customer_id: accountId + 1000,
        position: 2,
        post_key: `meeting:2026-12:account:${accountId + 1000}`,
        snapshot: '{}',
      }),
    ).rejects.toThrow(/foreign key/); // no such customer

    await up(db.knex);
    expect(await columns()).not.toContain('post_key');
    expect(await foreignKeys('alert_crossings')).toEqual([]);
  });
});
