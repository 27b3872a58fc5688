import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackRoleLists } from '../../adapters/slack/identity.ts';
import { teamsRoleLists } from '../../adapters/teams/identity.ts';
import { applyRoleLists, createRoleLists } from '../../src/chat/roles.ts';
import { actorFor } from '../../src/commands/dispatch.ts';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { type Database, migrate } from '../../src/db.ts';
import { describeRoleChange } from '../../src/views/history-view.ts';
import { type RoleChange, setRole } from '../../src/worklist/staff.ts';
import { migrationSource } from '../../migrations/index.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedStaff } from '../support/seed.ts';

const slack = (managers: string[] = [], viewers: string[] = []) => slackRoleLists({ managers, viewers });

describe.each(backends())('role lists applied both ways on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  const ctx = (roleLists = slack()) => ({
    db: db.knex,
    clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
    policy: defaultPolicy,
    pageSize: 10,
    roleLists,
  });
  const row = (id: number) => db.knex('users').where({ id }).first('role', 'role_source');
  const roleActivities = (userId: number) =>
    db
      .knex('activities')
      .where({ kind: 'role_changed' })
      .whereRaw(`details->>'userId' = ?`, [String(userId)])
      .orderBy('id')
      .select('actor_user_id', 'customer_id', 'platform', 'details');
  /** The changes of one person (the tests share a database). */
  const about = (userId: number, changes: RoleChange[]) => changes.filter((c) => c.userId === userId);
  /** A Slack person's first use while these lists are set. */
  const firstUse = (id: string, name: string, roleLists = slack()) =>
    actorFor(ctx(roleLists), { platform: 'slack', id, name });

  it('takes the manager role back from someone removed from SLACK_MANAGERS, and says so in the history', async () => {
    const mia = await firstUse('UMIA1', 'Mia', slack(['UMIA1']));
    expect(mia.role).toBe('manager');
    expect(await row(mia.userId)).toEqual({ role: 'manager', role_source: 'list' });

    const changes = await applyRoleLists(db.knex, slack(['UOTHER']));
    expect(changes).toEqual([
      {
        userId: mia.userId,
        name: 'Mia',
        platformUserId: 'UMIA1',
        from: 'manager',
        role: 'collector',
        setting: 'SLACK_MANAGERS',
        listed: false,
      },
    ]);
    expect(await row(mia.userId)).toEqual({ role: 'collector', role_source: 'default' });
    const history = await roleActivities(mia.userId);
    expect(history).toHaveLength(2);
    expect(history.map((h) => [h.actor_user_id, h.customer_id, h.platform])).toEqual([
      [null, null, 'system'],
      [null, null, 'system'],
    ]);
    expect(history.map((h) => describeRoleChange(h.details, null))).toEqual([
      'Mia (UMIA1) is a manager: listed in SLACK_MANAGERS',
      'Mia (UMIA1) is a collector again (was a manager): no longer in SLACK_MANAGERS',
    ]);
  });

  it('takes the viewer role back from someone removed from SLACK_VIEWERS', async () => {
    const vic = await firstUse('UVIC1', 'Vic', slack([], ['UVIC1']));
    expect(vic.role).toBe('viewer');
    const changes = await applyRoleLists(db.knex, slack());
    expect(changes.map((c) => [c.name, c.from, c.role, c.setting])).toEqual([
      ['Vic', 'viewer', 'collector', 'SLACK_VIEWERS'],
    ]);
    expect(await row(vic.userId)).toEqual({ role: 'collector', role_source: 'default' });
  });

  it('gives the role to someone added to a list, and changes nothing when applied again', async () => {
    const cai = await firstUse('UCAI1', 'Cai');
    expect(await row(cai.userId)).toEqual({ role: 'collector', role_source: 'default' });
    const lists = slack(['UCAI1']);
    expect((await applyRoleLists(db.knex, lists)).map((c) => [c.name, c.role])).toEqual([['Cai', 'manager']]);
    expect(await row(cai.userId)).toEqual({ role: 'manager', role_source: 'list' });
    const activities = await db.knex('activities').count({ n: '*' });
    expect(await applyRoleLists(db.knex, lists)).toEqual([]);
    expect(await db.knex('activities').count({ n: '*' })).toEqual(activities);
    const renamed = await firstUse('UCAI1', 'Cai Li', slack());
    expect(renamed.role).toBe('manager');
  });

  it('leaves a role set by hand alone while no list names the person', async () => {
    const boss = await seedStaff(db.knex, 'Boss', 'manager');
    const dan = await firstUse('UDAN1', 'Dan', slack(['UDAN1']));
    expect((await setRole(db.knex, boss, dan.userId, 'sales')).ok).toBe(true);
    expect(await row(dan.userId)).toEqual({ role: 'sales', role_source: 'hand' });
    expect(about(dan.userId, await applyRoleLists(db.knex, slack()))).toEqual([]);
    expect(await row(dan.userId)).toEqual({ role: 'sales', role_source: 'hand' });
    const [, byHand] = await roleActivities(dan.userId);
    expect(Number(byHand?.actor_user_id)).toBe(boss.userId);
    expect(describeRoleChange(byHand?.details, 'Boss')).toBe('Boss made Dan (UDAN1) sales (was a manager)');
  });

  it('lets a list override a role set by hand once the list names the person', async () => {
    const boss = await seedStaff(db.knex, 'Boss2', 'manager');
    const eve = await firstUse('UEVE1', 'Eve');
    await setRole(db.knex, boss, eve.userId, 'sales');
    const changes = about(eve.userId, await applyRoleLists(db.knex, slack([], ['UEVE1'])));
    expect(changes.map((c) => [c.from, c.role, c.setting])).toEqual([['sales', 'viewer', 'SLACK_VIEWERS']]);
    expect(await row(eve.userId)).toEqual({ role: 'viewer', role_source: 'list' });
    // From now on the list owns the role: leaving it ends the role.
    await applyRoleLists(db.knex, slack());
    expect(await row(eve.userId)).toEqual({ role: 'collector', role_source: 'default' });
  });

  it('gives the manager role to someone named in both lists', async () => {
    const lists = createRoleLists('slack', [
      { role: 'manager', setting: 'SLACK_MANAGERS', ids: ['UFAY1'] },
      { role: 'viewer', setting: 'SLACK_VIEWERS', ids: ['UFAY1'] },
    ]);
    const fay = await firstUse('UFAY1', 'Fay', lists);
    expect(fay.role).toBe('manager');
    expect(about(fay.userId, await applyRoleLists(db.knex, lists))).toEqual([]);
  });

  it('matches Teams object ids in any case, and leaves other platforms to their own lists', async () => {
    const id = 'C0FFEE00-0000-4000-8000-00000000ABCD';
    const teams = (managers: string[]) => teamsRoleLists({ managers, viewers: [] });
    const gus = await actorFor(ctx(teams([id])), { platform: 'teams', id: id.toLowerCase(), name: 'Gus' });
    expect(gus.role).toBe('manager');
    const slackGus = await firstUse(id.toLowerCase(), 'Gus on Slack', slack([id.toLowerCase()]));
    expect(slackGus.role).toBe('manager');
    expect(await applyRoleLists(db.knex, teams([id.toLowerCase()]))).toEqual([]);
    expect(await applyRoleLists(db.knex, teams([id]))).toEqual([]);
    const changes = await applyRoleLists(db.knex, teams([]));
    expect(changes.map((c) => [c.name, c.role, c.setting])).toEqual([['Gus', 'collector', 'TEAMS_MANAGERS']]);
    expect(await row(slackGus.userId)).toEqual({ role: 'manager', role_source: 'list' });
  });
});

