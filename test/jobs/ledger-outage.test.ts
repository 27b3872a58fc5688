import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toTerminalText } from '../../adapters/shell/text.ts';
import { toBlockKit } from '../../adapters/slack/block-kit.ts';
import { toAdaptiveCard } from '../../adapters/teams/adaptive-card.ts';
import { createFixedClock } from '../../src/clock.ts';
import { accountCard } from '../../src/commands/account-actions.ts';
import { dispatch, type DispatchContext } from '../../src/commands/dispatch.ts';
import type { Database } from '../../src/db.ts';
import { createOutageWatch, outageKey } from '../../src/jobs/ledger-outage.ts';
import { createJobs } from '../../src/jobs/registry.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import { recordSyncFailure, staleAfterMinutes } from '../../src/ledger/freshness.ts';
import { openLedgerSource } from '../../src/ledger/source.ts';
import { syncLedger } from '../../src/ledger/sync.ts';
import { createLogger } from '../../src/log.ts';
import { fromStoredMessage, type StoredMessage } from '../../src/outbox/payload.ts';
import type { Message } from '../../src/views/model.ts';
import { refreshWorklist } from '../../src/worklist/assess.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { createLedgerFixture, openFixtureSource } from '../support/ledger-fixture.ts';
import { closedPort } from '../support/net-faults.ts';
import { seedAccount } from '../support/seed.ts';
import { silentLog, testConfig, testPolicy } from './support.ts';

const TZ = 'Asia/Shanghai';
const at = (local: string) => new Date(`${local}+08:00`);
const STALE = 'Ledger last read 2 h ago: the accounting database is unreachable.';
const UNREACHABLE = {
  kind: 'unreachable' as const,
  detail: 'nothing is listening at 10.0.0.5:5432 (connection refused)',
};

const contexts = (m: Message) => m.blocks.flatMap((b) => (b.type === 'context' ? [b.text] : []));
const messageOf = (reply: { kind: string; message?: Message }) => {
  if (!reply.message) throw new Error(`no message in a ${reply.kind} reply`);
  return reply.message;
};

