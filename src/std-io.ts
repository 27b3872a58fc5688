/**
 * The standard streams and environment a command runs with: the process's own (src/cli.ts), or ones a test
 * passes to run a command in its own process, as a person would run it, without starting another.
 */
export interface StdIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** The process's own streams and environment. */
export function processIo(): StdIo {
  return { env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}
