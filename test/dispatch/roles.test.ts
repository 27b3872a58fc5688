import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackRoleLists } from '../../adapters/slack/identity.ts';
import { applyRoleLists } from '../../src/chat/roles.ts';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import type { Database } from '../../src/db.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import type { User } from '../../src/views/model.ts';
import type { Reply } from '../../src/commands/interaction.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedStaff } from '../support/seed.ts';

const text = (reply: Reply) => ('message' in reply ? toFallbackText(reply.message) : JSON.stringify(reply));

describe.each(backends())('/overdue role on %s', (kind) => {
  let db: Database;
  let ctx: DispatchContext;
  const boss: User = { platform: 'shell', id: 'boss', name: 'Boss' };
  const cal: User = { platform: 'shell', id: 'cal', name: 'Cal' };
  const mia: User = { platform: 'slack', id: 'UMIA', name: 'Mia' };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedStaff(db.knex, 'Boss', 'manager');
    await seedStaff(db.knex, 'Cal', 'collector');
    await seedStaff(db.knex, 'Dee', 'collector');
    ctx = {
      db: db.knex,
      clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
      policy: defaultPolicy,
      pageSize: 10,
    };
  });
  afterAll(async () => {
    await db?.close();
  });

  const run = (user: User, line: string, context = ctx) =>
    dispatch(context, { kind: 'command', text: line, user, platform: user.platform });
  const roleOf = async (name: string) =>
    (await db.knex('users').where({ display_name: name }).first('role', 'role_source')) as {
      role: string;
      role_source: string;
    };
  const changes = () => db.knex('activities').where({ kind: 'role_changed' }).orderBy('id');

  it('lets a manager set a role, recorded in history once; setting it again records nothing', async () => {
    const before = (await changes()).length;
    const set = await run(boss, 'role @Dee manager');
    expect(text(set)).toContain('Dee is now a manager (was a collector)');
    expect(await roleOf('Dee')).toEqual({ role: 'manager', role_source: 'hand' });
    const recorded = await changes();
    expect(recorded).toHaveLength(before + 1);
    const last = recorded.at(-1);
    const details = typeof last?.details === 'string' ? JSON.parse(last.details) : last?.details;
    expect(details).toMatchObject({ name: 'Dee', from: 'collector', role: 'manager' });
    const bossId = (await db.knex('users').where({ display_name: 'Boss' }).first('id')).id;
    expect(Number(last?.actor_user_id)).toBe(Number(bossId));

    const again = await run(boss, 'role Dee manager');
    expect(text(again)).toContain('Dee is a manager already; nothing changed (set by Boss)');
    expect(await changes()).toHaveLength(before + 1);
    expect(text(await run(cal, 'role dee'))).toContain('Dee is a manager (set by Boss)');
  });

  it('refuses a collector with the role needed and how to get it, and changes nothing', async () => {
    const before = (await changes()).length;
    const refused = await run(cal, 'role @Dee viewer');
    expect(text(refused)).toContain(
      'Changing a role needs a manager; you are a collector. A manager can give you the role: /overdue role @Cal manager',
    );
    expect(await roleOf('Dee')).toEqual({ role: 'manager', role_source: 'hand' });
    expect(await changes()).toHaveLength(before);
  });

  it('refuses a role a settings list gives, naming the setting', async () => {
    const lists = slackRoleLists({ managers: ['UMIA'], viewers: [] });
    const slack = { ...ctx, roleLists: lists };
    expect(text(await run(mia, 'role @Mia', slack))).toContain('Mia is a manager (listed in SLACK_MANAGERS)');
    await applyRoleLists(db.knex, lists);
    const before = (await changes()).length;
    const refused = await run(boss, 'role Mia sales');
    expect(text(refused)).toContain("Mia's role is set by SLACK_MANAGERS; change the setting");
    expect(text(await run(mia, 'role UMIA collector', slack))).toContain('set by SLACK_MANAGERS');
    expect(await roleOf('Mia')).toEqual({ role: 'manager', role_source: 'list' });
    expect(await changes()).toHaveLength(before);
  });

  it('answers an unknown person with the candidates, and a misspelt role with the roles', async () => {
    expect(text(await run(boss, 'role @De manager'))).toContain(
      'Nobody called "De" has used duebot. Did you mean Dee?',
    );
    expect(text(await run(boss, 'role @Zed manager'))).toContain(
      'known here after their first duebot command',
    );
    expect(text(await run(boss, 'role Dee managr'))).toContain(
      '"managr" is not a role; use one of: collector, manager, sales, viewer',
    );
    expect(text(await run(boss, 'role'))).toContain('"role" needs a person');
  });

  it('keeps the last manager: demoting them is refused', async () => {
    await run(boss, 'role Dee collector');
    // Mia (listed) is a manager too: take her out of the lists for this case.
    await applyRoleLists(db.knex, slackRoleLists({ managers: [], viewers: [] }));
    const before = (await changes()).length;
    const refused = await run(boss, 'role Boss collector');
    expect(text(refused)).toContain('You are the last manager; make someone else a manager first');
    expect(await roleOf('Boss')).toMatchObject({ role: 'manager' });
    expect(await changes()).toHaveLength(before);
  });
});
