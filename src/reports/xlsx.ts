/**
 * A one-sheet XLSX workbook written row by row, for lists too long to hold (the credit meeting's agenda at a
 * million accounts). The zip container (deflate, CRC, central directory) is yazl's, already a dependency for
 * the Teams app package; what is ours is the five small SpreadsheetML parts of ECMA-376 a workbook needs,
 * with inline strings (no shared-string table to keep in memory) and a bold, frozen header row.
 *
 * Text cells are data: they are written as strings, never formulas, so a name starting with = stays a name.
 */
import { PassThrough, Readable } from 'node:stream';
import yazl from 'yazl';
import type { CsvCell } from './csv.ts';

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;

// Style 1: bold (the header row).
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>`;

/** Characters XML 1.0 cannot carry at all (control characters other than tab, LF, CR). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const utf8 = (text: string) => Buffer.from(text, 'utf8');

const escapeXml = (text: string) =>
  text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The sheet's name: at most 31 characters, none of []:*?/\ (Excel refuses the workbook otherwise). */
export function sheetName(name: string): string {
  const clean = name.replace(/[[\]:*?/\\]/g, ' ').trim();
  return (clean || 'Sheet1').slice(0, 31);
}

function cellXml(value: CsvCell, style: number): string {
  const s = style ? ` s="${style}"` : '';
  if (value === null) return `<c${s}/>`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`an XLSX number must be finite, got ${value}`);
    return `<c${s}><v>${value}</v></c>`;
  }
  return `<c t="inlineStr"${s}><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
}

/** One `<row>` of the sheet (no cell references: each cell follows the previous one, as the schema allows). */
export const xlsxRow = (cells: readonly CsvCell[], style = 0): string =>
  `<row>${cells.map((c) => cellXml(c, style)).join('')}</row>`;

/**
 * The workbook as a stream of bytes: the header, then each batch of rows `pages` yields (rows already
 * written with xlsxRow), compressed as they come. Memory stays at one page and the zip's window.
 */
export function xlsxStream(
  title: string,
  header: readonly string[],
  pages: AsyncIterable<readonly string[]>,
): Readable {
  const zip = new yazl.ZipFile();
  const fixed = new Date(Date.UTC(2026, 0, 1)); // the same bytes for the same rows
  const add = (name: string, text: string) =>
    zip.addBuffer(Buffer.from(text, 'utf8'), name, { mtime: fixed });
  add('[Content_Types].xml', CONTENT_TYPES);
  add('_rels/.rels', ROOT_RELS);
  add(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${escapeXml(sheetName(title)).replace(/"/g, '&quot;')}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  add('xl/_rels/workbook.xml.rels', WORKBOOK_RELS);
  add('xl/styles.xml', STYLES);
  async function* sheet(): AsyncGenerator<Buffer> {
    yield utf8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>`);
    yield utf8(xlsxRow(header, 1));
    for await (const rows of pages) yield utf8(rows.join(''));
    yield utf8('</sheetData></worksheet>');
  }
  zip.addReadStream(Readable.from(sheet()), 'xl/worksheets/sheet1.xml', { mtime: fixed });
  zip.end();
  const out = new PassThrough();
  zip.outputStream.on('error', (e: Error) => out.destroy(e)).pipe(out);
  return out;
}

/** Everything a stream gives, as one array of bytes. */
export async function streamBytes(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return new Uint8Array(Buffer.concat(chunks));
}
