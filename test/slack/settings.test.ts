import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { threadReply } from '../../adapters/slack/interactions.ts';
import { loadConfig } from '../../src/config.ts';

const secret = '0123456789abcdef0123456789abcdef';

describe('Slack settings', () => {
  it('leaves Slack off without a bot token', () => {
    const result = loadConfig({});
    expect(result.ok && result.config.slack).toBeUndefined();
  });

  it('reads HTTP mode with port, channel and role lists', () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: 'http://gateway.internal/api/',
      SLACK_CHANNEL: 'C0123ABC',
      SLACK_MANAGERS: 'U01AAA, U02BBB',
      SLACK_VIEWERS: 'U03CCC',
      PORT: '8080',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.slack).toEqual({
      botToken: 'xoxb-1-2-abc',
      signingSecret: secret,
      appToken: undefined,
      apiUrl: 'http://gateway.internal/api/',
      port: 8080,
      channel: 'C0123ABC',
      managers: ['U01AAA', 'U02BBB'],
      viewers: ['U03CCC'],
    });
  });

  it('explains a wrong token kind without echoing the secret', () => {
    const result = loadConfig({ SLACK_BOT_TOKEN: 'xoxp-user-token-secret', SLACK_SIGNING_SECRET: secret });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      'SLACK_BOT_TOKEN: found a value, expected the bot token, which starts with xoxb- (OAuth & Permissions page)',
    ]);
    expect(result.problems.join()).not.toContain('xoxp-user');
  });

  it('reports a signing secret or app token without a bot token, and a bot token with neither', () => {
    const orphan = loadConfig({ SLACK_SIGNING_SECRET: secret });
    expect(!orphan.ok && orphan.problems[0]).toMatch(
      /^SLACK_BOT_TOKEN: found nothing, .*because SLACK_SIGNING_SECRET is set/,
    );
    const alone = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(!alone.ok && alone.problems[0]).toMatch(
      /^SLACK_SIGNING_SECRET: found nothing, .*SLACK_APP_TOKEN \(xapp-\.\.\.\) for Socket Mode/,
    );
    const socket = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A-1-x' });
    expect(socket.ok && socket.config.slack?.appToken).toBe('xapp-1-A-1-x');
  });

  it('names bad ids, ports and a person in both role lists', () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: secret,
      SLACK_MANAGERS: 'ann',
      SLACK_CHANNEL: '#collections',
      PORT: '70000',
    });
    expect(!result.ok && result.problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'PORT',
      'SLACK_CHANNEL',
      'SLACK_MANAGERS',
    ]);
    const both = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: secret,
      SLACK_MANAGERS: 'U01AAA',
      SLACK_VIEWERS: 'U01AAA',
    });
    expect(!both.ok && both.problems).toEqual([
      'SLACK_VIEWERS: U01AAA also listed in SLACK_MANAGERS; choose one role',
    ]);
  });
});

describe('manifest.yml', () => {
  it('declares /overdue, interactivity, the Home tab and the events and scopes the features use', async () => {
    const manifest = parse(await readFile('manifest.yml', 'utf8'));
    const [command] = manifest.features.slash_commands;
    expect(command.command).toBe('/overdue');
    expect(command.usage_hint.length).toBeGreaterThan(10);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['app_home_opened', 'message.channels', 'message.groups']),
    );
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'commands',
        'chat:write',
        'chat:write.public',
        'files:write',
        'users:read',
        'im:write',
        'reactions:write',
        'channels:history',
        'groups:history',
      ]),
    );
    // Nothing reads a staff member's e-mail address: the scope is not asked for.
    expect(manifest.oauth_config.scopes.bot).not.toContain('users:read.email');
  });
});

describe('thread replies', () => {
  it('turns Slack markup back into plain text for the note', () => {
    const reply = threadReply({
      type: 'message',
      channel: 'C1',
      user: 'U1',
      ts: '2.0',
      thread_ts: '1.0',
      text: 'See <https://erp.example.com/inv/1|INV-1> for <@U2|bob> in <#C3|ar> &lt;ok&gt;',
    });
    expect(reply?.text).toBe('See INV-1 (https://erp.example.com/inv/1) for @bob in #ar <ok>');
  });
});
