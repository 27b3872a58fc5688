import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cyclesOf, importGraph, importsOf, sources } from './support/import-graph.ts';

/**
 * Import cycles known and owned by an open issue; each goes when its issue is done. A cycle that grows,
 * or any other cycle, fails the test.
 */
const KNOWN_CYCLES: { files: string[]; removedBy: string }[] = [
  {
    // The CardNode type moves to its own module (adapters/teams/card-node.ts).
    files: ['adapters/teams/adaptive-card.ts', 'adapters/teams/file-card.ts'],
    removedBy: 'issue 15: "the import graph has no cycle"',
  },
  {
    // mail-letter.ts takes the letter types from send-letter.ts, which calls mail-letter.ts.
    files: ['src/letters/mail-letter.ts', 'src/letters/send-letter.ts'],
    removedBy: 'issue 15: "the import graph has no cycle"',
  },
];

const sameCycle = (a: string[], b: string[]) => a.join('\n') === b.join('\n');

/** The import graph of the core and the adapters. */
const projectGraph = async () => importGraph([...(await sources('src')), ...(await sources('adapters'))]);

describe('module boundaries (DESIGN.md)', () => {
  it('keeps platform SDKs out of the core: src/ never imports @slack/* or botbuilder', async () => {
    const offenders: string[] = [];
    for (const file of await sources('src')) {
      for (const spec of importsOf(await readFile(file, 'utf8'))) {
        if (spec.startsWith('@slack/') || spec.startsWith('botbuilder') || spec.startsWith('@microsoft/')) {
          offenders.push(`${file} imports ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps the core independent of the adapters: src/ never imports from adapters/', async () => {
    const offenders: string[] = [];
    for (const file of await sources('src')) {
      if (file === join('src', 'main.ts') || file === join('src', 'cli.ts')) continue; // composition roots
      for (const spec of importsOf(await readFile(file, 'utf8'))) {
        if (spec.includes('/adapters/')) offenders.push(`${file} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('has no import cycle in src/ and adapters/ beyond the known ones of open issues', async () => {
    const graph = await projectGraph();
    const unknown = cyclesOf(graph).filter((cycle) => !KNOWN_CYCLES.some((k) => sameCycle(k.files, cycle)));
    expect(unknown).toEqual([]);
  });

  it('lists only known cycles that still exist (remove one once its issue is done)', async () => {
    const cycles = cyclesOf(await projectGraph());
    const gone = KNOWN_CYCLES.filter((k) => !cycles.some((cycle) => sameCycle(k.files, cycle)));
    expect(gone.map((k) => k.files)).toEqual([]);
  });

  it('keeps the settings out of every cycle: no src/jobs/ file imports src/config.ts', async () => {
    const graph = await projectGraph();
    const jobs = [...graph].filter(
      ([file, targets]) => file.startsWith(join('src', 'jobs')) && targets.includes(join('src', 'config.ts')),
    );
    expect(jobs.map(([file]) => file)).toEqual([]);
    expect(
      cyclesOf(graph).filter((cycle) =>
        cycle.some((file) => file.endsWith('settings.ts') || file === join('src', 'config.ts')),
      ),
    ).toEqual([]);
  });

  it('finds a cycle however it is entered, and none in a chain', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(cyclesOf(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
    expect(
      cyclesOf(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('finds the sources it checks', async () => {
    expect((await sources('src')).length).toBeGreaterThan(5);
  });
});
