/**
 * The printable letter: company letterhead (name, address, registration number, optional stamp image),
 * date, recipient, subject and body, set in Noto Sans Hans so Chinese renders correctly (pdfkit's
 * built-in fonts silently garble it). The PDF embeds only the glyphs used (~50 KB).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LetterBlock, Letterhead } from './layout.ts';
import { LetterTemplateError } from './templates.ts';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts');
const REGULAR = join(fontDir, 'NotoSansHans-Regular.otf');
const BOLD = join(fontDir, 'NotoSansHans-Bold.otf');

/** What goes on the page besides the body. */
export interface PdfLetter {
  head: Letterhead;
  /** The stamp (PB ladder L4: formal letters are stamped), a PNG or JPEG file. */
  stampImage: string | undefined;
  dateLine: string;
  recipient: string[];
  subject: string;
  blocks: LetterBlock[];
}

async function stamp(path: string | undefined): Promise<Buffer | null> {
  if (!path) return null;
  try {
    return await readFile(path);
  } catch (error) {
    throw new LetterTemplateError(
      `LETTER_STAMP_IMAGE: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`,
    );
  }
}

function table(doc: PDFKit.PDFDocument, header: string[], rows: string[][]): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const cols = Math.max(header.length, ...rows.map((r) => r.length));
  const weights = Array.from({ length: cols }, (_, c) =>
    Math.max(4, ...[header, ...rows].map((r) => (r[c] ?? '').length)),
  );
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / sum) * width);
  const pad = 4;
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(9);
    const height =
      Math.max(...widths.map((w, c) => doc.heightOfString(cells[c] ?? '', { width: w - 2 * pad }))) + 2 * pad;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    let x = left;
    widths.forEach((w, c) => {
      doc.rect(x, top, w, height).strokeColor('#bbbbbb').lineWidth(0.5).stroke();
      doc.fillColor('#222222').text(cells[c] ?? '', x + pad, top + pad, { width: w - 2 * pad });
      x += w;
    });
    doc.x = left;
    doc.y = top + height;
  };
  drawRow(header, true);
  for (const r of rows) drawRow(r, false);
  doc.moveDown(0.8);
}

/** Renders the letter as a PDF. */
export async function renderPdf(letter: PdfLetter): Promise<Uint8Array> {
  const stampImage = await stamp(letter.stampImage);
  // Loaded on first use: pdfkit and its font engine take a second or more to import, which every
  // `duebot` start would otherwise pay.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: letter.subject, Author: letter.head.name },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.font('bold').fontSize(16).fillColor('#111111').text(letter.head.name);
  doc.font('regular').fontSize(9).fillColor('#444444');
  for (const line of letter.head.address) doc.text(line);
  if (letter.head.registration) doc.text(`${letter.head.registrationLabel} ${letter.head.registration}`);
  doc.moveDown(0.5);
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .strokeColor('#999999')
    .lineWidth(0.8)
    .stroke();
  doc.moveDown(1);

  doc.font('regular').fontSize(10).fillColor('#222222').text(letter.dateLine, { align: 'right' });
  doc.moveDown(0.5);
  for (const line of letter.recipient) doc.text(line);
  doc.moveDown(1);
  doc.font('bold').fontSize(12).text(letter.subject);
  doc.moveDown(0.8);

  for (const b of letter.blocks) {
    doc.x = left;
    if (b.type === 'heading') {
      doc.font('bold').fontSize(11).text(b.text);
      doc.moveDown(0.4);
    } else if (b.type === 'paragraph') {
      doc.font('regular').fontSize(10.5).text(b.lines.join('\n'), { width, lineGap: 2 });
      doc.moveDown(0.7);
    } else if (b.type === 'list') {
      doc.font('regular').fontSize(10.5);
      for (const item of b.items)
        doc.text(`•  ${item}`, left + 10, undefined, { width: width - 10, lineGap: 2 });
      doc.moveDown(0.7);
    } else {
      table(doc, b.header, b.rows);
    }
  }
  if (stampImage) {
    if (doc.y + 110 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc.image(stampImage, left + width - 110, doc.y, { fit: [110, 110] });
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
