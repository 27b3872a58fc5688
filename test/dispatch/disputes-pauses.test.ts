/**
 * Disputes and pauses through the one dispatcher (issue 16): a double submission takes effect once, a form
 * aimed at another account's dispute or invoice is refused by field, and a paused account gets no reminder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import type { Reply } from '../../src/commands/interaction.ts';
import type { Database } from '../../src/db.ts';
import { encodeRef } from '../../src/views/action-ref.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import type { User } from '../../src/views/model.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

const ann: User = { platform: 'shell', id: 'ann', name: 'Ann' };
const vic: User = { platform: 'shell', id: 'vic', name: 'Vic' };
const text = (reply: Reply) => ('message' in reply ? toFallbackText(reply.message) : JSON.stringify(reply));
let unique = 0;

describe.each(backends())('disputes and pauses through dispatch on %s', (kind) => {
  let db: Database;
  let ctx: DispatchContext;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ctx = {
      db: db.knex,
      clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
      policy: defaultPolicy,
      pageSize: 5,
    };
    await seedStaff(db.knex, 'Vic', 'viewer');
  });
  afterAll(async () => {
    await db?.close();
  });

  const account = async () => {
    unique += 1;
    const t = `${Date.now().toString(36)}d${unique}`;
    const { accountId } = await seedAccount(db.knex, {
      items: [
        { number: `A-${t}`, dueDate: '2026-09-01', totalMinor: 2_000_00 },
        { number: `B-${t}`, dueDate: '2026-11-01', totalMinor: 500_00 },
      ],
    });
    return { accountId, a: `A-${t}`, b: `B-${t}` };
  };
  const submit = (ref: string, values: Record<string, string>, submission?: string, user = ann) =>
    dispatch(ctx, { kind: 'submit', ref, values, user, ...(submission ? { submission } : {}) });
  const ref = (action: 'dispute' | 'resolve' | 'pause' | 'unpause', accountId: number) =>
    encodeRef({ v: 1, action, accountId });

  it('takes a double-submitted dispute or pause form once', async () => {
    const { accountId, a } = await account();
    const values = { invoices: a, reason: 'short delivery', contact: '' };
    const first = await submit(ref('dispute', accountId), values, `view-${accountId}-1`);
    expect(first.kind).toBe('thread');
    const again = await submit(ref('dispute', accountId), values, `view-${accountId}-1`);
    expect(text(again)).toMatch(/already submitted and recorded; nothing more was changed/);
    expect(await db.knex('disputes').where({ customer_id: accountId })).toHaveLength(1);

    const pause = { until: '2026-12-10', reason: 'owner on holiday', invoices: '' };
    expect((await submit(ref('pause', accountId), pause, `view-${accountId}-2`)).kind).toBe('thread');
    expect(text(await submit(ref('pause', accountId), pause, `view-${accountId}-2`))).toMatch(
      /already submitted/,
    );
    // A second form (a new submission) over the same pause is refused by field, not stacked.
    const second = await submit(ref('pause', accountId), pause, `view-${accountId}-3`);
    expect(second).toEqual({
      kind: 'formErrors',
      errors: { until: 'the whole account is already paused until 2026-12-10; un-pause it first' },
    });
    expect(await db.knex('pauses').where({ customer_id: accountId })).toHaveLength(1);
    // A refused submission leaves no key: the same form corrected goes through.
    expect(await db.knex('form_submissions').where({ key: `shell:view-${accountId}-3` })).toEqual([]);
  });

  it('refuses a resolve aimed at another account’s dispute, and an invoice of another account, by field', async () => {
    const mine = await account();
    const other = await account();
    await submit(ref('dispute', other.accountId), { invoices: other.a, reason: 'wrong price' });
    const [theirs] = await db.knex('disputes').where({ customer_id: other.accountId });
    const resolve = await submit(ref('resolve', mine.accountId), {
      dispute: String(theirs?.id),
      outcome: 'withdrawn',
      note: 'not ours',
    });
    expect(resolve).toEqual({
      kind: 'formErrors',
      errors: { dispute: `#${theirs?.id} is not a dispute of this account` },
    });
    const dispute = await submit(ref('dispute', mine.accountId), { invoices: other.a, reason: 'x' });
    expect(dispute).toEqual({
      kind: 'formErrors',
      errors: { invoices: `not invoices of this account: ${other.a}` },
    });
    const pause = await submit(ref('pause', mine.accountId), {
      until: '2026-12-01',
      reason: 'x',
      invoices: other.b,
    });
    expect(pause).toEqual({
      kind: 'formErrors',
      errors: { invoices: `not invoices of this account: ${other.b}` },
    });
    expect(await db.knex('disputes').where({ customer_id: mine.accountId })).toEqual([]);
    expect(await db.knex('pauses').where({ customer_id: mine.accountId })).toEqual([]);
    const stillOpen = await db.knex('disputes').where({ id: theirs?.id }).first('resolved_at');
    expect(stillOpen?.resolved_at).toBeNull();
  });

  it('opens no dispute or pause form for a viewer, and answers no button with "not available"', async () => {
    const { accountId } = await account();
    for (const action of ['dispute', 'resolve', 'pause', 'unpause'] as const) {
      const reply = await dispatch(ctx, { kind: 'action', ref: ref(action, accountId), user: vic });
      expect(reply.kind).toBe('ephemeral');
      expect(text(reply)).toMatch(/needs .+; you are a viewer/);
      const asAnn = await dispatch(ctx, { kind: 'action', ref: ref(action, accountId), user: ann });
      expect(text(asAnn)).not.toMatch(/not available/);
    }
  });

  it('opens a dispute from the call log with its after-sales contact, and the history tells the whole of it', async () => {
    const { accountId, a } = await account();
    const logRef = encodeRef({ v: 1, action: 'log', accountId });
    const logged = await submit(logRef, {
      channel: 'call',
      result: 'disputed',
      notes: 'two pallets missing',
      invoices: a,
      afterSales: 'Li Wei, service desk',
    });
    expect(logged.kind).toBe('thread');
    const [dispute] = await db.knex('disputes').where({ customer_id: accountId });
    expect(dispute).toMatchObject({ reason: 'two pallets missing', contact: 'Li Wei, service desk' });
    await submit(ref('resolve', accountId), {
      dispute: String(dispute?.id),
      outcome: 'upheld_credit_note',
      note: 'warehouse confirmed the shortage',
    });
    const history = await dispatch(ctx, {
      kind: 'command',
      text: `history #${accountId}`,
      user: ann,
      platform: 'shell',
    });
    expect(text(history)).toContain(
      `Ann opened dispute #${dispute?.id} on ${a}: two pallets missing (after-sales: Li Wei, service desk)`,
    );
    expect(text(history)).toContain(
      `Ann resolved dispute #${dispute?.id} on ${a}: upheld credit note, because warehouse confirmed the shortage`,
    );
  });

  it('sends no reminder letter on a paused account, and says why', async () => {
    const { accountId } = await account();
    await submit(ref('pause', accountId), { until: '2026-12-01', reason: 'ERP migration', invoices: '' });
    const letter = await dispatch(ctx, {
      kind: 'command',
      text: `letter #${accountId} polite-reminder`,
      user: ann,
      platform: 'shell',
    });
    expect(text(letter)).toMatch(/Chasing is paused on what is open here/);
    await dispatch(ctx, { kind: 'action', ref: ref('unpause', accountId), user: ann });
    const after = await dispatch(ctx, {
      kind: 'command',
      text: `letter #${accountId} polite-reminder`,
      user: ann,
      platform: 'shell',
    });
    expect(text(after)).not.toMatch(/paused/);
  });
});
