/**
 * Dunning letters' settings (issue 6): letterhead, payment details, delivery, approval. One fragment of
 * the settings src/config.ts composes, kept here beside the code that uses them.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import {
  emptyAsUndefined,
  expects,
  type SettingProblem,
  settingProblem,
  settingsFragment,
  wholeNumber,
} from '../settings-input.ts';
import { type CustomerZoneSettings, customerZoneVariables } from './contact-settings.ts';

/** The locales letter templates ship in (templates/letters/<locale>/). */
export const LETTER_LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
export type LetterLocale = (typeof LETTER_LOCALES)[number];

const lines = (v: string) =>
  v
    .split(';')
    .map((l) => l.trim())
    .filter(Boolean);

/** "2%/10": a 2% discount for paying within 10 days of the invoice date (PB-18). */
export function parseEarlyDiscount(text: string): { basisPoints: number; days: number } | null {
  const m = /^\s*(\d{1,2}(?:\.\d{1,2})?)\s*%\s*\/\s*(\d{1,3})\s*$/.exec(text);
  if (!m?.[1] || !m[2]) return null;
  return { basisPoints: Math.round(Number(m[1]) * 100), days: Number(m[2]) };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An https URL, or http on a loopback host (local testing); no query or fragment. Null when not. */
function parsePublicUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  if (!secure || url.search || url.hash || url.username || url.password) return null;
  return url.toString().replace(/\/+$/, '');
}

/** Letters' whole numbers of `unit`, from `min` to `max`. */
const wholeUnits = (fallback: number, min: number, max: number, unit: 'minutes' | 'days') =>
  wholeNumber({
    min,
    max,
    notNumber: expects('settings.units.notNumber', { unit }),
    whole: expects('settings.units.whole', { unit }),
    range: expects('settings.units.range', { min, max, unit }),
    fallback,
  });

/** How long duebot waits for the mail server by default: for each answer, and at most 15 s to connect. */
export const SMTP_TIMEOUT_MS = 30_000;

/** The letterhead's name while LETTER_COMPANY_NAME is unset: fine for a preview, never for a customer (issue 14). */
export const PLACEHOLDER_COMPANY_NAME = 'Your Company Ltd';

/** The letter settings by variable name; some only make sense together (SMTP_URL needs a sender and a name). */
export const letterSettings = settingsFragment(
  {
    SMTP_URL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(
          /^smtps?:\/\/[^/\s]+/,
          expects('settings.smtpUrl', {
            smtp: 'smtp://',
            smtps: 'smtps://',
            example: 'smtp://user:pass@mail:587',
          }),
        )
        .optional(),
    ),
    LETTER_FROM: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(
          /^[^<>@\s]*@[^<>@\s]+$|^[^<>]*<[^<>@\s]+@[^<>@\s]+>$/,
          expects('settings.letterFrom', { form: '"Name <address>"' }),
        )
        .optional(),
    ),
    LETTER_COMPANY_NAME: z.preprocess(
      emptyAsUndefined,
      z.string().max(200).default(PLACEHOLDER_COMPANY_NAME),
    ),
    LETTER_COMPANY_ADDRESS: z.preprocess(emptyAsUndefined, z.string().max(500).default('')),
    LETTER_COMPANY_REGISTRATION: z.preprocess(emptyAsUndefined, z.string().max(100).default('')),
    LETTER_STAMP_IMAGE: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/\.(png|jpe?g)$/i, expects('settings.stampImage', { png: 'PNG', jpeg: 'JPEG' }))
        .optional(),
    ),
    LETTER_PAYMENT_LINK: z.preprocess(
      emptyAsUndefined,
      z.url({ protocol: /^https?$/, error: expects('settings.paymentLink') }).optional(),
    ),
    LETTER_BANK_DETAILS: z.preprocess(emptyAsUndefined, z.string().max(500).default('')),
    LETTER_DEFAULT_LOCALE: z.preprocess(emptyAsUndefined, z.enum(LETTER_LOCALES).default('en')),
    LETTER_APPROVAL: z.preprocess(
      emptyAsUndefined,
      z
        .enum(['on', 'off', 'true', 'false', '1', '0'], {
          error: expects('settings.onOff', { on: 'on', off: 'off' }),
        })
        .default('off')
        .transform((v) => ['on', 'true', '1'].includes(v)),
    ),
    LETTER_ROLE: z.preprocess(emptyAsUndefined, z.enum(['collector', 'manager', 'sales']).default('manager')),
    LETTER_TEMPLATES_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
    LETTER_EARLY_DISCOUNT: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .refine(
          (v) => parseEarlyDiscount(v) !== null,
          expects('settings.earlyDiscount', { example: '2%/10' }),
        )
        .default('2%/10'),
    ),
    /** Minutes a letter may stay in `sending` before the recovery check calls it uncertain. */
    LETTER_UNCERTAIN_AFTER_MINUTES: wholeUnits(15, 1, 1440, 'minutes'),
    /** duebot's public address, where Teams users open letter PDFs (signed links). */
    DUEBOT_PUBLIC_URL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .refine(
          (v) => parsePublicUrl(v) !== null,
          expects('settings.publicUrl', { example: 'https://duebot.example.com', localhost: 'localhost' }),
        )
        .optional(),
    ),
    DUEBOT_LINK_SECRET: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .min(32, expects('settings.secret', { min: 32 }))
        .optional(),
    ),
    LETTER_LINK_DAYS: wholeUnits(30, 1, 365, 'days'),
    ...customerZoneVariables,
  },
  (s, env) => {
    const problems: SettingProblem[] = [];
    const smtp = 'SMTP_URL';
    if (s.SMTP_URL && !s.LETTER_FROM)
      problems.push(
        settingProblem('LETTER_FROM', 'settings.letterFromNeeded', {
          example: '"Acme AR <ar@acme.example>"',
          smtp,
        }),
      );
    if (s.SMTP_URL && !env.LETTER_COMPANY_NAME?.trim())
      problems.push(
        settingProblem('LETTER_COMPANY_NAME', 'settings.companyNameNeeded', {
          smtp,
          placeholder: PLACEHOLDER_COMPANY_NAME,
        }),
      );
    // MicrosoftAppPassword is the Teams fragment's; a link key can be derived from it (letterConfig).
    if (s.DUEBOT_PUBLIC_URL && !s.DUEBOT_LINK_SECRET && !env.MicrosoftAppPassword)
      problems.push(
        settingProblem('DUEBOT_LINK_SECRET', 'settings.linkSecretNeeded', {
          min: 32,
          example: 'openssl rand -base64 32',
          url: 'DUEBOT_PUBLIC_URL',
          password: 'MicrosoftAppPassword',
        }),
      );
    return problems;
  },
);

