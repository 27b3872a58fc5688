/**
 * `/overdue language [en|zh-CN|zh-TW|auto]` (also 语言 / 語言, and 自动 / 自動 for auto): which language duebot answers this person
 * in, and their own choice of it. The answer comes in the language it is about.
 */
import { LOCALES, matchLocale } from '../i18n/locale.ts';
import { readerLocale, setOwnLocale } from '../i18n/reader.ts';
import { translator } from '../i18n/translate.ts';
import type { User } from '../views/model.ts';
import { notice } from '../views/notices.ts';
import type { Actor } from '../worklist/staff.ts';
import type { DispatchContext } from './account-actions.ts';
import type { Reply } from './interaction.ts';

const say = (text: string, tone?: 'success' | 'danger'): Reply => ({
  kind: 'ephemeral',
  message: notice(text, tone ? { tone } : {}),
});

/** Following the platform's language again, as typed in each of our languages. */
const AUTO = new Set(['auto', '自动', '自動']);

export async function languageCommand(
  ctx: DispatchContext,
  actor: Actor,
  user: User,
  tag: string | null,
): Promise<Reply> {
  const now = await readerLocale(ctx.db, user, ctx.language);
  if (tag === null)
    return say(translator(now.locale).t('language.current', { source: now.source, platform: user.platform }));
  if (AUTO.has(tag.trim().toLowerCase())) {
    await setOwnLocale(ctx.db, actor.userId, null);
    const then = await readerLocale(ctx.db, user, ctx.language);
    return say(translator(then.locale).t('language.reset', { platform: user.platform }), 'success');
  }
  const chosen = matchLocale(tag);
  if (!chosen)
    return say(translator(now.locale).t('language.unknown', { tag, choices: LOCALES.join(', ') }), 'danger');
  await setOwnLocale(ctx.db, actor.userId, chosen);
  return say(translator(chosen).t('language.set'), 'success');
}
