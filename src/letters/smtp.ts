/**
 * Delivery by e-mail (nodemailer over SMTP_URL): the letter's HTML and text bodies with the PDF attached,
 * to the customer's AP contact from the ledger. One connection per letter; failures come back as a
 * DeliveryError (nothing went out) or an AnswerLostError (the whole letter went out, the answer did not
 * come back), each with a message a collector can act on.
 */
import { z } from 'zod';
import type { RenderedLetter } from './render.ts';
import { SMTP_TIMEOUT_MS } from './settings.ts';

/** The mail server did not take the letter; `message` says what it answered. */
export class DeliveryError extends Error {
  readonly code = 'letter_delivery';
}

/**
 * The mail server received the whole letter (the final dot of DATA was written) but its answer never
 * came: the line dropped, was reset or went quiet. It may have taken the letter, so this is not a failure.
 */
export class AnswerLostError extends Error {
  readonly code = 'letter_answer_lost';
}

/** What the mail server accepted. */
export interface Receipt {
  recipient: string;
  messageId: string;
}

const address = z.email();

/** The AP contact's address when it is one, or why not (missing, malformed). */
export function checkRecipient(
  email: string | null | undefined,
): { ok: true; email: string } | { ok: false; problem: string } {
  const value = (email ?? '').trim();
  if (!value) return { ok: false, problem: 'the account has no AP contact e-mail address in the ledger' };
  if (!address.safeParse(value).success)
    return {
      ok: false,
      problem: `the AP contact e-mail address "${value}" in the ledger is not a valid address`,
    };
  return { ok: true, email: value };
}

function describe(error: unknown, connected: boolean): string {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  if (e.responseCode && e.response) return `the mail server answered ${e.response.trim()}`;
  const dropped = e.code === 'ESOCKET' || e.code === 'ECONNECTION';
  if (connected && dropped)
    return `the mail server broke off the connection before it had the whole letter (${e.message ?? e.code})`;
  if (connected && e.code === 'ETIMEDOUT')
    return 'the mail server stopped answering before it had the whole letter';
  if (e.code === 'ECONNREFUSED' || dropped)
    return `the mail server in SMTP_URL could not be reached (${e.message ?? e.code})`;
  if (e.code === 'EAUTH') return 'the mail server refused the user name or password in SMTP_URL';
  if (e.code === 'ETIMEDOUT') return 'the mail server in SMTP_URL did not answer in time';
  return e.message ?? String(error);
}

/**
 * The Message-ID a letter's e-mail carries, made by duebot (not by the mail library at send time) from
 * the letter's id, attempt and creation time, so it is recorded before sending and known after a crash.
 * The domain is LETTER_FROM's, as RFC 5322 suggests.
 */
export function letterMessageId(
  letter: { id: number; attempts: number; createdAt: Date },
  from: string | undefined,
): string {
  const domain = /@([^<>@\s]+)>?\s*$/.exec(from ?? '')?.[1] ?? 'duebot.invalid';
  return `<duebot.letter.${letter.id}.${letter.attempts}.${letter.createdAt.getTime().toString(36)}@${domain}>`;
}

/**
 * Sends one letter. Throws DeliveryError when nothing went out (unreachable, refused at any stage, or the
 * line dropped before the whole message was written) and AnswerLostError when the whole message was
 * written but no answer came: only a reply (`responseCode`) says the server refused it.
 */
export async function sendLetterMail(
  options: { smtpUrl: string; from: string; timeoutMs?: number },
  to: { name: string; email: string },
  letter: Pick<RenderedLetter, 'subject' | 'text' | 'html' | 'pdf' | 'filename'>,
  messageId: string,
): Promise<Receipt> {
  const { default: nodemailer } = await import('nodemailer'); // loaded on first use, like pdfkit
  const timeoutMs = options.timeoutMs ?? SMTP_TIMEOUT_MS;
  const handover = messageHandover();
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    connectionTimeout: Math.min(15_000, timeoutMs),
    greetingTimeout: Math.min(15_000, timeoutMs),
    socketTimeout: timeoutMs,
    logger: handover.logger,
  });
  try {
    const info = await transport.sendMail({
      from: options.from,
      messageId,
      to: { name: to.name, address: to.email },
      subject: letter.subject,
      text: letter.text,
      html: letter.html,
      attachments: [
        { filename: letter.filename, content: Buffer.from(letter.pdf), contentType: 'application/pdf' },
      ],
    });
    const rejected = (info.rejected ?? []).map(String);
    if (rejected.length > 0)
      throw new DeliveryError(`the mail server refused the recipient ${rejected.join(', ')}`);
    return { recipient: to.email, messageId: String(info.messageId) };
  } catch (error) {
    if (error instanceof DeliveryError) throw error;
    const replied = Boolean((error as { responseCode?: number }).responseCode);
    if (handover.stage() === 'written' && !replied) throw new AnswerLostError(lostAnswer(error, timeoutMs));
    throw new DeliveryError(describe(error, handover.stage() === 'connected'));
  } finally {
    transport.close();
  }
}

function lostAnswer(error: unknown, timeoutMs: number): string {
  const e = error as { code?: string; message?: string };
  const why =
    e.code === 'ETIMEDOUT'
      ? `it did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`
      : `the connection broke before it answered (${e.message ?? e.code ?? 'closed'})`;
  return `the mail server received the whole letter but ${why}`;
}

type LogEntry = { tnx?: unknown; outByteCount?: unknown; remotePort?: unknown } | undefined;

/**
 * How far nodemailer got: `connected` once the TCP connection stood, `written` once it wrote the whole
 * message, up to the final dot of DATA. nodemailer reports socket closes and timeouts with the same
 * command ('CONN') at every stage, so the error cannot say; but its SMTP connection logs one
 * `tnx: 'network'` entry with the ports when connected, and one `tnx: 'message'` entry with
 * `outByteCount` when its data stream has ended, which is after the terminating ".\r\n" was passed to the
 * socket. The stream honours back-pressure, so a line dropped while the body is still being written never
 * gets there: nothing can have been delivered. Once it is written, duebot cannot tell whether the server
 * read the dot, and takes the side that never e-mails twice (uncertain). The fault suite
 * (test/faults/smtp-stages.test.ts) fails if a nodemailer upgrade stops logging either entry.
 */
function messageHandover(): {
  logger: Record<string, (entry: LogEntry) => void>;
  stage: () => 'connecting' | 'connected' | 'written';
} {
  let stage: 'connecting' | 'connected' | 'written' = 'connecting';
  const note = (entry: LogEntry) => {
    if (entry?.tnx === 'message' && typeof entry.outByteCount === 'number') stage = 'written';
    else if (entry?.tnx === 'network' && typeof entry.remotePort === 'number' && stage === 'connecting')
      stage = 'connected';
  };
  const quiet = () => undefined;
  return {
    logger: { info: note, debug: note, trace: quiet, warn: quiet, error: quiet, fatal: quiet },
    stage: () => stage,
  };
}
