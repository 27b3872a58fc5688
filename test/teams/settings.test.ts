import { describe, expect, it } from 'vitest';
import { plainText, typedCommand } from '../../adapters/teams/interactions.ts';
import { loadConfig } from '../../src/config.ts';

const APP = '6f1c2a3b-0000-4000-8000-00000000a001';
const TENANT = '72f988bf-0000-4000-8000-0000000000aa';

describe('Teams settings', () => {
  it('leaves Teams off without an app id or TEAMS_ENABLED', () => {
    const result = loadConfig({});
    expect(result.ok && result.config.teams).toBeUndefined();
  });

  it('runs local mode with TEAMS_ENABLED=1 and no app id', () => {
    const result = loadConfig({ TEAMS_ENABLED: '1', PORT: '3978' });
    expect(result.ok && result.config.teams).toMatchObject({
      appId: undefined,
      port: 3978,
      appType: 'SingleTenant',
    });
  });

  it('reads the Azure bot registration, SingleTenant by default, with channel and role lists', () => {
    const result = loadConfig({
      MicrosoftAppId: APP,
      MicrosoftAppPassword: 'secret~value',
      MicrosoftAppTenantId: TENANT,
      TEAMS_CHANNEL: '19:abc123@thread.tacv2',
      TEAMS_MANAGERS: 'AAAAAAAA-0000-4000-8000-000000000001',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.teams).toEqual({
      appId: APP,
      appPassword: 'secret~value',
      appType: 'SingleTenant',
      tenantId: TENANT,
      port: 3000,
      channel: '19:abc123@thread.tacv2',
      managers: ['aaaaaaaa-0000-4000-8000-000000000001'],
      viewers: [],
    });
  });

  it('names each missing or wrong setting on its own line, never echoing the password', () => {
    const result = loadConfig({
      MicrosoftAppId: APP,
      TEAMS_CHANNEL: 'general',
      MicrosoftAppType: 'Other',
      MicrosoftAppPassword: '',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.join('\n')).toContain(
      'TEAMS_CHANNEL: found "general", expected a Teams channel id',
    );
    expect(result.problems.join('\n')).toContain(
      'MicrosoftAppType: found "Other", expected SingleTenant or MultiTenant',
    );
    const missing = loadConfig({ MicrosoftAppId: APP });
    expect(!missing.ok && missing.problems).toEqual([
      expect.stringMatching(/^MicrosoftAppPassword: found nothing/),
      expect.stringMatching(/^MicrosoftAppTenantId: found nothing, .*SingleTenant/),
    ]);
    const orphan = loadConfig({ MicrosoftAppPassword: 'hunter2' });
    expect(!orphan.ok && orphan.problems.join('\n')).toMatch(/^MicrosoftAppId: found nothing/);
    expect(!orphan.ok && orphan.problems.join('\n')).not.toContain('hunter2');
  });

  it('allows MultiTenant without a tenant id', () => {
    const result = loadConfig({
      MicrosoftAppId: APP,
      MicrosoftAppPassword: 'x',
      MicrosoftAppType: 'MultiTenant',
    });
    expect(result.ok && result.config.teams?.appType).toBe('MultiTenant');
  });
});

describe('typed Teams commands', () => {
  it('reads `overdue …` with or without a slash, `help`, and anything else as text', () => {
    expect(typedCommand('overdue 60+ mine')).toEqual({ kind: 'overdue', text: '60+ mine' });
    expect(typedCommand('/Overdue')).toEqual({ kind: 'overdue', text: '' });
    expect(typedCommand('<p>overdue&nbsp;&gt;50k</p>')).toEqual({ kind: 'overdue', text: '>50k' });
    expect(typedCommand('help')).toEqual({ kind: 'help' });
    expect(typedCommand('called, no answer')).toEqual({ kind: 'other', text: 'called, no answer' });
  });

  it('undoes the HTML Teams wraps messages in', () => {
    expect(plainText('<at>duebot</at> overdue<br/>page 2 &amp; more')).toBe('overdue\npage 2 & more');
  });
});
