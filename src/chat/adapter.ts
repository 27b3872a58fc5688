/**
 * The shape every chat adapter has for the composition root (src/main.ts): one factory per platform
 * (`createSlackAdapter`, `createTeamsAdapter`, `createShellAdapter`) takes the same runtime and returns
 * this, so main.ts lists them side by side and no adapter knows of another or of main.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatOut } from '../outbox/chat-out.ts';

/** A route one adapter answers, for whichever adapter's HTTP server hosts it (one port for everything). */
export interface HttpRoute {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/** An adapter serving. */
export interface StartedAdapter {
  /** The HTTP port it serves (its platform's requests, /healthz, /metrics), or null on the terminal. */
  port: number | null;
  /** Resolves when the adapter ends by itself (the shell's input ended); a server runs until stopped. */
  ended: Promise<void>;
  /** Resolves once it serves its users: a server at once, the shell once it has greeted and shows a prompt. */
  ready: Promise<void>;
}

/** One chat platform: where scheduled posts reach it, what it answers over HTTP, and its life. */
export interface ChatAdapter {
  platform: string;
  /** Where scheduled posts and the outbox reach this platform. */
  chatOut: ChatOut;
  /** What this adapter answers over HTTP, for the server that hosts it when another adapter runs one. */
  routes: HttpRoute[];
  /** Starts serving; `hosted`: other adapters' routes, served on this adapter's server too. */
  start(hosted?: HttpRoute[]): Promise<StartedAdapter>;
  /** Stops serving (nothing when it was never started). */
  stop(): Promise<void>;
}

/** An adapter could not be started with the settings given; the message names the setting to fix. */
export class ChatStartError extends Error {}

/** What a server adapter's `ended` is: it never ends by itself. */
export const runsUntilStopped = (): Promise<void> => new Promise<void>(() => undefined);
