/**
 * The behaviours every chat platform must show the same way (issue 15): one file, run against each
 * harness through its driver (driver.ts). A behaviour that differs by platform fails here. Each behaviour
 * seeds its own account, so they can run in any order over one database.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultLetterConfig, type LetterConfig } from '../../src/config.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedLetterAccount } from '../letters/support/accounts.ts';
import { startSmtp, type TestSmtp } from '../letters/support/smtp.ts';
import type { ContractDriver, StartDriver } from './driver.ts';

/** Runs every behaviour against the driver `start` makes, on PGlite and (when configured) PostgreSQL. */
export function contractSuite(platform: string, start: StartDriver): void {
  describe.each(backends())(`the one contract on ${platform} over %s`, (kind) => {
    let db: Database;
    let smtp: TestSmtp;
    let chat: ContractDriver;
    let n = 0;
    const letters = (): LetterConfig => ({
      ...defaultLetterConfig,
      smtpUrl: smtp.url,
      from: 'Acme AR <ar@acme.example>',
      approval: true,
      company: {
        name: 'Acme Trading GmbH',
        address: ['Hauptstr. 1'],
        registration: '',
        stampImage: undefined,
      },
      payment: { link: 'https://pay.acme.example/inv', bank: [] },
    });
    /** A fresh overdue account with an AP contact, on the worklist. */
    const account = async () => {
      n += 1;
      return seedLetterAccount(db.knex, `Contract Trading ${n} Ltd`, {
        contact: { email: `ap${n}@contract.example`, name: 'Wang Fang', locale: 'en' },
      });
    };
    const owners = (id: number) =>
      db
        .knex('claims as c')
        .join('users as u', 'u.id', 'c.user_id')
        .where('c.customer_id', id)
        .whereNull('c.released_at')
        .pluck('u.display_name');
    /** The plan form filled in: these amounts, a month apart from 2027-01-05 (after every harness's today). */
    const plan = (amounts: string[]) =>
      Object.fromEntries(
        amounts.flatMap((amount, i) => [
          [`Installment ${i + 1} amount`, amount],
          [`Installment ${i + 1} date`, `2027-0${i + 1}-05`],
        ]),
      );
    const activities = async (id: number) =>
      Number((await db.knex('activities').where({ customer_id: id }).count({ n: '*' }))[0]?.n ?? 0);

    beforeAll(async () => {
      db = await openTestDatabase(kind);
      smtp = await startSmtp();
      chat = await start(db, { letters: letters() });
    });
    afterAll(async () => {
      await chat?.close();
      await smtp?.close();
      await db?.close();
    });
    beforeEach(() => {
      smtp.received.length = 0;
    });

    it('claims once when two people claim: the second hears privately who has it', async () => {
      const id = await account();
      await chat.command('ann', `show #${id}`);
      await chat.command('bob', `show #${id}`);
      const first = await chat.click('ann', 'Claim', { account: id });
      expect(first.mine + first.everyone).toMatch(/claimed by Ann/);
      const second = await chat.click('bob', 'Claim', { account: id });
      expect(second.mine).toMatch(/Already claimed by Ann/);
      expect(second.everyone).not.toMatch(/Already claimed/);
      expect(await owners(id)).toEqual(['Ann']);
    });

    it('answers a click on an out-of-date card with the card as it is, the note only to the clicker', async () => {
      const id = await account();
      await chat.command('bob', `show #${id}`); // Bob's card is drawn before Ann claims
      await chat.command('ann', `show #${id}`);
      await chat.click('ann', 'Claim', { account: id });
      const before = await activities(id);
      const late = await chat.click('bob', 'Claim', { account: id });
      expect(late.mine).toMatch(/Already claimed by Ann/);
      expect(late.everyone).not.toMatch(/out of date/);
      expect(late.mine + late.everyone).toMatch(/claimed by Ann/);
      expect(await activities(id)).toBe(before);
    });

    it('shows the log form’s errors beside its fields and saves nothing', async () => {
      const id = await account();
      await chat.command('ann', `show #${id}`);
      const opened = await chat.click('ann', 'Log call', { account: id });
      expect(opened.form?.[0]).toBe('Channel');
      const before = await activities(id);
      const refused = await chat.submit('ann', { Channel: 'call', 'What happened': 'promised' });
      expect(refused.mine).toMatch(/PB-19/);
      expect(refused.everyone).toBe('');
      expect(await activities(id)).toBe(before);
    });

    it('sends a letter in three steps: choose, preview, send (real SMTP), the copy in the thread', async () => {
      const id = await account();
      await chat.command('ann', `show #${id}`);
      const chooser = await chat.click('ann', 'Send letter', { account: id });
      expect(chooser.form?.[0]).toMatch(/^Letter to Contract Trading/);
      const label = chooser.form?.[0] ?? '';
      const preview = await chat.submit('ann', { [label]: 'polite-reminder' });
      expect(preview.mine).toMatch(/Polite reminder letter to Contract Trading/);
      expect(smtp.received).toHaveLength(0);
      const sent = await chat.submit('ann', {});
      expect(sent.everyone).toMatch(/Ann sent the polite reminder letter to Contract Trading/);
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]?.envelopeTo).toEqual([`ap${n}@contract.example`]);
    });

    it('lets a manager reassign an account through the same form', async () => {
      const id = await account();
      await chat.command('bob', `show #${id}`); // Bob has used duebot, so he can own accounts
      await chat.command('ann', `show #${id}`);
      await chat.click('ann', 'Claim', { account: id });
      await chat.command('mia', `show #${id}`);
      const opened = await chat.click('mia', 'Reassign', { account: id });
      if (!opened.form) throw new Error(`no Reassign form: ${opened.mine}`);
      expect(opened.form?.[0]).toMatch(/^New owner of Contract Trading/);
      const done = await chat.submit('mia', { [opened.form?.[0] ?? '']: 'Bob' });
      expect(done.mine + done.everyone).toMatch(/Mia reassigned this account from Ann to Bob/);
      expect(await owners(id)).toEqual(['Bob']);
    });

    it('asks before Reject, and a cancelled confirm changes nothing', async () => {
      const id = await account();
      await chat.command('mia', `show #${id}`);
      const chooser = await chat.click('mia', 'Send letter', { account: id });
      await chat.submit('mia', { [chooser.form?.[0] ?? '']: 'final-notice' });
      const asked = await chat.submit('mia', {});
      expect(asked.everyone).toMatch(/Mia asks to send the final notice letter/);
      const letter = await db.knex('letters').where({ customer_id: id }).first('id', 'status');
      expect(letter?.status).toBe('awaiting_approval');
      const question = await chat.click('mia', 'Reject', { letter: Number(letter?.id) });
      expect(question.question).toMatch(/Reject the final notice letter to Contract Trading/);
      await chat.answer('mia', false);
      const after = await db.knex('letters').where({ id: letter?.id }).first('status');
      expect(after?.status).toBe('awaiting_approval');
      expect(smtp.received).toHaveLength(0);
    });

    it('agrees a payment plan: form, preview with the letter, recorded on Customer agreed, letter sent (PB-17)', async () => {
      const id = await account();
      await chat.command('ann', `show #${id}`);
      const opened = await chat.click('ann', 'Payment plan', { account: id });
      expect(opened.form?.[0]).toBe('Installment 1 amount');
      const preview = await chat.submit('ann', plan(['30,000.00', '28,000.00', '28,000.00']));
      expect(preview.mine).toMatch(/Payment plan for Contract Trading/);
      expect(preview.mine).toMatch(/CNY 30,000.00/);
      expect(smtp.received).toHaveLength(0);
      const agreed = await chat.submit('ann', {});
      expect(agreed.everyone).toMatch(/Ann recorded payment plan #\d+ with Contract Trading/);
      expect(agreed.mine + agreed.everyone).toMatch(/sent the payment plan letter/);
      expect(smtp.received).toHaveLength(1);
      const installments = await db.knex('promises').where({ customer_id: id }).orderBy('installment_no');
      expect(installments.map((p) => Number(p.amount_minor))).toEqual([3_000_000, 2_800_000, 2_800_000]);
      const card = await chat.command('ann', `show #${id}`);
      expect(card.mine + card.everyone).toMatch(/Payment plan CNY 86,000.00: 0 of 3 paid, next/);
    });

    it('refuses plan installments that do not add up, naming the field, and writes nothing', async () => {
      const id = await account();
      await chat.command('ann', `show #${id}`);
      await chat.click('ann', 'Payment plan', { account: id });
      const before = await activities(id);
      const refused = await chat.submit('ann', plan(['1', '30,100.00', '30,100.00']));
      expect(refused.mine).toMatch(/installments add up to CNY 60,201.00; the open amount is CNY 86,000.00/);
      expect(refused.everyone).toBe('');
      expect(await activities(id)).toBe(before);
      expect(await db.knex('payment_plans').where({ customer_id: id })).toHaveLength(0);
    });

    it('asks before cancelling a payment plan; a yes ends it, recorded', async () => {
      const id = await account();
      await chat.command('ann', `show #${id}`);
      await chat.click('ann', 'Payment plan', { account: id });
      await chat.submit('ann', plan(['25,800.00', '30,100.00', '30,100.00']));
      await chat.submit('ann', {});
      await chat.command('ann', `show #${id}`);
      const question = await chat.click('ann', 'Cancel plan', { account: id });
      expect(question.question).toMatch(/Cancel payment plan #\d+ of Contract Trading/);
      const done = await chat.answer('ann', true);
      expect(done.mine + done.everyone).toMatch(/Ann cancelled payment plan #\d+/);
      const ended = await db.knex('payment_plans').where({ customer_id: id }).first('status');
      expect(ended?.status).toBe('cancelled');
      expect(await db.knex('promises').where({ customer_id: id, status: 'open' })).toHaveLength(0);
    });

    it('marks a missed promise kept by hand with a note, recorded with who and why (PB-20)', async () => {
      const id = await account();
      const item = await db.knex('open_items').where({ customer_id: id }).first('id', 'open_minor');
      const [promise] = await db
        .knex('promises')
        .insert({
          customer_id: id,
          promised_date: '2026-11-20',
          amount_minor: 1_000_000,
          currency: 'CNY',
          status: 'broken',
        })
        .returning('id');
      await db.knex('promise_items').insert({
        promise_id: promise.id,
        open_item_id: item?.id,
        open_minor_at_promise: item?.open_minor,
      });
      await chat.command('ann', `show #${id}`);
      const opened = await chat.click('ann', 'Mark kept', { account: id });
      expect(opened.form?.[0]).toBe('Why it is kept');
      const done = await chat.submit('ann', { 'Why it is kept': 'Bank slip received by e-mail' });
      expect(done.mine + done.everyone).toMatch(
        /Ann marked kept by hand \(PB-20\): Promise: CNY 10,000.00 by 2026-11-20/,
      );
      const kept = await db.knex('promises').where({ id: promise.id }).first('status', 'kept_note');
      expect(kept).toEqual({ status: 'kept', kept_note: 'Bank slip received by e-mail' });
      const history = await db.knex('activities').where({ customer_id: id, kind: 'promise_kept' });
      expect(history).toHaveLength(1);
    });

    it('refuses a viewer clearly and opens no form', async () => {
      const id = await account();
      await chat.command('vic', `show #${id}`);
      const refused = await chat.click('vic', 'Log call', { account: id });
      expect(refused.mine).toMatch(/Logging a contact needs .+; you are a viewer/);
      expect(refused.form).toBeUndefined();
    });
  });
}
