/** The large-account alerts (PB-07) as neutral messages for the alerts channel, in its language (`t`). */
import { translator, type Translator } from '../i18n/translate.ts';
import { encodeRef } from './action-ref.ts';
import type { Block, FileAttachment, GeneratedFile, Message } from './model.ts';

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

const EN = () => translator('en');

function crossingText(c: CrossingLine, soleInvoice: CrossingLine | undefined, t: Translator): string {
  const amount = t.money(c.amountMinor, c.currency);
  const threshold = t.money(c.thresholdMinor, c.currency);
  if (c.kind === 'invoice')
    return t.t('alerts.invoice', {
      invoice: c.invoiceNumber ?? '?',
      amount,
      days: c.daysOverdue,
      threshold,
    });
  return t.t('alerts.account', {
    sole: soleInvoice ? 'yes' : 'no',
    invoice: soleInvoice?.invoiceNumber ?? '?',
    amount,
    days: c.daysOverdue,
    threshold,
  });
}

/** Account lines first, then invoices by amount; an invoice that is the account's whole amount joins its line. */
function crossingLines(crossings: CrossingLine[], t: Translator): string[] {
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
    ...accounts.map((a) => crossingText(a, sole(a), t)),
    ...invoices.map((i) => crossingText(i, undefined, t)),
  ];
}

/** PB-07: an account or invoice crossed the alert threshold; Claim and Log call act on it at once. */
export function crossingAlertView(a: CrossingAlert, t: Translator = EN()): Message {
  const blocks: Block[] = [
    { type: 'header', text: t.t('alerts.crossing.header', { name: a.customerName }) },
    {
      type: 'text',
      text: crossingLines(a.crossings, t).join('\n'),
      tone: a.crossings.some((c) => c.daysOverdue > a.redAfterDays) ? 'danger' : 'normal',
    },
    {
      type: 'fields',
      fields: [
        { label: t.t('alerts.field.owner'), value: a.owner ?? t.t('alerts.unclaimed') },
        { label: t.t('alerts.field.sales_rep'), value: a.salesRep ?? t.t('alerts.no_sales_rep') },
      ],
    },
  ];
  blocks.push(
    {
      type: 'actions',
      buttons: [
        {
          label: t.t('list.button.claim'),
          ref: encodeRef({ v: 1, action: 'claim', accountId: a.accountId }),
          style: 'primary',
        },
        {
          label: t.t('list.button.log'),
          ref: encodeRef({ v: 1, action: 'log', accountId: a.accountId }),
          opens: 'form',
        },
        {
          label: t.t('list.button.open'),
          ref: encodeRef({ v: 1, action: 'open', accountId: a.accountId }),
        },
      ],
    },
    {
      type: 'context',
      text: t.t('alerts.crossing.context', { days: a.minDaysOverdue, id: String(a.accountId) }),
    },
  );
  const first = a.crossings[0];
  return {
    blocks,
    fallbackText: t.t('alerts.crossing.fallback', {
      name: a.customerName,
      known: first ? 'yes' : 'no',
      amount: first ? t.money(first.amountMinor, first.currency) : '',
    }),
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
export function jumpAlertView(j: JumpAlert, t: Translator = EN()): Message {
  const percent = (((j.currentMinor - j.previousMinor) / j.previousMinor) * 100).toFixed(1);
  return {
    blocks: [
      { type: 'header', text: t.t('alerts.jump.header', { percent, currency: j.currency }) },
      {
        type: 'text',
        text: t.t('alerts.jump.text', {
          now: t.moneyShort(j.currentMinor, j.currency),
          then: t.moneyShort(j.previousMinor, j.currency),
          today: t.date(j.today),
          before: t.date(j.previousDate),
          percent,
          threshold: String(j.thresholdPercent),
        }),
        tone: 'danger',
      },
      { type: 'context', text: t.t('alerts.jump.context') },
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
  options: { file?: FileAttachment | GeneratedFile; title?: string; t?: Translator } = {},
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
  options: { file?: FileAttachment | GeneratedFile; title?: string; t?: Translator } = {},
): Message {
  const t = options.t ?? EN();
  const sorted = [...summary.top].sort(
    (a, b) =>
      b.daysOverdue - a.daysOverdue || a.accountId - b.accountId || a.currency.localeCompare(b.currency),
  );
  const shown = sorted.slice(0, BASELINE_LIST).map((l) =>
    t.t('alerts.baseline.line', {
      name: l.customerName,
      amount: t.money(l.amountMinor, l.currency),
      days: l.daysOverdue,
    }),
  );
  if (summary.lines > BASELINE_LIST)
    shown.push(t.t('alerts.baseline.more', { count: summary.lines - BASELINE_LIST }));
  const accounts = summary.accounts;
  const byCurrency = new Map(summary.byCurrency.map((c) => [c.currency, c]));
  const blocks: Block[] = [
    {
      type: 'header',
      text: options.title ?? t.t('alerts.baseline.header', { count: accounts }),
    },
  ];
  if (byCurrency.size > 1 || summary.lines > BASELINE_LIST)
    blocks.push({
      type: 'text',
      text: [...byCurrency.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, c]) =>
          t.t('alerts.baseline.currency', {
            currency,
            count: c.accounts,
            amount: t.moneyShort(c.minor, currency),
          }),
        )
        .join('\n'),
    });
  blocks.push({ type: 'text', text: shown.join('\n'), tone: 'danger' });
  if (options.file)
    blocks.push({
      type: 'context',
      text: t.t('alerts.baseline.file', { file: options.file.filename }),
    });
  blocks.push({ type: 'context', text: t.t('alerts.baseline.context') });
  const file = options.file;
  return {
    blocks,
    ...(file === undefined ? {} : 'kind' in file ? { generatedFiles: [file] } : { files: [file] }),
  };
}
