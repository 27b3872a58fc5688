/**
 * The morning digest (PB-24) and its companions as neutral messages: the channel digest, each owner's
 * private follow-ups, the nudge about accounts still unclaimed, and the weekly aging report (PB-27). Each
 * is drawn in the language it is read in (`t`): the channel's for channel posts, the owner's for theirs.
 * Totals are summaries: whole units, or 万 / 亿 where the option is on (t.moneyShort).
 */
import type { BucketTotal, DigestData, DigestPromise } from '../jobs/digest-data.ts';
import { translator, type Translator } from '../i18n/translate.ts';
import type { MyWork } from '../worklist/my-work.ts';
import type { WorklistRow } from '../worklist/list.ts';
import { type LedgerAge, staleBlocksOf } from './freshness.ts';
import type { Block, Message } from './model.ts';
import { accountRow } from './overdue-list.ts';

const EN = () => translator('en');

/** A summary amount without its currency code (the line names the currency): "1,200", "8,600万". */
function shortAmount(minor: number, currency: string, t: Translator): string {
  return t.moneyShort(minor, currency).replace(`${currency} `, '');
}

/** "+1,200" / "−300": a change without its currency code. */
function signed(minor: number, currency: string, t: Translator): string {
  return `${minor > 0 ? '+' : '−'}${shortAmount(Math.abs(minor), currency, t)}`;
}

/** An aging bucket as people read it ("current" is a word; "1-30" and "90+" are days). */
export function bucketLabel(bucket: string, t: Translator): string {
  return t.t('aging.bucket', { bucket });
}

/** One line per currency: the open total with its change, then every bucket with its change. */
export function totalsLines(
  data: Pick<DigestData, 'buckets' | 'totals' | 'previous'>,
  t: Translator = EN(),
): string[] {
  const currencies = [
    ...new Set([...data.totals, ...(data.previous?.totals ?? [])].map((x) => x.currency)),
  ].sort();
  const find = (list: BucketTotal[] | undefined, currency: string, bucket: string) =>
    list?.find((x) => x.currency === currency && x.bucket === bucket)?.openMinor ?? 0;
  return currencies.map((currency) => {
    const total = data.totals.filter((x) => x.currency === currency).reduce((s, x) => s + x.openMinor, 0);
    const before = data.previous?.totals
      .filter((x) => x.currency === currency)
      .reduce((s, x) => s + x.openMinor, 0);
    const totalLine = t.t('digest.total', {
      total: t.moneyShort(total, currency),
      trend: before === undefined ? 'none' : total === before ? 'same' : 'changed',
      change: before === undefined || total === before ? '' : signed(total - before, currency, t),
    });
    const parts = data.buckets.map((bucket) => {
      const now = find(data.totals, currency, bucket);
      const delta = data.previous ? now - find(data.previous.totals, currency, bucket) : 0;
      return t.t('digest.bucket', {
        bucket: bucketLabel(bucket, t),
        amount: shortAmount(now, currency, t),
        trend: delta === 0 ? 'same' : 'changed',
        change: delta === 0 ? '' : signed(delta, currency, t),
      });
    });
    return `${totalLine}\n${parts.join(' · ')}`;
  });
}

function promiseLine(p: DigestPromise, t: Translator): string {
  const amount = t.money(p.amountMinor, p.currency);
  const owner = { owned: p.owner ? 'yes' : 'no', owner: p.owner ?? '' };
  if (p.status === 'open') return t.t('digest.promise.today', { name: p.name, amount, ...owner });
  return t.t('digest.promise.past', {
    name: p.name,
    amount,
    date: t.date(p.promisedDate),
    paid: p.paidMinor > 0 ? 'yes' : 'no',
    paidAmount: p.paidMinor > 0 ? t.money(p.paidMinor, p.currency) : '',
    ...owner,
  });
}

/** The channel digest: one message a day, edited in place as accounts are claimed or paid. */
export function digestView(
  data: DigestData,
  options: { updatedAt?: string; ledger?: LedgerAge; t?: Translator } = {},
): Message {
  const t = options.t ?? EN();
  const blocks: Block[] = [
    { type: 'header', text: t.t('digest.header', { date: data.today }) },
    ...staleBlocksOf(options.ledger, t),
  ];
  const lines = totalsLines(data, t);
  blocks.push({
    type: 'text',
    text: lines.length > 0 ? lines.join('\n\n') : t.t('digest.nothing_open'),
    ...(lines.length === 0 ? { tone: 'success' as const } : {}),
  });
  blocks.push({
    type: 'context',
    text: t.t('digest.counts', {
      compared: data.previous ? 'yes' : 'no',
      since: data.previous ? t.date(data.previous.day) : '',
      overdue: data.overdueAccounts,
      unclaimed: data.unclaimed,
    }),
  });
  if (data.promisesBroken.length > 0) {
    blocks.push({
      type: 'text',
      text: t.t('digest.broken', { lines: data.promisesBroken.map((p) => promiseLine(p, t)).join('\n') }),
      tone: 'danger',
    });
  }
  if (data.promisesDue.length > 0) {
    blocks.push({
      type: 'text',
      text: t.t('digest.due', { lines: data.promisesDue.map((p) => promiseLine(p, t)).join('\n') }),
    });
  }
  if (data.top.length > 0) {
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'context', text: t.t('digest.top', { count: data.top.length }) });
    data.top.forEach((row, i) => {
      blocks.push(accountRow(row, i + 1, t));
    });
  }
  if (options.updatedAt)
    blocks.push({ type: 'context', text: t.t('digest.updated', { time: options.updatedAt }) });
  return {
    blocks,
    fallbackText: t.t('digest.fallback', {
      date: data.today,
      overdue: data.overdueAccounts,
      unclaimed: data.unclaimed,
      due: data.promisesDue.length,
      broken: data.promisesBroken.length,
    }),
  };
}

