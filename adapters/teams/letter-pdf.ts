/**
 * GET /letters/<id>.pdf?expires=...&sig=...: the stored PDF of a letter (what the customer got), for the
 * "Open PDF" button of Teams' letter copies. Served on the same server as /api/messages. Only a link
 * duebot signed and that has not expired opens a file; anything else gets a plain refusal and no file.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Knex } from 'knex';
import type { Clock } from '../../src/clock.ts';
import type { Logger } from '../../src/log.ts';
import { loadLetterFile } from '../../src/letters/letter-files.ts';
import { checkLetterLink } from '../../src/letters/letter-links.ts';
import type { LetterLinkConfig } from '../../src/letters/settings.ts';

/** What serving letter PDFs needs. */
export interface LetterPdfOptions {
  db: Knex;
  links: LetterLinkConfig | undefined;
  clock: Clock;
  log: Logger;
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res
    .writeHead(status, {
      'content-type': 'text/plain; charset=utf-8',
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

/** The request handler. */
export function createLetterPdfHandler(options: LetterPdfOptions) {
  const { db, clock, log } = options;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD');
        refuse(res, 405, 'Letter files can only be read (GET).');
        return;
      }
      const secret = options.links?.secret;
      if (!options.links?.publicUrl || !secret) {
        refuse(res, 404, 'Letter links are not enabled on this duebot (DUEBOT_PUBLIC_URL is not set).');
        return;
      }
      const check = checkLetterLink(secret, req.url ?? '', clock.now());
      if (!check.ok) {
        if (check.status === 403)
          log.warn({ path: req.url?.split('?')[0] }, 'letter pdf: refused a bad link');
        refuse(res, check.status, check.message);
        return;
      }
      const file = await loadLetterFile(db, check.letterId);
      if (!file) {
        refuse(res, 404, `Letter #${check.letterId} has no stored PDF.`);
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
      if (!res.headersSent) refuse(res, 500, 'duebot could not read the letter file; try again.');
      else res.end();
    }
  };
}