describe.each(backends())('the role source of people known before the upgrade on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('counts list roles as given by the lists, so a manager removed before the upgrade loses the role', async () => {
    await db.knex.migrate.down({ migrationSource, name: '20261207_012_role_source' });
    const add = async (platform: string, id: string, role: string) => {
      const [r] = await db
        .knex('users')
        .insert({ platform, platform_user_id: id, display_name: id, role })
        .returning('id');
      return Number(r.id);
    };
    const gone = await add('slack', 'UGONE', 'manager');
    const kept = await add('slack', 'UKEPT', 'manager');
    const byHand = await add('teams', 'hand-1', 'viewer');
    const handThenList = await add('slack', 'UMOVED', 'manager');
    const shell = await add('shell', 'me', 'manager');
    const setBy = (userId: number, role: string) =>
      db.knex('activities').insert({
        actor_user_id: shell,
        platform: 'shell',
        kind: 'role_changed',
        details: JSON.stringify({ userId, role }),
      });
    await setBy(byHand, 'viewer');
    await setBy(handThenList, 'collector'); // later promoted by a list, which left no history
    await migrate(db.knex);
    const sources = await db.knex('users').orderBy('id').select('platform_user_id', 'role_source');
    expect(sources).toEqual([
      { platform_user_id: 'UGONE', role_source: 'list' },
      { platform_user_id: 'UKEPT', role_source: 'list' },
      { platform_user_id: 'hand-1', role_source: 'hand' },
      { platform_user_id: 'UMOVED', role_source: 'list' },
      { platform_user_id: 'me', role_source: 'default' },
    ]);
    const changes = await applyRoleLists(db.knex, slack(['UKEPT']));
    expect(changes.map((c) => [c.userId, c.role])).toEqual([
      [gone, 'collector'],
      [handThenList, 'collector'],
    ]);
    expect(await db.knex('users').where({ id: kept }).first('role')).toEqual({ role: 'manager' });
  });
});
