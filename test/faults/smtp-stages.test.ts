/**
 * Fault suite: a real mail server (smtp-server) that drops the line at each stage of the conversation, or
 * answers the message with 451 / 554, while a collector sends a letter through the real dispatcher (issue
 * 13). Before the whole letter was written the letter is failed and nothing went out; after the final dot
 * with no answer it is uncertain (same Message-ID, Mark as sent / Send again). Across the send and every
 * later choice the server never holds the letter more often than a person explicitly chose.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import { defaultLetterConfig, type LetterConfig } from '../../src/config.ts';
import type { Database } from '../../src/db.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import type { User } from '../../src/views/model.ts';
import type { Reply } from '../../src/commands/interaction.ts';
import { seedLetterAccount } from '../letters/support/accounts.ts';
import { type SmtpFault, startSmtp, type TestSmtp } from '../letters/support/smtp.ts';
import { writeLargeStamp } from '../letters/support/stamp.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedStaff } from '../support/seed.ts';

const ann: User = { platform: 'shell', id: 'ann', name: 'Ann' };
const mia: User = { platform: 'shell', id: 'mia', name: 'Mia' };
const max: User = { platform: 'shell', id: 'max', name: 'Max' };
/** What the person sees: the notification text and every block. */
const text = (reply: Reply) =>
  'message' in reply
    ? `${toFallbackText(reply.message)}\n${JSON.stringify(reply.message.blocks)}`
    : JSON.stringify(reply);
const buttons = (reply: Reply) =>
  'message' in reply ? reply.message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])) : [];

const BROKE_OFF = /Not sent: the mail server broke off the connection before it had the whole letter/;
const LOST = /may or may not have gone out\.\* The mail server received the whole letter but/;

interface Stage {
  stage: string;
  fault: SmtpFault;
  outcome: 'failed' | 'uncertain';
  told: RegExp;
  /** A letter of several MB, so the line drops while the client is still writing it. */
  large?: boolean;
  timeoutMs?: number;
}

const STAGES: Stage[] = [
  { stage: 'before the greeting', fault: { at: 'greeting' }, outcome: 'failed', told: BROKE_OFF },
  { stage: 'after EHLO', fault: { at: 'ehlo' }, outcome: 'failed', told: BROKE_OFF },
  { stage: 'after MAIL FROM', fault: { at: 'mail-from' }, outcome: 'failed', told: BROKE_OFF },
  { stage: 'after RCPT TO', fault: { at: 'rcpt-to' }, outcome: 'failed', told: BROKE_OFF },
  { stage: 'after DATA, before its 354', fault: { at: 'data' }, outcome: 'failed', told: BROKE_OFF },
  {
    stage: 'in the middle of the body',
    fault: { at: 'body' },
    outcome: 'failed',
    told: BROKE_OFF,
    large: true,
  },
  {
    stage: 'after the final dot, closed before the answer',
    fault: { at: 'after-dot' },
    outcome: 'uncertain',
    told: /received the whole letter but the connection broke before it answered/,
  },
  {
    stage: 'after the final dot, reset before the answer',
    fault: { at: 'reset-after-dot' },
    outcome: 'uncertain',
    told: /received the whole letter but the connection broke before it answered \(.*ECONNRESET\)/,
  },
  {
    stage: 'after the final dot, no answer until the timeout',
    fault: { at: 'silent' },
    outcome: 'uncertain',
    told: /received the whole letter but it did not answer within 900 ms/,
    timeoutMs: 900,
  },
  {
    stage: 'answering 451 after the final dot',
    fault: { at: 'reply', code: 451 },
    outcome: 'failed',
    told: /Not sent: the mail server answered 451 .*message refused/,
  },
  {
    stage: 'answering 554 after the final dot',
    fault: { at: 'reply', code: 554 },
    outcome: 'failed',
    told: /Not sent: the mail server answered 554 .*message refused/,
  },
];

