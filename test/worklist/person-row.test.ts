import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.ts';
import { readerLocale, setOwnLocale } from '../../src/i18n/reader.ts';
import { speechFor } from '../../src/i18n/speech.ts';
import { readPerson } from '../../src/worklist/person-row.ts';
import { resolveActor } from '../../src/worklist/staff.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedStaff } from '../support/seed.ts';

/**
 * One interaction looks its person up three times side by side (the adapter's reader language, the
 * dispatcher's actor and its speech): they share one read of the row while it is in flight, and a lookup
 * after a change reads the change.
 */
describe.each(backends())('reading a person’s row on %s', (kind) => {
  let db: Database;
  const userReads: string[] = [];
  const onQuery = (q: { sql: string }) => {
    if (/from "users"/.test(q.sql)) userReads.push(q.sql);
  };
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedStaff(db.knex, 'Mei');
    db.knex.on('query', onQuery);
  });
  afterAll(async () => {
    db?.knex.off('query', onQuery);
    await db?.close();
  });
  const mei = { platform: 'shell' as const, id: 'mei', name: 'Mei' };

  it('reads the row once for lookups side by side, and each lookup gets the whole row', async () => {
    userReads.length = 0;
    const [speech, actor, again, reader] = await Promise.all([
      speechFor(db.knex, mei, undefined, undefined),
      resolveActor(db.knex, { platform: 'shell', platformUserId: 'mei', displayName: 'Mei' }),
      speechFor(db.knex, mei, undefined, undefined),
      readerLocale(db.knex, mei),
    ]);
    expect(userReads).toHaveLength(1);
    expect([speech.t.locale, again.t.locale, reader.locale, actor.name, actor.role]).toEqual([
      'en',
      'en',
      'en',
      'Mei',
      'collector',
    ]);
  });

  it('reads again once a read has settled: a language chosen in between is seen by the next lookup', async () => {
    const before = await readerLocale(db.knex, mei);
    const row = await readPerson(db.knex, 'shell', 'mei');
    await setOwnLocale(db.knex, Number(row?.id), 'zh-CN');
    userReads.length = 0;
    const after = await readerLocale(db.knex, mei);
    expect(userReads).toHaveLength(1);
    expect([before.locale, after.locale, after.source]).toEqual(['en', 'zh-CN', 'own']);
    await setOwnLocale(db.knex, Number(row?.id), null);
    expect((await speechFor(db.knex, mei, undefined, undefined)).t.locale).toBe('en');
  });

  it('does not share a read between two people, and finds nobody for an unknown id', async () => {
    await seedStaff(db.knex, 'Raj');
    const [a, b] = await Promise.all([
      readPerson(db.knex, 'shell', 'mei'),
      readPerson(db.knex, 'shell', 'raj'),
    ]);
    expect([a?.display_name, b?.display_name]).toEqual(['Mei', 'Raj']);
    expect(await readPerson(db.knex, 'shell', 'nobody')).toBeUndefined();
  });
});
