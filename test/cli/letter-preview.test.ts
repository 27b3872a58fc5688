import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDuebotHere } from '../support/cli.ts';

/** `duebot letter preview` on the embedded defaults: demo ledger, no SMTP, nothing sent. */
// Each test runs duebot (in this process), which opens an embedded database: slow on a busy machine, so a wider limit.
describe('duebot letter preview', { timeout: 150_000 }, () => {
  let dataDir: string;
  const env = () => ({
    DUEBOT_DATA_DIR: dataDir,
    DUEBOT_TODAY: '2026-11-22',
    DUEBOT_TIMEZONE: 'Asia/Shanghai',
    DATABASE_URL: '',
    LEDGER_URL: '',
    SMTP_URL: '',
    DUEBOT_SHELL_USER: 'Ann',
    LETTER_COMPANY_NAME: '杭州示例贸易有限公司',
    LETTER_COMPANY_ADDRESS: '浙江省杭州市西湖区文三路 1 号;310012',
    LETTER_COMPANY_REGISTRATION: '91330100MA2XXXXX1A',
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'duebot-letter-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes the PDF of the top worklist account in the locale asked for, with the letterhead', async () => {
    const out = join(dataDir, 'demand.pdf');
    const { code, stdout, stderr } = await runDuebotHere(
      ['letter', 'preview', 'formal-demand', '--locale', 'zh-CN', '--out', out],
      { env: env() },
    );
    expect(stderr).not.toMatch(/unexpected error/);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /wrote .*demand\.pdf: formal-demand \(zh-CN\) to .+, "正式催款函：.+", [\d,]+ bytes; nothing was sent/,
    );
    const { text } = await extractText(new Uint8Array(await readFile(out)), { mergePages: true });
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('杭州示例贸易有限公司');
    expect(flat).toContain('91330100MA2XXXXX1A');
    expect(flat).toContain('正式催款函');
  }, 200_000);

  it('refuses an --out in a missing folder in one line, before opening anything', async () => {
    const out = join(dataDir, 'no-such-folder', 'x.pdf');
    const { code, stderr } = await runDuebotHere(['letter', 'preview', 'reminder', '--out', out], {
      env: env(),
    });
    expect(stderr).toBe(
      `duebot letter preview: --out ${out}: the folder ${join(dataDir, 'no-such-folder')} does not exist; create it first\n`,
    );
    expect(code).toBe(1);
  });

  it('names the option that is wrong', async () => {
    const { code, stderr } = await runDuebotHere(
      ['letter', 'preview', 'reminder', '--account', 'no-such-customer-xyz', '--out', join(dataDir, 'x.pdf')],
      { env: env() },
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /duebot letter preview: --account no-such-customer-xyz: no account has this customer id or name/,
    );
    const locale = await runDuebotHere(
      ['letter', 'preview', 'reminder', '--locale', 'fr', '--out', join(dataDir, 'x.pdf')],
      {
        env: env(),
      },
    );
    expect(locale.stderr).toMatch(/--locale fr: expected en, zh-CN or zh-TW/);
  }, 260_000);
});
