import { describe, expect, it } from 'vitest';
import { chatOuts } from '../../src/main.ts';
import type { Runtime } from '../../src/runtime.ts';
import { processIo } from '../../src/std-io.ts';
import type { ChatOut } from '../../src/outbox/chat-out.ts';

const runtimeWith = (slack: unknown): Runtime =>
  ({
    config: { slack, dataDir: '/tmp/duebot-chat-outs' },
    db: { knex: {} },
    io: processIo(),
  }) as unknown as Runtime;

const teams = { platform: 'teams' } as ChatOut;

describe('where scheduled posts go', () => {
  it('goes to Teams alone when only Teams is on, not to the terminal', async () => {
    expect((await chatOuts(runtimeWith(undefined), [teams])).map((c) => c.platform)).toEqual(['teams']);
  });

  it('goes to Teams and Slack when both are on', async () => {
    const slack = { botToken: 'xoxb-1', apiUrl: undefined, channel: 'C1', managers: [], viewers: [] };
    expect((await chatOuts(runtimeWith(slack), [teams])).map((c) => c.platform)).toEqual(['teams', 'slack']);
  });

  it('prints on the terminal when no chat platform is configured', async () => {
    expect((await chatOuts(runtimeWith(undefined))).map((c) => c.platform)).toEqual(['shell']);
  });
});
