import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBlockKit, toSlackHome } from '../../adapters/slack/block-kit.ts';
import { SLACK_LIMITS, truncate } from '../../adapters/slack/limits.ts';
import { readViewState, toSlackErrors, toSlackModal } from '../../adapters/slack/modal.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { encodeRef } from '../../src/views/action-ref.ts';
import type { LetterRecord } from '../../src/letters/letter-log.ts';
import { letterChooserForm } from '../../src/views/letter-views.ts';
import { logOutcomeForm } from '../../src/views/log-form.ts';
import type { Block, Message } from '../../src/views/model.ts';
import { myWorkView } from '../../src/views/my-work.ts';
import { helpView } from '../../src/views/notices.ts';
import { overdueListView } from '../../src/views/overdue-list.ts';
import { uncertainLetterNotice } from '../../src/views/uncertain-letter.ts';
import type { WorklistPage, WorklistRow } from '../../src/worklist/list.ts';
import { translator } from '../../src/i18n/translate.ts';
import { slackProblems } from './support/limits-check.ts';

function row(i: number, overrides: Partial<WorklistRow> = {}): WorklistRow {
  return {
    accountId: i,
    externalId: `C-${i}`,
    name: `上海华联贸易有限公司 ${i} & <Sons>`,
    mainCurrency: 'CNY',
    mainOpenMinor: 8_600_000 + i,
    openByCurrency: { CNY: 8_600_000 + i, USD: 12_000 },
    openItems: 3,
    maxDaysOverdue: 20 + i,
    priority: 1000 - i,
    reasons: {
      open: { CNY: 8_600_000, USD: 12_000 },
      missed: 1,
      lastMissed: '2026-11-02',
      window: false,
      tiny: false,
    },
    grade: 'B',
    keyAccount: false,
    red: 20 + i > 30,
    creditHold: false,
    blacklisted: false,
    ladderStep: 'L3',
    nextAction: { kind: 'step', step: 'L4' },
    nextActionDue: '2026-11-25',
    suggestedLetter: 'formal-demand',
    owner: i % 2 ? { userId: 1, name: 'Ann' } : null,
    version: i,
    ...overrides,
  };
}

function page(count: number, pageNo = 1, total = count * 3, pageSize = count): WorklistPage {
  return {
    rows: Array.from({ length: count }, (_, i) => row(i + 1)),
    total,
    page: pageNo,
    pages: Math.ceil(total / pageSize),
    pageSize,
  };
}

type SlackBlockJson = Record<string, unknown> & { type: string; elements?: Record<string, unknown>[] };
const blocksOf = (m: { blocks: unknown[] }) => m.blocks as SlackBlockJson[];

