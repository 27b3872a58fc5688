/**
 * Issue 20: what the adapters say themselves (the shell's help and prompts, Slack's loading view and
 * notices, Teams' answers) is in the reader's language, fits the terminal, and shows no English of ours in
 * the pseudo-locale.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runShell, shellHelp } from '../../adapters/shell/shell.ts';
import { toCardActivity } from '../../adapters/teams/adaptive-card.ts';
import { fileCardNodes, type FileLink } from '../../adapters/teams/file-card.ts';
import { displayWidth, fitToWidth, formToPrompts } from '../../adapters/shell/text.ts';
import { accountWord, LOG_KEYS, readLogWords } from '../../adapters/shell/words.ts';
import { createFixedClock } from '../../src/clock.ts';
import { AMOUNT_SUFFIXES } from '../../src/collections/money.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { DispatchContext } from '../../src/commands/dispatch.ts';
import type { Database } from '../../src/db.ts';
import { translator } from '../../src/i18n/translate.ts';
import { encodeRef } from '../../src/views/action-ref.ts';
import type { Form, Message, User } from '../../src/views/model.ts';
import { CHANNELS, RESULTS } from '../../src/worklist/log-outcome.ts';
import { ROLES } from '../../src/worklist/staff.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { assessSeeded, seedAccount } from '../support/seed.ts';
import { DATE_WORDS, everyLocale, pseudoT, strayEnglish } from '../support/view-locales.ts';
import { seedSlackAccounts } from '../slack/support/accounts.ts';
import { startHarness as startSlack, type Harness as SlackHarness } from '../slack/support/harness.ts';
import { message as teamsMessage } from '../teams/support/activities.ts';
import { startHarness as startTeams, type Harness as TeamsHarness } from '../teams/support/harness.ts';

const WIDTH = 80;
const text = (body: string): Message => ({ blocks: [{ type: 'text', text: body }] });
const wide = (body: string) => body.split('\n').filter((l) => displayWidth(l) > WIDTH);
/** The words people type, which the help names as they are in every language. */
const TYPED = [...Object.keys(LOG_KEYS), ...RESULTS, ...CHANNELS, ...ROLES, ...Object.keys(AMOUNT_SUFFIXES)];

const FORM: Form = {
  title: 'Log a call',
  submitLabel: 'Save',
  ref: 'd1:log:a=1042:s=3',
  fields: [
    {
      type: 'select',
      id: 'outcome',
      label: 'Outcome',
      required: true,
      options: [
        { value: 'promise', label: 'Promise to pay' },
        { value: 'dispute', label: 'Dispute' },
      ],
    },
    { type: 'date', id: 'date', label: 'Promised date', required: false },
    { type: 'number', id: 'amount', label: 'Amount', required: false, min: 0, max: 10 },
    { type: 'text', id: 'note', label: 'Note', required: true, multiline: true, maxLength: 20 },
  ],
};
const FORM_WORDS = ['Outcome', 'Promise to pay', 'Dispute', 'Promised date', 'Amount', 'Note', 'promise'];

/** Every prompt of the form and every refusal its answers can get. */
function promptTexts(form: Form, t = pseudoT()): string[] {
  const [outcome, date, amount, note] = formToPrompts(form, t);
  const refusals = [
    outcome?.read('9'),
    date?.read('2026-02-30'),
    date?.read('2026-13-01'),
    date?.read('soon'),
    amount?.read('lots'),
    amount?.read('-1'),
    amount?.read('11'),
    note?.read(''),
    note?.read('x'.repeat(21)),
  ].map((r) => (r && !r.ok ? r.message : ''));
  return [...formToPrompts(form, t).map((p) => p.question), ...refusals];
}

