import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runShell } from '../../adapters/shell/shell.ts';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import type { Database } from '../../src/db.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import type { User } from '../../src/views/model.ts';
import type { Interaction, Reply } from '../../src/commands/interaction.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { assessSeeded, seedAccount } from '../support/seed.ts';

const ann: User = { platform: 'shell', id: 'ann', name: 'Ann' };
const WRITTEN = ['activities', 'claims', 'promises', 'disputes', 'letters', 'outbox'] as const;

const replyText = (reply: Reply) => {
  if (reply.kind === 'formErrors')
    return Object.entries(reply.errors)
      .map(([field, why]) => `${field}: ${why}`)
      .join('\n');
  return 'message' in reply ? toFallbackText(reply.message) : reply.kind;
};

/**
 * Hostile input through the one dispatcher every platform uses, and through the shell: each gets a
 * specific answer, never an error, and writes nothing.
 */
describe.each(backends())('hostile input on %s', (kind) => {
  let db: Database;
  let ctx: DispatchContext;
  let accountId = 0;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ctx = {
      db: db.knex,
      clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
      policy: defaultPolicy,
      pageSize: 5,
    };
    const seeded = await seedAccount(db.knex, {
      name: 'Hostile Input Trading',
      items: [{ number: 'HI-1', dueDate: '2026-10-01', totalMinor: 5_000_000 }],
    });
    accountId = seeded.accountId;
    await assessSeeded(db.knex);
  });
  afterAll(async () => {
    await db?.close();
  });

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of WRITTEN) {
      const row = await db.knex(table).count({ n: '*' }).first();
      out[table] = Number(row?.n ?? 0);
    }
    return out;
  };

  const logForm = async () => {
    const opened = await dispatch(ctx, {
      kind: 'command',
      text: `log ${accountId}`,
      user: ann,
      platform: 'shell',
    });
    if (opened.kind !== 'openForm') throw new Error(`expected the log form, got ${opened.kind}`);
    return opened.form.ref;
  };
  const promise = (values: Record<string, string>) => ({
    channel: 'call',
    result: 'promised',
    promiseDate: '2026-11-30',
    promiseAmount: '1000',
    ...values,
  });

  type Case = [string, () => Promise<Interaction>, RegExp];
  const command = (text: string) => async (): Promise<Interaction> => ({
    kind: 'command',
    text,
    user: ann,
    platform: 'shell',
  });
  const note = (text: string) => async (): Promise<Interaction> => ({
    kind: 'note',
    accountId,
    text,
    user: ann,
  });
  const submit = (values: Record<string, string>) => async (): Promise<Interaction> => ({
    kind: 'submit',
    ref: await logForm(),
    values,
    user: ann,
  });
  const cases: Case[] = [
    ['a NUL byte in a command', command('claim Hostile\u0000Input'), /command.*U\+0000/i],
    ['a lone surrogate in a command', command('show \uD800Hostile'), /command.*U\+D800/i],
    ['a bell character in a list filter', command('customer \u0007Hostile'), /command.*U\+0007/i],
    ['a terminal escape in a command', command('show \u001b[31mHostile'), /command.*U\+001B/i],
    ['a NUL byte in a note', note('pays\u0000 on Friday'), /note was not saved.*U\+0000/i],
    ['a lone surrogate in a note', note('pays \uDC00 on Friday'), /note was not saved.*U\+DC00/i],
    ['an escape sequence in a note', note('\u001b[2Jpays on Friday'), /note was not saved.*U\+001B/i],
    [
      'a NUL byte in a form field',
      submit({ channel: 'call', result: 'reached', notes: 'ok\u0000' }),
      /^notes:.*U\+0000/,
    ],
    ['a lone surrogate in a form field', submit(promise({ invoices: 'HI-1\uD83D' })), /^invoices:.*U\+D83D/],
    [
      'claim of an id beyond int8',
      command('claim 99999999999999999999'),
      /No account matches "99999999999999999999"/,
    ],
    ['claim of an id beyond int4', command('claim 2147483648'), /No account matches "2147483648"/],
    ['claim of the first id beyond int8', command('claim 9223372036854775808'), /No account matches/],
    ['claim of a negative id', command('claim -1'), /No account matches "-1"/],
    ['claim of 1e3', command('claim 1e3'), /No account matches "1e3"/],
    ['claim of 0x10', command('claim 0x10'), /No account matches "0x10"/],
    ['/overdue __proto__', command('__proto__'), /did not understand "__proto__"/],
    ['/overdue constructor', command('constructor'), /did not understand "constructor"/],
    ['/overdue toString', command('toString'), /did not understand "toString"/],
    ['/overdue hasOwnProperty', command('hasOwnProperty'), /did not understand "hasOwnProperty"/],
    ['/overdue valueOf', command('valueOf'), /did not understand "valueOf"/],
    [
      'an amount filter beyond any balance',
      command('>99999999999999999999999999999999999999999'),
      /not an amount|more than/i,
    ],
    [
      'a promise dated 9999-12-31',
      submit(promise({ promiseDate: '9999-12-31' })),
      /^promiseDate: at most 90 days ahead \(2027-02-20\); a longer arrangement is a payment plan/m,
    ],
    [
      'a promise dated 2026-02-31',
      submit(promise({ promiseDate: '2026-02-31' })),
      /^promiseDate: 2026-02-31 is not a date: February 2026 has 28 days/m,
    ],
    [
      'a follow-up dated 2026-11-31',
      submit(promise({ nextFollowUp: '2026-11-31' })),
      /^nextFollowUp: 2026-11-31 is not a date: November 2026 has 30 days/m,
    ],
    [
      'a promise dated 2026-13-01',
      submit(promise({ promiseDate: '2026-13-01' })),
      /^promiseDate: 2026-13-01 is not a date: the month must be 01 to 12/m,
    ],
    [
      'a promise dated 1 Dec',
      submit(promise({ promiseDate: '1 Dec' })),
      /^promiseDate: a date as YYYY-MM-DD/m,
    ],
    ['a promise dated yesterday', submit(promise({ promiseDate: '2026-11-21' })), /^promiseDate: today/m],
    [
      'a follow-up in year 9999',
      submit(promise({ nextFollowUp: '9999-01-01' })),
      /^nextFollowUp:.*2027-11-22/m,
    ],
    [
      'a promise of an absurd amount',
      submit(promise({ promiseAmount: '9'.repeat(400) })),
      /^promiseAmount:/m,
    ],
    [
      'a page ref with a NUL in its query',
      async () => ({ kind: 'action', ref: 'd1:page:p=1:q=customer a\u0000b', user: ann }),
      /U\+0000/,
    ],
    [
      'a display name with a NUL',
      async () => ({
        kind: 'command',
        text: 'mine',
        user: { ...ann, id: 'eve', name: 'Eve\u0000' },
        platform: 'shell',
      }),
      /name.*U\+0000/i,
    ],
  ];

  it.each(cases)('answers %s specifically and writes nothing', async (_name, make, expected) => {
    const interaction = await make();
    const before = await counts();
    const reply = await dispatch(ctx, interaction);
    const text = replyText(reply);
    expect(text).not.toMatch(/went wrong/i);
    expect(text).toMatch(expected);
    expect(await counts()).toEqual(before);
  });

  it('answers hostile shell lines without "something went wrong" and writes nothing', async () => {
    const before = await counts();
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk) => {
      out += chunk;
    });
    const lines = [
      'claim #99999999999999999999',
      'claim #9223372036854775808',
      'log #99999999999999999999 result=reached',
      'reassign #99999999999999999999 Bob',
      'letter #99999999999999999999',
      'approve 99999999999999999999',
      'open #99999999999999999999',
      'open 99999999999999999999',
      `log #${accountId} result=promised date=9999-12-31 amount=100`,
      `log #${accountId} result=reached notes="a\u0000b"`,
      `overdue show \uD800`,
      'overdue __proto__',
      'overdue constructor',
    ];
    stdin.end(`${lines.join('\n')}\n`);
    await runShell({
      ctx,
      input: stdin,
      output: stdout,
      color: false,
      interactive: false,
      user: ann,
      width: 200,
    });
    expect(out).not.toMatch(/went wrong/i);
    expect(out.match(/No account has the id #(99999999999999999999|9223372036854775808)\./g)?.length).toBe(6);
    expect(out).toMatch(/No letter has the number 99999999999999999999/);
    expect(out).toMatch(/There is no list yet, so 99999999999999999999 is no row/);
    expect(out).toMatch(/date: at most 90 days ahead \(2027-02-20\)/);
    expect(await counts()).toEqual(before);
  });
});