describe('the Block Kit renderer', () => {
  it('draws each account row as a section with Claim, Log call, Send letter and Open buttons carrying their refs', () => {
    const out = toBlockKit(overdueListView(page(3), { query: '30+', today: '2026-11-22' }));
    expect(slackProblems('message', out as never)).toEqual([]);
    const actions = blocksOf(out).filter(
      (b) => b.type === 'actions' && String(b.block_id).startsWith('row-'),
    );
    expect(actions).toHaveLength(3);
    const labels = (actions[1]?.elements ?? []).map((e) => (e.text as { text: string }).text);
    expect(labels).toEqual(['Claim', 'Log call', 'Send letter', 'Open']);
    const claim = actions[1]?.elements?.[0];
    expect(claim?.value).toBe(encodeRef({ v: 1, action: 'claim', accountId: 2, stateVersion: 2 }));
    expect(claim?.style).toBe('primary');
  });

  it('draws the uncertain-letter notice within the limits, with Mark as sent and a confirmed Send again', () => {
    const letter: LetterRecord = {
      id: 12,
      accountId: 7,
      template: 'formal-demand',
      locale: 'en',
      status: 'uncertain',
      delivery: 'email',
      requestedBy: { userId: 3, name: 'Ann' },
      approvedBy: null,
      rejectedBy: null,
      recipient: 'ap@customer.example',
      subject: 'Formal demand: 2 invoices overdue',
      messageId: '<duebot.letter.12.1.mi4x0@acme.example>',
      error: null,
      attempts: 1,
      createdAt: new Date('2026-11-22T02:00:00Z'),
      updatedAt: new Date('2026-11-22T02:00:00Z'),
      sentAt: null,
    };
    const out = toBlockKit(
      uncertainLetterNotice(letter, 'Contoso & <Partners>', 'Asia/Shanghai', translator('en')),
    );
    expect(slackProblems('message', out as never)).toEqual([]);
    const buttons = blocksOf(out).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
    expect(buttons.map((e) => (e.text as { text: string }).text)).toEqual(['Mark as sent', 'Send again']);
    expect(buttons[1]?.confirm).toBeDefined();
    expect(JSON.stringify(out.blocks)).toContain('&lt;duebot.letter.12.1.mi4x0@acme.example&gt;');
  });

  it('shows the /overdue help in a code block so its columns line up', () => {
    const texts = toBlockKit(helpView()).blocks.map((b) =>
      b.type === 'section' && b.text && typeof b.text === 'object' ? b.text.text : '',
    );
    expect(texts).toContainEqual(expect.stringMatching(/^```Usage: \/overdue[\s\S]*this text```$/));
  });

  it('escapes &, < and > so customer names cannot inject Slack markup', () => {
    const out = toBlockKit(overdueListView(page(1), { query: '', today: '2026-11-22' }));
    const text = JSON.stringify(out.blocks);
    expect(text).toContain('&amp; &lt;Sons&gt;');
    expect(text).not.toContain('<Sons>');
  });

  it('shows a page of 40 accounts compactly, one block each with a menu, within 50 blocks and with the pager', () => {
    const out = toBlockKit(overdueListView(page(40, 1, 400, 40), { query: '', today: '2026-11-22' }));
    expect(slackProblems('message', out as never)).toEqual([]);
    const rows = blocksOf(out).filter((b) => String(b.block_id ?? '').startsWith('row-'));
    expect(rows).toHaveLength(40);
    expect(rows[0]?.accessory).toMatchObject({ type: 'overflow' });
    const pager = blocksOf(out).find((b) => b.block_id === 'pager-42');
    expect(pager?.elements?.map((e) => (e.text as { text: string }).text)).toEqual(['Next ▶']);
  });

  it('cuts a list too long even for compact rows, says how many were left out and keeps the pager', () => {
    const message = overdueListView(page(120, 2, 1000, 120), { query: '', today: '2026-11-22' });
    const out = toBlockKit(message);
    expect(slackProblems('message', out as never)).toEqual([]);
    expect(out.blocks).toHaveLength(SLACK_LIMITS.messageBlocks);
    expect(JSON.stringify(out.blocks)).toMatch(/… \d+ more not shown here/);
    expect(blocksOf(out).some((b) => String(b.block_id ?? '').startsWith('pager-'))).toBe(true);
  });

  it('truncates long texts with an ellipsis instead of breaking the limits', () => {
    const long = 'x'.repeat(10_000);
    const message: Message = {
      blocks: [
        { type: 'header', text: long },
        { type: 'text', text: long, tone: 'danger' },
        { type: 'fields', fields: Array.from({ length: 14 }, (_, i) => ({ label: `L${i}`, value: long })) },
        { type: 'context', text: long },
        { type: 'actions', buttons: [{ label: long, ref: 'd1:help', confirm: long }] },
      ],
    };
    const out = toBlockKit(message);
    expect(slackProblems('message', out as never)).toEqual([]);
    const header = blocksOf(out)[0]?.text as { text: string };
    expect(header.text).toHaveLength(SLACK_LIMITS.headerText);
    expect(header.text.endsWith('…')).toBe(true);
    expect(blocksOf(out)[2]?.fields).toHaveLength(10);
  });

  it('never splits an emoji when truncating', () => {
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate('short', 10)).toBe('short');
  });

  it('turns a one-item menu into a button and drops refs too long to carry', () => {
    const out = toBlockKit({
      blocks: [
        {
          type: 'actions',
          buttons: [{ label: 'Huge', ref: 'x'.repeat(SLACK_LIMITS.buttonValue + 1) }],
          menu: [{ label: 'Release', ref: 'd1:release:a=1' }],
        },
      ],
    });
    expect(slackProblems('message', out as never)).toEqual([]);
    const els = blocksOf(out)[0]?.elements ?? [];
    expect(els.map((e) => e.type)).toEqual(['button']);
    expect(els[0]?.value).toBe('d1:release:a=1');
  });

  it('keeps every generated message within the limits (property)', () => {
    const text = fc.string({ maxLength: 4000, unit: 'grapheme' });
    const ref = fc.string({ minLength: 1, maxLength: 2100 });
    const button = fc.record({ label: fc.string({ maxLength: 120 }), ref });
    const block: fc.Arbitrary<Block> = fc.oneof(
      fc.record({ type: fc.constant('header' as const), text }),
      fc.record({ type: fc.constant('text' as const), text }),
      fc.record({ type: fc.constant('context' as const), text }),
      fc.record({ type: fc.constant('divider' as const) }),
      fc.record({
        type: fc.constant('fields' as const),
        fields: fc.array(fc.record({ label: fc.string({ maxLength: 40 }), value: text }), { maxLength: 14 }),
      }),
      fc.record({
        type: fc.constant('actions' as const),
        buttons: fc.array(button, { maxLength: 30 }),
        menu: fc.array(button, { maxLength: 8 }),
      }),
      fc.record({
        type: fc.constant('accountRow' as const),
        accountId: fc.nat(),
        customerName: fc.string({ maxLength: 300 }),
        amountLines: fc.array(fc.string({ maxLength: 30 }), { maxLength: 4 }),
        daysOverdue: fc.nat(),
        tone: fc.constantFrom('normal' as const, 'danger' as const),
        owner: fc.option(fc.string({ maxLength: 40 })),
        explanation: text,
        actions: fc.array(button, { maxLength: 6 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 130 }), (blocks) => {
        expect(slackProblems('message', toBlockKit({ blocks }) as never)).toEqual([]);
        expect(slackProblems('home', toSlackHome({ blocks }) as never)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('draws a big App Home worklist within 100 blocks', () => {
    const rows = Array.from({ length: 80 }, (_, i) => row(i + 1));
    const promise = (i: number, status: 'open' | 'broken') => ({
      promiseId: i,
      accountId: i,
      name: `Customer ${i}`,
      amountMinor: 500_000,
      paidMinor: 0,
      currency: 'CNY',
      promisedDate: '2026-11-20',
      status,
    });
    const home = toSlackHome(
      myWorkView(
        {
          claimed: rows,
          claimedTotal: 300,
          followUps: rows.map((r) => ({ accountId: r.accountId, name: r.name, dueOn: '2026-11-21' })),
          promisesDue: rows.map((r) => promise(r.accountId, 'open')),
          promisesBroken: rows.map((r) => promise(r.accountId, 'broken')),
        },
        { name: 'Ann', today: '2026-11-22' },
        translator('en'),
      ),
    );
    expect(slackProblems('home', home as never)).toEqual([]);
    expect(home.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.viewBlocks);
  });
});

describe('modals', () => {
  const form = logOutcomeForm({
    accountId: 7,
    name: 'Northwind Traders Ltd',
    version: 3,
    currencies: ['CNY', 'USD'],
    invoiceNumbers: ['N-1', 'N-2'],
  });

  it('draws the log form as inputs whose block ids are the field ids, within the modal limits', () => {
    const view = toSlackModal(form, { ref: form.ref, responseUrl: 'https://hooks.slack.test/r/1' });
    expect(slackProblems('modal', view as never)).toEqual([]);
    const inputs = view.blocks.filter((b) => b.type === 'input');
    expect(inputs.map((b) => b.block_id)).toEqual(form.fields.map((f) => f.id));
    expect(JSON.parse(view.private_metadata ?? '{}')).toMatchObject({ ref: form.ref });
    const channel = inputs[0] as { element: { initial_option?: { value: string } } };
    expect(channel.element.initial_option?.value).toBe('call');
  });

  it('puts each field error beside its field and errors of unknown fields beside the first one', () => {
    const ids = form.fields.map((f) => f.id);
    expect(
      toSlackErrors({ promiseDate: 'a date as YYYY-MM-DD', amount: 'no open USD invoices' }, ids),
    ).toEqual({
      promiseDate: 'a date as YYYY-MM-DD',
      channel: 'amount: no open USD invoices',
    });
  });

  it('reads submitted values back by field id from every input kind', () => {
    const values = readViewState({
      values: {
        channel: { channel: { selected_option: { value: 'call' } } },
        promiseDate: { promiseDate: { selected_date: '2026-12-01' } },
        notes: { notes: { value: 'pays Friday' } },
        invoices: { invoices: { value: null } },
      },
    });
    expect(values).toEqual({
      channel: 'call',
      promiseDate: '2026-12-01',
      notes: 'pays Friday',
      invoices: '',
    });
  });

  it('offers every letter of the ladder in the letter chooser, the suggested one preselected', () => {
    const chooser = letterChooserForm(
      defaultPolicy.ladder,
      { id: 7, name: 'Northwind' },
      'formal-demand',
      translator('en'),
    );
    const view = toSlackModal(chooser, { ref: chooser.ref });
    expect(slackProblems('modal', view as never)).toEqual([]);
    const select = (
      view.blocks[0] as { element: { options: { value: string }[]; initial_option: { value: string } } }
    ).element;
    expect(select.options.map((o) => o.value)).toContain('polite-reminder');
    expect(select.initial_option.value).toBe('formal-demand');
  });
});