/** True for the "Updated 10:30." line a redrawn digest carries in `t`'s language. */
export function isUpdatedStamp(text: string, t: Translator): boolean {
  const [before = '', after = ''] = t.t('digest.updated', { time: '\u0000' }).split('\u0000');
  return text.length > before.length + after.length && text.startsWith(before) && text.endsWith(after);
}

/**
 * One owner's own follow-ups for the day, privately (DM or the shell), in the owner's language. Null when
 * there is nothing.
 */
export function ownerDigestView(
  work: Pick<MyWork, 'claimedTotal' | 'followUps' | 'promisesDue' | 'promisesBroken' | 'quiet'>,
  options: { name: string; today: string; t?: Translator },
): Message | null {
  const t = options.t ?? EN();
  const lines: string[] = [];
  for (const p of work.promisesBroken) {
    lines.push(
      t.t('digest.owner.broken', {
        name: p.name,
        amount: t.money(p.amountMinor, p.currency),
        date: t.date(p.promisedDate),
      }),
    );
  }
  for (const p of work.promisesDue) {
    lines.push(
      t.t('digest.owner.due', {
        name: p.name,
        amount: t.money(p.amountMinor, p.currency),
        date: t.date(p.promisedDate),
      }),
    );
  }
  for (const f of work.followUps) {
    const late = f.dueOn < options.today;
    lines.push(
      t.t('digest.owner.follow_up', {
        name: f.name,
        late: late ? 'yes' : 'no',
        date: late ? t.date(f.dueOn) : '',
      }),
    );
  }
  // PB-26: accounts with no status update for the set number of working days.
  for (const q of work.quiet ?? [])
    lines.push(t.t('digest.owner.quiet', { name: q.name, days: q.workingDays, date: t.date(q.since) }));
  if (lines.length === 0) return null;
  return {
    blocks: [
      { type: 'header', text: t.t('digest.owner.header', { date: options.today }) },
      { type: 'text', text: lines.join('\n') },
      { type: 'context', text: t.t('digest.owner.yours', { count: work.claimedTotal }) },
    ],
    fallbackText: t.t('digest.owner.fallback', { name: options.name, count: lines.length }),
  };
}

/** The one nudge about digest accounts nobody claimed hours later, posted in the digest's thread. */
export function nudgeView(rows: WorklistRow[], hours: number, t: Translator = EN()): Message {
  return {
    blocks: [
      { type: 'text', text: t.t('digest.nudge', { hours }) },
      ...rows.map((row, i) => accountRow(row, i + 1, t)),
    ],
    fallbackText: t.t('digest.nudge.fallback', { count: rows.length }),
  };
}

/** PB-27: the weekly aging report with the week's plan (the top accounts and their next steps). */
export function agingReportView(data: DigestData, week: string, t: Translator = EN()): Message {
  const blocks: Block[] = [{ type: 'header', text: t.t('aging.header', { week }) }];
  const lines = totalsLines(data, t);
  blocks.push({ type: 'text', text: lines.length > 0 ? lines.join('\n\n') : t.t('aging.nothing_open') });
  const counts = data.buckets.flatMap((bucket) => {
    const n = data.totals.filter((x) => x.bucket === bucket).reduce((s, x) => s + x.accounts, 0);
    return n > 0 ? [t.t('aging.count', { bucket: bucketLabel(bucket, t), count: n })] : [];
  });
  blocks.push({
    type: 'context',
    text: t.t('aging.counts', {
      any: counts.length > 0 ? 'yes' : 'no',
      counts: counts.join(t.locale === 'en' ? ', ' : '，'),
      unclaimed: data.unclaimed,
    }),
  });
  if (data.top.length > 0) {
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'text', text: t.t('aging.plan') });
    data.top.forEach((row, i) => {
      blocks.push(accountRow(row, i + 1, t));
    });
  }
  return {
    blocks,
    fallbackText: t.t('aging.fallback', { week, overdue: data.overdueAccounts }),
  };
}
