import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { creditsCommand } from '../../src/commands/credits.ts';
import { parseOverdue } from '../../src/commands/overdue-grammar.ts';
import { grammarErrorText } from '../../src/commands/overdue-help.ts';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db.ts';
import { translator } from '../../src/i18n/translate.ts';
import { buildPolicy } from '../../src/policy.ts';
import { collectorCredits } from '../../src/worklist/collector-credit.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

const TZ = 'Asia/Shanghai';

describe.each(backends())('collector credit on %s (PB-29)', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  const settle = (id: number, at: string) =>
    db
      .knex('open_items')
      .where({ id })
      .update({ status: 'settled', settled_at: new Date(at), open_minor: 0 });

  it('credits each settled invoice to the owner at that moment, with the 90+ day bonus base', async () => {
    const month = '2031-03';
    const ann = await seedStaff(db.knex, 'Ann', 'collector');
    const bob = await seedStaff(db.knex, 'Bob', 'collector');
    const { accountId, itemIds } = await seedAccount(db.knex, {
      items: [
        { dueDate: '2031-02-20', totalMinor: 100_000 }, // settled under Ann, 13 days past due
        { dueDate: '2030-11-01', totalMinor: 500_000 }, // settled under Bob, 125 days past due: bonus base
        { dueDate: '2031-03-01', totalMinor: 70_000, currency: 'USD' }, // settled while nobody owned it
        { dueDate: '2031-03-01', totalMinor: 999_000 }, // settled in April: not this month
      ],
    });
    const [a, b, c, d] = itemIds as [number, number, number, number];
    await db.knex('claims').insert([
      {
        customer_id: accountId,
        user_id: ann.userId,
        claimed_at: new Date('2031-02-25T01:00:00Z'),
        released_at: new Date('2031-03-05T01:00:00Z'),
      },
      { customer_id: accountId, user_id: bob.userId, claimed_at: new Date('2031-03-10T01:00:00Z') },
    ]);
    await settle(a, '2031-03-04T02:00:00Z');
    await settle(c, '2031-03-07T02:00:00Z');
    await settle(b, '2031-03-20T02:00:00Z');
    await settle(d, '2031-04-01T02:00:00Z');
    const credits = await collectorCredits(db.knex, month, TZ);
    expect(credits).toEqual([
      {
        userId: ann.userId,
        collector: 'Ann',
        currency: 'CNY',
        items: 1,
        recoveredMinor: 100_000,
        bonusBaseMinor: 0,
        bonusItems: 0,
      },
      {
        userId: bob.userId,
        collector: 'Bob',
        currency: 'CNY',
        items: 1,
        recoveredMinor: 500_000,
        bonusBaseMinor: 500_000,
        bonusItems: 1,
      },
      {
        userId: null,
        collector: null,
        currency: 'USD',
        items: 1,
        recoveredMinor: 70_000,
        bonusBaseMinor: 0,
        bonusItems: 0,
      },
    ]);
    // Settled at 2031-03-31T17:00Z is 1 April in Shanghai: April's, not March's.
    const { itemIds: late } = await seedAccount(db.knex, {
      items: [{ dueDate: '2031-03-01', totalMinor: 1 }],
    });
    await settle(late[0] ?? 0, '2031-03-31T17:00:00Z');
    expect((await collectorCredits(db.knex, month, TZ)).map((r) => r.recoveredMinor)).toEqual([
      100_000, 500_000, 70_000,
    ]);

    const mia = await seedStaff(db.knex, 'Mia', 'manager');
    const ctx = {
      db: db.knex,
      clock: createFixedClock('2031-03-25T03:00:00Z', TZ),
      policy: defaultPolicy,
      pageSize: 10,
    };
    const shown = await creditsCommand(ctx, mia, null);
    const text = JSON.stringify(shown);
    expect(text).toContain('Recovered in 2031-03 by collector (PB-29)');
    expect(text).toMatch(
      /\*Bob\*: CNY 5,000.00 \(1 invoice\) · bonus base, settled over 90 days past due: CNY 5,000.00/,
    );
    expect(text).toMatch(/\*Nobody owned the account\*: USD 700.00/);
    const refused = await creditsCommand(ctx, ann, month);
    expect(JSON.stringify(refused)).toMatch(/needs a manager/);
  });

  it('PB-29: a policy file with bonusAfterDays 10 puts an invoice settled 13 days past due in the bonus base', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'duebot-policy-'));
    const file = join(dir, 'policy.yaml');
    await writeFile(file, 'collectorCredit:\n  bonusAfterDays: 10\n');
    const loaded = loadConfig({ DUEBOT_POLICY_FILE: file });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const policy = await buildPolicy(loaded.config);
    const month = '2032-05';
    const cy = await seedStaff(db.knex, 'Cy', 'collector');
    const boss = await seedStaff(db.knex, 'Boss', 'manager');
    const { accountId, itemIds } = await seedAccount(db.knex, {
      items: [{ dueDate: '2032-05-01', totalMinor: 100_000 }], // settled 13 days past due
    });
    await db.knex('claims').insert({
      customer_id: accountId,
      user_id: cy.userId,
      claimed_at: new Date('2032-04-01T01:00:00Z'),
    });
    await settle(itemIds[0] ?? 0, '2032-05-14T02:00:00Z');
    expect((await collectorCredits(db.knex, month, TZ)).map((r) => r.bonusBaseMinor)).toEqual([0]);
    const ctx = {
      db: db.knex,
      clock: createFixedClock('2032-05-25T03:00:00Z', TZ),
      policy,
      pageSize: 10,
    };
    const text = JSON.stringify(await creditsCommand(ctx, boss, month));
    expect(text).toMatch(
      /\*Cy\*: CNY 1,000.00 \(1 invoice\) · bonus base, settled over 10 days past due: CNY 1,000.00/,
    );
    const playbook = JSON.stringify(await creditsCommand({ ...ctx, policy: defaultPolicy }, boss, month));
    expect(playbook).toMatch(/settled over 90 days past due: none/);
  });

  it('reads the month typed, and refuses anything else naming the form', () => {
    expect(parseOverdue('credits 2031-03')).toEqual({
      ok: true,
      command: { kind: 'credits', month: '2031-03' },
    });
    expect(parseOverdue('credits')).toEqual({ ok: true, command: { kind: 'credits', month: null } });
    expect(parseOverdue('回收业绩 2031年3月')).toEqual(parseOverdue('credits 2031-03'));
    for (const [bad, word] of [
      ['credits 2031-13', '2031-13'],
      ['credits March', 'March'],
      ['credits 2031-03 2031-04', '2031-03 2031-04'],
      ['credits 2031-3', '2031-3'],
    ] as const) {
      const parsed = parseOverdue(bad);
      expect(parsed).toMatchObject({ ok: false, error: { code: 'bad_value', reason: 'not_a_month', word } });
      if (parsed.ok) continue;
      expect(grammarErrorText(parsed.error, translator('en'))).toBe(
        `"${word}" is not a month. "credits" takes one month as YYYY-MM, or nothing for this month: /overdue credits [2026-11].`,
      );
    }
  });
});
