/**
 * What the contract suite needs of a chat platform: a person types, clicks, fills in and answers, and the
 * driver says what that person saw and what everyone saw. One driver per harness (Slack over signed HTTP,
 * Teams over POST /api/messages, the shell on its typed lines); a new transport (Socket Mode) is one more
 * driver, nothing else. Drivers read the platform's own payloads, never the core's replies.
 */
import type { DispatchContext } from '../../src/commands/dispatch.ts';
import type { Database } from '../../src/db.ts';

/** The people of every harness, with their roles by the platform's own settings (or the shell's). */
export const PERSONS = {
  ann: { name: 'Ann', role: 'collector' },
  bob: { name: 'Bob', role: 'collector' },
  mia: { name: 'Mia', role: 'manager' },
  vic: { name: 'Vic', role: 'viewer' },
} as const;

export type Person = keyof typeof PERSONS;

/** What one step showed, as plain text (markup and JSON punctuation aside). */
export interface Seen {
  /** What only the acting person saw: private answers, notes, dialogs and modals. */
  mine: string;
  /** What everyone in the conversation saw: cards redrawn in place, posts in the channel or thread. */
  everyone: string;
  /** The labels of the form now open for this person, the first one asked first (a shell asks one by one). */
  form?: string[];
  /** The question now asked of this person before a click takes effect, when one is. */
  question?: string;
}

/** Where a shell has no cards: the account or letter a click is about (drivers with cards ignore it). */
export interface Target {
  account?: number;
  letter?: number;
}

export interface ContractDriver {
  /** `/overdue <text>` (typed `overdue <text>` on Teams, `/overdue <text>` in the shell). */
  command(who: Person, text: string): Promise<Seen>;
  /** Clicks the button `label` as `who` last saw it (an old card stays old). */
  click(who: Person, label: string, target: Target): Promise<Seen>;
  /** Fills the open form by field label (choices by their label or value) and submits it. */
  submit(who: Person, values: Record<string, string>): Promise<Seen>;
  /** Answers the open question: yes, or no (cancel). */
  answer(who: Person, yes: boolean): Promise<Seen>;
  close(): Promise<void>;
}

/** Starts a driver over `db`, the dispatcher's context completed with `ctx` (letter settings). */
export type StartDriver = (db: Database, ctx: Partial<DispatchContext>) => Promise<ContractDriver>;

/** Every string value in a JSON payload, in order, bold marks (`*`, `**`) left out: the text a person reads. */
export function textOf(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v.replaceAll('*', ''));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  walk(value);
  return out.join('\n');
}
