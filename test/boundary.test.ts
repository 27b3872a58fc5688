import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => join(e.parentPath, e.name));
}

const importsOf = (text: string) =>
  [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');

/** The entry points an adapter must not reach into: the composition root and the command line. */
const ENTRY_POINTS = [join('src', 'main.ts'), join('src', 'cli.ts')];

/** The entry point `spec` imported from `file` is (as a path from the project root), or null. */
function entryPointOf(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const target = relative(process.cwd(), resolve(dirname(file), spec));
  if (ENTRY_POINTS.includes(target) || target.startsWith(join('src', 'cli') + '/')) return target;
  return null;
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

  it('finds the sources it checks', async () => {
    expect((await sources('src')).length).toBeGreaterThan(5);
    expect((await sources('adapters')).length).toBeGreaterThan(5);
  });
});
