import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/duebot.js', import.meta.url));

/** A `duebot` child process still running: what it printed so far, and how it ended. */
export interface DuebotProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Exit code, or the signal that ended it (e.g. SIGKILL). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the real `duebot` command without waiting for it, so a test can kill it at a moment it chooses. */
export function spawnDuebot(
  args: string[],
  options: { env?: Record<string, string | undefined>; input?: string } = {},
): DuebotProcess {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, LOG_FORMAT: 'json', ...options.env })) {
    if (value !== undefined) env[key] = value;
  }
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  child.stdin?.end(options.input ?? '');
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Runs the real `duebot` command in a child process, with stdin piped. */
export async function runDuebot(
  args: string[],
  options: { env?: Record<string, string | undefined>; input?: string; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = spawnDuebot(args, options);
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
