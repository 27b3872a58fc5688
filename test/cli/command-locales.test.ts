import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/i18n/locale.ts';
import { translator, type Translator } from '../../src/i18n/translate.ts';
import { notice } from '../../src/views/notices.ts';
import { runDuebot, runDuebotHere } from '../support/cli.ts';
import { backends, createServerDatabase, type ServerDatabase } from '../support/databases.ts';
import { pseudoT, strayEnglish } from '../support/view-locales.ts';

const PRELOAD = fileURLToPath(new URL('../support/pseudo-locale-preload.mjs', import.meta.url));
/** A fault from outside: the process cannot write to stdout, so `duebot --version` fails as a bug would. */
const BROKEN_STDOUT = '--import=data:text/javascript,process.stdout.write=()=>{throw(Error())}';

type Speaker = 'zh-CN' | 'zh-TW' | 'pseudo';

/**
 * How a spawned duebot speaks: a Chinese company (DUEBOT_LOCALE), or English replaced by the pseudo-locale
 * (test/support/pseudo-locale-preload.mjs), where any English of ours that skipped the catalogs stands out.
 */
function speaker(who: Speaker): {
  env: Record<string, string>;
  t: Translator;
  nodeOptions: string[];
  pseudo: boolean;
} {
  if (who === 'pseudo')
    return { env: { DUEBOT_LOCALE: 'en' }, t: pseudoT(), nodeOptions: [`--import=${PRELOAD}`], pseudo: true };
  return { env: { DUEBOT_LOCALE: who }, t: translator(who as Locale), nodeOptions: [], pseudo: false };
}

/** No English word of ours in `text` (`data`: the words the test itself put there, e.g. paths). */
function noEnglish(who: Speaker, text: string, data: string[]): string[] {
  // Commands a person types (duebot doctor, duebot sync) stay as typed in every language.
  return strayEnglish(notice(text), ['duebot doctor sync', ...data], { placeholders: who === 'pseudo' });
}

/**
 * Each case runs in the pseudo-locale (any English of ours fails) and in one Chinese script; the other script's messages are the same code with
 * another catalog, each of whose messages the catalog tests parse and hold to the English placeholders
 * (test/i18n/catalogs.test.ts).
 */
const SPEAKERS: Speaker[] = ['zh-TW', 'pseudo'];

/**
 * Issue 20: what the `duebot` commands say to the person who runs them (results, refusals, a bug's report)
 * in the company's language, through the real command line; each also in the pseudo-locale, so a line of
 * English that did not come from a catalog fails. The command line runs in this process (runDuebotHere);
 * a bug's report, which needs a process whose stdout breaks, and npm's Teams script run as processes.
 */
