/**
 * Plain text from a neutral message. Used as the notification text and by clients that can't render
 * rich cards (Slack's `text`, Teams' summary, e-mail previews).
 */
import { type Block, type Message, stripInlineMarkup } from './model.ts';

function blockText(block: Block, keepMentions: boolean): string | null {
  const strip = (text: string) => stripInlineMarkup(text, keepMentions);
  switch (block.type) {
    case 'header':
      return block.text;
    case 'text':
      return strip(block.text);
    case 'fields':
      return block.fields.map((f) => `${f.label}: ${strip(f.value)}`).join('\n');
    case 'accountRow': {
      const owner = block.owner === null ? 'unclaimed' : `owner ${block.owner}`;
      const parts = [
        `${block.customerName} (#${block.accountId})`,
        block.amountLines.join(' + ') || 'nothing open',
        `${block.daysOverdue} days overdue`,
        owner,
      ];
      const explanation = strip(block.explanation);
      return `${parts.join(', ')}${explanation ? ` - ${explanation}` : ''}`;
    }
    case 'context':
      return strip(block.text);
    case 'image':
      return `[image: ${block.alt}]`;
    case 'pager':
      return `Page ${block.page} of ${block.pages}`;
    case 'actions':
    case 'divider':
      return null; // buttons cannot be clicked from a notification; a rule says nothing
  }
}

/**
 * Generate plain text from a message: its `fallbackText` when set, otherwise one line per block.
 * `keepMentions` leaves mention markup (MENTION) in, for a renderer that turns it into a notifying mention.
 */
export function toFallbackText(message: Message, options: { keepMentions?: boolean } = {}): string {
  if (message.fallbackText !== undefined && message.fallbackText.trim() !== '') return message.fallbackText;
  return message.blocks
    .map((block) => blockText(block, options.keepMentions ?? false))
    .filter((t): t is string => t !== null && t !== '')
    .join('\n');
}
