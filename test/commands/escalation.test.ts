import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db.ts';
import { buildPolicy } from '../../src/policy.ts';
import { encodeRef } from '../../src/views/action-ref.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import type { User } from '../../src/views/model.ts';
import { claimAccount } from '../../src/worklist/claims.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

const ann: User = { platform: 'shell', id: 'ann', name: 'Ann' };

describe.each(backends())('escalation up the organisation on %s', (kind) => {
  let db: Database;
  let ctx: DispatchContext;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ctx = {
      db: db.knex,
      clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
      policy: defaultPolicy,
      pageSize: 10,
      escalationManagers: { ann: ['mia'] },
    };
  });
  afterAll(async () => {
    await db?.close();
  });

  it('tells the owner and the mapped manager privately when "in process" comes twice, once, and says so in the thread (PB-14)', async () => {
    const owner = await seedStaff(db.knex, 'Ann');
    const mia = await seedStaff(db.knex, 'Mia', 'manager');
    const max = await seedStaff(db.knex, 'Max', 'manager');
    const { accountId } = await seedAccount(db.knex, {
      name: 'Stalling Ltd',
      items: [{ dueDate: '2026-10-01', totalMinor: 50_000 }],
    });
    await claimAccount(db.knex, owner, accountId);
    const log = () =>
      dispatch(ctx, {
        kind: 'submit',
        ref: encodeRef({ v: 1, action: 'log', accountId }),
        values: { channel: 'call', result: 'in_process' },
        user: ann,
      });
    const first = await log();
    expect(first.kind === 'thread' ? toFallbackText(first.message) : '').not.toMatch(/Escalated/);
    expect(await db.knex('outbox')).toHaveLength(0);
    const second = await log();
    expect(second.kind === 'thread' ? toFallbackText(second.message) : '').toMatch(
      /Escalated: "in process" twice with no concrete step \(PB-14\); told Ann \(owner\), Mia\./,
    );
    const posts = await db.knex('outbox').orderBy('idempotency_key').select('destination');
    const to = posts.map((p) => JSON.parse(JSON.stringify(p.destination)).userId as number);
    expect(to.sort()).toEqual([owner.userId, mia.userId].sort());
    expect(to).not.toContain(max.userId);
    const told = await db.knex('activities').where({ customer_id: accountId, kind: 'owner_told' });
    expect(told).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(told[0]?.details)).managers).toEqual(['Mia']);
  });

  it('PB-14: a policy file asking for "in process" 3 times escalates on the third, not the second; PB-13: its 7-7-7 is on the card', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'duebot-policy-'));
    const file = join(dir, 'policy.yaml');
    await writeFile(
      file,
      'escalation:\n  inProcessAnswers: 3\nsevenSevenSeven:\n  attempts: 4\n  weeks: 3\n',
    );
    const loaded = loadConfig({ DUEBOT_POLICY_FILE: file });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const policed: DispatchContext = { ...ctx, policy: await buildPolicy(loaded.config) };
    const bea = await seedStaff(db.knex, 'Bea');
    const { accountId } = await seedAccount(db.knex, {
      name: 'Slow Process Ltd',
      items: [{ dueDate: '2026-11-10', totalMinor: 50_000 }],
    });
    await claimAccount(db.knex, bea, accountId);
    const log = async () => {
      const reply = await dispatch(policed, {
        kind: 'submit',
        ref: encodeRef({ v: 1, action: 'log', accountId }),
        values: { channel: 'call', result: 'in_process' },
        user: { platform: 'shell', id: 'bea', name: 'Bea' },
      });
      if (reply.kind !== 'thread') throw new Error(`expected a thread post, got ${reply.kind}`);
      return reply;
    };
    await log();
    const second = await log();
    expect(toFallbackText(second.message)).not.toMatch(/Escalated/);
    const cardText = (second.card?.blocks ?? []).map((b) => ('text' in b ? b.text : '')).join('\n');
    expect(cardText).toMatch(
      /7-7-7 \(PB-13\): first contact on day 12 \(late: within 7\) · 2 of 4 attempts, week 2 of 3 /,
    );
    const third = await log();
    expect(toFallbackText(third.message)).toMatch(
      /Escalated: "in process" 3 times with no concrete step \(PB-14\); told Bea \(owner\)/,
    );
    const escalated = await db.knex('activities').where({ customer_id: accountId, kind: 'escalated' });
    expect(escalated.map((e) => JSON.parse(JSON.stringify(e.details)))).toEqual([
      { cause: 'stalled', times: 3 },
    ]);
  });

  it('offers a payment plan after a cash-flow call, and the offer opens the plan form (PB-19, PB-17)', async () => {
    const { accountId } = await seedAccount(db.knex, {
      name: 'Tight Cash Ltd',
      items: [{ dueDate: '2026-10-01', totalMinor: 50_000 }],
    });
    const logged = await dispatch(ctx, {
      kind: 'submit',
      ref: encodeRef({ v: 1, action: 'log', accountId }),
      values: { channel: 'call', result: 'Cash flow' },
      user: ann,
    });
    if (logged.kind !== 'thread') throw new Error(`expected a thread post, got ${logged.kind}`);
    const offer = logged.message.blocks
      .flatMap((b) => (b.type === 'actions' ? b.buttons : []))
      .find((b) => b.label === 'Propose a payment plan');
    expect(offer?.opens).toBe('form');
    const opened = await dispatch(ctx, { kind: 'action', ref: offer?.ref ?? '', user: ann });
    expect(opened.kind === 'openForm' ? opened.form.fields.map((f) => f.initial).slice(0, 2) : []).toEqual([
      '150.00',
      '2026-11-29',
    ]);
  });
});
