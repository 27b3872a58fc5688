/**
 * The morning digest (PB-24) and its companions as neutral messages: the channel digest, each owner's
 * private follow-ups, the nudge about accounts still unclaimed, and the weekly aging report (PB-27).
 */
import { shortDate } from '../collections/dates.ts';
import { formatAmount, formatMoney } from '../collections/money.ts';
import type { BucketTotal, DigestData, DigestPromise } from '../jobs/digest-data.ts';
import type { MyWork } from '../worklist/my-work.ts';
import type { WorklistRow } from '../worklist/list.ts';
import { type LedgerAge, staleBlocksOf } from './freshness.ts';
import type { Block, Message } from './model.ts';
import { quietLine } from './my-work.ts';
import { accountRow } from './overdue-list.ts';

/** "+1,200.00" / "−300.00": a change without its currency code (the line names the currency). */
function signed(minor: number, currency: string): string {
  if (minor === 0) return 'no change';
  return `${minor > 0 ? '+' : '−'}${formatAmount({ minor: Math.abs(minor), currency })}`;
}

/** One line per currency: the open total with its change, then every bucket with its change. */
export function totalsLines(data: Pick<DigestData, 'buckets' | 'totals' | 'previous'>): string[] {
  const currencies = [
    ...new Set([...data.totals, ...(data.previous?.totals ?? [])].map((t) => t.currency)),
  ].sort();
  const find = (list: BucketTotal[] | undefined, currency: string, bucket: string) =>
    list?.find((t) => t.currency === currency && t.bucket === bucket)?.openMinor ?? 0;
  return currencies.map((currency) => {
    const total = data.totals.filter((t) => t.currency === currency).reduce((s, t) => s + t.openMinor, 0);
    const before = data.previous?.totals
      .filter((t) => t.currency === currency)
      .reduce((s, t) => s + t.openMinor, 0);
    const change = before === undefined ? '' : ` (${signed(total - before, currency)} since then)`;
    const parts = data.buckets.map((bucket) => {
      const now = find(data.totals, currency, bucket);
      const delta = data.previous ? now - find(data.previous.totals, currency, bucket) : 0;
      const amount = formatAmount({ minor: now, currency });
      return `${bucket} ${amount}${delta !== 0 ? ` (${signed(delta, currency)})` : ''}`;
    });
    return `*${formatMoney({ minor: total, currency })}* open${change}\n${parts.join(' · ')}`;
  });
}

function promiseLine(p: DigestPromise): string {
  const amount = formatMoney({ minor: p.amountMinor, currency: p.currency });
  const owner = p.owner ? ` (${p.owner})` : ' (nobody owns it)';
  if (p.status === 'open') return `• *${p.name}*: ${amount} promised for today${owner}`;
  const paid =
    p.paidMinor > 0
      ? `, ${formatMoney({ minor: p.paidMinor, currency: p.currency })} paid`
      : ', nothing paid';
  return `• *${p.name}*: ${amount} promised for ${shortDate(p.promisedDate)}${paid}${owner}`;
}

/** The channel digest: one message a day, edited in place as accounts are claimed or paid. */
export function digestView(
  data: DigestData,
  options: { updatedAt?: string; ledger?: LedgerAge } = {},
): Message {
  const blocks: Block[] = [
    { type: 'header', text: `Overdue digest, ${data.today}` },
    ...staleBlocksOf(options.ledger),
  ];
  const lines = totalsLines(data);
  blocks.push({
    type: 'text',
    text: lines.length > 0 ? lines.join('\n\n') : 'Nothing is open. Nothing to chase today.',
    ...(lines.length === 0 ? { tone: 'success' as const } : {}),
  });
  blocks.push({
    type: 'context',
    text: `${data.previous ? `Changes since the digest of ${data.previous.day}. ` : ''}${data.overdueAccounts} overdue account${data.overdueAccounts === 1 ? '' : 's'}, *${data.unclaimed} unclaimed*.`,
  });
  if (data.promisesBroken.length > 0) {
    blocks.push({
      type: 'text',
      text: `*Promises broken* (PB-20: call today)\n${data.promisesBroken.map(promiseLine).join('\n')}`,
      tone: 'danger',
    });
  }
  if (data.promisesDue.length > 0) {
    blocks.push({
      type: 'text',
      text: `*Promises due today*\n${data.promisesDue.map(promiseLine).join('\n')}`,
    });
  }
  if (data.top.length > 0) {
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'context', text: `Top ${data.top.length} by expected recovery (PB-08):` });
    data.top.forEach((row, i) => {
      blocks.push(accountRow(row, i + 1));
    });
  }
  if (options.updatedAt) blocks.push({ type: 'context', text: `Updated ${options.updatedAt}.` });
  return {
    blocks,
    fallbackText: `Overdue digest ${data.today}: ${data.overdueAccounts} overdue accounts, ${data.unclaimed} unclaimed, ${data.promisesDue.length} promises due, ${data.promisesBroken.length} broken`,
  };
}

