/** The embedded database's folder, made and proven writable before PGlite opens it. */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { said, type Said, sayIn } from './i18n/said.ts';

const errnoOf = (error: unknown) => String((error as { code?: unknown }).code ?? error);

/** The folder cannot be used; `says` is the message in the catalogs (doctor says it in the company's language). */
export class DataDirError extends Error {
  constructor(
    readonly says: Said,
    options?: { cause: unknown },
  ) {
    super(sayIn(undefined, says), options);
    this.name = 'DataDirError';
  }
}

/**
 * Creates `dir` (and missing parents) one level at a time and proves it writable with a probe file. NOTE:
 * Node's recursive mkdir loops forever under /proc (`DUEBOT_DATA_DIR=/proc/nope` spun at 100% CPU).
 */
export async function ensureWritableDir(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    const found = await stat(at).catch((error: unknown) => {
      if (errnoOf(error) === 'ENOENT') return null;
      throw error;
    });
    if (found) {
      if (!found.isDirectory()) throw new DataDirError(said('doctor.dir.notFolder', { path: at }));
      break;
    }
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing) {
    await mkdir(folder).catch((error: unknown) => {
      if (errnoOf(error) !== 'EEXIST')
        throw new DataDirError(said('doctor.dir.cannotCreate', { path: folder, code: errnoOf(error) }), {
          cause: error,
        });
    });
  }
  const probe = join(dir, `.duebot-probe-${randomBytes(4).toString('hex')}`);
  try {
    await (await open(probe, 'wx')).close();
  } catch (error) {
    throw new DataDirError(said('doctor.dir.cannotWrite', { path: resolve(dir), code: errnoOf(error) }), {
      cause: error,
    });
  }
  await rm(probe, { force: true });
}
