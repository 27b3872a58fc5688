/**
 * Signed, expiring links to a letter's stored PDF (issue 6). Teams cannot take a file from a bot in a
 * channel, so the letter copy there links to duebot's own copy instead: `<DUEBOT_PUBLIC_URL>/letters/
 * <id>.pdf?expires=<unix seconds>&sig=<HMAC-SHA256 of the letter id and expiry>`. Without the key nobody
 * can make a link to another letter or stretch a link's life; links stop working after LETTER_LINK_DAYS.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LetterLinkConfig } from './settings.ts';

/** The path a letter PDF is served at (relative to DUEBOT_PUBLIC_URL). */
export const LETTER_PDF_PATH = '/letters/:file';

/** A link to one letter's PDF and when it stops working. */
export interface LetterLink {
  url: string;
  expires: Date;
}

/** Why a letter has no link: the settings it needs are missing. */
export interface NoLetterLink {
  missing: 'DUEBOT_PUBLIC_URL' | 'DUEBOT_LINK_SECRET';
}

const signed = (letterId: number, expires: number) => `duebot-letter-pdf:v1:${letterId}:${expires}`;

function signature(secret: string, letterId: number, expires: number): string {
  return createHmac('sha256', secret).update(signed(letterId, expires)).digest('base64url');
}

/** A link to the letter's PDF valid for the configured days from `now`, or which setting is missing. */
export function letterLink(config: LetterLinkConfig, letterId: number, now: Date): LetterLink | NoLetterLink {
  if (!config.publicUrl) return { missing: 'DUEBOT_PUBLIC_URL' };
  if (!config.secret) return { missing: 'DUEBOT_LINK_SECRET' };
  const expires = Math.floor(now.getTime() / 1000) + config.days * 86_400;
  const sig = signature(config.secret, letterId, expires);
  return {
    url: `${config.publicUrl}/letters/${letterId}.pdf?expires=${expires}&sig=${sig}`,
    expires: new Date(expires * 1000),
  };
}

/** What a request for a letter PDF may have: the letter to serve, or the refusal to answer with. */
export type LinkCheck =
  | { ok: true; letterId: number }
  | { ok: false; status: 404; why: 'noSuchFile' }
  | { ok: false; status: 403; why: 'incomplete' | 'badSignature' }
  | { ok: false; status: 410; why: 'expired'; letterId: number; expiredOn: string };

/**
 * Checks a request URL (path and query, as it arrived) against the key: a malformed, unsigned or
 * tampered link is 403, an expired one 410 (only once its signature holds, so an expiry cannot be probed
 * with forged links). The signature is compared in constant time.
 */
export function checkLetterLink(secret: string, requestUrl: string, now: Date): LinkCheck {
  const url = new URL(requestUrl, 'http://duebot.invalid');
  const id = /^\/letters\/([1-9]\d{0,9})\.pdf$/.exec(url.pathname)?.[1];
  if (!id) return { ok: false, status: 404, why: 'noSuchFile' };
  const expires = url.searchParams.get('expires') ?? '';
  const sig = url.searchParams.get('sig') ?? '';
  if (!/^\d{1,12}$/.test(expires) || !/^[A-Za-z0-9_-]{43}$/.test(sig))
    return { ok: false, status: 403, why: 'incomplete' };
  const letterId = Number(id);
  const expected = Buffer.from(signature(secret, letterId, Number(expires)), 'utf8');
  const given = Buffer.from(sig, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, status: 403, why: 'badSignature' };
  if (Number(expires) * 1000 <= now.getTime())
    return {
      ok: false,
      status: 410,
      why: 'expired',
      letterId,
      expiredOn: new Date(Number(expires) * 1000).toISOString().slice(0, 10),
    };
  return { ok: true, letterId };
}

/**
 * The token a Teams FileConsentCard carries back for a letter (personal chat): the letter id signed with
 * the link key, so an accept can only upload the letter duebot offered.
 */
export function consentToken(secret: string, letterId: number): string {
  return createHmac('sha256', secret).update(`duebot-letter-consent:v1:${letterId}`).digest('base64url');
}

/** Whether `token` is the consent token of `letterId` (constant-time). */
export function checkConsentToken(secret: string, letterId: number, token: unknown): boolean {
  if (typeof token !== 'string') return false;
  const expected = Buffer.from(consentToken(secret, letterId), 'utf8');
  const given = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
