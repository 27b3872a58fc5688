/**
 * Dunning letters' settings (issue 6): letterhead, payment details, delivery, approval. Part of the one
 * settings schema in src/config.ts, kept here beside the code that uses them.
 */
import { z } from 'zod';
import { emptyAsUndefined } from '../settings-input.ts';

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

/** The letter settings by variable name, spread into the settings schema. */
export const letterSettings = {
  SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^smtps?:\/\/[^/\s]+/, 'expected an smtp:// or smtps:// URL such as smtp://user:pass@mail:587')
      .optional(),
  ),
  LETTER_FROM: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(
        /^[^<>@\s]*@[^<>@\s]+$|^[^<>]*<[^<>@\s]+@[^<>@\s]+>$/,
        'expected an e-mail address or "Name <address>"',
      )
      .optional(),
  ),
  LETTER_COMPANY_NAME: z.preprocess(emptyAsUndefined, z.string().max(200).default('Your Company Ltd')),
  LETTER_COMPANY_ADDRESS: z.preprocess(emptyAsUndefined, z.string().max(500).default('')),
  LETTER_COMPANY_REGISTRATION: z.preprocess(emptyAsUndefined, z.string().max(100).default('')),
  LETTER_STAMP_IMAGE: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/\.(png|jpe?g)$/i, 'expected the path of a PNG or JPEG image')
      .optional(),
  ),
  LETTER_PAYMENT_LINK: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https?$/, error: 'expected an http(s) URL where customers can pay' }).optional(),
  ),
  LETTER_BANK_DETAILS: z.preprocess(emptyAsUndefined, z.string().max(500).default('')),
  LETTER_DEFAULT_LOCALE: z.preprocess(emptyAsUndefined, z.enum(LETTER_LOCALES).default('en')),
  LETTER_APPROVAL: z.preprocess(
    emptyAsUndefined,
    z
      .enum(['on', 'off', 'true', 'false', '1', '0'], { error: 'expected on or off' })
      .default('off')
      .transform((v) => ['on', 'true', '1'].includes(v)),
  ),
  LETTER_ROLE: z.preprocess(emptyAsUndefined, z.enum(['collector', 'manager', 'sales']).default('manager')),
  LETTER_TEMPLATES_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
  LETTER_EARLY_DISCOUNT: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((v) => parseEarlyDiscount(v) !== null, 'expected percent/days such as 2%/10')
      .default('2%/10'),
  ),
};

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
}

/** The letter settings as the letters module sees them, from parsed variables. */
export function letterConfig(s: z.infer<z.ZodObject<typeof letterSettings>>): LetterConfig {
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
  };
}

/** Letter settings with nothing set (tests, and contexts built without settings). */
export const defaultLetterConfig: LetterConfig = letterConfig(z.object(letterSettings).parse({}));
