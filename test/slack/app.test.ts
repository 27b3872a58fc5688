import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeRef } from '../../src/views/action-ref.ts';
import type { Database } from '../../src/db.ts';
import { refreshWorklist } from '../../src/worklist/assess.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount } from '../support/seed.ts';
import { type Harness, startHarness } from './support/harness.ts';
import { slackProblems } from './support/limits-check.ts';

type Json = Record<string, unknown>;
const flat = (value: unknown) => JSON.stringify(value);

describe.each(backends())('the Slack app over HTTP on %s', (kind) => {
  let db: Database;
  let slack: Harness;
  const ids: Record<string, number> = {};

  const version = async (accountId: number) =>
    Number((await db.knex('account_state').where({ customer_id: accountId }).first('version'))?.version ?? 0);
  const claimRef = async (accountId: number) =>
    encodeRef({ v: 1, action: 'claim', accountId, stateVersion: await version(accountId) });
  const owners = (accountId: number) =>
    db.knex('claims').where({ customer_id: accountId }).whereNull('released_at').select('user_id');

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const seeds = {
      north: {
        name: 'Northwind Traders Ltd',
        items: [{ number: 'N-1', dueDate: '2026-10-10', totalMinor: 8_600_000 }],
      },
      south: {
        name: 'Southwind Trading',
        items: [{ number: 'S-1', dueDate: '2026-09-01', totalMinor: 2_000_000 }],
      },
      hua: {
        name: '上海华联贸易有限公司',
        items: [{ number: 'H-1', dueDate: '2026-07-01', totalMinor: 1_200_000 }],
      },
      race: {
        name: 'Race Condition GmbH',
        items: [{ number: 'R-1', dueDate: '2026-10-01', totalMinor: 500_000 }],
      },
    };
    for (const [key, seed] of Object.entries(seeds)) ids[key] = (await seedAccount(db.knex, seed)).accountId;
    await refreshWorklist({
      db: db.knex,
      policy: (await import('../../src/collections/account.ts')).defaultPolicy,
      today: '2026-11-22',
      timeZone: 'Asia/Shanghai',
    });
    slack = await startHarness(db);
  });
  afterAll(async () => {
    await slack?.close();
    await db?.close();
  });
  beforeEach(() => slack.reset());

  it('acknowledges /overdue at once and answers privately through the response URL with the worklist', async () => {
    const res = await slack.slash('');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(slack.responses).toHaveLength(1);
    const answer = slack.responses[0]?.body as Json;
    expect(answer.response_type).toBe('ephemeral');
    expect(slackProblems('message', answer)).toEqual([]);
    expect(flat(answer.blocks)).toContain('Northwind Traders Ltd');
  });

  it('shares the list in the channel with /overdue post', async () => {
    await slack.slash('post 30+');
    expect(slack.responses[0]?.body.response_type).toBe('in_channel');
  });

  it('rejects forged, unsigned and stale requests with 401 and changes nothing', async () => {
    const ref = await claimRef(ids.race ?? 0);
    const payload = new URLSearchParams({
      payload: JSON.stringify({
        type: 'block_actions',
        user: { id: 'UANN', name: 'ann' },
        team: { id: 'T1' },
        trigger_id: 't',
        response_url: 'http://hooks.slack.test/x',
        actions: [{ type: 'button', action_id: 'duebot-0', block_id: 'actions-1', value: ref }],
      }),
    }).toString();
    const form = 'application/x-www-form-urlencoded';
    const attempts = [
      await slack.post(payload, form, { secret: '0'.repeat(32) }),
      await slack.post(payload, form, { omit: 'signature' }),
      await slack.post(payload, form, { omit: 'timestamp' }),
      await slack.post(payload, form, { ageSeconds: 6 * 60 }),
    ];
    expect(attempts.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    expect(await owners(ids.race ?? 0)).toHaveLength(0);
    expect(slack.api).toEqual([]);
    expect(slack.responses).toEqual([]);
  });

  it('claims once, redraws the card in place for everyone, and refreshes a second click on the old card', async () => {
    const ref = await claimRef(ids.north ?? 0);
    await slack.click(ref, 'UANN');
    const first = slack.responses[0]?.body as Json;
    expect(first.replace_original).toBe(true);
    expect(slackProblems('message', first)).toEqual([]);
    expect(flat(first.blocks)).toContain('claimed by Ann');
    expect(flat(first.blocks)).not.toContain('"Claim"');

    slack.reset();
    await slack.click(ref, 'UBOB');
    // The card is redrawn for everyone; only Bob hears that his card was out of date.
    const [everyone, bob] = slack.responses.map((r) => r.body as Json);
    expect(everyone?.replace_original).toBe(true);
    expect(flat(everyone?.blocks)).toContain('claimed by Ann');
    expect(flat(everyone?.blocks)).not.toContain('out of date');
    expect(bob).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(flat(bob?.blocks)).toContain('out of date, so nothing was changed');
    const [owner] = await owners(ids.north ?? 0);
    const ann = await db
      .knex('users')
      .where({ platform: 'slack', platform_user_id: 'UANN' })
      .first('id', 'display_name');
    expect(Number(owner?.user_id)).toBe(Number(ann.id));
    expect(ann.display_name).toBe('Ann');
  });

  it('gives one owner when ten people click Claim at the same moment; the others hear who owns it', async () => {
    const ref = await claimRef(ids.race ?? 0);
    const clickers = Array.from({ length: 10 }, (_, i) => `UC${i}`);
    const results = await Promise.all(clickers.map((u) => slack.click(ref, u)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(await owners(ids.race ?? 0)).toHaveLength(1);
    const claimed = await db.knex('activities').where({ customer_id: ids.race, kind: 'claimed' });
    expect(claimed).toHaveLength(1);
    const answers = slack.responses.map((r) => r.body);
    // Each of the nine who lost hears it privately once (a refusal, or a stale card's note).
    const privately = answers.filter((a) => a.response_type === 'ephemeral' && a.replace_original === false);
    expect(privately).toHaveLength(9);
    for (const a of privately) expect(flat(a.blocks)).toMatch(/Already claimed by Collector \d/);
    const redrawn = answers.filter((a) => a.replace_original === true);
    expect(redrawn.length).toBeGreaterThanOrEqual(1);
    for (const a of redrawn) expect(flat(a.blocks)).not.toContain('out of date');
  });

  it('lets a manager reassign from the card menu in a modal, and tells a collector privately who may (PB-25)', async () => {
    const south = ids.south ?? 0;
    await slack.slash('', 'UBOB'); // Bob has used duebot, so he can be chosen as the new owner
    await slack.click(await claimRef(south), 'UANN');
    const reassign = encodeRef({ v: 1, action: 'reassign', accountId: south });

    slack.reset();
    await slack.click(reassign, 'UANN', { overflow: true });
    expect(flat(slack.responses[0]?.body)).toMatch(/Reassigning an account needs a manager/);
    expect(slack.calls('views.open')).toEqual([]);

    slack.reset();
    await slack.click(reassign, 'UMIA', { overflow: true });
    const opened = (slack.calls('views.update').at(-1) ?? slack.calls('views.open').at(-1))?.view as {
      private_metadata: string;
      blocks: unknown[];
    };
    expect(slackProblems('modal', opened as unknown as Json)).toEqual([]);
    expect(flat(opened.blocks)).toContain('Now owned by Ann');
    const bob = await db.knex('users').where({ platform: 'slack', platform_user_id: 'UBOB' }).first('id');
    await slack.submit(
      {
        private_metadata: opened.private_metadata,
        state: { values: { owner: { owner: { selected_option: { value: String(bob.id) } } } } },
      },
      'UMIA',
    );
    const [owner] = await owners(south);
    expect(Number(owner?.user_id)).toBe(Number(bob.id));
    const moved = await db.knex('activities').where({ customer_id: south, kind: 'reassigned' });
    expect(moved).toHaveLength(1);
  });

  it("puts up a loading view at once when the card menu's Reassign opens a form, then fills it in", async () => {
    const south = ids.south ?? 0;
    await slack.click(await claimRef(south), 'UANN'); // owned: Release and Reassign share the menu
    slack.reset();
    await slack.click(encodeRef({ v: 1, action: 'open', accountId: south }), 'UMIA');
    expect(flat(slack.responses.at(-1)?.body.blocks)).toContain('"type":"overflow"');
    const card = flat(slack.responses.at(-1)?.body.blocks);
    const options = [
      ...card.matchAll(/"text":\{"type":"plain_text","text":"([^"]+)","emoji":true\},"value":"([^"]+)"/g),
    ];
    const option = options.map(([, text, value]) => ({ text, value })).find((o) => o.text === 'Reassign');
    expect(option?.value).toMatch(/^form:d/);

    slack.reset();
    await slack.click(option?.value ?? '', 'UMIA', { overflow: true });
    const [opened] = slack.calls('views.open');
    expect(flat((opened?.view as { blocks: unknown[] }).blocks)).toContain('Loading');
    const filled = slack.calls('views.update').at(-1)?.view as { blocks: unknown[] };
    expect(flat(filled.blocks)).toContain('New owner');
  });

  it('releases from the overflow menu of the card', async () => {
    const ref = encodeRef({
      v: 1,
      action: 'release',
      accountId: ids.race ?? 0,
      stateVersion: await version(ids.race ?? 0),
    });
    const owner = await db
      .knex('claims')
      .join('users', 'users.id', 'claims.user_id')
      .where({ customer_id: ids.race })
      .whereNull('released_at')
      .first('platform_user_id');
    await slack.click(ref, String(owner.platform_user_id), { overflow: true });
    expect(slack.responses[0]?.body.replace_original).toBe(true);
    expect(await owners(ids.race ?? 0)).toHaveLength(0);
  });
});
