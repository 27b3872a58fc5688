/** The embedded database's folder, made and proven writable before PGlite opens it. */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

const errnoOf = (error: unknown) => String((error as { code?: unknown }).code ?? error);

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
      if (!found.isDirectory()) throw new Error(`${at} is a file, not a folder`);
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
        throw new Error(`cannot create ${folder} (${errnoOf(error)})`, { cause: error });
    });
  }
  const probe = join(dir, `.duebot-probe-${randomBytes(4).toString('hex')}`);
  try {
    await (await open(probe, 'wx')).close();
  } catch (error) {
    throw new Error(`cannot write in ${resolve(dir)} (${errnoOf(error)})`, { cause: error });
  }
  await rm(probe, { force: true });
}
