import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxClient, createSlackChatOut } from '../../adapters/slack/chat-out.ts';
import { createFixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db.ts';
import { enqueue, enqueueUpdate } from '../../src/outbox/outbox.ts';
import { createOutboxWorker } from '../../src/outbox/worker.ts';
import { notice } from '../../src/views/notices.ts';
import { silentLog } from '../jobs/support.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedStaff } from '../support/seed.ts';
import { SLACK_API, type SlackFault, startFakeSlack } from './fake-slack.ts';

const channels = { channel: 'CGENERAL', channels: { digest: 'CDIGEST', alerts: 'CALERTS' } };

describe.each(backends())('scheduled posts to Slack on %s', (kind) => {
  let db: Database;
  let slack: ReturnType<typeof startFakeSlack> | undefined;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.knex('outbox_deliveries').delete();
    await db.knex('outbox').delete();
  });
  afterEach(() => {
    slack?.stop();
    slack = undefined;
  });

  function worker() {
    const clock = createFixedClock('2026-12-01T01:00:00Z');
    const advance = async (ms: number) => clock.set(new Date(clock.now().getTime() + ms));
    const out = createSlackChatOut({
      client: createOutboxClient('xoxb-test', `${SLACK_API}/api`),
      db: db.knex,
      config: channels,
    });
    return {
      clock,
      advance,
      out,
      worker: createOutboxWorker({ db: db.knex, chatOuts: [out], clock, log: silentLog, sleep: advance }),
    };
  }

  it(
    'delivers every post exactly once while Slack answers 429 and 500 to a third of the calls',
    { timeout: 120_000 },
    async () => {
      slack = startFakeSlack({ failShare: 0.35, seed: 7 });
      const { worker: w, advance } = worker();
      const posts = Array.from({ length: 40 }, (_, i) => ({
        key: `flaky:${i}`,
        to: { kind: 'channel' as const, role: i % 2 ? ('digest' as const) : ('alerts' as const) },
        message: notice(`post ${i}`),
      }));
      await enqueue(db.knex, posts);
      for (let pass = 0; pass < 400; pass++) {
        const sent = await db.knex('outbox_deliveries').where('status', 'sent').count({ n: '*' }).first();
        if (Number(sent?.n) === posts.length) break;
        await w.runOnce();
        await advance(30_000);
      }
      const keys = slack.messages.map((m) => String(m.metadata?.event_payload.key));
      expect(keys.filter((k) => k.startsWith('flaky:')).sort()).toEqual(posts.map((p) => p.key).sort());
      expect(slack.calls.some((c) => c.status === 429)).toBe(true);
      expect(slack.calls.some((c) => c.status === 500 && c.method === 'chat.postMessage')).toBe(true);
      expect(slack.messages.filter((m) => m.channel === 'CDIGEST')).toHaveLength(20);
      const stored = await db
        .knex('outbox_deliveries as d')
        .join('outbox as o', 'o.id', 'd.outbox_id')
        .where('o.idempotency_key', 'like', 'flaky:%')
        .select('o.idempotency_key', 'd.platform_ref');
      for (const row of stored) {
        expect(slack.messages.find((m) => m.ts === row.platform_ref)?.metadata?.event_payload.key).toBe(
          row.idempotency_key,
        );
      }
    },
  );

  it('after a crash between posting and recording, finds the message in the history instead of posting again', async () => {
    slack = startFakeSlack();
    const { out, clock } = worker();
    const dying = createOutboxWorker({
      db: db.knex,
      chatOuts: [{ ...out, post: async (...a) => (await out.post(...a), new Promise(() => undefined)) }],
      clock,
      log: silentLog,
      leaseMs: 60_000,
    });
    await enqueue(db.knex, [
      { key: 'crash:1', to: { kind: 'channel', role: 'digest' }, message: notice('once') },
    ]);
    void dying.runOnce();
    await expect
      .poll(() => slack?.messages.filter((m) => m.metadata?.event_payload.key === 'crash:1').length)
      .toBe(1);
    const restarted = createOutboxWorker({ db: db.knex, chatOuts: [out], clock, log: silentLog });
    clock.set(new Date(clock.now().getTime() + 61_000));
    await restarted.drain();
    expect(slack.messages.filter((m) => m.metadata?.event_payload.key === 'crash:1')).toHaveLength(1);
    expect(slack.calls.filter((c) => c.method === 'conversations.history')).toHaveLength(1);
    const row = await db
      .knex('outbox_deliveries as d')
      .join('outbox as o', 'o.id', 'd.outbox_id')
      .where('o.idempotency_key', 'crash:1')
      .first('d.status', 'd.platform_ref');
    expect(row).toEqual({
      status: 'sent',
      platform_ref: slack.messages.find((m) => m.metadata?.event_payload.key === 'crash:1')?.ts,
    });
  });

  it('sends a person their post by DM, edits a post in place and uploads its files into the thread', async () => {
    slack = startFakeSlack();
    const { worker: w } = worker();
    const ann = await seedStaff(db.knex, 'AnnSlack', 'collector', 'slack');
    await enqueue(db.knex, [
      { key: 'dm:1', to: { kind: 'user', userId: ann.userId }, message: notice('yours') },
      {
        key: 'file:1',
        to: { kind: 'channel', role: 'meeting' },
        message: {
          ...notice('chart'),
          files: [{ filename: 'aging.png', mimeType: 'image/png', data: new Uint8Array(64) }],
        },
      },
    ]);
    await w.drain();
    await enqueueUpdate(db.knex, { key: 'dm:1', message: notice('yours, updated') });
    await w.drain();
    const dm = slack.messages.find((m) => m.metadata?.event_payload.key === 'dm:1');
    expect(dm).toMatchObject({ channel: 'Dannslack', edits: 1, text: 'yours, updated' });
    const chart = slack.messages.find((m) => m.metadata?.event_payload.key === 'file:1');
    expect(chart?.channel).toBe('CGENERAL'); // no meeting channel set: SLACK_CHANNEL
    expect(slack.uploads).toEqual([
      { filename: 'aging.png', bytes: 64, channel: 'CGENERAL', thread_ts: chart?.ts },
    ]);
  });

  const chartFaults: [string, string, SlackFault][] = [
    ['the upload URL step answers 500', 'files.getUploadURLExternal', { status: 500 }],
    ['the upload of the bytes is dropped', 'upload', { drop: true }],
    ['the upload of the bytes answers 500', 'upload', { status: 500 }],
    [
      'the complete step answers 429 with Retry-After',
      'files.completeUploadExternal',
      { status: 429, retryAfter: 3 },
    ],
    ['the complete step answers 500 before sharing', 'files.completeUploadExternal', { status: 500 }],
    [
      'the complete step shares the file, then answers 500',
      'files.completeUploadExternal',
      { status: 500, after: true },
    ],
    [
      'the message is stored, then chat.postMessage answers 500',
      'chat.postMessage',
      { status: 500, after: true },
    ],
  ];

  it.each(chartFaults)(
    'keeps a chart post undelivered until its file is there when %s, then sends one message and one file',
    async (_name, target, fault) => {
      slack = startFakeSlack();
      slack.failNext(target, fault);
      const { worker: w, advance } = worker();
      await enqueue(db.knex, [
        {
          key: 'chart:1',
          to: { kind: 'channel', role: 'meeting' },
          message: {
            ...notice('aging chart'),
            files: [{ filename: 'aging.png', mimeType: 'image/png', data: new Uint8Array(64).fill(7) }],
          },
        },
      ]);
      const status = async () =>
        (
          await db
            .knex('outbox_deliveries as d')
            .join('outbox as o', 'o.id', 'd.outbox_id')
            .where('o.idempotency_key', 'chart:1')
            .first('d.status', 'd.platform_ref')
        )?.status;
      await w.runOnce();
      expect(await status()).toBe('pending');
      expect(slack.calls.some((c) => c.status !== 200)).toBe(true);
      for (let pass = 0; pass < 10 && (await status()) !== 'sent'; pass++) {
        await advance(60_000);
        await w.runOnce();
      }
      expect(await status()).toBe('sent');
      const posted = slack.messages.filter((m) => m.metadata?.event_payload.key === 'chart:1');
      expect(posted).toHaveLength(1);
      expect(slack.uploads).toEqual([
        { filename: 'aging.png', bytes: 64, channel: 'CGENERAL', thread_ts: posted[0]?.ts },
      ]);
      expect(slack.messages.filter((m) => m.files && m.thread_ts === posted[0]?.ts)).toHaveLength(1);
      if (fault && 'retryAfter' in fault) {
        const completes = slack.calls.filter((c) => c.method === 'files.completeUploadExternal');
        expect(completes.map((c) => c.status)).toEqual([429, 200]);
      }
    },
  );
});