describe("Teams' file cards in every language (issue 20)", () => {
  const pdf = {
    filename: 'letter-7.pdf',
    mimeType: 'application/pdf',
    data: new Uint8Array(52_000),
    letterId: 7,
  };
  const links: FileLink[] = [
    { kind: 'url', url: 'https://duebot.example/letters/7', expires: new Date('2026-12-22T00:00:00Z') },
    { kind: 'unavailable', why: 'noPublicUrl', letterId: 7 },
    { kind: 'unavailable', why: 'noSecret', letterId: 7 },
    { kind: 'unavailable', why: 'notLetter' },
    { kind: 'unavailable', why: 'here' },
  ];
  /** The words a card shows: its text blocks and its buttons' titles. */
  const words = (nodes: unknown): string[] => {
    const out: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          if ((k === 'text' || k === 'title') && typeof x === 'string') out.push(x);
          else walk(x);
        }
    };
    walk(nodes);
    return out;
  };
  // The command to type and the settings to set are named as typed; the file's name is the fixture's.
  const AS_TYPED = [
    'letter-7.pdf Teams https',
    'duebot letter pdf --out letter.pdf DUEBOT_PUBLIC_URL DUEBOT_LINK_SECRET',
  ];

  it.each(links.map((l) => [JSON.stringify(l), l] as const))('says %s with no English of ours', (_, link) => {
    const pseudo = words(fileCardNodes(pdf, link, pseudoT()));
    expect(
      strayEnglish(text(pseudo.join('\n')), [...AS_TYPED, ...DATE_WORDS], { placeholders: true }),
    ).toEqual([]);
    for (const t of [translator('zh-CN'), translator('zh-TW')]) {
      const said = words(fileCardNodes(pdf, link, t)).join('\n');
      const allowed = new Set(AS_TYPED.flatMap((d) => d.match(/[A-Za-z]{3,}/g) ?? []).concat(['PDF']));
      expect(
        (said.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !allowed.has(w)),
        said,
      ).toEqual([]);
    }
  });

  it("draws a message's files in the language the message was drawn in", () => {
    const message: Message = { ...text('x'), files: [pdf], locale: 'zh-TW' };
    const activity = JSON.stringify(toCardActivity(message, () => links[0] as FileLink));
    expect(activity).toContain('開啟 PDF');
    expect(activity).toContain('連結有效期至 2026年12月22日');
    expect(JSON.stringify(toCardActivity({ ...message, locale: 'en' }))).toContain(
      'Teams cannot receive this file from duebot here.',
    );
  });
});

describe('the shell in every language (issue 20)', () => {
  it('shows its help with no English of ours in the pseudo-locale', () => {
    expect(strayEnglish(text(shellHelp(pseudoT(), WIDTH)), TYPED, { placeholders: true })).toEqual([]);
  });

  it.each(everyLocale().map((t) => [t.locale, t] as const))(
    'fits its help in %s to an 80-column terminal, Chinese counted two columns a character',
    (_locale, t) => {
      const help = shellHelp(t, WIDTH);
      expect(wide(help)).toEqual([]);
      expect(help).toContain('claim N');
      if (t.locale !== 'en') expect(help).toMatch(/[\u4e00-\u9fff]/);
    },
  );

  it('asks for form fields and refuses answers with no English of ours', () => {
    expect(
      strayEnglish(text(promptTexts(FORM).join('\n')), [...FORM_WORDS, ...DATE_WORDS], {
        placeholders: true,
      }),
    ).toEqual([]);
    const refusals = [
      accountWord('claim', undefined, null, pseudoT()),
      accountWord('claim', '#x', null, pseudoT()),
      accountWord('claim', '5', null, pseudoT()),
      accountWord('claim', '5', [], pseudoT()),
      accountWord('claim', '5', [{ rowNumber: 1, accountId: 3, customerName: 'A', actions: [] }], pseudoT()),
      readLogWords(['bananas'], pseudoT()),
      readLogWords(['colour=red'], pseudoT()),
      readLogWords(['date=2026-12-01', 'date=2026-12-02'], pseudoT()),
    ].map((r) => (r.ok ? '' : r.message));
    expect(
      // The refusals name what was typed (bananas, colour=red): the person's words, not ours.
      strayEnglish(text(refusals.join('\n')), ['claim bananas colour', ...TYPED, ...DATE_WORDS], {
        placeholders: true,
      }),
    ).toEqual([]);
  });

  it('writes its prompts and refusals in traditional and simplified Chinese', () => {
    const [tw, cn] = [translator('zh-TW'), translator('zh-CN')];
    expect(promptTexts(FORM, tw).join('\n')).toContain('2026年2月只有 28 天');
    expect(formToPrompts(FORM, tw)[1]?.question).toContain('Promised date（選填）');
    expect(formToPrompts(FORM, cn)[3]?.read('')).toEqual({ ok: false, message: 'Note为必填项。' });
    const rows = [{ rowNumber: 1, accountId: 3, customerName: 'A', actions: [] }];
    expect(accountWord('claim', '5', rows, tw)).toEqual({
      ok: false,
      message: '沒有第 5 列：上一份清單共有 1 列；用 #5 表示編號為 5 的客戶。',
    });
    // English keeps its wording, with the plural right.
    expect(accountWord('claim', '5', rows, translator('en'))).toMatchObject({
      message: 'There is no row 5: the last list has 1 row; use #5 for the customer with id 5.',
    });
  });

  it('wraps a long line with a hanging indent and never starts a line with closing punctuation', () => {
    const fitted = fitToWidth(`  log N                  ${'一二三四五六七八九十'.repeat(6)}。`, 60);
    for (const line of fitted.split('\n')) {
      expect(displayWidth(line)).toBeLessThanOrEqual(60);
      expect(line.trimStart()).not.toMatch(/^[。，]/);
    }
    expect(fitted.split('\n')[1]).toMatch(/^ {25}\S/);
  });
});

