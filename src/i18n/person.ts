/**
 * The language of a private post to one person that no interaction of theirs set up (a job's notice, an
 * escalation told to a manager): their own choice (`/overdue language`), else the company's. Their
 * platform's language is known only while they interact, so it does not count here.
 */
import type { Knex } from 'knex';
import { isLocale } from './locale.ts';
import type { LanguageConfig } from './settings.ts';
import { companyT } from './speech.ts';
import { translator, type Translator } from './translate.ts';

/** The translator of a post to the person `userId` (users.id). */
export async function personT(
  db: Knex,
  userId: number,
  language: LanguageConfig | undefined,
): Promise<Translator> {
  const row = await db('users').where({ id: userId }).first('locale');
  const own = typeof row?.locale === 'string' && isLocale(row.locale) ? row.locale : null;
  return own ? translator(own, { largeUnits: language?.largeUnits ?? false }) : companyT(language);
}
