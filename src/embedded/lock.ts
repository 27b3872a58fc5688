/**
 * The lock that makes one duebot process the owner of an embedded data dir: a file naming the owner (pid,
 * host, start time, command) and where it serves the database. It is created whole or not at all (written
 * aside, then hard-linked into place, which fails if a lock exists), so a reader never sees half a lock.
 * A lock whose process is dead (killed, crashed) is stale and taken over.
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/** The lock file's name in the data dir. */
export const LOCK_FILE = 'duebot.lock';

const holderSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  startedAt: z.string(),
  command: z.string(),
  /** Where the owner serves the database; null while it is still opening it. */
  url: z.string().nullable(),
});

/** The process that owns a data dir. */
export type LockHolder = z.infer<typeof holderSchema>;

/** This process holds the lock. */
export interface OwnedLock {
  owned: true;
  me: LockHolder;
  /** A dead process's lock this one replaced. */
  tookOverFrom: LockHolder | null;
  /** Records where the database is served, for other processes to attach. */
  publish(url: string): Promise<void>;
  release(): Promise<void>;
}

/** Another live process holds the lock. */
export interface HeldLock {
  owned: false;
  holder: LockHolder;
}

const errno = (error: unknown) => (error as { code?: unknown } | null)?.code;

async function readHolder(path: string): Promise<LockHolder | 'missing' | 'unreadable'> {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : 'unreadable';
  } catch (error) {
    return errno(error) === 'ENOENT' ? 'missing' : 'unreadable';
  }
}

/**
 * Whether the process named by a lock still runs. On another host nobody can tell, so it counts as alive;
 * this very pid is a previous run's (a container restarted with the same pid), since this one holds nothing.
 */
export function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return errno(error) === 'EPERM'; // alive, but another user's
  }
}

const tempName = (path: string, what: string) =>
  `${path}.${what}-${process.pid}-${randomBytes(4).toString('hex')}`;

/** Writes `holder` to `path` whole: aside first, then into place (`replace`: over it; else only if none is there). */
async function writeWhole(path: string, holder: LockHolder, replace: boolean): Promise<void> {
  const temp = tempName(path, 'new');
  await writeFile(temp, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
  try {
    if (replace) await rename(temp, path);
    else await link(temp, path);
  } finally {
    if (!replace) await unlink(temp).catch(() => undefined);
  }
}

/** Moves a stale lock away, unless another process replaced it meanwhile (then it is put back). */
async function removeStale(path: string, seen: LockHolder | 'unreadable'): Promise<void> {
  const aside = tempName(path, 'stale');
  try {
    await rename(path, aside);
  } catch (error) {
    if (errno(error) === 'ENOENT') return;
    throw error;
  }
  const moved = await readHolder(aside);
  const same =
    typeof moved === 'object' && typeof seen === 'object' ? moved.pid === seen.pid : moved === seen;
  if (!same) await link(aside, path).catch(() => undefined); // a fresh owner's: put it back
  await unlink(aside).catch(() => undefined);
}

/** The command line of this process, as a person would type it (`duebot start`). */
function commandLine(): string {
  const args = process.argv.slice(2).join(' ');
  return `duebot${args ? ` ${args}` : ''}`;
}

/** Takes the lock of `dir`, or names the live process that holds it. */
export async function takeLock(dir: string): Promise<OwnedLock | HeldLock> {
  const path = join(dir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    command: commandLine(),
    url: null,
  };
  let tookOverFrom: LockHolder | null = null;
  for (let attempt = 0; attempt < 10; attempt += 1) {
    try {
      await writeWhole(path, me, false);
      return owned(path, me, tookOverFrom);
    } catch (error) {
      if (errno(error) !== 'EEXIST') throw error;
    }
    const holder = await readHolder(path);
    if (holder === 'missing') continue; // released meanwhile
    if (holder !== 'unreadable' && isAlive(holder)) return { owned: false, holder };
    if (holder !== 'unreadable') tookOverFrom = holder;
    await removeStale(path, holder);
  }
  throw new Error(`cannot take the lock ${path}: it keeps changing`);
}

function owned(path: string, me: LockHolder, tookOverFrom: LockHolder | null): OwnedLock {
  // NOTE: an exit through process.exit (or the end of the event loop) skips `release`: the lock goes with it.
  const onExit = () => {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  };
  // A signal nobody else handles ends the process (`duebot sync` stopped with Ctrl-C): the lock goes first.
  // Where a command handles it (start, shell), it closes the database and releases the lock itself.
  const onSignal = (signal: NodeJS.Signals) => {
    if (process.listenerCount(signal) > 0) return;
    onExit();
    process.kill(process.pid, signal);
  };
  process.once('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let current = me;
  return {
    owned: true,
    me,
    tookOverFrom,
    async publish(url) {
      current = { ...me, url };
      await writeWhole(path, current, true);
    },
    async release() {
      process.off('exit', onExit);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      const holder = await readHolder(path);
      if (typeof holder === 'object' && holder.pid === current.pid && holder.startedAt === current.startedAt)
        await unlink(path).catch(() => undefined);
    },
  };
}

/** Re-reads the lock of `dir` (an owner that was still opening the database may have published its URL). */
export async function readLock(dir: string): Promise<LockHolder | null> {
  const holder = await readHolder(join(dir, LOCK_FILE));
  return typeof holder === 'object' ? holder : null;
}

/** When a process started: the time today, else date and time, in the local zone. */
export function startedAt(iso: string): string {
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const day = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  return at.toDateString() === new Date().toDateString() ? time : `${day} ${time}`;
}

/** The values a catalog message names a holder with (`cli.embedded.*`): pid, host, command, when it started. */
export function holderValues(holder: LockHolder): Record<string, string | number> {
  const remote = holder.host !== hostname();
  return {
    pid: String(holder.pid),
    remote: remote ? 'yes' : 'no',
    host: holder.host,
    command: holder.command,
    // The catalogs say the time alone when it started today, else the date and time: ICU, in each language.
    today: new Date(holder.startedAt).toDateString() === new Date().toDateString() ? 'yes' : 'no',
    at: new Date(holder.startedAt).getTime(),
  };
}
