/** Drives the real shell adapter on piped input, as a script or a person at a terminal would. */
import { PassThrough } from 'node:stream';
import { runShell } from '../../../adapters/shell/shell.ts';
import type { DispatchContext } from '../../../src/commands/dispatch.ts';
import type { User } from '../../../src/views/model.ts';

/** Runs the shell on `input` (lines ended by \n) until it ends, and returns everything it printed. */
export async function shellSession(
  ctx: DispatchContext,
  input: string,
  options: { color?: boolean; user?: User; filesDir?: string; interactive?: boolean } = {},
): Promise<string> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk) => {
    out += chunk;
  });
  stdin.end(input);
  await runShell({
    ctx,
    input: stdin,
    output: stdout,
    color: options.color ?? false,
    interactive: options.interactive ?? false,
    user: options.user ?? { platform: 'shell', id: 'ann', name: 'Ann' },
    width: 200,
    ...(options.filesDir === undefined ? {} : { filesDir: options.filesDir }),
  });
  return out;
}
