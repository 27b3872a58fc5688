/**
 * Saying things in a person's language: catalog messages (ICU plural and select rules through FormatJS)
 * and the numbers, amounts and dates inside them formatted by `Intl` for the locale. One Translator per
 * locale and option set, made once and kept.
 */
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { isIsoDate } from '../collections/dates.ts';
import { currencyDigits, formatMoney } from '../collections/money.ts';
import { DEFAULT_LOCALE, type Locale, matchLocale } from './locale.ts';
import { type Catalog, en, type MessageKey } from './messages/en.ts';
import { zhCN } from './messages/zh-CN.ts';
import { zhTW } from './messages/zh-TW.ts';

export const CATALOGS: Readonly<Record<Locale, Catalog>> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

/** What a message's placeholders are filled with. */
export type MessageValues = Record<string, string | number>;

export interface TranslatorOptions {
  /**
   * Large amounts in the units Chinese readers count in (万, 亿) where the locale has them: "CNY 8,600万"
   * rather than "CNY 86,000,000.00". Exact amounts (letters, forms) never use it.
   */
  largeUnits?: boolean;
}

export interface Translator {
  readonly locale: Locale;
  /** The catalog message `key` with its placeholders filled. */
  t(key: MessageKey, values?: MessageValues): string;
  /** An amount exact to the minor unit, with its currency code: "CNY 86,000.00". */
  money(minor: number, currency: string): string;
  /** An amount for a summary line: whole units, or 万 / 亿 with largeUnits in Chinese. */
  moneyShort(minor: number, currency: string): string;
  /** A calendar date (YYYY-MM-DD) as the locale writes it: "7 Dec 2026", "2026年12月7日". */
  date(iso: string): string;
  /** A whole number grouped for the locale. */
  number(value: number): string;
}

const cache = createIntlCache();
const made = new Map<string, Translator>();

function intlFor(locale: Locale, messages: Catalog): IntlShape {
  return createIntl(
    {
      locale,
      messages,
      onError: (error) => {
        throw error;
      },
    },
    cache,
  );
}

/** The translator for `locale` (made once per locale and options). */
export function translator(locale: Locale, options: TranslatorOptions = {}): Translator {
  const key = `${locale}|${options.largeUnits === true}`;
  const known = made.get(key);
  if (known) return known;
  const fresh = makeTranslator(locale, CATALOGS[locale], options);
  made.set(key, fresh);
  return fresh;
}

/**
 * Says everything in `locale` from `catalog` from now on (the pseudo-locale in tests, so English of ours
 * that skipped the catalogs stands out); returns what puts the locale's own catalog back.
 */
export function replaceCatalog(locale: Locale, catalog: Catalog): () => void {
  const catalogs = CATALOGS as Record<Locale, Catalog>;
  const own = catalogs[locale];
  const use = (next: Catalog) => {
    catalogs[locale] = next;
    for (const key of [...made.keys()]) if (key.startsWith(`${locale}|`)) made.delete(key);
  };
  use(catalog);
  return () => use(own);
}

/** A translator over any catalog with the same keys (a pseudo-locale in tests). */
export function makeTranslator(
  locale: Locale,
  catalog: Catalog,
  options: TranslatorOptions = {},
): Translator {
  const intl = intlFor(locale, catalog);
  const chinese = locale !== 'en';
  const numberLocale = locale === 'en' ? 'en-US' : locale;
  const dateFormat = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
    year: 'numeric',
    month: chinese ? 'long' : 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
  // One formatter per number of digits, made on first use: making one costs more than formatting with it,
  // and a list page formats dozens of amounts.
  const formats = new Map<number, Intl.NumberFormat>();
  const grouped = (digits: number) => {
    let format = formats.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(numberLocale, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      formats.set(digits, format);
    }
    return format;
  };
  const compact = new Intl.NumberFormat(numberLocale, { notation: 'compact', maximumFractionDigits: 2 });
  // Each message compiled once, on first use. FormatJS's formatMessage looks its compiled message up on
  // every call by a key it serialises from the message, the locale and the formats, which cost more than
  // formatting it: a list page says dozens of messages. Anything the compiled message cannot say (a
  // missing value, a message that does not parse) goes through formatMessage, which reports it as before.
  const compiled = new Map<MessageKey, ReturnType<IntlShape['formatters']['getMessageFormat']>>();
  const say = (key: MessageKey, values?: MessageValues): string => {
    let message = compiled.get(key);
    if (!message) {
      const text = Object.prototype.hasOwnProperty.call(catalog, key) ? catalog[key] : undefined;
      if (typeof text !== 'string' || text === '') return intl.formatMessage({ id: key }, values);
      try {
        message = intl.formatters.getMessageFormat(text, locale, intl.formats, {
          formatters: intl.formatters,
        });
      } catch {
        return intl.formatMessage({ id: key }, values);
      }
      compiled.set(key, message);
    }
    try {
      const out = message.format({ ...values });
      if (typeof out === 'string') return out;
    } catch {
      // said again below, by formatMessage, which throws the error the catalogs' tests expect
    }
    return intl.formatMessage({ id: key }, values);
  };
  return {
    locale,
    t: say,
    money: (minor, currency) => formatMoney({ minor, currency }, numberLocale),
    moneyShort(minor, currency) {
      const major = minor / 10 ** currencyDigits(currency);
      if (options.largeUnits && chinese && Math.abs(major) >= 10_000)
        return `${currency} ${compact.format(major)}`;
      return `${currency} ${grouped(0).format(Math.round(major))}`;
    },
    date(iso) {
      if (!isIsoDate(iso)) throw new RangeError(`expected a calendar date as YYYY-MM-DD, got "${iso}"`);
      return dateFormat.format(Date.parse(`${iso}T00:00:00Z`));
    },
    number: (value) => grouped(0).format(value),
  };
}

/**
 * The company's language as the environment names it (DUEBOT_LOCALE, else English), for what a command
 * says without its settings loaded: a bug's report, settings that cannot be read, npm's install step, a
 * process whose embedded database went away.
 */
export function environmentT(env: NodeJS.ProcessEnv = process.env): Translator {
  return translator(matchLocale(env.DUEBOT_LOCALE) ?? DEFAULT_LOCALE);
}
