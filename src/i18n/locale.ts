/**
 * The languages duebot speaks, and which one a tag names. Tags come from many places: Slack's user
 * locale (`zh-TW`), a Teams activity (`zh-tw`), the shell's `LANG` (`zh_TW.UTF-8`), a ledger's customer
 * language (`zh_CN`, `zh-Hant`), a person's own choice. Chinese is told apart by script or region:
 * traditional for Hant, Taiwan, Hong Kong and Macao; simplified otherwise.
 */

export const LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
export type Locale = (typeof LOCALES)[number];

/** The language when nothing names one. */
export const DEFAULT_LOCALE: Locale = 'en';

/** True for a locale duebot has messages for, written exactly (`zh-TW`). */
export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * The supported locale a BCP 47 or POSIX tag names, or null when it names none of them (`fr-FR`, `C`,
 * an empty or garbled tag): the caller falls back to the next source.
 */
export function matchLocale(tag: string | null | undefined): Locale | null {
  const cleaned = (tag ?? '')
    .trim()
    .replace(/[.@].*$/, '') // POSIX: zh_TW.UTF-8, en_US@euro
    .replace(/_/g, '-')
    .toLowerCase();
  if (!/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(cleaned)) return null;
  const [language, ...rest] = cleaned.split('-');
  if (language === 'en') return 'en';
  if (language !== 'zh') return null;
  if (rest.includes('hant') || rest.some((p) => p === 'tw' || p === 'hk' || p === 'mo')) return 'zh-TW';
  return 'zh-CN';
}

/** The first of `tags` that names a supported locale, else the fallback. */
export function chooseLocale(tags: (string | null | undefined)[], fallback: Locale = DEFAULT_LOCALE): Locale {
  for (const tag of tags) {
    const found = matchLocale(tag);
    if (found) return found;
  }
  return fallback;
}
