/**
 * Slack's Block Kit limits, in one place. The renderer truncates and pages against this table and the
 * tests validate every payload against it, so a change of Slack's limits is a change of one line here.
 * Sources: docs.slack.dev reference pages for blocks, block elements, composition objects and views.
 */
import { truncate } from '../../src/views/truncate.ts';

export const SLACK_LIMITS = {
  /** Blocks in one message. */
  messageBlocks: 50,
  /** Blocks in a modal or the App Home tab. */
  viewBlocks: 100,
  /** Top-level `text` of a message (the notification fallback); Slack truncates past 40,000. */
  messageText: 4000,
  /** mrkdwn/plain text of a section block. */
  sectionText: 3000,
  /** Fields of a section block. */
  sectionFields: 10,
  /** Text of one section field. */
  fieldText: 2000,
  /** Header block text. */
  headerText: 150,
  /** Elements of a context block, and the text of each. */
  contextElements: 10,
  contextText: 3000,
  /** Elements of an actions block. */
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  /** Overflow menus hold 2 to 5 options. */
  overflowMinOptions: 2,
  overflowMaxOptions: 5,
  optionText: 75,
  optionValue: 150,
  /** Options of a static select. */
  selectOptions: 100,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  imageAltText: 2000,
  imageUrl: 3000,
  /** Modal title, submit and close labels. */
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  privateMetadata: 3000,
  callbackId: 255,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  /** Longest value a plain_text_input accepts (and its max_length). */
  plainTextInput: 3000,
} as const;

/** The name of one limit. */
export type SlackLimit = keyof typeof SLACK_LIMITS;

/** One truncation for every renderer (src/views/truncate.ts). */
export { truncate };

/** Text cut to a named limit. */
export function fitLimit(text: string, limit: SlackLimit): string {
  return truncate(text, SLACK_LIMITS[limit]);
}
