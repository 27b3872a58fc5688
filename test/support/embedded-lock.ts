import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';

/** The pid of a process that has ended: a lock naming it is stale. */
export const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid ?? 999_999;

/** The text of an embedded data dir's lock file naming `holder` (started now, on this host, unless said). */
export const lockOf = (holder: { pid: number; url: string | null; startedAt?: string }) =>
  `${JSON.stringify({ host: hostname(), startedAt: new Date().toISOString(), command: 'duebot start', ...holder })}\n`;
