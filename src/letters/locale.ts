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

const LETTER_TITLES: Record<LetterLocale, Record<string, string>> = {
  en: {
    reminder: 'friendly reminder',
    'polite-reminder': 'payment reminder',
    'formal-demand': 'formal demand',
    'final-notice': 'final notice',
    'lawyer-letter-request': 'notice of referral to legal counsel',
    'payment-plan': 'payment plan',
    'call-summary': 'call summary',
    'missed-discount': 'note on a missed early-payment discount',
  },
  'zh-CN': {
    reminder: '友情提醒',
    'polite-reminder': '付款提醒函',
    'formal-demand': '正式催款函',
    'final-notice': '最后通知',
    'lawyer-letter-request': '移交法律顾问通知',
    'payment-plan': '分期付款函',
    'call-summary': '通话纪要',
    'missed-discount': '未享受提前付款折扣通知',
  },
  'zh-TW': {
    reminder: '友情提醒',
    'polite-reminder': '付款提醒函',
    'formal-demand': '正式催款函',
    'final-notice': '最後通知',
    'lawyer-letter-request': '移交法律顧問通知',
    'payment-plan': '分期付款函',
    'call-summary': '通話紀錄',
    'missed-discount': '未享受提前付款折扣通知',
  },
};

/** What an earlier letter is called in a letter (PB-22 history lists): "formal demand", "正式催款函". */
export function letterTitle(template: string, locale: LetterLocale): string {
  return LETTER_TITLES[locale][template] ?? template.replace(/-/g, ' ');
}

const CHANNELS: Record<LetterLocale, Record<string, string>> = {
  en: { call: 'phone call', visit: 'visit', letter: 'letter' },
  'zh-CN': { call: '电话', visit: '拜访', letter: '函件' },
  'zh-TW': { call: '電話', visit: '拜訪', letter: '函件' },
};

/** How a contact happened, in the letter's language: "phone call", "电话". */
export function letterChannel(channel: string, locale: LetterLocale): string {
  return CHANNELS[locale][channel] ?? channel;
}
