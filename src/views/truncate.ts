/** Measuring and cutting text for a renderer: terminal columns, and Slack's and Teams' UTF-16 limits. */
const ELLIPSIS = '…';

const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u;
const ZERO = /[\p{M}\u200B-\u200F\uFEFF]/u;

/** Columns a string takes in a terminal: CJK and full-width characters 2, combining marks 0, others 1. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ZERO.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
  return width;
}

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
