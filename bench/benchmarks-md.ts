import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Where benchmark results are recorded, one `## <name>` section per benchmark. */
export const BENCHMARKS_FILE = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));

const HEADER = `# Benchmarks

Run one with \`npm run bench -- <name>\` (\`npm run bench\` alone lists them). Each run replaces its own
section below with the date, the machine and the numbers, so the file shows the latest run of each.
`;

/** Replaces (or appends) the section `## title` of BENCHMARKS.md with `body`, leaving the others alone. */
export async function recordSection(title: string, body: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(BENCHMARKS_FILE, 'utf8');
  } catch {
    text = HEADER;
  }
  const section = `## ${title}\n\n${body.trim()}\n`;
  // The title as literal text: "Sync (Odoo preset)" holds regex characters.
  const literal = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const start = text.search(new RegExp(`^## ${literal}\\s*$`, 'm'));
  if (start < 0) {
    await writeFile(BENCHMARKS_FILE, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  const rest = text.slice(start + 3);
  const next = rest.search(/^## /m);
  const end = next < 0 ? text.length : start + 3 + next;
  await writeFile(
    BENCHMARKS_FILE,
    `${text.slice(0, start)}${section}${next < 0 ? '' : `\n${text.slice(end)}`}`,
  );
}
