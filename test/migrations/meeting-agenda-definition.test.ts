import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261207_440_meeting_agenda_definition.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { Database } from '../../src/db.ts';
import { agendaPages } from '../../src/reports/agenda-file.ts';
import { refreshWorklist } from '../../src/worklist/assess.ts';
import { decideSegment, openSegments } from '../../src/worklist/segment-decisions.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { columnNames } from '../support/indexes.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

/**
 * PB-28 at scale (440): a meeting stores its agenda as a definition and rows only for its replies and its
 * decisions. A meeting opened before gets its definition derived from its rows, keeps its thread and its
 * decided rows and loses its undecided file rows (their accounts stay on its agenda by the definition);
 * down numbers the rows decided by segment and gives the file's undecided rows back from the worklist.
 */
describe.each(backends())('the meeting agenda definition migration on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  const heldOn = '2026-11-02';

  it('converts meetings opened before so their file and segment decisions keep working, and back', async () => {
    const ann = await seedStaff(db.knex, 'Ann', 'collector', 'shell');
    // Days overdue on 2 Nov: a 62, b 43, c 33, d 38; e 8 (not on the agenda).
    const seeded: Record<string, number> = {};
    for (const [name, due] of [
      ['a', '2026-09-01'],
      ['b', '2026-09-20'],
      ['c', '2026-09-30'],
      ['d', '2026-09-25'],
      ['e', '2026-10-25'],
    ] as const)
      seeded[name] = (
        await seedAccount(db.knex, {
          name,
          items: [{ issueDate: '2026-08-01', dueDate: due, totalMinor: 100_00 }],
        })
      ).accountId;
    const { a, b, c, d } = seeded as Record<'a' | 'b' | 'c' | 'd', number>;
    await refreshWorklist({ db: db.knex, policy: defaultPolicy, today: heldOn, timeZone: 'UTC' });

    await down(db.knex);
    expect(await columnNames(db.knex, 'meetings')).not.toContain('cutoff');
    // A meeting as the old code opened it: a and b replies (a decided), c and d in the file (c decided).
    const [old] = await db
      .knex('meetings')
      .insert({ month: '2026-11', held_on: heldOn, post_key: 'meeting:2026-11' })
      .returning('id');
    await db
      .knex('meetings')
      .insert({ month: '2026-10', held_on: '2026-10-01', post_key: 'meeting:2026-10' });
    const meetingId = Number(old.id);
    const row = (
      id: number,
      position: number | null,
      days: number,
      inThread: boolean,
      decision: string | null,
    ) => ({
      meeting_id: meetingId,
      customer_id: id,
      position,
      in_thread: inThread,
      snapshot: JSON.stringify({ accountId: id, name: 'x', daysOverdue: days, expectedRecovery: 1 }),
      decision,
      decided_by_user_id: decision ? ann.userId : null,
      revision: decision ? 1 : 0,
    });
    await db
      .knex('meeting_accounts')
      .insert([
        row(a, 1, 62, true, 'credit_hold'),
        row(b, 2, 43, true, null),
        row(c, 3, 33, false, 'agency'),
        row(d, 4, 38, false, null),
      ]);
    const stored = async () =>
      (
        await db
          .knex('meeting_accounts')
          .where({ meeting_id: meetingId })
          .orderBy('customer_id')
          .select('customer_id', 'position', 'in_thread', 'decision')
      ).map((r) => [Number(r.customer_id), r.position, r.in_thread, r.decision]);
    const definitions = () =>
      db.knex('meetings').orderBy('month').select('month', 'cutoff', 'agenda_order', 'accounts', 'replies');

    await up(db.knex);
    // The cutoff keeps every stored account (fewest days stored: 33); no account: DUEBOT_MEETING_MIN_DAYS' 30.
    expect(await definitions()).toEqual([
      { month: '2026-10', cutoff: '2026-08-31', agenda_order: 'oldest-due', accounts: 0, replies: 0 },
      { month: '2026-11', cutoff: '2026-09-30', agenda_order: 'recovery', accounts: 4, replies: 2 },
    ]);
    // The thread and the decisions stay; the file's undecided row goes.
    expect(await stored()).toEqual([
      [a, 1, true, 'credit_hold'],
      [b, 2, true, null],
      [c, 3, false, 'agency'],
    ]);
    // Its file lists the agenda beyond the replies from the worklist, numbered after them; d is still on it.
    const file: number[][] = [];
    for await (const page of agendaPages(db.knex, meetingId))
      file.push(...page.map((r) => [Number(r[0]), Number(r[1])]));
    expect(file.map(([, id]) => id).sort()).toEqual([c, d].sort());
    expect(file.map(([position]) => position)).toEqual([3, 4]);
    expect(await openSegments(db.knex, meetingId)).toContainEqual({
      dimension: 'owner',
      value: '',
      undecided: 1,
    });

    // Down gives the file's undecided row back (numbered after the others), up takes it away again.
    await down(db.knex);
    expect(await stored()).toEqual([
      [a, 1, true, 'credit_hold'],
      [b, 2, true, null],
      [c, 3, false, 'agency'],
      [d, 4, false, null],
    ]);
    expect(await columnNames(db.knex, 'meetings')).not.toContain('agenda_order');
    await up(db.knex);
    expect(await stored()).toHaveLength(3);

    // A segment decided on the converted meeting reaches d only (c is decided, a and b are replies).
    const decided = await db.knex.transaction((trx) =>
      decideSegment(trx, ann, {
        meetingId,
        segment: { dimension: 'owner', value: '' },
        decision: 'payment_plan',
        at: new Date('2026-11-03T02:00:00Z'),
        timeZone: 'UTC',
      }),
    );
    expect(decided).toEqual({ ok: true, value: { month: '2026-11', decided: 1 } });
    expect((await stored()).at(-1)).toEqual([d, null, false, 'payment_plan']);
    expect(await openSegments(db.knex, meetingId)).toEqual([]);

    // Down numbers the row decided by segment after the others; the positions are required again.
    await down(db.knex);
    expect((await stored()).at(-1)).toEqual([d, 4, false, 'payment_plan']);
    await expect(
      db.knex('meeting_accounts').insert(row(seeded.e as number, null, 8, false, null)),
    ).rejects.toThrow(/null value|not-null/);
    await up(db.knex);
    expect(await definitions()).toHaveLength(2);
  });
});
