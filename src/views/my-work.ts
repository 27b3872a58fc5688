import { shortDate } from '../collections/dates.ts';
import { formatMoney } from '../collections/money.ts';
import { daysBetween } from '../collections/dates.ts';
import { type Translator, translator } from '../i18n/translate.ts';
import type { MyWork, PromiseEntry, SupplyCall } from '../worklist/my-work.ts';
import type { QuietAccount } from '../worklist/status-updates.ts';
import type { Block, Message } from './model.ts';
import { accountRow } from './overdue-list.ts';

function promiseLine(p: PromiseEntry): string {
  const amount = formatMoney({ minor: p.amountMinor, currency: p.currency });
  if (p.status === 'open') return `• *${p.name}*: ${amount} promised for ${shortDate(p.promisedDate)}`;
  const paid = p.paidMinor > 0 ? `, ${formatMoney({ minor: p.paidMinor, currency: p.currency })} paid` : '';
  return `• *${p.name}*: ${amount} promised for ${shortDate(p.promisedDate)} ${p.status === 'broken' ? 'was not paid' : 'was paid in part'}${paid}`;
}

/** PB-26: an account nobody updated for a while, and since when. */
export function quietLine(q: QuietAccount): string {
  return `• *${q.name}*: no update for ${q.workingDays} working day${q.workingDays === 1 ? '' : 's'} (since ${shortDate(q.since)})`;
}

/** PB-15: the call before a late customer's next delivery. */
export function supplyCallLine(c: SupplyCall, today: string, t: Translator = translator('en')): string {
  return `• ${t.t('contact.supply.line', {
    customer: `*${c.name}*`,
    date: t.date(c.deliveryOn),
    days: daysBetween(today, c.deliveryOn),
    overdue: c.overdue.map((o) => t.money(o.minor, o.currency)).join(' + '),
  })}`;
}

/** A person's own worklist (App Home): claimed accounts by priority with their buttons, follow-ups, promises. */
export function myWorkView(work: MyWork, options: { name: string; today: string }): Message {
  const blocks: Block[] = [{ type: 'header', text: `${options.name}'s worklist, ${options.today}` }];
  if (work.promisesBroken.length > 0) {
    blocks.push({
      type: 'text',
      text: `*Broken promises* (PB-20: call the same day)\n${work.promisesBroken.map(promiseLine).join('\n')}`,
      tone: 'danger',
    });
  }
  if (work.promisesDue.length > 0) {
    blocks.push({
      type: 'text',
      text: `*Promises due today*\n${work.promisesDue.map(promiseLine).join('\n')}`,
    });
  }
  if (work.quiet?.length) {
    blocks.push({
      type: 'text',
      text: `*No status update* (PB-26: update each account daily)\n${work.quiet.map(quietLine).join('\n')}`,
    });
  }
  if (work.supplyCalls?.length) {
    const t = translator('en');
    blocks.push({
      type: 'text',
      text: `*${t.t('contact.supply.title')}*\n${work.supplyCalls.map((c) => supplyCallLine(c, options.today, t)).join('\n')}`,
    });
  }
  if (work.followUps.length > 0) {
    const lines = work.followUps.map(
      (f) => `• *${f.name}*${f.dueOn < options.today ? ` (since ${shortDate(f.dueOn)})` : ''}`,
    );
    blocks.push({ type: 'text', text: `*Follow-ups due today*\n${lines.join('\n')}` });
  }
  blocks.push({ type: 'divider' });
  if (work.claimed.length === 0) {
    blocks.push({
      type: 'text',
      text: 'You own no accounts yet. Use `/overdue unclaimed` and *Claim* the ones you will chase.',
    });
  } else {
    const more = work.claimedTotal > work.claimed.length ? ` (top ${work.claimed.length} shown)` : '';
    blocks.push({
      type: 'context',
      text: `Your ${work.claimedTotal} account${work.claimedTotal === 1 ? '' : 's'} by expected recovery${more}.`,
    });
    work.claimed.forEach((row, i) => {
      blocks.push(accountRow(row, i + 1));
    });
  }
  const count =
    work.promisesBroken.length +
    work.promisesDue.length +
    work.followUps.length +
    (work.quiet?.length ?? 0) +
    (work.supplyCalls?.length ?? 0);
  return {
    blocks,
    fallbackText: `${work.claimedTotal} accounts, ${count} things due today`,
  };
}
