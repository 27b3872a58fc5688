import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsIcons } from '../../adapters/teams/icons.ts';
import { buildTeamsPackage, packageOptions, TeamsPackageError } from '../../adapters/teams/package.ts';

const APP_ID = '6F1C2A3B-0000-4000-8000-00000000A001';
const URLS = {
  websiteUrl: 'https://ar.acme.example',
  privacyUrl: 'https://ar.acme.example/privacy',
  termsOfUseUrl: 'https://ar.acme.example/terms',
};
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('the Teams app package', () => {
  let dir = '';
  let zip = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duebot-teams-'));
    zip = await buildTeamsPackage({ appId: APP_ID, out: join(dir, 'duebot-teams.zip'), ...URLS });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const entry = (name: string) => execFileSync('unzip', ['-p', zip, name]);

  it('zips manifest.json and both icons at the root, with the bot id filled in', () => {
    const names = execFileSync('unzip', ['-Z1', zip]).toString().trim().split('\n');
    expect(names.sort()).toEqual(['color.png', 'manifest.json', 'outline.png', 'zh-cn.json', 'zh-tw.json']);
    const manifest = JSON.parse(entry('manifest.json').toString()) as Record<string, unknown>;
    expect(manifest.manifestVersion).toBe('1.17');
    expect(manifest.id).toBe(APP_ID.toLowerCase());
    const [bot] = manifest.bots as { botId: string; scopes: string[] }[];
    expect(bot?.botId).toBe(APP_ID.toLowerCase());
    expect(bot?.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(JSON.stringify(manifest)).not.toContain('{{');
    expect(manifest.developer).toMatchObject(URLS);
    // Nothing duebot does needs them: the manifest asks for no resource-specific permissions.
    expect(manifest).not.toHaveProperty('permissions');
  });

  it('localizes the name, descriptions and command hints in simplified and traditional Chinese (issue 20)', () => {
    const manifest = JSON.parse(entry('manifest.json').toString()) as {
      $schema: string;
      localizationInfo: {
        defaultLanguageTag: string;
        additionalLanguages: { languageTag: string; file: string }[];
      };
      name: Record<string, string>;
      description: Record<string, string>;
      bots: { commandLists: { commands: { title: string; description: string }[] }[] }[];
    };
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('en');
    expect(manifest.localizationInfo.additionalLanguages).toEqual([
      { languageTag: 'zh-cn', file: 'zh-cn.json' },
      { languageTag: 'zh-tw', file: 'zh-tw.json' },
    ]);
    const commands = manifest.bots[0]?.commandLists[0]?.commands ?? [];
    // The localization file schema's keys (MicrosoftTeams.Localization.schema.json) and their limits.
    const LIMITS: [RegExp, number][] = [
      [/^\$schema$/, 2048],
      [/^name\.short$/, 30],
      [/^name\.full$/, 100],
      [/^description\.short$/, 80],
      [/^description\.full$/, 4000],
      [/^bots\[0\]\.commandLists\[[0-2]\]\.commands\[[0-9]\]\.title$/, 32],
      [/^bots\[0\]\.commandLists\[[0-2]\]\.commands\[[0-9]\]\.description$/, 128],
    ];
    const texts: Record<string, string>[] = [];
    for (const { file } of manifest.localizationInfo.additionalLanguages) {
      const strings = JSON.parse(entry(file).toString()) as Record<string, string>;
      texts.push(strings);
      // Same schema version as the manifest's (Teams refuses a mismatch).
      expect(strings.$schema).toBe(
        manifest.$schema.replace('MicrosoftTeams.schema', 'MicrosoftTeams.Localization.schema'),
      );
      for (const [key, value] of Object.entries(strings)) {
        const limit = LIMITS.find(([pattern]) => pattern.test(key));
        expect(limit, `${file}: ${key} is not a localizable key`).toBeDefined();
        expect(typeof value).toBe('string');
        expect(value.length, `${file}: ${key}`).toBeLessThanOrEqual(limit?.[1] ?? 0);
      }
      // Every string the manifest shows is translated, and a command keeps the title people type.
      expect(strings['name.full']).toMatch(/[\u4e00-\u9fff]/);
      expect(strings['description.short']).toMatch(/[\u4e00-\u9fff]/);
      expect(strings['description.full']).toMatch(/[\u4e00-\u9fff]/);
      commands.forEach((command, i) => {
        expect(strings[`bots[0].commandLists[0].commands[${i}].title`]).toBe(command.title);
        expect(strings[`bots[0].commandLists[0].commands[${i}].description`]).toMatch(/[\u4e00-\u9fff]/);
      });
    }
    const [simplified, traditional] = texts;
    expect(simplified?.['description.full']).toContain('账');
    expect(traditional?.['description.full']).toContain('帳');
    expect(traditional?.['description.full']).not.toMatch(/[账记录发]/);
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
    const error = await buildTeamsPackage({ appId: 'not-a-guid', out: join(dir, 'x.zip'), ...URLS }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TeamsPackageError);
    expect((error as Error).message).toContain('MicrosoftAppId');
  });

  const refusal = async (urls: Partial<typeof URLS>) => {
    const error = await buildTeamsPackage({ appId: APP_ID, out: join(dir, 'y.zip'), ...URLS, ...urls }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TeamsPackageError);
    return (error as Error).message;
  };

  it('refuses a missing or invalid website, privacy or terms address, naming the setting and the flag', async () => {
    expect(await refusal({ privacyUrl: '' })).toBe(
      'TEAMS_PRIVACY_URL (or --privacy): found nothing, expected the https:// address of your privacy statement, shown in the Teams app details',
    );
    expect(await refusal({ websiteUrl: 'http://ar.acme.example' })).toMatch(
      /^TEAMS_WEBSITE_URL \(or --website\): found "http:\/\/ar\.acme\.example", expected the https:\/\//,
    );
    expect(await refusal({ termsOfUseUrl: 'not a url' })).toMatch(/^TEAMS_TERMS_URL \(or --terms\)/);
    expect(await refusal({ termsOfUseUrl: `https://a.example/${'x'.repeat(3000)}` })).toMatch(/…", expected/);
  });

  it('takes the addresses from flags over the environment, and refuses an unknown flag', () => {
    const env = {
      MicrosoftAppId: APP_ID,
      TEAMS_WEBSITE_URL: 'https://env.example',
      TEAMS_PRIVACY_URL: 'https://env.example/p',
      TEAMS_TERMS_URL: 'https://env.example/t',
    };
    expect(packageOptions(['out.zip', '--website', 'https://flag.example'], env)).toEqual({
      appId: APP_ID,
      out: 'out.zip',
      websiteUrl: 'https://flag.example',
      privacyUrl: 'https://env.example/p',
      termsOfUseUrl: 'https://env.example/t',
    });
    expect(() => packageOptions(['--homepage', 'https://x.example'], env)).toThrow(TeamsPackageError);
  });
});
