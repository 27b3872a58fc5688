import { formatMoney } from '../collections/money.ts';
import { encodeRef, MAX_QUERY_LENGTH } from './action-ref.ts';
import type { WorklistPage, WorklistRow } from '../worklist/list.ts';
import { type LedgerAge, staleBlocksOf } from './freshness.ts';
import type { AccountRowBlock, Block, Button, Message } from './model.ts';

/** Open amounts, main currency first, one line per currency (never summed across currencies). */
export function amountLines(openByCurrency: Record<string, number>, mainCurrency: string | null): string[] {
  return Object.entries(openByCurrency)
    .sort(([a], [b]) => (a === mainCurrency ? -1 : b === mainCurrency ? 1 : a.localeCompare(b)))
    .map(([currency, minor]) => formatMoney({ minor, currency }));
}

/** The buttons every account row carries: Claim (when nobody owns it), Log call, Send letter, Open. */
export function accountButtons(
  row: Pick<WorklistRow, 'accountId' | 'owner' | 'version' | 'suggestedLetter'>,
): Button[] {
  const a = { v: 1 as const, accountId: row.accountId, stateVersion: row.version };
  const buttons: Button[] = [];
  if (!row.owner)
    buttons.push({ label: 'Claim', ref: encodeRef({ ...a, action: 'claim' }), style: 'primary' });
  buttons.push({ label: 'Log call', ref: encodeRef({ ...a, action: 'log' }), opens: 'form' });
  buttons.push({
    label: 'Send letter',
    ref: encodeRef({
      ...a,
      action: 'letter',
      ...(row.suggestedLetter ? { template: row.suggestedLetter } : {}),
    }),
    opens: 'form',
  });
  buttons.push({ label: 'Open', ref: encodeRef({ ...a, action: 'open' }) });
  return buttons;
}

/** One worklist entry as an account row. */
export function accountRow(row: WorklistRow, rowNumber?: number): AccountRowBlock {
  return {
    type: 'accountRow',
    accountId: row.accountId,
    customerName: row.name,
    amountLines: amountLines(row.openByCurrency, row.mainCurrency),
    daysOverdue: row.maxDaysOverdue,
    // PB-04: red as the assessment marked it, by the policy's threshold.
    tone: row.red ? 'danger' : 'normal',
    owner: row.owner?.name ?? null,
    explanation: [row.explanation, row.nextAction ? `next: ${row.nextAction}` : null]
      .filter(Boolean)
      .join(' · '),
    actions: accountButtons(row),
    openRef: encodeRef({ v: 1, action: 'open', accountId: row.accountId, stateVersion: row.version }),
    ...(rowNumber !== undefined ? { rowNumber } : {}),
  };
}

/** The `/overdue` answer: one page of the worklist by priority (PB-08), with paging. */
export function overdueListView(
  page: WorklistPage,
  options: { query: string; today: string; ledger?: LedgerAge },
): Message {
  const filtered = options.query.trim() ? ` matching \`${options.query.trim()}\`` : '';
  const blocks: Block[] = [
    { type: 'header', text: `Overdue accounts on ${options.today}` },
    ...staleBlocksOf(options.ledger),
  ];
  if (page.total === 0) {
    blocks.push({ type: 'text', text: `No accounts${filtered}. Nothing to chase here.`, tone: 'success' });
    return { blocks, fallbackText: `No overdue accounts${filtered}.` };
  }
  const first = (page.page - 1) * page.pageSize;
  blocks.push({
    type: 'context',
    text: `${page.total} account${page.total === 1 ? '' : 's'}${filtered}, highest expected recovery first. Showing ${first + 1}-${first + page.rows.length}.`,
  });
  page.rows.forEach((row, i) => {
    blocks.push(accountRow(row, first + i + 1));
  });
  if (page.pages > 1) {
    const query = options.query.trim().slice(0, MAX_QUERY_LENGTH);
    const ref = (p: number) => encodeRef({ v: 1, action: 'page', page: p, ...(query ? { query } : {}) });
    blocks.push({
      type: 'pager',
      page: page.page,
      pages: page.pages,
      ...(page.page > 1 ? { prevRef: ref(page.page - 1) } : {}),
      ...(page.page < page.pages ? { nextRef: ref(page.page + 1) } : {}),
    });
  }
  return {
    blocks,
    fallbackText: `${page.total} overdue account${page.total === 1 ? '' : 's'}${filtered}; top: ${page.rows[0]?.name ?? ''}`,
  };
}
