/**
 * Which language one person reads: the one they chose (`/overdue language`), else the one their platform
 * reports for them (Slack's user locale, the Teams activity's locale, the shell's LANG), else the company's
 * (DUEBOT_LOCALE). Private answers (ephemeral replies, DMs, forms, App Home, the shell) use it; channel
 * posts use the channel's language (settings.ts channelLocale).
 */
import type { Knex } from 'knex';
import type { User } from '../views/model.ts';
import { readPerson } from '../worklist/person-row.ts';
import { DEFAULT_LOCALE, isLocale, type Locale, matchLocale } from './locale.ts';
import type { LanguageConfig } from './settings.ts';

export type LocaleSource = 'own' | 'platform' | 'default';

export interface ReaderLocale {
  locale: Locale;
  source: LocaleSource;
}

/** The person's language and where it came from. */
export async function readerLocale(db: Knex, user: User, language?: LanguageConfig): Promise<ReaderLocale> {
  const row = await readPerson(db, user.platform, user.id);
  const own = typeof row?.locale === 'string' && isLocale(row.locale) ? row.locale : null;
  if (own) return { locale: own, source: 'own' };
  const platform = matchLocale(user.locale);
  if (platform) return { locale: platform, source: 'platform' };
  return { locale: language?.locale ?? DEFAULT_LOCALE, source: 'default' };
}

/** Records the person's own choice (null: follow the platform again). */
export async function setOwnLocale(db: Knex, userId: number, locale: Locale | null): Promise<void> {
  await db('users').where({ id: userId }).update({ locale });
}
