import { describe, expect, it } from 'vitest';
import { assessAccount, defaultPolicy } from '../../src/collections/account.ts';
import { addDays } from '../../src/collections/dates.ts';
import { sevenSevenSeven } from '../../src/collections/seven-seven-seven.ts';
import { accountCardView } from '../../src/views/account-card.ts';
import type { Message } from '../../src/views/model.ts';
import type { AccountHistory, HistoryEntry } from '../../src/worklist/account-history.ts';

const due = '2026-09-01';

describe('7-7-7 (PB-13)', () => {
  it('counts the first contact day, the attempts in the first 7 weeks and the age against 7 months', () => {
    const s = sevenSevenSeven(due, ['2026-09-03', '2026-09-10', '2026-09-17', '2026-08-20'], '2026-09-20');
    expect(s).toMatchObject({
      firstContactDay: 2,
      firstContactLate: false,
      attempts: 3,
      attemptsShort: false,
      resolveBy: '2027-04-01',
      ageDays: 19,
    });
    // A contact before the due date does not count (it was not chasing this debt).
    expect(s?.text).toBe(
      '7-7-7 (PB-13): first contact on day 2 · 3 of 7 attempts, week 3 of 7 · day 19 of 212 to resolve (7 months, by 2027-04-01)',
    );
  });

  it('says when the first contact came late, or has not come after 7 days', () => {
    expect(sevenSevenSeven(due, ['2026-09-09'], '2026-09-10')).toMatchObject({
      firstContactDay: 8,
      firstContactLate: true,
    });
    expect(sevenSevenSeven(due, [], '2026-09-08')?.firstContactLate).toBe(false);
    const none = sevenSevenSeven(due, [], '2026-09-09');
    expect(none?.firstContactLate).toBe(true);
    expect(none?.text).toMatch(/no contact yet \(due within 7 days\)/);
  });

  it('after 7 weeks, fewer than 7 attempts are short; 7 are not; attempts after the weeks do not count', () => {
    const six = Array.from({ length: 6 }, (_, i) => addDays(due, 1 + i * 7));
    const after = sevenSevenSeven(due, [...six, addDays(due, 60)], addDays(due, 49));
    expect(after).toMatchObject({ attempts: 6, attemptsShort: true });
    expect(after?.text).toMatch(/6 of 7 attempts in 7 weeks \(short\)/);
    const seven = sevenSevenSeven(due, [...six, addDays(due, 48)], addDays(due, 49));
    expect(seven).toMatchObject({ attempts: 7, attemptsShort: false });
  });

  it('says how long an account is unresolved past 7 months', () => {
    expect(sevenSevenSeven(due, [], '2027-04-11')?.text).toMatch(
      /unresolved 10 days past 7 months \(2027-04-01\)/,
    );
  });

  it('has nothing to count before anything is overdue', () => {
    expect(sevenSevenSeven(null, [], '2026-09-20')).toBeNull();
    expect(sevenSevenSeven('2026-09-20', [], '2026-09-20')).toBeNull();
  });
});

/** Every text on the card. */
const fallbackText = (card: Message) => card.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');

describe('the account card shows PB-05 and PB-13', () => {
  const today = '2026-09-20';
  const entry = (kind: string, at: string, details: Record<string, unknown> = {}): HistoryEntry => ({
    id: 1,
    at: new Date(`${at}T04:00:00Z`),
    kind,
    actor: 'Ann',
    platform: 'shell',
    details,
  });
  const file = (history: HistoryEntry[], owned: boolean): AccountHistory => ({
    customer: {
      id: 7,
      externalId: 'C-7',
      name: 'Globex Ltd',
      contactName: null,
      contactEmail: null,
      contactPhone: null,
      salesRep: null,
      locale: null,
    },
    owner: owned ? { userId: 1, name: 'Ann', since: new Date('2026-09-02T00:00:00Z') } : null,
    version: 3,
    history,
    historyTotal: history.length,
  });
  const assessed = (daysOverdue: number) =>
    assessAccount(
      {
        accountId: '7',
        customerName: 'Globex Ltd',
        firstInvoiceDate: '2025-01-01',
        openItems: [
          {
            id: '1',
            number: 'INV-1',
            issueDate: addDays(today, -daysOverdue - 30),
            dueDate: addDays(today, -daysOverdue),
            totalMinor: 1_000_000,
            openMinor: 1_000_000,
            currency: 'CNY',
            disputed: false,
            pause: null,
          },
        ],
        settledItems: [],
        promises: [],
        lastContactDate: null,
        escalations: 0,
        pause: null,
      },
      defaultPolicy,
      today,
    );

  it('PB-05: an account past 15 days overdue is in the collection procedure, and unowned it asks for a claim', () => {
    const text = fallbackText(accountCardView(file([], false), assessed(16), 3));
    expect(text).toMatch(
      /In the collection procedure\* \(PB-05\): 16 days overdue; nobody owns it yet: claim it/,
    );
    expect(fallbackText(accountCardView(file([], true), assessed(15), 3))).not.toMatch(
      /collection procedure/,
    );
  });

  it('PB-13: counts letters, calls and e-mails as attempts, not notes', () => {
    const history = [
      entry('outcome', '2026-09-12', { channel: 'call', result: 'no_answer' }),
      entry('outcome', '2026-09-11', { channel: 'note', result: 'reached' }),
      entry('letter_sent', '2026-09-06'),
      entry('claimed', '2026-09-05'),
    ];
    const text = fallbackText(accountCardView(file(history, true), assessed(16), 3));
    expect(text).toMatch(/7-7-7 \(PB-13\): first contact on day 2 · 2 of 7 attempts, week 3 of 7/);
  });
});
