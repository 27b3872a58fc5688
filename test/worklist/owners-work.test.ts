/**
 * The morning digest's private part for every owner at once (PB-24) gives each owner what myWork gives them
 * alone (App Home): the same promises due and broken (PB-20), follow-ups (PB-12), quiet accounts (PB-26) and
 * count of owned accounts (PB-25), hence the same message. Generated ledgers with people's work on them,
 * on PGlite and PostgreSQL.
 */
import fc from 'fast-check';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/collections/dates.ts';
import type { Database } from '../../src/db.ts';
import { ownerDigestView } from '../../src/views/digest.ts';
import { myWork } from '../../src/worklist/my-work.ts';
import { listWorklist } from '../../src/worklist/list.ts';
import { accountOwners, ownerClaims, ownersWork } from '../../src/worklist/owners-work.ts';
import type { QuietRule } from '../../src/worklist/status-updates.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { buildScaleLedger } from '../support/scale-ledger.ts';

const LEDGER_DAY = '2026-12-01';
const TZ = 'Asia/Shanghai';

/** People's work on top of the ledger, spread by a seed: what the sections read. */
interface Work {
  seed: number;
  /** Share (per mille) of owned accounts with a follow-up, of promises with another recorder, ... */
  followUps: number;
  released: number;
  promises: number;
  activities: number;
  today: number; // days after LEDGER_DAY
  limit: number;
  afterWorkingDays: number;
  holidays: number[]; // days before `today`
  weekend: number[];
  /** The overdue accounts counted per owner: at least this many days overdue. */
  minDays: number;
}

const work: fc.Arbitrary<Work> = fc.record({
  seed: fc.integer({ min: 1, max: 1000 }),
  followUps: fc.integer({ min: 0, max: 900 }),
  released: fc.integer({ min: 0, max: 300 }),
  promises: fc.integer({ min: 0, max: 900 }),
  activities: fc.integer({ min: 0, max: 900 }),
  today: fc.integer({ min: -3, max: 20 }),
  limit: fc.constantFrom(1, 3, 10, 20),
  afterWorkingDays: fc.integer({ min: 0, max: 12 }),
  holidays: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 5 }),
  weekend: fc.constantFrom<number[]>([0, 6], [5, 6], [0], []),
  minDays: fc.constantFrom(1, 1, 31, 91),
});

/** Pseudo-random 0..999 from an id and the seed (the same on both engines). */
const h = (id: string, seed: number) =>
  `((((${id})::bigint * 2654435761 + ${seed} * 40503) % 1000003) % 1000)`;

/** Writes `w` over the ledger (inside the caller's transaction, rolled back after each case). */
async function spread(db: Knex, w: Work): Promise<void> {
  const s = w.seed;
  await db.raw(
    // Not by h(): the ledger chose the claimed accounts by the same multiplicative hash, so h() with any seed
    // releases them as a block (often whole collectors); a plain offset spreads the releases over everyone.
    `UPDATE claims SET released_at = now() WHERE released_at IS NULL AND (customer_id + ${s}) % 1000 < ?`,
    [w.released],
  );
  // A few accounts claimed again by someone else after a release (one active claim each, PB-25).
  await db.raw(
    `INSERT INTO account_state (customer_id, next_follow_up_on)
     SELECT cl.customer_id, ?::date + (${h('cl.customer_id', s + 1)} % 40 - 25)::int
     FROM claims cl WHERE cl.released_at IS NULL AND ${h('cl.customer_id', s + 2)} < ?
     ON CONFLICT (customer_id) DO UPDATE SET next_follow_up_on = excluded.next_follow_up_on`,
    [LEDGER_DAY, w.followUps],
  );
  // Promises broken, partly kept, open and due, recorded by the owner or by someone else.
  await db.raw(
    `UPDATE promises p SET
       status = (ARRAY['open', 'broken', 'partial', 'kept'])[1 + ${h('p.id', s + 3)} % 4],
       promised_date = ?::date + (${h('p.id', s + 4)} % 50 - 30)::int,
       created_by_user_id = CASE WHEN ${h('p.id', s + 5)} < ?
                                 THEN (SELECT min(id) + ${h('p.id', s + 6)} % 50 FROM users) END`,
    [LEDGER_DAY, w.promises],
  );
  // Status updates (and activities that are none) by the owner and by duebot, some near midnight.
  await db.raw(
    `INSERT INTO activities (customer_id, actor_user_id, platform, kind, details, created_at)
     SELECT cl.customer_id, CASE WHEN ${h('cl.customer_id', s + 7)} % 5 = 0 THEN NULL ELSE cl.user_id END,
            'shell', (ARRAY['outcome', 'note', 'claimed', 'role_changed', 'call'])[1 + ${h('cl.customer_id', s + 8)} % 5],
            '{}', ?::timestamptz - make_interval(mins => (${h('cl.customer_id', s + 9)} * 47)::int)
     FROM claims cl WHERE cl.released_at IS NULL AND ${h('cl.customer_id', s + 10)} < ?`,
    [`${LEDGER_DAY}T12:00:00Z`, w.activities],
  );
}

