import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

describe('scheduled-post settings', () => {
  it('has the playbook defaults: digest 09:00, aging report Mondays, meeting 10:00, alerts after each sync', () => {
    const result = loadConfig({});
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.jobs).toMatchObject({
      enabled: true,
      schedules: {
        digest: '0 9 * * *',
        'aging-report': '0 9 * * 1',
        meeting: '0 10 * * *',
        alerts: 'after-sync',
      },
      digest: { top: 10, nudgeAfterHours: 3 },
      outbox: { pacingMs: 1000 },
    });
  });

  it('names each bad schedule and number with what was expected, and starts nothing', () => {
    const result = loadConfig({
      DUEBOT_DIGEST_CRON: '9am',
      DUEBOT_NUDGE_AFTER_HOURS: '30',
      DUEBOT_SCHEDULER: 'maybe',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^DUEBOT_DIGEST_CRON: found "9am", expected a cron expression such as "0 9 \* \* \*"/,
        ),
        'DUEBOT_NUDGE_AFTER_HOURS: found "30", expected a whole number from 0 to 24',
        expect.stringMatching(/^DUEBOT_SCHEDULER: found "maybe"/),
      ]),
    );
  });

  it('sends Slack posts per role to their own channels', () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'abcdef0123456789',
      SLACK_DIGEST_CHANNEL: 'C0DIGEST',
      SLACK_MEETING_CHANNEL: 'nope',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      'SLACK_MEETING_CHANNEL: found "nope", expected a channel id such as C012AB3CD (channel details > About)',
    ]);
  });
});
