import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, type Knex, knexForPglite } from '../../src/db.ts';
import { createSessionGate } from '../../src/embedded/gate.ts';
import { type EmbeddedServer, gatedPglite, listenPlace, serveEmbedded } from '../../src/embedded/serve.ts';
import { openTestDatabase } from '../support/databases.ts';

/**
 * The owner's side of a shared embedded database, in one process: its own knex and clients attached
 * through the socket use PGlite's one session in turn, never inside each other's transactions.
 */
describe('an embedded database served to attached processes', () => {
  let dir: string;
  let db: Database;
  let owner: Knex;
  let server: EmbeddedServer;
  const clients: pg.Client[] = [];

  const attach = async () => {
    const client = new pg.Client(server.url);
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    return client;
  };
  const rows = async (who: string) => Number((await owner('t').where({ who }).count({ n: '*' }))[0]?.n);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duebot-share-'));
    db = await openTestDatabase('pglite');
    const pglite = db.pglite;
    if (!pglite) throw new Error('no PGlite');
    // A short wait for the session, so a test of a wait that must give up stays short.
    const gate = createSessionGate(1500);
    owner = await knexForPglite(gatedPglite(pglite, gate));
    await owner.raw('create table t (id serial primary key, who text not null, n int not null)');
    server = await serveEmbedded(pglite, gate, listenPlace(dir));
  });
  afterAll(async () => {
    for (const client of clients) await client.end().catch(() => undefined);
    await server?.close();
    await owner?.destroy();
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives each of two clients and the owner their own answers when their queries interleave', async () => {
    const [a, b] = [await attach(), await attach()];
    const loop = async (step: (i: number) => Promise<void>) => {
      for (let i = 0; i < 40; i += 1) await step(i);
    };
    await Promise.all([
      loop(async (i) => {
        const { rows: back } = await a.query('insert into t (who, n) values ($1, $2) returning n', ['a', i]);
        expect(back).toEqual([{ n: i }]);
      }),
      loop(async (i) =>
        expect((await b.query('select $1::int + 1000 as n', [i])).rows).toEqual([{ n: i + 1000 }]),
      ),
      loop(async (i) => {
        await owner('t').insert({ who: 'owner', n: i });
      }),
    ]);
    expect(await rows('a')).toBe(40);
    expect(await rows('owner')).toBe(40);
  });

  it("keeps the owner's statements out of a client's transaction, and runs them after it", async () => {
    const client = await attach();
    await client.query('begin');
    await client.query("insert into t (who, n) values ('rolled-back', 1)");
    const ownerWrite = owner('t').insert({ who: 'owner-during', n: 1 });
    const ownerRead = owner('t').where({ who: 'rolled-back' }).count({ n: '*' });
    await client.query('rollback');
    await ownerWrite;
    expect(Number((await ownerRead)[0]?.n)).toBe(0);
    expect(await rows('owner-during')).toBe(1);
    expect(await rows('rolled-back')).toBe(0);
  });

  it('answers a client that waits on an owner transaction awaiting it with an error, and the owner goes on', async () => {
    const client = await attach();
    const seen = await owner.transaction(async (trx) => {
      await trx('t').insert({ who: 'owner-trx', n: 1 });
      // The owner inside a transaction waits for a client: the client must not wait for ever.
      return client.query("insert into t (who, n) values ('client-in-owner-trx', 1)").then(
        () => 'answered',
        (error: Error) => error.message,
      );
    });
    expect(seen).toMatch(/stayed busy for \d+ s: another duebot process kept a transaction open/);
    expect(await rows('owner-trx')).toBe(1);
    expect(await rows('client-in-owner-trx')).toBe(0);
  });

  it('rolls back what a client left open when its connection drops, and the owner goes on', async () => {
    const client = await attach();
    await client.query('begin');
    await client.query("insert into t (who, n) values ('dropped', 1)");
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    await owner('t').insert({ who: 'after-drop', n: 1 });
    expect(await rows('dropped')).toBe(0);
    expect(await rows('after-drop')).toBe(1);
  });

  it("takes a client's COPY FROM STDIN (an attached sync's writes) without freezing the owner", async () => {
    const client = await attach();
    const stream = client.query(copyFrom('COPY t (who, n) FROM STDIN'));
    const finished = new Promise((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    stream.write('copied\t1\ncopied\t2\n');
    stream.end('copied\t3\n');
    await finished;
    expect(await rows('copied')).toBe(3);
    await expect(
      new Promise((resolve, reject) => {
        const bad = client.query(copyFrom('COPY t (who, n) FROM STDIN'));
        bad.on('finish', resolve);
        bad.on('error', reject);
        bad.end('copied\tnot-a-number\n');
      }),
    ).rejects.toThrow(/invalid input syntax for type integer/);
    expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });
});
