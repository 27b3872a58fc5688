import { formatMoney } from '../collections/money.ts';
import { translator, type Translator } from '../i18n/translate.ts';
import { encodeRef, MAX_QUERY_LENGTH } from './action-ref.ts';
import type { WorklistPage, WorklistRow } from '../worklist/list.ts';
import { type LedgerAge, staleBlocksOf } from './freshness.ts';
import type { AccountRowBlock, Block, Button, Message } from './model.ts';
import { nextActionWords } from './ladder-words.ts';

/** Open amounts, main currency first, one line per currency (never summed across currencies). */
export function amountLines(openByCurrency: Record<string, number>, mainCurrency: string | null): string[] {
  return Object.entries(openByCurrency)
    .sort(([a], [b]) => (a === mainCurrency ? -1 : b === mainCurrency ? 1 : a.localeCompare(b)))
    .map(([currency, minor]) => formatMoney({ minor, currency }));
}

/** The buttons every account row carries: Claim (when nobody owns it), Log call, Send letter, Open. */
export function accountButtons(
  row: Pick<WorklistRow, 'accountId' | 'owner' | 'version' | 'suggestedLetter'>,
  t: Translator = translator('en'),
): Button[] {
  const a = { v: 1 as const, accountId: row.accountId, stateVersion: row.version };
  const buttons: Button[] = [];
  if (!row.owner)
    buttons.push({
      label: t.t('list.button.claim'),
      ref: encodeRef({ ...a, action: 'claim' }),
      style: 'primary',
    });
  buttons.push({ label: t.t('list.button.log'), ref: encodeRef({ ...a, action: 'log' }), opens: 'form' });
  buttons.push({
    label: t.t('list.button.letter'),
    ref: encodeRef({
      ...a,
      action: 'letter',
      ...(row.suggestedLetter ? { template: row.suggestedLetter } : {}),
    }),
    opens: 'form',
  });
  buttons.push({ label: t.t('list.button.open'), ref: encodeRef({ ...a, action: 'open' }) });
  return buttons;
}

/**
 * PB-08: why an account ranks where it does, in `t`'s language: the chased balance, the days overdue, the
 * grade, missed promises (PB-20), key account and best-odds window (PB-06), small balance. Said from the
 * stored parts and the row's days, so it is never a day behind (PB-01); empty before the parts are stored.
 */
export function reasonsText(
  row: Pick<WorklistRow, 'reasons' | 'maxDaysOverdue' | 'grade' | 'keyAccount'>,
  t: Translator,
): string {
  const reasons = row.reasons;
  if (!reasons) return '';
  const amounts = Object.keys(reasons.open)
    .sort()
    .map((currency) => t.moneyShort(reasons.open[currency] ?? 0, currency));
  return t.t('list.row.reasons', {
    open: amounts.length > 0 ? 'yes' : 'no',
    amounts: amounts.join(' + '),
    days: row.maxDaysOverdue,
    grade: row.grade ?? 'none',
    missed: reasons.missed,
    lastMissed: reasons.lastMissed ? t.date(reasons.lastMissed) : '',
    earlier: Math.max(0, reasons.missed - 1),
    key: row.keyAccount ? 'yes' : 'no',
    window: reasons.window ? 'yes' : 'no',
    tiny: reasons.tiny ? 'yes' : 'no',
  });
}

/** One worklist entry as an account row, in `t`'s language (English until every caller passes one). */
export function accountRow(
  row: WorklistRow,
  rowNumber?: number,
  t: Translator = translator('en'),
): AccountRowBlock {
  return {
    type: 'accountRow',
    accountId: row.accountId,
    customerName: row.name,
    amountLines: amountLines(row.openByCurrency, row.mainCurrency),
    daysOverdue: row.maxDaysOverdue,
    // PB-04: red as the assessment marked it, by the policy's threshold.
    tone: row.red ? 'danger' : 'normal',
    owner: row.owner?.name ?? null,
    explanation: [
      reasonsText(row, t),
      row.nextAction ? t.t('list.row.next', { action: nextActionWords(t, row.nextAction) ?? '' }) : null,
    ]
      .filter(Boolean)
      .join(' · '),
    actions: accountButtons(row, t),
    openRef: encodeRef({ v: 1, action: 'open', accountId: row.accountId, stateVersion: row.version }),
    ...(rowNumber !== undefined ? { rowNumber } : {}),
  };
}

/**
 * The `/overdue` answer: one page of the worklist by priority (PB-08), with paging, in `t`'s language:
 * the reader's when private, the channel's when posted there (dispatch chooses).
 */
export function overdueListView(
  page: WorklistPage,
  options: { query: string; today: string; ledger?: LedgerAge; t?: Translator },
): Message {
  const t = options.t ?? translator('en');
  const query = options.query.trim();
  const filtered = { filtered: query ? 'yes' : 'no', query };
  const blocks: Block[] = [
    { type: 'header', text: t.t('list.header', { date: options.today }) },
    ...staleBlocksOf(options.ledger, t),
  ];
  if (page.total === 0) {
    blocks.push({ type: 'text', text: t.t('list.empty', filtered), tone: 'success' });
    return { blocks, fallbackText: t.t('list.empty.fallback', filtered) };
  }
  const first = (page.page - 1) * page.pageSize;
  blocks.push({
    type: 'context',
    // A count that stopped (LIST_COUNT_CAP) is said as "more than 1,000 accounts".
    text: t.t(page.more ? 'list.summary.more' : 'list.summary', {
      ...filtered,
      total: page.total,
      from: String(first + 1),
      to: String(first + page.rows.length),
    }),
  });
  page.rows.forEach((row, i) => {
    blocks.push(accountRow(row, first + i + 1, t));
  });
  if (page.pages > 1 || page.more) {
    const refQuery = query.slice(0, MAX_QUERY_LENGTH);
    const ref = (p: number) =>
      encodeRef({ v: 1, action: 'page', page: p, ...(refQuery ? { query: refQuery } : {}) });
    blocks.push({
      type: 'pager',
      page: page.page,
      pages: page.pages,
      ...(page.more ? { morePages: true } : {}),
      ...(page.page > 1 ? { prevRef: ref(page.page - 1) } : {}),
      ...(page.page < page.pages || page.more ? { nextRef: ref(page.page + 1) } : {}),
    });
  }
  return {
    blocks,
    fallbackText: t.t(page.more ? 'list.fallback.more' : 'list.fallback', {
      ...filtered,
      total: page.total,
      top: page.rows[0]?.name ?? '',
    }),
  };
}
