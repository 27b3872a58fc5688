import { describe, expect, it } from 'vitest';
import {
  cardAction,
  toAdaptiveCard,
  toCardActivity,
  toCardMarkdown,
} from '../../adapters/teams/adaptive-card.ts';
import {
  continueWith,
  formOfSubmission,
  readDialogValues,
  toDialogCard,
} from '../../adapters/teams/dialog.ts';
import { jsonBytes, TEAMS_LIMITS } from '../../adapters/teams/limits.ts';
import { encodeRef } from '../../src/views/action-ref.ts';
import { logOutcomeForm } from '../../src/views/log-form.ts';
import type { AccountRowBlock, Block, Form, Message } from '../../src/views/model.ts';
import { cardProblems } from './support/card-check.ts';

type Json = Record<string, unknown>;
const flat = (value: unknown) => JSON.stringify(value);

function row(i: number, long = false): AccountRowBlock {
  const ref = (action: 'claim' | 'log' | 'letter' | 'open') =>
    encodeRef({ v: 1, action, accountId: i, stateVersion: 3 });
  return {
    type: 'accountRow',
    accountId: i,
    customerName: `${long ? '上海华联贸易有限公司 '.repeat(20) : 'Customer'} ${i}`,
    amountLines: ['CNY 86,000.00', 'USD 1,200.00'],
    daysOverdue: 40 + i,
    tone: 'danger',
    owner: i % 2 ? null : 'Ann',
    explanation: `${long ? 'x'.repeat(900) : 'grade C, key account'} · next: call`,
    actions: [
      { label: 'Claim', ref: ref('claim'), style: 'primary' },
      { label: 'Log call', ref: ref('log'), opens: 'form' },
      { label: 'Send letter', ref: ref('letter'), opens: 'form' },
      { label: 'Open', ref: ref('open') },
    ],
    openRef: ref('open'),
  };
}

const list = (rows: number, long = false): Message => ({
  blocks: [
    { type: 'header', text: 'Overdue accounts on 2026-11-22' },
    { type: 'context', text: `${rows} accounts` },
    ...Array.from({ length: rows }, (_, i) => row(i + 1, long)),
    {
      type: 'pager',
      page: 2,
      pages: 5,
      prevRef: encodeRef({ v: 1, action: 'page', page: 1 }),
      nextRef: encodeRef({ v: 1, action: 'page', page: 3 }),
    },
  ],
});

