/**
 * Issue 20: the daily dispute and pause check speaks to each owner in their own language and to the
 * account's thread in the company's (DUEBOT_LOCALE): an owner who chose zh-TW reads traditional characters
 * while the thread, in a zh-CN company, reads simplified ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db.ts';
import { setOwnLocale } from '../../src/i18n/reader.ts';
import { disputeCheckJob } from '../../src/jobs/dispute-check.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import { createOutboxWorker } from '../../src/outbox/worker.ts';
import { claimAccount } from '../../src/worklist/claims.ts';
import { openDispute } from '../../src/worklist/disputes.ts';
import { pauseChasing } from '../../src/worklist/pauses.ts';
import type { Actor } from '../../src/worklist/staff.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';
import { fakePlatform, silentLog, testConfig, testPolicy } from './support.ts';

const TZ = 'Asia/Shanghai';

describe.each(backends())('the dispute check in each reader’s language on %s', (kind) => {
  let db: Database;
  let tai: Actor;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    tai = await seedStaff(db.knex, 'Tai');
    await setOwnLocale(db.knex, tai.userId, 'zh-TW');
  });
  afterAll(async () => {
    await db?.close();
  });

  const check = async (day: string) => {
    const config = testConfig({ DUEBOT_DISPUTE_RAISE_DAYS: '14', DUEBOT_LOCALE: 'zh-CN' });
    const clock = createFixedClock(`${day}T08:45:00+08:00`, TZ);
    const scheduler = createScheduler({
      db: db.knex,
      jobs: [disputeCheckJob(config)],
      clock,
      config,
      policy: await testPolicy(config),
      log: silentLog,
    });
    const shell = fakePlatform('shell');
    const worker = createOutboxWorker({ db: db.knex, chatOuts: [shell], clock, log: silentLog, pacingMs: 0 });
    await scheduler.runNow('dispute-check');
    await worker.drain();
    return shell.messages.map((m) => ({ channel: m.channel, text: JSON.stringify(m.message) }));
  };

  it('raises an aged dispute and an ended pause to the owner in traditional, to the thread in simplified', async () => {
    const { accountId, itemIds } = await seedAccount(db.knex, {
      name: '台北興業股份有限公司',
      items: [
        { number: `A-${Date.now().toString(36)}`, dueDate: '2026-09-01', totalMinor: 2_000_00 },
        { number: `B-${Date.now().toString(36)}`, dueDate: '2026-11-01', totalMinor: 500_00 },
      ],
    });
    await claimAccount(db.knex, tai, accountId);
    const opened = await openDispute(db.knex, tai, accountId, {
      itemIds: [itemIds[0] ?? 0],
      reason: '棧板損壞',
    });
    if (!opened.ok) throw new Error(opened.error.message);
    await db
      .knex('disputes')
      .where({ id: opened.value.disputeId })
      .update({ opened_at: '2026-11-10T04:00:00Z' });
    const paused = await pauseChasing(
      db.knex,
      tai,
      accountId,
      { until: '2026-11-23', reason: '系統移轉', invoices: '' },
      '2026-11-22',
    );
    if (!paused.ok) throw new Error(paused.error.message);

    const posts = await check('2026-11-24');
    const to = (channel: string) => posts.filter((p) => p.channel === channel).map((p) => p.text);
    const mine = to(`@${tai.userId}`).join('\n');
    const thread = to(`thread:${accountId}`).join('\n');
    expect(mine).toContain(`爭議 #${opened.value.disputeId} 已持續 14 天：台北興業股份有限公司`);
    expect(mine).toContain('未指定售後聯絡人。');
    expect(mine).toContain('至 2026-11-23 的暫停已結束；今天起恢復催收。');
    expect(thread).toContain(`争议 #${opened.value.disputeId} 已持续 14 天：台北興業股份有限公司`);
    expect(thread).toContain('至 2026-11-23 的暂停已结束；今天起恢复催收。');
    expect(`${mine}\n${thread}`).not.toMatch(/Dispute #|chasing resumes/);
  });
});
