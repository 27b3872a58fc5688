/**
 * The settings that name files and folders, checked the same way by `duebot doctor` (one ok/FAIL line
 * each) and by every command that starts duebot (refused with all problems at once, exit code 2), so a
 * setting doctor passes is never refused later, when a clerk presses Send.
 */
import { open, stat } from 'node:fs/promises';
import type { Config } from './config.ts';
import { ensureWritableDir } from './data-dir.ts';
import { saidBy, sayIn } from './i18n/said.ts';
import { translator, type Translator } from './i18n/translate.ts';
import { readMapping } from './ledger/mapping.ts';
import { buildPolicy } from './policy.ts';

/** One line of `duebot doctor`: what was checked, whether it is fine, and what to do if not. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

const errnoOf = (error: unknown) => String((error as { code?: unknown }).code ?? error);

/** What a thrown error says, in `t`'s language when it carries its catalog message, else its own words. */
export function errorText(
  t: Translator,
  error: unknown,
  field: 'says' | 'fixSays' = 'says',
): string | undefined {
  const says = saidBy(error, field);
  if (says) return sayIn(t, says);
  const text = (error as { message?: unknown; fix?: unknown } | null)?.[field === 'says' ? 'message' : 'fix'];
  return typeof text === 'string' ? text : undefined;
}

async function dataDirCheck(config: Config, t: Translator): Promise<Check> {
  const name = 'DUEBOT_DATA_DIR';
  try {
    await ensureWritableDir(config.dataDir);
    return { name, ok: true, detail: t.t('doctor.dataDir.ok', { dir: config.dataDir }) };
  } catch (error) {
    return {
      name,
      ok: false,
      detail: errorText(t, error) ?? String(error),
      fix: t.t('doctor.dataDir.fix', { setting: name, database: 'DATABASE_URL' }),
    };
  }
}

/** One of the collections policy's files, checked on its own (the other left unset) so a problem is named once. */
async function policyFileCheck(
  config: Config,
  name: 'DUEBOT_LADDER_FILE' | 'DUEBOT_POLICY_FILE',
  t: Translator,
): Promise<Check> {
  const ladder = name === 'DUEBOT_LADDER_FILE';
  const file = ladder ? config.collections.ladderFile : config.collections.policyFile;
  const alone = {
    ...config,
    collections: {
      ...config.collections,
      ladderFile: ladder ? file : undefined,
      policyFile: ladder ? undefined : file,
    },
  };
  try {
    await buildPolicy(alone);
    return {
      name,
      ok: true,
      detail: t.t('doctor.policy.ok', { file: file ?? '', ladder: ladder ? 'yes' : 'no' }),
    };
  } catch (error) {
    return {
      name,
      ok: false,
      detail: saidBy(error) ? (errorText(t, error) ?? '') : (error as Error).message.replace(`${name}: `, ''),
      fix: t.t('doctor.policy.fix', {
        ladder: ladder ? 'yes' : 'no',
        setting: name,
        example: `src/collections/default-${ladder ? 'ladder' : 'policy'}.yaml`,
      }),
    };
  }
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

async function stampCheck(file: string, t: Translator): Promise<Check> {
  const name = 'LETTER_STAMP_IMAGE';
  const fix = t.t('doctor.stamp.fix', { setting: name });
  let head: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(8), 0, 8, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const detail =
      errnoOf(error) === 'ENOENT'
        ? t.t('doctor.path.missing', { path: file })
        : t.t('doctor.path.unreadable', { path: file, code: errnoOf(error) });
    return { name, ok: false, detail, fix };
  }
  const image = head.subarray(0, 4).equals(PNG) || head.subarray(0, 3).equals(JPEG);
  if (!image) return { name, ok: false, detail: t.t('doctor.stamp.notImage', { file }), fix };
  return { name, ok: true, detail: t.t('doctor.stamp.ok', { file }) };
}

async function templatesCheck(dir: string, t: Translator): Promise<Check> {
  const name = 'LETTER_TEMPLATES_DIR';
  const found = await stat(dir).catch(() => null);
  if (found?.isDirectory()) return { name, ok: true, detail: t.t('doctor.templates.ok', { dir }) };
  return {
    name,
    ok: false,
    detail: found ? t.t('doctor.dir.notFolder', { path: dir }) : t.t('doctor.path.missing', { path: dir }),
    fix: t.t('doctor.templates.fix', { setting: name, layout: '<locale>/<letter>.hbs' }),
  };
}

async function mappingCheck(file: string, t: Translator): Promise<Check> {
  const name = 'LEDGER_MAPPING';
  try {
    await readMapping(file);
    return { name, ok: true, detail: t.t('doctor.mapping.ok', { file, watermark: ':watermark' }) };
  } catch (error) {
    return {
      name,
      ok: false,
      detail: errorText(t, error) ?? String(error),
      fix: errorText(t, error, 'fixSays') ?? t.t('doctor.mapping.fix', { setting: name }),
    };
  }
}

/**
 * The checks of the settings that name files and folders; only those that are set (the data dir: when in
 * use). In `t`'s language: the company's (DUEBOT_LOCALE), in doctor and in a refused start.
 */
export async function checkSettingFiles(config: Config, t: Translator = translator('en')): Promise<Check[]> {
  const checks: Promise<Check>[] = [];
  if (!config.databaseUrl) checks.push(dataDirCheck(config, t));
  if (config.collections.ladderFile) checks.push(policyFileCheck(config, 'DUEBOT_LADDER_FILE', t));
  if (config.collections.policyFile) checks.push(policyFileCheck(config, 'DUEBOT_POLICY_FILE', t));
  if (config.ledger.url && config.ledger.mappingFile) checks.push(mappingCheck(config.ledger.mappingFile, t));
  if (config.letters.company.stampImage) checks.push(stampCheck(config.letters.company.stampImage, t));
  if (config.letters.templatesDir) checks.push(templatesCheck(config.letters.templatesDir, t));
  return Promise.all(checks);
}

/**
 * A failed check as one line of a settings problem list, `NAME: what is wrong; fix: what to do`, in `t`'s
 * language (the one the check was said in).
 */
export function problemLine(check: Check, t: Translator = translator('en')): string {
  return t.t('settings.check', {
    variable: check.name,
    detail: check.detail,
    hasFix: check.fix ? 'yes' : 'no',
    fix: check.fix ?? '',
  });
}
