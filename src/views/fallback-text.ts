/**
 * Plain text from a neutral message. Used as the notification text and by clients that can't render
 * rich cards (Slack's `text`, Teams' summary, e-mail previews).
 */
import { translator, type Translator } from '../i18n/translate.ts';
import { type Block, type Message, pagesShown, stripInlineMarkup } from './model.ts';

function blockText(block: Block, keepMentions: boolean, t: Translator): string | null {
  const strip = (text: string) => stripInlineMarkup(text, keepMentions);
  switch (block.type) {
    case 'header':
      return block.text;
    case 'text':
      return strip(block.text);
    case 'fields':
      return block.fields.map((f) => `${f.label}: ${strip(f.value)}`).join('\n');
    case 'accountRow': {
      const row = t.t('card.fallback.row', {
        name: block.customerName,
        id: String(block.accountId),
        amounts: block.amountLines.join(' + '),
        open: block.amountLines.length > 0 ? 'yes' : 'no',
        days: block.daysOverdue,
        owned: block.owner === null ? 'no' : 'yes',
        owner: block.owner ?? '',
      });
      const explanation = strip(block.explanation);
      return `${row}${explanation ? ` - ${explanation}` : ''}`;
    }
    case 'context':
      return strip(block.text);
    case 'image':
      return t.t('card.fallback.image', { alt: block.alt });
    case 'pager':
      return t.t('card.fallback.page', { page: block.page, pages: pagesShown(block, t) });
    case 'actions':
    case 'divider':
      return null; // buttons cannot be clicked from a notification; a rule says nothing
  }
}

/**
 * Generate plain text from a message: its `fallbackText` when set, otherwise one line per block.
 * `keepMentions` leaves mention markup (MENTION) in, for a renderer that turns it into a notifying mention.
 * `t` is the language of the few words blocks do not carry themselves ("Page 1 of 2"): views that have
 * account rows, pagers or images set `fallbackText` with it; renderers fall back to English.
 */
export function toFallbackText(
  message: Message,
  options: { keepMentions?: boolean; t?: Translator } = {},
): string {
  if (message.fallbackText !== undefined && message.fallbackText.trim() !== '') return message.fallbackText;
  const t = options.t ?? translator('en');
  return message.blocks
    .map((block) => blockText(block, options.keepMentions ?? false, t))
    .filter((t): t is string => t !== null && t !== '')
    .join('\n');
}
