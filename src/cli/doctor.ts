/** `duebot doctor`: the effective settings (secrets masked) and a check of each connection. */
import { doctorReport } from '../doctor.ts';
import { companyT } from '../i18n/speech.ts';
import { settings } from './run.ts';

/** Prints the settings and the checks; exit code 1 when a check fails. */
export async function doctor(): Promise<void> {
  const { config } = await settings(false);
  // Nobody in particular reads doctor's output: the company's language (DUEBOT_LOCALE).
  const { text, ok } = await doctorReport(config, process.env, companyT(config.language));
  process.stdout.write(text);
  if (!ok) process.exitCode = 1;
}
