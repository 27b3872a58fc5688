import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { decodeRef } from '../../src/views/action-ref.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import { defaultLetterConfig, type LetterConfig } from '../../src/config.ts';
import type { Database } from '../../src/db.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import type { Form, Message, User } from '../../src/views/model.ts';
import type { Reply } from '../../src/commands/interaction.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedStaff } from '../support/seed.ts';
import { seedLetterAccount } from './support/accounts.ts';
import { startSmtp, type TestSmtp } from './support/smtp.ts';

const TODAY = '2026-11-22';
const ann: User = { platform: 'shell', id: 'ann', name: 'Ann' };
const mia: User = { platform: 'shell', id: 'mia', name: 'Mia' };
const max: User = { platform: 'shell', id: 'max', name: 'Max' };
const vic: User = { platform: 'shell', id: 'vic', name: 'Vic' };

const text = (reply: Reply) => ('message' in reply ? toFallbackText(reply.message) : JSON.stringify(reply));
const allText = (m: Message) => JSON.stringify(m.blocks);
function form(reply: Reply): Form {
  if (reply.kind !== 'openForm') throw new Error(`expected a form, got ${reply.kind}: ${text(reply)}`);
  return reply.form;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each(backends())('sending letters on %s', (kind) => {
  let db: Database;
  let smtp: TestSmtp;
  let ctx: DispatchContext;
  let letters: LetterConfig;

  const account = (name: string, email: string | null, locale = 'zh-CN', dueDate = '2026-10-20') =>
    seedLetterAccount(db.knex, name, {
      items: [
        { number: `${name.length}-A`, issueDate: '2026-09-20', dueDate, totalMinor: 8_600_000 },
        { number: `${name.length}-B`, issueDate: '2026-09-25', dueDate: '2026-10-25', totalMinor: 1_250_050 },
      ],
      contact: { email, name: '王芳', locale },
      today: TODAY,
    });
  const count = async (table: string, where: Record<string, unknown> = {}) =>
    Number((await db.knex(table).where(where).count({ n: '*' }))[0]?.n ?? 0);
  const preview = (id: number, template?: string, user = ann) =>
    dispatch(ctx, {
      kind: 'command',
      text: `letter ${id}${template ? ` ${template}` : ''}`,
      user,
      platform: 'shell',
    });
  const send = async (id: number, template: string, user = ann) => {
    const ref = form(await preview(id, template, user)).ref;
    return dispatch(ctx, { kind: 'submit', ref, values: {}, user });
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    smtp = await startSmtp();
    letters = {
      ...defaultLetterConfig,
      smtpUrl: smtp.url,
      from: 'Acme AR <ar@acme.example>',
      company: {
        name: 'Acme Trading GmbH',
        address: ['Hauptstr. 1', '10115 Berlin'],
        registration: 'HRB 12345',
        stampImage: undefined,
      },
      payment: { link: 'https://pay.acme.example/inv', bank: [] },
    };
    ctx = {
      db: db.knex,
      clock: createFixedClock(`${TODAY}T03:00:00Z`, 'Asia/Shanghai'),
      policy: defaultPolicy,
      pageSize: 10,
      letters,
    };
    await seedStaff(db.knex, 'Ann', 'collector');
    await seedStaff(db.knex, 'Mia', 'manager');
    await seedStaff(db.knex, 'Max', 'manager');
    await seedStaff(db.knex, 'Vic', 'viewer');
  });
  afterAll(async () => {
    await smtp?.close();
    await db?.close();
  });
  beforeEach(() => {
    smtp.received.length = 0;
    ctx.letters = letters;
  });

  it('previews the letter the ladder suggests first, and stores nothing until Send', async () => {
    const id = await account('上海华联贸易有限公司', 'finance@hualian.example.cn', 'zh-CN', '2026-10-30');
    const before = [await count('letters'), await count('activities')];
    // Send letter starts with the chooser, the ladder's letter preselected; its answer is the preview.
    const chooser = form(await preview(id, undefined, mia));
    expect(chooser.fields[0]).toMatchObject({ id: 'template', initial: 'formal-demand' });
    const f = form(
      await dispatch(ctx, {
        kind: 'submit',
        ref: chooser.ref,
        values: { template: 'formal-demand' },
        user: mia,
      }),
    );
    const ref = decodeRef(f.ref);
    expect(ref.ok && ref.value).toMatchObject({ action: 'letter', accountId: id, template: 'formal-demand' });
    expect(f.submitLabel).toBe('Send');
    const intro = allText(f.intro ?? { blocks: [] });
    expect(intro).toContain('王芳 <finance@hualian.example.cn>');
    expect(intro).toContain('正式催款函');
    expect(intro).toContain('ladder suggests this letter');
    expect([await count('letters'), await count('activities')]).toEqual(before);
    expect(smtp.received).toHaveLength(0);
  });

  it('e-mails the letter with both bodies and the PDF, posts the copy in the thread and logs it', async () => {
    const id = await account('深圳远航电子有限公司', 'ap@yuanhang.example.cn');
    const reply = await send(id, 'polite-reminder');
    expect(reply.kind).toBe('thread');
    expect(smtp.received).toHaveLength(1);
    const [got] = smtp.received;
    if (!got) throw new Error('no mail');
    expect(got.envelopeTo).toEqual(['ap@yuanhang.example.cn']);
    expect(got.mail.from?.text).toContain('ar@acme.example');
    expect(got.mail.subject).toMatch(/^付款提醒：2 张发票逾期/);
    expect(got.mail.text).toContain('深圳远航电子有限公司');
    expect(got.mail.text).toContain('CNY 86,000.00');
    expect(got.mail.text).toContain('https://pay.acme.example/inv');
    expect(got.mail.html).toContain('<table');
    expect(got.mail.html).toContain('CNY 12,500.50');
    const [pdf] = got.mail.attachments;
    expect(pdf?.contentType).toBe('application/pdf');
    expect(pdf?.filename).toMatch(/-polite-reminder-2026-11-22\.pdf$/);
    const { text: pdfText } = await extractText(new Uint8Array(pdf?.content ?? []), { mergePages: true });
    expect(pdfText.replace(/\s+/g, '')).toContain('深圳远航电子有限公司');

    if (reply.kind !== 'thread') throw new Error('expected a thread reply');
    expect(reply.accountId).toBe(id);
    expect(reply.message.files?.[0]?.mimeType).toBe('application/pdf');
    expect(text(reply)).toMatch(/Ann sent the polite reminder letter/);
    const row = await db.knex('letters').where({ customer_id: id }).first();
    expect(row).toMatchObject({
      status: 'sent',
      template: 'polite-reminder',
      locale: 'zh-CN',
      recipient: 'ap@yuanhang.example.cn',
    });
    expect(row.message_id).toBe(got.mail.messageId);
    const history = text(
      await dispatch(ctx, { kind: 'command', text: `history ${id}`, user: ann, platform: 'shell' }),
    );
    expect(history).toMatch(/Ann sent the polite reminder letter \(zh-CN\) to ap@yuanhang\.example\.cn/);
    expect(history).toContain(String(row.message_id));
  });

  it('sends one e-mail when Send is pressed twice at once and again later the same day', async () => {
    const id = await account('Double Click Trading Ltd', 'ap@double.example.com', 'en');
    const ref = form(await preview(id, 'reminder')).ref;
    const replies = await Promise.all(
      [1, 2, 3].map(() => dispatch(ctx, { kind: 'submit', ref, values: {}, user: ann })),
    );
    const again = await dispatch(ctx, { kind: 'submit', ref, values: {}, user: ann });
    expect(smtp.received).toHaveLength(1);
    expect(replies.filter((r) => r.kind === 'thread')).toHaveLength(1);
    expect(text(again)).toMatch(/already went to ap@double\.example\.com today.*nothing was sent again/);
    expect(await count('letters', { customer_id: id })).toBe(1);
    expect(await count('activities', { customer_id: id, kind: 'letter_sent' })).toBe(1);
  });

  it('refuses a collector the formal demand, naming the manager role, and writes nothing', async () => {
    const id = await account('Role Check Co', 'ap@role.example.com', 'en');
    const before = [await count('letters'), await count('activities')];
    const shown = await preview(id, 'formal-demand');
    expect(text(shown)).toMatch(/Sending the formal demand letter needs a manager; you are a collector/);
    const ref = `d1:letter:a=${id}:t=final-notice`;
    const sent = await dispatch(ctx, { kind: 'submit', ref, values: {}, user: ann });
    expect(text(sent)).toMatch(/needs a manager; you are a collector/);
    const viewer = await preview(id, 'reminder', vic);
    expect(text(viewer)).toMatch(/needs a collector or a manager; you are a viewer/);
    expect([await count('letters'), await count('activities')]).toEqual(before);
    expect(smtp.received).toHaveLength(0);
  });

  it('records a failure with a clear message for a malformed contact address, and sends nothing', async () => {
    const id = await account('Broken Address Ltd', 'accounts at broken dot com', 'en');
    const reply = await send(id, 'reminder');
    expect(reply.kind).toBe('ephemeral');
    expect(text(reply)).toMatch(
      /Not sent: the AP contact e-mail address "accounts at broken dot com" in the ledger is not a valid address/,
    );
    expect(allText((reply as { message: Message }).message)).toMatch(
      /failure is recorded in the account history/,
    );
    expect(smtp.received).toHaveLength(0);
    expect(await db.knex('letters').where({ customer_id: id }).first('status')).toEqual({ status: 'failed' });
    expect(await count('activities', { customer_id: id, kind: 'letter_failed' })).toBe(1);
    const missing = await account('No Address Ltd', null, 'en');
    expect(text(await send(missing, 'reminder'))).toMatch(/no AP contact e-mail address in the ledger/);
  });

  it('records what the mail server answered when it refuses the recipient, and sends once the contact is fixed', async () => {
    const id = await account('Refused Mailbox Ltd', 'refuse@blocked.example.com', 'en');
    const reply = await send(id, 'reminder');
    expect(text(reply)).toMatch(/Not sent: .*550.*Nothing went to refuse@blocked\.example\.com/);
    const row = await db.knex('letters').where({ customer_id: id }).first();
    expect(row).toMatchObject({ status: 'failed', message_id: null });
    expect(row.error).toMatch(/550/);
    await db.knex('customers').where({ id }).update({ contact_email: 'ap@blocked.example.com' });
    const retry = await send(id, 'reminder');
    expect(text(retry)).toMatch(/Ann sent the reminder letter/);
    expect(smtp.received.map((r) => r.envelopeTo)).toEqual([['ap@blocked.example.com']]);
    expect(await db.knex('letters').where({ customer_id: id }).first('status', 'attempts')).toEqual({
      status: 'sent',
      attempts: 2,
    });
  });

  it('refuses to e-mail a letter headed with the placeholder company name (issue 14)', async () => {
    const id = await account('Placeholder Head Ltd', 'ap@placeholder.example.com', 'en');
    ctx.letters = { ...letters, company: { ...letters.company, name: defaultLetterConfig.company.name } };
    const reply = await send(id, 'reminder');
    expect(text(reply)).toMatch(/Not sent: the letterhead says "Your Company Ltd"\. Set LETTER_COMPANY_NAME/);
    expect(smtp.received).toHaveLength(0);
    expect(await count('activities', { customer_id: id, kind: 'letter_failed' })).toBe(1);
  });

  it('says plainly when the mail server cannot be reached, and records it', async () => {
    const id = await account('Unreachable Server Ltd', 'ap@unreachable.example.com', 'en');
    ctx.letters = { ...letters, smtpUrl: `smtp://127.0.0.1:${await closedPort()}` };
    const reply = await send(id, 'reminder');
    expect(text(reply)).toMatch(/Not sent: the mail server in SMTP_URL could not be reached/);
    expect(await count('activities', { customer_id: id, kind: 'letter_failed' })).toBe(1);
  });

  it('without SMTP settings posts the PDF labelled NOT SENT for the collector to send by hand', async () => {
    const id = await account('Manual Delivery Ltd', 'ap@manual.example.com', 'en');
    ctx.letters = { ...letters, smtpUrl: undefined, from: undefined };
    const f = form(await preview(id, 'reminder'));
    expect(f.submitLabel).toBe('Prepare PDF');
    expect(allText(f.intro ?? { blocks: [] })).toMatch(/nothing is e-mailed/);
    const reply = await dispatch(ctx, { kind: 'submit', ref: f.ref, values: {}, user: ann });
    expect(reply.kind).toBe('thread');
    expect(text(reply)).toMatch(
      /^Not sent: the reminder letter for Manual Delivery Ltd is ready to send by hand/,
    );
    expect(allText((reply as { message: Message }).message)).toMatch(
      /NOT SENT:.*Send the attached PDF by hand to ap@manual\.example\.com/,
    );
    expect((reply as { message: Message }).message.files).toHaveLength(1);
    expect(smtp.received).toHaveLength(0);
    expect(await db.knex('letters').where({ customer_id: id }).first('status', 'delivery')).toEqual({
      status: 'not_sent',
      delivery: 'manual',
    });
  });

  it('with approval on, sends a formal demand only when a second person approves it', async () => {
    const id = await account('Approval Needed Ltd', 'ap@approval.example.com', 'en');
    ctx.letters = { ...letters, approval: true };
    const asked = await send(id, 'formal-demand', mia);
    expect(asked.kind).toBe('thread');
    const m = (asked as { message: Message }).message;
    const buttons = m.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
    expect(buttons.map((b) => b.label)).toEqual(['Approve', 'Reject']);
    expect(smtp.received).toHaveLength(0);
    const approve = buttons[0]?.ref ?? '';
    const own = await dispatch(ctx, { kind: 'action', ref: approve, user: mia });
    expect(text(own)).toMatch(/someone else must approve it/);
    const byCollector = await dispatch(ctx, { kind: 'action', ref: approve, user: ann });
    expect(text(byCollector)).toMatch(/Approving the formal demand letter needs a manager/);
    expect(smtp.received).toHaveLength(0);
    const [first, second] = await Promise.all([
      dispatch(ctx, { kind: 'action', ref: approve, user: max }),
      dispatch(ctx, { kind: 'action', ref: approve, user: max }),
    ]);
    expect(smtp.received).toHaveLength(1);
    expect([first.kind, second.kind].sort()).toEqual(['ephemeral', 'thread']);
    expect(text(first.kind === 'thread' ? first : second)).toMatch(/Mia sent the formal demand letter/);
    const row = await db.knex('letters').where({ customer_id: id }).first();
    expect(row.status).toBe('sent');
    const history = text(
      await dispatch(ctx, { kind: 'command', text: `history ${id}`, user: ann, platform: 'shell' }),
    );
    expect(history).toMatch(/Max approved the formal demand letter #\d+ asked for by Mia/);
  });

  it('with approval on, a rejected letter is never sent', async () => {
    const id = await account('Rejected Letter Ltd', 'ap@rejected.example.com', 'en');
    ctx.letters = { ...letters, approval: true };
    const asked = (await send(id, 'final-notice', mia)) as { message: Message };
    const reject = asked.message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []))[1]?.ref ?? '';
    // Reject is asked about first; only a yes rejects.
    const question = await dispatch(ctx, { kind: 'action', ref: reject, user: max });
    expect(question).toMatchObject({ kind: 'confirm', confirm: { ref: reject, yes: 'Reject' } });
    const rejected = await dispatch(ctx, { kind: 'action', ref: reject, user: max, confirmed: true });
    expect(text(rejected)).toMatch(/Max rejected the final notice letter #\d+ asked for by Mia/);
    const approveLate = reject.replace('letter-reject', 'letter-approve');
    expect(text(await dispatch(ctx, { kind: 'action', ref: approveLate, user: max }))).toMatch(
      /no longer waiting for approval: it is rejected \(decided by Max\)/,
    );
    expect(smtp.received).toHaveLength(0);
  });

  it('records a template that fails to render as a failed letter, each attempt, and sends nothing', async () => {
    const id = await account('Broken Template Ltd', 'ap@template.example.com', 'en');
    const dir = await mkdtemp(join(tmpdir(), 'duebot-broken-'));
    await mkdir(join(dir, 'en'));
    await writeFile(
      join(dir, 'en', 'reminder.hbs'),
      'subject: Reminder\n---\nDear {{customer.contactName}},\n',
    );
    ctx.letters = { ...letters, templatesDir: dir };
    expect(text(await preview(id, 'reminder'))).toMatch(
      /The reminder \(en\) letter could not be rendered: "contactName" not defined/,
    );
    expect(await count('letters', { customer_id: id })).toBe(0);
    const ref = `d1:letter:a=${id}:t=reminder`;
    const reply = await dispatch(ctx, { kind: 'submit', ref, values: {}, user: ann });
    expect(text(reply)).toMatch(/^Not sent: The reminder \(en\) letter could not be rendered/);
    const row = await db.knex('letters').where({ customer_id: id }).first('status', 'error', 'attempts');
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: expect.stringMatching(/"contactName" not defined/),
    });
    expect(await count('activities', { customer_id: id, kind: 'letter_failed' })).toBe(1);
    // Send again (after a fix, or not): the failed letter is retried on the same row and recorded again.
    await dispatch(ctx, { kind: 'submit', ref, values: {}, user: ann });
    expect(await db.knex('letters').where({ customer_id: id }).first('attempts')).toEqual({ attempts: 2 });
    expect(await count('activities', { customer_id: id, kind: 'letter_failed' })).toBe(2);
    expect(smtp.received).toHaveLength(0);
  });

  it('refuses a call summary before any call is logged, storing nothing (PB-23)', async () => {
    const id = await account('No Call Yet Ltd', 'ap@nocall.example.com', 'en');
    const before = await count('letters');
    expect(text(await preview(id, 'call-summary'))).toMatch(/No call is logged on this account yet/);
    expect(await count('letters')).toBe(before);
  });
});
