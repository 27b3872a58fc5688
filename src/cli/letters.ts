/** `duebot letter pdf|preview`: a letter's stored PDF, or a template rendered to a file (nothing sent). */
import { userInfo } from 'node:os';
import {
  checkOutFile,
  LetterPreviewError,
  previewLetterToFile,
  writeStoredLetterPdf,
} from '../letters/preview-command.ts';
import { dispatchContext } from '../runtime.ts';
import { CliError, syncIfEmpty, withRuntime } from './run.ts';

/** `duebot letter pdf <letter> --out <file.pdf>`. */
export function writeLetterPdf(letter: string, options: { out: string }): Promise<void> {
  return withRuntime(async (runtime) => {
    const line = await writeStoredLetterPdf(runtime.db.knex, letter, options.out).catch((error: unknown) => {
      throw error instanceof LetterPreviewError ? new CliError(`duebot letter pdf: ${error.message}`) : error;
    });
    process.stdout.write(`${line}\n`);
  });
}

/** `duebot letter preview <template> [--account] [--locale] --out <file.pdf>`. */
export async function previewLetter(
  template: string,
  options: { account?: string; locale?: string; out: string },
): Promise<void> {
  await checkOutFile(options.out).catch((error: unknown) => {
    throw error instanceof LetterPreviewError
      ? new CliError(`duebot letter preview: ${error.message}`)
      : error;
  });
  return withRuntime(async (runtime) => {
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
    ).catch((error: unknown) => {
      throw error instanceof LetterPreviewError
        ? new CliError(`duebot letter preview: ${error.message}`)
        : error;
    });
    process.stdout.write(`${line}\n`);
  });
}
