/**
 * Letters left in `sending` by a process that died between the mail server accepting them and the letter
 * log recording it (issue 6). The crash is reproduced with the real steps of a send (claim, record what is
 * about to go out, hand it to a real SMTP server) minus the last one; then the recovery check runs through
 * the real scheduler and outbox. Nothing may ever be sent again without a person choosing it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import type { Config, LetterConfig } from '../../src/config.ts';
import type { Database } from '../../src/db.ts';
import { letterCheckJob } from '../../src/jobs/letter-check.ts';
import { createScheduler, type Scheduler } from '../../src/jobs/scheduler.ts';
import { loadLetterFile } from '../../src/letters/letter-files.ts';
import { claimLetter, findLetter, letterKey, recordOutgoing } from '../../src/letters/letter-log.ts';
import { prepareLetter } from '../../src/letters/send-letter.ts';
import { letterMessageId, sendLetterMail } from '../../src/letters/smtp.ts';
import { createOutboxWorker, type OutboxWorker } from '../../src/outbox/worker.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import type { Message, User } from '../../src/views/model.ts';
import type { Reply } from '../../src/commands/interaction.ts';
import type { Actor } from '../../src/worklist/staff.ts';
import { fakePlatform, silentLog, testConfig } from '../jobs/support.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedStaff } from '../support/seed.ts';
import { seedLetterAccount } from './support/accounts.ts';
import { startSmtp, type TestSmtp } from './support/smtp.ts';

const NOW = '2026-11-22T03:00:00Z';
const ann: User = { platform: 'shell', id: 'ann', name: 'Ann' };
const vic: User = { platform: 'shell', id: 'vic', name: 'Vic' };
const text = (reply: Reply) => ('message' in reply ? toFallbackText(reply.message) : JSON.stringify(reply));
const buttons = (m: Message) => m.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));

describe.each(backends())('letters that may or may not have gone out, on %s', (kind) => {
  let db: Database;
  let smtp: TestSmtp;
  let letters: LetterConfig;
  let ctx: DispatchContext;
  let config: Config;
  let scheduler: Scheduler;
  let worker: OutboxWorker;
  let chat: ReturnType<typeof fakePlatform>;
  let annActor: Actor;
  const clock = createFixedClock(NOW, 'Asia/Shanghai');

  const account = (name: string, email = 'ap@customer.example') =>
    seedLetterAccount(db.knex, name, { contact: { email, locale: 'en' } });

  /**
   * A send that dies after the mail server took the letter: claimed, recorded as outgoing, handed to SMTP,
   * never marked sent. The row is then left `minutesAgo` old, as if the process had died then.
   */
  const crashAfterSmtp = async (
    accountId: number,
    minutesAgo: number,
    delivery: 'email' | 'manual' = 'email',
  ) => {
    const lctx = { db: db.knex, clock, policy: defaultPolicy, letters };
    const prepared = await prepareLetter(lctx, accountId, 'reminder', 'Ann');
    if (!prepared.ok) throw new Error(prepared.message);
    const claim = await claimLetter(db.knex, {
      accountId,
      template: 'reminder',
      locale: 'en',
      key: letterKey(accountId, 'reminder', clock.today()),
      actor: annActor,
      status: 'sending',
      delivery,
      subject: prepared.value.letter.subject,
    });
    if (!claim.claimed) throw new Error('not claimed');
    const letter = await findLetter(db.knex, claim.id);
    if (!letter) throw new Error('no letter');
    if (delivery === 'email') {
      const messageId = letterMessageId(letter, letters.from);
      const email = 'ap@customer.example';
      expect(
        await recordOutgoing(db.knex, letter, {
          recipient: email,
          messageId,
          rendered: prepared.value.letter,
        }),
      ).toBe(true);
      await sendLetterMail(
        { smtpUrl: smtp.url, from: letters.from ?? '' },
        { name: 'AP', email },
        prepared.value.letter,
        messageId,
      );
    }
    await db
      .knex('letters')
      .where({ id: letter.id })
      .update({ updated_at: new Date(clock.now().getTime() - minutesAgo * 60_000) });
    return letter.id;
  };

  /** The next slot of the check (every 5 minutes): the clock moves on, the scheduler ticks. */
  const check = async () => {
    clock.set(new Date(clock.now().getTime() + 5 * 60_000));
    await scheduler.sweep();
    await worker.drain();
  };
  const letterRow = (id: number) => db.knex('letters').where({ id }).first();
  const count = async (table: string, where: Record<string, unknown>) =>
    Number((await db.knex(table).where(where).count({ n: '*' }))[0]?.n ?? 0);
  const noticeFor = (letterId: number) =>
    chat.messages.filter((m) => m.key.startsWith(`letter-uncertain:${letterId}:`));

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    smtp = await startSmtp();
    config = testConfig({
      SMTP_URL: smtp.url,
      LETTER_FROM: 'Acme AR <ar@acme.example>',
      LETTER_COMPANY_NAME: 'Acme Trading GmbH',
    });
    letters = config.letters;
    annActor = await seedStaff(db.knex, 'Ann', 'collector');
    await seedStaff(db.knex, 'Vic', 'viewer');
    ctx = {
      db: db.knex,
      clock,
      policy: defaultPolicy,
      pageSize: 10,
      letters,
    };
    scheduler = createScheduler({
      db: db.knex,
      jobs: [letterCheckJob(config)],
      clock,
      config,
      policy: defaultPolicy,
      log: silentLog,
    });
    chat = fakePlatform('shell');
    worker = createOutboxWorker({ db: db.knex, chatOuts: [chat], clock, log: silentLog, pacingMs: 0 });
  });
  afterAll(async () => {
    await smtp?.close();
    await db?.close();
  });
  beforeEach(() => {
    smtp.received.length = 0;
    smtp.fault = null;
    ctx.letters = letters;
  });

  /** Send letter through the dispatcher, as a collector clicks it. */
  const submit = (accountId: number) =>
    dispatch(ctx, { kind: 'submit', ref: `d1:letter:a=${accountId}:t=reminder`, values: {}, user: ann });

  it('records the Message-ID and the e-mail before the mail server is asked, so they survive a crash', async () => {
    const id = await crashAfterSmtp(await account('Recorded Before Ltd'), 1);
    const row = await letterRow(id);
    expect(row.status).toBe('sending');
    expect(row.message_id).toMatch(/^<duebot\.letter\.\d+\.1\.[0-9a-z]+@acme\.example>$/);
    const [got] = smtp.received;
    expect(got?.mail.messageId).toBe(row.message_id);
    const stored = await loadLetterFile(db.knex, id);
    expect(Buffer.from(stored?.pdf ?? []).equals(Buffer.from(got?.mail.attachments[0]?.content ?? []))).toBe(
      true,
    );
  });

  it('moves a stuck letter to uncertain, logs it and tells the requester once, sending nothing', async () => {
    const accountId = await account('Stuck In Sending Ltd');
    const stuck = await crashAfterSmtp(accountId, 20);
    const fresh = await crashAfterSmtp(await account('Still Sending Ltd'), 1);
    expect(smtp.received).toHaveLength(2); // both really reached the mail server

    await check();
    await check(); // the next slot: a second check
    await scheduler.runNow('letter-check');
    await worker.drain();

    const row = await letterRow(stuck);
    expect(row.status).toBe('uncertain');
    expect((await letterRow(fresh)).status).toBe('sending'); // younger than LETTER_UNCERTAIN_AFTER_MINUTES
    expect(smtp.received).toHaveLength(2); // nothing was sent again
    expect(await count('activities', { customer_id: accountId, kind: 'letter_uncertain' })).toBe(1);
    const told = noticeFor(stuck);
    expect(told).toHaveLength(1);
    expect(told[0]?.channel).toBe(`@${annActor.userId}`);
    const notice = told[0]?.message as Message;
    expect(JSON.stringify(notice.blocks)).toContain(String(row.message_id));
    expect(toFallbackText(notice)).toMatch(
      /reminder letter to Stuck In Sending Ltd may or may not have gone out/,
    );
    expect(buttons(notice).map((b) => b.label)).toEqual(['Mark as sent', 'Send again']);

    const history = text(
      await dispatch(ctx, { kind: 'command', text: `history ${accountId}`, user: ann, platform: 'shell' }),
    );
    expect(history).toMatch(
      /reminder letter #\d+ \(en\) to ap@customer\.example MAY OR MAY NOT HAVE GONE OUT/,
    );
    expect(history).toContain(String(row.message_id));

    // Pressing Send letter again the same day does not send either: it points at the decision.
    const again = await dispatch(ctx, {
      kind: 'submit',
      ref: `d1:letter:a=${accountId}:t=reminder`,
      values: {},
      user: ann,
    });
    expect(text(again)).toMatch(/may or may not have gone out .* never sent twice on its own/);
    expect(buttons((again as { message: Message }).message).map((b) => b.label)).toEqual([
      'Mark as sent',
      'Send again',
    ]);
    expect(smtp.received).toHaveLength(2);
  });

  it('Mark as sent records the letter as sent with its recorded Message-ID, once, and e-mails nothing', async () => {
    const accountId = await account('Found In Mailbox Ltd');
    const id = await crashAfterSmtp(accountId, 30);
    await check();
    const [notice] = noticeFor(id);
    const mark = buttons(notice?.message as Message)[0]?.ref ?? '';

    const viewer = await dispatch(ctx, { kind: 'action', ref: mark, user: vic });
    expect(text(viewer)).toMatch(/needs a collector or a manager; you are a viewer/);
    expect((await letterRow(id)).status).toBe('uncertain');

    const [first, second] = await Promise.all([
      dispatch(ctx, { kind: 'action', ref: mark, user: ann }),
      dispatch(ctx, { kind: 'action', ref: mark, user: ann }),
    ]);
    const done = [first, second].find((r) => r.kind === 'thread');
    const late = [first, second].find((r) => r.kind !== 'thread');
    expect(done && text(done)).toMatch(/Ann marked the reminder letter as sent/);
    expect(late && text(late)).toMatch(/no longer uncertain: it is sent to ap@customer\.example/);
    const row = await letterRow(id);
    expect(row).toMatchObject({ status: 'sent', recipient: 'ap@customer.example' });
    expect(row.sent_at).not.toBeNull();
    expect(smtp.received).toHaveLength(1); // only the one before the crash
    expect(await count('activities', { customer_id: accountId, kind: 'letter_marked_sent' })).toBe(1);
    const resend = buttons(notice?.message as Message)[1]?.ref ?? '';
    expect(text(await dispatch(ctx, { kind: 'action', ref: resend, user: ann, confirmed: true }))).toMatch(
      /no longer uncertain/,
    );
    // Once it is settled, Send again is not asked about: the letter's state comes back at once.
    const unasked = await dispatch(ctx, { kind: 'action', ref: resend, user: ann });
    expect(unasked.kind).not.toBe('confirm');
    expect(text(unasked)).toMatch(/no longer uncertain: it is sent/);
    expect(smtp.received).toHaveLength(1);
  });

  it('Send again sends the same e-mail once, however often it is clicked', async () => {
    const accountId = await account('Not In Mailbox Ltd');
    const id = await crashAfterSmtp(accountId, 45);
    const [lost] = smtp.received;
    await check();
    const [notice] = noticeFor(id);
    const resend = buttons(notice?.message as Message)[1]?.ref ?? '';
    expect(buttons(notice?.message as Message)[1]?.confirm).toMatch(/only if it is not in the mailbox/);

    // Asked first (the same question as on the button); a no sends nothing.
    const asked = await dispatch(ctx, { kind: 'action', ref: resend, user: ann });
    expect(asked).toMatchObject({ kind: 'confirm', confirm: { ref: resend } });
    expect(asked.kind === 'confirm' && asked.confirm.question).toMatch(/only if it is not in the mailbox/);
    await dispatch(ctx, { kind: 'action', ref: resend, user: ann, confirmed: false });
    expect(smtp.received).toHaveLength(1);
    const replies = await Promise.all(
      [1, 2, 3].map(() => dispatch(ctx, { kind: 'action', ref: resend, user: ann, confirmed: true })),
    );
    expect(smtp.received).toHaveLength(2);
    const resent = smtp.received[1];
    expect(resent?.envelopeTo).toEqual(['ap@customer.example']);
    expect(resent?.mail.messageId).toBe(lost?.mail.messageId);
    expect(resent?.mail.subject).toBe(lost?.mail.subject);
    expect(
      Buffer.from(resent?.mail.attachments[0]?.content ?? []).equals(
        Buffer.from(lost?.mail.attachments[0]?.content ?? []),
      ),
    ).toBe(true);
    const sent = replies.filter((r) => r.kind === 'thread');
    expect(sent).toHaveLength(1);
    expect(text(sent[0] as Reply)).toMatch(/Ann sent the reminder letter to Not In Mailbox Ltd/);
    expect((sent[0] as { message: Message }).message.files?.[0]?.letterId).toBe(id);
    for (const r of replies.filter((x) => x.kind !== 'thread'))
      expect(text(r)).toMatch(/no longer uncertain/);
    expect(await letterRow(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await count('activities', { customer_id: accountId, kind: 'letter_sent_again' })).toBe(1);
    expect(await count('activities', { customer_id: accountId, kind: 'letter_sent' })).toBe(1);

    await check(); // a later check has nothing to do
    expect(noticeFor(id)).toHaveLength(1);
    expect(smtp.received).toHaveLength(2);
  });

  it('fails a letter stuck while being prepared by hand (nothing can have been e-mailed), without a notice', async () => {
    const accountId = await account('Manual Stuck Ltd');
    const id = await crashAfterSmtp(accountId, 60, 'manual');
    await check();
    const row = await letterRow(id);
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/nothing was e-mailed/);
    expect(noticeFor(id)).toHaveLength(0);
    expect(smtp.received).toHaveLength(0);
  });

  it('a send whose answer is lost is uncertain at once, and the check does not announce it again', async () => {
    const accountId = await account('Lost Answer Live Ltd');
    smtp.fault = { at: 'after-dot' };
    const reply = await submit(accountId);
    expect(text(reply)).toMatch(/reminder letter to Lost Answer Live Ltd may or may not have gone out/);
    expect(JSON.stringify(reply)).toMatch(
      /The mail server received the whole letter but the connection broke/,
    );
    const row = await db.knex('letters').where({ customer_id: accountId }).first();
    expect(row).toMatchObject({ status: 'uncertain', recipient: 'ap@customer.example' });
    expect(smtp.received.map((r) => r.mail.messageId)).toEqual([row.message_id]);
    await db
      .knex('letters')
      .where({ id: row.id })
      .update({ updated_at: new Date(clock.now().getTime() - 60 * 60_000) });
    await check();
    await check();
    expect(noticeFor(row.id)).toHaveLength(0);
    expect(await count('activities', { customer_id: accountId, kind: 'letter_uncertain' })).toBe(1);
    expect(await count('activities', { customer_id: accountId, kind: 'letter_failed' })).toBe(0);
  });

  /**
   * Sends a letter and, once the server holds all of it but before it answers, runs the recovery check as
   * if the send had been stuck for an hour; returns the send still under way.
   */
  const sendThenCheck = async (accountId: number) => {
    const sending = submit(accountId);
    await vi.waitFor(() => expect(smtp.received).toHaveLength(1), { timeout: 3_000 });
    const { id } = await db.knex('letters').where({ customer_id: accountId }).first('id');
    await db
      .knex('letters')
      .where({ id })
      .update({ updated_at: new Date(clock.now().getTime() - 60 * 60_000) });
    await check();
    return { sending, id: Number(id) };
  };

  it('when the check moved the letter first, a lost answer adds no second entry and no second notice', async () => {
    const accountId = await account('Lost Answer Raced Ltd');
    ctx.letters = { ...letters, smtpTimeoutMs: 4_000 };
    smtp.fault = { at: 'silent' };
    // The server has the whole letter and keeps quiet; meanwhile the check finds the letter stuck.
    const { sending, id } = await sendThenCheck(accountId);
    expect(noticeFor(id)).toHaveLength(1);
    const reply = await sending;
    expect(JSON.stringify(reply)).toMatch(/did not answer within 4 s/);
    expect((await letterRow(id)).status).toBe('uncertain');
    expect(await count('activities', { customer_id: accountId, kind: 'letter_uncertain' })).toBe(1);
    await check();
    expect(noticeFor(id)).toHaveLength(1);
  });

  it('a slow send that the check moved to uncertain, then refused by the server, ends failed and says so', async () => {
    const accountId = await account('Refused Late Ltd');
    smtp.fault = { at: 'reply', code: 554, delayMs: 1_500 };
    const { sending, id } = await sendThenCheck(accountId);
    expect(noticeFor(id)).toHaveLength(1);
    // The refusal settles what the check could not know: nothing went out.
    const reply = await sending;
    expect(JSON.stringify(reply)).toMatch(/Not sent/);
    expect((await letterRow(id)).status).toBe('failed');
    expect(await count('activities', { customer_id: accountId, kind: 'letter_failed' })).toBe(1);
    expect(smtp.accepted()).toHaveLength(0);
  });
});
