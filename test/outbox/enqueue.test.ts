import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.ts';
import { enqueue, enqueueUpdate, OutboxInputError } from '../../src/outbox/outbox.ts';
import { notice } from '../../src/views/notices.ts';
import { backends, openTestDatabase } from '../support/databases.ts';

describe.each(backends())('enqueuing posts on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('stores a post once however often the same key is enqueued', async () => {
    const post = {
      key: 'digest:2026-11-30',
      to: { kind: 'channel', role: 'digest' } as const,
      message: notice('a'),
    };
    expect(await enqueue(db.knex, [post])).toEqual(['digest:2026-11-30']);
    expect(await enqueue(db.knex, [post, { ...post, message: notice('b') }])).toEqual([]);
    const rows = await db.knex('outbox').where({ idempotency_key: 'digest:2026-11-30' });
    expect(rows).toHaveLength(1);
    expect(rows[0].payload.blocks[0].text).toBe('a');
  });

  it('stamps every post with its language: its own, else the one named per post or for all, else English (issue 20)', async () => {
    const to = { kind: 'channel', role: 'alerts' } as const;
    await enqueue(
      db.knex,
      [
        { key: 'lang:own', to, message: { ...notice('a'), locale: 'zh-CN' } },
        { key: 'lang:per-post', to: { kind: 'user', userId: 7 }, message: notice('b') },
        { key: 'lang:all', to, message: notice('c') },
      ],
      { locale: (p) => (p.to.kind === 'user' ? 'zh-TW' : 'en') },
    );
    await enqueue(db.knex, [{ key: 'lang:named', to, message: notice('d') }], { locale: 'zh-TW' });
    await enqueue(db.knex, [{ key: 'lang:none', to, message: notice('e') }]);
    const stored = async (key: string) =>
      (await db.knex('outbox').where({ idempotency_key: key }).first()).payload.locale;
    expect(await stored('lang:own')).toBe('zh-CN');
    expect(await stored('lang:per-post')).toBe('zh-TW');
    expect(await stored('lang:all')).toBe('en');
    expect(await stored('lang:named')).toBe('zh-TW');
    expect(await stored('lang:none')).toBe('en');
  });

  it('keeps file contents byte for byte', async () => {
    const data = new Uint8Array([0, 1, 2, 255, 137, 80, 78, 71]);
    await enqueue(db.knex, [
      {
        key: 'chart:1',
        to: { kind: 'channel', role: 'meeting' },
        message: { ...notice('chart'), files: [{ filename: 'a.png', mimeType: 'image/png', data }] },
      },
    ]);
    const row = await db.knex('outbox').where({ idempotency_key: 'chart:1' }).first();
    expect(Buffer.from(row.payload.files[0].base64, 'base64')).toEqual(Buffer.from(data));
  });

  it('counts updates of an existing post and refuses updates of an unknown one', async () => {
    await enqueue(db.knex, [{ key: 'u:1', to: { kind: 'user', userId: 1 }, message: notice('v0') }]);
    expect(await enqueueUpdate(db.knex, { key: 'u:1', message: notice('v1') })).toBe(true);
    expect(await enqueueUpdate(db.knex, { key: 'u:1', message: notice('v2') })).toBe(true);
    expect(await enqueueUpdate(db.knex, { key: 'nope', message: notice('x') })).toBe(false);
    const row = await db.knex('outbox').where({ idempotency_key: 'u:1' }).first();
    expect(row.update_version).toBe(2);
    expect(row.update_payload.blocks[0].text).toBe('v2');
  });

  it('refuses an empty key and changes nothing', async () => {
    const before = await db.knex('outbox').count({ n: '*' }).first();
    await expect(
      enqueue(db.knex, [
        { key: 'ok:1', to: { kind: 'channel', role: 'alerts' }, message: notice('x') },
        { key: ' ', to: { kind: 'channel', role: 'alerts' }, message: notice('x') },
      ]),
    ).rejects.toBeInstanceOf(OutboxInputError);
    expect(await db.knex('outbox').count({ n: '*' }).first()).toEqual(before);
  });
});
