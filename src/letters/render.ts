/**
 * A letter, rendered: its template filled with the account's data, as an e-mail (subject, HTML and plain
 * text) and as a printable PDF with the letterhead. Rendering is pure apart from reading the template
 * and stamp files; nothing is sent or stored here.
 */
import type { LetterConfig, LetterLocale } from './settings.ts';
import { parseBody, type Letterhead, toHtml, toText } from './layout.ts';
import type { LetterData } from './letter-data.ts';
import { letterDate } from './locale.ts';
import { renderPdf } from './pdf.ts';
import { misstatements } from './fact-check.ts';
import { LetterTemplateError, renderTemplate } from './templates.ts';

/** A letter ready to send or post. */
export interface RenderedLetter {
  template: string;
  locale: LetterLocale;
  subject: string;
  text: string;
  html: string;
  pdf: Uint8Array;
  /** The PDF's file name: `<customer id>-<template>-<date>.pdf`. */
  filename: string;
}

const LABELS: Record<LetterLocale, { registration: string; date: string; attention: string }> = {
  en: { registration: 'Registration No.', date: 'Date:', attention: 'Attn:' },
  'zh-CN': { registration: '统一社会信用代码：', date: '日期：', attention: '收件人：' },
  'zh-TW': { registration: '統一編號：', date: '日期：', attention: '收件人：' },
};

/**
 * Renders `data.template` in `data.locale`; throws LetterTemplateError when the template fails.
 * `pdf: false` skips the PDF (the slow part, font subsetting) for previews; `pdf` is then empty.
 */
export async function renderLetter(
  data: LetterData,
  config: LetterConfig,
  options: { pdf?: boolean } = {},
): Promise<RenderedLetter> {
  const { subject, body } = await renderTemplate(data.template, data.locale, data, config.templatesDir);
  // PB-22: a letter that claims an earlier contact the history lacks is not rendered.
  const wrong = misstatements(`${subject}\n${body}`, data.history);
  if (wrong.length > 0)
    throw new LetterTemplateError(
      `The ${data.template} (${data.locale}) letter would misstate facts (PB-22): ${wrong
        .map((w) => `it says "${w.words}" (${w.says}), but ${w.lacks}`)
        .join('; ')}. Word that sentence from history.* in the template.`,
    );
  const labels = LABELS[data.locale];
  const head: Letterhead = {
    name: config.company.name,
    address: config.company.address,
    registration: config.company.registration,
    registrationLabel: labels.registration,
  };
  const blocks = parseBody(body);
  const pdf =
    options.pdf === false
      ? new Uint8Array()
      : await renderPdf({
          head,
          stampImage: config.company.stampImage,
          dateLine: `${labels.date} ${letterDate(data.today, data.locale)}`,
          recipient: [
            data.customer.name,
            ...(data.customer.contact !== data.customer.name
              ? [`${labels.attention} ${data.customer.contact}`]
              : []),
            ...(data.customer.email ? [data.customer.email] : []),
          ],
          subject,
          blocks,
        });
  const safeId = data.customer.id.replace(/[^A-Za-z0-9_-]+/g, '_');
  return {
    template: data.template,
    locale: data.locale,
    subject,
    text: toText(blocks, head),
    html: toHtml(blocks, head, data.locale),
    pdf,
    filename: `${safeId}-${data.template}-${data.today}.pdf`,
  };
}
