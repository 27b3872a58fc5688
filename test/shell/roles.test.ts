import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShellRoles } from '../../adapters/shell/identity.ts';
import { runShell } from '../../adapters/shell/shell.ts';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { Database } from '../../src/db.ts';
import { createLogger } from '../../src/log.ts';
import type { Role } from '../../src/worklist/staff.ts';
import { backends, openTestDatabase } from '../support/databases.ts';

describe.each(backends())('roles in the shell on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  /** One start of the shell as `duebot shell` does it: DUEBOT_SHELL_ROLE applied, then the piped lines. */
  async function start(shellRole: Role, input: string): Promise<string> {
    const roleLists = await startShellRoles(db.knex, 'ann', shellRole, createLogger({ level: 'silent' }));
    const ctx = {
      db: db.knex,
      clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
      policy: defaultPolicy,
      pageSize: 10,
      roleLists,
    };
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk) => {
      out += chunk;
    });
    stdin.end(input);
    const user = { platform: 'shell', id: 'ann', name: 'Ann' } as const;
    await runShell({ ctx, input: stdin, output: stdout, color: false, interactive: false, user, width: 200 });
    return out;
  }
  const roleOf = async (id: string) =>
    (await db.knex('users').where({ platform: 'shell', platform_user_id: id }).first('role'))?.role;

  it('keeps the role of the person `as` switches to; a manager sets it with `role`, recorded', async () => {
    const out = await start('manager', 'role ann\nas Bob\nas Ann\nrole bob sales\nas Bob\nas Bob viewer\n');
    expect(out).toMatch(/Ann is a manager \(listed in DUEBOT_SHELL_ROLE\)/);
    expect(out).toMatch(/Now acting as Bob\.\nBob is a collector \(the role of a first use\)/);
    expect(out).toMatch(/Bob is now sales \(was a collector\)/);
    expect(out).toMatch(/Now acting as Bob\.\nBob is sales \(set by Ann\)/);
    expect(out).toMatch(/! as takes only a name; a manager gives Bob the role with: role Bob viewer/);
    expect(await roleOf('bob')).toBe('sales');
    const changes = await db.knex('activities').where({ kind: 'role_changed' }).select('details');
    expect(changes.map((c) => (typeof c.details === 'string' ? JSON.parse(c.details) : c.details))).toEqual([
      expect.objectContaining({ name: 'Ann', role: 'manager', setting: 'DUEBOT_SHELL_ROLE' }),
      expect.objectContaining({ name: 'Bob', from: 'collector', role: 'sales' }),
    ]);
  });

  it('applies DUEBOT_SHELL_ROLE to the shell user at each start, and refuses to fight it by hand', async () => {
    const out = await start('viewer', 'role ann\nas Bob\n');
    expect(out).toMatch(/Ann is a viewer \(listed in DUEBOT_SHELL_ROLE\)/);
    expect(await roleOf('ann')).toBe('viewer');
    await db.knex('users').where({ platform: 'shell', platform_user_id: 'bob' }).update({ role: 'manager' });
    const refused = await start('viewer', 'as Bob\nrole ann manager\n');
    expect(refused).toMatch(/Ann's role is set by DUEBOT_SHELL_ROLE; change the setting/);
    expect(await roleOf('ann')).toBe('viewer');
    const back = await start('manager', 'role ann\n');
    expect(back).toMatch(/Ann is a manager \(listed in DUEBOT_SHELL_ROLE\)/);
  });
});
