import { describe, expect, it } from 'vitest';
import { toTerminalText } from '../../adapters/shell/text.ts';
import { toBlockKit } from '../../adapters/slack/block-kit.ts';
import { toAdaptiveCard } from '../../adapters/teams/adaptive-card.ts';
import {
  type AccountSnapshot,
  assessAccount,
  defaultPolicy,
  type Policy,
} from '../../src/collections/account.ts';
import { accountCardView } from '../../src/views/account-card.ts';
import type { Message, TextBlock } from '../../src/views/model.ts';
import type { AccountHistory } from '../../src/worklist/account-history.ts';

const today = '2026-11-22';

const file: AccountHistory = {
  customer: {
    id: 7,
    externalId: 'C-7',
    name: 'Acme Trading',
    contactName: null,
    contactEmail: 'ap@acme.example',
    contactPhone: null,
    salesRep: null,
    locale: null,
  },
  owner: null,
  version: 1,
  history: [],
  historyTotal: 0,
};

const item = (number: string, dueDate: string) => ({
  id: number,
  number,
  issueDate: dueDate,
  dueDate,
  totalMinor: 100_000,
  openMinor: 100_000,
  currency: 'CNY',
  disputed: false,
  pause: null,
});

const snapshot: AccountSnapshot = {
  accountId: '7',
  customerName: 'Acme Trading',
  firstInvoiceDate: '2024-01-01',
  // 40, 25 and 5 days overdue.
  openItems: [item('OLD-1', '2026-10-13'), item('MID-1', '2026-10-28'), item('NEW-1', '2026-11-17')],
  settledItems: [
    { number: 'PAID-1', dueDate: '2026-10-30', paidDate: '2026-11-20', totalMinor: 250_000, currency: 'CNY' },
    {
      number: 'PAID-OLD',
      dueDate: '2026-08-01',
      paidDate: '2026-09-01',
      totalMinor: 50_000,
      currency: 'CNY',
    },
  ],
  promises: [],
  lastContactDate: null,
  escalations: 0,
  pause: null,
};

const card = (policy: Policy): Message => accountCardView(file, assessAccount(snapshot, policy, today), 1);
const texts = (m: Message) => m.blocks.filter((b): b is TextBlock => b.type === 'text');
const toned = (m: Message, tone: TextBlock['tone']) =>
  texts(m)
    .filter((b) => b.tone === tone)
    .map((b) => b.text)
    .join('\n');

describe('PB-04 markings on the account card', () => {
  it('PB-04: marks red the items more than the policy red threshold overdue, and only those', () => {
    const red = toned(card(defaultPolicy), 'danger');
    expect(red).toContain('OLD-1');
    expect(red).not.toContain('MID-1');
    const stricter = { ...defaultPolicy, aging: { ...defaultPolicy.aging, redAfterDays: 20 } };
    const redder = toned(card(stricter), 'danger');
    expect(redder).toContain('OLD-1');
    expect(redder).toContain('MID-1');
    expect(redder).not.toContain('NEW-1');
  });

  it('PB-04: shows invoices settled within the policy window in green, older ones not at all', () => {
    const m = card(defaultPolicy);
    const green = toned(m, 'success');
    expect(green).toContain('Settled recently');
    expect(green).toContain('*PAID-1* · due 30 Oct · settled 20 Nov · CNY 2,500.00');
    expect(JSON.stringify(m)).not.toContain('PAID-OLD');
    const longer = { ...defaultPolicy, aging: { ...defaultPolicy.aging, settledShownDays: 90 } };
    expect(toned(card(longer), 'success')).toContain('PAID-OLD');
  });

  it('PB-04: every platform draws the markings: Slack, Teams and the terminal', () => {
    const m = card(defaultPolicy);
    const slack = JSON.stringify(toBlockKit(m).blocks);
    expect(slack).toMatch(/:large_green_circle: Settled recently/);
    expect(slack).toMatch(/:red_circle: \*OLD-1\*/);

    const teams = JSON.stringify(toAdaptiveCard(m));
    expect(teams).toMatch(/"color":"Good"[^}]*Settled recently|Settled recently[^}]*"color":"Good"/);
    expect(teams).toMatch(/"color":"Attention"[^}]*OLD-1|OLD-1[^}]*"color":"Attention"/);

    const terminal = toTerminalText(m, { color: true, width: 120 });
    expect(terminal).toContain('\u001b[32mSettled recently');
    const line = (text: string) => terminal.split('\n').find((l) => l.includes(text)) ?? '';
    expect(line('OLD-1')).toContain('\u001b[31m');
    expect(line('NEW-1')).not.toContain('\u001b[31m');
    expect(line('PAID-1')).toContain('\u001b[32m');
  });
});
