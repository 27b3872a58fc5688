/**
 * `duebot letter pdf|preview`: a letter's stored PDF, or a template rendered to a file (nothing sent), said
 * in the company's language (DUEBOT_LOCALE).
 */
import { userInfo } from 'node:os';
import {
  checkOutFile,
  LetterPreviewError,
  previewLetterToFile,
  writeStoredLetterPdf,
} from '../letters/preview-command.ts';
import { companyT } from '../i18n/speech.ts';
import { environmentT, type Translator } from '../i18n/translate.ts';
import { dispatchContext } from '../runtime.ts';
import type { StdIo } from '../std-io.ts';
import { CliError, syncIfEmpty, withRuntime } from './run.ts';

/** A preview's refusal as the command's one line; anything else goes on as it is (a bug). */
const refused = (command: string, t: Translator) => (error: unknown) => {
  throw error instanceof LetterPreviewError
    ? new CliError(`duebot letter ${command}: ${error.say(t)}`)
    : error;
};

/** `duebot letter pdf <letter> --out <file.pdf>`. */
export function writeLetterPdf(io: StdIo, letter: string, options: { out: string }): Promise<void> {
  return withRuntime(io, async (runtime) => {
    const t = companyT(runtime.config.language);
    const line = await writeStoredLetterPdf(runtime.db.knex, letter, options.out, t).catch(refused('pdf', t));
    io.stdout.write(`${line}\n`);
  });
}

/** `duebot letter preview <template> [--account] [--locale] --out <file.pdf>`. */
export async function previewLetter(
  io: StdIo,
  template: string,
  options: { account?: string; locale?: string; out: string },
): Promise<void> {
  // Checked before the settings are read: the language as the environment names it.
  await checkOutFile(options.out).catch(refused('preview', environmentT(io.env)));
  return withRuntime(io, async (runtime) => {
    const t = companyT(runtime.config.language);
    await syncIfEmpty(runtime);
    const line = await previewLetterToFile(
      { ...dispatchContext(runtime), letters: runtime.config.letters },
      {
        template,
        out: options.out,
        senderName: runtime.config.shellUser ?? userInfo().username ?? 'duebot',
        ...(options.account !== undefined ? { account: options.account } : {}),
        ...(options.locale !== undefined ? { locale: options.locale } : {}),
      },
      t,
    ).catch(refused('preview', t));
    io.stdout.write(`${line}\n`);
  });
}
