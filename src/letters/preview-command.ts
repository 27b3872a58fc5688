/**
 * `duebot letter preview`: renders one letter to a PDF file without sending or storing anything, so a
 * company can check its letterhead, wording and fonts before the first letter goes out. `duebot letter
 * pdf`: writes the stored PDF of a letter that went out (or was prepared), exactly as the customer got it.
 */
import { stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Knex } from 'knex';
import type { LetterLocale } from './settings.ts';
import { findAccounts, listWorklist } from '../worklist/list.ts';
import { loadLetterFile } from './letter-files.ts';
import { isLetterLocale } from './locale.ts';
import type { LetterContext } from './letter-types.ts';
import { prepareLetter } from './send-letter.ts';

/** A preview that could not be made; the message says what to change. */
export class LetterPreviewError extends Error {
  readonly code = 'letter_preview';
}

/**
 * Refuses an `--out` that cannot be written before any work is done: not a .pdf name, or a folder that
 * does not exist (or is a file).
 */
export async function checkOutFile(out: string): Promise<void> {
  if (!/\.pdf$/i.test(out)) throw new LetterPreviewError(`--out ${out}: expected a file name ending in .pdf`);
  const folder = dirname(out);
  const found = await stat(folder).catch(() => null);
  if (!found)
    throw new LetterPreviewError(`--out ${out}: the folder ${folder} does not exist; create it first`);
  if (!found.isDirectory()) throw new LetterPreviewError(`--out ${out}: ${folder} is a file, not a folder`);
}

/** Writes the PDF, a failure said as which file could not be written and why. */
async function writeOut(out: string, pdf: Uint8Array): Promise<void> {
  await writeFile(out, pdf).catch((error: unknown) => {
    const code = String((error as { code?: unknown }).code ?? error);
    throw new LetterPreviewError(`--out ${out}: cannot write the file (${code})`);
  });
}

async function accountFor(db: Knex, today: string, account: string | undefined): Promise<number> {
  if (account === undefined) {
    const top = await listWorklist(db, {}, { today, page: 1, pageSize: 1 });
    const first = top.rows[0];
    if (!first)
      throw new LetterPreviewError(
        'the worklist is empty: there is no account to write to (run duebot sync)',
      );
    return first.accountId;
  }
  const found = await findAccounts(db, account);
  if (found.length === 1 && found[0]) return found[0].id;
  if (found.length === 0)
    throw new LetterPreviewError(`--account ${account}: no account has this customer id or name`);
  throw new LetterPreviewError(
    `--account ${account}: matches ${found.length} accounts (${found.map((f) => f.name).join(', ')}); give the customer id`,
  );
}

/** Writes the PDF of `template` for an account (default: the top of the worklist); returns a summary line. */
export async function previewLetterToFile(
  ctx: LetterContext,
  input: { template: string; account?: string; locale?: string; out: string; senderName: string },
): Promise<string> {
  let locale: LetterLocale | undefined;
  if (input.locale !== undefined) {
    if (!isLetterLocale(input.locale))
      throw new LetterPreviewError(`--locale ${input.locale}: expected en, zh-CN or zh-TW`);
    locale = input.locale;
  }
  await checkOutFile(input.out);
  const accountId = await accountFor(ctx.db, ctx.clock.today(), input.account);
  const prepared = await prepareLetter(
    ctx,
    accountId,
    input.template,
    input.senderName,
    locale ? { locale } : {},
  );
  if (!prepared.ok) throw new LetterPreviewError(prepared.message);
  const { letter, customerName } = prepared.value;
  await writeOut(input.out, letter.pdf);
  return `wrote ${input.out}: ${input.template} (${letter.locale}) to ${customerName}, "${letter.subject}", ${letter.pdf.length.toLocaleString('en')} bytes; nothing was sent`;
}

/** Writes the stored PDF of letter `letterId` (as sent) to `out`; returns a summary line. */
export async function writeStoredLetterPdf(db: Knex, letterId: string, out: string): Promise<string> {
  if (!/^[1-9]\d{0,9}$/.test(letterId))
    throw new LetterPreviewError(`${letterId}: expected a letter number, as shown with the letter (#12)`);
  await checkOutFile(out);
  const file = await loadLetterFile(db, Number(letterId));
  if (!file)
    throw new LetterPreviewError(
      `letter #${letterId} has no stored PDF (there is no such letter, or it was never sent or prepared)`,
    );
  await writeOut(out, file.pdf);
  return `wrote ${out}: ${file.filename}, "${file.subject}", ${file.pdf.byteLength.toLocaleString('en')} bytes, sha256 ${file.sha256}`;
}
