/** `duebot migrate|sync|demo`: the bot database's schema, a sync from the ledger, the demo ledger. */
import { migrate as migrateSchema, openDatabase } from '../db.ts';
import { loadDemoLedger } from '../ledger/demo.ts';
import { printTotals } from '../main.ts';
import { readTemplate, templatePath, writeTemplate } from '../embedded/template.ts';
import { syncNow } from '../sync-loop.ts';
import { CliError, connectionFailure, settings, withRuntime } from './run.ts';

/** `duebot migrate`: brings the bot database schema up to date, and says what it applied. */
export async function migrate(): Promise<void> {
  const { config, log } = await settings();
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
export function sync(options: { full?: boolean }): Promise<void> {
  return withRuntime(async (runtime) => {
    await syncNow(runtime, options.full ? 'full' : 'incremental');
  });
}

/** `duebot demo [--reset]`: the demo ledger loaded (or reset) and synced, with its totals. */
export function demo(options: { reset?: boolean }): Promise<void> {
  return withRuntime(async (runtime) => {
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
  });
}

/**
 * `duebot embedded-template`: makes the ready-made empty database new embedded data dirs start from
 * (src/embedded/template.ts); npm's postinstall runs it. It never fails an install: without the dump the
 * first start runs initdb itself, a few seconds slower.
 */
export async function embeddedTemplate(options: { ifMissing?: boolean }): Promise<void> {
  const path = templatePath();
  if (options.ifMissing && (await readTemplate(path))) return;
  const started = Date.now();
  try {
    const made = await writeTemplate(path);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `duebot: prepared the embedded database template (${(made.bytes / 1e6).toFixed(1)} MB, ${seconds} s); new data dirs start from it\n`,
    );
  } catch (error) {
    process.stdout.write(
      `duebot: could not prepare the embedded database template (${(error as Error).message}); the first start will create its database itself\n`,
    );
  }
}
