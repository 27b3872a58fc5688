import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => join(e.parentPath, e.name));
}

const importsOf = (text: string) =>
  [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');

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
      if (file === join('src', 'main.ts') || file === join('src', 'cli.ts')) continue; // composition roots
      for (const spec of importsOf(await readFile(file, 'utf8'))) {
        if (spec.includes('/adapters/')) offenders.push(`${file} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps refs out of the adapters: no adapter imports action-ref', async () => {
    // Buttons say what they do (opens, confirm); only views encode refs and only dispatch decodes them.
    expect(await adapterImports(/(^|\/)action-ref(\.ts)?$/)).toEqual([]);
  });

  it('keeps the composition root above the adapters: no adapter imports src/main.ts', async () => {
    expect(await adapterImports(/(^|\/)src\/main(\.ts)?$/)).toEqual([]);
  });

  it('finds the sources it checks', async () => {
    expect((await sources('src')).length).toBeGreaterThan(5);
    expect((await sources('adapters')).length).toBeGreaterThan(5);
  });
});
