/**
 * Small pieces every card writes the reader's way: a day and month ("2 Nov", "11月2日"), a list of short
 * marks ("disputed, paused" or "已争议，已暂停"), and amounts per currency ("CNY 1.00 + USD 2.00").
 */
import { shortDate } from '../collections/dates.ts';
import { totalsAsList } from '../collections/money.ts';
import type { Translator } from '../i18n/translate.ts';

const dayMonthFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar date (YYYY-MM-DD) without its year, as the reader writes it: "2 Nov", "11月2日". */
export function dayMonth(t: Translator, iso: string): string {
  if (t.locale === 'en') return shortDate(iso);
  let format = dayMonthFormats.get(t.locale);
  if (!format) {
    format = new Intl.DateTimeFormat(t.locale, { month: 'long', day: 'numeric', timeZone: 'UTC' });
    dayMonthFormats.set(t.locale, format);
  }
  return format.format(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`));
}

/** Short marks or names in a row, with the reader's list comma. */
export function listOf(t: Translator, parts: readonly string[]): string {
  return parts.join(t.locale === 'en' ? ', ' : '，');
}

/** Amounts per currency joined with "+" (never summed across currencies), or null when there are none. */
export function totalsIn(t: Translator, totals: Record<string, number>): string | null {
  const list = totalsAsList(totals);
  return list.length === 0 ? null : list.map((m) => t.money(m.minor, m.currency)).join(' + ');
}
