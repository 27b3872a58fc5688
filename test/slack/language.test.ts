import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { type Harness, startHarness } from './support/harness.ts';

/** Issue 20: a person's Slack language (users.info with include_locale) decides their private answers. */
describe.each(backends())('Slack user languages on %s', (kind) => {
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

  it('answers a person whose Slack is in traditional Chinese in traditional Chinese, and others in English', async () => {
    await slack.slash('language', 'UTAI');
    expect(JSON.stringify(slack.responses.at(-1)?.body)).toContain('繁體中文');
    const asked = slack.calls('users.info').find((args) => args.user === 'UTAI');
    expect(String(asked?.include_locale)).toBe('true');
    await slack.slash('language', 'UANN');
    expect(JSON.stringify(slack.responses.at(-1)?.body)).toContain('duebot answers you in English');
  });
});
