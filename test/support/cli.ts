import { type ChildProcess, spawn } from 'node:child_process';
import { PassThrough, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { duebot } from '../../src/cli/program.ts';
import { replaceCatalog } from '../../src/i18n/translate.ts';
import { pseudoCatalog } from '../../src/i18n/pseudo.ts';

const BIN = fileURLToPath(new URL('../../bin/duebot.js', import.meta.url));
/**
 * Node flags of a spawned duebot: a test's duebot lives for seconds, and on the embedded database V8's
 * background optimisation of PGlite's WebAssembly costs more CPU than it gives back (as in the vitest
 * workers, vitest.config.ts). Only how V8 compiles changes, not what runs.
 */
const NODE_FLAGS = ['--liftoff-only'];

/** How a `duebot` child process ended: its exit code, or the signal that ended it (e.g. SIGKILL). */
export interface DuebotExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A `duebot` process left running (a shell, a server, a sync a test means to kill): its output so far,
 * waiting for a line, typing into it, and how it ended.
 */
export interface RunningDuebot {
  child: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Both streams as they arrived. */
  output(): string;
  /**
   * Resolves with the text once `pattern` appears in `stream` after `from` (a length seen before); rejects
   * after `timeoutMs`, or as soon as the process ends without it.
   */
  waitFor(
    stream: 'stdout' | 'stderr' | 'output',
    pattern: RegExp,
    options?: { from?: number; timeoutMs?: number },
  ): Promise<string>;
  write(text: string): void;
  /** Ends stdin and waits for the exit code (SIGKILL after `timeoutMs`). */
  end(timeoutMs?: number): Promise<number | null>;
  /** SIGTERM, then the exit code (SIGKILL after 10 s). */
  stop(): Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<DuebotExit>;
}

/**
 * Starts the real `duebot` command without waiting for it. stdin stays open for typing, unless `input`
 * is given: then it is written and stdin closed, as a pipe would.
 */
export function spawnDuebot(
  args: string[],
  options: { env?: Record<string, string | undefined>; input?: string } = {},
): RunningDuebot {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, LOG_FORMAT: 'json', ...options.env })) {
    if (value !== undefined) env[key] = value;
  }
  const child = spawn(process.execPath, [...NODE_FLAGS, BIN, ...args], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '', output: '' };
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', (chunk) => {
    out.stdout += chunk;
    out.output += chunk;
    changed();
  });
  child.stderr.on('data', (chunk) => {
    out.stderr += chunk;
    out.output += chunk;
    changed();
  });
  const exited = new Promise<DuebotExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  if (options.input !== undefined) child.stdin.end(options.input);
  const codeAfter = async (timeoutMs: number) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const { code } = await exited;
    clearTimeout(timer);
    return code;
  };
  return {
    child,
    pid: child.pid ?? 0,
    exited,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    output: () => out.output,
    waitFor(stream, pattern, { from = 0, timeoutMs = 60_000 } = {}) {
      return new Promise((resolve, reject) => {
        const settle = (error: Error | null, text = '') => {
          listeners.delete(check);
          clearTimeout(timer);
          if (error) reject(error);
          else resolve(text);
        };
        const check = () => {
          const text = out[stream].slice(from);
          if (pattern.test(text)) settle(null, text);
        };
        const timer = setTimeout(
          () =>
            settle(
              new Error(
                `no ${pattern} on ${stream} in ${timeoutMs} ms\nstdout:\n${out.stdout}\nstderr:\n${out.stderr}`,
              ),
            ),
          timeoutMs,
        );
        listeners.add(check);
        check();
        void exited.then(({ code, signal }) => {
          if (!listeners.has(check)) return;
          check();
          if (listeners.has(check))
            settle(
              new Error(`duebot ended (${code ?? signal}) before ${pattern} on ${stream}\n${out.output}`),
            );
        });
      });
    },
    write: (text) => child.stdin.write(text),
    end(timeoutMs = 60_000) {
      child.stdin.end();
      return codeAfter(timeoutMs);
    },
    stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return codeAfter(10_000);
    },
    kill: (signal) => child.kill(signal),
  };
}

/** Runs the real `duebot` command in a child process, with stdin piped. */
export async function runDuebot(
  args: string[],
  options: { env?: Record<string, string | undefined>; input?: string; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = spawnDuebot(args, { ...options, input: options.input ?? '' });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    run.child.kill('SIGKILL');
  }, options.timeoutMs ?? 60_000);
  const { code } = await run.exited.finally(() => clearTimeout(timer));
  if (timedOut) {
    throw new Error(`duebot ${args.join(' ')} timed out\nstdout:\n${run.stdout()}\nstderr:\n${run.stderr()}`);
  }
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** Output collected as it is written. */
function collector(): { stream: Writable; text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

/**
 * Runs the `duebot` command line in this process (src/cli/program.ts, what the real command runs), with
 * the environment a spawned duebot would get, `input` on its stdin and its output collected: the same
 * messages and exit code without a second's start-up of another node. Tests of what only a process shows
 * (signals, a broken stream, several processes on one data dir) use runDuebot / spawnDuebot. With
 * `pseudo`, English is said in the pseudo-locale (as pseudo-locale-preload.mjs does for a process).
 */
export async function runDuebotHere(
  args: string[],
  options: { env?: Record<string, string | undefined>; input?: string; pseudo?: boolean } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, LOG_FORMAT: 'json', ...options.env })) {
    if (value !== undefined) env[key] = value;
  }
  const stdin = new PassThrough();
  stdin.end(options.input ?? '');
  const stdout = collector();
  const stderr = collector();
  const restore = options.pseudo ? replaceCatalog('en', pseudoCatalog()) : () => undefined;
  try {
    const code = await duebot(args, { env, stdin, stdout: stdout.stream, stderr: stderr.stream });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    restore();
  }
}
