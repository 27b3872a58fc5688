/**
 * GET /letters/<id>.pdf?expires=...&sig=...: the stored PDF of a letter (what the customer got), for the
 * "Open PDF" button of Teams' letter copies. Served on the same server as /api/messages. Only a link
 * duebot signed and that has not expired opens a file; anything else gets a plain refusal and no file, in
 * the language the browser asks for (Accept-Language: en, zh-CN or zh-TW), else the company's.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Knex } from 'knex';
import type { Clock } from '../../src/clock.ts';
import type { Logger } from '../../src/log.ts';
import { loadLetterFile } from '../../src/letters/letter-files.ts';
import { checkLetterLink, type LinkCheck } from '../../src/letters/letter-links.ts';
import type { LetterLinkConfig } from '../../src/letters/settings.ts';
import { chooseLocale } from '../../src/i18n/locale.ts';
import type { LanguageConfig } from '../../src/i18n/settings.ts';
import { companyT } from '../../src/i18n/speech.ts';
import { translator, type Translator } from '../../src/i18n/translate.ts';

/** What serving letter PDFs needs. */
export interface LetterPdfOptions {
  db: Knex;
  links: LetterLinkConfig | undefined;
  clock: Clock;
  log: Logger;
  /** The company's language (DUEBOT_LOCALE), for a browser that asks for none duebot speaks. */
  language?: LanguageConfig;
}

/**
 * The languages an Accept-Language header asks for, most wanted first (`zh-TW,zh;q=0.9,en;q=0.8`);
 * a language refused with q=0 is left out.
 */
export function acceptedLanguages(header: string | string[] | undefined): string[] {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => l.tag !== '' && l.tag !== '*' && Number.isFinite(l.q) && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((l) => l.tag);
}

/** Who reads a refusal: the first language the request asks for that duebot speaks, else the company's. */
function readerT(req: IncomingMessage, language: LanguageConfig | undefined): Translator {
  const company = companyT(language);
  const locale = chooseLocale(acceptedLanguages(req.headers['accept-language']), company.locale);
  return translator(locale, { largeUnits: language?.largeUnits ?? false });
}

function refuse(res: ServerResponse, status: number, t: Translator, text: string): void {
  res
    .writeHead(status, {
      'content-type': 'text/plain; charset=utf-8',
      'content-language': t.locale,
      vary: 'Accept-Language',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    })
    .end(`${text}\n`);
}

/** `inline; filename="..."` with an ASCII fallback and the UTF-8 name (RFC 6266). */
function disposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Why a link opens no file, in the reader's words. */
function linkRefusal(t: Translator, check: Exclude<LinkCheck, { ok: true }>): string {
  switch (check.why) {
    case 'noSuchFile':
      return t.t('teams.pdf.noSuchFile');
    case 'incomplete':
      return t.t('teams.pdf.incomplete');
    case 'badSignature':
      return t.t('teams.pdf.badSignature');
    case 'expired':
      return t.t('teams.pdf.expired', { date: t.date(check.expiredOn), letterId: check.letterId });
  }
}

/** The request handler. */
export function createLetterPdfHandler(options: LetterPdfOptions) {
  const { db, clock, log } = options;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const t = readerT(req, options.language);
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD');
        refuse(res, 405, t, t.t('teams.pdf.onlyRead'));
        return;
      }
      const secret = options.links?.secret;
      if (!options.links?.publicUrl || !secret) {
        refuse(res, 404, t, t.t('teams.pdf.notEnabled'));
        return;
      }
      const check = checkLetterLink(secret, req.url ?? '', clock.now());
      if (!check.ok) {
        if (check.status === 403)
          log.warn({ path: req.url?.split('?')[0] }, 'letter pdf: refused a bad link');
        refuse(res, check.status, t, linkRefusal(t, check));
        return;
      }
      const file = await loadLetterFile(db, check.letterId);
      if (!file) {
        refuse(res, 404, t, t.t('teams.pdf.noStoredPdf', { letterId: check.letterId }));
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/pdf',
        'content-length': String(file.pdf.byteLength),
        'content-disposition': disposition(file.filename),
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      res.end(req.method === 'HEAD' ? undefined : Buffer.from(file.pdf));
    } catch (error) {
      log.error({ err: error }, 'letter pdf: could not serve a letter file');
      if (!res.headersSent) refuse(res, 500, t, t.t('teams.pdf.trouble'));
      else res.end();
    }
  };
}
