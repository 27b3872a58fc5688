import type { Locale } from '../i18n/locale.ts';
import type { Translator } from '../i18n/translate.ts';
import type { Message } from '../views/model.ts';

/** A message marked with the language `t` drew it in (the adapters say their own words around it in it). */
export const drawnIn = (message: Message, t: Translator): Message => ({ ...message, locale: t.locale });

/**
 * The language of posts whose message is not marked: one for all, or one per post (a job's channel roles).
 * The outbox stamps every stored post with it (issue 20).
 */
export type PostLocale = Locale | ((post: OutgoingPost) => Locale);
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
