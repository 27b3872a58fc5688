import { access, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { DispatchContext } from '../../src/commands/dispatch.ts';
import { defaultLetterConfig } from '../../src/config.ts';
import type { Database } from '../../src/db.ts';
import { startSmtp, type TestSmtp } from '../letters/support/smtp.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { assessSeeded, seedAccount, seedStaff } from '../support/seed.ts';
import { shellSession } from './support/session.ts';

describe.each(backends())('letters in the shell on %s', (kind) => {
  let db: Database;
  let smtp: TestSmtp;
  let ctx: DispatchContext;
  let filesDir: string;
  let id: number;

  const session = (input: string) => shellSession(ctx, input, { filesDir });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    smtp = await startSmtp();
    filesDir = await mkdtemp(join(tmpdir(), 'duebot-shell-files-'));
    ctx = {
      db: db.knex,
      clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
      policy: defaultPolicy,
      pageSize: 10,
      letters: {
        ...defaultLetterConfig,
        smtpUrl: smtp.url,
        from: 'ar@acme.example',
        approval: true,
        company: { ...defaultLetterConfig.company, name: 'Acme Trading GmbH' },
      },
    };
    await seedStaff(db.knex, 'Mia', 'manager');
    await seedStaff(db.knex, 'Max', 'manager');
    ({ accountId: id } = await seedAccount(db.knex, {
      name: '台北宏達貿易股份有限公司',
      items: [{ number: 'TW-1', dueDate: '2026-10-25', totalMinor: 3_000_000, currency: 'TWD' }],
    }));
    await db
      .knex('customers')
      .where({ id })
      .update({ locale: 'zh-TW', contact_email: 'ap@hongda.example.tw' });
    await assessSeeded(db.knex);
  });
  afterAll(async () => {
    await smtp?.close();
    await db?.close();
  });

  it('shows the preview of letter N, asks, and sends only on yes; the PDF path is printed', async () => {
    const out = await session(`letter #${id} reminder\nno\nletter #${id} reminder\nyes\n`);
    expect(out).toContain('友情提醒');
    expect(out).toContain('Send? (yes/no)');
    expect(out).toContain('Nothing was sent.');
    expect(out).toMatch(
      /\[account thread\] Ann sent the reminder letter to 台北宏達貿易股份有限公司 by e-mail: ap@hongda\.example\.tw/,
    );
    const path = /\[file\] (\S+\.pdf)/.exec(out)?.[1] ?? '';
    await expect(access(path)).resolves.toBeUndefined();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.mail.text).toContain('逾期利息');
  });

  it('asks for approval of a formal demand and sends it when another manager types approve L', async () => {
    const asked = await session(`as Mia\nletter #${id} formal-demand\nyes\n`);
    expect(asked).toContain('Ask for approval? (yes/no)');
    const letterId = /approve (\d+) or reject/.exec(asked)?.[1];
    expect(letterId).toBeDefined();
    expect(smtp.received).toHaveLength(1);
    const own = await session(`as Mia\napprove ${letterId}\n`);
    expect(own).toMatch(/someone else must approve it/);
    const approved = await session(`as Max\napprove ${letterId}\n`);
    expect(approved).toMatch(/Mia sent the formal demand letter/);
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1]?.mail.subject).toMatch(/^正式催款函/);
  });

  it('decides on a letter that may or may not have gone out with mark-sent L (send-again L then refuses)', async () => {
    const letter = await db.knex('letters').where({ customer_id: id, template: 'reminder' }).first('id');
    // The state the letter check leaves after a crash (test/letters/uncertain.test.ts reproduces the crash).
    await db.knex('letters').where({ id: letter.id }).update({ status: 'uncertain' });
    const out = await session(`mark-sent x
mark-sent ${letter.id}
send-again ${letter.id}
yes
`);
    expect(out).toContain('mark-sent L: L is the letter number');
    expect(out).toMatch(
      /Ann found the reminder letter in the mailbox and marked it as sent to ap@hongda\.example\.tw/,
    );
    expect(out).toMatch(/no longer uncertain: it is sent/);
    expect(smtp.received).toHaveLength(2);
  });

  it('says so when the mail server got the letter but its answer was lost, and send-again L repeats the same e-mail', async () => {
    smtp.fault = { at: 'after-dot' };
    const out = await session(`letter #${id} polite-reminder\nyes\n`);
    smtp.fault = null;
    expect(out).toMatch(/polite reminder letter to 台北宏達貿易股份有限公司 may or may not have gone out/);
    expect(out).toMatch(
      /The mail server received the whole letter but the connection broke before it answered/,
    );
    expect(out).not.toMatch(/Nothing went to/);
    const letterId = /send-again (\d+)/.exec(out)?.[1];
    expect(letterId).toBeDefined();
    // Asked first, as on Slack and Teams: a no sends nothing, a yes sends the same e-mail again.
    const declined = await session(`send-again ${letterId}\nno\n`);
    expect(declined).toMatch(/only if it is not in the mailbox\. Send again\? \(yes\/no\)/);
    expect(declined).toContain('Cancelled: nothing was changed.');
    expect(smtp.received.at(-1)?.reply).toBeNull();
    const again = await session(`send-again ${letterId}\nyes\n`);
    expect(again).toMatch(/Ann sent the polite reminder letter/);
    const [lost, resent] = smtp.received.slice(-2);
    expect(lost?.reply).toBeNull();
    expect(resent?.reply).toBe(250);
    expect(resent?.mail.messageId).toBe(lost?.mail.messageId);
  });
});
