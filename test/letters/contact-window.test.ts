/**
 * PB-24: a letter sent outside the customer's contact window is queued, shown to the sender with the
 * customer's local send time, and the letter delivery sends it once when the window opens: not before,
 * not twice (two runs at once, or a run after a crash between the mail server and the letter log), not
 * after it was cancelled. Real SMTP server, real database, the real dispatcher.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy, type Policy } from '../../src/collections/account.ts';
import { defaultContactWindow } from '../../src/collections/contact-window.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import type { Reply } from '../../src/commands/interaction.ts';
import { loadConfig, type LetterConfig } from '../../src/config.ts';
import type { Database } from '../../src/db.ts';
import { deliverDueLetters } from '../../src/letters/delivery.ts';
import { findLetter, recordOutgoing, takeQueued } from '../../src/letters/letter-log.ts';
import { prepareLetter } from '../../src/letters/send-letter.ts';
import { letterMessageId, sendLetterMail } from '../../src/letters/smtp.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import type { Message, User } from '../../src/views/model.ts';
import { testConfig } from '../jobs/support.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedStaff } from '../support/seed.ts';
import { seedLetterAccount } from './support/accounts.ts';
import { startSmtp, type TestSmtp } from './support/smtp.ts';

// Monday 7 Dec 2026, 17:30 in Berlin: after the 14:00 window; the next opening is Tue 8 Dec 9:00 (08:00Z).
const MONDAY_EVENING = '2026-12-07T16:30:00Z';
const TUESDAY_NINE = '2026-12-08T08:00:00Z';
const ann: User = { platform: 'shell', id: 'ann', name: 'Ann' };
const text = (reply: Reply) => ('message' in reply ? toFallbackText(reply.message) : JSON.stringify(reply));
const blocksText = (reply: Reply) => ('message' in reply ? JSON.stringify(reply.message.blocks) : '');
const buttons = (m: Message) => m.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));

describe.each(backends())('PB-24: letters wait for the customer contact window, on %s', (kind) => {
  let db: Database;
  let smtp: TestSmtp;
  let letters: LetterConfig;
  let ctx: DispatchContext;
  const clock = createFixedClock(MONDAY_EVENING, 'Asia/Shanghai');
  const policy: Policy = { ...defaultPolicy, contactWindow: defaultContactWindow };
  const lctx = () => ({ db: db.knex, clock, policy, letters });

  /** An account whose customer the ledger places in `zone`, with its own mailbox. */
  const account = async (name: string, zone: string | null) => {
    const email = `${name.toLowerCase().replace(/\W+/g, '-')}@customer.example`;
    const id = await seedLetterAccount(db.knex, name, { contact: { email, locale: 'en' } });
    await db.knex('customers').where({ id }).update({ time_zone: zone });
    return { id, email };
  };
  const submit = (accountId: number) =>
    dispatch(ctx, { kind: 'submit', ref: `d1:letter:a=${accountId}:t=reminder`, values: {}, user: ann });
  const mails = (email: string) => smtp.accepted().filter((r) => r.envelopeTo.includes(email));
  const letterOf = async (accountId: number) =>
    db.knex('letters').where({ customer_id: accountId }).orderBy('id', 'desc').first();

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    smtp = await startSmtp();
    letters = testConfig({
      SMTP_URL: smtp.url,
      LETTER_FROM: 'Acme AR <ar@acme.example>',
      LETTER_COMPANY_NAME: 'Acme Trading GmbH',
      DUEBOT_CUSTOMER_TIME_ZONE_OVERRIDES: 'OVR-1=Europe/Berlin',
    }).letters;
    await seedStaff(db.knex, 'Ann', 'collector');
    ctx = { db: db.knex, clock, policy, pageSize: 10, letters };
  });
  afterAll(async () => {
    await smtp?.close();
    await db?.close();
  });

  it('queues a letter sent after hours, tells the sender the customer time, and sends it once at 9:00 local', async () => {
    clock.set(MONDAY_EVENING);
    const { id, email } = await account('Berlin Evening GmbH', 'Europe/Berlin');
    const reply = await submit(id);
    expect(text(reply)).toBe(
      'Queued: the reminder letter to Berlin Evening GmbH goes out 9:00 Tue 8 Dec customer time',
    );
    expect(blocksText(reply)).toContain('queued, goes out 9:00 Tue 8 Dec customer time (Europe/Berlin)');
    expect(buttons((reply as { message: Message }).message).map((b) => b.label)).toEqual(['Cancel letter']);
    const queued = await letterOf(id);
    expect(queued.status).toBe('queued');
    expect(new Date(queued.send_at).toISOString()).toBe('2026-12-08T08:00:00.000Z');
    expect(mails(email)).toHaveLength(0);
    // The account card shows it waiting, with its Cancel button.
    const card = await dispatch(ctx, { kind: 'command', text: `show ${id}`, user: ann, platform: 'shell' });
    expect(JSON.stringify(card)).toMatch(
      /Queued: reminder letter #\d+, goes out 9:00 Tue 8 Dec customer time \(Europe\/Berlin\)/,
    );
    expect(JSON.stringify(card)).toContain('Cancel letter');

    // Sending again before then queues nothing more and says when it goes.
    expect(text(await submit(id))).toMatch(/already queued for the customer: it goes out 9:00 Tue 8 Dec/);
    clock.set('2026-12-08T07:59:00Z'); // 8:59 in Berlin: not yet
    await deliverDueLetters(lctx());
    expect(mails(email)).toHaveLength(0);

    clock.set(TUESDAY_NINE);
    const run = await deliverDueLetters(lctx());
    expect(run.sent.map((o) => o.kind)).toContain('sent');
    await deliverDueLetters(lctx());
    expect(mails(email)).toHaveLength(1);
    const sent = await letterOf(id);
    expect(sent.status).toBe('sent');
    expect(await db.knex('letters').where({ customer_id: id }).count({ n: '*' })).toEqual([
      { n: expect.anything() },
    ]);
    const kinds = (await db.knex('activities').where({ customer_id: id }).orderBy('id')).map((a) => a.kind);
    expect(kinds.filter((k) => k.startsWith('letter_'))).toEqual(['letter_queued', 'letter_sent']);
  });

  it('sends a letter at once inside the window, on the customer clock, not the company one', async () => {
    clock.set('2026-12-08T09:30:00Z'); // 10:30 Berlin (open); 17:30 Shanghai (closed)
    const berlin = await account('Berlin Morning GmbH', 'Europe/Berlin');
    expect(text(await submit(berlin.id))).toMatch(/sent the reminder letter/);
    expect(mails(berlin.email)).toHaveLength(1);
    const shanghai = await account('Shanghai Evening Ltd', 'Asia/Shanghai');
    expect(text(await submit(shanghai.id))).toMatch(/goes out 9:00 Wed 9 Dec customer time/);
    expect(mails(shanghai.email)).toHaveLength(0);
  });

  it('"Send again" on an uncertain letter waits for the window too: refused after hours, sent inside it', async () => {
    clock.set('2026-12-08T09:30:00Z'); // 10:30 Berlin: open
    const { id, email } = await account('Berlin Uncertain GmbH', 'Europe/Berlin');
    expect(text(await submit(id))).toMatch(/sent the reminder letter/);
    const letter = await letterOf(id);
    // The answer was lost after the server took it: the letter is uncertain, with its recipient recorded.
    await db.knex('letters').where({ id: letter.id }).update({ status: 'uncertain' });
    const again = {
      kind: 'action' as const,
      ref: `d1:letter-resend:l=${letter.id}`,
      user: ann,
      confirmed: true,
    };
    clock.set('2026-12-08T17:00:00Z'); // 18:00 Berlin: closed
    expect(text(await dispatch(ctx, again))).toContain(
      "outside the customer's contact window (PB-24). Send it again from 9:00 Wed 9 Dec customer time (Europe/Berlin)",
    );
    expect((await letterOf(id)).status).toBe('uncertain');
    expect(mails(email)).toHaveLength(1);
    clock.set('2026-12-09T08:05:00Z'); // 9:05 Berlin: open
    await dispatch(ctx, again);
    expect((await letterOf(id)).status).toBe('sent');
    expect(mails(email)).toHaveLength(2);
  });

  it('the per-customer setting overrides the ledger zone', async () => {
    clock.set('2026-12-08T09:30:00Z');
    const { id, email } = await account('Override Trading', 'Asia/Shanghai');
    await db.knex('customers').where({ id }).update({ external_id: 'OVR-1' });
    expect(text(await submit(id))).toMatch(/sent the reminder letter/);
    expect(mails(email)).toHaveLength(1);
  });

  it('two delivery runs at once send a queued letter once', async () => {
    clock.set(MONDAY_EVENING);
    const { id, email } = await account('Twice Run AG', 'Europe/Berlin');
    await submit(id);
    clock.set(TUESDAY_NINE);
    await Promise.all([deliverDueLetters(lctx()), deliverDueLetters(lctx()), deliverDueLetters(lctx())]);
    expect(mails(email)).toHaveLength(1);
    expect((await letterOf(id)).status).toBe('sent');
  });

  it('a crash between the mail server and the letter log sends nothing again', async () => {
    clock.set(MONDAY_EVENING);
    const { id, email } = await account('Crash Between AG', 'Europe/Berlin');
    await submit(id);
    clock.set(TUESDAY_NINE);
    // The delivery's own steps up to the mail server, then the process dies before markSent.
    const letter = await findLetter(db.knex, (await letterOf(id)).id);
    if (!letter) throw new Error('no letter');
    expect(await takeQueued(db.knex, letter, clock.now())).toBe(true);
    const prepared = await prepareLetter(lctx(), id, 'reminder', 'Ann');
    if (!prepared.ok) throw new Error(prepared.message);
    const messageId = letterMessageId(letter, letters.from);
    await recordOutgoing(db.knex, letter, { recipient: email, messageId, rendered: prepared.value.letter });
    await sendLetterMail(
      { smtpUrl: smtp.url, from: letters.from ?? '' },
      { name: 'AP', email },
      prepared.value.letter,
      messageId,
    );
    await deliverDueLetters(lctx());
    await deliverDueLetters(lctx());
    expect(mails(email)).toHaveLength(1);
    expect((await letterOf(id)).status).toBe('sending'); // the letter check makes it uncertain for a person
  });

  it('a cancelled letter never goes out; cancelling is asked first and only a queued letter can be', async () => {
    clock.set(MONDAY_EVENING);
    const { id, email } = await account('Cancel Me SARL', 'Europe/Berlin');
    await submit(id);
    const letterId = (await letterOf(id)).id as number;
    const ref = `d1:letter-cancel:a=${id}:l=${letterId}`;
    const asked = await dispatch(ctx, { kind: 'action', ref, user: ann });
    expect(JSON.stringify(asked)).toContain(
      'Cancel the reminder letter to Cancel Me SARL? It will not be sent.',
    );
    expect((await letterOf(id)).status).toBe('queued');
    const done = await dispatch(ctx, { kind: 'action', ref, user: ann, confirmed: true });
    expect(text(done)).toMatch(/Ann cancelled the queued reminder letter #\d+; it will not be sent/);
    expect((await letterOf(id)).status).toBe('cancelled');
    const again = await dispatch(ctx, { kind: 'action', ref, user: ann, confirmed: true });
    expect(text(again)).toMatch(/is not waiting to go out: it is cancelled\. Nothing was changed/);
    clock.set(TUESDAY_NINE);
    await deliverDueLetters(lctx());
    expect(mails(email)).toHaveLength(0);
    expect(
      await db.knex('activities').where({ customer_id: id, kind: 'letter_cancelled' }).count({ n: '*' }),
    ).toEqual([{ n: expect.anything() }]);
  });

  it('a letter found after its window closed again waits for the next opening (five-day week: Monday)', async () => {
    clock.set('2026-12-11T12:00:00Z'); // Friday 13:00 Berlin: queued for 14:00
    const { id, email } = await account('Late Start KG', 'Europe/Berlin');
    await submit(id);
    clock.set('2026-12-11T16:00:00Z'); // the bot was down from 14:00 to 17:00
    const run = await deliverDueLetters(lctx());
    expect(run.postponed).toBeGreaterThanOrEqual(1); // this one, and any other due in a closed window
    expect(mails(email)).toHaveLength(0);
    expect(new Date((await letterOf(id)).send_at).toISOString()).toBe('2026-12-14T08:00:00.000Z');
  });
});

