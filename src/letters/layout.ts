/**
 * A rendered letter body as structure, so one template yields the e-mail's HTML, its plain text and the
 * PDF alike. Lines starting `| ` are table rows (the first row of a table is its header), lines starting
 * `- ` are list items, `## ` starts a heading, anything else is paragraph text; blank lines separate.
 */

/** One piece of a letter body. */
export type LetterBlock =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; lines: string[] }
  | { type: 'list'; items: string[] }
  | { type: 'table'; header: string[]; rows: string[][] };

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());

/** Reads a rendered body into blocks. */
export function parseBody(body: string): LetterBlock[] {
  const blocks: LetterBlock[] = [];
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    const last = blocks.at(-1);
    if (line === '') {
      blocks.push({ type: 'paragraph', lines: [] });
    } else if (line.startsWith('|')) {
      if (last?.type === 'table') last.rows.push(cells(line));
      else blocks.push({ type: 'table', header: cells(line), rows: [] });
    } else if (line.startsWith('- ')) {
      if (last?.type === 'list') last.items.push(line.slice(2).trim());
      else blocks.push({ type: 'list', items: [line.slice(2).trim()] });
    } else if (line.startsWith('## ')) {
      blocks.push({ type: 'heading', text: line.slice(3).trim() });
    } else if (last?.type === 'paragraph') {
      last.lines.push(line);
    } else {
      blocks.push({ type: 'paragraph', lines: [line] });
    }
  }
  return blocks.filter((b) => b.type !== 'paragraph' || b.lines.length > 0);
}

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** What the letterhead shows. */
export interface Letterhead {
  name: string;
  address: string[];
  registration: string;
  registrationLabel: string;
}

const CELL = 'border:1px solid #ccc;padding:4px 8px;text-align:left';

/** The e-mail's HTML body: letterhead, then the blocks; every text is escaped. */
export function toHtml(blocks: LetterBlock[], head: Letterhead, lang: string): string {
  const out: string[] = [
    `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"></head>`,
    '<body style="font-family:Helvetica,Arial,\'Noto Sans SC\',sans-serif;font-size:14px;color:#222">',
    `<div style="border-bottom:1px solid #999;margin-bottom:16px"><strong style="font-size:18px">${escapeHtml(head.name)}</strong>`,
    ...head.address.map((l) => `<br>${escapeHtml(l)}`),
    head.registration ? `<br>${escapeHtml(head.registrationLabel)} ${escapeHtml(head.registration)}` : '',
    '</div>',
  ];
  for (const b of blocks) {
    if (b.type === 'heading') out.push(`<h3>${escapeHtml(b.text)}</h3>`);
    else if (b.type === 'paragraph') out.push(`<p>${b.lines.map(escapeHtml).join('<br>')}</p>`);
    else if (b.type === 'list')
      out.push(`<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`);
    else {
      const head_ = b.header.map((c) => `<th style="${CELL}">${escapeHtml(c)}</th>`).join('');
      const rows = b.rows
        .map((r) => `<tr>${r.map((c) => `<td style="${CELL}">${escapeHtml(c)}</td>`).join('')}</tr>`)
        .join('');
      out.push(
        `<table style="border-collapse:collapse"><thead><tr>${head_}</tr></thead><tbody>${rows}</tbody></table>`,
      );
    }
  }
  out.push('</body></html>');
  return out.join('\n');
}

/** The e-mail's plain-text body: letterhead lines, then the blocks with tables as aligned columns. */
export function toText(blocks: LetterBlock[], head: Letterhead): string {
  const out: string[] = [head.name, ...head.address];
  if (head.registration) out.push(`${head.registrationLabel} ${head.registration}`);
  out.push('');
  for (const b of blocks) {
    if (b.type === 'heading') out.push(b.text, '');
    else if (b.type === 'paragraph') out.push(...b.lines, '');
    else if (b.type === 'list') out.push(...b.items.map((i) => `- ${i}`), '');
    else out.push(...[b.header, ...b.rows].map((r) => r.join('  |  ')), '');
  }
  return `${out.join('\n').trim()}\n`;
}