describe('Adaptive Card renderer', () => {
  it('draws every block type as a card the adaptivecards library accepts', () => {
    const blocks: Block[] = [
      { type: 'header', text: 'Northwind Traders Ltd' },
      { type: 'text', text: 'A *key account* since _October_', tone: 'danger' },
      {
        type: 'fields',
        fields: [
          { label: 'Open', value: 'CNY 86,000.00' },
          { label: 'Owner', value: 'unclaimed' },
        ],
      },
      { type: 'divider' },
      row(1),
      {
        type: 'actions',
        buttons: [{ label: 'History', ref: encodeRef({ v: 1, action: 'history', accountId: 1 }) }],
        menu: [{ label: 'Release', ref: encodeRef({ v: 1, action: 'release', accountId: 1 }) }],
      },
      { type: 'context', text: 'Customer C-1' },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/aging.png' }, alt: 'aging chart' },
      { type: 'image', source: { kind: 'file', path: '/tmp/chart.png' }, alt: 'file chart' },
    ];
    const card = toAdaptiveCard({ blocks });
    expect(cardProblems(card)).toEqual([]);
    expect(card.version).toBe('1.5');
    expect(flat(card)).toContain('A **key account** since _October_');
    expect(flat(card)).toContain('"color":"Attention"');
    expect(flat(card)).toContain('"mode":"secondary"');
    expect(flat(card)).toContain('[chart: file chart]');
  });

  it('makes buttons Universal Actions with an Action.Submit fallback, and form buttons dialog openers', () => {
    const claim = cardAction({
      label: 'Claim',
      ref: encodeRef({ v: 1, action: 'claim', accountId: 1 }),
      style: 'primary',
    });
    expect(claim).toMatchObject({
      type: 'Action.Execute',
      verb: 'duebot',
      style: 'positive',
      fallback: { type: 'Action.Submit' },
    });
    // The button says what it does; the renderer never reads the ref.
    const ref = encodeRef({ v: 1, action: 'log', accountId: 1 });
    const log = cardAction({ label: 'Log call', ref, opens: 'form' });
    expect(log).toMatchObject({ type: 'Action.Submit', data: { ref, msteams: { type: 'task/fetch' } } });
    const asks = cardAction({ label: 'Reject', ref, confirm: 'Reject it?' });
    expect(asks).toMatchObject({ type: 'Action.Submit', data: { ref, msteams: { type: 'task/fetch' } } });
    const yes = cardAction({ label: 'Reject', ref, answers: 'yes' });
    expect(yes).toMatchObject({ type: 'Action.Submit', data: { ref, duebot: { confirmed: true } } });
  });

  it('keeps a 40-row page within the message size by dropping row buttons, keeping the pager', () => {
    const card = toAdaptiveCard(list(40));
    expect(cardProblems(card)).toEqual([]);
    expect(jsonBytes(card)).toBeLessThanOrEqual(TEAMS_LIMITS.messageBytes);
    expect(flat(card)).toContain('Customer 40');
    expect(flat(card)).not.toContain('"title":"Log call"'); // compact: each row opens the account instead
    expect(flat(card)).toContain('Page 2 of 5');
    expect(flat(card)).toContain('Next ▶');
  });

  it('shortens a list that cannot fit even compactly, saying how many rows were left out', () => {
    const card = toAdaptiveCard(list(40, true));
    expect(cardProblems(card)).toEqual([]);
    expect(flat(card)).toMatch(/… \d+ more not shown here/);
    expect(flat(card)).toContain('Page 2 of 5');
  });

  it('sends the plain-text summary with the card for notifications and older clients', () => {
    const activity = toCardActivity(list(2));
    expect(activity.summary).toContain('Overdue accounts on 2026-11-22');
    expect(activity.attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  });

  it('turns neutral markup into card markdown without touching snake_case', () => {
    expect(toCardMarkdown('*bold* and _it_ and file_name')).toBe('**bold** and _it_ and file_name');
  });
});

describe('dialogs', () => {
  const form = logOutcomeForm({
    accountId: 7,
    name: 'Northwind',
    version: 2,
    currencies: ['CNY', 'USD'],
    invoiceNumbers: ['N-1'],
  });

  it('draws a form as a dialog card with errors beside the fields and the typed values kept', () => {
    const answer = continueWith(
      { ...form, errors: { promiseDate: 'required for a promise', form: 'check the result' } },
      { result: 'promised' },
    );
    if (answer.task.type !== 'continue') throw new Error('expected a dialog');
    const card = answer.task.value.card.content;
    expect(cardProblems(card)).toEqual([]);
    const body = card.body as Json[];
    const date = body.findIndex((n) => n.id === 'promiseDate');
    expect(flat(body[date + 1])).toContain('required for a promise');
    expect(flat(body[0])).toContain('form: check the result');
    expect(body.find((n) => n.id === 'result')?.value).toBe('promised');
  });

  it('reads submitted values as text and the carried form back, ignoring what is not input', () => {
    const answer = continueWith(form);
    if (answer.task.type !== 'continue') throw new Error('expected a dialog');
    const data = (answer.task.value.card.content.actions?.[0]?.data ?? {}) as Json;
    const submitted = { ...data, result: 'reached', promiseAmount: 12.5, msteams: { x: 1 } };
    expect(readDialogValues(submitted)).toEqual({ result: 'reached', promiseAmount: '12.5' });
    expect(formOfSubmission(submitted)?.ref).toBe(form.ref);
    expect(formOfSubmission({ ref: 'x', duebot: { form: { title: 1 } } })).toBeNull();
  });

  describe('size budget: 80 KB counted in UTF-16, as Teams counts', () => {
    const chinese = (rows: number): Message => ({
      blocks: Array.from({ length: rows }, (_, i) => ({
        ...row(i + 1),
        customerName: `上海华联贸易有限公司第${i + 1}分公司`,
        explanation: `信用等级C，重点账户，逾期${40 + i}天，客户承诺月底付款，财务部王芳负责跟进对账单`,
      })),
    });

    it('shows a Chinese-heavy list whole that the old 28,000 UTF-8 byte budget cut short, and stays under budget', () => {
      const card = toAdaptiveCard(chinese(30));
      expect(cardProblems(card)).toEqual([]);
      expect(jsonBytes(card)).toBeLessThanOrEqual(TEAMS_LIMITS.messageBytes);
      expect(Buffer.byteLength(flat(card), 'utf8')).toBeGreaterThan(28_000);
      expect(flat(card)).not.toMatch(/more not shown/);
      for (let i = 1; i <= 30; i++) expect(flat(card)).toContain(`第${i}分公司`);
    });

    it('cuts a Chinese list too long for any card to the budget, saying how many rows were left out', () => {
      const card = toAdaptiveCard(chinese(300));
      expect(cardProblems(card)).toEqual([]);
      expect(flat(card)).toMatch(/… \d+ more not shown here/);
    });

    const form = (intro: Message, options = 3, label = 'Ann'): Form => ({
      title: 'Send a letter',
      submitLabel: 'Send',
      ref: encodeRef({ v: 1, action: 'letter', accountId: 1, template: 'reminder' }),
      intro,
      fields: [
        {
          type: 'select',
          id: 'owner',
          label: 'Owner',
          required: true,
          options: Array.from({ length: options }, (_, i) => ({
            value: String(i + 1),
            label: `${label} ${i}`,
          })),
        },
      ],
    });

    it('shortens a dialog whose preview is over budget, keeping its inputs and its Send button', () => {
      const card = toDialogCard(form(chinese(300)));
      expect(cardProblems(card)).toEqual([]);
      expect(jsonBytes(card)).toBeLessThanOrEqual(TEAMS_LIMITS.messageBytes);
      expect(flat(card)).toMatch(/… \d+ more not shown here/);
      expect(flat(card)).toContain('"type":"Input.ChoiceSet"');
      expect((card.actions ?? []).length).toBe(1);
    });

    it('refuses clearly, with nothing to submit, a dialog whose inputs alone are over budget', () => {
      const card = toDialogCard(form({ blocks: [] }, 100, '长'.repeat(199)));
      expect(cardProblems(card)).toEqual([]);
      expect(flat(card)).toMatch(/too large for a Teams dialog \(\d+ KB; Teams takes at most 80 KB\)/);
      expect(card.actions ?? []).toEqual([]);
      expect(flat(card)).not.toContain('Input.ChoiceSet');
    });
  });
});
