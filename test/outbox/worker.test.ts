import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db.ts';
import { ChatOutError } from '../../src/outbox/chat-out.ts';
import { enqueue, enqueueUpdate } from '../../src/outbox/outbox.ts';
import { createOutboxWorker } from '../../src/outbox/worker.ts';
import { notice } from '../../src/views/notices.ts';
import { fakePlatform, silentLog } from '../jobs/support.ts';
import { backends, openTestDatabase } from '../support/databases.ts';

const digest = { kind: 'channel', role: 'digest' } as const;

describe.each(backends())('the outbox worker on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  function setup(platforms = [fakePlatform('shell')]) {
    const clock = createFixedClock('2026-12-01T01:00:00Z');
    const sleep = async (ms: number) => clock.set(new Date(clock.now().getTime() + ms));
    const worker = createOutboxWorker({ db: db.knex, chatOuts: platforms, clock, log: silentLog, sleep });
    return { clock, worker, platforms };
  }

  it('delivers a post once to every platform that can take it, and records each message id', async () => {
    const shell = fakePlatform('shell');
    const slack = fakePlatform('slack', (to) => to.kind === 'channel');
    const { worker } = setup([shell, slack]);
    await enqueue(db.knex, [
      { key: 'w1:channel', to: digest, message: notice('to all') },
      { key: 'w1:user', to: { kind: 'user', userId: 7 }, message: notice('to one') },
    ]);
    await worker.drain();
    await worker.drain();
    expect(shell.messages.map((m) => m.key)).toEqual(['w1:channel', 'w1:user']);
    expect(slack.messages.map((m) => m.key)).toEqual(['w1:channel']);
    const rows = await db
      .knex('outbox_deliveries as d')
      .join('outbox as o', 'o.id', 'd.outbox_id')
      .where('o.idempotency_key', 'like', 'w1:%')
      .orderBy('d.id')
      .select('o.idempotency_key', 'd.platform', 'd.status', 'd.platform_ref');
    expect(rows).toEqual([
      { idempotency_key: 'w1:channel', platform: 'shell', status: 'sent', platform_ref: 'm1' },
      { idempotency_key: 'w1:channel', platform: 'slack', status: 'sent', platform_ref: 'm1' },
      { idempotency_key: 'w1:user', platform: 'shell', status: 'sent', platform_ref: 'm2' },
    ]);
  });

  it('waits out a 429 for its Retry-After and then delivers once', async () => {
    const shell = fakePlatform('shell');
    const { worker, clock } = setup([shell]);
    shell.failNext('before', new ChatOutError('ratelimited', { retryAfterMs: 30_000 }));
    await enqueue(db.knex, [{ key: 'w2', to: digest, message: notice('x') }]);
    await worker.runOnce();
    expect(shell.messages).toHaveLength(0);
    clock.set(new Date(clock.now().getTime() + 29_000));
    await worker.runOnce();
    expect(shell.messages).toHaveLength(0);
    clock.set(new Date(clock.now().getTime() + 1_000));
    await worker.drain();
    expect(shell.messages.map((m) => m.key)).toEqual(['w2']);
    const row = await db.knex('outbox_deliveries').orderBy('id', 'desc').first();
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('asks the platform before resending after an uncertain failure, and does not post twice', async () => {
    const shell = fakePlatform('shell');
    const { worker, clock } = setup([shell]);
    shell.failNext('after', new ChatOutError('timeout', { uncertain: true }));
    await enqueue(db.knex, [{ key: 'w3', to: digest, message: notice('x') }]);
    await worker.runOnce();
    clock.set(new Date(clock.now().getTime() + 60_000));
    await worker.drain();
    expect(shell.messages.filter((m) => m.key === 'w3')).toHaveLength(1);
    expect(await db.knex('outbox_deliveries').orderBy('id', 'desc').first()).toMatchObject({
      status: 'sent',
      platform_ref: shell.messages.find((m) => m.key === 'w3')?.id,
    });
  });

  it('does not duplicate a post whose worker died between sending and recording', async () => {
    const shell = fakePlatform('shell');
    const { clock } = setup([shell]);
    // The first process sends, then dies before it can record: simulated by a post that never returns.
    const dying = createOutboxWorker({
      db: db.knex,
      chatOuts: [
        { ...shell, post: async (...args) => (await shell.post(...args), new Promise(() => undefined)) },
      ],
      clock,
      log: silentLog,
      leaseMs: 60_000,
    });
    await enqueue(db.knex, [{ key: 'w4', to: digest, message: notice('x') }]);
    void dying.runOnce();
    await expect.poll(() => shell.messages.filter((m) => m.key === 'w4').length).toBe(1);
    // A restarted process: nothing happens while the dead worker's lease holds, then `find` settles it.
    const restarted = createOutboxWorker({ db: db.knex, chatOuts: [shell], clock, log: silentLog });
    expect(await restarted.drain()).toBe(0);
    clock.set(new Date(clock.now().getTime() + 61_000));
    await restarted.drain();
    expect(shell.messages.filter((m) => m.key === 'w4')).toHaveLength(1);
    expect(await db.knex('outbox_deliveries').orderBy('id', 'desc').first()).toMatchObject({
      status: 'sent',
      uncertain: false,
    });
  });

  it('posts a reply only after its parent and into the parent thread', async () => {
    const shell = fakePlatform('shell');
    const { worker } = setup([shell]);
    await enqueue(db.knex, [
      { key: 'w5:reply', to: digest, message: notice('reply'), threadKey: 'w5:parent' },
    ]);
    await worker.drain();
    expect(shell.messages).toHaveLength(0);
    await enqueue(db.knex, [{ key: 'w5:parent', to: digest, message: notice('parent') }]);
    await worker.drain();
    await worker.drain();
    const parent = shell.messages.find((m) => m.key === 'w5:parent');
    expect(shell.messages.map((m) => m.key)).toEqual(['w5:parent', 'w5:reply']);
    expect(shell.messages[1]?.thread).toBe(parent?.id);
  });

  it('edits the delivered message in place with the latest version only', async () => {
    const shell = fakePlatform('shell');
    const { worker } = setup([shell]);
    await enqueue(db.knex, [{ key: 'w6', to: digest, message: notice('v0') }]);
    await worker.drain();
    await enqueueUpdate(db.knex, { key: 'w6', message: notice('v1') });
    await enqueueUpdate(db.knex, { key: 'w6', message: notice('v2') });
    await worker.drain();
    await worker.drain();
    const m = shell.messages.find((x) => x.key === 'w6');
    expect(m?.edits.map((e) => e.blocks[0])).toEqual([{ type: 'text', text: 'v2' }]);
  });

  it('gives a delivery up when the platform says retrying cannot help', async () => {
    const shell = fakePlatform('shell');
    const { worker } = setup([shell]);
    shell.failNext('before', new ChatOutError('channel_not_found', { permanent: true }));
    await enqueue(db.knex, [{ key: 'w7', to: digest, message: notice('x') }]);
    await worker.drain();
    expect(await db.knex('outbox_deliveries').orderBy('id', 'desc').first()).toMatchObject({
      status: 'failed',
      last_error: 'channel_not_found',
    });
  });

  it('spaces messages to one channel about a second apart', async () => {
    const shell = fakePlatform('shell');
    const { worker, clock } = setup([shell]);
    const sent: number[] = [];
    const timed = {
      ...shell,
      post: async (...a: Parameters<typeof shell.post>) => (
        sent.push(clock.now().getTime()),
        shell.post(...a)
      ),
    };
    const paced = createOutboxWorker({
      db: db.knex,
      chatOuts: [timed],
      clock,
      log: silentLog,
      sleep: async (ms) => clock.set(new Date(clock.now().getTime() + ms)),
    });
    await enqueue(
      db.knex,
      [1, 2, 3].map((i) => ({ key: `w8:${i}`, to: digest, message: notice(`${i}`) })),
    );
    await paced.drain();
    expect(sent.slice(1).map((t, i) => t - (sent[i] ?? 0))).toEqual([1000, 1000]);
    void worker;
  });

  it('writes to the terminal at once: no pacing where there is no rate limit', async () => {
    const { clock } = setup();
    const terminal = { ...fakePlatform('shell'), paced: false };
    const pauses: number[] = [];
    const worker = createOutboxWorker({
      db: db.knex,
      chatOuts: [terminal],
      clock,
      log: silentLog,
      sleep: async (ms) => void pauses.push(ms),
    });
    await enqueue(
      db.knex,
      [1, 2, 3].map((i) => ({ key: `w9:${i}`, to: digest, message: notice(`${i}`) })),
    );
    await worker.drain();
    expect(terminal.messages.filter((m) => m.key.startsWith('w9:'))).toHaveLength(3);
    expect(pauses).toEqual([]);
  });

  it('stops at once, leaving what it had not begun in the outbox for the next worker', async () => {
    const { clock } = setup();
    const slack = fakePlatform('slack');
    let firstSent: () => void = () => undefined;
    const sentOne = new Promise<void>((resolve) => {
      firstSent = resolve;
    });
    const watched = {
      ...slack,
      post: async (...a: Parameters<typeof slack.post>) => {
        const ref = await slack.post(...a);
        firstSent();
        return ref;
      },
    };
    // An hour between two messages to a channel: a stop that waited for the pacing would never end.
    const worker = createOutboxWorker({
      db: db.knex,
      chatOuts: [watched],
      clock,
      log: silentLog,
      pacingMs: 3_600_000,
    });
    const keys = [1, 2, 3].map((i) => `w10:${i}`);
    await enqueue(
      db.knex,
      keys.map((key) => ({ key, to: digest, message: notice(key) })),
    );
    worker.start();
    await sentOne;
    await worker.stop();
    const rows = await db
      .knex('outbox_deliveries as d')
      .join('outbox as o', 'o.id', 'd.outbox_id')
      .whereIn('o.idempotency_key', keys)
      .orderBy('o.idempotency_key')
      .select('o.idempotency_key as key', 'd.status', 'd.attempts', 'd.uncertain');
    expect(rows).toEqual([
      { key: 'w10:1', status: 'sent', attempts: 1, uncertain: false },
      { key: 'w10:2', status: 'pending', attempts: 0, uncertain: false },
      { key: 'w10:3', status: 'pending', attempts: 0, uncertain: false },
    ]);
    // The next start delivers the rest, each once.
    const next = createOutboxWorker({ db: db.knex, chatOuts: [slack], clock, log: silentLog, pacingMs: 0 });
    await next.drain();
    expect(slack.messages.map((m) => m.key).sort()).toEqual(keys);
  });
});

describe.each(backends().filter((k) => k === 'postgres'))('three outbox workers on one real %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('deliver each of two hundred posts exactly once between them', { timeout: 120_000 }, async () => {
    const shell = fakePlatform('shell');
    const clock = createFixedClock('2026-12-01T01:00:00Z');
    const workers = [0, 1, 2].map(() =>
      createOutboxWorker({
        db: db.knex,
        chatOuts: [shell],
        clock,
        log: silentLog,
        pacingMs: 0,
        batchSize: 7,
      }),
    );
    const posts = Array.from({ length: 200 }, (_, i) => ({
      key: `many:${i}`,
      to: { kind: 'user' as const, userId: i % 10 },
      message: notice(`${i}`),
    }));
    await enqueue(db.knex, posts);
    await Promise.all(workers.map((w) => w.drain()));
    const keys = shell.messages.map((m) => m.key);
    expect(keys).toHaveLength(200);
    expect(new Set(keys).size).toBe(200);
  });
});
