import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cyclesOf, importGraph, importsOf, sources } from './support/import-graph.ts';

/** The import graph of the core and the adapters. */
const projectGraph = async () => importGraph([...(await sources('src')), ...(await sources('adapters'))]);

/** The entry points an adapter must not reach into: the composition root and the command line. */
const ENTRY_POINTS = [join('src', 'main.ts'), join('src', 'cli.ts')];

/** The entry point `spec` imported from `file` is (as a path from the project root), or null. */
function entryPointOf(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const target = relative(process.cwd(), resolve(dirname(file), spec));
  if (ENTRY_POINTS.includes(target) || target.startsWith(join('src', 'cli') + '/')) return target;
  return null;
}

/** Files under adapters/ importing a module whose specifier matches `pattern`. */
async function adapterImports(pattern: RegExp): Promise<string[]> {
  const offenders: string[] = [];
  for (const file of await sources('adapters')) {
    for (const spec of importsOf(await readFile(file, 'utf8')))
      if (pattern.test(spec)) offenders.push(`${file} imports ${spec}`);
  }
  return offenders;
}

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
      if (file === join('src', 'main.ts')) continue; // the one composition root
      for (const spec of importsOf(await readFile(file, 'utf8'))) {
        if (spec.includes('/adapters/')) offenders.push(`${file} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('has no import cycle in src/ and adapters/', async () => {
    expect(cyclesOf(await projectGraph())).toEqual([]);
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

  it('keeps the adapters peers: no file under adapters/ imports src/main.ts or the command line', async () => {
    const offenders: string[] = [];
    for (const file of await sources('adapters')) {
      for (const spec of importsOf(await readFile(file, 'utf8'))) {
        const entry = entryPointOf(file, spec);
        if (entry) offenders.push(`${file} imports ${entry}`);
      }
    }
    expect(offenders).toEqual([]);
    // The check sees such an import when there is one.
    const planted = join('adapters', 'slack', 'start.ts');
    expect(
      importsOf("import { start } from '../../src/main.ts';").map((s) => entryPointOf(planted, s)),
    ).toEqual([join('src', 'main.ts')]);
    expect(entryPointOf(planted, '../../src/cli/run.ts')).toBe(join('src', 'cli', 'run.ts'));
    expect(entryPointOf(planted, '../../src/runtime.ts')).toBe(null);
  });

  it('keeps refs out of the adapters: no adapter imports action-ref', async () => {
    // Buttons say what they do (opens, confirm); only views encode refs and only dispatch decodes them.
    expect(await adapterImports(/(^|\/)action-ref(\.ts)?$/)).toEqual([]);
  });

  it('keeps the worklist behind the dispatcher: adapters read no account data themselves', async () => {
    // App Home, cards and forms come from src/commands; an adapter may only use the worklist's words and
    // parsers (roles, call results and channels, row numbers), never its queries.
    const words = /(^|\/)src\/worklist\/(staff|log-outcome|row-id)\.ts$/;
    const offenders = (await adapterImports(/(^|\/)src\/worklist\//)).filter(
      (line) => !words.test(line.split(' imports ')[1] ?? ''),
    );
    expect(offenders).toEqual([]);
  });

  it('finds the sources it checks', async () => {
    expect((await sources('src')).length).toBeGreaterThan(5);
    expect((await sources('adapters')).length).toBeGreaterThan(5);
  });
});
