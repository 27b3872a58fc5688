/**
 * PB-26: the owner's daily list (the morning's private digest) and own worklist name the accounts they own
 * that had no status update for the set number of working days (DUEBOT_STATUS_UPDATE_DAYS).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { defaultWorkingCalendar } from '../../src/collections/dates.ts';
import { myWorkMessage } from '../../src/commands/my-work.ts';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db.ts';
import { ownerDigestView } from '../../src/views/digest.ts';
import { myWork } from '../../src/worklist/my-work.ts';
import { quietAccounts, type QuietRule } from '../../src/worklist/status-updates.ts';
import type { Actor } from '../../src/worklist/staff.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

const TODAY = '2026-11-25'; // a Wednesday
const TZ = 'Asia/Shanghai';
const rule = (afterWorkingDays = 2, holidays: string[] = []): QuietRule => ({
  afterWorkingDays,
  calendar: { ...defaultWorkingCalendar, holidays },
  timeZone: TZ,
});

describe.each(backends())('accounts with no status update on %s', (kind) => {
  let db: Database;
  let ann: Actor;
  let bob: Actor;
  const ids: Record<string, number> = {};

  /** An account `owner` claimed at `claimedAt`, with activities at the given instants. */
  async function owned(
    name: string,
    owner: Actor,
    claimedAt: string,
    activities: { at: string; kind: string; byOwner: boolean }[],
    open = true,
  ): Promise<number> {
    const { accountId } = await seedAccount(db.knex, {
      name,
      items: [{ dueDate: '2026-10-01', totalMinor: 1_000_000, openMinor: open ? 1_000_000 : 0 }],
    });
    if (!open)
      await db
        .knex('open_items')
        .where({ customer_id: accountId })
        .update({ status: 'settled', settled_at: new Date('2026-11-01T00:00:00Z') });
    await db
      .knex('claims')
      .insert({ customer_id: accountId, user_id: owner.userId, claimed_at: new Date(claimedAt) });
    for (const a of activities)
      await db.knex('activities').insert({
        customer_id: accountId,
        actor_user_id: a.byOwner ? owner.userId : null,
        platform: a.byOwner ? 'shell' : 'system',
        kind: a.kind,
        details: '{}',
        created_at: new Date(a.at),
      });
    return accountId;
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ann = await seedStaff(db.knex, 'Ann');
    bob = await seedStaff(db.knex, 'Bob');
    ids.quiet = await owned('Quiet Since Wednesday Ltd', ann, '2026-11-16T02:00:00Z', [
      { at: '2026-11-16T02:00:00Z', kind: 'claimed', byOwner: true },
      { at: '2026-11-18T03:00:00Z', kind: 'outcome', byOwner: true },
    ]);
    ids.fresh = await owned('Updated Yesterday Ltd', ann, '2026-11-16T02:00:00Z', [
      { at: '2026-11-24T03:00:00Z', kind: 'note', byOwner: true },
    ]);
    // 23 Nov 17:00 UTC is already 24 Nov in Shanghai: an update yesterday, not on Monday.
    ids.lateNight = await owned('Late Night Call Ltd', ann, '2026-11-16T02:00:00Z', [
      { at: '2026-11-23T17:00:00Z', kind: 'outcome', byOwner: true },
    ]);
    // Only duebot wrote since the claim (an escalation): that is no status update.
    ids.botOnly = await owned('Only Duebot Wrote Ltd', ann, '2026-11-20T02:00:00Z', [
      { at: '2026-11-20T02:00:00Z', kind: 'claimed', byOwner: true },
      { at: '2026-11-24T01:00:00Z', kind: 'escalated', byOwner: false },
    ]);
    ids.bobs = await owned('Bobs Quiet Account Ltd', bob, '2026-11-02T02:00:00Z', []);
    ids.settled = await owned('Paid Up Ltd', ann, '2026-11-02T02:00:00Z', [], false);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('names the owner’s accounts quiet for the set number of working days, the longest first', async () => {
    const quiet = await quietAccounts(db.knex, ann.userId, TODAY, rule(2));
    expect(quiet).toEqual([
      { accountId: ids.quiet, name: 'Quiet Since Wednesday Ltd', since: '2026-11-18', workingDays: 5 },
      { accountId: ids.botOnly, name: 'Only Duebot Wrote Ltd', since: '2026-11-20', workingDays: 3 },
    ]);
  });

  it('counts working days only: a holiday is not a day without an update', async () => {
    const quiet = await quietAccounts(db.knex, ann.userId, TODAY, rule(3, ['2026-11-23']));
    expect(quiet.map((q) => [q.name, q.workingDays])).toEqual([['Quiet Since Wednesday Ltd', 4]]);
  });

  it('names nothing when the setting is 0, and never another owner’s or a settled account', async () => {
    expect(await quietAccounts(db.knex, ann.userId, TODAY, rule(0))).toEqual([]);
    const names = (await quietAccounts(db.knex, ann.userId, TODAY, rule(1))).map((q) => q.name);
    expect(names).not.toContain('Bobs Quiet Account Ltd');
    expect(names).not.toContain('Paid Up Ltd');
    expect((await quietAccounts(db.knex, bob.userId, TODAY, rule(2))).map((q) => q.name)).toEqual([
      'Bobs Quiet Account Ltd',
    ]);
  });

  it('puts them in the owner’s morning list and own worklist (App Home)', async () => {
    const work = await myWork(db.knex, ann.userId, TODAY, 10, rule(2));
    const daily = ownerDigestView(work, { name: 'Ann', today: TODAY });
    expect(JSON.stringify(daily)).toMatch(
      /Quiet Since Wednesday Ltd\*: no update for 5 working days \(since 18 Nov 2026\)/,
    );
    const home = await myWorkMessage(
      {
        db: db.knex,
        clock: createFixedClock('2026-11-25T03:00:00Z', TZ),
        policy: { ...defaultPolicy, statusUpdateWorkingDays: 2 },
        pageSize: 10,
      },
      { platform: 'shell', id: 'ann', name: 'Ann' },
    );
    const text = JSON.stringify(home.blocks);
    expect(text).toMatch(/No status update\* \(PB-26/);
    expect(text).toMatch(/Only Duebot Wrote Ltd\*: no update for 3 working days/);
    expect(text).not.toMatch(/Updated Yesterday Ltd\*: no update/);
    expect(text).not.toMatch(/Late Night Call Ltd\*: no update/);
  });

  it('reads DUEBOT_STATUS_UPDATE_DAYS, refusing a value that is not 0 to 60 working days', () => {
    const ok = loadConfig({ DUEBOT_STATUS_UPDATE_DAYS: '5' });
    expect(ok.ok && ok.config.collections.statusUpdateWorkingDays).toBe(5);
    const fallback = loadConfig({});
    expect(fallback.ok && fallback.config.collections.statusUpdateWorkingDays).toBe(2);
    for (const bad of ['-1', '61', 'two', '1.5']) {
      const result = loadConfig({ DUEBOT_STATUS_UPDATE_DAYS: bad });
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).toMatch(/DUEBOT_STATUS_UPDATE_DAYS/);
    }
  });
});
