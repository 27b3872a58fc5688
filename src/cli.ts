import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { startShellRoles } from '../adapters/shell/identity.ts';
import { printPosts } from '../adapters/shell/posts.ts';
import { runShell } from '../adapters/shell/shell.ts';
import type * as TeamsStart from '../adapters/teams/start.ts';
import { formatMoney } from './collections/money.ts';
import { type Config, type ConfigResult, loadConfig } from './config.ts';
import { migrate, openDatabase } from './db.ts';
import { describeSettings, explainConnectionError, explainLedgerError, runChecks } from './doctor.ts';
import { checkSettingFiles, problemLine } from './setting-checks.ts';
import { scheduleLine } from './jobs/next-runs.ts';
import { createJobs } from './jobs/registry.ts';
import { createScheduledPosts } from './jobs/service.ts';
import { ledgerLabel } from './ledger/configured.ts';
import { loadDemoLedger } from './ledger/demo.ts';
import {
  checkOutFile,
  LetterPreviewError,
  previewLetterToFile,
  writeStoredLetterPdf,
} from './letters/preview-command.ts';
import { openTotals } from './ledger/totals.ts';
import { createLogger, type Logger } from './log.ts';
import { type LeftOver, leftOverSince, outboxMark } from './outbox/left-over.ts';
import {
  ConnectionError,
  chatOuts,
  dispatchContext,
  NoSnapshotError,
  openRuntime,
  type Runtime,
  scheduleSync,
  syncAtStart,
  syncNow,
  withScheduledPosts,
} from './main.ts';

/** An expected failure: printed as one clear line, no stack trace. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/**
 * The settings, refused with every problem at once (exit 2): those of the values themselves and those of
 * the files they name, the same checks `duebot doctor` lists. With `checkFiles: false` (doctor) the file
 * problems are left to the caller, unless the values already have problems.
 */
async function settings(checkFiles = true): Promise<{ config: Config; log: Logger }> {
  const { config, problems } = await settingProblems(checkFiles);
  if (!config || problems.length > 0) {
    const lines = problems.map((p) => `  ${p}`).join('\n');
    throw new CliError(`duebot cannot start: the settings have problems\n${lines}`, 2);
  }
  const log = createLogger({ level: config.log.level, format: config.log.format });
  processLog = log;
  return { config, log };
}

async function settingProblems(checkFiles: boolean): Promise<{ config?: Config; problems: string[] }> {
  const result = loadConfig(process.env);
  if (result.ok) {
    if (!checkFiles) return { config: result.config, problems: [] };
    const failed = (await checkSettingFiles(result.config)).filter((c) => !c.ok);
    return { config: result.config, problems: failed.map(problemLine) };
  }
  // The files are still checked, with the variables that have problems left at their defaults.
  const env = { ...process.env };
  let lenient: ConfigResult = result;
  for (let round = 0; round < 3 && !lenient.ok; round += 1) {
    for (const problem of lenient.problems) delete env[problem.slice(0, problem.indexOf(':'))];
    lenient = loadConfig(env);
  }
  const failed = lenient.ok ? (await checkSettingFiles(lenient.config)).filter((c) => !c.ok) : [];
  return { problems: [...result.problems, ...failed.map(problemLine)] };
}

let processLog: Logger | undefined;

/**
 * A promise nobody awaited that fails (work a request started, a listener's error) is logged and the process
 * goes on: Node's default ends it, and with it every other request and the scheduled posts.
 */
process.on('unhandledRejection', (reason) => {
  (processLog ?? createLogger({ level: 'error' })).error(
    { err: reason },
    'unhandled rejection (a bug; the process goes on)',
  );
});

async function withRuntime<T>(work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const { config, log } = await settings();
  const runtime = await openRuntime(config, log).catch((error: unknown) => {
    throw connectionFailure(error, config);
  });
  try {
    return await work(runtime).catch((error: unknown) => {
      // The ledger could not be read (`duebot sync`, a first start) or its mapping is wrong: doctor's words.
      throw connectionFailure(error, config);
    });
  } finally {
    await runtime.close();
  }
}

/** Errors of reading the ledger that the settings (LEDGER_URL, LEDGER_MAPPING) or its server must fix. */
const LEDGER_CODES = ['ledger_read_failed', 'ledger_mapping_invalid', 'ledger_mapping_unreadable'];

/**
 * An expected failure as one line and a fix, in `duebot doctor`'s words; the ledger's with exit code 2
 * (README: a setting to fix). Anything else is returned as it is: a bug, printed with its stack.
 */
