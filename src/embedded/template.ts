/**
 * A ready-made empty cluster for new embedded databases. PGlite's initdb takes about 5 s on two cores;
 * loading a dump of an empty cluster takes about 1 s, so the first start of a new install (and every new
 * data dir after it) skips initdb. The dump is made once per PGlite version, at install time
 * (`duebot embedded-template`, run by npm's postinstall), and kept in the package's cache folder. It holds
 * nothing but initdb's output: the schema is still made by the migrations, so it never goes stale with
 * them, and a missing or unreadable dump only means the slow path.
 */
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The PGlite version duebot pins (package.json), which names the dump: another version makes its own. */
function pgliteVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return (pkg.dependencies?.['@electric-sql/pglite'] ?? 'unknown').replace(/[^\w.-]/g, '');
}

/** Where the dump for this PGlite version lives (DUEBOT_TEMPLATE_DIR moves it, for read-only installs). */
export function templatePath(dir = process.env.DUEBOT_TEMPLATE_DIR): string {
  const folder = dir || join(ROOT, 'node_modules', '.cache', 'duebot');
  return join(folder, `pglite-${pgliteVersion()}-empty.tar.gz`);
}

/** The dump, when one was made for this PGlite version; undefined otherwise (initdb runs instead). */
export async function readTemplate(path = templatePath()): Promise<Blob | undefined> {
  const bytes = await readFile(path).catch(() => undefined);
  return bytes && bytes.length > 0 ? new Blob([bytes]) : undefined;
}

/** Makes the dump (initdb in memory, then a gzip of its data dir), written whole or not at all. */
export async function writeTemplate(path = templatePath()): Promise<{ path: string; bytes: number }> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create();
  try {
    const dump = Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, dump);
    await rename(partial, path);
    return { path, bytes: (await stat(path)).size };
  } finally {
    await pglite.close();
  }
}
