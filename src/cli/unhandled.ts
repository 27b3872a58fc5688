/**
 * A promise nobody awaited that fails (work a request started, a listener's error) is logged and the process
 * goes on: Node's default ends it, and with it every other request and the scheduled posts. Installed by the
 * process entry (src/cli.ts) only: a command run inside another program leaves that program's handling alone.
 */
import type { Logger } from '../log.ts';

let processLog: Logger | undefined;

/** The log of the command running in this process (its settings' level and format). */
export function useProcessLog(log: Logger): void {
  processLog = log;
}

export function reportUnhandledRejections(): void {
  process.on('unhandledRejection', (reason) => {
    const log = processLog
      ? Promise.resolve(processLog)
      : import('../log.ts').then(({ createLogger }) => createLogger({ level: 'error' }));
    void log.then((l) => l.error({ err: reason }, 'unhandled rejection (a bug; the process goes on)'));
  });
}