/** Issue 13, item 7: during a ledger outage every answer looked current. */
describe.each(backends())('a ledger outage on %s', (kind) => {
  let db: Database;
  beforeEach(async () => {
    db = await openTestDatabase(kind);
  });
  afterEach(async () => {
    await db?.close();
  });

  async function setup() {
    const config = testConfig({ SYNC_INTERVAL_MINUTES: '15' }); // stale after 2 x 15 + 5 = 35 minutes
    const policy = await testPolicy(config);
    const clock = createFixedClock(at('2026-12-07T09:00:00'), TZ);
    const ctx: DispatchContext = {
      db: db.knex,
      clock,
      policy,
      pageSize: 10,
      ledgerStaleAfterMinutes: staleAfterMinutes(config),
    };
    return { config, policy, clock, ctx };
  }

  it('says on the list, the card and the digest when the ledger was last read, on every platform', async () => {
    const { config, policy, clock, ctx } = await setup();
    const { accountId } = await seedAccount(db.knex, {
      name: 'Late Payer',
      items: [{ dueDate: '2026-10-01', totalMinor: 500_000_00 }],
    });
    await refreshWorklist({ db: db.knex, policy, today: clock.today(), timeZone: TZ });
    await db.knex('sync_state').insert({ source: 'ledger', last_full_at: at('2026-12-07T07:00:00') });
    await recordSyncFailure(db.knex, 'ledger', UNREACHABLE, at('2026-12-07T08:59:00'));

    const user = { platform: 'shell' as const, id: 'ann', name: 'Ann' };
    const list = messageOf(await dispatch(ctx, { kind: 'command', text: '', user, platform: 'shell' }));
    const card = await accountCard(ctx, accountId);
    const scheduler = createScheduler({
      db: db.knex,
      jobs: createJobs(config),
      clock,
      config,
      policy,
      log: silentLog,
    });
    await scheduler.runNow('digest');
    const row = await db.knex('outbox').where({ idempotency_key: 'digest:2026-12-07' }).first('payload');
    const digest = fromStoredMessage(row.payload as StoredMessage);
    for (const message of [list, card, digest]) {
      if (!message) throw new Error('no message');
      expect(contexts(message)).toContain(STALE);
      expect(JSON.stringify(toBlockKit(message))).toContain(STALE);
      expect(JSON.stringify(toAdaptiveCard(message))).toContain(STALE);
      expect(toTerminalText(message, { color: false, width: 200 })).toContain(STALE);
    }

    // Read 10 minutes ago: nothing is said.
    clock.set(at('2026-12-07T07:10:00'));
    const fresh = messageOf(await dispatch(ctx, { kind: 'command', text: '', user, platform: 'shell' }));
    expect(contexts(fresh).join('\n')).not.toMatch(/Ledger/);
  });

  it('tells the owner once across repeated failed syncs, and once when the ledger is back', async () => {
    const { config, clock } = await setup();
    const fixture = await createLedgerFixture(db.knex);
    await fixture.addInvoices([{ id: 'I1', dueDate: '2026-10-01' }]);
    const up = await openFixtureSource(db, fixture.mappingSql());
    const down = await openLedgerSource({
      name: 'test',
      url: `postgres://postgres@127.0.0.1:${await closedPort()}/ledger`,
      mappingSql: fixture.mappingSql(),
      batchSize: 100,
    });
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    const log = createLogger({ level: 'debug', format: 'json', destination: stream });
    const watch = createOutageWatch({ db: db.knex, clock, config, log, source: 'test' });
    const sync = async (source: typeof up) => {
      const before = await watch.before();
      try {
        await syncLedger({ db: db.knex, source, mode: 'full', clock, lookbackSeconds: 0, batchSize: 100 });
        await watch.succeeded(before);
      } catch (error) {
        await watch.failed(error, 30_000);
      }
    };
    const notices = () =>
      db
        .knex('outbox')
        .where('idempotency_key', 'like', 'ledger-outage:%')
        .orderBy('id')
        .select('idempotency_key', 'thread_key');

    clock.set(at('2026-12-07T07:00:00'));
    await sync(up);
    // Down from 07:20; stale from 07:35 on; retried every few minutes until 09:00.
    for (const time of ['07:20', '07:25', '07:40', '08:10', '09:00']) {
      clock.set(at(`2026-12-07T${time}:00`));
      await sync(down);
    }
    const since = at('2026-12-07T07:20:00');
    expect(await notices()).toEqual([{ idempotency_key: outageKey(since), thread_key: null }]);
    const warnings = lines
      .map((l) => JSON.parse(l) as { level: number; msg: string })
      .filter((l) => l.level >= 40);
    expect(warnings.map((w) => w.msg)).toEqual([
      expect.stringMatching(
        /^the ledger is unreachable: nothing is listening at 127\.0\.0\.1:\d+ \(connection refused\); serving the snapshot read 2026-12-07 07:00 \(20 min ago\); retrying in 30 s$/,
      ),
    ]);
    expect(await db.knex('sync_runs').where({ status: 'failed' }).count({ n: '*' })).toEqual([{ n: 5 }]);

    clock.set(at('2026-12-07T09:05:00'));
    await sync(up);
    await sync(up);
    expect(await notices()).toEqual([
      { idempotency_key: outageKey(since), thread_key: null },
      { idempotency_key: `${outageKey(since)}:recovered`, thread_key: outageKey(since) },
    ]);
    expect(lines.some((l) => /the ledger is readable again after 1 h/.test(l))).toBe(true);

    // A blip that never makes the data stale tells nobody.
    clock.set(at('2026-12-07T09:10:00'));
    await sync(down);
    clock.set(at('2026-12-07T09:15:00'));
    await sync(up);
    expect(await notices()).toHaveLength(2);
    await down.close();
    await up.close();
  });
});
