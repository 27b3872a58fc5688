/**
 * Start-up benchmark: a fresh data dir to the shell's greeting, a second start of the same data dir to the
 * greeting, and `printf 'quit\n' | duebot start` wall time, against floors measured in the same run: bare
 * `node -e` start-up, a fresh PGlite initdb and reopening the same data dir. Targets (ISSUE 14): fresh under
 * 8 s, second start under 3 s on a 2-core machine. Results go to BENCHMARKS.md ("## Start").
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordSection } from './benchmarks-md.ts';
import { describeMachine, machineLine } from './machine.ts';
import { median } from './stats.ts';

const BIN = fileURLToPath(new URL('../bin/duebot.js', import.meta.url));
const DB_URL = new URL('../src/db.ts', import.meta.url).href;
const TEMPLATE_URL = new URL('../src/embedded/template.ts', import.meta.url).href;
const GREETING = /duebot shell: acting as /;
const RUNS = 3;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function env(dataDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) out[k] = v;
  return {
    ...out,
    DUEBOT_DATA_DIR: dataDir,
    DATABASE_URL: '',
    LEDGER_URL: '',
    SLACK_BOT_TOKEN: '',
    TEAMS_APP_ID: '',
    LOG_FORMAT: 'json',
    DUEBOT_SHELL_USER: 'bench',
  };
}

/** Runs a command; with `until`, the milliseconds until stdout matches it (then stdin gets `quit`). */
function timed(args: string[], options: { env?: Record<string, string>; input?: string; until?: RegExp }) {
  return new Promise<{ toMark: number; toExit: number }>((resolve, reject) => {
    const began = performance.now();
    let toMark = -1;
    let stdout = '';
    let stderr = '';
    const child = spawn(process.execPath, args, { env: options.env ?? process.env, stdio: 'pipe' });
    child.stderr.on('data', (c) => (stderr += c));
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (options.until && toMark < 0 && options.until.test(stdout)) {
        toMark = performance.now() - began;
        child.stdin.end('quit\n');
      }
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${args.join(' ')} exited ${code}\n${stderr}`));
      else resolve({ toMark, toExit: performance.now() - began });
    });
  });
}

const node = (script: string) => timed(['--input-type=module', '-e', script], {});

export async function runStartBenchmark(): Promise<void> {
  const machine = describeMachine();
  console.log(`start-up benchmark on ${machineLine(machine)}`);
  const dirs: string[] = [];
  const dir = async () => {
    const d = await mkdtemp(join(tmpdir(), 'duebot-bench-start-'));
    dirs.push(d);
    return d;
  };
  try {
    const bare: number[] = [];
    const initdb: number[] = [];
    const reopen: number[] = [];
    const fromTemplate: number[] = [];
    const fresh: number[] = [];
    const freshInitdb: number[] = [];
    const second: number[] = [];
    const quit: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push((await node('')).toExit);
      const pg = await dir();
      const open = `const { createPglite } = await import(${JSON.stringify(DB_URL)}); const p = await createPglite(${JSON.stringify(join(pg, 'db'))}); await p.close();`;
      initdb.push((await timed(['--import', 'tsx', '--input-type=module', '-e', open], {})).toExit);
      reopen.push((await timed(['--import', 'tsx', '--input-type=module', '-e', open], {})).toExit);
      const copied = join(await dir(), 'db');
      const load = `const { createPglite } = await import(${JSON.stringify(DB_URL)}); const { readTemplate } = await import(${JSON.stringify(TEMPLATE_URL)}); const t = await readTemplate(); if (!t) throw new Error('no template: run duebot embedded-template'); const p = await createPglite(${JSON.stringify(copied)}, t); await p.close();`;
      fromTemplate.push((await timed(['--import', 'tsx', '--input-type=module', '-e', load], {})).toExit);
      // The first start without the prepared template (initdb inside duebot), for comparison.
      const noTemplate = { ...env(await dir()), DUEBOT_TEMPLATE_DIR: join(pg, 'no-template-here') };
      freshInitdb.push((await timed([BIN, 'start'], { env: noTemplate, until: GREETING })).toMark);
      const data = await dir();
      fresh.push((await timed([BIN, 'start'], { env: env(data), until: GREETING })).toMark);
      second.push((await timed([BIN, 'start'], { env: env(data), until: GREETING })).toMark);
      quit.push((await timed([BIN, 'start'], { env: env(data), input: 'quit\n' })).toExit);
      console.log(
        `run ${i + 1}: fresh ${seconds(fresh[i] ?? 0)}, second ${seconds(second[i] ?? 0)}, quit ${seconds(quit[i] ?? 0)}`,
      );
    }
    const floorFresh = median(fromTemplate);
    const floorInitdb = median(initdb);
    const floorSecond = median(reopen);
    const rows: [string, number, number | null, string][] = [
      ['bare `node -e ""`', median(bare), null, ''],
      ['floor: fresh PGlite initdb (node + tsx + PGlite)', floorInitdb, null, ''],
      ['floor: new data dir from the prepared template (node + tsx + PGlite)', floorFresh, null, ''],
      ['floor: reopen that data dir', floorSecond, null, ''],
      ['fresh data dir -> shell greeting', median(fresh), floorFresh, 'target < 8 s'],
      ['fresh data dir without the template (initdb) -> greeting', median(freshInitdb), floorInitdb, ''],
      ['second start -> shell greeting', median(second), floorSecond, 'target < 3 s'],
      ["`printf 'quit\\n' \\| duebot start` (third start)", median(quit), floorSecond, ''],
    ];
    const table = [
      '| what | median | x floor | note |',
      '| --- | --- | --- | --- |',
      ...rows.map(
        ([what, ms, floor, note]) =>
          `| ${what} | ${seconds(ms)} | ${floor ? `${(ms / floor).toFixed(1)}x` : ''} | ${note} |`,
      ),
    ].join('\n');
    console.log(table);
    const endLoad = describeMachine().load;
    await recordSection(
      'Start',
      `${new Date().toISOString().slice(0, 10)}; ${machineLine(machine, [`load average ${endLoad} at the end`])}.
Medians of ${RUNS} runs of \`npm run bench -- start\` (bench/start.ts): the time from spawning \`duebot start\` (demo
ledger, embedded PGlite, shell on piped stdin) to the shell's greeting line, and the whole run of a start
that is told \`quit\` at once. Floors in the same run: Node alone, then Node with tsx opening PGlite on a new
data dir (initdb), on a new data dir copied from the prepared empty cluster (what a first start does since
\`npm install\` prepares it), and on the same data dir again.

${table}`,
    );
  } finally {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  }
}
