/** The large-account alerts (PB-07) as neutral messages for the alerts channel. */
import { formatMoney } from '../collections/money.ts';
import { encodeRef } from './action-ref.ts';
import type { Block, FileAttachment, Message } from './model.ts';

/** One threshold crossing of an account (all its overdue items of a currency) or of one invoice. */
export interface CrossingLine {
  kind: 'account' | 'invoice';
  currency: string;
  amountMinor: number;
  thresholdMinor: number;
  daysOverdue: number;
  invoiceNumber: string | null;
}

/** What an alert says about the account. */
export interface CrossingAlert {
  accountId: number;
  customerName: string;
  /** Mention markup or the plain name (see salesRepMentions); null when the ledger names none. */
  salesRep: string | null;
  owner: string | null;
  minDaysOverdue: number;
  /** PB-04: crossings more than this many days overdue are shown red (the policy's threshold). */
  redAfterDays: number;
  crossings: CrossingLine[];
}

function crossingText(c: CrossingLine, soleInvoice: CrossingLine | undefined): string {
  const amount = formatMoney({ minor: c.amountMinor, currency: c.currency });
  const threshold = formatMoney({ minor: c.thresholdMinor, currency: c.currency });
  if (c.kind === 'invoice')
    return `• invoice *${c.invoiceNumber ?? '?'}* alone: *${amount}*, ${days(c.daysOverdue)} overdue (alert at ${threshold})`;
  const sole = soleInvoice ? `, all of it invoice *${soleInvoice.invoiceNumber ?? '?'}*` : '';
  return `• *${amount}* overdue on the account${sole}, oldest ${days(c.daysOverdue)} (alert at ${threshold})`;
}

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** Account lines first, then invoices by amount; an invoice that is the account's whole amount joins its line. */
function crossingLines(crossings: CrossingLine[]): string[] {
  const accounts = crossings.filter((c) => c.kind === 'account');
  const sole = (a: CrossingLine) =>
    crossings.find(
      (c) => c.kind === 'invoice' && c.currency === a.currency && c.amountMinor === a.amountMinor,
    );
  const merged = new Set(accounts.map(sole).filter((c) => c !== undefined));
  const invoices = crossings
    .filter((c) => c.kind === 'invoice' && !merged.has(c))
    .sort((a, b) => b.amountMinor - a.amountMinor);
  return [
    ...accounts.map((a) => crossingText(a, sole(a))),
    ...invoices.map((i) => crossingText(i, undefined)),
  ];
}

/** PB-07: an account or invoice crossed the alert threshold; Claim and Log call act on it at once. */
export function crossingAlertView(a: CrossingAlert): Message {
  const blocks: Block[] = [
    { type: 'header', text: `Large overdue balance: ${a.customerName}` },
    {
      type: 'text',
      text: crossingLines(a.crossings).join('\n'),
      tone: a.crossings.some((c) => c.daysOverdue > a.redAfterDays) ? 'danger' : 'normal',
    },
    {
      type: 'fields',
      fields: [
        { label: 'Owner', value: a.owner ?? 'unclaimed' },
        { label: 'Sales rep', value: a.salesRep ?? 'none in the ledger' },
      ],
    },
  ];
  blocks.push(
    {
      type: 'actions',
      buttons: [
        {
          label: 'Claim',
          ref: encodeRef({ v: 1, action: 'claim', accountId: a.accountId }),
          style: 'primary',
        },
        {
          label: 'Log call',
          ref: encodeRef({ v: 1, action: 'log', accountId: a.accountId }),
          opens: 'form',
        },
        { label: 'Open', ref: encodeRef({ v: 1, action: 'open', accountId: a.accountId }) },
      ],
    },
    {
      type: 'context',
      text: `PB-07: announced once per crossing; overdue means at least ${days(a.minDaysOverdue)} past due. Account #${a.accountId}.`,
    },
  );
  const first = a.crossings[0];
  return {
    blocks,
    fallbackText: `Large overdue balance: ${a.customerName}${first ? `, ${formatMoney({ minor: first.amountMinor, currency: first.currency })}` : ''}`,
  };
}

/** A month-over-month rise of total receivables in one currency. */
export interface JumpAlert {
  currency: string;
  previousMinor: number;
  currentMinor: number;
  previousDate: string;
  today: string;
  thresholdPercent: number;
}

