import type { Message } from '../views/model.ts';

/**
 * The only way jobs and the outbox reach a chat platform (DESIGN: ChatOut). Each adapter (Slack, Teams,
 * shell) implements it; the outbox worker calls it and nothing else does for scheduled posts.
 */

/** The channels scheduled posts go to; each adapter maps a role to one of its own channels by settings. */
export type ChannelRole = 'digest' | 'alerts' | 'meeting';

/**
 * Where a post goes: a channel by role, one staff user privately (DM; Slack may use the App Home), or the
 * thread of one account (PB-14: an escalation is told "in the account thread and privately"). Each adapter
 * resolves the account's thread on its platform when delivering: it replies in the thread the account
 * already has there, else posts the account's head message where account threads go (account_threads,
 * src/chat/account-threads.ts), records it, then replies.
 */
export type Destination =
  | { kind: 'channel'; role: ChannelRole }
  | { kind: 'user'; userId: number }
  | { kind: 'account'; accountId: number };

/** The outbox key of a post's copy in the account's thread (`promise-missed:7` -> `promise-missed:7:thread`). */
export const threadCopyKey = (key: string) => `${key}:thread`;

/** A platform's handle on a message it accepted; stored so the message can be edited or replied to. */
export interface PostedRef {
  platform: 'slack' | 'teams' | 'shell';
  /** The platform's conversation id (Slack channel id, Teams conversation id). */
  channel: string;
  /** The platform's message id (Slack ts, Teams activity id). */
  id: string;
}

/** One file of a post on its way: the platform's id for it once it has one, and the steps done. */
export interface FileProgress {
  /** The platform's file id (Slack: from files.getUploadURLExternal). */
  id: string;
  /** The bytes reached the platform (Slack: the upload URL answered). */
  uploaded: boolean;
  /** The file is shared where the message is (Slack: files.completeUploadExternal answered). */
  done: boolean;
}

/**
 * What of a post reached the platform on earlier attempts. The worker stores it (outbox_deliveries.progress)
 * each time an adapter reports a step, before the next step begins, so a retry continues where the last
 * attempt stopped: a post counts as delivered only when its message and every file are.
 */
export interface PostProgress {
  /** The message, once the platform accepted it (or `find` found it). */
  message?: PostedRef;
  /** By index in message.files; null: not begun. */
  files?: (FileProgress | null)[];
}

/** Options of one post. */
export interface PostOptions {
  /** The outbox's idempotency key; platforms that can store it with the message do, for `find`. */
  key: string;
  /** Reply in the thread of this message. */
  thread?: PostedRef;
  /** What earlier attempts delivered: an adapter sends only what is missing. */
  progress?: PostProgress;
  /** Stores progress before the adapter's next step; adapters that send a post in several calls use it. */
  record?: (progress: PostProgress) => Promise<void>;
}

/** Why a platform call failed, in the terms the outbox worker needs to decide what to do next. */
export class ChatOutError extends Error {
  constructor(
    message: string,
    readonly options: {
      /** 429: wait at least this long before the next call to the platform. */
      retryAfterMs?: number;
      /** The request may have reached the platform (timeout, connection reset): `find` before resending. */
      uncertain?: boolean;
      /** Retrying cannot help (channel not found, not in channel, invalid auth). */
      permanent?: boolean;
    } = {},
  ) {
    super(message);
  }
}

/** One chat platform as the outbox sees it. Throws ChatOutError on failure. */
export interface ChatOut {
  readonly platform: PostedRef['platform'];
  /**
   * false: the platform has no rate limit to respect (the terminal), so posts go out as fast as they come;
   * otherwise the worker spaces messages to one channel (DUEBOT_OUTBOX_PACING_MS).
   */
  readonly paced?: boolean;
  /** Whether this platform has somewhere to send posts for `to` (a configured channel, a known user). */
  canDeliver(to: Destination): Promise<boolean>;
  /** Sends what of the post is missing (per `options.progress`); resolves once all of it is delivered. */
  post(to: Destination, message: Message, options: PostOptions): Promise<PostedRef>;
  /** Replaces a posted message in place (the digest is edited as accounts are claimed or paid). */
  update(ref: PostedRef, message: Message): Promise<void>;
  /**
   * After an uncertain failure: the message already posted under this key since `since`, if the
   * platform can tell (Slack: message metadata); null means "not found, safe to send again".
   * `thread`: the post was a reply in this thread (replies are not in a channel's history). For an
   * account destination the adapter looks in the account's stored thread itself.
   */
  find(to: Destination, key: string, since: Date, thread?: PostedRef): Promise<PostedRef | null>;
}
