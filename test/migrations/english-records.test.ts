import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pauseNote from '../../migrations/20261207_350_pause_reason_note.ts';
import * as oldNext from '../../migrations/20261207_351_old_next_actions.ts';
import type { NextStepNote } from '../../src/collections/ladder.ts';
import type { Database } from '../../src/db.ts';
import { LOCALES } from '../../src/i18n/locale.ts';
import { translator } from '../../src/i18n/translate.ts';
import { nextActionWords } from '../../src/views/ladder-words.ts';
import { activePauses } from '../../src/worklist/pauses.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

/**
 * Issue 20: rows duebot wrote in English before it spoke each reader's language are read back into the
 * structured forms every reader's view says in their language: a hand-over's pause (PB-30) and the next
 * actions of a credit meeting opened before the worklist kept notes (PB-28).
 */
const OLD_NEXT: [string, NextStepNote | null][] = [
  ['Polite reminder letter', { kind: 'step', step: 'L2' }],
  ["Lawyer's letter: amount, days overdue, legal basis, next steps", { kind: 'step', step: 'L6' }],
  [
    'Contact within 3 days of the due date (grade C and habitual late payers, PB-09) (INV-7)',
    { kind: 'step', step: 'C-due', invoice: 'INV-7' },
  ],
  [
    'Contact again (every 5-7 days until day 30, PB-12)',
    { kind: 'follow-up', step: 'L2', minDays: 5, maxDays: 7, untilDay: 30 },
  ],
  [
    'chasing paused until 2026-12-20: handed over to Apex Recovery (PB-30)',
    { kind: 'paused', until: '2026-12-20', why: { kind: 'handed-over', agency: 'Apex Recovery' } },
  ],
  ['chasing paused: 客户系统迁移', { kind: 'paused', until: null, why: '客户系统迁移' }],
  ['every undisputed open item is paused until 2026-12-20', { kind: 'items-paused', until: '2026-12-20' }],
  ['every undisputed open item is paused', { kind: 'items-paused', until: null }],
  // A company's own step, written before steps had words per language: no note can be read from it.
  ['Call the CFO about the audit', null],
];

describe('reading the English next actions written before (migration 351)', () => {
  it.each(OLD_NEXT)('%s', (text, note) => {
    expect(oldNext.oldNextActionNote(text, 'L2')).toEqual(note);
  });
});

describe.each(backends())('English records made structured on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("a hand-over's pause keeps its agency by kind; a person's words stay theirs; down and up again", async () => {
    await oldNext.down(db.knex);
    await pauseNote.down(db.knex);
    const mia = await seedStaff(db.knex, 'Mia', 'manager');
    const handed = await seedAccount(db.knex, { items: [{ dueDate: '2026-08-01', totalMinor: 100 }] });
    const typed = await seedAccount(db.knex, { items: [{ dueDate: '2026-08-01', totalMinor: 100 }] });
    const [pause] = await db
      .knex('pauses')
      .insert({
        customer_id: handed.accountId,
        reason: 'handed over to Apex Recovery (PB-30)',
        created_by_user_id: mia.userId,
      })
      .returning('id');
    await db.knex('agency_handovers').insert({
      customer_id: handed.accountId,
      agency: 'Apex Recovery',
      amounts: JSON.stringify({ CNY: 100 }),
      handed_over_on: '2026-11-20',
      days_worked: 111,
      contact_attempts: 3,
      pause_id: Number(pause.id),
      by_user_id: mia.userId,
    });
    // The same words typed by a person, with no hand-over behind them, are theirs.
    await db.knex('pauses').insert({
      customer_id: typed.accountId,
      reason: 'handed over to Apex Recovery (PB-30)',
      created_by_user_id: mia.userId,
    });
    await pauseNote.up(db.knex);
    await oldNext.up(db.knex);
    const read = async () =>
      Object.fromEntries(
        (await activePauses(db.knex, [handed.accountId, typed.accountId], '2026-11-22')).map((p) => [
          p.accountId,
          p.reason,
        ]),
      );
    expect(await read()).toEqual({
      [handed.accountId]: { kind: 'handed-over', agency: 'Apex Recovery' },
      [typed.accountId]: 'handed over to Apex Recovery (PB-30)',
    });
    // A pause says why: a person's words or duebot's note, never neither.
    await expect(
      db
        .knex('pauses')
        .insert({ customer_id: typed.accountId, reason: null, created_by_user_id: mia.userId }),
    ).rejects.toThrow(/pauses_reason_given/);
    await oldNext.down(db.knex);
    await pauseNote.down(db.knex);
    expect(await db.knex('pauses').where({ customer_id: handed.accountId }).pluck('reason')).toEqual([
      'handed over to Apex Recovery (PB-30)',
    ]);
    await pauseNote.up(db.knex);
    await oldNext.up(db.knex);
    expect(await read()).toEqual({
      [handed.accountId]: { kind: 'handed-over', agency: 'Apex Recovery' },
      [typed.accountId]: 'handed over to Apex Recovery (PB-30)',
    });
  });

  it("a meeting's English next actions become notes said in every language; the rest are marked", async () => {
    const [meeting] = await db
      .knex('meetings')
      .insert({
        month: `2026-${kind}-old`,
        held_on: '2026-11-02',
        post_key: `old-meeting-${kind}`,
        // The agenda's definition (migration 440): every account a reply.
        cutoff: '2026-10-02',
        agenda_order: 'oldest-due',
        accounts: OLD_NEXT.length,
        replies: OLD_NEXT.length,
      })
      .returning('id');
    const accounts: number[] = [];
    for (const [i, [text]] of OLD_NEXT.entries()) {
      const { accountId } = await seedAccount(db.knex);
      accounts.push(accountId);
      await db.knex('meeting_accounts').insert({
        meeting_id: meeting.id,
        customer_id: accountId,
        position: i + 1,
        snapshot: JSON.stringify({ accountId, name: 'X', ladderStep: 'L2', nextAction: text }),
      });
    }
    await oldNext.up(db.knex);
    const stored = await db
      .knex('meeting_accounts')
      .where({ meeting_id: meeting.id })
      .orderBy('position')
      .select('snapshot');
    const notes = stored.map((r) => (r.snapshot as { nextAction: NextStepNote | string }).nextAction);
    expect(notes).toEqual(OLD_NEXT.map(([text, note]) => note ?? text));
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      const t = translator(locale);
      const said = notes.map((n) => nextActionWords(t, n) ?? '');
      // Read back: no English left but the agency and the invoice; the one unread is marked as the English of then.
      for (const line of said.slice(0, -1))
        expect(
          line
            .replace('Apex Recovery', '')
            .replace('INV-7', '')
            .match(/[A-Za-z]{3,}/g) ?? [],
          line,
        ).toEqual([]);
      expect(said.at(-1)).toBe(t.t('ladder.asRecorded', { text: 'Call the CFO about the audit' }));
    }
  });
});
