/**
 * Money, dates and day counts as a letter in each locale writes them, and which locale a customer gets:
 * the one from the ledger when duebot has templates for it, else the configured default.
 */
import { LETTER_LOCALES, type LetterLocale } from './settings.ts';
import { formatAmount } from '../collections/money.ts';
import { monthName } from '../collections/dates.ts';

/** The ledger's locale (`zh_CN`, `zh-Hant`, `en-GB` ...) as a template locale, or the default. */
export function letterLocale(ledgerLocale: string | null | undefined, fallback: LetterLocale): LetterLocale {
  const tag = (ledgerLocale ?? '').trim().replace(/_/g, '-').toLowerCase();
  if (!tag) return fallback;
  const exact = LETTER_LOCALES.find((l) => l.toLowerCase() === tag);
  if (exact) return exact;
  if (/^zh-(tw|hk|mo|hant)/.test(tag)) return 'zh-TW';
  if (/^zh(-|$)/.test(tag)) return 'zh-CN';
  if (/^en(-|$)/.test(tag)) return 'en';
  return fallback;
}

/** True for the locales with built-in templates. */
export function isLetterLocale(value: string): value is LetterLocale {
  return (LETTER_LOCALES as readonly string[]).includes(value);
}

/** "CNY 86,000.00" in every locale: the code keeps amounts unambiguous across currencies (PB-16). */
export function letterMoney(minor: number, currency: string, locale: LetterLocale): string {
  return `${currency} ${formatAmount({ minor, currency }, locale === 'en' ? 'en-US' : locale)}`;
}

/** "22 November 2026" or "2026年11月22日". */
export function letterDate(iso: string, locale: LetterLocale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`expected a date as YYYY-MM-DD, got "${iso}"`);
  const [, y, mo, d] = m;
  if (locale === 'en') return `${Number(d)} ${monthName(Number(mo))} ${y}`;
  return `${y}年${Number(mo)}月${Number(d)}日`;
}

/** "1 day", "12 days", "12天". */
export function letterDays(days: number, locale: LetterLocale): string {
  if (!Number.isInteger(days)) throw new RangeError(`expected a whole number of days, got ${days}`);
  if (locale === 'en') return `${days} ${Math.abs(days) === 1 ? 'day' : 'days'}`;
  return `${days}天`;
}