/** One owner's own follow-ups for the day, privately (DM or the shell). Null when there is nothing. */
export function ownerDigestView(work: MyWork, options: { name: string; today: string }): Message | null {
  const lines: string[] = [];
  for (const p of work.promisesBroken) {
    lines.push(
      `• *${p.name}*: promise of ${formatMoney({ minor: p.amountMinor, currency: p.currency })} for ${shortDate(p.promisedDate)} was not kept`,
    );
  }
  for (const p of work.promisesDue) {
    lines.push(
      `• *${p.name}*: ${formatMoney({ minor: p.amountMinor, currency: p.currency })} promised for ${shortDate(p.promisedDate)}`,
    );
  }
  for (const f of work.followUps) {
    lines.push(
      `• *${f.name}*: follow-up due${f.dueOn < options.today ? ` since ${shortDate(f.dueOn)}` : ' today'}`,
    );
  }
  // PB-26: accounts with no status update for the set number of working days.
  for (const q of work.quiet ?? []) lines.push(quietLine(q));
  if (lines.length === 0) return null;
  return {
    blocks: [
      { type: 'header', text: `Your follow-ups, ${options.today}` },
      { type: 'text', text: lines.join('\n') },
      {
        type: 'context',
        text: `${work.claimedTotal} account${work.claimedTotal === 1 ? '' : 's'} are yours. /overdue mine lists them.`,
      },
    ],
    fallbackText: `${options.name}: ${lines.length} follow-up${lines.length === 1 ? '' : 's'} today`,
  };
}

/** The one nudge about digest accounts nobody claimed hours later, posted in the digest's thread. */
export function nudgeView(rows: WorklistRow[], hours: number): Message {
  return {
    blocks: [
      {
        type: 'text',
        text: `*Still unclaimed ${hours} hour${hours === 1 ? '' : 's'} after the digest:* who takes them?`,
      },
      ...rows.map((row, i) => accountRow(row, i + 1)),
    ],
    fallbackText: `${rows.length} account${rows.length === 1 ? '' : 's'} from this morning's digest still unclaimed`,
  };
}

/** PB-27: the weekly aging report with the week's plan (the top accounts and their next steps). */
export function agingReportView(data: DigestData, week: string): Message {
  const blocks: Block[] = [{ type: 'header', text: `Weekly aging report, ${week}` }];
  const lines = totalsLines(data);
  blocks.push({ type: 'text', text: lines.length > 0 ? lines.join('\n\n') : 'Nothing is open.' });
  const counts = data.buckets
    .map((bucket) => {
      const n = data.totals.filter((t) => t.bucket === bucket).reduce((s, t) => s + t.accounts, 0);
      return n > 0 ? `${bucket}: ${n}` : null;
    })
    .filter(Boolean);
  blocks.push({
    type: 'context',
    text: `Accounts per bucket: ${counts.join(', ') || 'none'}. ${data.unclaimed} overdue accounts have no owner.`,
  });
  if (data.top.length > 0) {
    blocks.push({ type: 'divider' });
    blocks.push({
      type: 'text',
      text: '*The plan for the week*: the accounts worth most, with their next step.',
    });
    data.top.forEach((row, i) => {
      blocks.push(accountRow(row, i + 1));
    });
  }
  return { blocks, fallbackText: `Weekly aging report ${week}: ${data.overdueAccounts} overdue accounts` };
}
