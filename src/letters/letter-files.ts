/**
 * What a letter looked like when it left: the e-mail (subject, text and HTML bodies) and the PDF bytes,
 * one row per letter in letter_files. Written before the mail server is asked (and for letters handed to
 * the collector to send by hand), so a link to the PDF serves exactly what the customer got and "Send
 * again" after an uncertain send repeats exactly the same message (issue 6).
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { RenderedLetter } from './render.ts';

/** A letter's stored content. */
export interface LetterFile {
  letterId: number;
  filename: string;
  pdf: Uint8Array;
  /** Hex SHA-256 of the PDF, for logs and checks. */
  sha256: string;
  subject: string;
  text: string;
  html: string;
}

/** Hex SHA-256 of bytes. */
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Stores (or replaces, when the letter is rendered again for a new attempt) a letter's content. */
export async function storeLetterFile(db: Knex, letterId: number, letter: RenderedLetter): Promise<void> {
  const row = {
    letter_id: letterId,
    filename: letter.filename,
    pdf: Buffer.from(letter.pdf),
    pdf_sha256: sha256(letter.pdf),
    subject: letter.subject,
    body_text: letter.text,
    body_html: letter.html,
    stored_at: db.fn.now(),
  };
  await db('letter_files').insert(row).onConflict('letter_id').merge();
}

/** A letter's stored content, or null when none was stored (a letter that never got that far). */
export async function loadLetterFile(db: Knex, letterId: number): Promise<LetterFile | null> {
  const row = await db('letter_files').where({ letter_id: letterId }).first();
  if (!row) return null;
  // pg gives a Buffer, PGlite a Uint8Array: both are bytes.
  const pdf = new Uint8Array(row.pdf as Uint8Array);
  return {
    letterId,
    filename: String(row.filename),
    pdf,
    sha256: String(row.pdf_sha256),
    subject: String(row.subject),
    text: String(row.body_text),
    html: String(row.body_html),
  };
}
