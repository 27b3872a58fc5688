import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import type pinoPretty from 'pino-pretty';

export type { Logger };

/** Paths whose values never reach a log line. */
const redact = [
  '*.password',
  '*.token',
  '*.secret',
  '*.databaseUrl',
  '*.ledgerUrl',
  'config.databaseUrl',
  'config.ledger.url',
  'headers.authorization',
];

/**
 * pino-pretty, loaded only for a pretty log: it is a few dozen modules that JSON output (production, and
 * every command whose log is not a terminal) never uses. Synchronously, since createLogger is.
 */
function loadPretty(): typeof pinoPretty {
  return (createRequire(import.meta.url)('pino-pretty') as { default: typeof pinoPretty }).default;
}

/** JSON lines in production; readable colour on a terminal (LOG_FORMAT overrides). */
export function createLogger(options: {
  level: string;
  format?: 'json' | 'pretty' | undefined;
  destination?: NodeJS.WritableStream;
}): Logger {
  const destination = options.destination ?? process.stderr;
  const isTty = 'isTTY' in destination && Boolean((destination as { isTTY?: boolean }).isTTY);
  const format = options.format ?? (isTty ? 'pretty' : 'json');
  const base = { level: options.level, redact: { paths: redact, censor: '****' } };
  if (format === 'pretty') {
    const pretty = loadPretty();
    return pino(
      base,
      pretty({
        destination: destination as NodeJS.WritableStream & { fd?: number },
        colorize: isTty,
        sync: true,
        ignore: 'pid,hostname',
        translateTime: 'SYS:HH:MM:ss',
      }),
    );
  }
  return pino(base, destination);
}