/** Letter settings as the letters module sees them. */
export interface LetterConfig {
  /** Unset: letters are rendered and posted for the collector to send by hand, labelled as not sent. */
  smtpUrl: string | undefined;
  from: string | undefined;
  company: { name: string; address: string[]; registration: string; stampImage: string | undefined };
  /** A way to pay, offered in every letter (issue 6); empty strings when not set. */
  payment: { link: string; bank: string[] };
  defaultLocale: LetterLocale;
  /** Formal demand, final notice and lawyer's letter wait for a second person's approval. */
  approval: boolean;
  /** The role those letters need. */
  restrictedRole: 'collector' | 'manager' | 'sales';
  /** Company templates, looked up before the built-in ones. */
  templatesDir: string | undefined;
  /** PB-18: the early-payment discount customers could have had. */
  earlyDiscount: { basisPoints: number; days: number };
  /** A letter in `sending` this long is taken to be uncertain by the recovery check. */
  uncertainAfterMinutes: number;
  /** How long a send waits for each answer of the mail server (tests shorten it). */
  smtpTimeoutMs: number;
  /** Signed links to stored letter PDFs (Teams): unset publicUrl means no links. */
  links: LetterLinkConfig;
  /** PB-24: customers' time zones where the ledger has none, or overriding it. */
  customerZones: CustomerZoneSettings;
}

/** Where and how long letter PDFs are linked. */
export interface LetterLinkConfig {
  /** DUEBOT_PUBLIC_URL without a trailing slash. */
  publicUrl: string | undefined;
  /** The HMAC key: DUEBOT_LINK_SECRET, or one derived from MicrosoftAppPassword. */
  secret: string | undefined;
  /** How long a link works (LETTER_LINK_DAYS). */
  days: number;
}

/** A link key derived from the bot's client secret, so one secret fewer to manage; never the secret itself. */
function derivedLinkSecret(appPassword: string): string {
  return createHmac('sha256', appPassword).update('duebot letter links v1').digest('base64url');
}

/**
 * The letter settings as the letters module sees them, from parsed variables; `appPassword`
 * (MicrosoftAppPassword) gives the link key when DUEBOT_LINK_SECRET is not set.
 */
export function letterConfig(s: z.output<typeof letterSettings.schema>, appPassword?: string): LetterConfig {
  return {
    smtpUrl: s.SMTP_URL,
    from: s.LETTER_FROM,
    company: {
      name: s.LETTER_COMPANY_NAME,
      address: lines(s.LETTER_COMPANY_ADDRESS),
      registration: s.LETTER_COMPANY_REGISTRATION,
      stampImage: s.LETTER_STAMP_IMAGE,
    },
    payment: { link: s.LETTER_PAYMENT_LINK ?? '', bank: lines(s.LETTER_BANK_DETAILS) },
    defaultLocale: s.LETTER_DEFAULT_LOCALE,
    approval: s.LETTER_APPROVAL,
    restrictedRole: s.LETTER_ROLE,
    templatesDir: s.LETTER_TEMPLATES_DIR,
    earlyDiscount: parseEarlyDiscount(s.LETTER_EARLY_DISCOUNT) ?? { basisPoints: 200, days: 10 },
    uncertainAfterMinutes: s.LETTER_UNCERTAIN_AFTER_MINUTES,
    smtpTimeoutMs: SMTP_TIMEOUT_MS,
    links: {
      publicUrl: s.DUEBOT_PUBLIC_URL ? (parsePublicUrl(s.DUEBOT_PUBLIC_URL) ?? undefined) : undefined,
      secret: s.DUEBOT_LINK_SECRET ?? (appPassword ? derivedLinkSecret(appPassword) : undefined),
      days: s.LETTER_LINK_DAYS,
    },
    customerZones: {
      overrides: s.DUEBOT_CUSTOMER_TIME_ZONE_OVERRIDES,
      fallback: s.DUEBOT_CUSTOMER_TIME_ZONE,
    },
  };
}

/** Letter settings with nothing set (tests, and contexts built without settings). */
export const defaultLetterConfig: LetterConfig = letterConfig(letterSettings.schema.parse({}));
