/**
 * The confirm step of a click that hands something to the outside or cannot be taken back (PB-28's lawyer
 * and agency decisions, rejecting or re-sending a letter): asked first on every platform, applied on a yes,
 * and a no changes nothing. Slack asks in its own dialog and sends the click with `confirmed: true`.
 */
import { translator, type Translator } from '../i18n/translate.ts';
import { notice } from '../views/notices.ts';
import type { Confirm, Reply } from './interaction.ts';

/** Nothing more to ask (null), or the reply that asks (or that answers a no). */
export function askFirst(
  confirmed: boolean | undefined,
  ask: Confirm,
  /** The asker's language (privateT): the answer to a no is theirs alone. */
  t: Translator = translator('en'),
): Reply | null {
  if (confirmed === true) return null;
  if (confirmed === false) return { kind: 'ephemeral', message: notice(t.t('letter.confirm.cancelled')) };
  return { kind: 'confirm', confirm: ask };
}