describe.each(backends())('a mail server failing at each stage of a send, on %s', (kind) => {
  let db: Database;
  let smtp: TestSmtp;
  let ctx: DispatchContext;
  let letters: LetterConfig;
  let largeStamp: string;

  const account = (name: string, email: string) =>
    seedLetterAccount(db.knex, name, { contact: { email, locale: 'en' } });
  const letterRow = (accountId: number) => db.knex('letters').where({ customer_id: accountId }).first();
  /** What may be in the customer's mailbox: copies the server holds whole and did not refuse. */
  const mayHave = (email: string) =>
    smtp.received.filter((r) => r.envelopeTo.includes(email) && (r.reply === 250 || r.reply === null));
  const send = async (accountId: number, template = 'reminder', user = ann) => {
    const preview = await dispatch(ctx, {
      kind: 'command',
      text: `letter ${accountId} ${template}`,
      user,
      platform: 'shell',
    });
    if (preview.kind !== 'openForm') throw new Error(`expected the preview, got ${text(preview)}`);
    return dispatch(ctx, { kind: 'submit', ref: preview.form.ref, values: {}, user });
  };
  /** Clicks a button as a person does: one that asks first (Send again) is answered yes. */
  const press = (reply: Reply, label: string, user = ann) => {
    const button = buttons(reply).find((b) => b.label === label);
    if (!button) throw new Error(`no ${label} button in ${text(reply)}`);
    const confirmed = button.confirm ? { confirmed: true } : {};
    return dispatch(ctx, { kind: 'action', ref: button.ref, user, ...confirmed });
  };
  const history = async (accountId: number) =>
    text(
      await dispatch(ctx, { kind: 'command', text: `history ${accountId}`, user: ann, platform: 'shell' }),
    );

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    smtp = await startSmtp();
    largeStamp = await writeLargeStamp(5); // more than the socket buffers hold (about 4 MB here)
    letters = {
      ...defaultLetterConfig,
      smtpUrl: smtp.url,
      from: 'Acme AR <ar@acme.example>',
      company: { ...defaultLetterConfig.company, name: 'Acme Trading GmbH' },
    };
    ctx = {
      db: db.knex,
      clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
      policy: defaultPolicy,
      pageSize: 10,
      letters,
    };
    await seedStaff(db.knex, 'Ann', 'collector');
    await seedStaff(db.knex, 'Mia', 'manager');
    await seedStaff(db.knex, 'Max', 'manager');
  });
  afterAll(async () => {
    await smtp?.close();
    await db?.close();
  });
  beforeEach(() => {
    smtp.fault = null;
    smtp.received.length = 0;
    ctx.letters = letters;
  });

  it.each(STAGES)(
    'drops $stage: the letter is $outcome and never e-mailed twice on its own',
    async (s) => {
      const email = `ap.${s.fault.at}.${'code' in s.fault ? s.fault.code : 0}@customer.example`;
      const accountId = await account(`Stage ${s.stage}`, email);
      ctx.letters = {
        ...letters,
        ...(s.timeoutMs ? { smtpTimeoutMs: s.timeoutMs } : {}),
        ...(s.large ? { company: { ...letters.company, stampImage: largeStamp } } : {}),
      };
      smtp.fault = s.fault;
      const reply = await send(accountId);
      expect(text(reply)).toMatch(s.told);
      const row = await letterRow(accountId);
      expect(row.status).toBe(s.outcome);

      if (s.outcome === 'failed') {
        expect(text(reply)).toMatch(new RegExp(`Nothing went to ${email.replace(/\./g, '\\.')}`));
        expect(mayHave(email)).toHaveLength(0);
        expect(row.message_id).toBeNull();
        // The collector tries again once the server behaves: one copy, as chosen.
        smtp.fault = null;
        ctx.letters = { ...ctx.letters, company: letters.company };
        expect(text(await send(accountId))).toMatch(/Ann sent the reminder letter/);
        expect(mayHave(email)).toHaveLength(1);
        expect(await letterRow(accountId)).toMatchObject({ status: 'sent', attempts: 2 });
        return;
      }

      // Uncertain: the clicker is told why and gets the two choices; the Message-ID is kept.
      expect(text(reply)).toMatch(LOST);
      expect(buttons(reply).map((b) => b.label)).toEqual(['Mark as sent', 'Send again']);
      expect(text(reply)).toContain(String(row.message_id));
      expect(text(reply)).not.toMatch(/Nothing went to/);
      const [first] = mayHave(email);
      expect(first?.mail.messageId).toBe(row.message_id);
      expect(await history(accountId)).toMatch(
        /reminder letter #\d+ \(en\) to .* MAY OR MAY NOT HAVE GONE OUT: the mail server received the whole letter but/,
      );

      // Send letter again the same day points at the decision and sends nothing.
      expect(text(await send(accountId))).toMatch(
        /may or may not have gone out .* never sent twice on its own/,
      );
      expect(mayHave(email)).toHaveLength(1);

      // Ann chooses Send again; the line drops after the dot again: uncertain again, never failed.
      const again = await press(reply, 'Send again');
      expect(text(again)).toMatch(LOST);
      expect(await letterRow(accountId)).toMatchObject({
        status: 'uncertain',
        attempts: 2,
        message_id: row.message_id,
      });
      expect(mayHave(email)).toHaveLength(2);

      // Send again once more with a server that answers: sent, and every copy carries the same Message-ID.
      smtp.fault = null;
      expect(text(await press(again, 'Send again'))).toMatch(/Ann sent the reminder letter/);
      expect(await letterRow(accountId)).toMatchObject({ status: 'sent', message_id: row.message_id });
      const copies = mayHave(email);
      expect(copies).toHaveLength(3); // the first send + two explicit Send again
      expect(new Set(copies.map((c) => c.mail.messageId))).toEqual(new Set([row.message_id]));
      expect(text(await press(again, 'Mark as sent'))).toMatch(/no longer uncertain: it is sent/);
      expect(mayHave(email)).toHaveLength(3);
    },
    60_000,
  );

  it('Mark as sent after a lost answer records the letter as sent and e-mails nothing more', async () => {
    const email = 'ap.marked@customer.example';
    const accountId = await account('Answer Lost Marked Ltd', email);
    smtp.fault = { at: 'after-dot' };
    const reply = await send(accountId);
    smtp.fault = null;
    const [marked, late] = await Promise.all([press(reply, 'Mark as sent'), press(reply, 'Mark as sent')]);
    expect([marked, late].map(text).join('\n')).toMatch(/Ann marked the reminder letter as sent/);
    expect(await letterRow(accountId)).toMatchObject({ status: 'sent', recipient: email });
    expect(text(await press(reply, 'Send again'))).toMatch(/no longer uncertain/);
    expect(mayHave(email)).toHaveLength(1);
  });

  it('an approved letter whose answer is lost is uncertain for the approver, and Send again keeps its Message-ID', async () => {
    const email = 'ap.approved@customer.example';
    const accountId = await account('Answer Lost Approved Ltd', email);
    ctx.letters = { ...letters, approval: true };
    const asked = await send(accountId, 'formal-demand', mia);
    smtp.fault = { at: 'reset-after-dot' };
    const approved = await press(asked, 'Approve', max);
    expect(text(approved)).toMatch(
      /formal demand letter to Answer Lost Approved Ltd may or may not have gone out/,
    );
    const row = await letterRow(accountId);
    expect(row).toMatchObject({ status: 'uncertain' });
    smtp.fault = null;
    expect(text(await press(approved, 'Send again', max))).toMatch(/Mia sent the formal demand letter/);
    const copies = mayHave(email);
    expect(copies.map((c) => c.mail.messageId)).toEqual([row.message_id, row.message_id]);
  });

  it('Send again of an uncertain letter whose stored e-mail is gone renders it anew with the same Message-ID', async () => {
    const email = 'ap.unstored@customer.example';
    const accountId = await account('Answer Lost Unstored Ltd', email);
    smtp.fault = { at: 'after-dot' };
    const reply = await send(accountId);
    const row = await letterRow(accountId);
    await db.knex('letter_files').where({ letter_id: row.id }).delete();
    expect(text(await press(reply, 'Send again'))).toMatch(LOST);
    smtp.fault = null;
    expect(text(await press(reply, 'Send again'))).toMatch(/Ann sent the reminder letter/);
    const copies = mayHave(email);
    expect(copies).toHaveLength(3);
    expect(new Set(copies.map((c) => c.mail.messageId))).toEqual(new Set([row.message_id]));
  });
});
