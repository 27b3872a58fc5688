import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { stream, lines };
}

describe('logging', () => {
  it('writes JSON lines with secrets redacted', () => {
    const { stream, lines } = capture();
    const log = createLogger({ level: 'info', format: 'json', destination: stream });
    log.info(
      {
        config: { databaseUrl: 'postgres://ann:hunter2@db/ar', ledger: { url: 'mysql://ro:pw@erp/erp' } },
        slack: { token: 'xoxb-1' },
      },
      'started',
    );
    const entry = JSON.parse(lines[0] ?? '{}');
    expect(entry.msg).toBe('started');
    expect(JSON.stringify(entry)).not.toMatch(/hunter2|mysql:\/\/ro:pw|xoxb-1/);
    expect(entry.config.databaseUrl).toBe('****');
  });

  it('writes readable lines when asked for pretty output', () => {
    const { stream, lines } = capture();
    createLogger({ level: 'info', format: 'pretty', destination: stream }).info('sync done');
    expect(lines.join('')).toMatch(/INFO.*sync done/);
    expect(() => JSON.parse(lines[0] ?? '')).toThrow();
  });

  it('drops lines below the level', () => {
    const { stream, lines } = capture();
    createLogger({ level: 'warn', format: 'json', destination: stream }).info('quiet');
    expect(lines).toEqual([]);
  });
});
