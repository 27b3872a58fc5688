import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { type Harness, startHarness } from './support/harness.ts';

describe.each(backends())('/overdue role over signed Slack requests on %s', (kind) => {
  let db: Database;
  let slack: Harness;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    slack = await startHarness(db);
  });
  afterAll(async () => {
    await slack?.close();
    await db?.close();
  });
  beforeEach(() => slack.reset());

  const answer = () => JSON.stringify(slack.responses.map((r) => r.body));
  const roleOf = async (id: string) =>
    (await db.knex('users').where({ platform: 'slack', platform_user_id: id }).first('role'))?.role;

  it('lets the listed manager make Ann sales, recorded with who did it; refuses Ann and the list', async () => {
    await slack.slash('', 'UANN'); // Ann has used duebot, so she can be named
    slack.reset();
    expect((await slack.slash('role @Ann sales', 'UMIA')).status).toBe(200);
    expect(answer()).toContain('Ann is now sales (was a collector)');
    expect(await roleOf('UANN')).toBe('sales');
    const [change] = await db
      .knex('activities as a')
      .join('users as u', 'u.id', 'a.actor_user_id')
      .where('a.kind', 'role_changed')
      .whereNotNull('a.actor_user_id')
      .select('u.platform_user_id');
    expect(change?.platform_user_id).toBe('UMIA');

    slack.reset();
    await slack.slash('role @Mia collector', 'UANN');
    expect(answer()).toContain('Changing a role needs a manager; you are sales.');
    slack.reset();
    await slack.slash('role <@UMIA|mia> collector', 'UMIA');
    expect(answer()).toContain("Mia's role is set by SLACK_MANAGERS; change the setting");
    expect(await roleOf('UMIA')).toBe('manager');
  });
});
