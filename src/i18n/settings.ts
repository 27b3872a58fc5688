/**
 * The language settings (README, "Languages"): the company's language, which channel posts in which
 * language, and whether large amounts are written in 万 / 亿 for Chinese readers. People choose their own
 * language with `/overdue language`; their platform's language is used until they do.
 */
import { z } from 'zod';
import { emptyAsUndefined, expects, settingsFragment } from '../settings-input.ts';
import { LOCALES, type Locale, matchLocale } from './locale.ts';

const CHOICES = `${LOCALES.join(', ')}`;

const locale = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const found = matchLocale(v);
    if (!found) ctx.addIssue({ code: 'custom', message: expects('settings.locale', { choices: CHOICES }) });
    return found ?? 'en';
  });

/** `C0123=zh-CN,19:abc@thread.tacv2=en`: a language per channel (Slack channel id, Teams conversation id). */
const channelLocales = z.string().transform((v, ctx) => {
  const out: Record<string, Locale> = {};
  for (const part of v
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = part.lastIndexOf('=');
    const channel = at > 0 ? part.slice(0, at).trim() : '';
    const found = matchLocale(at > 0 ? part.slice(at + 1) : '');
    if (!channel || !found) {
      ctx.addIssue({
        code: 'custom',
        message: expects('settings.channelLocale', { part, choices: CHOICES, example: 'C0123ABC=zh-CN' }),
      });
      continue;
    }
    out[channel] = found;
  }
  return out;
});

export const i18nSettings = settingsFragment({
  DUEBOT_LOCALE: z.preprocess(emptyAsUndefined, locale.default('en')),
  DUEBOT_CHANNEL_LOCALES: z.preprocess(emptyAsUndefined, channelLocales.default({})),
  DUEBOT_LARGE_UNITS: z.preprocess(emptyAsUndefined, z.enum(['on', 'off']).default('off')),
});

/** Who reads which language, as the rest of the program sees it. */
export interface LanguageConfig {
  /** The company's language: channel posts without their own, and people with none of their own. */
  locale: Locale;
  /** Channel id -> the language of duebot's posts there. */
  channels: Readonly<Record<string, Locale>>;
  /** Large amounts in 万 / 亿 for Chinese readers. */
  largeUnits: boolean;
}

export function languageConfig(values: z.infer<typeof i18nSettings.schema>): LanguageConfig {
  return {
    locale: values.DUEBOT_LOCALE as Locale,
    channels: values.DUEBOT_CHANNEL_LOCALES,
    largeUnits: values.DUEBOT_LARGE_UNITS === 'on',
  };
}

/** The language of duebot's posts in `channel`. */
export function channelLocale(config: LanguageConfig, channel: string | undefined): Locale {
  return (channel ? config.channels[channel] : undefined) ?? config.locale;
}