describe.each(backends())('adapters answer in the reader language on %s', (kind) => {
  let db: Database;
  let ctx: DispatchContext;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ctx = {
      db: db.knex,
      clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
      policy: defaultPolicy,
      pageSize: 10,
    };
    await seedAccount(db.knex, {
      name: 'Northwind Traders Ltd',
      items: [{ number: 'N-1', dueDate: '2026-10-10', totalMinor: 8_600_000 }],
    });
    await assessSeeded(db.knex);
  });
  afterAll(async () => {
    await db?.close();
  });

  const shell = async (input: string, user: User) => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk) => {
      out += chunk;
    });
    stdin.end(input);
    await runShell({
      ctx,
      input: stdin,
      output: stdout,
      color: false,
      interactive: false,
      user,
      width: WIDTH,
    });
    return out;
  };

  it('the shell follows LANG: traditional Chinese for zh_TW.UTF-8, every line within the terminal', async () => {
    const out = await shell('help\nfrobnicate\nclaim 9\n/overdue\nclaim 9\n', {
      platform: 'shell',
      id: 'tai',
      name: 'Tai',
      locale: 'zh_TW.UTF-8',
    });
    expect(out).toContain('duebot 終端機：目前身分 Tai。');
    expect(out).toContain('終端機命令');
    expect(out).toContain('未知的命令「frobnicate」');
    expect(out).toContain('還沒有清單，所以 9 不是列號');
    expect(out).toMatch(/沒有第 9 列：上一份清單共有 1 列/);
    expect(wide(out)).toEqual([]);
  });

  it('the shell follows a person’s own choice over LANG', async () => {
    const out = await shell('/overdue language zh-CN\nfrobnicate\n', {
      platform: 'shell',
      id: 'eve',
      name: 'Eve',
      locale: 'en_US.UTF-8',
    });
    expect(out).toContain('duebot shell: acting as Eve.');
    expect(out).toContain('未知命令“frobnicate”');
  });

  describe('Slack', () => {
    let slack: SlackHarness;
    let account = 0;
    beforeAll(async () => {
      const ids = await seedSlackAccounts(db);
      account = ids.dual;
      slack = await startSlack(db);
    });
    afterAll(async () => {
      await slack?.close();
    });

    it('shows a zh-TW Slack user the loading view and its Close button in traditional Chinese', async () => {
      slack.reset();
      const ref = encodeRef({ v: 1, action: 'log', accountId: account, stateVersion: 0 });
      await slack.click(ref, 'UTAI', { responsePath: '/cards/tai', opensForm: true });
      const opened = JSON.stringify(slack.calls('views.open')[0]?.view);
      expect(opened).toContain('載入中…');
      expect(opened).toContain('關閉');
      const asked = slack.calls('users.info').find((args) => args.user === 'UTAI');
      expect(String(asked?.include_locale)).toBe('true');
    });

    it('tells a zh-TW Slack user about a stale form in traditional Chinese, and an English one in English', async () => {
      const stale = { private_metadata: 'not json', state: { values: {} } };
      const tai = (await (await slack.submit(stale, 'UTAI')).json()) as Record<string, unknown>;
      expect(JSON.stringify(tai)).toContain('這份表單已過期；請重新開啟。');
      expect(JSON.stringify(tai)).toContain('關閉');
      const ann = (await (await slack.submit(stale, 'UANN')).json()) as Record<string, unknown>;
      expect(JSON.stringify(ann)).toContain('This form is too old; open it again.');
    });
  });

  describe('Teams', () => {
    let teams: TeamsHarness;
    beforeAll(async () => {
      teams = await startTeams(db);
    });
    afterAll(async () => {
      await teams?.close();
    });

    it('says "I did not understand" in simplified Chinese to an activity whose locale is zh-CN', async () => {
      teams.reset();
      await teams.post({ ...teamsMessage('what is up'), locale: 'zh-CN' });
      await teams.post({ ...teamsMessage('what is up'), locale: 'en-US' });
      expect(teams.calls).toHaveLength(2);
      expect(JSON.stringify(teams.calls[0]?.body)).toContain('我没看懂“what is up”。');
      expect(JSON.stringify(teams.calls[1]?.body)).toContain('I did not understand \\"what is up\\"');
    });
  });
});
