import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { describeSettings } from '../../src/doctor.ts';
import { letterDate, letterDays, letterLocale, letterMoney } from '../../src/letters/locale.ts';

describe('letter settings', () => {
  it('defaults to no e-mail, English, approval off and the manager role', () => {
    const result = loadConfig({});
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.letters).toMatchObject({
      smtpUrl: undefined,
      defaultLocale: 'en',
      approval: false,
      restrictedRole: 'manager',
      earlyDiscount: { basisPoints: 200, days: 10 },
      payment: { link: '', bank: [] },
    });
  });

  it('reads the letterhead, payment details and approval', () => {
    const result = loadConfig({
      SMTP_URL: 'smtps://ar:secret@mail.acme.example:465',
      LETTER_FROM: 'Acme AR <ar@acme.example>',
      LETTER_COMPANY_NAME: 'Acme Trading GmbH',
      LETTER_COMPANY_ADDRESS: 'Hauptstr. 1; 10115 Berlin',
      LETTER_BANK_DETAILS: 'Acme Bank; IBAN DE00 1234',
      LETTER_APPROVAL: 'on',
      LETTER_ROLE: 'collector',
      LETTER_DEFAULT_LOCALE: 'zh-TW',
      LETTER_EARLY_DISCOUNT: '1.5%/14',
    });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.letters).toMatchObject({
      from: 'Acme AR <ar@acme.example>',
      company: { address: ['Hauptstr. 1', '10115 Berlin'] },
      payment: { bank: ['Acme Bank', 'IBAN DE00 1234'] },
      approval: true,
      restrictedRole: 'collector',
      defaultLocale: 'zh-TW',
      earlyDiscount: { basisPoints: 150, days: 14 },
    });
  });

  it('names each wrong letter setting and what was expected', () => {
    const result = loadConfig({
      SMTP_URL: 'http://mail.example.com',
      LETTER_STAMP_IMAGE: 'stamp.gif',
      LETTER_APPROVAL: 'maybe',
      LETTER_DEFAULT_LOCALE: 'fr',
      LETTER_EARLY_DISCOUNT: 'two percent',
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^SMTP_URL: found "http:\/\/mail\.example\.com", expected an smtp:\/\/ or smtps:\/\/ URL/,
        ),
        expect.stringMatching(/^LETTER_STAMP_IMAGE: .*PNG or JPEG/),
        expect.stringMatching(/^LETTER_APPROVAL: .*expected on or off/),
        expect.stringMatching(/^LETTER_DEFAULT_LOCALE: /),
        expect.stringMatching(/^LETTER_EARLY_DISCOUNT: .*2%\/10/),
      ]),
    );
  });

  it('shows the SMTP server in duebot doctor without its password', () => {
    const env = {
      SMTP_URL: 'smtp://ar:s3cret@mail.acme.example:587',
      LETTER_FROM: 'ar@acme.example',
      LETTER_COMPANY_NAME: 'Acme',
    };
    const result = loadConfig(env);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const rows = Object.fromEntries(describeSettings(env));
    expect(rows.SMTP_URL).toBe('smtp://ar:****@mail.acme.example:587');
    expect(JSON.stringify(rows)).not.toContain('s3cret');
  });

  it('reads the public address, link lifetime and uncertain threshold; derives the link key from the app password', () => {
    const env = {
      DUEBOT_PUBLIC_URL: 'https://duebot.acme.example/bot/',
      LETTER_LINK_DAYS: '7',
      LETTER_UNCERTAIN_AFTER_MINUTES: '30',
      MicrosoftAppId: '6f1c2a3b-0000-4000-8000-00000000a001',
      MicrosoftAppPassword: 'client-secret',
      MicrosoftAppTenantId: 'tenant',
    };
    const result = loadConfig(env);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const { links, uncertainAfterMinutes } = result.config.letters;
    expect(uncertainAfterMinutes).toBe(30);
    expect(links).toMatchObject({ publicUrl: 'https://duebot.acme.example/bot', days: 7 });
    expect(links.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(links.secret).not.toContain('client-secret');
    const own = loadConfig({ ...env, DUEBOT_LINK_SECRET: 'x'.repeat(40) });
    expect(own.ok && own.config.letters.links.secret).toBe('x'.repeat(40));
    const local = loadConfig({
      DUEBOT_PUBLIC_URL: 'http://localhost:3000',
      DUEBOT_LINK_SECRET: 'y'.repeat(32),
    });
    expect(local.ok && local.config.letters.links.publicUrl).toBe('http://localhost:3000');
    expect(
      describeSettings({ ...env, DUEBOT_LINK_SECRET: 'z'.repeat(40) })
        .flat()
        .join(' '),
    ).not.toContain('zzzz');
  });

  it('refuses a public address that is not https (or loopback http), and links without a key', () => {
    for (const url of [
      'http://duebot.acme.example',
      'ftp://duebot.acme.example',
      'https://x.example/?a=1',
      'duebot',
    ])
      expect(loadConfig({ DUEBOT_PUBLIC_URL: url, DUEBOT_LINK_SECRET: 'y'.repeat(32) })).toMatchObject({
        ok: false,
        problems: [
          expect.stringMatching(/^DUEBOT_PUBLIC_URL: found .*expected the https:\/\/ address duebot/),
        ],
      });
    expect(loadConfig({ DUEBOT_PUBLIC_URL: 'https://duebot.acme.example' })).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^DUEBOT_LINK_SECRET: found nothing, expected a random secret/)],
    });
    expect(
      loadConfig({ DUEBOT_PUBLIC_URL: 'https://duebot.acme.example', DUEBOT_LINK_SECRET: 'short' }),
    ).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^DUEBOT_LINK_SECRET: found a value, .*32 characters/)],
    });
    expect(loadConfig({ LETTER_LINK_DAYS: '0', LETTER_UNCERTAIN_AFTER_MINUTES: 'soon' })).toMatchObject({
      ok: false,
      problems: [
        expect.stringMatching(/^LETTER_UNCERTAIN_AFTER_MINUTES: found "soon", expected a number of minutes/),
        expect.stringMatching(/^LETTER_LINK_DAYS: found "0", expected 1 to 365 days/),
      ],
    });
  });

  it('needs a sender address when SMTP is set', () => {
    const result = loadConfig({ SMTP_URL: 'smtp://mail.example.com:587', LETTER_COMPANY_NAME: 'Acme' });
    expect(result.ok ? [] : result.problems).toEqual([expect.stringMatching(/^LETTER_FROM: found nothing/)]);
  });

  it("refuses to e-mail letters headed with the placeholder name: SMTP_URL needs the company's own", () => {
    const result = loadConfig({ SMTP_URL: 'smtp://mail.example.com:587', LETTER_FROM: 'ar@acme.example' });
    expect(result.ok ? [] : result.problems).toEqual([
      expect.stringMatching(
        /^LETTER_COMPANY_NAME: found nothing, expected your company's name for the letterhead because SMTP_URL is set \(letters would reach customers headed "Your Company Ltd"\)$/,
      ),
    ]);
    expect(loadConfig({ LETTER_COMPANY_NAME: '' }).ok).toBe(true); // without e-mail the placeholder only previews
  });
});

describe('letter locales and formats', () => {
  it('maps ledger locales to template locales, falling back to the default', () => {
    expect(
      ['zh_CN', 'zh-Hans', 'zh', 'zh-TW', 'zh-HK', 'zh-Hant-TW', 'en-GB', 'de-DE', '', null].map((l) =>
        letterLocale(l, 'en'),
      ),
    ).toEqual(['zh-CN', 'zh-CN', 'zh-CN', 'zh-TW', 'zh-TW', 'zh-TW', 'en', 'en', 'en', 'en']);
  });

  it('writes money with the currency code, dates and day counts in the letter language', () => {
    expect(letterMoney(8_600_050, 'CNY', 'zh-CN')).toBe('CNY 86,000.50');
    expect(letterMoney(1_250, 'JPY', 'en')).toBe('JPY 1,250');
    expect(letterDate('2026-11-02', 'en')).toBe('2 November 2026');
    expect(letterDate('2026-11-02', 'zh-TW')).toBe('2026年11月2日');
    expect([letterDays(1, 'en'), letterDays(12, 'en'), letterDays(12, 'zh-CN')]).toEqual([
      '1 day',
      '12 days',
      '12天',
    ]);
  });
});
