/**
 * `npm run teams:package`: the Teams app package to upload (Teams admin center, or Apps > Manage your apps >
 * Upload an app): manifest.json with the bot's app id filled in, and the two icons, zipped.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';

const manifestDir = join(dirname(fileURLToPath(import.meta.url)), 'manifest');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILES = ['color.png', 'outline.png'] as const;

/** The package could not be built; the message says what to set or fix. */
export class TeamsPackageError extends Error {
  readonly code = 'teams_package_failed';
}

/** manifest.json with the app id in place of every `{{MicrosoftAppId}}`. */
export async function teamsManifest(appId: string): Promise<Record<string, unknown>> {
  if (!GUID.test(appId))
    throw new TeamsPackageError(
      `MicrosoftAppId: found ${appId ? JSON.stringify(appId) : 'nothing'}, expected the bot's app id (a GUID) to put in the manifest`,
    );
  const text = await readFile(join(manifestDir, 'manifest.json'), 'utf8');
  return JSON.parse(text.replaceAll('{{MicrosoftAppId}}', appId.toLowerCase())) as Record<string, unknown>;
}

/** Writes the zip (manifest.json, color.png, outline.png at its root) and returns its path. */
export async function buildTeamsPackage(options: { appId: string; out: string }): Promise<string> {
  const manifest = await teamsManifest(options.appId);
  const zip = new yazl.ZipFile();
  const when = new Date('2026-01-01T00:00:00Z'); // fixed, so the same inputs give the same bytes
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json', { mtime: when });
  for (const name of FILES) zip.addBuffer(await readFile(join(manifestDir, name)), name, { mtime: when });
  zip.end();
  const out = resolve(options.out);
  await mkdir(dirname(out), { recursive: true });
  await new Promise<void>((done, fail) => {
    zip.outputStream.pipe(createWriteStream(out)).on('close', done).on('error', fail);
  });
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const out = await buildTeamsPackage({
      appId: process.env.MicrosoftAppId ?? '',
      out: process.argv[2] ?? 'dist/duebot-teams.zip',
    });
    process.stdout.write(`wrote ${out}: upload it in Teams (Apps > Manage your apps > Upload an app)\n`);
  } catch (error) {
    process.stderr.write(`duebot teams:package: ${(error as Error).message}\n`);
    process.exitCode = error instanceof TeamsPackageError ? 2 : 1;
  }
}
