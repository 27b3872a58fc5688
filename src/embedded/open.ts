/**
 * The embedded bot database, safe for several duebot processes on one data dir: the first one takes the
 * lock and owns the database (and serves it on a local socket); the others attach to it through that socket
 * as to any Postgres server, and say so. Where attaching is impossible they refuse, naming the owner.
 */
import { rm, stat } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import { createPglite, type Database, knexForPglite, knexForPostgres } from '../db-engines.ts';
import { ensureWritableDir } from '../data-dir.ts';
import { createSessionGate } from './gate.ts';
import { said, type Said } from '../i18n/said.ts';
import { holderValues, isAlive, type LockHolder, type OwnedLock, startedAt, takeLock } from './lock.ts';
import { markEmbedded } from './owner-since.ts';
import { gatedPglite, listenPlace, serveEmbedded, socketAddress } from './serve.ts';
import { readTemplate } from './template.ts';
import { environmentT } from '../i18n/translate.ts';

/** How an embedded database is opened; the defaults suit the command line. */
export interface EmbeddedOptions {
  /** One line for the person (attached to another process, a stale lock taken over), in DUEBOT_LOCALE. */
  notice: (line: string) => void;
  /** An attached process lost its owner. Default: the line on stderr, and exit code 2. */
  onOwnerGone?: (line: string) => void;
  /** Longest wait for the session while another process holds it (a transaction); then an error. */
  sessionWaitMs?: number;
  /** Longest wait for an owner that is still opening the database. */
  ownerStartMs?: number;
}

/** Another live process holds the data dir and cannot be reached: what to do is in the message. */
export class EmbeddedDatabaseHeldError extends Error {
  readonly code = 'embedded_database_held';
  readonly detail: string;
  readonly fix = 'stop that process, or set DATABASE_URL to a PostgreSQL database';
  /** The detail and the fix as catalog messages, for `duebot doctor` in the company's language. */
  readonly says: Said;
  readonly fixSays: Said = said('doctor.heldFix', { setting: 'DATABASE_URL' });
  constructor(
    readonly holder: LockHolder,
    readonly dataDir: string,
  ) {
    const detail = `the embedded database in ${dataDir} is held by ${describeHolder(holder)}, which cannot be reached`;
    super(`${detail}; stop that process, or set DATABASE_URL to a PostgreSQL database`);
    this.detail = detail;
    this.says = said('doctor.held', { dir: dataDir, ...holderValues(holder) });
  }
}

/** "duebot process 1234 (`duebot start`, started 05:12)". */
export function describeHolder(holder: LockHolder): string {
  const where = holder.host === hostname() ? '' : ` on ${holder.host}`;
  return `duebot process ${holder.pid}${where} (\`${holder.command}\`, started ${startedAt(holder.startedAt)})`;
}

/**
 * The cluster in `dir`: opened as it is, or, when there is none yet, loaded from the ready-made empty
 * cluster (template.ts) instead of running initdb; a dump that cannot be loaded falls back to initdb.
 */
async function openCluster(dir: string, options: EmbeddedOptions): Promise<PGlite> {
  const exists = await stat(join(dir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  const template = exists ? undefined : await readTemplate();
  if (!template) return createPglite(dir);
  try {
    return await createPglite(dir, template);
  } catch (error) {
    options.notice(environmentT().t('cli.embedded.noTemplate', { error: (error as Error).message }));
    await rm(dir, { recursive: true, force: true });
    return createPglite(dir);
  }
}

async function openAsOwner(dataDir: string, lock: OwnedLock, options: EmbeddedOptions): Promise<Database> {
  if (lock.tookOverFrom)
    options.notice(environmentT().t('cli.embedded.tookOver', holderValues(lock.tookOverFrom)));
  try {
    const pglite = await openCluster(join(dataDir, 'db'), options);
    const gate = createSessionGate(options.sessionWaitMs ?? 60_000);
    const server = await serveEmbedded(pglite, gate, listenPlace(dataDir)).catch(async (error: unknown) => {
      await pglite.close();
      throw error;
    });
    const db = await knexForPglite(gatedPglite(pglite, gate));
    markEmbedded(db, new Date(lock.me.startedAt));
    await lock.publish(server.url);
    return {
      knex: db,
      kind: 'pglite',
      pglite,
      close: async () => {
        await server.close();
        await db.destroy(); // NOTE: knex-pglite closes the PGlite instance itself
        if (!pglite.closed) await pglite.close();
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/** A connection that only watches the owner: it closes when the owner stops or dies. */
function watchOwner(url: string, onGone: () => void): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketAddress(url));
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.on('error', () => undefined);
      socket.once('close', onGone);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

async function attach(holder: LockHolder & { url: string }, options: EmbeddedOptions): Promise<Database> {
  const db = knexForPostgres(holder.url, { min: 0, max: 1 }, 5000);
  let closing = false;
  try {
    await db.raw('select 1');
    const gone = environmentT().t('cli.embedded.ownerGone', holderValues(holder));
    const watch = await watchOwner(holder.url, () => {
      if (closing) return;
      if (options.onOwnerGone) options.onOwnerGone(gone);
      else {
        process.stderr.write(`${gone}\n`);
        process.exit(2);
      }
    });
    markEmbedded(db, new Date(holder.startedAt));
    options.notice(environmentT().t('cli.embedded.attached', holderValues(holder)));
    return {
      knex: db,
      kind: 'postgres',
      close: async () => {
        closing = true;
        watch.destroy();
        await db.destroy();
      },
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/** Opens the embedded database in `dataDir`: as its owner, or attached to the process that owns it. */
export async function openEmbedded(dataDir: string, options: EmbeddedOptions): Promise<Database> {
  await ensureWritableDir(dataDir);
  const deadline = Date.now() + (options.ownerStartMs ?? 120_000);
  for (;;) {
    const lock = await takeLock(dataDir);
    if (lock.owned) return openAsOwner(dataDir, lock, options);
    const { holder } = lock;
    if (holder.url) {
      const url = holder.url;
      const attached = await attach({ ...holder, url }, options).catch(() => null);
      if (attached) return attached;
      if (isAlive(holder)) throw new EmbeddedDatabaseHeldError(holder, dataDir);
      continue; // it died meanwhile: take it over
    }
    // The owner is still opening the database (a fresh one takes seconds): its address comes next.
    if (Date.now() > deadline) throw new EmbeddedDatabaseHeldError(holder, dataDir);
    await sleep(200);
  }
}
