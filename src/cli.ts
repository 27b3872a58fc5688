/**
 * The `duebot` command: parses the command line and hands each command to its module (src/cli/ for the
 * one-shot commands, src/main.ts for `start` and `shell`, the running bot).
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { z } from 'zod';
import { demo, embeddedTemplate, migrate, sync } from './cli/database.ts';
import { doctor } from './cli/doctor.ts';
import { runJob } from './cli/jobs.ts';
import { previewLetter, writeLetterPdf } from './cli/letters.ts';
import { CliError, withRuntime } from './cli/run.ts';
import { shell, start } from './main.ts';

/** The version `duebot --version` prints: package.json's, so a bug report names the release. */
const VERSION = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))).version;

const program = new Command()
  .name('duebot')
  .description('Collections bot: the overdue worklist from your accounting database, in chat')
  .version(VERSION, '-V, --version', 'print the version of duebot')
  .showHelpAfterError();

program
  .command('start', { isDefault: true })
  .description('sync the ledger and run the bot (the default); on its snapshot while the ledger is down')
  .action(() => withRuntime((runtime) => start(runtime)));

program
  .command('shell')
  .description('the terminal shell on the configured database (also what start opens without chat settings)')
  .action(() => withRuntime((runtime) => shell(runtime)));

program.command('migrate').description('bring the bot database schema up to date').action(migrate);

program
  .command('embedded-template')
  .description('prepare the empty embedded database new data dirs start from (npm install runs it)')
  .option('--if-missing', 'only when there is none yet for this version')
  .action((options: { ifMissing?: boolean }) => embeddedTemplate(options));

program
  .command('sync')
  .description('read changed open items from the ledger into the bot database')
  .option('--full', 'read every open item and mark those no longer open as settled')
  .action((options: { full?: boolean }) => sync(options));

program
  .command('demo')
  .description('load the demo ledger (or reset it to its initial state) and sync it')
  .option('--reset', 'drop the demo ledger and create it again')
  .action((options: { reset?: boolean }) => demo(options));

/** `duebot <job>`: run a scheduled job now (once per period) and deliver, or print it with --dry-run. */
function jobCommand(name: string, description: string): void {
  program
    .command(name)
    .description(description)
    .option('--dry-run', 'print what would be posted, and post nothing')
    .action((options: { dryRun?: boolean }) => runJob(name, options));
}

jobCommand('digest', 'the morning overdue digest (PB-24): run it now, or --dry-run to print it');
jobCommand('promise-follow-up', 'tell owners about missed promises (PB-20) now, or --dry-run to print it');
jobCommand('aging-report', 'the weekly aging report (PB-27) now, or --dry-run to print it');
jobCommand('alerts', 'large-account alerts (PB-07) now, or --dry-run to print what a check would post');
jobCommand('meeting', 'the monthly 30+ day credit meeting thread (PB-28) now, or --dry-run to print it');

program
  .command('doctor')
  .description('print the effective settings (secrets masked) and check each database connection')
  .action(doctor);

const letterCommand = program.command('letter').description('dunning letters');

letterCommand
  .command('pdf')
  .description('write the stored PDF of a letter (as it was sent or prepared) to a file')
  .argument('<letter>', 'the letter number, as shown with the letter (#12)')
  .requiredOption('--out <file.pdf>', 'where to write the PDF')
  .action((letter: string, options: { out: string }) => writeLetterPdf(letter, options));

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
  .action((template: string, options: { account?: string; locale?: string; out: string }) =>
    previewLetter(template, options),
  );

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CliError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`duebot: unexpected error (a bug; please report it with this trace):\n`);
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  }
}
