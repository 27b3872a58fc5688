import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbedded } from '../../src/embedded/open.ts';
import { readTemplate, templatePath, writeTemplate } from '../../src/embedded/template.ts';

/**
 * Issue 14: a new embedded data dir starts from the ready-made empty cluster instead of running initdb,
 * keeps what it holds on the next start, and still starts (by initdb) from a dump that is damaged.
 */
describe('the ready-made empty embedded database', () => {
  let dir: string;
  let template: string;
  const notices: string[] = [];
  const open = (dataDir: string) =>
    openEmbedded(dataDir, { notice: (line) => notices.push(line), onOwnerGone: () => undefined });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duebot-template-'));
    template = templatePath(join(dir, 'cache'));
    await writeTemplate(template);
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is named for the pinned PGlite version and written whole', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(template).toContain(`pglite-${pkg.dependencies['@electric-sql/pglite']}-empty.tar.gz`);
    expect((await readTemplate(template))?.size).toBeGreaterThan(1_000_000);
    expect(await readTemplate(join(dir, 'nothing-here.tar.gz'))).toBeUndefined();
  });

  it('starts a new data dir from the dump, and reopens it with what was written', async () => {
    // A dump with a mark in it shows the new data dir came from the dump, not from initdb.
    const marked = join(dir, 'marked');
    await mkdir(marked);
    const { PGlite } = await import('@electric-sql/pglite');
    const source = await PGlite.create({ loadDataDir: await readTemplate(template) });
    await source.exec("create table from_the_dump (mark text); insert into from_the_dump values ('yes')");
    await writeFile(
      templatePath(marked),
      Buffer.from(await (await source.dumpDataDir('gzip')).arrayBuffer()),
    );
    await source.close();
    process.env.DUEBOT_TEMPLATE_DIR = marked;
    try {
      const first = await open(join(dir, 'data'));
      expect(await first.knex('from_the_dump').select('mark')).toEqual([{ mark: 'yes' }]);
      await first.knex.raw('create table kept (n int)');
      await first.knex('kept').insert({ n: 7 });
      await first.close();
      const again = await open(join(dir, 'data'));
      expect(await again.knex('kept').select('n')).toEqual([{ n: 7 }]);
      await again.close();
      expect(notices).toEqual([]);
    } finally {
      delete process.env.DUEBOT_TEMPLATE_DIR;
    }
  }, 120_000);

  it('falls back to initdb, saying so in one line, when the dump is damaged', async () => {
    const broken = join(dir, 'broken');
    await mkdir(broken);
    await writeFile(templatePath(broken), 'not a tarball');
    process.env.DUEBOT_TEMPLATE_DIR = broken;
    try {
      const db = await open(join(dir, 'data-2'));
      expect((await db.knex.raw('select 1 as one')).rows).toEqual([{ one: 1 }]);
      await db.close();
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(/could not be loaded .*creating one instead/);
    } finally {
      delete process.env.DUEBOT_TEMPLATE_DIR;
    }
  }, 120_000);
});
