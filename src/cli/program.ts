/**
 * The `duebot` command line: parses the arguments and hands each command to its module (src/cli/ for the
 * one-shot commands, src/main.ts for `start` and `shell`, the running bot), with the streams and
 * environment it is given (src/cli.ts gives the process's own). Returns the exit code.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import type { StdIo } from '../std-io.ts';
import { CliError } from './error.ts';

// Each command imports its module when it runs, not before: the bot's modules (database drivers, the
// ledger, templates, logging, metrics) cost a second or more of start-up that `duebot --version`,
// `--help` and every one-shot command other than their own should not pay.

/** The version `duebot --version` prints: package.json's, so a bug report names the release. */
const VERSION = packageVersion(
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')),
);

function packageVersion(manifest: unknown): string {
  const version = (manifest as { version?: unknown } | null)?.version;
  if (typeof version !== 'string') throw new Error('package.json has no version string');
  return version;
}

/** Runs `duebot <args>` (the arguments after the command's name) with `io`; resolves with its exit code. */
export async function duebot(args: string[], io: StdIo): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name('duebot')
    .description('Collections bot: the overdue worklist from your accounting database, in chat')
    // Commander's help, version and usage errors go to the streams given, and end with an exit code
    // returned here rather than process.exit (set before any command, so each subcommand inherits it).
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride()
    .version(VERSION, '-V, --version', 'print the version of duebot')
    .showHelpAfterError();

  program
    .command('start', { isDefault: true })
    .description('sync the ledger and run the bot (the default); on its snapshot while the ledger is down')
    .action(async () => {
      const [{ withRuntime }, { start }] = await Promise.all([import('./run.ts'), import('../main.ts')]);
      await withRuntime(io, (runtime) => start(runtime));
    });

  program
    .command('shell')
    .description(
      'the terminal shell on the configured database (also what start opens without chat settings)',
    )
    .action(async () => {
      const [{ withRuntime }, { shell }] = await Promise.all([import('./run.ts'), import('../main.ts')]);
      await withRuntime(io, (runtime) => shell(runtime));
    });

  program
    .command('migrate')
    .description('bring the bot database schema up to date')
    .action(async () => (await import('./database.ts')).migrate(io));

  program
    .command('embedded-template')
    .description('prepare the empty embedded database new data dirs start from (npm install runs it)')
    .option('--if-missing', 'only when there is none yet for this version')
    .action(async (options: { ifMissing?: boolean }) =>
      (await import('./database.ts')).embeddedTemplate(io, options),
    );

  program
    .command('sync')
    .description('read changed open items from the ledger into the bot database')
    .option('--full', 'read every open item and mark those no longer open as settled')
    .action(async (options: { full?: boolean }) => (await import('./database.ts')).sync(io, options));

  program
    .command('demo')
    .description('load the demo ledger (or reset it to its initial state) and sync it')
    .option('--reset', 'drop the demo ledger and create it again')
    .action(async (options: { reset?: boolean }) => (await import('./database.ts')).demo(io, options));

  /** `duebot <job>`: run a scheduled job now (once per period) and deliver, or print it with --dry-run. */
  const jobCommand = (name: string, description: string) =>
    program
      .command(name)
      .description(description)
      .option('--dry-run', 'print what would be posted, and post nothing')
      .action(async (options: { dryRun?: boolean }) => (await import('./jobs.ts')).runJob(io, name, options));

  jobCommand('digest', 'the morning overdue digest (PB-24): run it now, or --dry-run to print it');
  jobCommand('promise-follow-up', 'tell owners about missed promises (PB-20) now, or --dry-run to print it');
  jobCommand('aging-report', 'the weekly aging report (PB-27) now, or --dry-run to print it');
  jobCommand('alerts', 'large-account alerts (PB-07) now, or --dry-run to print what a check would post');
  jobCommand('meeting', 'the monthly 30+ day credit meeting thread (PB-28) now, or --dry-run to print it');

  program
    .command('doctor')
    .description('print the effective settings (secrets masked) and check each database connection')
    .action(async () => {
      if (!(await (await import('./doctor.ts')).doctor(io))) exitCode = 1;
    });

  const letterCommand = program.command('letter').description('dunning letters');

  letterCommand
    .command('pdf')
    .description('write the stored PDF of a letter (as it was sent or prepared) to a file')
    .argument('<letter>', 'the letter number, as shown with the letter (#12)')
    .requiredOption('--out <file.pdf>', 'where to write the PDF')
    .action(async (letter: string, options: { out: string }) =>
      (await import('./letters.ts')).writeLetterPdf(io, letter, options),
    );

  letterCommand
    .command('preview')
    .description('render a letter to a PDF file (nothing is sent or stored)')
    .argument(
      '<template>',
      'reminder, polite-reminder, formal-demand, final-notice, lawyer-letter-request, payment-plan, call-summary, missed-discount',
    )
    .option('--account <customer id>', 'the account (default: the top of the worklist)')
    .option('--locale <locale>', "en, zh-CN or zh-TW (default: the customer's)")
    .requiredOption('--out <file.pdf>', 'where to write the PDF')
    .action(async (template: string, options: { account?: string; locale?: string; out: string }) =>
      (await import('./letters.ts')).previewLetter(io, template, options),
    );

  try {
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    // --help, --version and usage errors: commander has said what it says.
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliError) {
      io.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    // In the company's language; the i18n modules are loaded only now, and a failure to load them still
    // leaves the trace below.
    const said = await import('../i18n/translate.ts').then(
      ({ environmentT }) => environmentT(io.env).t('cli.bug'),
      () => 'duebot:',
    );
    io.stderr.write(`${said}\n`);
    io.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    return 1;
  }
}
