import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxClient, createSlackChatOut } from '../../adapters/slack/chat-out.ts';
import { createFixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db.ts';
import type { Job } from '../../src/jobs/job.ts';
import { AFTER_SYNC } from '../../src/jobs/settings.ts';
import { minutePeriod } from '../../src/jobs/periods.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import { runConfiguredSync } from '../../src/ledger/configured.ts';
import { renderMetrics } from '../../src/metrics.ts';
import { enqueue } from '../../src/outbox/outbox.ts';
import { createOutboxWorker } from '../../src/outbox/worker.ts';
import { notice } from '../../src/views/notices.ts';
import { silentLog, testConfig, testPolicy } from '../jobs/support.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { createLedgerFixture, openFixtureSource } from '../support/ledger-fixture.ts';
import { parseExposition, type Scrape } from '../support/prometheus.ts';
import { seedAccount } from '../support/seed.ts';

const SLACK = 'http://slack-metrics.test';

/** Slack's Web API (the outside world): the alerts channel is gone, the meeting channel answers 500. */
function fakeSlack() {
  let ts = 0;
  nock.disableNetConnect();
  nock(SLACK)
    .persist()
    .post(/^\/api\/.+/)
    .reply((uri, body) => {
      const args = Object.fromEntries(new URLSearchParams(String(body)));
      if (!uri.endsWith('chat.postMessage')) return [200, { ok: true, messages: [] }];
      if (args.channel === 'CGONE') return [200, { ok: false, error: 'channel_not_found' }];
      if (args.channel === 'CDOWN') return [500, 'upstream trouble'];
      ts += 1;
      return [200, { ok: true, channel: args.channel, ts: `1764000000.00000${ts}` }];
    });
}

describe.each(backends())('metrics read from the bot database and counted by this process, %s', (kind) => {
  let db: Database;
  const metrics = async (): Promise<Scrape> => parseExposition((await renderMetrics(db.knex)).body);
  const n = (s: Scrape, name: string, labels: Record<string, string> = {}) => s.value(name, labels) ?? 0;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('reports outbox depth and age after posts are enqueued, and deliveries by result after the worker', async () => {
    fakeSlack();
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    await enqueue(
      db.knex,
      (['digest', 'alerts', 'meeting'] as const).map((role) => ({
        key: `metrics:${role}`,
        to: { kind: 'channel' as const, role },
        message: notice(`to ${role}`),
      })),
      { now: tenMinutesAgo },
    );
    const queued = await metrics();
    expect(queued.value('duebot_outbox_depth')).toBe(3);
    expect(queued.value('duebot_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(600);
    expect(queued.value('duebot_outbox_oldest_age_seconds')).toBeLessThan(660);

    const out = createSlackChatOut({
      client: createOutboxClient('xoxb-test', `${SLACK}/api`),
      db: db.knex,
      config: { channel: 'CGENERAL', channels: { digest: 'CDIGEST', alerts: 'CGONE', meeting: 'CDOWN' } },
    });
    const clock = createFixedClock(new Date());
    const worker = createOutboxWorker({ db: db.knex, chatOuts: [out], clock, log: silentLog, pacingMs: 0 });
    await worker.runOnce();

    const after = await metrics();
    const delivered = (s: Scrape, result: string) =>
      n(s, 'duebot_outbox_deliveries_total', { platform: 'slack', kind: 'post', result });
    expect(delivered(after, 'sent') - delivered(queued, 'sent')).toBe(1);
    expect(delivered(after, 'failed') - delivered(queued, 'failed')).toBe(1);
    expect(delivered(after, 'retry') - delivered(queued, 'retry')).toBe(1);
    // The post Slack answered 500 to is still waiting; the others are done (sent or failed for good).
    expect(after.value('duebot_outbox_depth')).toBe(1);
    expect(after.value('duebot_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(600);
  });

  it('reports letters by state, uncertain ones included, read from the letter log', async () => {
    const { accountId } = await seedAccount(db.knex, { name: 'Letters Ltd' });
    const letter = (status: string, i: number) => ({
      customer_id: accountId,
      template: 'reminder',
      locale: 'en',
      idempotency_key: `${accountId}:reminder:${status}:${i}`,
      status,
      ...(status === 'sent' || status === 'uncertain'
        ? { recipient: 'ap@example.com', message_id: `<m${i}@duebot>`, sent_at: new Date() }
        : {}),
    });
    const statuses = ['awaiting_approval', 'awaiting_approval', 'sent', 'uncertain', 'uncertain', 'failed'];
    await db.knex('letters').insert(statuses.map(letter));
    const s = await metrics();
    expect(s.value('duebot_letters', { state: 'awaiting_approval' })).toBe(2);
    expect(s.value('duebot_letters', { state: 'uncertain' })).toBe(2);
    expect(s.value('duebot_letters', { state: 'sent' })).toBe(1);
    expect(s.value('duebot_letters', { state: 'failed' })).toBe(1);
    expect(s.value('duebot_letters', { state: 'rejected' })).toBe(0);
  });

  it('counts job runs by result', async () => {
    const config = testConfig();
    const policy = await testPolicy(config);
    const job = (name: string, fails: boolean): Job => ({
      name,
      schedule: AFTER_SYNC,
      days: 'every',
      periodKey: minutePeriod,
      async run() {
        if (fails) throw new Error('the report could not be built');
        return [];
      },
    });
    const jobs = [job('metrics-fine', false), job('metrics-broken', true)];
    const clock = createFixedClock('2026-12-08T09:00:00+08:00', 'Asia/Shanghai');
    const scheduler = createScheduler({ db: db.knex, jobs, clock, config, policy, log: silentLog });
    const before = await metrics();
    await scheduler.runNow('metrics-fine');
    await scheduler.runNow('metrics-fine'); // the same period again: already done, not run twice
    await scheduler.runNow('metrics-broken');
    const after = await metrics();
    const runs = (s: Scrape, job: string, result: string) => n(s, 'duebot_job_runs_total', { job, result });
    expect(runs(after, 'metrics-fine', 'ran') - runs(before, 'metrics-fine', 'ran')).toBe(1);
    expect(runs(after, 'metrics-fine', 'already-done') - runs(before, 'metrics-fine', 'already-done')).toBe(
      1,
    );
    expect(runs(after, 'metrics-broken', 'failed') - runs(before, 'metrics-broken', 'failed')).toBe(1);
  });

  it('reports sync duration, rows and the last successful sync, and counts a failed sync', async () => {
    const ledger = await createLedgerFixture(db.knex);
    await ledger.addInvoices([{ id: 'M-1' }, { id: 'M-2' }, { id: 'M-3', open: '0' }]);
    const config = testConfig();
    const clock = createFixedClock('2026-11-23T09:00:00Z');
    const before = await metrics();
    expect(before.all('duebot_sync_last_success_timestamp_seconds', { source: 'test' })).toEqual([]);
    const source = await openFixtureSource(db, ledger.mappingSql());
    const broken = await openFixtureSource(db, ledger.mappingSql({}, ['currency']));
    try {
      const summary = await runConfiguredSync({ config, db, source, clock, mode: 'full' });
      await expect(runConfiguredSync({ config, db, source: broken, clock, mode: 'full' })).rejects.toThrow(
        /currency/,
      );
      const after = await metrics();
      const delta = (name: string, labels: Record<string, string>) =>
        n(after, name, labels) - n(before, name, labels);
      expect(delta('duebot_sync_runs_total', { source: 'test', mode: 'full', result: 'ok' })).toBe(1);
      expect(delta('duebot_sync_runs_total', { source: 'test', mode: 'full', result: 'failed' })).toBe(1);
      expect(delta('duebot_sync_duration_seconds_count', { source: 'test', mode: 'full' })).toBe(2);
      expect(n(after, 'duebot_sync_duration_seconds_sum', { source: 'test', mode: 'full' })).toBeGreaterThan(
        0,
      );
      expect(delta('duebot_sync_rows_total', { source: 'test', kind: 'read' })).toBe(summary.rowsRead);
      expect(summary.rowsRead).toBe(3);
      expect(delta('duebot_sync_rows_total', { source: 'test', kind: 'changed' })).toBe(summary.rowsChanged);
      expect(after.value('duebot_sync_last_success_timestamp_seconds', { source: 'test' })).toBe(
        clock.now().getTime() / 1000,
      );
    } finally {
      await source.close();
      await broken.close();
    }
  });
});