describe(
  'the commands that fail before any database, in the company’s language',
  { timeout: 120_000 },
  () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'duebot-cmd-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it.each(SPEAKERS)(
      '%s: a bug, a missing folder, broken settings, an unreachable database',
      async (who) => {
        const { env, t, nodeOptions, pseudo } = speaker(who);
        const run = (args: string[], more: Record<string, string> = {}) =>
          runDuebotHere(args, {
            env: { DUEBOT_DATA_DIR: dir, DATABASE_URL: '', LEDGER_URL: '', ...env, ...more },
            pseudo,
          });

        const bug = await runDuebot(['--version'], {
          env: { ...env, NODE_OPTIONS: [...nodeOptions, BROKEN_STDOUT].join(' ') },
          timeoutMs: 100_000,
        });
        expect(bug.code).toBe(1);
        const [bugLine, trace] = bug.stderr.split('\n');
        expect(bugLine).toBe(t.t('cli.bug'));
        expect(trace).toMatch(/^Error/);
        expect(noEnglish(who, bugLine ?? '', [])).toEqual([]);

        const out = join(dir, 'no-such-folder', 'x.pdf');
        const folder = await run(['letter', 'preview', 'reminder', '--out', out]);
        expect(folder.code).toBe(1);
        expect(folder.stderr).toBe(
          `duebot letter preview: ${t.t('cli.letter.noFolder', { out, folder: join(dir, 'no-such-folder') })}\n`,
        );
        expect(noEnglish(who, folder.stderr, [out, 'letter preview out'])).toEqual([]);

        const settings = await run(['sync'], { DUEBOT_TIMEZONE: 'Mars/Olympus' });
        expect(settings.code).toBe(2);
        const [head, problem] = settings.stderr.split('\n');
        expect(head).toBe(t.t('cli.settings.problems'));
        expect(problem).toBe(
          `  ${t.t('settings.line.found', {
            variable: 'DUEBOT_TIMEZONE',
            found: 'value',
            value: '"Mars/Olympus"',
            problem: t.t('settings.timeZone', { first: 'Europe/Berlin', second: 'Asia/Shanghai' }),
          })}`,
        );
        expect(
          noEnglish(who, settings.stderr, ['DUEBOT_TIMEZONE IANA Mars/Olympus Europe/Berlin Asia/Shanghai']),
        ).toEqual([]);

        const unreachable = await run(['sync'], { DATABASE_URL: 'postgres://duebot@127.0.0.1:1/ar' });
        expect(unreachable.code).toBe(1);
        // The cause and its fix in doctor's words, in the company's language as the words around them.
        const connection = unreachable.stderr.split('\n').slice(0, 3);
        expect(connection).toEqual([
          t.t('cli.failure.connection', { detail: t.t('doctor.conn.refused', { where: '127.0.0.1:1' }) }),
          `  ${t.t('cli.failure.fix', { fix: t.t('doctor.conn.refusedFix', { setting: 'DATABASE_URL' }) })}`,
          `  ${t.t('cli.failure.doctor')}`,
        ]);
        expect(noEnglish(who, connection.join('\n'), ['DATABASE_URL'])).toEqual([]);

        const template = await run(['embedded-template'], { DUEBOT_TEMPLATE_DIR: '/dev/null/duebot' });
        expect(template.code).toBe(0);
        const made = /^(.*)\n$/.exec(template.stdout)?.[1] ?? '';
        expect(made).toContain('/dev/null/duebot');
        expect(noEnglish(who, made.replace(/\(ENOTDIR[^)]*\)|（ENOTDIR[^）]*）/, ''), [])).toEqual([]);

        if (who === 'zh-CN') {
          expect(bugLine).toBe('duebot：意外错误（这是一个缺陷；请连同以下跟踪信息一起报告）：');
          expect(head).toBe('duebot 无法启动：设置有问题');
          expect(made).toMatch(/^duebot：无法准备内置数据库模板（ENOTDIR: .*）；首次启动时会自行创建数据库$/);
        }
        if (who === 'zh-TW') expect(folder.stderr).toContain('不存在；請先建立它');
      },
    );

    it.each(SPEAKERS)(
      '%s: several bad settings refuse the start, each problem said with its setting and value as they are',
      async (who) => {
        const { env, t, pseudo } = speaker(who);
        const refused = await runDuebotHere(['sync'], {
          env: {
            DUEBOT_DATA_DIR: dir,
            DATABASE_URL: '',
            LEDGER_URL: '',
            ...env,
            DUEBOT_PAGE_SIZE: '99', // a number out of range
            LOG_LEVEL: 'loud', // not one of the choices (zod's own check)
            LEDGER_PARAMS: 'company_id', // not name=value
            SLACK_BOT_TOKEN: 'nope', // a secret: never echoed
            DUEBOT_DIGEST_CRON: 'every morning',
            SMTP_URL: 'smtp://mail.example:587', // fine alone; needs a sender and a company name
            LETTER_FROM: '',
            LETTER_COMPANY_NAME: '',
          },
          pseudo,
        });
        expect(refused.code).toBe(2);
        const [head, ...lines] = refused.stderr.trimEnd().split('\n');
        expect(head).toBe(t.t('cli.settings.problems'));
        const found = (variable: string, value: string, problem: string, kind = 'value') =>
          `  ${t.t('settings.line.found', { variable, found: kind, value: JSON.stringify(value), problem })}`;
        const combination = (variable: string, problem: string) =>
          `  ${t.t('settings.line', { variable, problem })}`;
        expect(lines).toEqual([
          found('DUEBOT_PAGE_SIZE', '99', t.t('settings.pageSize', { min: 1, max: 40 })),
          found(
            'LOG_LEVEL',
            'loud',
            t.t('settings.oneOf', { choices: 'fatal, error, warn, info, debug, trace, silent' }),
          ),
          found(
            'LEDGER_PARAMS',
            'company_id',
            t.t('settings.params.pairs', { example: 'company_id=1', part: '"company_id"' }),
          ),
          `  ${t.t('settings.line.found', {
            variable: 'SLACK_BOT_TOKEN',
            found: 'secret',
            value: '',
            problem: t.t('settings.slack.botToken', { prefix: 'xoxb-' }),
          })}`,
          found(
            'DUEBOT_DIGEST_CRON',
            'every morning',
            t.t('settings.cron', { example: '0 9 * * *', afterSync: 'after-sync' }),
          ),
          combination(
            'LETTER_FROM',
            t.t('settings.letterFromNeeded', { example: '"Acme AR <ar@acme.example>"', smtp: 'SMTP_URL' }),
          ),
          combination(
            'LETTER_COMPANY_NAME',
            t.t('settings.companyNameNeeded', { smtp: 'SMTP_URL', placeholder: 'Your Company Ltd' }),
          ),
        ]);
        expect(refused.stderr).not.toContain('nope');
        const data = [
          'DUEBOT_PAGE_SIZE LOG_LEVEL LEDGER_PARAMS SLACK_BOT_TOKEN DUEBOT_DIGEST_CRON LETTER_FROM',
          'LETTER_COMPANY_NAME SMTP_URL loud company_id xoxb every morning after-sync cron',
          'fatal error warn info debug trace silent Acme ar@acme.example Your Company Ltd',
          // Slack's page, named as Slack's settings name it.
          'OAuth Permissions',
        ];
        expect(noEnglish(who, refused.stderr, data)).toEqual([]);
        if (who === 'zh-CN')
          expect(lines[0]).toBe('  DUEBOT_PAGE_SIZE：得到的是"99"，应为每页 1 到 40 个账户');
        if (who === 'zh-TW')
          expect(lines[3]).toBe(
            '  SLACK_BOT_TOKEN：得到的是一個值（已隱藏），應為機器人權杖，以 xoxb- 開頭（OAuth & Permissions 頁面）',
          );
      },
    );

    it.each(SPEAKERS)('%s: npm run teams:package, its refusal and its result', async (who) => {
      const { env, t, nodeOptions } = speaker(who);
      const pack = (args: string[], more: Record<string, string>) =>
        runDuebotScript(['adapters/teams/package.ts', ...args], {
          ...env,
          ...more,
          NODE_OPTIONS: nodeOptions.join(' '),
        });
      const urls = {
        TEAMS_WEBSITE_URL: 'https://ar.acme.example',
        TEAMS_PRIVACY_URL: 'https://ar.acme.example/privacy',
        TEAMS_TERMS_URL: '',
      };
      const refused = await pack([join(dir, 'teams.zip')], {
        MicrosoftAppId: '2f5c7a4e-3b1d-4c8e-9a6f-0d1e2f3a4b5c',
        ...urls,
      });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe(
        `duebot teams:package: ${t.t('cli.teams.badUrl', { variable: 'TEAMS_TERMS_URL', flag: '--terms', what: 'termsOfUseUrl', found: 'nothing', value: '' })}\n`,
      );
      expect(noEnglish(who, refused.stderr, ['teams:package TEAMS_TERMS_URL terms https Teams'])).toEqual([]);
      const out = join(dir, `teams-${who}.zip`);
      const built = await pack([out], {
        MicrosoftAppId: '2f5c7a4e-3b1d-4c8e-9a6f-0d1e2f3a4b5c',
        ...urls,
        TEAMS_TERMS_URL: 'https://ar.acme.example/terms',
      });
      expect(built.stderr).toBe('');
      expect(built.code).toBe(0);
      expect(built.stdout).toBe(`${t.t('cli.teams.wrote', { out })}\n`);
      expect(noEnglish(who, built.stdout, [out, 'Teams'])).toEqual([]);
      if (who === 'zh-TW') expect(built.stdout).toContain('上傳應用程式');
    });
  },
);