function connectionFailure(error: unknown, config: Config): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && LEDGER_CODES.includes(code)) {
    const { detail, fix } = explainLedgerError(error, config);
    return new CliError(
      `duebot: accounting database: ${detail}${fix ? `\n  fix: ${fix}` : ''}\n  (run duebot doctor to check every setting)`,
      2,
    );
  }
  if (code === 'policy_invalid') {
    return new CliError(`duebot cannot start: the settings have problems\n  ${(error as Error).message}`, 2);
  }
  if (error instanceof NoSnapshotError) {
    const { detail, fix } = explainLedgerError(error.cause, config);
    return new CliError(
      `duebot cannot start: the ledger cannot be read (${detail}) and there is no snapshot of it to serve yet${fix ? `\n  fix: ${fix}` : ''}\n  (run duebot doctor to check every setting)`,
      2,
    );
  }
  const [variable, url, cause] =
    error instanceof ConnectionError
      ? [error.variable, error.url, error.cause]
      : typeof code === 'string'
        ? ['DATABASE_URL', config.databaseUrl ?? '', error]
        : [null, '', error];
  if (!variable) return error;
  const { detail, fix } = explainConnectionError(cause, variable, url);
  return new CliError(
    `duebot: ${detail}${fix ? `\n  fix: ${fix}` : ''}\n  (run duebot doctor to check every setting)`,
    variable === 'LEDGER_URL' ? 2 : 1,
  );
}

