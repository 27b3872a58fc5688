import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/duebot.js', import.meta.url));

/** Runs the real `duebot` command in a child process, with stdin piped. */
export function runDuebot(
  args: string[],
  options: { env?: Record<string, string | undefined>; input?: string; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...process.env, LOG_FORMAT: 'json', ...options.env })) {
      if (value !== undefined) env[key] = value;
    }
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`duebot ${args.join(' ')} timed out\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A `duebot` process left running: its output so far, waiting for a line, typing into it, its exit. */
export interface RunningDuebot {
  stdout(): string;
  stderr(): string;
  /** Resolves with the text once `pattern` appears in the stream after `from` (a length seen before). */
  waitFor(
    stream: 'stdout' | 'stderr',
    pattern: RegExp,
    options?: { from?: number; timeoutMs?: number },
  ): Promise<string>;
  write(text: string): void;
  /** Ends stdin and waits for the exit code. */
  end(timeoutMs?: number): Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<number | null>;
  pid: number;
}

/** Starts the real `duebot` command and keeps stdin open (a shell that runs until told to end). */
export function spawnDuebot(
  args: string[],
  options: { env?: Record<string, string | undefined> } = {},
): RunningDuebot {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, LOG_FORMAT: 'json', ...options.env })) {
    if (value !== undefined) env[key] = value;
  }
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', (chunk) => {
    out.stdout += chunk;
    changed();
  });
  child.stderr.on('data', (chunk) => {
    out.stderr += chunk;
    changed();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    pid: child.pid ?? 0,
    exited,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    waitFor(stream, pattern, { from = 0, timeoutMs = 60_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const text = out[stream].slice(from);
          if (!pattern.test(text)) return false;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(text);
          return true;
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(
            new Error(
              `no ${pattern} on ${stream} in ${timeoutMs} ms\nstdout:\n${out.stdout}\nstderr:\n${out.stderr}`,
            ),
          );
        }, timeoutMs);
        listeners.add(check);
        if (!check()) void exited.then(() => check());
      });
    },
    write: (text) => child.stdin.write(text),
    async end(timeoutMs = 60_000) {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    kill: (signal) => child.kill(signal),
  };
}
