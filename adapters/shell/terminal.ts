/**
 * One terminal shared by the shell and the scheduled posts printed on it: a post that comes while a
 * command runs waits until the command has printed its answer, so the two never mix; one that comes while
 * the shell waits at its prompt is printed above a redrawn prompt.
 */

/** The shell's side and the posts' side of one output stream. */
export interface Terminal {
  /** A command began: posts wait until it is done. */
  busy(): void;
  /** The shell waits for input at `prompt` (empty when it prints none): waiting posts are printed first. */
  idle(prompt: string): void;
  /** Prints a scheduled post now, or after the command under way. */
  post(text: string): void;
  /** The shell ended: whatever waits is printed, and posts print as they come from now on. */
  close(): void;
}

const ERASE_LINE = '\r\x1b[2K';
const terminals = new WeakMap<NodeJS.WritableStream, Terminal>();

/** The terminal of an output stream (one per stream, so the shell and the posts share it). */
export function terminalFor(output: NodeJS.WritableStream): Terminal {
  let terminal = terminals.get(output);
  if (!terminal) {
    terminal = createTerminal(output);
    terminals.set(output, terminal);
  }
  return terminal;
}

function createTerminal(output: NodeJS.WritableStream): Terminal {
  let running = false;
  let prompt = '';
  const waiting: string[] = [];
  const flush = () => {
    for (const text of waiting.splice(0)) output.write(text);
  };
  return {
    busy() {
      running = true;
    },
    idle(next) {
      running = false;
      flush();
      prompt = next;
    },
    post(text) {
      if (running) waiting.push(text);
      else if (prompt) output.write(`${ERASE_LINE}${text}${prompt}`);
      else output.write(text);
    },
    close() {
      running = false;
      prompt = '';
      flush();
    },
  };
}
