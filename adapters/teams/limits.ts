/**
 * Microsoft Teams' limits for bot messages and Adaptive Cards, in one place. The renderer shrinks and pages
 * against this table and the tests check every card against it, so a change of Teams' limits is one line here.
 * Sources: learn.microsoft.com, "Format cards in Teams" and "Bot messages" (message size), "Universal Actions
 * for Adaptive Cards" (schema 1.4+, Action.Execute), "Teams card reference" (actions shown per set).
 */
import { truncate } from '../../src/views/truncate.ts';

export const TEAMS_LIMITS = {
  /** Adaptive Card schema version duebot declares (Teams renders up to 1.5). */
  cardVersion: '1.5',
  /** A bot message (activity with its card) larger than about 28 KB is refused by Teams. */
  messageBytes: 28_000,
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

/** The size Teams counts: UTF-8 bytes of the JSON. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
