/** `duebot migrate|sync|demo`: the bot database's schema, a sync from the ledger, the demo ledger. */
import { migrate as migrateSchema, openDatabase } from '../db.ts';
import { loadDemoLedger } from '../ledger/demo.ts';
import { printTotals } from '../main.ts';
import { readTemplate, templatePath, writeTemplate } from '../embedded/template.ts';
import { syncNow } from '../sync-loop.ts';
import { companyT } from '../i18n/speech.ts';
import { environmentT } from '../i18n/translate.ts';
import type { StdIo } from '../std-io.ts';
import { CliError, connectionFailure, settings, withRuntime } from './run.ts';

/** `duebot migrate`: brings the bot database schema up to date, and says what it applied. */
export async function migrate(io: StdIo): Promise<void> {
  const { config, log } = await settings(io);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }).catch(
    (error: unknown) => {
      throw connectionFailure(error, config);
    },
  );
  try {
    const applied = await migrateSchema(db.knex).catch((error: unknown) => {
      throw connectionFailure(error, config);
    });
    log.info(applied.length ? `applied ${applied.join(', ')}` : 'schema already up to date');
  } finally {
    await db.close();
  }
}

/** `duebot sync [--full]`. */
export function sync(io: StdIo, options: { full?: boolean }): Promise<void> {
  return withRuntime(io, async (runtime) => {
    await syncNow(runtime, options.full ? 'full' : 'incremental');
  });
}

/** `duebot demo [--reset]`: the demo ledger loaded (or reset) and synced, with its totals. */
export function demo(io: StdIo, options: { reset?: boolean }): Promise<void> {
  return withRuntime(io, async (runtime) => {
    if (runtime.config.ledger.url) {
      throw new CliError(companyT(runtime.config.language).t('cli.demo.ledgerUrl'));
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
  });
}

/**
 * `duebot embedded-template`: makes the ready-made empty database new embedded data dirs start from
 * (src/embedded/template.ts); npm's postinstall runs it. It never fails an install: without the dump the
 * first start runs initdb itself, a few seconds slower.
 */
export async function embeddedTemplate(io: StdIo, options: { ifMissing?: boolean }): Promise<void> {
  const path = templatePath(io.env.DUEBOT_TEMPLATE_DIR);
  if (options.ifMissing && (await readTemplate(path))) return;
  const started = Date.now();
  // npm's install step reads no settings: the language as the environment names it (DUEBOT_LOCALE).
  const t = environmentT(io.env);
  try {
    const made = await writeTemplate(path);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    io.stdout.write(`${t.t('cli.template.made', { megabytes: (made.bytes / 1e6).toFixed(1), seconds })}\n`);
  } catch (error) {
    io.stdout.write(`${t.t('cli.template.failed', { error: (error as Error).message })}\n`);
  }
}
