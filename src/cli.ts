/**
 * The `duebot` command as a process: the command line (src/cli/program.ts) on the process's own streams and
 * environment, its result as the exit code.
 */
import { processIo } from './std-io.ts';
import { duebot } from './cli/program.ts';
import { reportUnhandledRejections } from './cli/unhandled.ts';

reportUnhandledRejections();
process.exitCode = await duebot(process.argv.slice(2), processIo());
