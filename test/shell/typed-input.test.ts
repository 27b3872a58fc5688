import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { DispatchContext } from '../../src/commands/dispatch.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { assessSeeded, seedAccount } from '../support/seed.ts';
import { shellSession } from './support/session.ts';

/** What the clerk typed is saved, or refused with a reason and asked again: never silently dropped. */
describe.each(backends())('typed input in the shell on %s', (kind) => {
  let db: Database;
  let ctx: DispatchContext;
  let northwind: number;
  let split: number;
  const session = (input: string) => shellSession(ctx, input);
  const activities = async (accountId: number) =>
    db.knex('activities').where({ customer_id: accountId, kind: 'outcome' }).orderBy('id').select('details');

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ctx = {
      db: db.knex,
      clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
      policy: defaultPolicy,
      pageSize: 10,
    };
    ({ accountId: northwind } = await seedAccount(db.knex, {
      name: 'Northwind Traders Ltd',
      items: [{ number: 'N-1', dueDate: '2026-10-10', totalMinor: 8_600_000 }],
    }));
    ({ accountId: split } = await seedAccount(db.knex, {
      name: 'Split Invoices GmbH',
      items: [
        { number: 'S-1', dueDate: '2026-09-01', totalMinor: 300_000 },
        { number: 'S-2', dueDate: '2026-09-15', totalMinor: 700_000 },
      ],
    }));
    await assessSeeded(db.knex);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('refuses an unknown key, naming the valid ones, and saves nothing', async () => {
    const before = await activities(northwind);
    const out = await session(`log #${northwind} result=reached nots="typo"\n`);
    expect(out).toMatch(
      /! "nots" is not a key of log; the keys are channel, result, notes, date, amount, currency, invoices, followup\. Nothing was saved\./,
    );
    expect(await activities(northwind)).toEqual(before);
  });

  it('refuses a key given twice instead of keeping one of them', async () => {
    const before = await activities(northwind);
    const out = await session(`log #${northwind} result=reached notes="first" notes="second"\n`);
    expect(out).toMatch(/! notes is given twice/);
    expect(await activities(northwind)).toEqual(before);
  });

  it('reads common spellings of a result and lists the results when one is unknown', async () => {
    const out = await session(
      [
        `log #${northwind} result=no-answer`,
        `log #${northwind} result=noanswer channel=Email`,
        `log #${northwind} result="Wrong contact"`,
        `log #${northwind} result=nope`,
        'help',
        '',
      ].join('\n'),
    );
    expect(out).toMatch(/Ann logged a call with Northwind Traders Ltd: no answer/);
    expect(out).toMatch(/Ann logged an email with Northwind Traders Ltd: no answer/);
    expect(out).toMatch(/Ann logged a call with Northwind Traders Ltd: wrong contact/);
    const list =
      'reached, no_answer, voicemail, promised, in_process, disputed, refused, paid, wrong_contact, cash_flow';
    expect(out).toContain(`! result: Choose 1-10 or one of: ${list}.`);
    expect(out).toContain(`results: ${list}`); // help
    const results = (await activities(northwind)).slice(-3).map((a) => JSON.parse(JSON.stringify(a.details)));
    expect(results.map((d) => [d.result, d.channel])).toEqual([
      ['no_answer', 'call'],
      ['no_answer', 'email'],
      ['wrong_contact', 'call'],
    ]);
  });

  it('reads a promised amount in 万 as the /overdue filter does', async () => {
    const out = await session(
      `/overdue >5万\nlog #${northwind} result=promised date=2026-11-27 amount=5万\nlog #${northwind} result=promised date=2026-11-27 amount=5x\n`,
    );
    expect(out).toMatch(/Northwind Traders Ltd \(#\d+\)/); // the filter read 5万 as 50,000
    expect(out).toMatch(/promised CNY 50,000\.00 by 2026-11-27/);
    expect(out).toMatch(
      /! amount: an amount in CNY such as 12,500\.00, 12\.5k or 5万\n {2}Nothing was saved\./,
    );
  });

  it('checks each answer of the log form as it is typed and asks again, then saves them all', async () => {
    // channel, result, notes, promise date (past, then good), amount (abc, then 5万), invoices (unknown,
    // then none), after-sales contact and next follow-up (empty)
    const answers = [
      '',
      'promised',
      'CFO on the phone',
      '2020-01-01',
      '2026-11-27',
      'abc',
      '5万',
      'X-9',
      '',
      '',
      '',
    ];
    const out = await session(`log #${northwind}\n${answers.join('\n')}\n`);
    expect(out).toMatch(/! Promised payment date: today \(2026-11-22\) or later/);
    expect(out).toMatch(/! Promised amount: an amount in CNY such as/);
    expect(out).toMatch(/! Invoices concerned: not open invoices of this account: X-9/);
    expect(out).toMatch(
      /Ann logged a call with Northwind Traders Ltd: promised CNY 50,000\.00 by 2026-11-27/,
    );
    const [last] = (await activities(northwind)).slice(-1);
    expect(JSON.parse(JSON.stringify(last?.details))).toMatchObject({ notes: 'CFO on the phone' });
  });

  it('asks again only for what two answers together break, keeping the rest', async () => {
    // 5k is less than the 10k open, so it passes; then invoice S-1 has only 3k open: the amount is asked again.
    const answers = ['call', 'promised', 'two invoices', '2026-11-30', '5k', 'S-1', '', '', '3k'];
    const out = await session(`log #${split}\n${answers.join('\n')}\n`);
    expect(out).toMatch(/! Promised amount: more than the CNY 3,000\.00 open on the chosen invoices/);
    expect(out).toMatch(/Ann logged a call with Split Invoices GmbH: promised CNY 3,000\.00 by 2026-11-30/);
    const [last] = (await activities(split)).slice(-1);
    expect(JSON.parse(JSON.stringify(last?.details))).toMatchObject({
      notes: 'two invoices',
      invoices: 'S-1',
    });
  });

  it('says nothing was saved when the input ends inside the form', async () => {
    const before = await activities(northwind);
    const out = await session(`log #${northwind}\ncall\nreached\n`);
    expect(out).toMatch(/The input ended before the form was complete; nothing was saved\./);
    expect(await activities(northwind)).toEqual(before);
  });

  it('keeps row numbers and customer ids apart: 5 is a row of the last list, #5 customer id 5', async () => {
    const out = await session(
      [
        'open 1',
        '/overdue customer Northwind',
        `open ${split}`,
        `open #${split}`,
        'open 1',
        '/overdue customer Nobody-At-All',
        'claim 1',
        '',
      ].join('\n'),
    );
    expect(out).toContain(
      `! There is no list yet, so 1 is no row: type /overdue first, or use #1 for the customer with id 1.`,
    );
    expect(out).toContain(
      `! There is no row ${split}: the last list has 1 row; use #${split} for the customer with id ${split}.`,
    );
    expect(out).toMatch(/^Split Invoices GmbH\n=+$/m); // #id: the card of that customer
    expect(out).toMatch(/^Northwind Traders Ltd\n=+$/m); // row 1 of the list
    expect(out).toContain('! There is no row 1: the last list was empty; use #1 for the customer with id 1.');
    expect(Number((await db.knex('claims').count({ n: '*' }))[0]?.n)).toBe(0);
  });
});
