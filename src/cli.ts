import { userInfo } from 'node:os';
import { Command } from 'commander';
import { runShell } from '../adapters/shell/shell.ts';
import { SlackStartError, startSlack } from '../adapters/slack/start.ts';
import { type Config, loadConfig } from './config.ts';
import { migrate, openDatabase } from './db.ts';
import { describeSettings, explainConnectionError, runChecks } from './doctor.ts';
import { loadDemoLedger } from './ledger/demo.ts';
import { openTotals } from './ledger/totals.ts';
import { createLogger, type Logger } from './log.ts';
import {
  ConnectionError,
  dispatchContext,
  openRuntime,
  type Runtime,
  scheduleSync,
  syncNow,
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

function settings(): { config: Config; log: Logger } {
  const result = loadConfig(process.env);
  if (!result.ok) {
    const lines = result.problems.map((p) => `  ${p}`).join('\n');
    throw new CliError(`duebot cannot start: the settings have problems\n${lines}`, 2);
  }
  const log = createLogger({ level: result.config.log.level, format: result.config.log.format });
  return { config: result.config, log };
}

async function withRuntime<T>(work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const { config, log } = settings();
  const runtime = await openRuntime(config, log).catch((error: unknown) => {
    throw connectionFailure(error, config);
  });
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

function connectionFailure(error: unknown, config: Config): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ledger_mapping_invalid') return new CliError(`duebot: ${(error as Error).message}`);
  if (code === 'policy_invalid') {
    return new CliError(`duebot cannot start: the settings have problems\n  ${(error as Error).message}`, 2);
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
  );
}

function formatMinor(minor: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay: 'code' });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits).replace(/\u00a0/g, ' ');
}

async function printTotals(runtime: Runtime): Promise<void> {
  const today = runtime.clock.today();
  const totals = await openTotals(runtime.db.knex, today);
  const out = [`Open receivables on ${today} (${runtime.ledger.name} ledger):`];
  if (totals.length === 0) out.push('  nothing open');
  for (const t of totals) {
    out.push(
      `  ${formatMinor(t.openMinor, t.currency)} open in ${t.openItems.toLocaleString('en')} invoices of ${t.customers} customers; ` +
        `${formatMinor(t.overdueMinor, t.currency)} overdue in ${t.overdueItems.toLocaleString('en')} invoices`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

/** The terminal shell on stdin/stdout: interactive on a terminal, one command per line when piped. */
async function shell(runtime: Runtime): Promise<void> {
  const name = runtime.config.shellUser ?? userInfo().username ?? 'me';
  const signal = stopSignal();
  void signal.wait.then(() => process.stdin.emit('end')); // ends the shell's input: runShell returns
  try {
    await runShell({
      ctx: {
        ...dispatchContext(runtime),
        roleFor: (_platform, id) => (id === name.toLowerCase() ? runtime.config.shellRole : 'collector'),
      },
      input: process.stdin,
      output: process.stdout,
      color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
      interactive: Boolean(process.stdin.isTTY),
      user: { platform: 'shell', id: name.toLowerCase(), name },
      width: process.stdout.columns ?? 100,
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

/** The chat adapters (Slack, Teams, or both on one HTTP port) until SIGINT or SIGTERM. */
async function serveChat(runtime: Runtime): Promise<void> {
  const signal = stopSignal();
  const stops: (() => Promise<void>)[] = [];
  // Loaded only when Teams is on: botbuilder takes a second or more to import.
  const teamsModule = runtime.config.teams ? await import('../adapters/teams/start.ts') : undefined;
  const fail = (error: unknown) => {
    throw error instanceof SlackStartError || (teamsModule && error instanceof teamsModule.TeamsStartError)
      ? new CliError(`duebot: ${error.message}`)
      : error;
  };
  try {
    const teams = teamsModule ? await teamsModule.createTeams(runtime).catch(fail) : undefined;
    if (runtime.config.slack) {
      const slack = await startSlack(
        runtime,
        teams && teamsModule ? { extraRoutes: [teamsModule.teamsRoute(teams)] } : {},
      ).catch(fail);
      stops.push(slack.stop);
      if (teams)
        runtime.log.info(
          `Teams on the same port ${slack.port}: messaging endpoint https://<your host>/api/messages`,
        );
    } else if (teams && teamsModule && runtime.config.teams) {
      const served = await teamsModule.serveTeams(teams, runtime.db.knex, {
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

const program = new Command()
  .name('duebot')
  .description('Collections bot: the overdue worklist from your accounting database, in chat')
  .showHelpAfterError();

program
  .command('start', { isDefault: true })
  .description('sync the ledger and run the bot (the default)')
  .action(() =>
    withRuntime(async (runtime) => {
      await syncNow(runtime, 'auto');
      await printTotals(runtime);
      const stopSync = scheduleSync(runtime);
      try {
        if (runtime.config.slack || runtime.config.teams) await serveChat(runtime);
        else await shell(runtime);
      } finally {
        stopSync();
      }
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
    const { config, log } = settings();
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

program
  .command('doctor')
  .description('print the effective settings (secrets masked) and check each database connection')
  .action(async () => {
    const { config } = settings();
    const rows = describeSettings(config);
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
