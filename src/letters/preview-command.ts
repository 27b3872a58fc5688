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
import type { MessageKey } from '../i18n/messages/en.ts';
import { type MessageValues, translator, type Translator } from '../i18n/translate.ts';

/**
 * A preview that could not be made; it says what to change in a reader's language (`say`), its message
 * being the English (for programs and logs).
 */
export class LetterPreviewError extends Error {
  readonly code = 'letter_preview';
  constructor(
    message: string,
    readonly say: (t: Translator) => string,
  ) {
    super(message);
  }
}

/** A refusal said from the catalog. */
const refusal = (key: MessageKey, values: MessageValues) =>
  new LetterPreviewError(translator('en').t(key, values), (t) => t.t(key, values));

/**
 * Refuses an `--out` that cannot be written before any work is done: not a .pdf name, or a folder that
 * does not exist (or is a file).
 */
export async function checkOutFile(out: string): Promise<void> {
  if (!/\.pdf$/i.test(out)) throw refusal('cli.letter.notPdf', { out });
  const folder = dirname(out);
  const found = await stat(folder).catch(() => null);
  if (!found) throw refusal('cli.letter.noFolder', { out, folder });
  if (!found.isDirectory()) throw refusal('cli.letter.folderIsFile', { out, folder });
}

/** Writes the PDF, a failure said as which file could not be written and why. */
async function writeOut(out: string, pdf: Uint8Array): Promise<void> {
  await writeFile(out, pdf).catch((error: unknown) => {
    const code = String((error as { code?: unknown }).code ?? error);
    throw refusal('cli.letter.cannotWrite', { out, code });
  });
}

async function accountFor(db: Knex, today: string, account: string | undefined): Promise<number> {
  if (account === undefined) {
    const top = await listWorklist(db, {}, { today, page: 1, pageSize: 1 });
    const first = top.rows[0];
    if (!first) throw refusal('cli.letter.emptyWorklist', {});
    return first.accountId;
  }
  const found = await findAccounts(db, account);
  if (found.length === 1 && found[0]) return found[0].id;
  if (found.length === 0) throw refusal('cli.letter.noAccount', { account });
  throw refusal('cli.letter.manyAccounts', {
    account,
    count: found.length,
    names: found.map((f) => f.name).join(', '),
  });
}

/**
 * Writes the PDF of `template` for an account (default: the top of the worklist); returns a summary line
 * in `t`'s language.
 */
export async function previewLetterToFile(
  ctx: LetterContext,
  input: { template: string; account?: string; locale?: string; out: string; senderName: string },
  t: Translator = translator('en'),
): Promise<string> {
  let locale: LetterLocale | undefined;
  if (input.locale !== undefined) {
    if (!isLetterLocale(input.locale)) throw refusal('cli.letter.badLocale', { locale: input.locale });
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
  if (!prepared.ok) {
    const { message, say } = prepared;
    throw new LetterPreviewError(message, say ?? (() => message));
  }
  const { letter, customerName } = prepared.value;
  await writeOut(input.out, letter.pdf);
  return t.t('cli.letter.wrotePreview', {
    out: input.out,
    template: input.template,
    locale: letter.locale,
    customer: customerName,
    subject: letter.subject,
    bytes: letter.pdf.length,
  });
}

/** Writes the stored PDF of letter `letterId` (as sent) to `out`; returns a summary line in `t`'s language. */
export async function writeStoredLetterPdf(
  db: Knex,
  letterId: string,
  out: string,
  t: Translator = translator('en'),
): Promise<string> {
  if (!/^[1-9]\d{0,9}$/.test(letterId)) throw refusal('cli.letter.badNumber', { letter: letterId });
  await checkOutFile(out);
  const file = await loadLetterFile(db, Number(letterId));
  if (!file) throw refusal('cli.letter.noStoredPdf', { letter: letterId });
  await writeOut(out, file.pdf);
  return t.t('cli.letter.wroteStored', {
    out,
    file: file.filename,
    subject: file.subject,
    bytes: file.pdf.byteLength,
    sha256: file.sha256,
  });
}
