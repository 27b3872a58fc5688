import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import type { Database } from '../../src/db.ts';
import { encodeRef } from '../../src/views/action-ref.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import type { User } from '../../src/views/model.ts';
import type { Reply } from '../../src/commands/interaction.ts';
import { slackRoleLists } from '../../adapters/slack/identity.ts';
import { teamsRoleLists } from '../../adapters/teams/identity.ts';
import { applyRoleLists, type RoleLists } from '../../src/chat/roles.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { assessSeeded, seedAccount, seedStaff } from '../support/seed.ts';

const text = (reply: Reply) => ('message' in reply ? toFallbackText(reply.message) : JSON.stringify(reply));

describe.each(backends())('a manager removed from the role list on %s', (kind) => {
  let db: Database;
  let accountId: number;
  let ann: number;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    accountId = (
      await seedAccount(db.knex, {
        name: 'Northwind Traders Ltd',
        items: [{ number: 'N-1', dueDate: '2026-07-10', totalMinor: 8_600_000 }],
      })
    ).accountId;
    await assessSeeded(db.knex);
    ann = (await seedStaff(db.knex, 'Ann')).userId;
  });
  afterAll(async () => {
    await db?.close();
  });

  const count = async (table: string) => Number((await db.knex(table).count({ n: '*' }))[0]?.n);
  const base = () => ({
    db: db.knex,
    clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
    policy: defaultPolicy,
    pageSize: 10,
  });
  /** A start of the bot with these lists, as the adapter's start and app do it. */
  const started = async (roleLists: RoleLists): Promise<DispatchContext> => {
    await applyRoleLists(db.knex, roleLists);
    return { ...base(), roleLists };
  };
  const startSlack = (managers: string[]) => started(slackRoleLists({ managers, viewers: [] }));
  const startTeams = (managers: string[]) =>
    started(teamsRoleLists({ managers: managers.map((m) => m.toLowerCase()), viewers: [] }));

  for (const [platform, start, id] of [
    ['slack', startSlack, 'UMIA'],
    ['teams', startTeams, '7D1C5F7A-0000-4000-8000-00000000A1B2'],
  ] as const) {
    it(`refuses Reassign and the formal letters to a ${platform} manager after a restart without them`, async () => {
      const mia: User = { platform, id: platform === 'teams' ? id.toLowerCase() : id, name: 'Mia' };
      const listed = await start([id]);
      const reassign = encodeRef({ v: 1, action: 'reassign', accountId });
      const opened = await dispatch(listed, { kind: 'action', ref: reassign, user: mia });
      expect(opened.kind).toBe('openForm');
      const letter = await dispatch(listed, {
        kind: 'command',
        text: `letter ${accountId} formal-demand`,
        user: mia,
        platform,
      });
      expect(letter.kind).toBe('openForm');
      const letterRef = letter.kind === 'openForm' ? letter.form.ref : '';

      const unlisted = await start([]);
      const refusedForm = await dispatch(unlisted, { kind: 'action', ref: reassign, user: mia });
      expect(refusedForm.kind).toBe('ephemeral');
      expect(text(refusedForm)).toContain('Reassigning an account needs a manager; you are a collector');
      const submitted = await dispatch(unlisted, {
        kind: 'submit',
        ref: reassign,
        values: { owner: String(ann) },
        user: mia,
      });
      expect(text(submitted)).toContain('needs a manager; you are a collector');
      expect(await count('claims')).toBe(0);
      const again = await dispatch(unlisted, {
        kind: 'command',
        text: `letter ${accountId} formal-demand`,
        user: mia,
        platform,
      });
      expect(text(again)).toContain('needs a manager; you are a collector');
      const sent = await dispatch(unlisted, { kind: 'submit', ref: letterRef, values: {}, user: mia });
      expect(text(sent)).toContain('needs a manager; you are a collector');
      expect(await count('letters')).toBe(0);
    });
  }
});
