import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db.ts';
import { createJobs } from '../../src/jobs/registry.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import { installedAt, silentLog, testConfig, testPolicy } from '../jobs/support.ts';
import { oneBackend, openTestDatabase } from '../support/databases.ts';
import { buildScaleLedger } from '../support/scale-ledger.ts';
import { withGeneratedFiles } from '../../src/reports/agenda-file.ts';
import type { Message } from '../../src/views/model.ts';

/**
 * The crash of a large ledger: the meeting stored its whole agenda (and the outbox its posts) in one INSERT,
 * and above about 13,000 accounts over 30 days that statement passed PostgreSQL's 65,535 bind parameters
 * ("unexpected error (a bug)", no meeting at all). 14,500 accounts over 30 days here, on the real server
 * (PGlite has the same limit, in its wire-protocol layer, so it runs there only without a server: the
 * same case on PGlite took three times as long and checks nothing more).
 */
describe.each(oneBackend())('scheduled jobs over 14,500 accounts over 30 days on %s', (kind) => {
  let db: Database;
  const today = '2026-12-01';
  const config = testConfig({
    DUEBOT_ALERT_THRESHOLDS: 'CNY=100,USD=100,EUR=100',
    DUEBOT_ALERT_JUMP_PERCENT: '0',
  });
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await installedAt(db.knex, '2026-11-20T00:00:00Z');
    const built = await buildScaleLedger(db.knex, {
      accounts: 14_500,
      invoicesPerAccount: 3,
      today,
      overdueShare: 1,
    });
    expect(built).toMatchObject({ accounts: 14_500, invoices: 43_500, overdue30: 14_500 });
  }, 300_000);
  afterAll(async () => {
    await db?.close();
  });

  it('opens the meeting with every account on its agenda, and the first alert check records every crossing', async () => {
    const policy = await testPolicy(config);
    const clock = createFixedClock(`${today}T02:00:00Z`, 'Asia/Shanghai'); // Tuesday 10:00, first working day
    const jobs = createJobs(config).filter((j) => j.name === 'meeting' || j.name === 'alerts');
    const scheduler = createScheduler({ db: db.knex, jobs, clock, config, policy, log: silentLog });
    const swept = await scheduler.sweep();
    expect(swept.map((s) => [s.job, s.outcome.status])).toEqual([['meeting', 'ran']]);
    const [meeting] = await db.knex('meetings').select('id', 'month');
    expect(meeting?.month).toBe('2026-12');
    const [{ n, first, last }] = (
      await db.knex.raw(
        'SELECT count(*)::int AS n, min(position)::int AS first, max(position)::int AS last FROM meeting_accounts',
      )
    ).rows;
    // PB-28: the agenda of 14,500 accounts is a definition on the meeting's row; a row is stored for each of
    // the DUEBOT_MEETING_REPLIES (50) accounts worth most, posted as replies, the other 14,450 in the file.
    expect([n, first, last]).toEqual([50, 1, 50]);
    expect(await db.knex('meetings').first('agenda_order', 'accounts', 'replies')).toEqual({
      agenda_order: 'recovery',
      accounts: 14_500,
      replies: 50,
    });
    const posts: {
      idempotency_key: string;
      thread_key: string | null;
      payload: { files?: { filename: string; base64: string }[] };
    }[] = await db.knex('outbox').where('idempotency_key', 'like', 'meeting:2026-12%').orderBy('id');
    expect(posts).toHaveLength(51);
    expect(posts.slice(1).every((p) => p.thread_key === 'meeting:2026-12')).toBe(true);
    const top = await db
      .knex('account_summary')
      .orderBy([{ column: 'priority', order: 'desc' }, 'customer_id'])
      .limit(50)
      .pluck('customer_id');
    expect(posts.slice(1).map((p) => p.idempotency_key)).toEqual(
      top.map((id) => `meeting:2026-12:account:${id}`),
    );
    // The parent names its files; the outbox makes them from the worklist by the agenda's definition when
    // it delivers the parent, three pages of 5,000, numbered after the replies.
    const parent = posts[0]?.payload as unknown as Message;
    const made = await withGeneratedFiles(db.knex, parent);
    const file = made.files?.find((f) => f.filename === 'credit-meeting-2026-12-accounts.csv');
    const lines = Buffer.from(file?.data ?? [])
      .toString('utf8')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(1 + 14_450);
    expect(lines[1]).toMatch(/^51,/);
    expect(lines[14_450]).toMatch(/^14500,/);
    expect(await db.knex('meeting_accounts').where({ in_thread: true }).pluck('position')).toHaveLength(50);

    await scheduler.afterSync();
    const [{ crossings }] = (await db.knex.raw('SELECT count(*)::int AS crossings FROM alert_crossings'))
      .rows;
    expect(crossings).toBeGreaterThan(14_500); // every account, and its invoices over the threshold
    expect((await db.knex('job_runs').where({ job: 'alerts' }).first('status'))?.status).toBe('done');
    // The first check: one overview with the count per currency and every crossing in its file.
    const alerts: {
      idempotency_key: string;
      payload: { blocks: unknown[]; files?: { base64: string }[] };
    }[] = await db.knex('outbox').where('idempotency_key', 'like', 'alert:%');
    expect(alerts.map((a) => a.idempotency_key)).toEqual(['alert:baseline']);
    const [{ accounts }] = (
      await db.knex.raw('SELECT count(DISTINCT customer_id)::int AS accounts FROM alert_crossings')
    ).rows;
    expect(accounts).toBeGreaterThan(14_000);
    expect(JSON.stringify(alerts[0]?.payload.blocks)).toContain(
      `Large overdue balances: ${accounts} already above the alert thresholds`,
    );
    // The file is named in the overview and made when the outbox delivers it.
    const overview = alerts[0]?.payload as unknown as Message;
    const crossingsFile = (await withGeneratedFiles(db.knex, overview)).files?.[0];
    const rows = Buffer.from(crossingsFile?.data ?? [])
      .toString('utf8')
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows).toHaveLength(1 + crossings);
  }, 300_000);
});
