/** A one-line progress counter on a terminal (redrawn in place at most ten times a second); silent otherwise. */
export function createProgressLine(stream: NodeJS.WritableStream & { isTTY?: boolean }, label: string) {
  const enabled = Boolean(stream.isTTY);
  let last = 0;
  let drawn = false;
  return {
    update(text: string) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      drawn = true;
      stream.write(`\r\x1b[2K${label}: ${text}`);
    },
    done() {
      if (enabled && drawn) stream.write('\r\x1b[2K');
    },
  };
}
