import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitWords } from '../../adapters/shell/shell.ts';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { DispatchContext } from '../../src/commands/dispatch.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { assessSeeded, seedAccount, seedManyStaff, seedStaff } from '../support/seed.ts';
import { shellSession } from './support/session.ts';

const session = (ctx: DispatchContext, input: string, options: { color?: boolean } = {}) =>
  shellSession(ctx, input, options);

describe('shell word splitting', () => {
  it('keeps quoted values together', () => {
    expect(splitWords('log 3 result=promised notes="pays on Friday" "two words"')).toEqual([
      'log',
      '3',
      'result=promised',
      'notes=pays on Friday',
      'two words',
    ]);
  });
});

describe.each(backends())('the shell on %s', (kind) => {
  let db: Database;
  let ctx: DispatchContext;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ctx = {
      db: db.knex,
      clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
      policy: defaultPolicy,
      pageSize: 10,
    };
    await seedAccount(db.knex, {
      name: 'Northwind Traders Ltd',
      items: [{ number: 'N-1', dueDate: '2026-10-10', totalMinor: 8_600_000 }],
    });
    await seedAccount(db.knex, {
      name: '上海华联贸易有限公司',
      items: [{ number: 'H-1', dueDate: '2026-07-01', totalMinor: 1_200_000 }],
    });
    await seedAccount(db.knex, {
      name: 'Tiny Tools',
      items: [{ number: 'T-1', dueDate: '2026-11-20', totalMinor: 5_000 }],
    });
    await assessSeeded(db.knex);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('runs piped commands one by one: list, claim by row number, card', async () => {
    const out = await session(ctx, '/overdue 60+\nclaim 1\nopen 1\n');
    expect(out).toMatch(/Overdue accounts on 2026-11-22/);
    expect(out).toMatch(/^1\. 上海华联贸易有限公司/m);
    expect(out).not.toMatch(/Tiny Tools/);
    expect(out).toMatch(/claimed by Ann/);
    expect(out).toMatch(/^Key account: 144 days overdue: key account without exception/m);
    const [claim] = await db
      .knex('claims')
      .join('customers', 'customers.id', 'claims.customer_id')
      .select('customers.name');
    expect(claim.name).toBe('上海华联贸易有限公司');
  });

  it('logs a call on one line and shows it in the history', async () => {
    const out = await session(
      ctx,
      '/overdue customer Northwind\nlog 1 result=promised date=2026-11-27 amount=50k notes="pays Friday"\nhistory 1\n',
    );
    expect(out).toMatch(
      /\[account thread\] Ann logged a call with Northwind Traders Ltd: promised CNY 50,000\.00 by 2026-11-27/,
    );
    expect(out).toMatch(/Ann logged a call: promised 50k by 2026-11-27 — "pays Friday"/);
  });

  it('asks for each form field when log has no values, and re-asks a bad answer', async () => {
    // channel, result, notes, promise date, amount, invoices, after-sales contact, next follow-up (a bad
    // date is asked again)
    const answers = ['call', 'no answer', 'rang twice', '', '', '', '', 'yesterday', '2026-11-25'];
    const out = await session(ctx, `/overdue customer Tiny\nlog 1\n${answers.join('\n')}\n`);
    expect(out).toMatch(/! Next follow-up must be a date like 2026-12-01\./);
    expect(out).toMatch(/Ann logged a call with Tiny Tools: no answer/);
  });

  it('answers mistakes plainly and changes nothing', async () => {
    const before = await db.knex('activities').count({ n: '*' });
    const out = await session(
      ctx,
      'claim\nfrobnicate\n/overdue bananas\n/overdue customer Tiny\nlog 1 result\nnext\n',
    );
    expect(out).toMatch(/claim N: N is a row number of the last list; #N is a customer id/);
    expect(out).toMatch(/unknown command "frobnicate"; type help/);
    expect(out).toMatch(/bananas/);
    expect(out).toMatch(/"result" is not key=value/);
    expect(out).toMatch(/there is no next page/);
    expect(await db.knex('activities').count({ n: '*' })).toEqual(before);
  });

  it('colours accounts over 30 days red only on a terminal (PB-04)', async () => {
    const plain = await session(ctx, '/overdue\n');
    const coloured = await session(ctx, '/overdue\n', { color: true });
    const ESC = String.fromCharCode(27);
    expect(plain).not.toContain(`${ESC}[`);
    expect(coloured).toContain(`${ESC}[31m`); // red: more than 30 days overdue
  });

  it('reassigns by name as a manager', async () => {
    await db
      .knex('users')
      .insert({ platform: 'shell', platform_user_id: 'zoe', display_name: 'Zoe', role: 'collector' })
      .onConflict(['platform', 'platform_user_id'])
      .ignore();
    await db.knex('users').where({ platform_user_id: 'ann' }).update({ role: 'manager' });
    const out = await session(ctx, '/overdue customer 华联\nreassign 1 Zoe\nreassign 1 Nobody\n');
    expect(out).toMatch(/Ann reassigned this account from Ann to Zoe\./);
    expect(out).toMatch(/! Nobody who can own accounts is called "Nobody"\./);
    await db.knex('users').where({ platform_user_id: 'ann' }).update({ role: 'collector' });
  });

  it('reassigns to the 150th staff member by name, beyond the 100 a form lists (PB-25)', async () => {
    await seedManyStaff(db.knex, 150, 'Staff', 'shell');
    await seedStaff(db.knex, 'Ann', 'manager');
    const out = await session(ctx, '/overdue customer 华联\nreassign 1 staff 150\nreassign 1 Staff 1\n');
    expect(out).toMatch(/Ann reassigned this account (from \w+ )?to Staff 150\./);
    expect(out).toMatch(/! "Staff 1" matches several people; type more of the name:\n {4}Staff 100\n/);
    const owner = await db
      .knex('claims')
      .join('users', 'users.id', 'claims.user_id')
      .join('customers', 'customers.id', 'claims.customer_id')
      .where('customers.name', 'like', '%华联%')
      .whereNull('claims.released_at')
      .first('users.display_name');
    expect(owner?.display_name).toBe('Staff 150');
    await db.knex('users').where({ platform_user_id: 'ann' }).update({ role: 'collector' });
  });

  it('acts as another staff member with `as`', async () => {
    const out = await session(ctx, 'as Bob\n/overdue customer Northwind\nclaim 1\n');
    expect(out).toMatch(/Now acting as Bob\./);
    expect(out).toMatch(/claimed by Bob|Already claimed by/);
  });
});
