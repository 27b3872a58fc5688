import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsIcons } from '../../adapters/teams/icons.ts';
import { buildTeamsPackage, TeamsPackageError } from '../../adapters/teams/package.ts';

const APP_ID = '6F1C2A3B-0000-4000-8000-00000000A001';
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('the Teams app package', () => {
  let dir = '';
  let zip = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duebot-teams-'));
    zip = await buildTeamsPackage({ appId: APP_ID, out: join(dir, 'duebot-teams.zip') });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const entry = (name: string) => execFileSync('unzip', ['-p', zip, name]);

  it('zips manifest.json and both icons at the root, with the bot id filled in', () => {
    const names = execFileSync('unzip', ['-Z1', zip]).toString().trim().split('\n');
    expect(names.sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(entry('manifest.json').toString()) as Record<string, unknown>;
    expect(manifest.manifestVersion).toBe('1.17');
    expect(manifest.id).toBe(APP_ID.toLowerCase());
    const [bot] = manifest.bots as { botId: string; scopes: string[] }[];
    expect(bot?.botId).toBe(APP_ID.toLowerCase());
    expect(bot?.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(JSON.stringify(manifest)).not.toContain('{{');
  });

  it('carries a 192x192 color icon and a 32x32 outline icon, the committed ones as generated', async () => {
    expect(pngSize(entry('color.png'))).toEqual({ width: 192, height: 192 });
    expect(pngSize(entry('outline.png'))).toEqual({ width: 32, height: 32 });
    const generated = teamsIcons();
    expect(Buffer.compare(entry('color.png'), generated['color.png'])).toBe(0);
    expect(
      Buffer.compare(await readFile('adapters/teams/manifest/outline.png'), generated['outline.png']),
    ).toBe(0);
  });

  it('refuses to build without a valid app id, saying which setting to fix', async () => {
    const error = await buildTeamsPackage({ appId: 'not-a-guid', out: join(dir, 'x.zip') }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TeamsPackageError);
    expect((error as Error).message).toContain('MicrosoftAppId');
  });
});
