/** One element of an Adaptive Card body or action list, as JSON: shared by the card, dialog and file renderers. */
export interface CardNode {
  type: string;
  [key: string]: unknown;
}
