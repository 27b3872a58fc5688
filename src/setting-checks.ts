/**
 * The settings that name files and folders, checked the same way by `duebot doctor` (one ok/FAIL line
 * each) and by every command that starts duebot (refused with all problems at once, exit code 2), so a
 * setting doctor passes is never refused later, when a clerk presses Send.
 */
import { open, stat } from 'node:fs/promises';
import type { Config } from './config.ts';
import { ensureWritableDir } from './data-dir.ts';
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

async function dataDirCheck(config: Config): Promise<Check> {
  const name = 'DUEBOT_DATA_DIR';
  try {
    await ensureWritableDir(config.dataDir);
    return { name, ok: true, detail: `${config.dataDir}: a writable folder` };
  } catch (error) {
    return {
      name,
      ok: false,
      detail: (error as Error).message,
      fix: 'set DUEBOT_DATA_DIR to a folder duebot may create and write (or set DATABASE_URL)',
    };
  }
}

/** One of the collections policy's files, checked on its own (the other left unset) so a problem is named once. */
async function policyFileCheck(
  config: Config,
  name: 'DUEBOT_LADDER_FILE' | 'DUEBOT_POLICY_FILE',
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
    return { name, ok: true, detail: `${file}: a valid ${ladder ? 'ladder' : 'policy'}` };
  } catch (error) {
    return {
      name,
      ok: false,
      detail: (error as Error).message.replace(`${name}: `, ''),
      fix: ladder
        ? 'correct the ladder file (start from src/collections/default-ladder.yaml), or unset DUEBOT_LADDER_FILE for the built-in one'
        : "correct the policy file (start from src/collections/default-policy.yaml), or unset DUEBOT_POLICY_FILE for the playbook's numbers",
    };
  }
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

async function stampCheck(file: string): Promise<Check> {
  const name = 'LETTER_STAMP_IMAGE';
  const fix =
    'set LETTER_STAMP_IMAGE to a readable PNG or JPEG file, or unset it to send letters without a stamp';
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
    const why = errnoOf(error) === 'ENOENT' ? 'does not exist' : `cannot be read (${errnoOf(error)})`;
    return { name, ok: false, detail: `${file} ${why}`, fix };
  }
  const image = head.subarray(0, 4).equals(PNG) || head.subarray(0, 3).equals(JPEG);
  if (!image) return { name, ok: false, detail: `${file} is not a PNG or JPEG image`, fix };
  return { name, ok: true, detail: `${file}: an image` };
}

async function templatesCheck(dir: string): Promise<Check> {
  const name = 'LETTER_TEMPLATES_DIR';
  const found = await stat(dir).catch(() => null);
  if (found?.isDirectory()) return { name, ok: true, detail: `${dir}: a folder` };
  return {
    name,
    ok: false,
    detail: `${dir} ${found ? 'is a file, not a folder' : 'does not exist'}`,
    fix: 'set LETTER_TEMPLATES_DIR to the folder of your templates (<locale>/<letter>.hbs), or unset it',
  };
}

async function mappingCheck(file: string): Promise<Check> {
  const name = 'LEDGER_MAPPING';
  try {
    await readMapping(file);
    return { name, ok: true, detail: `${file}: a query with :watermark` };
  } catch (error) {
    const fix = (error as { fix?: unknown }).fix;
    return {
      name,
      ok: false,
      detail: (error as Error).message,
      fix: typeof fix === 'string' ? fix : 'set LEDGER_MAPPING to a readable SQL file',
    };
  }
}

/** The checks of the settings that name files and folders; only those that are set (the data dir: when in use). */
export async function checkSettingFiles(config: Config): Promise<Check[]> {
  const checks: Promise<Check>[] = [];
  if (!config.databaseUrl) checks.push(dataDirCheck(config));
  if (config.collections.ladderFile) checks.push(policyFileCheck(config, 'DUEBOT_LADDER_FILE'));
  if (config.collections.policyFile) checks.push(policyFileCheck(config, 'DUEBOT_POLICY_FILE'));
  if (config.ledger.url && config.ledger.mappingFile) checks.push(mappingCheck(config.ledger.mappingFile));
  if (config.letters.company.stampImage) checks.push(stampCheck(config.letters.company.stampImage));
  if (config.letters.templatesDir) checks.push(templatesCheck(config.letters.templatesDir));
  return Promise.all(checks);
}

/** A failed check as one line of a settings problem list: `NAME: what is wrong; fix: what to do`. */
export function problemLine(check: Check): string {
  return `${check.name}: ${check.detail}${check.fix ? `; fix: ${check.fix}` : ''}`;
}
