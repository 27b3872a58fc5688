/** `duebot doctor`: the effective settings (secrets masked) and a check of each connection. */
import { doctorReport } from '../doctor.ts';
import { companyT } from '../i18n/speech.ts';
import type { StdIo } from '../std-io.ts';
import { settings } from './run.ts';

/** Prints the settings and the checks; false when a check fails (exit code 1). */
export async function doctor(io: StdIo): Promise<boolean> {
  const { config } = await settings(io, false);
  // Nobody in particular reads doctor's output: the company's language (DUEBOT_LOCALE).
  const { text, ok } = await doctorReport(config, io.env, companyT(config.language));
  io.stdout.write(text);
  return ok;
}
