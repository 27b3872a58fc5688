/**
 * The error a `duebot` command expects and reports in one line. Kept apart from run.ts (settings and
 * runtime) so the command line can tell it from a bug without importing the whole bot.
 */

/** An expected failure: printed as one clear line, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