describe.each(backends())(
  'the letter commands in the company’s language (%s)',
  { timeout: 300_000 },
  (kind) => {
    let dir: string;
    let server: ServerDatabase | undefined;
    const base = () => ({
      DUEBOT_DATA_DIR: join(dir, 'data'),
      DUEBOT_TODAY: '2026-11-22',
      DUEBOT_TIMEZONE: 'Asia/Shanghai',
      DATABASE_URL: server?.url ?? '',
      LEDGER_URL: '',
      SMTP_URL: '',
      DUEBOT_SHELL_USER: 'Ann',
      LETTER_COMPANY_NAME: '杭州示例贸易有限公司',
    });

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'duebot-cmd-letters-'));
      await mkdir(join(dir, 'data'));
      if (kind === 'postgres') server = await createServerDatabase();
      const demo = await runDuebotHere(['demo'], { env: base() });
      expect(demo.stderr).not.toMatch(/unexpected error/);
      expect(demo.code).toBe(0);
    }, 250_000);
    afterAll(async () => {
      await server?.drop();
      await rm(dir, { recursive: true, force: true });
    });

    // The pseudo-locale once: what it checks does not depend on the database. Simplified Chinese here.
    it.each(kind === 'pglite' ? (['zh-CN', 'pseudo'] as Speaker[]) : (['zh-CN'] as Speaker[]))(
      '%s: a preview written, refusals of a bad --locale and letter number, and demo beside a real ledger',
      async (who) => {
        const { env, t, pseudo } = speaker(who);
        const run = (args: string[], more: Record<string, string> = {}) =>
          runDuebotHere(args, { env: { ...base(), ...env, ...more }, pseudo });

        const out = join(dir, `demand-${who}.pdf`);
        const wrote = await run(['letter', 'preview', 'formal-demand', '--locale', 'zh-CN', '--out', out]);
        expect(wrote.stderr).not.toMatch(/unexpected error/);
        expect(wrote.code).toBe(0);
        const line = wrote.stdout.trim();
        const said = shape(
          t.t('cli.letter.wrotePreview', {
            out,
            template: 'formal-demand',
            locale: 'zh-CN',
            customer: HOLE,
            subject: HOLE,
            bytes: 1234,
          }),
        );
        expect(line.replace(/[\d,]+(?= (bytes|字节|位元組|ƀýťéś))/u, '1,234')).toMatch(said);
        // The customer's name and the letter's subject are the letter's own (in Chinese here).
        expect(noEnglish(who, line, [out, 'formal-demand', 'sha'])).toEqual([]);

        const locale = await run([
          'letter',
          'preview',
          'reminder',
          '--locale',
          'fr',
          '--out',
          join(dir, 'x.pdf'),
        ]);
        expect(locale.code).toBe(1);
        expect(locale.stderr).toBe(
          `duebot letter preview: ${t.t('cli.letter.badLocale', { locale: 'fr' })}\n`,
        );

        const number = await run(['letter', 'pdf', 'twelve', '--out', join(dir, 'x.pdf')]);
        expect(number.code).toBe(1);
        expect(number.stderr).toBe(
          `duebot letter pdf: ${t.t('cli.letter.badNumber', { letter: 'twelve' })}\n`,
        );

        const none = await run(['letter', 'pdf', '987654', '--out', join(dir, 'x.pdf')]);
        expect(none.code).toBe(1);
        expect(none.stderr).toBe(
          `duebot letter pdf: ${t.t('cli.letter.noStoredPdf', { letter: '987654' })}\n`,
        );

        const demo = await run(['demo'], {
          LEDGER_URL: 'postgres://reader@127.0.0.1:1/erp',
          LEDGER_PRESET: 'odoo',
          LEDGER_PARAMS: 'company_id=1',
        });
        expect(demo.code).toBe(1);
        expect(demo.stderr.trim().split('\n').at(-1)).toBe(t.t('cli.demo.ledgerUrl'));

        const refusals = [
          locale.stderr,
          number.stderr,
          none.stderr,
          demo.stderr.trim().split('\n').at(-1),
        ].join('\n');
        expect(noEnglish(who, refusals, [dir, 'letter preview pdf locale twelve LEDGER_URL demo'])).toEqual(
          [],
        );
        if (who === 'zh-CN')
          expect(line).toMatch(
            /^已写入 .*：致 .+ 的 formal-demand（zh-CN），“正式催款函：.+”，[\d,]+ 字节；未发送任何内容$/,
          );
        if (who === 'zh-TW') expect(none.stderr).toContain('沒有儲存的 PDF');
      },
    );
  },
);

/** Stands for a value a test does not know in full (a customer's name, doctor's fix). */
const HOLE = '\u0000';

/** A pattern of a said line: the text exactly, with `.+` where a HOLE is. */
function shape(text: string): RegExp {
  return new RegExp(`^${text.split(HOLE).map(escape).join('.+')}$`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A project script run as `npm run` runs it (node with tsx), e.g. the Teams package command. */
async function runDuebotScript(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => {
    stdout += c;
  });
  child.stderr.on('data', (c) => {
    stderr += c;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}
