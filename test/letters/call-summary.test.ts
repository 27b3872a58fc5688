/**
 * PB-23: after every call duebot offers the call-summary e-mail: one click, the preview first, then the
 * send, once per call however often it is clicked; a forged or stale button sends nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import type { Reply } from '../../src/commands/interaction.ts';
import { defaultLetterConfig } from '../../src/config.ts';
import type { Database } from '../../src/db.ts';
import { decodeRef, encodeRef } from '../../src/views/action-ref.ts';
import type { Form, User } from '../../src/views/model.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedStaff } from '../support/seed.ts';
import { seedLetterAccount } from './support/accounts.ts';
import { startSmtp, type TestSmtp } from './support/smtp.ts';

const ann: User = { platform: 'shell', id: 'ann', name: 'Ann' };
const vic: User = { platform: 'shell', id: 'vic', name: 'Vic' };

const text = (reply: Reply) =>
  'message' in reply ? JSON.stringify(reply.message.blocks) : JSON.stringify(reply);
function form(reply: Reply): Form {
  if (reply.kind !== 'openForm') throw new Error(`expected a form, got ${reply.kind}: ${text(reply)}`);
  return reply.form;
}

describe.each(backends())('the call summary after a call on %s', (kind) => {
  let db: Database;
  let smtp: TestSmtp;
  let ctx: DispatchContext;
  let n = 0;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    smtp = await startSmtp();
    ctx = {
      db: db.knex,
      clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
      policy: defaultPolicy,
      pageSize: 5,
      letters: {
        ...defaultLetterConfig,
        smtpUrl: smtp.url,
        from: 'Acme AR <ar@acme.example>',
        company: {
          name: 'Acme Trading GmbH',
          address: ['Hauptstr. 1'],
          registration: '',
          stampImage: undefined,
        },
      },
    };
    await seedStaff(db.knex, 'Ann', 'collector');
    await seedStaff(db.knex, 'Vic', 'viewer');
  });
  afterAll(async () => {
    await smtp?.close();
    await db?.close();
  });
  beforeEach(() => {
    smtp.received.length = 0;
  });

  const account = () => {
    n += 1;
    return seedLetterAccount(db.knex, `Summary Trading ${n} Ltd`, {
      contact: { email: `ap${n}@summary.example`, name: 'Wang Fang', locale: 'en' },
    });
  };
  const letters = (id: number) =>
    db.knex('letters').where({ customer_id: id }).select('id', 'status', 'call_activity_id');

  /** Logs a call through the log form and returns the thread reply (with the offer, when made). */
  async function logCall(id: number, values: Record<string, string>, user = ann): Promise<Reply> {
    const opened = await dispatch(ctx, { kind: 'command', text: `log ${id}`, user, platform: 'shell' });
    return dispatch(ctx, { kind: 'submit', ref: form(opened).ref, values, user });
  }
  function offer(reply: Reply): string {
    if (reply.kind !== 'thread') throw new Error(`expected a thread post, got ${reply.kind}: ${text(reply)}`);
    for (const block of reply.message.blocks)
      if (block.type === 'actions')
        for (const b of block.buttons) if (b.label === 'Send call summary') return b.ref;
    throw new Error(`no offer in ${text(reply)}`);
  }
  const click = (ref: string, user = ann) => dispatch(ctx, { kind: 'action', ref, user });
  const submit = (ref: string, submission: string, user = ann) =>
    dispatch(ctx, { kind: 'submit', ref, values: {}, user, submission });

  it('offers the summary after a call, previews it, and sends it once on a double click', async () => {
    const id = await account();
    const logged = await logCall(id, {
      channel: 'call',
      result: 'promised',
      promiseDate: '2026-11-27',
      promiseAmount: '5000',
      notes: 'pays Friday',
    });
    const ref = offer(logged);
    const button = decodeRef(ref);
    expect(button.ok && button.value.action).toBe('summary');
    const preview = form(await click(ref));
    expect(JSON.stringify(preview.intro)).toMatch(/Call summary letter to Summary Trading/);
    expect(JSON.stringify(preview.intro)).toMatch(/pay CNY 5,000\.00 by/);
    expect(smtp.received).toHaveLength(0);
    expect(await letters(id)).toHaveLength(0);

    // The same preview sent twice at once (two deliveries of one modal), then once more from a new preview.
    const [one, two] = await Promise.all([submit(preview.ref, 'v1'), submit(preview.ref, 'v1')]);
    expect([one.kind, two.kind].sort()).toEqual(['ephemeral', 'thread']);
    const again = await submit(form(await click(ref)).ref, 'v2');
    expect(text(again)).toMatch(/summary of this call already went to ap\d+@summary.example.*once per call/);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.mail.subject).toMatch(/^Summary of our call on/);
    const rows = await letters(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.status).toBe('sent');
  });

  it('sends the summary of a second call the same day, and each summary says what its call agreed', async () => {
    const id = await account();
    const first = offer(
      await logCall(id, { channel: 'call', result: 'reached', notes: 'first call: checks with AP' }),
    );
    const second = offer(
      await logCall(id, { channel: 'call', result: 'reached', notes: 'second call: pays Monday' }),
    );
    await submit(form(await click(first)).ref, 'a');
    await submit(form(await click(second)).ref, 'b');
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[0]?.mail.text).toMatch(/first call: checks with AP/);
    expect(smtp.received[1]?.mail.text).toMatch(/second call: pays Monday/);
    expect((await letters(id)).map((l) => l.status)).toEqual(['sent', 'sent']);
  });

  it('makes no offer after an unanswered call or a note', async () => {
    const id = await account();
    for (const values of [
      { channel: 'call', result: 'no_answer', notes: '' },
      { channel: 'note', result: 'reached', notes: 'left word with reception' },
    ]) {
      const reply = await logCall(id, values);
      expect(text(reply)).not.toMatch(/Send call summary/);
    }
  });

  it("refuses another account's call, a call id that is no call, and a viewer; nothing is written or sent", async () => {
    const mine = await account();
    const other = await account();
    const otherCall = decodeRef(offer(await logCall(other, { channel: 'call', result: 'reached' })));
    if (!otherCall.ok || otherCall.value.callId === undefined) throw new Error('no call id');
    const before = Number((await db.knex('letters').count({ n: '*' }).first())?.n);
    const forged = await click(
      encodeRef({ v: 1, action: 'summary', accountId: mine, callId: otherCall.value.callId }),
    );
    expect(text(forged)).toMatch(
      new RegExp(`Call #${otherCall.value.callId} is not a call logged on account #${mine}`),
    );
    const note = await db
      .knex('activities')
      .insert({ customer_id: mine, platform: 'shell', kind: 'claimed', details: '{}' })
      .returning('id');
    const notACall = await click(
      encodeRef({ v: 1, action: 'summary', accountId: mine, callId: Number(note[0].id) }),
    );
    expect(text(notACall)).toMatch(/is not a call logged on account/);
    const noCall = await click(encodeRef({ v: 1, action: 'summary', accountId: mine }));
    expect(text(noCall)).toMatch(/names no call/);
    // A forged preview form naming the other account's call sends nothing either.
    const forgedSend = await submit(
      encodeRef({
        v: 1,
        action: 'letter',
        accountId: mine,
        template: 'call-summary',
        callId: otherCall.value.callId,
      }),
      'forged',
    );
    expect(text(forgedSend)).toMatch(/is not a call logged on account/);
    const ownCall = offer(await logCall(mine, { channel: 'call', result: 'reached' }));
    const viewer = await click(ownCall, vic);
    expect(text(viewer)).toMatch(/needs .+; you are a viewer/);
    expect(Number((await db.knex('letters').count({ n: '*' }).first())?.n)).toBe(before);
    expect(smtp.received).toHaveLength(0);
  });

  it('dates the call in the business time zone (a call at 01:30 in Shanghai is that day’s)', async () => {
    const id = await account();
    const ann_ = await db.knex('users').where({ platform_user_id: 'ann' }).first('id');
    await db.knex('activities').insert({
      customer_id: id,
      actor_user_id: ann_?.id,
      platform: 'shell',
      kind: 'outcome',
      details: JSON.stringify({ channel: 'call', result: 'reached', notes: 'early call' }),
      created_at: new Date('2026-11-21T17:30:00Z'),
    });
    const reply = await dispatch(ctx, {
      kind: 'command',
      text: `letter ${id} call-summary`,
      user: ann,
      platform: 'shell',
    });
    expect(JSON.stringify(form(reply).intro)).toMatch(/Summary of our call on 22 November 2026/);
  });

  it('says to log the call first when a summary is asked for on an account with no call', async () => {
    const id = await account();
    const reply = await dispatch(ctx, {
      kind: 'command',
      text: `letter ${id} call-summary`,
      user: ann,
      platform: 'shell',
    });
    expect(text(reply)).toMatch(/No call is logged on this account yet; log the call first/);
  });

  it('says it in the reader’s language: traditional Chinese for a zh-TW reader (issue 20, PB-23)', async () => {
    await seedStaff(db.knex, 'Tai', 'collector');
    const tai: User = { platform: 'shell', id: 'tai', name: 'Tai', locale: 'zh-TW' };
    const id = await account();
    const reply = await dispatch(ctx, {
      kind: 'command',
      text: `letter ${id} call-summary`,
      user: tai,
      platform: 'shell',
    });
    expect(text(reply)).toContain('本帳戶尚未記錄任何通話；請先記錄通話，再寄送通話紀要（PB-23）。');
    expect(text(reply)).not.toMatch(/No call is logged/);
  });
});
