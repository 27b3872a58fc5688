/** `duebot doctor`: the effective settings (secrets masked) and a check of each connection. */
import { describeSettings, runChecks } from '../doctor.ts';
import { settings } from './run.ts';

/** Prints the settings and the checks; exit code 1 when a check fails. */
export async function doctor(): Promise<void> {
  const { config } = await settings(false);
  const rows = describeSettings(process.env);
  const width = Math.max(...rows.map(([name]) => name.length));
  const out = [
    'Settings:',
    ...rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`),
    '',
    'Checks:',
  ];
  const checks = await runChecks(config);
  for (const check of checks) {
    out.push(`  ${check.ok ? 'ok  ' : 'FAIL'}  ${check.name}: ${check.detail}`);
    if (!check.ok && check.fix) out.push(`        fix: ${check.fix}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  if (checks.some((c) => !c.ok)) process.exitCode = 1;
}
