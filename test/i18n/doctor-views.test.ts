/**
 * Issue 20: `duebot doctor` speaks the company's language (DUEBOT_LOCALE), as the job commands do: every
 * heading, check, explanation and fix comes from the catalogs, with setting names, SQL, file names and
 * URLs as placeholders. Drawn in the pseudo-locale, no Latin word of ours is left (placeholders included),
 * so a new English line in doctor fails here; drawn in Chinese, no English word of ours at all.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig, SETTINGS_FRAGMENTS } from '../../src/config.ts';
import {
  doctorReport,
  explainConnectionError,
  explainLedgerError,
  fullScanCheck,
  horizonCheck,
} from '../../src/doctor.ts';
import { HORIZON_BLINDNESS } from '../../src/ledger/types.ts';
import { EmbeddedDatabaseHeldError } from '../../src/embedded/open.ts';
import { translator, type Translator } from '../../src/i18n/translate.ts';
import { WATERMARK_INDEXES } from '../../src/ledger/presets.ts';
import { LedgerMappingError } from '../../src/ledger/source.ts';
import { notice } from '../../src/views/notices.ts';
import { runDuebotHere } from '../support/cli.ts';
import { createServerDatabase } from '../support/databases.ts';
import { createLedgerFixture, createMariadbLedger } from '../support/ledger-fixture.ts';
import { knexForPostgres } from '../../src/db.ts';
import { DATE_WORDS, pseudoT, strayEnglish } from '../support/view-locales.ts';

const chinese = [translator('zh-CN'), translator('zh-TW')];

/**
 * What doctor passes into its messages as placeholders because the operator types it as it is: SQL,
 * commands, setting values, file layouts. Allowed in every language.
 */
const IDENTIFIERS = [
  ':watermark',
  'WHERE i.updated_at > :watermark',
  'pretty JSON',
  'duebot migrate',
  '<locale>/<letter>.hbs',
  'SELECT ... FOR UPDATE',
  '-- @tables',
  'UNION',
  "CREATE USER ... @'host'",
  'pg_hba.conf',
  'GRANT SELECT ON',
  'USAGE',
  'CREATE DATABASE',
  'createdb',
];

/** Names of products and formats the Chinese messages write as they are. */
const NAMES = ['duebot PGlite PostgreSQL JSON PNG JPEG SQL SQLSTATE README Slack VPN DSO CEI SELECT'];

/** The settings' names and effective values: data of doctor's settings list, not words of ours. */
function settingWords(env: Record<string, string | undefined>): string[] {
  return SETTINGS_FRAGMENTS.flatMap(({ schema }) => {
    const parsed = schema.safeParse(env);
    const values = parsed.success ? Object.values(parsed.data as Record<string, unknown>) : [];
    return [
      ...Object.keys(schema.shape),
      ...values.map((v) => (v && typeof v === 'object' ? JSON.stringify(v) : String(v))),
    ];
  }).concat('on off');
}

/** English words (three letters or more) left in a Chinese text, but for the fixture's own. */
function englishIn(text: string, data: string[]): string[] {
  const allowed = new Set(
    [...data, ...IDENTIFIERS, ...NAMES]
      .flatMap((d) => d.match(/[A-Za-z]{3,}/g) ?? [])
      .map((w) => w.toLowerCase()),
  );
  return [...new Set((text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !allowed.has(w.toLowerCase())))];
}

/** Latin words of a text drawn in the pseudo-locale that are neither data nor identifiers. */
const noneOfOurs = (text: string, data: string[]) =>
  strayEnglish(notice(text), [...data, ...IDENTIFIERS, ...DATE_WORDS], { placeholders: true });

/** Every way a text is drawn: the pseudo-locale leaves nothing of ours, Chinese no English. */
function checkEverywhere(draw: (t: Translator) => string, data: string[]): void {
  expect(noneOfOurs(draw(pseudoT()), data)).toEqual([]);
  for (const t of chinese) expect(englishIn(draw(t), data), `${t.locale}: ${draw(t)}`).toEqual([]);
}

function configOf(env: Record<string, string | undefined>): Config {
  const read = loadConfig(env);
  if (!read.ok) throw new Error(read.problems.join('\n'));
  return read.config;
}

