import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountForThread,
  ensureAccountThread,
  type ThreadAccount,
  type ThreadPlace,
  type ThreadStarter,
} from '../../src/chat/account-threads.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount } from '../support/seed.ts';

/**
 * A platform's starter that records what it was asked to post and take back, with refs as the platform
 * makes them; with `gate`, each first post waits for it (so two starts overlap for certain).
 */
function recordingStarter(refs: string[], options: { discards?: boolean; gate?: Promise<void> } = {}) {
  const started: ThreadAccount[] = [];
  const discarded: string[] = [];
  const starter: ThreadStarter = {
    start: async (account) => {
      started.push(account);
      const ref = refs[started.length - 1] ?? `extra-${started.length}`;
      await options.gate;
      return ref;
    },
    ...(options.discards === false
      ? {}
      : {
          discard: async (ref: string) => {
            discarded.push(ref);
          },
        }),
  };
  return { starter, started, discarded };
}

/** A gate that opens once `count` callers arrived at it. */
function barrier(count: number): { arrive(): void; open: Promise<void> } {
  let arrived = 0;
  let release: () => void = () => undefined;
  const open = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    arrive: () => {
      arrived += 1;
      if (arrived === count) release();
    },
    open,
  };
}

// The two platforms' shapes: Slack names a channel C... and a thread by its parent's ts; Teams names a
// channel 19:...@thread.tacv2 and a thread by its root post's activity id.
const shapes: { platform: string; place: ThreadPlace; refs: [string, string]; discards: boolean }[] = [
  {
    platform: 'slack',
    place: { platform: 'slack', channel: 'C0AR' },
    refs: ['1764000000.000100', '1764000000.000200'],
    discards: true,
  },
  {
    platform: 'teams',
    place: { platform: 'teams', channel: '19:ar-team@thread.tacv2' },
    refs: ['1764000000123', '1764000000456'],
    discards: false,
  },
];

describe.each(backends())('the account-thread store on %s', (kind) => {
  let db: Database;
  let north: number;
  let northLedgerId: string;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    north = (await seedAccount(db.knex, { name: 'Northwind Traders Ltd', items: [] })).accountId;
    northLedgerId = String(
      (await db.knex('customers').where({ id: north }).first('external_id')).external_id,
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  describe.each(shapes)('in $platform shape', ({ platform, place, refs, discards }) => {
    it('starts a thread once with the account named, then finds it again and maps it back', async () => {
      const { starter, started } = recordingStarter([refs[0]], { discards });
      expect(await ensureAccountThread(db.knex, place, north, starter)).toBe(refs[0]);
      expect(await ensureAccountThread(db.knex, place, north, starter)).toBe(refs[0]);
      expect(started).toEqual([{ name: 'Northwind Traders Ltd', externalId: northLedgerId }]);
      expect(await accountForThread(db.knex, place, refs[0])).toBe(north);
    });

    it('keeps one thread when two start it at once, and takes the other first post back where it can', async () => {
      const { accountId } = await seedAccount(db.knex, { name: `Raced ${platform}`, items: [] });
      const both = barrier(2);
      const gate = both.open;
      const raced = refs.map((r) => `${r}-raced`);
      const first = recordingStarter([raced[0] ?? ''], { discards, gate });
      const second = recordingStarter([raced[1] ?? ''], { discards, gate });
      const arriving = (s: ThreadStarter): ThreadStarter => ({
        ...s,
        start: (account) => {
          both.arrive();
          return s.start(account);
        },
      });
      const [a, b] = await Promise.all([
        ensureAccountThread(db.knex, place, accountId, arriving(first.starter)),
        ensureAccountThread(db.knex, place, accountId, arriving(second.starter)),
      ]);
      expect(a).toBe(b);
      const rows = await db.knex('account_threads').where({ platform, customer_id: accountId });
      expect(rows.map((r) => String(r.thread_ref))).toEqual([a]);
      expect([first.started.length, second.started.length]).toEqual([1, 1]);
      const lost = a === raced[0] ? raced[1] : raced[0];
      expect([...first.discarded, ...second.discarded]).toEqual(discards ? [lost] : []);
    });

    it('stores nothing when the first post fails, so the next try starts the thread again', async () => {
      const failing: ThreadStarter = {
        start: async () => {
          throw new Error('the platform refused the post');
        },
      };
      const { accountId } = await seedAccount(db.knex, { name: `Failing ${platform}`, items: [] });
      await expect(ensureAccountThread(db.knex, place, accountId, failing)).rejects.toThrow('refused');
      expect(await db.knex('account_threads').where({ platform, customer_id: accountId })).toEqual([]);
      const { starter } = recordingStarter([`${refs[1]}-retry`], { discards });
      expect(await ensureAccountThread(db.knex, place, accountId, starter)).toBe(`${refs[1]}-retry`);
    });

    it('finds no account for a thread of another channel, another platform or no thread at all', async () => {
      expect(await accountForThread(db.knex, { ...place, channel: `${place.channel}-other` }, refs[0])).toBe(
        null,
      );
      expect(await accountForThread(db.knex, { ...place, platform: 'shell' }, refs[0])).toBe(null);
      expect(await accountForThread(db.knex, place, 'not-a-thread')).toBe(null);
    });
  });
});
