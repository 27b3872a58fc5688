/**
 * Microsoft Teams' limits for bot messages and Adaptive Cards, in one place. The renderer shrinks and pages
 * against this table and the tests check every card against it, so a change of Teams' limits is one line here.
 * Sources: learn.microsoft.com, "Format your bot messages" (message size: 100 KB counted in UTF-16, keep a
 * message within 80 KB), "Universal Actions
 * for Adaptive Cards" (schema 1.4+, Action.Execute), "Teams card reference" (actions shown per set).
 */
import { truncate } from '../../src/views/truncate.ts';

export const TEAMS_LIMITS = {
  /** Adaptive Card schema version duebot declares (Teams renders up to 1.5). */
  cardVersion: '1.5',
  /**
   * A bot message (activity with its card) over about 100 KB, counted in UTF-16, is refused by Teams
   * (413 MessageSizeTooBig); Microsoft advises staying within 80 KB. The budget of every card and dialog.
   */
  messageBytes: 80 * 1024,
  /** Room left in messageBytes for what wraps a card (the activity's summary, ids, addresses; a dialog's task). */
  envelopeBytes: 4_000,
  /** Teams shows at most six actions in one set; more are cut off. */
  actionsPerSet: 6,
  /** Button titles: longer ones are cut off on narrow screens. */
  actionTitle: 40,
  /** Longest text block duebot emits; cards get unreadable, and closer to messageBytes, past this. */
  text: 5000,
  /** Dialog (task module) titles. */
  dialogTitle: 60,
  /** Choices of one Input.ChoiceSet. */
  choices: 100,
  /** Longest value an Input.Text accepts. */
  inputText: 4000,
} as const;

/** The name of one limit. */
export type TeamsLimit = keyof typeof TEAMS_LIMITS;

/** One truncation for every renderer (src/views/truncate.ts). */
export { truncate };

/**
 * The size Teams counts: bytes of the JSON encoded as UTF-16, two per code unit (a Chinese character is 2, not
 * UTF-8's 3; an emoji, a surrogate pair, is 4).
 */
export function jsonBytes(value: unknown): number {
  return JSON.stringify(value).length * 2;
}
