/**
 * A confirm step as a message: the question, a yes and a Cancel. Slack shows it privately, Teams in a
 * dialog, the shell asks yes/no; either answer goes back to dispatch as the same click with `confirmed`.
 */
import type { Confirm } from '../commands/interaction.ts';
import { translator } from '../i18n/translate.ts';
import type { Message } from './model.ts';

/** The question with its two answers (the no in the asker's language: dispatch sets it). */
export function confirmView(confirm: Confirm): Message {
  return {
    blocks: [
      { type: 'header', text: confirm.title },
      { type: 'text', text: confirm.question },
      {
        type: 'actions',
        buttons: [
          { label: confirm.yes, ref: confirm.ref, style: 'danger', answers: 'yes' },
          { label: confirm.no ?? translator('en').t('card.confirm.no'), ref: confirm.ref, answers: 'no' },
        ],
      },
    ],
    fallbackText: confirm.question,
  };
}
