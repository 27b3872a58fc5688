import type { Message } from '../views/model.ts';
import type { Destination } from './chat-out.ts';

/**
 * What a scheduled job asks the outbox to post (DESIGN: jobs -> outbox -> adapters). Jobs only build
 * these; the outbox stores them first and delivers each once to every platform that can take it.
 */
export interface OutgoingPost {
  /** Idempotency key, unique per logical post ("digest:2026-11-30"); enqueuing it again changes nothing. */
  key: string;
  to: Destination;
  message: Message;
  /** Post as a reply in the thread of the post with this key (delivered after it). */
  threadKey?: string;
}

/** A new version of an earlier post, edited in place (the morning digest as accounts are claimed or paid). */
export interface OutgoingUpdate {
  /** The key of the post to edit. */
  key: string;
  message: Message;
}
