/**
 * The contract between the core and the chat adapters (DESIGN.md's dispatcher seam): an Interaction in
 * (a typed command, a click, a submitted form, a note), a Reply out. Adapters translate platform events into
 * Interactions and Replies into platform calls; everything else about a behaviour lives in the core.
 */
import type { Form, Message, Platform, User } from '../views/model.ts';

/** A question before a click takes effect: its text, the label of the yes, and the click it confirms. */
export interface Confirm {
  title: string;
  question: string;
  yes: string;
  /** The label of the no ("Cancel"), in the asker's language; dispatch sets it when the command did not. */
  no?: string;
  /** The click the answer is about (sent back with `confirmed`). */
  ref: string;
}

/** What dispatch answers to an interaction; adapters turn it into platform calls. */
export type Reply =
  /**
   * Replace the message the interaction came from (the clicked card) for everyone; `note` is for the person
   * who clicked only ("this card was out of date"), never drawn into the shared card.
   */
  | { kind: 'replace'; message: Message; note?: string }
  /** Only the person who asked sees it. */
  | { kind: 'ephemeral'; message: Message }
  | { kind: 'openForm'; form: Form }
  /** Keep the open form and show these messages next to its fields (field id -> message). */
  | { kind: 'formErrors'; errors: Record<string, string> }
  /**
   * Post into the conversation thread of one account (adapters map accounts to threads); `card` is the
   * account's card as it is now, for adapters that can redraw the card a form was opened from.
   */
  | { kind: 'thread'; accountId: number; message: Message; card?: Message }
  /** Ask the person first; a yes repeats the click with `confirmed: true`, a no with `confirmed: false`. */
  | { kind: 'confirm'; confirm: Confirm }
  /** Post into the channel for everyone. */
  | { kind: 'post'; message: Message }
  | { kind: 'none' };

/** What people do, as adapters report it: a typed command, a click, a form submission. */
export type Interaction =
  /** `/overdue <text>` (or the same text typed in the shell). */
  | { kind: 'command'; text: string; user: User; channel?: string; platform: Platform }
  /**
   * A button or menu click; `messageRef` identifies the clicked message for a later `replace`. `confirmed`
   * is the answer to a confirm step (or to the platform's own confirm dialog): absent when nobody was asked.
   */
  | {
      kind: 'action';
      ref: string;
      user: User;
      value?: string;
      messageRef?: string;
      confirmed?: boolean;
      /**
       * The channel the clicked message is shared in, when others see it too (not a private reply, a DM,
       * App Home or a dialog): what duebot redraws there is in that channel's language.
       */
      channel?: string;
    }
  /**
   * A submitted form; values are the raw texts keyed by field id. `submission` is the platform's identity
   * of this submission (the same on a retried delivery, new for a new form): given, it takes effect once.
   */
  | {
      kind: 'submit';
      ref: string;
      user: User;
      values: Record<string, string>;
      submission?: string;
      /** Only check the values as filled so far (field errors, or `none`); nothing is written. */
      checkOnly?: boolean;
      /** The channel the form's answer is shared in, as for a click; absent: private. */
      channel?: string;
    }
  /** Free text a person wrote about an account (a reply in its chat thread), saved as a note (PB-03). */
  | { kind: 'note'; accountId: number; text: string; user: User };