describe('PB-24 settings: customer time zones are checked by name', () => {
  const problems = (env: Record<string, string>) => {
    const result = loadConfig({ DUEBOT_TIMEZONE: 'Asia/Shanghai', ...env });
    return result.ok ? [] : result.problems;
  };
  it('names the variable, the customer and the zone that is not one', () => {
    expect(
      problems({ DUEBOT_CUSTOMER_TIME_ZONE_OVERRIDES: 'C-1001=Europe/Berlin, C-2=Europe/Berln' }),
    ).toEqual([
      expect.stringMatching(
        /^DUEBOT_CUSTOMER_TIME_ZONE_OVERRIDES: .*customer C-2: "Europe\/Berln" is not a time zone; expected an IANA time zone/,
      ),
    ]);
    expect(problems({ DUEBOT_CUSTOMER_TIME_ZONE_OVERRIDES: 'Europe/Berlin' })).toEqual([
      expect.stringMatching(/DUEBOT_CUSTOMER_TIME_ZONE_OVERRIDES: .*"Europe\/Berlin" is not customer=zone/),
    ]);
    expect(problems({ DUEBOT_CUSTOMER_TIME_ZONE_OVERRIDES: 'A=UTC, A=Asia/Tokyo' })).toEqual([
      expect.stringMatching(/customer A is listed twice/),
    ]);
    expect(problems({ DUEBOT_CUSTOMER_TIME_ZONE: 'Mars/Olympus' })).toEqual([
      expect.stringMatching(/^DUEBOT_CUSTOMER_TIME_ZONE: .*"Mars\/Olympus" is not a time zone/),
    ]);
    expect(problems({ DUEBOT_CUSTOMER_TIME_ZONE: 'America/New_York' })).toEqual([]);
  });
});
