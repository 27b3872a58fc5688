/**
 * How a `duebot` command runs: its settings (refused with every problem at once), its runtime (opened and
 * closed around the work), and an expected failure turned into one line and an exit code.
 */
import { ChatStartError } from '../chat/adapter.ts';
import { CliError } from './error.ts';
import { type Config, type ConfigResult, loadConfig, problemText } from '../config.ts';
import { explainConnectionError, explainLedgerError } from '../doctor.ts';
import { createLogger, type Logger } from '../log.ts';
import { ConnectionError, openRuntime, type Runtime } from '../runtime.ts';
import { checkSettingFiles, problemLine } from '../setting-checks.ts';
import type { EmbeddedDatabaseHeldError } from '../embedded/open.ts';
import { holderValues } from '../embedded/lock.ts';
import { saidBy, sayIn } from '../i18n/said.ts';
import { companyT } from '../i18n/speech.ts';
import { environmentT, type Translator } from '../i18n/translate.ts';
import type { PolicyError } from '../policy.ts';
import type { StdIo } from '../std-io.ts';
import { NoSnapshotError, syncNow } from '../sync-loop.ts';
import { useProcessLog } from './unhandled.ts';

// In its own module so src/cli.ts can recognise it without loading a runtime.
export { CliError } from './error.ts';

/**
 * The settings, refused with every problem at once (exit 2): those of the values themselves and those of
 * the files they name, the same checks `duebot doctor` lists. With `checkFiles: false` (doctor) the file
 * problems are left to the caller, unless the values already have problems. Said in the company's
 * language; settings that cannot be read are said in DUEBOT_LOCALE as the environment has it (English
 * when that one is wrong too).
 */
export async function settings(io: StdIo, checkFiles = true): Promise<{ config: Config; log: Logger }> {
  const { config, problems, t } = await settingProblems(io.env, checkFiles);
  if (!config || problems.length > 0) {
    const lines = problems.map((p) => `  ${p}`).join('\n');
    throw new CliError(`${t.t('cli.settings.problems')}\n${lines}`, 2);
  }
  const log = createLogger({ level: config.log.level, format: config.log.format, destination: io.stderr });
  useProcessLog(log);
  return { config, log };
}

async function settingProblems(
  environment: NodeJS.ProcessEnv,
  checkFiles: boolean,
): Promise<{ config?: Config; problems: string[]; t: Translator }> {
  const result = loadConfig(environment);
  if (result.ok) {
    const t = companyT(result.config.language);
    if (!checkFiles) return { config: result.config, problems: [], t };
    const failed = (await checkSettingFiles(result.config, t)).filter((c) => !c.ok);
    return { config: result.config, problems: failed.map((c) => problemLine(c, t)), t };
  }
  const t = environmentT(environment);
  // The files are still checked, with the variables that have problems left at their defaults.
  const env = { ...environment };
  let lenient: ConfigResult = result;
  for (let round = 0; round < 3 && !lenient.ok; round += 1) {
    for (const problem of lenient.said) delete env[problem.variable];
    lenient = loadConfig(env);
  }
  const failed = lenient.ok ? (await checkSettingFiles(lenient.config, t)).filter((c) => !c.ok) : [];
  return {
    problems: [...result.said.map((p) => problemText(p, t)), ...failed.map((c) => problemLine(c, t))],
    t,
  };
}

/** Runs `work` on an open runtime, closed after it; its expected failures become one line (CliError). */
export async function withRuntime<T>(io: StdIo, work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const { config, log } = await settings(io);
  const runtime = await openRuntime(config, log, io).catch((error: unknown) => {
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
 * (README: a setting to fix); a chat adapter that cannot start, in its own words. Anything else is
 * returned as it is: a bug, printed with its stack. Said in the company's language (DUEBOT_LOCALE).
 */
export function connectionFailure(
  error: unknown,
  config: Config,
  t: Translator = companyT(config.language),
): unknown {
  if (error instanceof ChatStartError) return new CliError(`duebot: ${error.message}`);
  const code = (error as { code?: unknown } | null)?.code;
  // Another duebot process owns the embedded database and cannot be reached: its words say who and what to do.
  if (code === 'embedded_database_held') {
    const held = error as EmbeddedDatabaseHeldError;
    return new CliError(t.t('cli.embedded.held', { dataDir: held.dataDir, ...holderValues(held.holder) }), 2);
  }
  // A line, the fix when there is one, and where to check every setting: each its own sentence.
  const withFix = (line: string, fix: string | null | undefined) =>
    [line, ...(fix ? [`  ${t.t('cli.failure.fix', { fix })}`] : []), `  ${t.t('cli.failure.doctor')}`].join(
      '\n',
    );
  if (typeof code === 'string' && LEDGER_CODES.includes(code)) {
    const { detail, fix } = explainLedgerError(error, config, t);
    return new CliError(withFix(t.t('cli.failure.ledger', { detail }), fix), 2);
  }
  if (code === 'policy_invalid') {
    const { variable } = error as PolicyError;
    const says = saidBy(error);
    const line =
      says && variable
        ? t.t('settings.line', { variable, problem: sayIn(t, says) })
        : (error as Error).message;
    return new CliError(`${t.t('cli.settings.problems')}\n  ${line}`, 2);
  }
  if (error instanceof NoSnapshotError) {
    const { detail, fix } = explainLedgerError(error.cause, config, t);
    return new CliError(withFix(t.t('cli.failure.noSnapshot', { detail }), fix), 2);
  }
  const [variable, url, cause] =
    error instanceof ConnectionError
      ? [error.variable, error.url, error.cause]
      : typeof code === 'string'
        ? ['DATABASE_URL', config.databaseUrl ?? '', error]
        : [null, '', error];
  if (!variable) return error;
  const { detail, fix } = explainConnectionError(cause, variable, url, t);
  return new CliError(
    withFix(t.t('cli.failure.connection', { detail }), fix),
    variable === 'LEDGER_URL' ? 2 : 1,
  );
}

/** A command that reads the worklist right after install syncs the ledger first, instead of finding nothing. */
export async function syncIfEmpty(runtime: Runtime): Promise<void> {
  const summary = await runtime.db.knex('account_summary').count({ n: '*' });
  if (Number(summary[0]?.n ?? 0) === 0) await syncNow(runtime, 'auto');
}
