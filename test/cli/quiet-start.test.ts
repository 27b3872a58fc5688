import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPglite, knexForPglite } from '../../src/db.ts';
import { enqueue } from '../../src/outbox/outbox.ts';
import { notice } from '../../src/views/notices.ts';
import { runDuebot, spawnDuebot } from '../support/cli.ts';

/** The embedded database of a data dir, opened while no duebot runs on it. */
async function withDataDir<T>(
  dataDir: string,
  work: (db: Awaited<ReturnType<typeof knexForPglite>>) => Promise<T>,
) {
  const pglite = await createPglite(join(dataDir, 'db'));
  const db = await knexForPglite(pglite);
  try {
    return await work(db);
  } finally {
    await db.destroy();
    if (!pglite.closed) await pglite.close();
  }
}

const LEFT = Array.from({ length: 40 }, (_, i) => `left-over:${i + 1}`);

/**
 * The first start of a new install, as a person runs it: a short greeting and no catch-up of runs from
 * before it existed; `quit` leaves at once, and posts not yet delivered wait in the outbox for the next start.
 */
describe('a quiet first start and a prompt quit', { timeout: 200_000 }, () => {
  let dataDir: string;
  // An hour between two messages to a channel: any pacing of the terminal, or a quit that waited for the
  // outbox, would never end.
  const env = () => ({
    DUEBOT_DATA_DIR: dataDir,
    DUEBOT_TIMEZONE: 'Asia/Shanghai',
    DATABASE_URL: '',
    LEDGER_URL: '',
    SLACK_BOT_TOKEN: '',
    DUEBOT_SHELL_USER: 'Ann',
    DUEBOT_OUTBOX_PACING_MS: '60000',
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'duebot-quiet-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('greets a new install in a few lines and catches up nothing it could not have run', async () => {
    const { code, stdout, stderr } = await runDuebot(['start'], {
      env: env(),
      input: 'quit\n',
      timeoutMs: 150_000,
    });
    expect(stderr).not.toMatch(/unexpected error/);
    expect(code).toBe(0);
    const greeting = stdout.slice(0, stdout.indexOf('duebot shell: acting as Ann. Type help'));
    expect(greeting).toMatch(/^Open receivables on \d{4}-\d\d-\d\d \(demo ledger\):$/m);
    expect(greeting).toMatch(/^Scheduled posts \(Asia\/Shanghai\): .*digest \d\d:\d\d .*meeting \d\d:\d\d/m);
    expect(greeting.trim().split('\n').length).toBeLessThanOrEqual(6);
    expect(stderr).not.toMatch(/missed run/);
    expect(stdout).not.toContain('#meeting');
    const runs = await withDataDir(dataDir, (db) => db('job_runs').whereNot({ job: 'alerts' }).select('job'));
    expect(runs.map((r) => r.job)).not.toContain('meeting');
  });

  it('quits without waiting for deliveries; the next start delivers what was left, each post once', async () => {
    await withDataDir(dataDir, (db) =>
      enqueue(
        db,
        LEFT.map((key) => ({
          key,
          to: { kind: 'channel', role: 'alerts' },
          message: notice(`posted ${key}.`),
        })),
      ),
    );
    const second = spawnDuebot(['start'], { env: env() });
    await second.waitFor('stdout', /posted left-over:1\./, { timeoutMs: 150_000 });
    second.write('quit\n');
    expect(await second.end(150_000)).toBe(0);
    const after = await withDataDir(dataDir, (db) =>
      db('outbox_deliveries as d')
        .join('outbox as o', 'o.id', 'd.outbox_id')
        .whereIn('o.idempotency_key', LEFT)
        .select('o.idempotency_key as key', 'd.status', 'd.attempts'),
    );
    // Nothing is lost or half-claimed: each post was printed (sent) or waits untouched (pending).
    expect(after).toHaveLength(LEFT.length);
    expect(after.every((r) => r.status === 'sent' || (r.status === 'pending' && r.attempts === 0))).toBe(
      true,
    );
    const printed = (text: string) => LEFT.filter((key) => text.includes(`posted ${key}.`));
    expect(printed(second.stdout())).toEqual(
      after
        .filter((r) => r.status === 'sent')
        .map((r) => r.key)
        .sort(byNumber),
    );

    const third = spawnDuebot(['start'], { env: env() });
    const waiting = after.filter((r) => r.status === 'pending').map((r) => r.key);
    const last = waiting.at(-1);
    if (last) await third.waitFor('stdout', new RegExp(`posted ${last}\\.`), { timeoutMs: 150_000 });
    else await third.waitFor('stdout', /duebot shell: acting as Ann/, { timeoutMs: 150_000 });
    third.write('quit\n');
    expect(await third.end(150_000)).toBe(0);
    expect(printed(third.stdout())).toEqual(waiting);
    expect([...printed(second.stdout()), ...printed(third.stdout())].sort(byNumber)).toEqual(LEFT);
  });
});

function byNumber(a: string, b: string): number {
  return Number(a.split(':')[1]) - Number(b.split(':')[1]);
}
