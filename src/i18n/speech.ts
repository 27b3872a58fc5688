/**
 * Which language an answer is in. Dispatch resolves both once per interaction (dispatch.ts): the
 * reader's (private answers: ephemeral replies, forms, confirms, errors, DMs, App Home, the shell) and the
 * place's (what others see too: a redrawn channel card, a post, an account thread: the channel's language,
 * DUEBOT_CHANNEL_LOCALES, else the company's). Views take the Translator they are drawn in; commands pick
 * it with `privateT` or `sharedT` by the kind of Reply they build.
 */
import { readerLocale } from './reader.ts';
import { channelLocale, type LanguageConfig } from './settings.ts';
import { translator, type Translator } from './translate.ts';
import type { Knex } from 'knex';
import type { User } from '../views/model.ts';

export interface Speech {
  /** Who asked reads this: every private answer. */
  t?: Translator;
  /** Everyone in the place the interaction came from reads this: replaced shared cards, posts. */
  tShared?: Translator;
  /**
   * Everyone in the account's thread reads this: the language of the channel the thread is in (the
   * interaction's channel, else the platform's default channel a form's post goes to), never the clicker's.
   */
  tThread?: Translator;
  language?: LanguageConfig;
}

/** The company's language, for a context no interaction set up (jobs, tests). */
export function companyT(language: LanguageConfig | undefined): Translator {
  return translator(language?.locale ?? 'en', { largeUnits: language?.largeUnits ?? false });
}

/** The translator of a private answer. */
export function privateT(ctx: Speech): Translator {
  return ctx.t ?? companyT(ctx.language);
}

/** The translator of what others see too (the place's language). */
export function sharedT(ctx: Speech): Translator {
  return ctx.tShared ?? ctx.t ?? companyT(ctx.language);
}

/** The translator of a post in an account's thread (a logged call, a letter's record, from a form too). */
export function threadT(ctx: Speech): Translator {
  return ctx.tThread ?? ctx.tShared ?? companyT(ctx.language);
}

/** The translator of posts in `channel` (jobs: the digest, alerts, the meeting thread). */
export function channelT(language: LanguageConfig | undefined, channel: string | undefined): Translator {
  if (!language) return translator('en');
  return translator(channelLocale(language, channel), { largeUnits: language.largeUnits });
}

/** Both translators of one interaction: the person's own language, and the place's when it is shared. */
export async function speechFor(
  db: Knex,
  user: User,
  language: LanguageConfig | undefined,
  channel: string | undefined,
  threadChannel?: string,
): Promise<Required<Pick<Speech, 't' | 'tShared' | 'tThread'>>> {
  const { locale } = await readerLocale(db, user, language);
  const t = translator(locale, { largeUnits: language?.largeUnits ?? false });
  return {
    t,
    tShared: channel ? channelT(language, channel) : t,
    tThread: channelT(language, threadChannel),
  };
}