async function printTotals(runtime: Runtime): Promise<void> {
  const today = runtime.clock.today();
  const totals = await openTotals(runtime.db.knex, today);
  const out = [`Open receivables on ${today} (${ledgerLabel(runtime.config.ledger.url)}):`];
  if (totals.length === 0) out.push('  nothing open');
  for (const t of totals) {
    out.push(
      `  ${formatMoney({ minor: t.openMinor, currency: t.currency })} open in ${t.openItems.toLocaleString('en')} invoices of ${t.customers} customers; ` +
        `${formatMoney({ minor: t.overdueMinor, currency: t.currency })} overdue in ${t.overdueItems.toLocaleString('en')} invoices`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

/** `duebot <job>`: run a scheduled job now (once per period) and deliver, or print it with --dry-run. */
/** A command that reads the worklist right after install syncs the ledger first, instead of finding nothing. */
async function syncIfEmpty(runtime: Runtime): Promise<void> {
  const summary = await runtime.db.knex('account_summary').count({ n: '*' });
  if (Number(summary[0]?.n ?? 0) === 0) await syncNow(runtime, 'auto');
}

/** Exit code of a job command that ran but left some of its posts in the outbox (README's command table). */
const UNDELIVERED_EXIT_CODE = 3;

/** One line on posts a job command left undelivered, or null when everything went out. */
function leftOverLine(left: LeftOver): string | null {
  if (left.waiting === 0 && left.failed === 0) return null;
  const parts: string[] = [];
  if (left.waiting > 0)
    parts.push(
      `${left.waiting} of ${left.total} posts not delivered yet: they stay in the outbox and go out at the next start`,
    );
  if (left.failed > 0) parts.push(`${left.failed} of ${left.total} posts could not be delivered`);
  const why = left.lastError ? ` (last error: ${left.lastError})` : '';
  return `${parts.join('; ')}${why}; see duebot doctor and the log`;
}

function jobCommand(name: string, description: string): void {
  program
    .command(name)
    .description(description)
    .option('--dry-run', 'print what would be posted, and post nothing')
    .action((options: { dryRun?: boolean }) =>
      withRuntime(async (runtime) => {
        await syncIfEmpty(runtime);
        const posts = createScheduledPosts(
          { ...runtime, db: runtime.db.knex },
          options.dryRun ? [] : await chatOuts(runtime),
        );
        if (options.dryRun) {
          const preview = await posts.scheduler.preview(name);
          const why = preview.length === 0 ? await posts.scheduler.whyNothing(name) : undefined;
          await printPosts(runtime.db.knex, preview, process.stdout, why);
          return;
        }
        const mark = await outboxMark(runtime.db.knex);
        const entry = await posts.scheduler.runNow(name);
        if (entry.outcome.status === 'failed') throw new CliError(`duebot ${name}: ${entry.outcome.error}`);
        if (entry.outcome.status === 'already-done')
          runtime.log.info(`${name} already ran for ${entry.periodKey}`);
        await posts.worker.drain();
        const left = leftOverLine(await leftOverSince(runtime.db.knex, mark));
        if (left) throw new CliError(`duebot ${name}: ${left}`, UNDELIVERED_EXIT_CODE);
      }),
    );
}

/**
 * The terminal shell on stdin/stdout: interactive on a terminal, one command per line when piped.
 * `onReady` (start's scheduled posts) begins once the shell has greeted, so none of it holds up the prompt.
 */
async function shell(runtime: Runtime, onReady?: () => Promise<void>): Promise<void> {
  const name = runtime.config.shellUser ?? userInfo().username ?? 'me';
  const signal = stopSignal();
  void signal.wait.then(() => process.stdin.emit('end')); // ends the shell's input: runShell returns
  try {
    const roleLists = await startShellRoles(
      runtime.db.knex,
      name.toLowerCase(),
      runtime.config.shellRole,
      runtime.log,
    );
    await runShell({
      ctx: { ...dispatchContext(runtime), roleLists },
      input: process.stdin,
      output: process.stdout,
      color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
      interactive: Boolean(process.stdin.isTTY),
      user: { platform: 'shell', id: name.toLowerCase(), name },
      width: process.stdout.columns ?? 100,
      filesDir: join(runtime.config.dataDir, 'letters'),
      onReady: () =>
        void onReady?.().catch((error: unknown) =>
          runtime.log.error({ err: error }, 'scheduled posts could not start'),
        ),
    });
  } finally {
    signal.dispose();
  }
}

/** Resolves on the first SIGINT or SIGTERM, so `start` can close everything cleanly. */
function stopSignal(): { wait: Promise<NodeJS.Signals>; dispose(): void } {
  let done: (signal: NodeJS.Signals) => void = () => undefined;
  const wait = new Promise<NodeJS.Signals>((resolve) => {
    done = resolve;
  });
  const onSignal = (signal: NodeJS.Signals) => done(signal);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    wait,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

type TeamsModule = typeof TeamsStart;

/** Teams when it is configured: its module (loaded only then: botbuilder takes a second or more to import) and app. */
async function loadTeams(
  runtime: Runtime,
): Promise<{ module: TeamsModule; app: Awaited<ReturnType<TeamsModule['createTeams']>> } | undefined> {
  if (!runtime.config.teams) return undefined;
  const module = await import('../adapters/teams/start.ts');
  try {
    return { module, app: await module.createTeams(runtime) };
  } catch (error) {
    throw error instanceof module.TeamsStartError ? new CliError(`duebot: ${error.message}`) : error;
  }
}

/** The chat adapters (Slack, Teams, or both on one HTTP port) until SIGINT or SIGTERM. */
async function serveChat(runtime: Runtime, loaded: Awaited<ReturnType<typeof loadTeams>>): Promise<void> {
  const signal = stopSignal();
  const stops: (() => Promise<void>)[] = [];
  const teamsModule = loaded?.module;
  try {
    const teams = loaded?.app;
    if (runtime.config.slack) {
      // Loaded only when on, like Teams: Bolt takes seconds to import that a terminal start never needs.
      const { SlackStartError, startSlack } = await import('../adapters/slack/start.ts');
      const fail = (error: unknown) => {
        throw error instanceof SlackStartError ? new CliError(`duebot: ${error.message}`) : error;
      };
      const slack = await startSlack(
        runtime,
        teams && teamsModule ? { extraRoutes: teamsModule.teamsRoutes(teams) } : {},
      ).catch(fail);
      stops.push(slack.stop);
      if (teams)
        runtime.log.info(
          `Teams on the same port ${slack.port}: messaging endpoint https://<your host>/api/messages`,
        );
    } else if (teams && teamsModule && runtime.config.teams) {
      const served = await teamsModule.serveTeams(teams, dispatchContext(runtime), {
        port: runtime.config.teams.port,
      });
      stops.push(served.stop);
      runtime.log.info(
        `Teams listening on port ${served.port} (messaging endpoint https://<your host>/api/messages; /healthz)`,
      );
    }
    runtime.log.info(`stopping on ${await signal.wait}`);
  } finally {
    for (const stop of stops) await stop();
    signal.dispose();
  }
}

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
  .action(() =>
    withRuntime(async (runtime) => {
      const teams = await loadTeams(runtime);
      await withScheduledPosts(
        runtime,
        async (beginScheduledPosts) => {
          // A ledger that cannot be read is logged in one line; the bot serves its snapshot and retries.
          const failures = await syncAtStart(runtime);
          await printTotals(runtime);
          if (runtime.config.jobs.enabled)
            process.stdout.write(
              `${scheduleLine(createJobs(runtime.config), runtime.clock, runtime.policy.calendar)}\n`,
            );
          const stopSync = scheduleSync(runtime, failures);
          try {
            if (runtime.config.slack || teams) {
              await beginScheduledPosts();
              await serveChat(runtime, teams);
            } else await shell(runtime, beginScheduledPosts);
          } finally {
            stopSync();
          }
        },
        teams ? [teams.module.teamsChatOut(teams.app, runtime)] : [],
      );
    }),
  );

program
  .command('shell')
  .description('the terminal shell on the configured database (also what start opens without chat settings)')
  .action(() => withRuntime((runtime) => shell(runtime)));

program
  .command('migrate')
  .description('bring the bot database schema up to date')
  .action(async () => {
    const { config, log } = await settings();
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }).catch(
      (error: unknown) => {
        throw connectionFailure(error, config);
      },
    );
    try {
      const applied = await migrate(db.knex).catch((error: unknown) => {
        throw connectionFailure(error, config);
      });
      log.info(applied.length ? `applied ${applied.join(', ')}` : 'schema already up to date');
    } finally {
      await db.close();
    }
  });

program
  .command('sync')
  .description('read changed open items from the ledger into the bot database')
  .option('--full', 'read every open item and mark those no longer open as settled')
  .action((options: { full?: boolean }) =>
    withRuntime(async (runtime) => {
      await syncNow(runtime, options.full ? 'full' : 'incremental');
    }),
  );

program
  .command('demo')
  .description('load the demo ledger (or reset it to its initial state) and sync it')
  .option('--reset', 'drop the demo ledger and create it again')
  .action((options: { reset?: boolean }) =>
    withRuntime(async (runtime) => {
      if (runtime.config.ledger.url) {
        throw new CliError(
          'duebot demo: LEDGER_URL is set, so the demo ledger is not in use; unset it to use the demo',
        );
      }
      const result = await loadDemoLedger(runtime.db.knex, {
        today: runtime.clock.today(),
        reset: Boolean(options.reset),
      });
      runtime.log.info(
        `demo ledger ${result.created ? 'created' : 'already present'}: ${result.customers} customers, ${result.invoices} invoices`,
      );
      await syncNow(runtime, 'full');
      await printTotals(runtime);
    }),
  );

jobCommand('digest', 'the morning overdue digest (PB-24): run it now, or --dry-run to print it');
jobCommand('promise-follow-up', 'tell owners about missed promises (PB-20) now, or --dry-run to print it');
jobCommand('aging-report', 'the weekly aging report (PB-27) now, or --dry-run to print it');
jobCommand('alerts', 'large-account alerts (PB-07) now, or --dry-run to print what a check would post');
jobCommand('meeting', 'the monthly 30+ day credit meeting thread (PB-28) now, or --dry-run to print it');

program
  .command('doctor')
  .description('print the effective settings (secrets masked) and check each database connection')
  .action(async () => {
    const { config } = await settings(false);
    const rows = describeSettings(process.env);
    const width = Math.max(...rows.map(([name]) => name.length));
    const out = [
      'Settings:',
      ...rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`),
      '',
      'Checks:',
    ];
    const checks = await runChecks(config);
    for (const check of checks) {
      out.push(`  ${check.ok ? 'ok  ' : 'FAIL'}  ${check.name}: ${check.detail}`);
      if (!check.ok && check.fix) out.push(`        fix: ${check.fix}`);
    }
    process.stdout.write(`${out.join('\n')}\n`);
    if (checks.some((c) => !c.ok)) process.exitCode = 1;
  });

const letterCommand = program.command('letter').description('dunning letters');

letterCommand
  .command('pdf')
  .description('write the stored PDF of a letter (as it was sent or prepared) to a file')
  .argument('<letter>', 'the letter number, as shown with the letter (#12)')
  .requiredOption('--out <file.pdf>', 'where to write the PDF')
  .action((letter: string, options: { out: string }) =>
    withRuntime(async (runtime) => {
      const line = await writeStoredLetterPdf(runtime.db.knex, letter, options.out).catch(
        (error: unknown) => {
          throw error instanceof LetterPreviewError
            ? new CliError(`duebot letter pdf: ${error.message}`)
            : error;
        },
      );
      process.stdout.write(`${line}\n`);
    }),
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
  .action(async (template: string, options: { account?: string; locale?: string; out: string }) => {
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
  });

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
