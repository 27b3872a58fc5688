import { describe, expect, it } from 'vitest';
import { decodeRef } from '../../src/views/action-ref.ts';
import { translator } from '../../src/i18n/translate.ts';
import { meetingAccountView } from '../../src/views/meeting.ts';
import type { Button, Message } from '../../src/views/model.ts';
import { planForm } from '../../src/views/plan-views.ts';

const buttons = (m: Message): Button[] => m.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));

describe('payment plan views (PB-17)', () => {
  const account = {
    accountId: 7,
    name: 'Meeting Ltd',
    owner: 'Ann',
    salesRep: null,
    openByCurrency: { CNY: 100_000 },
    mainCurrency: 'CNY',
    daysOverdue: 40,
    ladderStep: 'L5',
    nextAction: null,
    lastContact: null,
  };
  const state = {
    decidedBy: 'Mia',
    decidedAt: '10:00',
    previousDecision: null,
    previousBy: null,
    revision: 1,
  };

  it('leads a "Payment plan" meeting decision to the plan form, and no other decision', () => {
    const planned = meetingAccountView(3, account, { ...state, decision: 'payment_plan' }, translator('en'));
    const agree = buttons(planned).find((b) => b.label === 'Agree the plan');
    expect(agree?.opens).toBe('form');
    expect(decodeRef(agree?.ref)).toMatchObject({ ok: true, value: { action: 'plan', accountId: 7 } });
    const kept = meetingAccountView(3, account, { ...state, decision: 'keep_working' }, translator('en'));
    expect(buttons(kept).find((b) => b.label === 'Agree the plan')).toBeUndefined();
  });

  it('pre-fills the form with the draft and carries the currency and the plan it replaces', () => {
    const form = planForm(
      { id: 7, name: 'Meeting Ltd' },
      {
        currency: 'USD',
        openMinor: 100_000,
        replacesPlanId: 4,
        installments: [
          { amountMinor: 30_000, dueDate: '2026-12-14' },
          { amountMinor: 70_000, dueDate: '2027-01-13' },
        ],
      },
      translator('en'),
    );
    expect(form.title).toBe('Renegotiate plan');
    expect(form.fields.slice(0, 4).map((f) => [f.id, f.initial])).toEqual([
      ['amount1', '300.00'],
      ['date1', '2026-12-14'],
      ['amount2', '700.00'],
      ['date2', '2027-01-13'],
    ]);
    expect(form.fields[4]?.initial).toBeUndefined();
    expect(decodeRef(form.ref)).toMatchObject({
      ok: true,
      value: { action: 'plan', currency: 'USD', planId: 4 },
    });
  });
});