/** PB-07: total receivables rose suddenly; announced once a month per currency. */
export function jumpAlertView(j: JumpAlert): Message {
  const percent = ((j.currentMinor - j.previousMinor) / j.previousMinor) * 100;
  const now = formatMoney({ minor: j.currentMinor, currency: j.currency });
  const then = formatMoney({ minor: j.previousMinor, currency: j.currency });
  return {
    blocks: [
      { type: 'header', text: `Receivables up ${percent.toFixed(1)}% in a month (${j.currency})` },
      {
        type: 'text',
        text: `Open receivables are *${now}* on ${j.today}, against ${then} on ${j.previousDate}: up ${percent.toFixed(1)}%, above the ${j.thresholdPercent}% alert level.`,
        tone: 'danger',
      },
      {
        type: 'context',
        text: 'PB-07: a sudden month-over-month rise of the receivables balance; announced once a month per currency. The earlier balance is rebuilt from synced invoices and settlements.',
      },
    ],
  };
}

/** One account already above a threshold when alerts start. */
export interface BaselineLine {
  accountId: number;
  customerName: string;
  amountMinor: number;
  currency: string;
  daysOverdue: number;
}

/** Most accounts the first overview lists; the rest are counted (and attached as a file). */
export const BASELINE_LIST = 15;

/**
 * PB-07: the first check after alerts are switched on lists what is already above the thresholds in one
 * message, instead of one alert per account; after it every new crossing is announced on its own. Over a
 * large ledger (thousands of accounts) it gives the count and amount per currency, the most overdue few,
 * and every one of them in the attached file. `title` replaces the heading (a check that finds more new
 * crossings than it posts alerts for uses the same overview).
 */
export function baselineAlertView(
  lines: BaselineLine[],
  options: { file?: FileAttachment; title?: string } = {},
): Message {
  const byCurrency = new Map<string, { accounts: number; minor: number }>();
  for (const l of lines) {
    const c = byCurrency.get(l.currency) ?? { accounts: 0, minor: 0 };
    c.accounts += 1;
    c.minor += l.amountMinor;
    byCurrency.set(l.currency, c);
  }
  return baselineSummaryView(
    {
      accounts: new Set(lines.map((l) => l.accountId)).size,
      lines: lines.length,
      byCurrency: [...byCurrency.entries()].map(([currency, c]) => ({ currency, ...c })),
      top: lines,
    },
    options,
  );
}

/**
 * What the overview shows, as the alert check aggregates it in SQL over any number of crossings: the
 * accounts, the lines (one per account and currency), the count and amount per currency, and the most
 * overdue lines (at least the BASELINE_LIST first of them, in any order).
 */
export interface BaselineSummary {
  accounts: number;
  lines: number;
  byCurrency: { currency: string; accounts: number; minor: number }[];
  top: BaselineLine[];
}

/** baselineAlertView from a summary, so a first check over 100,000s of accounts never holds them all. */
export function baselineSummaryView(
  summary: BaselineSummary,
  options: { file?: FileAttachment; title?: string } = {},
): Message {
  const sorted = [...summary.top].sort(
    (a, b) =>
      b.daysOverdue - a.daysOverdue || a.accountId - b.accountId || a.currency.localeCompare(b.currency),
  );
  const shown = sorted
    .slice(0, BASELINE_LIST)
    .map(
      (l) =>
        `• ${l.customerName}: *${formatMoney({ minor: l.amountMinor, currency: l.currency })}* overdue, oldest ${days(l.daysOverdue)}`,
    );
  if (summary.lines > BASELINE_LIST) shown.push(`… and ${summary.lines - BASELINE_LIST} more`);
  const accounts = summary.accounts;
  const byCurrency = new Map(summary.byCurrency.map((c) => [c.currency, c]));
  const blocks: Block[] = [
    {
      type: 'header',
      text: options.title ?? `Large overdue balances: ${accounts} already above the alert thresholds`,
    },
  ];
  if (byCurrency.size > 1 || summary.lines > BASELINE_LIST)
    blocks.push({
      type: 'text',
      text: [...byCurrency.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(
          ([currency, c]) =>
            `*${currency}*: ${c.accounts} account${c.accounts === 1 ? '' : 's'}, ${formatMoney({ minor: c.minor, currency })} overdue`,
        )
        .join('\n'),
    });
  blocks.push({ type: 'text', text: shown.join('\n'), tone: 'danger' });
  if (options.file)
    blocks.push({ type: 'context', text: `Every one of them, most overdue first: ${options.file.filename}` });
  blocks.push({
    type: 'context',
    text: 'PB-07: alerts are on. From now on each account or invoice is announced when it crosses a threshold, with Claim and Log call buttons; /overdue lists these accounts now.',
  });
  return { blocks, ...(options.file ? { files: [options.file] } : {}) };
}
