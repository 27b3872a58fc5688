const ELLIPSIS = '…';

/**
 * Cuts text to at most `max` UTF-16 units (as Slack and Teams count), ending with an ellipsis when cut.
 * Renderers use it to keep within each platform's limits without breaking a character.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  // Do not leave half of a surrogate pair (an emoji, a rare CJK character) before the ellipsis.
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}${ELLIPSIS}`;
}