describe.each(backends())('every owner’s digest at once on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await buildScaleLedger(db.knex, {
      accounts: 3000,
      invoicesPerAccount: 2,
      today: LEDGER_DAY,
      work: true,
    });
  }, 300_000);
  afterAll(async () => {
    await db?.close();
  });

  it('gives each owner what myWork gives them alone, and the same message', async () => {
    await fc.assert(
      fc.asyncProperty(work, async (w) => {
        const rollback = new Error('rollback');
        await db.knex
          .transaction(async (trx) => {
            await spread(trx, w);
            const today = addDays(LEDGER_DAY, w.today);
            const rule: QuietRule = {
              afterWorkingDays: w.afterWorkingDays,
              calendar: { weekend: w.weekend, holidays: w.holidays.map((d) => addDays(today, -d)) },
              timeZone: TZ,
            };
            const owners = await accountOwners(trx);
            expect(owners.length).toBeGreaterThan(10);
            // The digest's way: the owners with their counts from one statement, then the sections.
            const counted = await ownerClaims(trx, today, w.minDays);
            expect(counted.map((o) => ({ id: o.id, name: o.name }))).toEqual(owners);
            const all = await ownersWork(trx, counted, today, w.limit, rule);
            for (const owner of counted) {
              const overdue = await listWorklist(
                trx,
                { ownerUserId: owner.id, minDays: w.minDays },
                { today, page: 1, pageSize: 1 },
              );
              expect(owner.claimedOverdue).toBe(overdue.total);
            }
            expect(counted.filter((o) => o.claimedOverdue > 0).length).toBeGreaterThan(0);
            for (const owner of owners) {
              const alone = await myWork(trx, owner.id, today, w.limit, rule);
              const expected = {
                claimedTotal: alone.claimedTotal,
                followUps: alone.followUps,
                promisesDue: alone.promisesDue,
                promisesBroken: alone.promisesBroken,
                quiet: alone.quiet,
              };
              expect(all.get(owner.id)).toEqual(expected);
              const options = { name: owner.name, today };
              expect(ownerDigestView(all.get(owner.id) ?? expected, options)).toEqual(
                ownerDigestView(alone, options),
              );
            }
            throw rollback;
          })
          .catch((error: unknown) => {
            if (error !== rollback) throw error;
          });
      }),
      { numRuns: 8 },
    );
  }, 300_000);

  it('finds sections with something in them on these ledgers (the comparison is not of empty lists)', async () => {
    const rollback = new Error('rollback');
    await db.knex
      .transaction(async (trx) => {
        const w: Work = {
          seed: 7,
          followUps: 600,
          released: 50,
          promises: 500,
          activities: 500,
          today: 3,
          limit: 2,
          afterWorkingDays: 2,
          holidays: [],
          weekend: [0, 6],
          minDays: 1,
        };
        await spread(trx, w);
        const today = addDays(LEDGER_DAY, w.today);
        const owners = await ownerClaims(trx, today, w.minDays);
        const all = [
          ...(
            await ownersWork(trx, owners, today, w.limit, {
              afterWorkingDays: 2,
              calendar: { weekend: [0, 6], holidays: [] },
              timeZone: TZ,
            })
          ).values(),
        ];
        expect(all.filter((x) => x.followUps.length > 0).length).toBeGreaterThan(10);
        expect(all.filter((x) => x.promisesDue.length > 0).length).toBeGreaterThan(5);
        expect(all.filter((x) => x.promisesBroken.length > 0).length).toBeGreaterThan(5);
        expect(all.filter((x) => (x.quiet ?? []).length > 0).length).toBeGreaterThan(10);
        expect(all.filter((x) => x.followUps.length === w.limit).length).toBeGreaterThan(0);
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
  }, 300_000);
});
