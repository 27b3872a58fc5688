/**
 * Benchmark runner: `npm run bench -- <name>`. Each benchmark lives in its own file and records its
 * results in its own section of BENCHMARKS.md.
 */

const BENCHMARKS: Record<string, { about: string; run: () => Promise<void> }> = {
  sync: {
    about: 'ledger sync of 1,000,000 invoices against the COPY floor, peak memory, incremental 10k rows',
    run: async () => (await import('./sync.ts')).runSyncBenchmark(),
  },
  letters: {
    about: 'rendering each letter template (HTML, text, PDF) per locale and e-mailing it over SMTP',
    run: async () => (await import('./letters.ts')).runLettersBenchmark(),
  },
  start: {
    about:
      'fresh data dir and second start to the shell prompt, and `quit` wall time, against a PGlite floor',
    run: async () => (await import('./start.ts')).runStartBenchmark(),
  },
  slack: {
    about: '/overdue and Claim from 50 concurrent people for 30 s: acknowledgement and full-response latency',
    run: async () => (await import('./slack.ts')).runSlackBenchmark(),
  },
  scale: {
    about:
      'at 10k/100k/1M accounts: digest, alerts, aging, meeting, worklist refresh against their SQL floor; /overdue, Claim, card, App Home against transport and query floors; peak RSS',
    run: async () => (await import('./scale.ts')).runScaleBenchmark(),
  },
};

const name = process.argv[2];
const bench = name ? BENCHMARKS[name] : undefined;
if (!bench) {
  console.error(`${name ? `unknown benchmark "${name}"` : 'no benchmark named'}; known benchmarks:`);
  for (const [known, { about }] of Object.entries(BENCHMARKS)) console.error(`  ${known.padEnd(8)} ${about}`);
  process.exitCode = 2;
} else {
  await bench.run();
}
