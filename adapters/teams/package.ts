/**
 * `npm run teams:package`: the Teams app package to upload (Teams admin center, or Apps > Manage your apps >
 * Upload an app): manifest.json with the bot's app id and the company's web addresses filled in, the
 * two icons and the manifest's Chinese language files, zipped.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import yazl from 'yazl';
import type { MessageKey } from '../../src/i18n/messages/en.ts';
import { environmentT, type MessageValues } from '../../src/i18n/translate.ts';
import { said, type Said, sayIn } from '../../src/i18n/said.ts';

const manifestDir = join(dirname(fileURLToPath(import.meta.url)), 'manifest');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILES = ['color.png', 'outline.png'] as const;
/**
 * The manifest's strings in simplified and traditional Chinese (its `localizationInfo`): Teams shows the
 * app's name, descriptions and command hints in the client's language. Commands keep their typed titles.
 */
export const LANGUAGE_FILES = ['zh-cn.json', 'zh-tw.json'] as const;
/** The Teams manifest schema's longest URL. */
const MAX_URL = 2048;

/**
 * The package could not be built; it says what to set or fix in a reader's language (`says`, as every
 * error of ours that doctor or a command says later), its message being the English.
 */
export class TeamsPackageError extends Error {
  readonly code = 'teams_package_failed';
  readonly says: Said;
  constructor(key: MessageKey, values: MessageValues) {
    const says = said(key, values);
    super(sayIn(undefined, says));
    this.says = says;
  }
}

/**
 * The web addresses Teams shows in the app's details (manifest `developer`): required by the manifest
 * schema, and the company's own, so they are settings of the package command, never example addresses.
 */
export interface TeamsPackageUrls {
  websiteUrl: string;
  privacyUrl: string;
  termsOfUseUrl: string;
}

/** Each address: its environment variable, its command-line flag, and what it is. */
export const URL_SETTINGS: Record<keyof TeamsPackageUrls, { env: string; flag: string }> = {
  websiteUrl: { env: 'TEAMS_WEBSITE_URL', flag: '--website' },
  privacyUrl: { env: 'TEAMS_PRIVACY_URL', flag: '--privacy' },
  termsOfUseUrl: { env: 'TEAMS_TERMS_URL', flag: '--terms' },
};

/** What was found, for a refusal: the value quoted (cut at 80 characters), or nothing. */
const foundValues = (value: string | undefined): MessageValues => ({
  found: value ? 'value' : 'nothing',
  value: value ? JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value) : '',
});

/** Checks one address: an https:// URL with a host, as the Teams manifest requires. */
function checkUrl(key: keyof TeamsPackageUrls, value: string | undefined): string {
  const { env, flag } = URL_SETTINGS[key];
  const url = value && URL.canParse(value) ? new URL(value) : null;
  if (
    !value ||
    !url ||
    url.protocol !== 'https:' ||
    !url.hostname ||
    value.length > MAX_URL ||
    /\s/.test(value)
  )
    throw new TeamsPackageError('cli.teams.badUrl', {
      variable: env,
      flag,
      what: key,
      ...foundValues(value),
    });
  return value;
}

/** manifest.json with the app id in place of every `{{MicrosoftAppId}}` and the three addresses filled in. */
export async function teamsManifest(appId: string, urls: TeamsPackageUrls): Promise<Record<string, unknown>> {
  if (!GUID.test(appId))
    throw new TeamsPackageError('cli.teams.badAppId', {
      found: appId ? 'value' : 'nothing',
      value: appId ? JSON.stringify(appId) : '',
    });
  const checked = {
    websiteUrl: checkUrl('websiteUrl', urls.websiteUrl),
    privacyUrl: checkUrl('privacyUrl', urls.privacyUrl),
    termsOfUseUrl: checkUrl('termsOfUseUrl', urls.termsOfUseUrl),
  };
  const text = await readFile(join(manifestDir, 'manifest.json'), 'utf8');
  const manifest = JSON.parse(text.replaceAll('{{MicrosoftAppId}}', appId.toLowerCase())) as Record<
    string,
    unknown
  >;
  // Filled in after parsing, so no address can change the manifest's JSON however it is written.
  manifest.developer = { ...(manifest.developer as Record<string, unknown>), ...checked };
  return manifest;
}

/** Writes the zip (manifest.json, color.png, outline.png at its root) and returns its path. */
export async function buildTeamsPackage(
  options: { appId: string; out: string } & TeamsPackageUrls,
): Promise<string> {
  const manifest = await teamsManifest(options.appId, options);
  const zip = new yazl.ZipFile();
  const when = new Date('2026-01-01T00:00:00Z'); // fixed, so the same inputs give the same bytes
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json', { mtime: when });
  for (const name of [...FILES, ...LANGUAGE_FILES])
    zip.addBuffer(await readFile(join(manifestDir, name)), name, { mtime: when });
  zip.end();
  const out = resolve(options.out);
  await mkdir(dirname(out), { recursive: true });
  await new Promise<void>((done, fail) => {
    zip.outputStream.pipe(createWriteStream(out)).on('close', done).on('error', fail);
  });
  return out;
}

/** The command's settings: `[out.zip] [--website URL] [--privacy URL] [--terms URL]`, flags over the environment. */
export function packageOptions(
  argv: string[],
  env: NodeJS.ProcessEnv,
): { appId: string; out: string } & TeamsPackageUrls {
  const parse = () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: { website: { type: 'string' }, privacy: { type: 'string' }, terms: { type: 'string' } },
    });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    throw new TeamsPackageError('cli.teams.usage', { error: (error as Error).message });
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1)
    throw new TeamsPackageError('cli.teams.tooMany', {
      count: positionals.length,
      files: positionals.join(' '),
    });
  return {
    appId: env.MicrosoftAppId ?? '',
    out: positionals[0] ?? 'dist/duebot-teams.zip',
    websiteUrl: values.website ?? env.TEAMS_WEBSITE_URL ?? '',
    privacyUrl: values.privacy ?? env.TEAMS_PRIVACY_URL ?? '',
    termsOfUseUrl: values.terms ?? env.TEAMS_TERMS_URL ?? '',
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // Said in the company's language as the environment names it (DUEBOT_LOCALE); the command reads no settings.
  const t = environmentT();
  try {
    const out = await buildTeamsPackage(packageOptions(process.argv.slice(2), process.env));
    process.stdout.write(`${t.t('cli.teams.wrote', { out })}\n`);
  } catch (error) {
    const said = error instanceof TeamsPackageError ? sayIn(t, error.says) : (error as Error).message;
    process.stderr.write(`duebot teams:package: ${said}\n`);
    process.exitCode = error instanceof TeamsPackageError ? 2 : 1;
  }
}
