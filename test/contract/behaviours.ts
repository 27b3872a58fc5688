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

    it('lets a manager set the account terms through one form and refuses a collector (PB-06, PB-09, PB-16)', async () => {
      const id = await account();
      await chat.command('ann', `show #${id}`);
      const refused = await chat.click('ann', 'Account terms', { account: id });
      expect(refused.mine).toMatch(/Setting account terms needs a manager/);
      expect(refused.form).toBeUndefined();
      await chat.command('mia', `show #${id}`);
      const opened = await chat.click('mia', 'Account terms', { account: id });
      // The shell asks one field at a time: the first is asked first everywhere.
      expect(opened.form?.[0]).toBe('Exempt from key account');
      const done = await chat.submit('mia', {
        'Exempt from key account': 'Yes, until 60 days overdue',
        'Habitual late payer': 'Yes: remind before due',
        'Contract interest per day': '0.03%',
        Why: 'framework contract 2026',
      });
      expect(done.mine + done.everyone).toMatch(
        /Mia set the account terms: key-account exemption no → yes, habitual late payer no → yes, interest 0\.05% → 0\.03% a day/,
      );
      expect(done.mine + done.everyone).toMatch(/at 0\.03% a day \(PB-16\)/);
      const row = await db
        .knex('account_state')
        .where({ customer_id: id })
        .first('key_account_exempt', 'habitual_late_payer', 'interest_rate_per_day');
      expect(row).toEqual({
        key_account_exempt: true,
        habitual_late_payer: true,
        interest_rate_per_day: '0.03%',
      });
    });

    it('lets a manager hand an account over to an agency through one form; chasing stops (PB-30)', async () => {
      const id = await account();
      await chat.command('mia', `show #${id}`);
      const opened = await chat.click('mia', 'Hand over to agency', { account: id });
      expect(opened.form?.[0]).toBe('Agency');
      const done = await chat.submit('mia', { Agency: 'Acme Recovery', Note: 'success fee 12%' });
      expect(done.mine + done.everyone).toMatch(/Mia handed this account over to Acme Recovery/);
      expect(done.mine + done.everyone).toMatch(/Handed over to Acme Recovery.*\(PB-30\).*86,000\.00/);
      expect(await db.knex('agency_handovers').where({ customer_id: id })).toHaveLength(1);
      expect(await db.knex('pauses').where({ customer_id: id })).toHaveLength(1);
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

    it('offers the call summary after a call: preview first, then sent once (real SMTP, PB-23)', async () => {
      const id = await account();
      await chat.command('ann', `show #${id}`);
      await chat.click('ann', 'Log call', { account: id });
      const logged = await chat.submit('ann', {
        Channel: 'call',
        'What happened': 'reached',
        Notes: 'checks with AP, calls back Friday',
      });
      expect(logged.everyone).toMatch(/Ann logged a call with Contract Trading/);
      expect(logged.everyone + logged.mine).toMatch(/Send call summary/);
      const preview = await chat.click('ann', 'Send call summary', { account: id });
      expect(preview.mine).toMatch(/Call summary letter to Contract Trading/);
      expect(preview.mine).toMatch(/checks with AP, calls back Friday/);
      expect(smtp.received).toHaveLength(0);
      const sent = await chat.submit('ann', {});
      expect(sent.everyone).toMatch(/Ann sent the call summary letter to Contract Trading/);
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]?.envelopeTo).toEqual([`ap${n}@contract.example`]);
      // A second click on the same offer previews again, and its Send sends nothing more.
      await chat.click('ann', 'Send call summary', { account: id });
      const again = await chat.submit('ann', {});
      expect(again.mine).toMatch(/summary of this call already went to .* once per call/);
      expect(smtp.received).toHaveLength(1);
    });

    it('pages through the whole history with Older and Newer (PB-02)', async () => {
      const id = await account();
      await db.knex('activities').insert(
        Array.from({ length: 45 }, (_, i) => ({
          customer_id: id,
          platform: 'shell',
          kind: 'note',
          details: JSON.stringify({ notes: `history entry ${i + 1}` }),
        })),
      );
      const total = await activities(id);
      const first = await chat.command('ann', `history #${id}`);
      expect(first.mine + first.everyone).toMatch(new RegExp(`Entries 1-20 of ${total}, newest first`));
      expect(first.mine + first.everyone).toMatch(/"history entry 45"/);
      const older = await chat.click('ann', 'Older', { account: id });
      expect(older.mine + older.everyone).toMatch(new RegExp(`Entries 21-40 of ${total}`));
      const oldest = await chat.click('ann', 'Older', { account: id });
      expect(oldest.mine + oldest.everyone).toMatch(new RegExp(`Entries 41-${total} of ${total}`));
      expect(oldest.mine + oldest.everyone).toMatch(/"history entry 1"/);
      const newer = await chat.click('ann', 'Newer', { account: id });
      expect(newer.mine + newer.everyone).toMatch(new RegExp(`Entries 21-40 of ${total}`));
      expect(await activities(id)).toBe(total);
    });

    it('shows each open item with its state on the card (PB-02)', async () => {
      const id = await account();
      const [item] = await db.knex('open_items').where({ customer_id: id }).pluck('id');
      const ann = await db.knex('users').where({ display_name: 'Ann' }).first('id');
      await db.knex.transaction(async (trx) => {
        const [dispute] = await trx('disputes')
          .insert({ customer_id: id, reason: 'goods damaged', opened_by_user_id: ann?.id ?? null })
          .returning('id');
        await trx('dispute_items').insert({ dispute_id: dispute.id, open_item_id: item });
      });
      await db.knex('pauses').insert({ customer_id: id, reason: 'on holiday', until: '2026-12-20' });
      const card = await chat.command('ann', `show #${id}`);
      expect(card.mine + card.everyone).toMatch(/disputed since \d+ \w{3}, account paused until 20 Dec/);
      expect(card.mine + card.everyone).toMatch(/Payment history: no paid invoices on record yet/);
    });

    /** A fresh overdue account with two invoices, so one can be disputed or paused and the other chased. */
    const twoInvoices = async () => {
      n += 1;
      const id = await seedLetterAccount(db.knex, `Contract Trading ${n} Ltd`, {
        items: [
          { number: `CT${n}-A`, dueDate: '2026-10-01', totalMinor: 5_000_000 },
          { number: `CT${n}-B`, dueDate: '2026-10-20', totalMinor: 3_000_000 },
        ],
      });
      return { id, a: `CT${n}-A`, b: `CT${n}-B` };
    };
    const disputes = (id: number) =>
      db.knex('disputes').where({ customer_id: id }).orderBy('id').select('id', 'contact', 'resolved_at');

    it('opens a dispute on chosen invoices (PB-21), refuses one already disputed, and resolves it saying who and why', async () => {
      const { id, a, b } = await twoInvoices();
      await chat.command('ann', `show #${id}`);
      const opened = await chat.click('ann', 'Dispute', { account: id });
      expect(opened.form?.[0]).toBe('Disputed invoices');
      const done = await chat.submit('ann', {
        'Disputed invoices': a,
        'What the customer disputes': 'pallet arrived damaged',
        'After-sales contact': 'Li Wei, service desk',
      });
      expect(done.everyone).toMatch(
        new RegExp(
          `Ann opened dispute #\\d+ with Contract Trading \\d+ Ltd on ${a}: _?pallet arrived damaged`,
        ),
      );
      expect(done.mine + done.everyone).toMatch(/the rest is still collected/);
      const [dispute] = await disputes(id);
      expect(dispute?.contact).toBe('Li Wei, service desk');

      // The same invoice again: refused naming the field, nothing written.
      await chat.command('ann', `show #${id}`);
      await chat.click('ann', 'Dispute', { account: id });
      const again = await chat.submit('ann', {
        'Disputed invoices': a,
        'What the customer disputes': 'again',
      });
      expect(again.mine).toMatch(new RegExp(`already disputed: ${a}`));
      expect(again.everyone).toBe('');
      expect(await disputes(id)).toHaveLength(1);

      await chat.command('ann', `show #${id}`);
      const resolving = await chat.click('ann', 'Resolve dispute', { account: id });
      expect(resolving.form?.[0]).toBe('Dispute');
      const resolved = await chat.submit('ann', {
        Dispute: `#${dispute?.id} ${a}: pallet arrived damaged`,
        Outcome: 'Not in their favour: collect again',
        Why: 'photos show the pallet intact',
      });
      expect(resolved.everyone).toMatch(
        new RegExp(`Ann resolved dispute #${dispute?.id} on ${a}: Not in their favour`),
      );
      expect(resolved.mine + resolved.everyone).toMatch(/Why: _?photos show the pallet intact/);
      expect(resolved.mine + resolved.everyone).toMatch(/back on the ladder/);
      const row = await db.knex('disputes').where({ id: dispute?.id }).first('outcome', 'resolution_note');
      expect(row).toEqual({ outcome: 'rejected_collect', resolution_note: 'photos show the pallet intact' });

      // Nothing is left to resolve: the form is not opened again.
      const late = await chat.click('ann', 'Resolve dispute', { account: id });
      expect(late.mine).toMatch(/has no open dispute to resolve/);
      expect(late.form).toBeUndefined();
      expect(b).toMatch(/-B$/);
    });

    it('pauses chasing until a date, refuses a past end, shows the end on the card, and un-pauses once', async () => {
      const { id } = await twoInvoices();
      await chat.command('ann', `show #${id}`);
      const opened = await chat.click('ann', 'Pause', { account: id });
      expect(opened.form?.[0]).toBe('Paused until');
      const past = await chat.submit('ann', {
        'Paused until': '2026-11-01',
        Why: 'AP closed for the ERP migration',
      });
      expect(past.mine).toMatch(/2026-11-01 is in the past/);
      expect(past.everyone).toBe('');
      expect(await db.knex('pauses').where({ customer_id: id })).toHaveLength(0);

      await chat.command('ann', `show #${id}`);
      await chat.click('ann', 'Pause', { account: id });
      const paused = await chat.submit('ann', {
        'Paused until': '2026-12-15',
        Why: 'AP closed for the ERP migration',
      });
      expect(paused.everyone).toMatch(/Ann paused chasing the whole account until 2026-12-15: _?AP closed/);
      const card = await chat.command('ann', `show #${id}`);
      expect(card.mine + card.everyone).toMatch(/Chasing paused until 15 Dec 2026/);

      const lifted = await chat.click('ann', 'Un-pause', { account: id });
      expect(lifted.everyone).toMatch(/Ann un-paused chasing/);
      const twice = await chat.click('ann', 'Un-pause', { account: id });
      expect(twice.mine).toMatch(/Nothing on this account is paused; nothing was changed/);
      const rows = await db.knex('pauses').where({ customer_id: id }).select('lifted_at');
      expect(rows).toHaveLength(1);
      expect(rows[0]?.lifted_at).not.toBeNull();
      expect(
        await db.knex('activities').where({ customer_id: id, kind: 'pause_lifted' }).count({ n: '*' }),
      ).toEqual([{ n: 1 }]);
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
      // Renegotiated the same day: the new plan gets its own letter; each plan's letter goes once.
      await chat.click('ann', 'Renegotiate plan', { account: id });
      await chat.submit('ann', plan(['40,000.00', '23,000.00', '23,000.00']));
      const again = await chat.submit('ann', {});
      expect(again.mine + again.everyone).toMatch(/sent the payment plan letter/);
      expect(smtp.received).toHaveLength(2);
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
        /Ann marked kept by hand \(PB-20\): Promise: CNY 10,000.00 by 20 Nov 2026/,
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