describe('duebot doctor in the company’s language', { timeout: 150_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duebot-doctor-i18n-'));
    await writeFile(join(dir, 'stamp.png'), 'this is no picture');
    await writeFile(join(dir, 'empty.sql'), '-- nothing yet\n');
    await writeFile(join(dir, 'plain.sql'), 'SELECT 1 AS invoice_id FROM invoices');
    await writeFile(join(dir, 'a-file'), 'not a folder');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('says every line in traditional Chinese, setting names and paths as they are', async () => {
    const env = {
      DUEBOT_LOCALE: 'zh-TW',
      DUEBOT_DATA_DIR: join(dir, 'data-tw'),
      DATABASE_URL: '',
      LEDGER_URL: 'mysql://ro@127.0.0.1:1/erp',
      LEDGER_MAPPING: join(dir, 'missing.sql'),
      LETTER_STAMP_IMAGE: join(dir, 'stamp.png'),
      LETTER_TEMPLATES_DIR: join(dir, 'a-file'),
    };
    const { code, stdout } = await runDuebotHere(['doctor'], { env });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^設定：\n {2}DATABASE_URL +（未設定：內嵌 PGlite）$/m);
    expect(stdout).toMatch(/^ {2}LEDGER_PARAMS +（未設定：無；預設組態會自行找到唯一的公司）$/m);
    expect(stdout).toMatch(/^ {2}SLACK_MANAGERS +（無）$/m);
    expect(stdout).toContain('\n\n檢查：\n');
    expect(stdout).toContain(`  正常  DUEBOT_DATA_DIR：${join(dir, 'data-tw')}：可寫入的資料夾\n`);
    expect(stdout).toContain(
      `  失敗  LEDGER_MAPPING：帳本對應檔案 ${join(dir, 'missing.sql')} 不存在\n        修正：將 LEDGER_MAPPING 設為可讀取的 SQL 檔案\n`,
    );
    expect(stdout).toContain(`  失敗  LETTER_STAMP_IMAGE：${join(dir, 'stamp.png')} 不是 PNG 或 JPEG 圖片\n`);
    expect(stdout).toContain(`  失敗  LETTER_TEMPLATES_DIR：${join(dir, 'a-file')} 是檔案，不是資料夾\n`);
    expect(stdout).toMatch(/ {2}正常 {2}機器人資料庫：\S+ 中的內嵌 PGlite：可以連線，/);
    expect(stdout).toContain('  失敗  會計資料庫：修正 LEDGER_MAPPING 之後才會檢查\n');
    expect(englishIn(stdout, [dir, ...settingWords(env)])).toEqual([]);
  });

  it('refuses settings with problems in either Chinese, and in English when DUEBOT_LOCALE is one', async () => {
    const bad = {
      DUEBOT_DATA_DIR: join(dir, 'data-bad'),
      DATABASE_URL: '',
      DUEBOT_TODAY: '2026-02-30',
      DUEBOT_ESCALATION_MANAGERS: 'Ann',
      LETTER_LINK_DAYS: '400',
      LEDGER_PRESET: 'odoo', // fine alone, not with a mapping of one's own
      LEDGER_MAPPING: join(dir, 'plain.sql'),
      SLACK_MANAGERS: 'U012AB3CD', // fine alone, not with the same person a viewer
      SLACK_VIEWERS: 'U012AB3CD',
      DUEBOT_LADDER_FILE: join(dir, 'missing-ladder.yaml'), // a file, checked with the rest left at defaults
    };
    const data = [
      dir,
      'DUEBOT_TODAY DUEBOT_ESCALATION_MANAGERS LETTER_LINK_DAYS LEDGER_PRESET LEDGER_MAPPING odoo',
      'SLACK_MANAGERS SLACK_VIEWERS U012AB3CD DUEBOT_LADDER_FILE missing-ladder.yaml ENOENT',
      'YYYY Ann Mia Bob Max src/collections/default-ladder.yaml',
    ];
    for (const locale of ['zh-CN', 'zh-TW'] as const) {
      const t = translator(locale);
      const { code, stdout, stderr } = await runDuebotHere(['doctor'], {
        env: { ...bad, DUEBOT_LOCALE: locale },
      });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      const [head, ...lines] = stderr.trimEnd().split('\n');
      expect(head).toBe(t.t('cli.settings.problems'));
      expect(lines).toEqual([
        `  ${t.t('settings.line.found', {
          variable: 'DUEBOT_TODAY',
          found: 'value',
          value: '"2026-02-30"',
          problem: t.t('settings.date', { format: 'YYYY-MM-DD' }),
        })}`,
        expect.stringMatching(/^ {2}LETTER_LINK_DAYS：/),
        expect.stringMatching(/^ {2}DUEBOT_ESCALATION_MANAGERS：/),
        `  ${t.t('settings.line', {
          variable: 'LEDGER_PRESET',
          problem: t.t('settings.preset.withMapping', { preset: 'odoo', mapping: 'LEDGER_MAPPING' }),
        })}`,
        expect.stringMatching(/^ {2}SLACK_VIEWERS：/),
        expect.stringMatching(/^ {2}DUEBOT_LADDER_FILE：/),
      ]);
      expect(englishIn(stderr, data), `${locale}: ${stderr}`).toEqual([]);
    }
    const { stderr: tw } = await runDuebotHere(['doctor'], { env: { ...bad, DUEBOT_LOCALE: 'zh-TW' } });
    expect(tw).toContain('  LETTER_LINK_DAYS：得到的是"400"，應為 1 到 365 天\n');
    expect(tw).toContain(
      `  DUEBOT_LADDER_FILE：無法讀取 ${join(dir, 'missing-ladder.yaml')}（ENOENT）；解決方法：修正催收階梯檔案`,
    );
    const { stderr: cn } = await runDuebotHere(['doctor'], { env: { ...bad, DUEBOT_LOCALE: 'zh-CN' } });
    expect(cn).toContain('  SLACK_VIEWERS：U012AB3CD 也列在 SLACK_MANAGERS 中；请只选择一个角色\n');
    // A company language duebot does not speak is itself a problem, said in English.
    const { code, stderr } = await runDuebotHere(['doctor'], {
      env: { ...bad, DUEBOT_LOCALE: 'fr', DUEBOT_TODAY: '' },
    });
    expect(code).toBe(2);
    expect(stderr.split('\n').slice(0, 3)).toEqual([
      'duebot cannot start: the settings have problems',
      '  LETTER_LINK_DAYS: found "400", expected 1 to 365 days',
      '  DUEBOT_ESCALATION_MANAGERS: found "Ann", expected collector=manager pairs such as Ann=Mia, Bob=Max',
    ]);
    expect(stderr).toContain(
      '  DUEBOT_LOCALE: found "fr", expected a language duebot speaks: en, zh-CN, zh-TW\n',
    );
  });

  it('explains a refused connection in simplified Chinese, the password still masked', async () => {
    const { code, stdout } = await runDuebotHere(['doctor'], {
      env: {
        DUEBOT_LOCALE: 'zh-CN',
        DATABASE_URL: 'postgres://ann:hunter2@127.0.0.1:1/ar',
        DUEBOT_DATA_DIR: join(dir, 'data-cn'),
      },
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^ {2}DATABASE_URL +postgres:\/\/ann:\*{4}@127\.0\.0\.1:1\/ar$/m);
    expect(stdout).toContain(
      '  失败  机器人数据库：127.0.0.1:1 上没有服务在监听（连接被拒绝）\n        修复：启动数据库服务器，或修正 DATABASE_URL 中的主机和端口\n',
    );
    expect(stdout).toContain(
      '  正常  会计数据库：未配置：duebot 读取其演示账本（设置 LEDGER_URL 以连接您的账本）\n',
    );
    expect(stdout).not.toContain('hunter2');
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'names a database that does not exist on the real server, in traditional Chinese',
    async () => {
      const url = new URL(process.env.TEST_DATABASE_URL ?? '');
      url.pathname = '/no_such_duebot_db';
      const { code, stdout } = await runDuebotHere(['doctor'], {
        env: { DUEBOT_LOCALE: 'zh-TW', DATABASE_URL: url.toString() },
      });
      expect(code).toBe(1);
      expect(stdout).toContain('上不存在資料庫「no_such_duebot_db」');
      expect(stdout).toContain(
        '修正：建立該資料庫（例如 createdb no_such_duebot_db），或修正 DATABASE_URL 中的資料庫名稱',
      );
    },
  );

  it('leaves no English of ours in the whole report, on the bot database of the test run', async () => {
    const server = process.env.TEST_DATABASE_URL;
    const env = {
      DUEBOT_DATA_DIR: join(dir, 'data-pseudo'),
      DATABASE_URL: server ?? '',
      LEDGER_URL: 'mysql://ro@127.0.0.1:1/erp',
      LEDGER_MAPPING: join(dir, 'plain.sql'),
      DUEBOT_LADDER_FILE: 'src/collections/default-ladder.yaml',
      DUEBOT_POLICY_FILE: 'src/collections/default-policy.yaml',
      LETTER_STAMP_IMAGE: join(dir, 'missing.png'),
      LETTER_TEMPLATES_DIR: join(dir, 'no-templates'),
    };
    const config = configOf(env);
    const data = [dir, ...settingWords(env)];
    const pseudo = await doctorReport(config, env, pseudoT());
    expect(pseudo.ok).toBe(false);
    expect(noneOfOurs(pseudo.text, data)).toEqual([]);
    for (const t of chinese) {
      const { text } = await doctorReport(config, env, t);
      expect(englishIn(text, data), `${t.locale}: ${text}`).toEqual([]);
    }
    // And the bot database's own words: an empty mapping stops the ledger check, the folder is checked.
    const empty = { ...env, LEDGER_MAPPING: join(dir, 'empty.sql') };
    const { text } = await doctorReport(configOf(empty), empty, pseudoT());
    expect(text).toContain(join(dir, 'empty.sql'));
    expect(noneOfOurs(text, [...data, 'empty.sql'])).toEqual([]);
    // A ladder file that cannot be read: the setting's problem in the company's language too.
    const ladder = { ...env, DUEBOT_LADDER_FILE: join(dir, 'missing-ladder.yaml') };
    const missing = await doctorReport(configOf(ladder), ladder, translator('zh-TW'));
    expect(missing.text).toContain(
      `  失敗  DUEBOT_LADDER_FILE：無法讀取 ${join(dir, 'missing-ladder.yaml')}（ENOENT）\n        修正：修正催收階梯檔案`,
    );
    const ladderWords = [...data, 'missing-ladder.yaml ENOENT'];
    expect(noneOfOurs((await doctorReport(configOf(ladder), ladder, pseudoT())).text, ladderWords)).toEqual(
      [],
    );
  });

  /** Doctor on a reachable ledger: its rows, and the warning that the mapping returns no paid_at. */
  async function reachableLedger(url: string, mappingSql: string, name: string): Promise<void> {
    const mapping = join(dir, `${name}.sql`);
    await writeFile(mapping, mappingSql);
    const env = {
      DUEBOT_DATA_DIR: join(dir, 'data-ledger'),
      DATABASE_URL: process.env.TEST_DATABASE_URL ?? '',
      LEDGER_URL: url,
      LEDGER_MAPPING: mapping,
    };
    const config = configOf(env);
    const data = [dir, url, ...settingWords(env)];
    const { text, ok } = await doctorReport(config, env, translator('zh-TW'));
    expect(ok, text).toBe(true);
    expect(text).toMatch(/ {2}正常 {2}會計資料庫：\S+：可以連線，對應傳回了所有欄位，完整同步將讀取 1 列\n/);
    expect(text).toContain(
      '  正常  付款日期：警告：對應沒有傳回 paid_at，因此等級、信用凍結、黑名單以及 DSO/CEI 都以每列最後一次變更的時間（updated_at）作為付款日期',
    );
    expect(englishIn(text, [...data, 'paid_at updated_at'])).toEqual([]);
    const pseudo = await doctorReport(config, env, pseudoT());
    expect(noneOfOurs(pseudo.text, [...data, 'paid_at updated_at'])).toEqual([]);
  }

  /** One way of getting the ledger wrong: its mapping, LEDGER_PARAMS, and what doctor must say in English. */
  interface Fault {
    mapping: string;
    params?: string;
    detail: RegExp;
    fix: RegExp;
  }

  /**
   * Doctor on a ledger whose mapping or parameters are wrong: the English detail and fix as before, and
   * in the pseudo-locale and Chinese no word of ours left (the database's own message is data).
   */
  async function ledgerFaults(url: string, faults: Fault[], data: string[]): Promise<void> {
    for (const [i, fault] of faults.entries()) {
      const mapping = join(dir, `fault-${i}.sql`);
      await writeFile(mapping, fault.mapping);
      const env = {
        DUEBOT_DATA_DIR: join(dir, 'data-ledger'),
        DATABASE_URL: process.env.TEST_DATABASE_URL ?? '',
        LEDGER_URL: url,
        LEDGER_MAPPING: mapping,
        ...(fault.params ? { LEDGER_PARAMS: fault.params } : {}),
      };
      const config = configOf(env);
      const english = (await doctorReport(config, env, translator('en'))).text;
      const line = /^ {2}FAIL {2}accounting database: (.*)\n {8}fix: (.*)$/m.exec(english);
      expect(line?.[1], english).toMatch(fault.detail);
      expect(line?.[2], english).toMatch(fault.fix);
      // What the database itself said (a syntax error) is its words, not ours.
      const driver = /(?:fails|transactions): (.*) \(SQLSTATE/.exec(english)?.[1] ?? '';
      const words = [...data, dir, url, driver, fault.mapping, fault.params ?? '', ...settingWords(env)];
      const pseudo = await doctorReport(config, env, pseudoT());
      expect(noneOfOurs(pseudo.text, words), pseudo.text).toEqual([]);
      for (const t of chinese) {
        const { text } = await doctorReport(config, env, t);
        expect(englishIn(text, words), text).toEqual([]);
      }
    }
  }

  it.runIf(process.env.TEST_DATABASE_URL)(
    'says what is wrong with a PostgreSQL ledger’s mapping and parameters in any language',
    async () => {
      const db = await createServerDatabase({ template: null, prefix: 'duebot_d' });
      const knex = knexForPostgres(db.url, { min: 0, max: 1 });
      try {
        const fixture = await createLedgerFixture(knex);
        await fixture.addInvoices([{ id: 'I1', total: '1200.00', dueDate: '2026-09-30' }]);
        await knex.raw(`create sequence ${fixture.schema}.numbers`);
        const base = fixture.mappingSql();
        const customers = `${fixture.schema}.customers`;
        const withCustomer = (lookup: string) => `${lookup}${base}AND c.id <> :cust\n`;
        const faults: Fault[] = [
          {
            mapping: fixture.mappingSql({}, ['due_date']),
            detail: /^the ledger mapping does not return due_date \(it returns invoice_id, /,
            fix: /^return due_date from the SELECT in \S+ \(AS due_date \.\.\.\)$/,
          },
          {
            mapping: base.replace('SELECT', 'SELEC'),
            detail: /^the ledger mapping query fails: .* \(SQLSTATE 42601\)$/,
            fix: /^correct the query in \S+ \(run it in your SQL client with :watermark replaced by '1970-01-01'\)$/,
          },
          {
            mapping: fixture.mappingSql({ contact_name: `nextval('${fixture.schema}.numbers')::text` }),
            detail: /^the ledger mapping tries to write, .*\(SQLSTATE 25006\)$/,
            fix: /^make \S+ only read: no functions that write, no SELECT \.\.\. FOR UPDATE$/,
          },
          {
            mapping: `-- @tables no_such_table\n${base}`,
            detail:
              /^the ledger mapping: the accounting database has no table no_such_table \(is LEDGER_URL the mapped database\?\)$/,
            fix: /^point LEDGER_URL at the database the mapping reads, or correct its -- @tables line$/,
          },
          {
            mapping: base,
            params: 'branch=North,region=East',
            detail:
              /^LEDGER_PARAMS: branch, region are not parameters of the ledger mapping \(it takes none besides :watermark\)$/,
            fix: /^unset LEDGER_PARAMS$/,
          },
          {
            mapping: withCustomer(''),
            detail: /^LEDGER_PARAMS: the ledger mapping needs cust, which is not set$/,
            fix: /^set LEDGER_PARAMS=cust=<value>$/,
          },
          {
            mapping: withCustomer(`-- @param cust: SELECT id FROM ${customers} WHERE false\n`),
            detail:
              /^LEDGER_PARAMS: the ledger mapping needs cust, which is not set, and the database has none to choose from$/,
            fix: /^set LEDGER_PARAMS=cust=<value>, or check LEDGER_URL$/,
          },
          {
            mapping: withCustomer(
              `-- @param cust: SELECT id, 'north' FROM ${customers} UNION SELECT 'C9', 'south' ORDER BY 1\n`,
            ),
            detail:
              /^LEDGER_PARAMS: the ledger mapping needs cust, which is not set, and the database holds 2 \(C1 north, C9 south\)$/,
            fix: /^set LEDGER_PARAMS=cust=<one of C1, C9>$/,
          },
          {
            mapping: withCustomer(`-- @param cust: SELECT id FROM ${customers}\n`),
            params: 'cust=C7',
            detail: /^LEDGER_PARAMS: cust=C7 is not in the database, which holds 1 \(C1\)$/,
            fix: /^set LEDGER_PARAMS=cust=<one of C1>$/,
          },
        ];
        await ledgerFaults(db.url, faults, [fixture.schema, 'due_date cust north south', 'C1 C7 C9']);
      } finally {
        await knex.destroy();
        await db.drop();
      }
    },
  );

  it.runIf(process.env.TEST_DATABASE_URL)('says a reachable PostgreSQL ledger in any language', async () => {
    const db = await createServerDatabase({ template: null, prefix: 'duebot_d' });
    const knex = knexForPostgres(db.url, { min: 0, max: 1 });
    try {
      const fixture = await createLedgerFixture(knex);
      await fixture.addInvoices([{ id: 'I1', total: '1200.00', dueDate: '2026-09-30' }]);
      await reachableLedger(db.url, fixture.mappingSql(), 'ledger-pg');
    } finally {
      await knex.destroy();
      await db.drop();
    }
  });

  it.runIf(process.env.TEST_MARIADB_URL)('says a reachable MariaDB ledger in any language', async () => {
    const ledger = await createMariadbLedger(process.env.TEST_MARIADB_URL ?? '');
    try {
      await reachableLedger(process.env.TEST_MARIADB_URL ?? '', ledger.mappingSql(), 'ledger-mariadb');
      await ledgerFaults(
        process.env.TEST_MARIADB_URL ?? '',
        [
          {
            mapping: ledger.mappingSql({}, ['total']),
            detail: /^the ledger mapping does not return total \(it returns invoice_id, /,
            fix: /^return total from the SELECT in \S+ \(AS total \.\.\.\)$/,
          },
          {
            mapping: ledger.mappingSql().replace('SELECT', 'SELEC'),
            detail: /^the ledger mapping query fails: .* \(SQLSTATE 42000\)$/,
            fix: /^correct the query in \S+ /,
          },
          {
            mapping: ledger.mappingSql(),
            params: 'company_id=1',
            detail:
              /^LEDGER_PARAMS: company_id is not a parameter of the ledger mapping \(it takes none besides :watermark\)$/,
            fix: /^unset LEDGER_PARAMS$/,
          },
        ],
        [ledger.prefix, 'company_id total'],
      );
    } finally {
      await ledger.drop();
    }
  });

  it('explains every connection error, a held embedded database and the mapping faults in any language', () => {
    const codes = [
      'ECONNREFUSED',
      'ENOTFOUND',
      'ETIMEDOUT',
      '28P01',
      'ER_ACCESS_DENIED_ERROR',
      '42501',
      'ER_DBACCESS_DENIED_ERROR',
      '3D000',
      'ER_BAD_DB_ERROR',
    ];
    const urls = ['postgres://ro@erp.example:5432/ar', 'mysql://ro@erp.example/ar'];
    const data = ['erp.example ro ar', 'DATABASE_URL LEDGER_URL', 'permission denied for table invoices'];
    for (const code of codes)
      for (const url of urls)
        for (const variable of ['DATABASE_URL', 'LEDGER_URL'])
          checkEverywhere((t) => {
            const { detail, fix } = explainConnectionError(
              { code, message: 'select - permission denied for table invoices' },
              variable,
              url,
              t,
            );
            return `${detail}\n${fix ?? ''}`;
          }, data);
    checkEverywhere((t) => {
      const { detail, fix } = explainConnectionError(
        new Error('Timeout acquiring'),
        'LEDGER_URL',
        urls[0] ?? '',
        t,
      );
      return `${detail}\n${fix ?? ''}`;
    }, data);

    const held = new EmbeddedDatabaseHeldError(
      {
        pid: 4242,
        host: 'ledger-box',
        command: 'duebot start',
        startedAt: '2026-12-01T05:12:00Z',
        url: null,
      },
      '/srv/duebot/data',
    );
    checkEverywhere(
      (t) => {
        const { detail, fix } = explainConnectionError(held, 'DATABASE_URL', '', t);
        return `${detail}\n${fix ?? ''}`;
      },
      ['/srv/duebot/data ledger-box', 'duebot start', 'DATABASE_URL'],
    );
    // The start-up error keeps its English sentence; doctor says the same in the company's language.
    expect(held.message).toMatch(
      /^the embedded database in \/srv\/duebot\/data is held by duebot process 4242 on ledger-box/,
    );
    expect(explainConnectionError(held, 'DATABASE_URL', '', translator('zh-TW')).detail).toMatch(
      /^\/srv\/duebot\/data 中的內建資料庫已被位於 ledger-box 的 duebot 行程 4242 佔用（`duebot start`，啟動於 2026年12月1日 \d\d:\d\d）/,
    );

    const config = configOf({ LEDGER_URL: 'postgres://ro@erp/ar', LEDGER_MAPPING: '/srv/mapping.sql' });
    const faults = [
      new LedgerMappingError('x', ['due_date', 'total'], ['invoice_id']),
      new LedgerMappingError('x', [], [], 'writes'),
      new LedgerMappingError('x'),
    ];
    for (const fault of faults)
      checkEverywhere(
        (t) => explainLedgerError(fault, config, t).fix ?? '',
        ['/srv/mapping.sql due_date total invoice_id'],
      );
  });

  it('warns of full scans with the indexes to add, in any language', () => {
    const scans = [
      { table: 'account_move_line', rows: 1_000_001 },
      { table: 'account_move', rows: 666_667 },
    ];
    const statements = WATERMARK_INDEXES.odoo ?? [];
    for (const preset of ['odoo', undefined] as const)
      checkEverywhere(
        (t) => {
          const check = fullScanCheck(scans, preset, t);
          return `${check?.name}\n${check?.detail}\n${check?.fix}`;
        },
        ['account_move_line account_move', ...statements, 'Connecting your ERP accounting database'],
      );
    expect(fullScanCheck(scans, undefined, translator('zh-CN'))?.detail).toBe(
      '警告：无论变更的行多么少，每次增量同步都会完整读取 account_move_line（1,000,001 行）、account_move（666,667 行）：没有索引能用于映射与水位线的比较',
    );
  });

  it('warns that incremental syncs look back, with why and what an administrator can do, in any language', () => {
    const ledger = { url: 'postgres://duebot_ro@erp.example:5432/odoo', lookbackSeconds: 300 };
    expect(horizonCheck([], ledger)).toBeNull();
    checkEverywhere(
      (t) => {
        const check = horizonCheck(HORIZON_BLINDNESS, ledger, t);
        return `${check?.name}\n${check?.detail}\n${check?.fix}`;
      },
      [
        'duebot_ro pg_read_all_stats track_activities LEDGER_LOOKBACK_SECONDS LEDGER_URL',
        'GRANT pg_read_all_stats TO duebot_ro',
        'Connecting your ERP',
      ],
    );
    const hidden = horizonCheck(['sessions_hidden'], ledger, translator('zh-TW'));
    expect(hidden?.detail).toBe(
      '警告：每次增量同步都會重新讀取最近 300 秒（LEDGER_LOOKBACK_SECONDS）的資料，而不是從仍在執行的帳本交易都不可能寫入之處開始，因為duebot_ro 看不到其他使用者的工作階段（它不是 pg_read_all_stats 的成員）',
    );
    expect(hidden?.fix).toBe(
      '資料庫管理員可以執行 GRANT pg_read_all_stats TO duebot_ro（README，「Connecting your ERP」）',
    );
    // A subscriber has nothing to grant or set: the warning stands alone.
    expect(horizonCheck(['subscriber'], ledger)?.fix).toBeUndefined();
  });
});
