/**
 * Delivery by e-mail (nodemailer over SMTP_URL): the letter's HTML and text bodies with the PDF attached,
 * to the customer's AP contact from the ledger. One connection per letter; failures come back as a
 * DeliveryError whose message a collector can act on.
 */
import { z } from 'zod';
import type { RenderedLetter } from './render.ts';

/** The mail server did not take the letter; `message` says what it answered. */
export class DeliveryError extends Error {
  readonly code = 'letter_delivery';
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

function describe(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  if (e.responseCode && e.response) return `the mail server answered ${e.response.trim()}`;
  if (e.code === 'ECONNREFUSED' || e.code === 'ESOCKET' || e.code === 'ECONNECTION')
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

/** Sends one letter; throws DeliveryError when the server refuses it or the recipient. */
export async function sendLetterMail(
  options: { smtpUrl: string; from: string },
  to: { name: string; email: string },
  letter: Pick<RenderedLetter, 'subject' | 'text' | 'html' | 'pdf' | 'filename'>,
  messageId: string,
): Promise<Receipt> {
  const { default: nodemailer } = await import('nodemailer'); // loaded on first use, like pdfkit
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
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
    throw new DeliveryError(describe(error));
  } finally {
    transport.close();
  }
}
