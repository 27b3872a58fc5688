import { shortDate } from '../collections/dates.ts';
import { daysBetween } from '../collections/dates.ts';
import { type Translator, translator } from '../i18n/translate.ts';
import type { MyWork, PromiseEntry, SupplyCall } from '../worklist/my-work.ts';
import type { QuietAccount } from '../worklist/status-updates.ts';
import type { Block, Message } from './model.ts';
import { accountRow } from './overdue-list.ts';

const dayMonthZh = new Map<string, Intl.DateTimeFormat>();

/** A day of this year as the reader writes it short: "18 Nov", "11月18日". */
export function dayMonth(iso: string, t: Translator): string {
  if (t.locale === 'en') return shortDate(iso);
  let format = dayMonthZh.get(t.locale);
  if (!format) {
    format = new Intl.DateTimeFormat(t.locale, { month: 'long', day: 'numeric', timeZone: 'UTC' });
    dayMonthZh.set(t.locale, format);
  }
  return format.format(Date.parse(`${iso}T00:00:00Z`));
}

function promiseLine(p: PromiseEntry, t: Translator): string {
  const values = {
    name: p.name,
    amount: t.money(p.amountMinor, p.currency),
    date: dayMonth(p.promisedDate, t),
  };
  if (p.status === 'open') return t.t('mywork.promiseOpen', values);
  return t.t('mywork.promiseMissed', {
    ...values,
    status: p.status,
    hasPaid: p.paidMinor > 0 ? 'yes' : 'no',
    paid: t.money(p.paidMinor, p.currency),
  });
}

/** PB-26: an account nobody updated for a while, and since when. */
export function quietLine(q: QuietAccount, t: Translator = translator('en')): string {
  return t.t('mywork.quiet', { name: q.name, days: q.workingDays, since: dayMonth(q.since, t) });
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
export function myWorkView(work: MyWork, options: { name: string; today: string }, t: Translator): Message {
  const blocks: Block[] = [
    { type: 'header', text: t.t('mywork.title', { name: options.name, today: options.today }) },
  ];
  const list = (title: string, lines: string[]) => `${title}\n${lines.join('\n')}`;
  if (work.promisesBroken.length > 0) {
    blocks.push({
      type: 'text',
      text: list(
        t.t('mywork.brokenTitle'),
        work.promisesBroken.map((p) => promiseLine(p, t)),
      ),
      tone: 'danger',
    });
  }
  if (work.promisesDue.length > 0) {
    blocks.push({
      type: 'text',
      text: list(
        t.t('mywork.dueTitle'),
        work.promisesDue.map((p) => promiseLine(p, t)),
      ),
    });
  }
  if (work.quiet?.length) {
    blocks.push({
      type: 'text',
      text: list(
        t.t('mywork.quietTitle'),
        work.quiet.map((q) => quietLine(q, t)),
      ),
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
    const lines = work.followUps.map((f) =>
      t.t('mywork.followUp', {
        name: f.name,
        late: f.dueOn < options.today ? 'yes' : 'no',
        since: dayMonth(f.dueOn, t),
      }),
    );
    blocks.push({ type: 'text', text: list(t.t('mywork.followUpsTitle'), lines) });
  }
  blocks.push({ type: 'divider' });
  if (work.claimed.length === 0) {
    blocks.push({ type: 'text', text: t.t('mywork.none') });
  } else {
    blocks.push({
      type: 'context',
      text: t.t('mywork.count', {
        total: work.claimedTotal,
        more: work.claimedTotal > work.claimed.length ? 'yes' : 'no',
        shown: work.claimed.length,
      }),
    });
    work.claimed.forEach((row, i) => {
      blocks.push(accountRow(row, i + 1, t));
    });
  }
  const count =
    work.promisesBroken.length +
    work.promisesDue.length +
    work.followUps.length +
    (work.quiet?.length ?? 0) +
    (work.supplyCalls?.length ?? 0);
  return { blocks, fallbackText: t.t('mywork.fallback', { total: work.claimedTotal, count }) };
}
